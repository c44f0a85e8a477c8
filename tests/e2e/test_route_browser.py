"""End-to-end: the client route in a real browser (issue 3 §8). The toegang refers with keuzebudget
herstel 3; the provider screens, accepts and starts; the provider requests an adjustment for
"gewijzigde omstandigheden"; the toegang honours it. Screenshots in var/screenshots/."""

import re

import pytest
from playwright.sync_api import Page, expect

from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzing
from jeugdregie.verwijzingen.models import Verwijzing

from ..builders.browser import csp_fouten, inloggen
from .conftest import vereis_chromium

pytestmark = pytest.mark.e2e


@pytest.fixture
def e2e_route(transactional_db, route):
    return route


def uitloggen(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(re.compile(r"/inloggen/"))


def test_verwijzen_screenen_starten_aanpassen(page: Page, live_server, e2e_route, screenshot):
    vereis_chromium()
    gebruikers, jeugdige = e2e_route["gebruikers"], e2e_route["jeugdige_zwolle"]

    # 1. The toegang refers with keuzebudget herstel 3 (R-T1, R-T4), guided by the SPEC §4.2 examples.
    inloggen(page, live_server, gebruikers["toegang"])
    page.get_by_role("navigation").get_by_role("link", name="Verwijzingen").click()
    page.get_by_role("link", name="Nieuwe verwijzing").click()
    expect(page.locator("#keuzebudget-uitleg")).to_contain_text("Welk keuzebudget past?")
    page.fill("#id_bsn", jeugdige.bsn)
    page.select_option("#id_aanbieder", str(e2e_route["aanbieder"].pk))
    page.fill("#id_resultaten", "Zara gaat weer vijf dagen per week naar school.\nZara slaapt weer thuis.")
    page.check("input[name=soort][value=herstel]")
    page.select_option("#id_niveau", "3")
    screenshot(page, "verwijzing-invullen")
    page.get_by_role("button", name="Verwijzing registreren").click()
    expect(page.locator("#status")).to_have_text("Te screenen")
    expect(page.locator("#keuzebudget")).to_contain_text("niveau 3")
    verwijzing = Verwijzing.objects.get()
    assert (verwijzing.keuzebudget.niveau, verwijzing.keuzebudget.soort) == (3, "herstel")
    screenshot(page, "verwijzing-geregistreerd")
    uitloggen(page)

    # 2. The provider finds it on its worklist, screens, accepts (R-S1) and starts care (R-H1).
    inloggen(page, live_server, gebruikers["aanbieder"])
    werkvoorraad = page.locator("section.werkvoorraad", has_text="Te screenen")
    werkvoorraad.get_by_role("link", name=re.compile(f"Verwijzing {verwijzing.pk}")).click()
    page.select_option("#id_uitkomst", "geaccepteerd")
    page.get_by_role("button", name="Screening vastleggen").click()
    expect(page.locator("#status")).to_have_text("Geaccepteerd")
    screenshot(page, "geaccepteerd")
    page.get_by_role("button", name="Zorg starten").click()
    expect(page.locator(".toewijzing-status")).to_contain_text("Zorg gestart")
    assert Toewijzing.objects.get().status == "gestart"
    screenshot(page, "zorg-gestart")

    # 3. The provider requests an adjustment for reason 3, gewijzigde omstandigheden (R-A4).
    page.get_by_role("link", name="Aanpassing aanvragen").click()
    page.select_option("#id_reden", "3")
    page.fill("#id_toelichting", "Het gezin is verhuisd; Zara heeft meer begeleiding nodig.")
    page.check("#id_besproken_met_toegang")
    page.fill("#id_gevraagd_bedrag", "4500")
    screenshot(page, "aanpassing-invullen")
    page.get_by_role("button", name="Aanvraag indienen").click()
    expect(page.locator("td.aanpassing-status")).to_have_text("Ingediend")
    uitloggen(page)

    # 4. The toegang honours it with a motivation (R-A2, R-A5).
    inloggen(page, live_server, gebruikers["toegang"])
    aanvraag = Aanpassingsaanvraag.objects.get()
    page.locator("section.werkvoorraad", has_text="Aanpassingsaanvragen om te beslissen").get_by_role(
        "link", name=re.compile(f"Aanpassing {aanvraag.pk}")
    ).click()
    page.select_option("#id_besluit", "toegekend")
    page.fill("#id_motivering", "Past bij de gewijzigde situatie; besproken met het gezin.")
    page.fill("#id_toegekend_bedrag", "4500")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator("#aanpassing-status")).to_contain_text("Toegekend")
    screenshot(page, "aanpassing-toegekend")
    verwijzing.keuzebudget.refresh_from_db()
    assert str(verwijzing.keuzebudget.bedrag) == "4500.00"
    assert csp_fouten(page) == []
