"""End-to-end (issue 20, R-D1 and R-D2): a decision reaches the family, through the real screens.

The toegang adds the mother with gezag to Zara's family and refers her; the provider accepts
and starts care. The allocation's letter (beschikking) is made after that commit and is in the
child's dossier: the toegang downloads the PDF (the decision, the mother's name, the objection
clause of Awb 6:7) and records its dispatch. The mother objects; the toegang registers the
bezwaar from the dossier and declares it gegrond. The new decision is taken on the route's own
page (the provider's adjustment request, discussed with the toegang, granted by the toegang);
its own letter follows, is linked to the bezwaar and is in the dossier. Screenshots in
var/screenshots/."""

import io
import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from jeugdregie.beschikkingen.constants import BeschikkingSoort
from jeugdregie.beschikkingen.models import Beschikking
from jeugdregie.bezwaar.constants import Uitkomst
from jeugdregie.bezwaar.models import Bezwaar
from jeugdregie.gezin.models import Gezinslid
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzing
from jeugdregie.verwijzingen.models import Verwijzing

from ..builders.browser import csp_fouten, inloggen
from .conftest import SCREENSHOT_DIR, vereis_chromium

pytestmark = pytest.mark.e2e


@pytest.fixture
def e2e_route(transactional_db, route, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return route


def uitloggen(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(re.compile(r"/inloggen/"))


def pdf_tekst(page: Page, link) -> tuple[str, str]:
    """Click the letter's link in the dossier as a person would; the PDF's file name and its text
    (whitespace collapsed, so line breaks of the layout do not matter)."""
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    download.save_as(SCREENSHOT_DIR / download.suggested_filename)  # to look at, beside the screenshots
    inhoud = download.path().read_bytes()
    assert inhoud.startswith(b"%PDF-")
    tekst = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(inhoud)).pages)
    return download.suggested_filename, " ".join(tekst.split())


def test_besluit_bereikt_het_gezin_en_bezwaar_gegrond_geeft_nieuw_besluit_met_brief(
    page: Page, live_server, e2e_route, screenshot
):
    vereis_chromium()
    gebruikers, kind = e2e_route["gebruikers"], e2e_route["jeugdige_zwolle"]
    dossier = f"{live_server.url}/jeugdigen/{kind.pk}/dossier/"

    # 1. The toegang adds the mother with gezag from the dossier (R-D1: someone to address).
    inloggen(page, live_server, gebruikers["toegang"])
    page.goto(dossier)
    page.get_by_role("link", name="Ouder of gezagsdrager toevoegen").click()
    page.fill("#id_voornamen", "Petra")
    page.fill("#id_achternaam", "de Vries")
    page.uncheck("#id_woont_bij_jeugdige")
    page.fill("#id_straatnaam", "Thorbeckegracht")
    page.fill("#id_huisnummer", "7")
    page.fill("#id_postcode", "8011 VM")
    page.fill("#id_plaatsnaam", "Zwolle")
    screenshot(page, "ouder-toevoegen")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#geadresseerden")).to_contain_text("Petra de Vries (ouder, per post)")
    assert Gezinslid.objects.get().gezag
    screenshot(page, "gezin")

    # 2. The toegang refers Zara with keuzebudget herstel 3.
    page.get_by_role("navigation").get_by_role("link", name="Verwijzingen").click()
    page.get_by_role("link", name="Nieuwe verwijzing").click()
    page.fill("#id_bsn", kind.bsn)
    page.select_option("#id_aanbieder", str(e2e_route["aanbieder"].pk))
    page.fill("#id_resultaten", "Zara gaat weer vijf dagen per week naar school.")
    page.check("input[name=soort][value=herstel]")
    page.select_option("#id_niveau", "3")
    page.get_by_role("button", name="Verwijzing registreren").click()
    expect(page.locator("#status")).to_have_text("Te screenen")
    verwijzing = Verwijzing.objects.get()
    screenshot(page, "verwijzing")
    uitloggen(page)

    # 3. The provider accepts and starts care: the allocation is the toegang's decision.
    inloggen(page, live_server, gebruikers["aanbieder"])
    page.locator("section.werkvoorraad", has_text="Te screenen").get_by_role(
        "link", name=re.compile(f"Verwijzing {verwijzing.pk}")
    ).click()
    page.select_option("#id_uitkomst", "geaccepteerd")
    page.get_by_role("button", name="Screening vastleggen").click()
    expect(page.locator("#status")).to_have_text("Geaccepteerd")
    page.get_by_role("button", name="Zorg starten").click()
    expect(page.locator(".toewijzing-status")).to_contain_text("Zorg gestart")
    uitloggen(page)

    # 4. R-D1: the letter was made after the commit and is in the dossier, addressed to the mother.
    toewijzing = Toewijzing.objects.get()
    brief = Beschikking.objects.get()
    assert (brief.soort, brief.gebeurtenis.object_id) == (BeschikkingSoort.TOEWIJZING, toewijzing.pk)
    inloggen(page, live_server, gebruikers["toegang"])
    page.goto(dossier)
    rij = page.locator("#dossier-beschikkingen tr", has_text=brief.nummer)
    expect(rij).to_contain_text("Petra de Vries")
    expect(rij).to_contain_text("nog niet")
    screenshot(page, "dossier-met-beschikking")
    naam, tekst = pdf_tekst(page, rij.get_by_role("link", name=brief.nummer))
    assert naam == f"{brief.nummer}.pdf"
    assert "Besluit over jeugdhulp voor Zara Zwolsma" in tekst
    assert "Wij geven Zara Zwolsma jeugdhulp." in tekst
    assert "Zara gaat weer vijf dagen per week naar school." in tekst
    assert "Beste Zara Zwolsma en Petra de Vries," in tekst  # Zara is 12-16: both (Jeugdwet 7.3.4)
    assert "Petra de Vries Thorbeckegracht 7 8011 VM" in tekst  # the mother's own address
    assert "Dan kunt u bezwaar maken. Dat moet binnen 6 weken." in tekst
    assert "Algemene wet bestuursrecht, artikel 6:7" in tekst
    assert tekst.count("Bent u het niet eens met dit besluit?") == 1  # the heading, not asked twice

    # The dispatch is recorded from the dossier (server date); the objection term starts.
    rij.get_by_role("button", name="Verzending vastleggen").click()
    expect(page).to_have_url(dossier)
    expect(page.get_by_role("status")).to_contain_text(f"Beschikking {brief.nummer} is verzonden op")
    expect(page.locator("#dossier-beschikkingen tr", has_text=brief.nummer)).to_contain_text("Per post")
    brief.refresh_from_db()
    assert brief.verzonden_op is not None
    screenshot(page, "beschikking-verzonden")

    # 5. R-D2: the mother's objection, registered from the dossier, on time.
    page.locator("#dossier-bezwaren tr", has_text=brief.nummer).get_by_role("link", name="Bezwaar registreren").click()
    page.fill("#id_indiener", "Petra de Vries (moeder)")
    page.fill("#id_gronden", "Zara heeft meer begeleiding nodig dan niveau 3.")
    screenshot(page, "bezwaar-registreren")
    page.get_by_role("button", name="Bezwaar registreren").click()
    expect(page.locator("#bezwaar-gegevens")).to_contain_text("op tijd")
    bezwaar = Bezwaar.objects.get()
    assert bezwaar.beschikking == brief and bezwaar.tijdig
    screenshot(page, "bezwaar-geregistreerd")

    # 6. Declared gegrond: an allocation is re-made on the route's own page, so the objection
    # waits for its new decision.
    page.get_by_role("link", name="Beslissen op bezwaar").click()
    page.select_option("#id_uitkomst", "gegrond")
    page.fill("#id_motivering", "Zara heeft meer begeleiding nodig; de hulp wordt uitgebreid.")
    screenshot(page, "beslissen")
    page.get_by_role("button", name="Beslissing vastleggen").click()
    expect(page.locator("#bezwaar-gegevens")).to_contain_text("Gegrond")
    bezwaar.refresh_from_db()
    assert bezwaar.uitkomst == Uitkomst.GEGROND and bezwaar.wacht_op_nieuw_besluit
    page.goto(f"{live_server.url}/")
    expect(page.locator("body")).to_contain_text(f"Bezwaar {bezwaar.nummer} gegrond: nieuw besluit nemen")
    screenshot(page, "werkvoorraad-nieuw-besluit")
    uitloggen(page)

    # 7. The new decision through the normal services: the provider requests the larger budget
    # (discussed with the toegang), the toegang grants it.
    inloggen(page, live_server, gebruikers["aanbieder"])
    page.goto(f"{live_server.url}/route/verwijzingen/{verwijzing.pk}/")
    page.get_by_role("link", name="Aanpassing aanvragen").click()
    page.select_option("#id_reden", "3")
    page.fill("#id_toelichting", "Bezwaar gegrond verklaard: Zara heeft meer begeleiding nodig.")
    page.check("#id_besproken_met_toegang")
    page.fill("#id_gevraagd_bedrag", "4500")
    page.get_by_role("button", name="Aanvraag indienen").click()
    expect(page.locator("td.aanpassing-status")).to_have_text("Ingediend")
    uitloggen(page)

    inloggen(page, live_server, gebruikers["toegang"])
    aanvraag = Aanpassingsaanvraag.objects.get()
    page.locator("section.werkvoorraad", has_text="Aanpassingsaanvragen om te beslissen").get_by_role(
        "link", name=re.compile(f"Aanpassing {aanvraag.pk}")
    ).click()
    page.select_option("#id_besluit", "toegekend")
    page.fill("#id_motivering", "Na het gegronde bezwaar: meer begeleiding, zoals de aanbieder vraagt.")
    page.fill("#id_toegekend_bedrag", "4500")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator("#aanpassing-status")).to_contain_text("Toegekend")

    # 8. The new decision's own letter follows and is in the dossier; once sent, it is linked to
    # the bezwaar.
    nieuw = Beschikking.objects.get(soort=BeschikkingSoort.AANPASSING)
    assert nieuw.pk != brief.pk and [g["naam"] for g in nieuw.geadresseerden] == ["Zara Zwolsma", "Petra de Vries"]
    page.goto(dossier)
    rij = page.locator("#dossier-beschikkingen tr", has_text=nieuw.nummer)
    expect(rij).to_contain_text("Besluit over een aanpassing")
    _, tekst = pdf_tekst(page, rij.get_by_role("link", name=nieuw.nummer))
    aanbieder = e2e_route["aanbieder"].naam
    assert f"Wij passen de jeugdhulp van Zara Zwolsma bij {aanbieder} aan. Zoals is gevraagd." in tekst
    assert "Na het gegronde bezwaar: meer begeleiding" in tekst
    assert "Beste Zara Zwolsma en Petra de Vries," in tekst
    assert "Dan kunt u bezwaar maken. Dat moet binnen 6 weken." in tekst
    assert "4.500,00" in tekst
    rij.get_by_role("button", name="Verzending vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text(f"Beschikking {nieuw.nummer} is verzonden op")
    screenshot(page, "dossier-nieuwe-beschikking")

    page.locator("#dossier-bezwaren").get_by_role("link", name=bezwaar.nummer).click()
    page.get_by_role("link", name="Nieuwe beschikking koppelen").click()
    page.select_option("#id_beschikking", str(nieuw.pk))
    screenshot(page, "koppelen")
    page.get_by_role("button", name="Koppelen").click()
    expect(page.locator("#bezwaar-gegevens")).to_contain_text(f"Beschikking {nieuw.nummer}")
    bezwaar.refresh_from_db()
    assert bezwaar.nieuwe_beschikking == nieuw and not bezwaar.wacht_op_nieuw_besluit
    screenshot(page, "bezwaar-met-nieuw-besluit")
    page.goto(f"{live_server.url}/")
    expect(page.locator("body")).not_to_contain_text(f"Bezwaar {bezwaar.nummer} gegrond: nieuw besluit nemen")
    assert csp_fouten(page) == []
