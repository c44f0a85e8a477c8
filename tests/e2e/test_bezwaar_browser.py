"""End-to-end (issue 20 §3, R-D2 with R-D1): the toegang withdrew an allocation of a child with a
parent with gezag; its letter was made after the commit and sent. In the browser the toegang
registers the parent's objection from the child's dossier, declares it gegrond, and the new
referral follows; once the provider accepts it, the new allocation's own letter is in the
dossier. Screenshots in var/screenshots/."""

import re

import pytest
from playwright.sync_api import Page, expect

from jeugdregie.beschikkingen.constants import BeschikkingSoort
from jeugdregie.beschikkingen.models import Beschikking
from jeugdregie.beschikkingen.services.verzenden import verstuur
from jeugdregie.bezwaar.models import Bezwaar
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services import screen_verwijzing
from jeugdregie.toewijzingen.services.intrekken import trek_toewijzing_in

from ..builders.bezwaar import toegewezen
from ..builders.browser import inloggen
from ..builders.gezin import ouder_met_gezag
from .conftest import vereis_chromium

pytestmark = pytest.mark.e2e


@pytest.fixture
def e2e_route(transactional_db, route, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return route


def test_bezwaar_gegrond_geeft_nieuw_besluit_met_eigen_beschikking(page: Page, live_server, e2e_route, screenshot):
    vereis_chromium()
    gebruikers, jeugdige = e2e_route["gebruikers"], e2e_route["jeugdige_zwolle"]
    toegang = gebruikers["toegang"]
    ouder_met_gezag(jeugdige)
    oud = toegewezen(e2e_route)
    trek_toewijzing_in(toewijzing=oud, door=toegang)  # committed: the letter is made after it
    intrekking = Beschikking.objects.get(soort=BeschikkingSoort.INTREKKING)
    verstuur(beschikking=intrekking, door=toegang)

    # 1. From the dossier: the sent letter with "Bezwaar registreren".
    inloggen(page, live_server, toegang)
    page.goto(f"{live_server.url}/jeugdigen/{jeugdige.pk}/dossier/")
    rij = page.locator("#dossier-bezwaren tr", has_text=intrekking.nummer)
    rij.get_by_role("link", name="Bezwaar registreren").click()
    page.fill("#id_indiener", "Petra de Vries (moeder)")
    page.fill("#id_gronden", "Zara heeft de hulp nog nodig; de intrekking is onterecht.")
    screenshot(page, "bezwaar-registreren")
    page.get_by_role("button", name="Bezwaar registreren").click()
    expect(page.locator("#bezwaar-gegevens")).to_contain_text("op tijd")
    bezwaar = Bezwaar.objects.get()
    assert bezwaar.tijdig and bezwaar.beschikking == intrekking
    screenshot(page, "bezwaar-geregistreerd")

    # 2. Declared gegrond: the proposal holds the original results; the new referral follows.
    page.get_by_role("link", name="Beslissen op bezwaar").click()
    expect(page.locator("#id_resultaten")).to_have_value(re.compile("vijf dagen per week naar school"))
    page.select_option("#id_uitkomst", "gegrond")
    page.fill("#id_motivering", "De hulp is nog nodig; de intrekking wordt herroepen.")
    page.get_by_role("button", name="Beslissing vastleggen").click()
    expect(page.locator("#bezwaar-gegevens")).to_contain_text("Gegrond")
    bezwaar.refresh_from_db()
    nieuw = bezwaar.nieuwe_verwijzing
    expect(page.locator("#bezwaar-gegevens")).to_contain_text(f"Verwijzing {nieuw.pk}")
    screenshot(page, "bezwaar-gegrond")

    # 3. The provider accepts the new referral; the new allocation's letter is in the dossier.
    screen_verwijzing(verwijzing=nieuw, uitkomst="geaccepteerd", door=gebruikers["aanbieder"])
    toewijzing = Toewijzing.objects.get(verwijzing=nieuw)
    brief = Beschikking.objects.get(gebeurtenis__objecttype="toewijzing", gebeurtenis__object_id=toewijzing.pk)
    page.goto(f"{live_server.url}/jeugdigen/{jeugdige.pk}/dossier/")
    expect(page.locator("body")).to_contain_text(brief.nummer)
    screenshot(page, "dossier-nieuwe-beschikking")
