"""End-to-end (R-P5): a security key or passkey as the second factor, in Chromium with its virtual
authenticator (Chrome DevTools Protocol, WebAuthn domain). The authenticator makes real keys and
signatures; django-otp-webauthn (py_webauthn) verifies them: nothing is patched.

Flows: password + app code, register a key, log out, password + key (no app code) reaches a page
that needs the second factor; a key whose signature does not match the registered public key is
refused and audit-logged; a user without any second factor enrols with a key instead of the app."""

from __future__ import annotations

import base64
import re

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import Page, expect

from jeugdregie.audit.models import AuditRegel

from ..builders.browser import WACHTWOORD, inloggen
from ..inloggen import code_van
from .conftest import vereis_chromium

pytestmark = pytest.mark.e2e

SLEUTELKNOP = "Inloggen met beveiligingssleutel of passkey"


@pytest.fixture
def webauthn_live(settings, live_server):
    """The relying party of the live server: localhost (browsers take no IP address as id), its port as origin."""
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    assert live_server.url.startswith("http://localhost:")
    return live_server


def virtuele_sleutel(page: Page):
    """A CTAP2 authenticator with resident keys and user verification, as a platform passkey would be.
    Uncaught script errors are collected on ``page.scriptfouten``."""
    page.scriptfouten = []
    page.on("pageerror", lambda fout: page.scriptfouten.append(str(fout)))
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable", {"enableUI": False})
    antwoord = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp, antwoord["authenticatorId"]


def wachtwoord(page: Page, live_server, gebruiker) -> None:
    page.goto(f"{live_server.url}/inloggen/")
    page.fill("#id_username", gebruiker.username)
    page.fill("#id_password", WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()


def uitloggen(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()


def inlogregels(gebruiker):
    return AuditRegel.objects.filter(actie="inloggen", object_id=str(gebruiker.pk)).order_by("pk")


def test_inloggen_met_wachtwoord_en_sleutel(page: Page, webauthn_live, e2e_wereld, screenshot, settings):
    vereis_chromium()
    live_server = webauthn_live
    gebruiker = e2e_wereld["gebruikers"]["toegang"]
    cdp, authenticator = virtuele_sleutel(page)

    # 1. Password and app code, then register a key on the user's own page.
    inloggen(page, live_server, gebruiker)
    page.get_by_role("link", name="Inlogbeveiliging").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beveiligingssleutels en passkeys")
    page.get_by_role("button", name="Beveiligingssleutel of passkey registreren").click()
    expect(page.get_by_role("table")).to_contain_text("Sleutel 1")
    sleutel = WebAuthnCredential.objects.get(user=gebruiker)
    assert AuditRegel.objects.filter(
        actie="aanmaken", objecttype="django_otp_webauthn.WebAuthnCredential", object_id=str(sleutel.pk)
    ).exists()
    screenshot(page, "sleutel-geregistreerd")
    assert len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]) == 1
    uitloggen(page)

    # 2. Password and the key, no app code: a page that needs the second factor opens.
    laatste = inlogregels(gebruiker).last().pk
    wachtwoord(page, live_server, gebruiker)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede factor")
    screenshot(page, "tweede-factor-keuze")
    page.get_by_role("button", name=SLEUTELKNOP).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")
    page.goto(f"{live_server.url}/jeugdigen/")
    expect(page).to_have_url(re.compile(r"/jeugdigen/$"))
    details = list(inlogregels(gebruiker).filter(pk__gt=laatste).values_list("details", "uitkomst"))
    assert ("tweede factor: beveiligingssleutel of passkey", "gelukt") in details
    assert not any("code uit de app" in regel for regel, _ in details)
    sleutel.refresh_from_db()
    assert sleutel.last_used_at is not None
    uitloggen(page)

    # 3. A forged key: the authenticator presents the registered credential id but signs with another
    # private key. The signature check refuses it; the session stays unverified; the audit log says so.
    echte = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"][0]
    ander = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    cdp.send("WebAuthn.clearCredentials", {"authenticatorId": authenticator})
    cdp.send(
        "WebAuthn.addCredential",
        {"authenticatorId": authenticator, "credential": {**echte, "privateKey": base64.b64encode(ander).decode()}},
    )
    laatste = inlogregels(gebruiker).last().pk
    wachtwoord(page, live_server, gebruiker)
    page.get_by_role("button", name=SLEUTELKNOP).click()
    expect(page.locator("#passkey-verification-status-message")).to_have_text(
        "De sleutel is niet geaccepteerd. Probeer het opnieuw."
    )
    screenshot(page, "vervalste-sleutel")
    page.goto(f"{live_server.url}/jeugdigen/")
    expect(page).to_have_url(re.compile(r"/inloggen/tweede-factor/\?next="))
    mislukt = inlogregels(gebruiker).filter(pk__gt=laatste, uitkomst="mislukt")
    assert [r.details for r in mislukt] == [
        "tweede factor: beveiligingssleutel of passkey mislukt: invalid_authentication_response"
    ]

    # 4. The key removed from the browser (a lost key): nothing to sign with; the browser ends the ceremony,
    # the page reports it and it is audit-logged; the session stays unverified; the app code still works.
    # (the browser waits for a key until the timeout; Chrome makes that at least 10 seconds)
    settings.OTP_WEBAUTHN_TIMEOUT_SECONDS = 1
    cdp.send("WebAuthn.removeVirtualAuthenticator", {"authenticatorId": authenticator})
    laatste = inlogregels(gebruiker).last().pk
    with page.expect_response(re.compile(r"/sleutel/afgebroken/$"), timeout=30_000):
        page.get_by_role("button", name=SLEUTELKNOP).click()
    expect(page.locator("#passkey-verification-status-message")).to_have_text(
        "Verificatie geannuleerd of niet toegestaan."
    )
    screenshot(page, "sleutel-weg")
    assert [(r.details, r.uitkomst) for r in inlogregels(gebruiker).filter(pk__gt=laatste)] == [
        ("tweede factor: beveiligingssleutel of passkey in de browser afgebroken: NotAllowedError", "mislukt")
    ]
    page.goto(f"{live_server.url}/jeugdigen/")
    expect(page).to_have_url(re.compile(r"/inloggen/tweede-factor/\?next="))
    page.fill("#id_code", code_van(gebruiker))
    page.get_by_role("button", name="Controleren").click()
    expect(page).to_have_url(re.compile(r"/jeugdigen/$"))
    assert page.scriptfouten == []
    assert [f for f in page.console_fouten if "content security policy" in f.lower()] == []


def test_eerste_tweede_factor_is_een_sleutel(page: Page, webauthn_live, e2e_wereld, screenshot):
    """A user without app or key enrols with a key instead of the app, gets recovery codes, and next time
    the second step asks for the key."""
    vereis_chromium()
    live_server = webauthn_live
    gebruiker = e2e_wereld["gebruikers"]["aanbieder"]
    virtuele_sleutel(page)

    wachtwoord(page, live_server, gebruiker)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede factor instellen")
    page.get_by_role("button", name="Beveiligingssleutel of passkey registreren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe herstelcodes")
    page.get_by_role("button", name="Nieuwe herstelcodes maken").click()
    expect(page.locator("ul.herstelcodes li")).to_have_count(10)
    screenshot(page, "herstelcodes-na-sleutel")
    page.get_by_role("link", name="Ik heb de codes bewaard, ga verder").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")
    assert WebAuthnCredential.objects.filter(user=gebruiker).count() == 1
    uitloggen(page)

    wachtwoord(page, live_server, gebruiker)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede factor")
    page.get_by_role("button", name=SLEUTELKNOP).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")
    assert page.scriptfouten == []
    assert [f for f in page.console_fouten if "content security policy" in f.lower()] == []
