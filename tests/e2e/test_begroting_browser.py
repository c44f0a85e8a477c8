"""End-to-end: finance enters a begroting and reads the forecast in a real browser (issue 13 §5,
R-V3, R-V4). An allocation committed through the services and a declaration approved by the
intake give the page its data; finance sets the ambulant begroting below the forecast, sees the
version, the monthly table with the forecast, the chart and the signal, and downloads the CSV.
Screenshots in var/screenshots/."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from jeugdregie.begroting.models import Begroting
from jeugdregie.common.tijd import vandaag

from ..builders.browser import csp_fouten, inloggen
from ..builders.declaraties import declareer, regel
from ..builders.route import gestart
from .conftest import vereis_chromium

pytestmark = pytest.mark.e2e


@pytest.fixture
def e2e_budget(transactional_db, route):
    toewijzing = gestart(route)
    declareer(route, [regel(toewijzing, "E2E-1")])  # € 860 approved, on € 3,000 committed
    return route


def test_financieel_stelt_begroting_vast_en_leest_de_prognose(page: Page, live_server, e2e_budget, screenshot):
    vereis_chromium()
    route = e2e_budget
    financieel = route["gebruikers"]["financieel"]
    jaar = vandaag().year
    inloggen(page, live_server, financieel)

    page.get_by_role("navigation").get_by_role("link", name="Budgetbeheersing", exact=True).click()
    expect(page).to_have_url(re.compile(r"/begroting/"))
    expect(page.get_by_role("heading", name="Budgetbeheersing", level=1)).to_be_visible()

    # Given: finance sets this year's ambulant begroting at € 100,00 (below what is committed).
    page.fill("#id_begroting_jaar", str(jaar))
    page.select_option("#id_begroting_post", "ambulant")
    page.fill("#id_begroting_bedrag", "100")
    screenshot(page, "begroting-invullen")
    # (submitted with Enter in the amount field, as a user would; a click at the page's foot landed
    # on the form beside the button in headless chromium)
    with page.expect_navigation():
        page.press("#id_begroting_bedrag", "Enter")

    # Then: the version is listed, the table and the chart show, the signal is raised.
    expect(page.locator("#versies")).to_contain_text("€ 100,00")
    expect(page.locator("#totaal-begroting")).to_have_text("€ 100,00")
    expect(page.locator("#maanden tbody tr")).to_have_count(12)
    expect(page.locator("figure svg")).to_be_visible()
    expect(page.locator("#signaal")).to_contain_text("Signaal")
    screenshot(page, "begroting-prognose")
    assert Begroting.objects.filter(gemeente=route["zwolle"], jaar=jaar, post="ambulant").count() == 1

    # And: the CSV export is a download of the same figures.
    with page.expect_download() as download:
        page.get_by_role("link", name="Exporteer CSV").click()
    inhoud = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Totaal;100,00;" in inhoud  # CSV numbers in the Dutch notation (issue 19 §5, docs/exports.md)
    assert csp_fouten(page) == []
