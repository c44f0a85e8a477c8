"""End-to-end: the contract manager steers with the scorecard in a real browser (issue 6 §10, R-K2, R-K3).

In the synthetic region (the real generator, scale 0.05, seed 42, with its declarations and the full rollup)
the contract manager opens a provider's scorecard, sees budget utilisation (KOS05) green under the standard
norm 70–80%, sets a stricter norm 85–95% through the norms form, comes back to the scorecard and sees the
light turn red — told by its word and symbol, not by colour alone — and exports the PDF.
Screenshots in var/screenshots/."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from jeugdregie.accounts.constants import Rol
from jeugdregie.beheersing.constants import Periodesoort
from jeugdregie.beheersing.grafieken import met_eenheid
from jeugdregie.beheersing.indicatoren.register import REGISTER
from jeugdregie.beheersing.models import Norm
from jeugdregie.beheersing.services import cijfers, rollup
from jeugdregie.beheersing.services.scorekaart import kwartaallabel
from jeugdregie.organisaties.models import Aanbieder, Regio
from jeugdregie.synthese.declaraties import genereer_declaraties
from jeugdregie.synthese.regio import PEILDATUM, genereer_regio

from ..builders.browser import csp_fouten, inloggen
from ..factories import GebruikerFactory
from .conftest import vereis_chromium

pytestmark = pytest.mark.e2e

KOS05 = REGISTER["KOS05"]  # budget utilisation of closed keuzebudgetten, standard norm 70–80% (R-A1)


def stil(_):
    return None


@pytest.fixture
def e2e_regio(transactional_db, catalogus):
    """The synthetic region, committed so the live server sees it: trajectories, declarations and the
    rollup. The quarter is the one the data runs into (the scorecard's default, from ``Verversing.data_tot``),
    never today's; the provider the first (by name) whose KOS05 in that quarter lies within 70–80%."""
    genereer_regio(peildatum=PEILDATUM, schaal=0.05, seed=42, melden=stil)
    genereer_declaraties(peildatum=PEILDATUM, seed=42, melden=stil)
    rollup.bouw_opnieuw()
    stand = rollup.stand()
    assert stand is not None and stand.data_tot is not None
    periode = rollup.periodebegin(stand.data_tot, Periodesoort.KWARTAAL)
    regio = Regio.objects.get(code="ijsselland")
    # KOS05 is the mean per budget (issue 21): its denominator counts budgets, and a cell of fewer
    # than five is shown as "<5" (small numbers, R-P3); of the providers within 70–80% the one
    # with the most budgets
    kandidaten = []
    for aanbieder in Aanbieder.objects.filter(regio=regio).order_by("naam"):
        cel = cijfers.cel(KOS05, Periodesoort.KWARTAAL, periode, aanbieder=aanbieder.pk)
        if cel.waarde is not None and Decimal(70) <= cel.waarde <= Decimal(80):
            kandidaten.append((cel.noemer or 0, aanbieder))
    if not kandidaten or max(n for n, _ in kandidaten) < 5:
        pytest.fail(f"geen aanbieder met een budgetbenutting van 70–80% in {kwartaallabel(periode)}")
    aanbieder = max(kandidaten, key=lambda k: k[0])[1]
    waarde = cijfers.cel(KOS05, Periodesoort.KWARTAAL, periode, aanbieder=aanbieder.pk).waarde
    contractmanager = GebruikerFactory(regio_rol=True, rol=Rol.CONTRACTMANAGER, first_name="Carla")
    assert contractmanager.regio_id == regio.pk
    return {
        "aanbieder": aanbieder,
        "periode": periode,
        "data_tot": stand.data_tot,
        "waarde": waarde,
        "contractmanager": contractmanager,
    }


def test_contractmanager_wijzigt_norm_en_ziet_licht_veranderen(page: Page, live_server, e2e_regio, screenshot):
    """R-K3: one provider's scorecard with its norm and light per indicator; R-K2: the contract manager sets a new
    norm version in the application and the light follows it (text, not colour alone); the scorecard exports to
    PDF (issue 6 §8)."""
    vereis_chromium()
    aanbieder, periode = e2e_regio["aanbieder"], e2e_regio["periode"]
    label = kwartaallabel(periode)
    inloggen(page, live_server, e2e_regio["contractmanager"])

    # Given: the provider's scorecard, opened from the list, shows the quarter the data runs into.
    page.get_by_role("navigation").get_by_role("link", name="Scorekaarten", exact=True).click()
    expect(page).to_have_url(re.compile(r"/beheersing/aanbieders/$"))
    page.get_by_role("link", name=aanbieder.naam, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/beheersing/aanbieders/{aanbieder.pk}/scorekaart/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Scorekaart {aanbieder.naam}")
    expect(page.locator("#id_periode")).to_have_value(label)
    expect(page.locator(".stand")).to_contain_text(f"Gegevens tot en met {e2e_regio['data_tot']:%d-%m-%Y}")
    rij = page.locator(f"tr[data-indicator='{KOS05.code}']")
    expect(rij.locator("td.getal")).to_have_text(met_eenheid(e2e_regio["waarde"], KOS05.eenheid, KOS05.decimalen))
    expect(rij).to_contain_text("70,0 % – 80,0 % (standaardnorm)")
    expect(rij.locator(".licht")).to_have_text("✓ Groen")
    expect(rij).to_contain_text("Groen: binnen de norm")
    screenshot(page, "scorekaart-voor")

    # When: the contract manager sets a stricter norm (85–95%) from this quarter on, through the form.
    rij.get_by_role("link", name=f"Norm van {KOS05.naam} wijzigen").click()
    expect(page).to_have_url(
        re.compile(r"/beheersing/normen/\?indicator=KOS05&vanaf=\d{4}-\d{2}&volgende=.*#nieuwe-norm$")
    )
    expect(page.locator("#id_indicator")).to_have_value(KOS05.code)
    expect(page.locator("input[name=soort][value=absoluut]")).to_be_checked()
    page.fill("#id_ondergrens", "85")
    page.fill("#id_bovengrens", "95")
    expect(page.locator("#id_geldig_vanaf")).to_have_value(f"{periode:%Y-%m}")  # the quarter on screen
    page.fill("#id_toelichting", "Strenger na het leveranciersgesprek")
    screenshot(page, "norm-wijzigen")
    page.get_by_role("button", name="Norm vaststellen").click()

    # Then: back on the scorecard the light is red, said in words and with its symbol. (The browser keeps the
    # form's #nieuwe-norm fragment across the redirect.)
    expect(page).to_have_url(re.compile(rf"/beheersing/aanbieders/{aanbieder.pk}/scorekaart/(#nieuwe-norm)?$"))
    expect(page.get_by_role("status")).to_contain_text(
        f"Norm voor {KOS05.naam} vastgesteld vanaf {periode:%m-%Y}: 85,0 % – 95,0 %."
    )
    expect(rij).to_contain_text("85,0 % – 95,0 %")
    expect(rij.locator(".licht")).to_have_text("✕ Rood")
    expect(rij).to_contain_text("Rood: onder de norm")
    expect(page.locator(".pijler[data-pijler='kosten'] .licht")).to_have_text("✕ Rood")  # the worst light at a glance
    screenshot(page, "scorekaart-na")
    norm = Norm.objects.get(indicator=KOS05.code)
    assert (norm.ondergrens, norm.bovengrens, norm.geldig_vanaf, norm.soort, norm.categorie) == (
        Decimal(85),
        Decimal(95),
        periode,
        "absoluut",
        "",
    )
    assert norm.vastgesteld_door == e2e_regio["contractmanager"]

    # And: the scorecard exports to PDF (WeasyPrint).
    with page.expect_download() as gedownload:
        page.get_by_role("link", name="Exporteer PDF").click()
    download = gedownload.value
    assert download.suggested_filename == f"scorekaart-{aanbieder.agb_code}-{label}.pdf"
    inhoud = download.path().read_bytes()
    assert inhoud.startswith(b"%PDF-") and inhoud.rstrip().endswith(b"%%EOF")
    assert len(inhoud) > 20_000
    assert csp_fouten(page) == []
