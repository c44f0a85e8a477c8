"""End-to-end: a provider uploads a declaration in a real browser (issue 4 §6). One valid and one
invalid line: the page shows 1 goedgekeurd, 1 afgekeurd and the Dutch explanation of what to fix;
the detail shows the rejected line with its code. Screenshots in var/screenshots/."""

import re

import pytest
from playwright.sync_api import Page, expect

from jeugdregie.budgetten.models import Budgetstand
from jeugdregie.declaraties.constants import Afkeur
from jeugdregie.declaraties.models import Declaratie
from jeugdregie.portaal import codes

from ..builders.browser import csp_fouten, inloggen
from ..builders.declaraties import csv_bestand, csv_regel
from ..builders.route import gestart
from .conftest import vereis_chromium

pytestmark = pytest.mark.e2e


@pytest.fixture
def e2e_toewijzing(transactional_db, route):
    return route, gestart(route)


def test_aanbieder_uploadt_declaratie_deels_goedgekeurd(page: Page, live_server, e2e_toewijzing, screenshot):
    vereis_chromium()
    route, toewijzing = e2e_toewijzing
    inloggen(page, live_server, route["gebruikers"]["aanbieder"])

    page.get_by_role("navigation").get_by_role("link", name="Declaratie uploaden", exact=True).click()
    expect(page).to_have_url(re.compile(r"/declaraties/uploaden/$"))
    expect(page.get_by_role("link", name="Sjabloon Excel (.xlsx)")).to_be_visible()
    expect(page.locator("#id_nummer")).to_have_value(re.compile(r"^UPL-\d{8}-\d{6}$"))
    page.select_option("#id_gemeente", str(route["zwolle"].pk))
    page.fill("#id_nummer", "UPL-E2E-1")
    inhoud = csv_bestand(csv_regel(toewijzing, "E2E-1"), csv_regel(toewijzing, "E2E-2", maand=(2026, 5), uren="-2"))
    page.set_input_files("#id_bestand", files=[{"name": "april.csv", "mimeType": "text/csv", "buffer": inhoud}])
    screenshot(page, "upload-invullen")
    page.get_by_role("button", name="Uploaden en controleren").click()

    uitkomst = page.locator("#uitkomst")
    expect(uitkomst.locator(".aantal-goedgekeurd")).to_have_text("1 goedgekeurd")
    expect(uitkomst.locator(".aantal-afgekeurd")).to_have_text("1 afgekeurd")
    expect(uitkomst).to_contain_text("€ 860,00 goedgekeurd")
    # issue 19 §6: the reason by its plain label from the code registry, the explanation beside it
    afgekeurd = page.locator("#afgekeurd tbody tr").first
    expect(afgekeurd).to_contain_text(str(codes.label("afkeur", Afkeur.VOLUME_ONGELDIG)))
    expect(afgekeurd.locator(".toelichting")).to_contain_text(
        "Het volume moet groter zijn dan 0; gebruik voor een correctie een creditregel"
    )
    screenshot(page, "uitkomst")
    declaratie = Declaratie.objects.get(nummer="UPL-E2E-1")
    assert (declaratie.bron, declaratie.goedgekeurd_bedrag) == ("upload", 860)
    assert Budgetstand.objects.get(toewijzing=toewijzing).goedgekeurd == 860

    uitkomst.get_by_role("link", name="Naar de declaratie").click()
    expect(page).to_have_url(re.compile(rf"/declaraties/{declaratie.pk}/$"))
    expect(page.locator("tr.regel-afgekeurd")).to_contain_text("DEC013")
    expect(page.locator("tr.regel-goedgekeurd .status")).to_have_text("Goedgekeurd")
    screenshot(page, "declaratie")
    assert csp_fouten(page) == []
