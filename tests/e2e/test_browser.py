"""End-to-end: the key flow of the foundation in a real browser (login, scoped list, registration with the
elfproef, detail, logout) and the 404 for a young person outside the provider's scope (R-P1)."""

import re

import pytest
from playwright.sync_api import Page, expect

from jeugdregie.jeugdigen.models import Jeugdige

from ..builders.browser import csp_fouten, inloggen
from .conftest import vereis_chromium

pytestmark = pytest.mark.e2e


def test_toegang_registreert_jeugdige(page: Page, live_server, e2e_wereld, screenshot):
    vereis_chromium()
    gebruiker = e2e_wereld["gebruikers"]["toegang"]
    zwolle, deventer = e2e_wereld["jeugdige_zwolle"], e2e_wereld["jeugdige_deventer"]

    page.goto(f"{live_server.url}/inloggen/")
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    screenshot(page, "inlogpagina")

    inloggen(page, live_server, gebruiker)
    assert page.url == f"{live_server.url}/"
    screenshot(page, "home")

    # Scoping (R-P1): a toegang user of Zwolle sees Zwolle's young people, not Deventer's.
    page.get_by_role("navigation").get_by_role("link", name="Jeugdigen").click()
    expect(page).to_have_url(re.compile(r"/jeugdigen/$"))
    expect(page.get_by_role("table")).to_contain_text(zwolle.achternaam)
    expect(page.get_by_text(deventer.achternaam)).to_have_count(0)
    assert deventer.achternaam not in page.content()
    screenshot(page, "lijst")

    page.get_by_role("link", name="Nieuwe jeugdige").click()
    expect(page).to_have_url(re.compile(r"/jeugdigen/nieuw/$"))
    expect(page.locator("#id_gemeente")).to_have_value(str(e2e_wereld["zwolle"].pk))
    aantal_voor = Jeugdige.objects.count()

    def vul_formulier(bsn: str) -> None:
        page.fill("#id_bsn", bsn)
        page.fill("#id_voornamen", "Ilse")
        page.fill("#id_achternaam", "IJsselstein")
        page.fill("#id_geboortedatum", "2014-03-01")
        page.select_option("#id_geslacht", "2")
        page.get_by_role("button", name="Registreren").click()

    # A BSN failing the elfproef is refused with an explanation; nothing is saved.
    vul_formulier("123456789")
    expect(page.get_by_role("alert")).to_contain_text("elfproef")
    expect(page).to_have_url(re.compile(r"/jeugdigen/nieuw/$"))
    assert Jeugdige.objects.count() == aantal_voor
    screenshot(page, "elfproef")

    vul_formulier("111222333")
    expect(page).to_have_url(re.compile(r"/jeugdigen/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ilse IJsselstein")
    expect(page.get_by_role("table").first).to_contain_text("111222333")
    expect(page.get_by_role("status")).to_contain_text("Jeugdige geregistreerd")
    assert Jeugdige.objects.count() == aantal_voor + 1
    nieuw = Jeugdige.objects.get(bsn="111222333")
    assert page.url == f"{live_server.url}/jeugdigen/{nieuw.pk}/"
    assert (nieuw.voornamen, nieuw.achternaam, str(nieuw.geboortedatum)) == ("Ilse", "IJsselstein", "2014-03-01")
    screenshot(page, "detail")

    page.locator("header").get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(re.compile(r"/inloggen/$"))
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)
    screenshot(page, "uitgelogd")

    # The strict CSP (style-src 'self') must not block the site's own stylesheet.
    assert csp_fouten(page) == []
    kleur = page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor")
    assert kleur not in ("rgba(0, 0, 0, 0)", "transparent"), "header is niet gestyled: site.css niet toegepast?"


def test_andere_aanbieder_krijgt_404(page: Page, live_server, e2e_wereld, screenshot):
    vereis_chromium()
    jeugdige = e2e_wereld["jeugdige_zwolle"]
    inloggen(page, live_server, e2e_wereld["gebruikers"]["andere_aanbieder"])

    response = page.goto(f"{live_server.url}/jeugdigen/{jeugdige.pk}/")
    assert response is not None
    assert response.status == 404
    inhoud = page.content()
    assert jeugdige.achternaam not in inhoud
    assert jeugdige.voornamen not in inhoud
    assert jeugdige.bsn not in inhoud
    screenshot(page, "404")

    assert csp_fouten(page) == []
