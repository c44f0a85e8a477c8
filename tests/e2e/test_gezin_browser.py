"""End-to-end (issue 20 §1/§4, R-D1): the toegang opens the child's dossier, sees that no letter
can reach anyone yet, adds the mother with gezag (a wrong postcode first: a Dutch message and
nothing saved), sees who the letters go to, and records and withdraws a consent."""

import re

import pytest
from playwright.sync_api import Page, expect

from jeugdregie.gezin.models import Gezinslid, Toestemming

from ..builders.browser import csp_fouten, inloggen
from .conftest import vereis_chromium

pytestmark = pytest.mark.e2e


def test_toegang_legt_gezin_en_toestemming_vast_vanuit_dossier(page: Page, live_server, e2e_wereld, screenshot):
    vereis_chromium()
    kind = e2e_wereld["jeugdige_zwolle"]
    inloggen(page, live_server, e2e_wereld["gebruikers"]["toegang"])

    page.goto(f"{live_server.url}/jeugdigen/{kind.pk}/dossier/")
    expect(page.locator("#geen-geadresseerde")).to_contain_text(
        "Leg bij het gezin van Zara Zwolsma vast wie het gezag heeft"
    )
    screenshot(page, "dossier-zonder-gezin")

    page.get_by_role("link", name="Ouder of gezagsdrager toevoegen").click()
    expect(page).to_have_url(re.compile(rf"/jeugdigen/{kind.pk}/gezin/nieuw/$"))
    page.fill("#id_voornamen", "Petra")
    page.fill("#id_achternaam", "de Vries")
    page.uncheck("#id_woont_bij_jeugdige")
    page.fill("#id_straatnaam", "Thorbeckegracht")
    page.fill("#id_huisnummer", "7")
    page.fill("#id_postcode", "80")
    page.fill("#id_plaatsnaam", "Zwolle")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Postcode moet vier cijfers en twee letters zijn")
    assert not Gezinslid.objects.exists()
    screenshot(page, "foute-postcode")

    page.fill("#id_postcode", "8011 VM")
    page.get_by_role("button", name="Opslaan").click()
    expect(page).to_have_url(re.compile(rf"/jeugdigen/{kind.pk}/gezin/$"))
    expect(page.locator("#geadresseerden")).to_contain_text(
        "Zara Zwolsma (jeugdige, per post), Petra de Vries (ouder, per post)"
    )
    expect(page.locator("#gezin-huidig")).to_contain_text("Thorbeckegracht 7, 8011 VM Zwolle")
    screenshot(page, "gezin")

    page.get_by_role("link", name="Toestemming vastleggen").click()
    page.select_option("#id_gever", label="Petra de Vries (Ouder)")
    page.select_option("#id_gegevens", "school")
    page.fill("#id_ontvanger", "Het Vechtdal College")
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.locator("#gezin-toestemmingen")).to_contain_text("Het Vechtdal College")
    screenshot(page, "toestemming")
    page.locator("#gezin-toestemmingen").get_by_role("link", name="Intrekken").click()
    page.get_by_role("button", name="Intrekken").click()
    expect(page.get_by_role("status")).to_contain_text("Toestemming ingetrokken")
    assert Toestemming.objects.get().ingetrokken_op is not None

    page.goto(f"{live_server.url}/jeugdigen/{kind.pk}/dossier/")
    expect(page.locator("#dossier-gezin")).to_contain_text("Petra de Vries")
    screenshot(page, "dossier-met-gezin")
    assert csp_fouten(page) == []
