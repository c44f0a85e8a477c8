"""Two factors at login (R-P5), with enforcement on: these tests use a plain ``django.test.Client``
whose ``force_login`` does not pass the second factor (conftest's ``client`` does, tests/inloggen.py)."""

from __future__ import annotations

import re
import time

import pytest
from django.conf import settings
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from jeugdregie.accounts import tweefactor
from jeugdregie.accounts.constants import ROLLEN_MET_TWEE_FACTOREN, Rol

from .factories import GebruikerFactory
from .inloggen import app_van, code_van

WACHTWOORD = "geheim-wachtwoord-1"
ALLE_ROLLEN = [
    "toegang",
    "huisarts",
    "gi",
    "aanbieder",
    "financieel",
    "contractmanager",
    "beleid",
    "bestuurder",
    "beheerder",
]


def _met_wachtwoord(gebruiker) -> Client:
    kaal = Client()
    antwoord = kaal.post("/inloggen/", {"username": gebruiker.username, "password": WACHTWOORD})
    assert antwoord.status_code == 302
    return kaal


def test_testinstellingen_houden_twee_factoren_aan():
    """R-P5: the suite runs with the second factor enforced."""
    assert settings.JEUGDREGIE_TWEE_FACTOREN is True


def test_elke_rol_vraagt_twee_factoren():
    """R-P5: every role that reads personal data or the audit log needs two factors (all roles:
    accounts/constants.py explains why); a role-less technical account does not."""
    assert frozenset(Rol) == ROLLEN_MET_TWEE_FACTOREN
    for rol in Rol:
        assert tweefactor.vereist_tweede_factor(GebruikerFactory.build(rol=rol))
    technisch = GebruikerFactory.build(rol="", gemeente=None)
    assert not tweefactor.vereist_tweede_factor(technisch)
    technisch.is_staff = True
    assert tweefactor.vereist_tweede_factor(technisch)


@pytest.mark.parametrize("rol", ALLE_ROLLEN)
def test_alleen_wachtwoord_geeft_geen_toegang(wereld, rol):
    """R-P5: with only the password, every role is sent to the second factor from every page,
    sees no personal data, and the session-authenticated API refuses it."""
    kaal = _met_wachtwoord(wereld["gebruikers"][rol])
    jeugdige = wereld["jeugdige_zwolle"]
    for pad in ("/", "/jeugdigen/", f"/jeugdigen/{jeugdige.pk}/", "/audit/", "/beheer/"):
        antwoord = kaal.get(pad)
        assert antwoord.status_code == 302, pad
        assert antwoord["Location"].startswith("/inloggen/tweede-factor/instellen/?next="), pad
    for pad in ("/api/v1/jeugdigen/", f"/api/v1/jeugdigen/{jeugdige.pk}/", "/api/v1/audit/"):
        antwoord = kaal.get(pad)
        assert antwoord.status_code in (401, 403), pad
        assert jeugdige.achternaam not in antwoord.content.decode()


def test_superuser_zonder_rol_vraagt_ook_twee_factoren(db):
    """R-P5: the Django admin (staff, superuser) needs the second factor too."""
    beheer = GebruikerFactory(rol="", gemeente=None, is_staff=True, is_superuser=True)
    kaal = _met_wachtwoord(beheer)
    antwoord = kaal.get("/beheer/")
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen/tweede-factor/")


def test_inschrijven_toont_qr_en_geheim_en_herstelcodes_eenmalig(wereld):
    """R-P5: enrolment shows the QR code and key, a code from the app confirms it, ten recovery
    codes are shown once, and the page asked for first opens."""
    gebruiker = wereld["gebruikers"]["toegang"]
    kaal = _met_wachtwoord(gebruiker)
    pagina = kaal.get("/inloggen/tweede-factor/instellen/?next=/jeugdigen/")
    inhoud = pagina.content.decode()
    assert pagina.status_code == 200
    assert 'src="data:image/svg+xml' in inhoud
    apparaat = TOTPDevice.objects.get(user=gebruiker, confirmed=False)
    assert tweefactor.geheim_base32(apparaat) in inhoud
    assert pagina["Cache-Control"].startswith("max-age=0") or "no-store" in pagina["Cache-Control"]

    fout = kaal.post("/inloggen/tweede-factor/instellen/", {"code": "000000", "next": "/jeugdigen/"})
    assert "Deze code klopt niet" in fout.content.decode()
    assert not TOTPDevice.objects.get(pk=apparaat.pk).confirmed
    time.sleep(1.1)  # django-otp throttles the device for a second after a wrong code

    klaar = kaal.post(
        "/inloggen/tweede-factor/instellen/", {"code": tweefactor.huidige_code(apparaat), "next": "/jeugdigen/"}
    )
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", klaar.content.decode())
    assert len(codes) == 10
    assert sorted(StaticToken.objects.filter(device__user=gebruiker).values_list("token", flat=True)) == sorted(codes)
    assert TOTPDevice.objects.get(pk=apparaat.pk).confirmed
    assert kaal.get("/jeugdigen/").status_code == 200
    # shown once: the enrolment page no longer makes codes, the codes are not on any other page
    assert kaal.get("/inloggen/tweede-factor/instellen/").status_code == 200
    assert StaticToken.objects.filter(device__user=gebruiker).count() == 10


def test_inloggen_met_wachtwoord_en_app_code(wereld):
    """R-P5: the full login: password, then the app's code; a wrong code keeps the door shut."""
    gebruiker = wereld["gebruikers"]["aanbieder"]
    app_van(gebruiker)
    kaal = _met_wachtwoord(gebruiker)
    antwoord = kaal.get("/jeugdigen/")
    assert antwoord["Location"] == "/inloggen/tweede-factor/?next=%2Fjeugdigen%2F"

    fout = kaal.post("/inloggen/tweede-factor/", {"code": "123456", "next": "/jeugdigen/"})
    assert fout.status_code == 200 and "Deze code klopt niet" in fout.content.decode()
    assert kaal.get("/jeugdigen/").status_code == 302
    # right after a wrong code django-otp throttles the app (1 s, doubling per failure)
    assert kaal.post("/inloggen/tweede-factor/", {"code": code_van(gebruiker)}).status_code == 200
    time.sleep(1.1)

    goed = kaal.post("/inloggen/tweede-factor/", {"code": code_van(gebruiker), "next": "/jeugdigen/"})
    assert goed.status_code == 302 and goed["Location"] == "/jeugdigen/"
    lijst = kaal.get("/jeugdigen/")
    assert lijst.status_code == 200 and wereld["jeugdige_zwolle"].achternaam in lijst.content.decode()
    assert kaal.get("/api/v1/jeugdigen/").status_code == 200


def test_app_code_werkt_maar_een_keer(wereld):
    """R-P5: a code that was used cannot open a second session (replay)."""
    gebruiker = wereld["gebruikers"]["toegang"]
    app_van(gebruiker)
    code = code_van(gebruiker)
    eerste, tweede = _met_wachtwoord(gebruiker), _met_wachtwoord(gebruiker)
    assert eerste.post("/inloggen/tweede-factor/", {"code": code})["Location"] == "/"
    tweede.post("/inloggen/tweede-factor/", {"code": code})
    assert tweede.get("/").status_code == 302


def test_herstelcode_werkt_een_keer(wereld):
    """R-P5: a recovery code replaces the app once."""
    gebruiker = wereld["gebruikers"]["beheerder"]
    app_van(gebruiker)
    code = tweefactor.nieuwe_herstelcodes(gebruiker)[0]
    eerste = _met_wachtwoord(gebruiker)
    assert eerste.post("/inloggen/tweede-factor/", {"code": code.upper()})["Location"] == "/"
    assert eerste.get("/audit/").status_code == 200
    tweede = _met_wachtwoord(gebruiker)
    assert tweede.post("/inloggen/tweede-factor/", {"code": code}).status_code == 200
    assert tweede.get("/audit/").status_code == 302
    assert StaticToken.objects.filter(device__user=gebruiker).count() == 9


def test_nieuwe_herstelcodes_vervangen_de_oude(client, wereld):
    """R-P5: new recovery codes (in a verified session) make the old ones useless."""
    gebruiker = wereld["gebruikers"]["toegang"]
    oud = tweefactor.nieuwe_herstelcodes(gebruiker)
    client.force_login(gebruiker)
    nieuw = re.findall(
        r"<code>([a-z2-7]{8})</code>", client.post("/inloggen/tweede-factor/herstelcodes/").content.decode()
    )
    assert len(nieuw) == 10
    tokens = set(StaticToken.objects.filter(device__user=gebruiker).values_list("token", flat=True))
    assert tokens == set(nieuw) and not tokens & set(oud)


def test_token_api_blijft_werken_zonder_tweede_factor(wereld):
    """R-P5 leaves technical clients to their API token (R-P8 expiry): no second factor asked."""
    from jeugdregie.tokens.services import maak_token

    sleutel = maak_token(gebruiker=wereld["gebruikers"]["aanbieder"], door=None).sleutel
    antwoord = Client().get(f"/api/v1/jeugdigen/{wereld['jeugdige_zwolle'].pk}/", HTTP_AUTHORIZATION=f"Token {sleutel}")
    assert antwoord.status_code == 200


def test_token_wint_van_sessie_zonder_tweede_factor(wereld):
    """R-P5: a password-only session does not authenticate an API call; a valid token still does."""
    from jeugdregie.tokens.services import maak_token

    gebruiker = wereld["gebruikers"]["aanbieder"]
    kaal = _met_wachtwoord(gebruiker)
    assert kaal.get("/api/v1/jeugdigen/").status_code in (401, 403)
    sleutel = maak_token(gebruiker=gebruiker, door=None).sleutel
    assert kaal.get("/api/v1/jeugdigen/", HTTP_AUTHORIZATION=f"Token {sleutel}").status_code == 200


def test_client_fixture_verifieert_met_echte_app(client, wereld):
    """R-P5: the suite's login helper passes the second factor through the user's real TOTP device."""
    gebruiker = wereld["gebruikers"]["gi"]
    client.force_login(gebruiker)
    assert client.get("/").status_code == 200
    apparaat = TOTPDevice.objects.get(user=gebruiker, confirmed=True)
    assert client.session["otp_device_id"] == apparaat.persistent_id
    assert apparaat.last_t > 0


def test_alleen_wachtwoord_kan_de_app_niet_vervangen(wereld):
    """R-P5: someone with only the password cannot enrol an app of their own over the user's app."""
    gebruiker = wereld["gebruikers"]["financieel"]
    app = app_van(gebruiker)
    kaal = _met_wachtwoord(gebruiker)
    antwoord = kaal.get("/inloggen/tweede-factor/instellen/")
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen/tweede-factor/?")
    assert kaal.post("/inloggen/tweede-factor/instellen/", {"code": "123456"}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=gebruiker)) == [app]


def test_na_de_tweede_factor_geen_omleiding_naar_een_andere_site(wereld):
    """R-P5: the ``next`` of the second step stays on this site."""
    gebruiker = wereld["gebruikers"]["toegang"]
    app_van(gebruiker)
    kaal = _met_wachtwoord(gebruiker)
    antwoord = kaal.post("/inloggen/tweede-factor/", {"code": code_van(gebruiker), "next": "https://kwaad.example/"})
    assert antwoord.status_code == 302 and antwoord["Location"] == "/"


def test_beheer_toont_geen_sleutels_van_de_tweede_factor(client):
    """R-P5: django-otp's admin pages (which show a device's key and QR code) are not registered,
    so nobody copies another account's second factor through /beheer/."""
    from django.contrib import admin
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    assert not admin.site.is_registered(TOTPDevice)
    assert not admin.site.is_registered(StaticDevice)


def test_inloggen_en_uitloggen_staan_in_de_auditlog(wereld):
    """R-P2/R-P5 (NEN 7513): each login step is an audit row with its outcome — a wrong password
    (the name tried, never the password), the password, a wrong and a right app code — and so
    are enrolment's recovery codes and the logout."""
    from jeugdregie.audit.models import AuditRegel

    gebruiker = wereld["gebruikers"]["aanbieder"]
    app_van(gebruiker)
    kaal = Client()
    kaal.post("/inloggen/", {"username": gebruiker.username, "password": "fout-wachtwoord"})
    kaal = _met_wachtwoord(gebruiker)
    kaal.post("/inloggen/tweede-factor/", {"code": "123456", "next": "/jeugdigen/"})
    time.sleep(1.1)  # django-otp throttles the app for a second after a wrong code
    kaal.post("/inloggen/tweede-factor/", {"code": code_van(gebruiker), "next": "/jeugdigen/"})
    kaal.post("/uitloggen/")
    rijen = list(
        AuditRegel.objects.filter(objecttype="accounts.Gebruiker")
        .order_by("id")
        .values_list("actie", "uitkomst", "gebruikersnaam", "details")
    )
    assert rijen == [
        ("inloggen", "mislukt", "", f"wachtwoord onjuist of account geblokkeerd; gebruikersnaam: {gebruiker.username}"),
        ("inloggen", "gelukt", gebruiker.username, "wachtwoord"),
        ("inloggen", "mislukt", gebruiker.username, "tweede factor: code uit de app"),
        ("inloggen", "gelukt", gebruiker.username, "tweede factor: code uit de app"),
        ("uitloggen", "gelukt", gebruiker.username, ""),
    ]
    assert not AuditRegel.objects.filter(details__contains="fout-wachtwoord").exists()
    tweefactor.nieuwe_herstelcodes(gebruiker)
    assert AuditRegel.objects.filter(objecttype="otp_static.StaticDevice", actie="aanmaken").count() == 1
