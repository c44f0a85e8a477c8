"""End-to-end: the child's dossier (issue 19 §2). The toegang goes from the child's page to its
dossier, starts a referral there with the BSN already filled in, and finds it back in the
dossier's timeline; the provider it referred to sees that referral in its own dossier view, with
the action to screen it. Screenshots in var/screenshots/."""

import re

import pytest
from playwright.sync_api import Page, expect

from jeugdregie.verwijzingen.models import Verwijzing

from ..builders.browser import inloggen
from .conftest import vereis_chromium

pytestmark = pytest.mark.e2e


@pytest.fixture
def e2e_route(transactional_db, route):
    return route


def test_dossier_verwijzen_zonder_bsn_over_te_typen(page: Page, live_server, e2e_route, screenshot):
    vereis_chromium()
    gebruikers, jeugdige = e2e_route["gebruikers"], e2e_route["jeugdige_zwolle"]

    # 1. The toegang opens the child, then its dossier: nothing yet, but the action to refer.
    inloggen(page, live_server, gebruikers["toegang"])
    page.goto(f"{live_server.url}/jeugdigen/{jeugdige.pk}/")
    page.get_by_role("link", name=re.compile("Dossier")).click()
    expect(page).to_have_url(re.compile(rf"/jeugdigen/{jeugdige.pk}/dossier/$"))
    expect(page.locator("#dossier-tijdlijn")).to_contain_text("Nog niets vastgelegd")
    screenshot(page, "dossier-leeg")

    # 2. "Nieuwe verwijzing voor deze jeugdige": the BSN is filled in, the child named.
    page.get_by_role("link", name="Nieuwe verwijzing voor deze jeugdige").click()
    expect(page.locator("#id_bsn")).to_have_value(jeugdige.bsn)
    expect(page.locator("#gekozen-jeugdige")).to_contain_text("Zara Zwolsma")
    assert jeugdige.bsn not in page.url
    page.select_option("#id_aanbieder", str(e2e_route["aanbieder"].pk))
    page.fill("#id_resultaten", "Zara gaat weer vijf dagen per week naar school.")
    page.check("input[name=soort][value=herstel]")
    page.select_option("#id_niveau", "3")
    screenshot(page, "verwijzing-voorgevuld")
    page.get_by_role("button", name="Verwijzing registreren").click()
    expect(page.locator("#status")).to_have_text("Te screenen")
    verwijzing = Verwijzing.objects.get()
    assert verwijzing.jeugdige == jeugdige

    # 3. Back in the dossier, the referral is in the timeline with a link to its page.
    page.goto(f"{live_server.url}/jeugdigen/{jeugdige.pk}/dossier/")
    rij = page.locator("#dossier-tijdlijn tr", has_text=f"verwijzing {verwijzing.pk},")
    expect(rij).to_contain_text("Te screenen")
    expect(rij.get_by_role("link")).to_have_attribute("href", f"/route/verwijzingen/{verwijzing.pk}/")
    screenshot(page, "dossier-met-verwijzing")
    page.get_by_role("button", name="Uitloggen").click()

    # 4. The provider sees it in its dossier view, with the action to screen.
    inloggen(page, live_server, gebruikers["aanbieder"])
    page.goto(f"{live_server.url}/jeugdigen/{jeugdige.pk}/dossier/")
    expect(page.locator("#dossier-acties")).to_contain_text(f"Verwijzing {verwijzing.pk} screenen")
    screenshot(page, "dossier-aanbieder")
