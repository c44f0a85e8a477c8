"""Single sign-on for municipal staff through OpenID Connect (R-P5), against a real provider.

The provider is ``oidc-provider-mock`` (a maintained OpenID provider made for testing clients),
started in its own process on a free loopback port. The whole authorization-code flow runs over
HTTP: Jeugdregie's redirect, the provider's login form (submitted with requests), the callback,
and the back-channel token, JWKS and userinfo calls of mozilla-django-oidc. Nothing is patched.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.messages import get_messages
from django.test import Client

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.models import Gebruiker
from jeugdregie.audit.constants import Actie
from jeugdregie.audit.models import AuditRegel

from .factories import GebruikerFactory


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def provider():
    """The OpenID provider in a separate process; yields its discovery document."""
    poort = _vrije_poort()
    proces = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(poort), "--require-nonce"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    basis = f"http://127.0.0.1:{poort}"
    try:
        for _ in range(100):
            try:
                config = requests.get(f"{basis}/.well-known/openid-configuration", timeout=1).json()
                break
            except requests.ConnectionError:
                if proces.poll() is not None:
                    pytest.fail("OpenID-provider startte niet")
                time.sleep(0.1)
        else:
            pytest.fail("OpenID-provider reageert niet")
        yield config
    finally:
        proces.terminate()
        proces.wait(timeout=10)


@pytest.fixture
def sso(settings, provider):
    """Jeugdregie configured for the provider, as the JEUGDREGIE_OIDC_* variables would."""
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = provider["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = provider["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = provider["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = provider["jwks_uri"]
    settings.OIDC_RP_CLIENT_ID = "jeugdregie"
    settings.OIDC_RP_CLIENT_SECRET = "geheim-van-de-client"
    settings.JEUGDREGIE_OIDC_AAN = True
    settings.OIDC_VERIFY_KID = False  # the test provider signs with its one key and names no key id
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "jeugdregie.accounts.oidc.GemeenteOIDCBackend",
    ]
    return provider


def _provider_gebruiker(provider, sub: str, **claims) -> None:
    basis = provider["issuer"].rstrip("/")
    antwoord = requests.put(f"{basis}/users/{sub}", json=claims, timeout=5)
    assert antwoord.status_code == 204


def _log_in_via_gemeente(client: Client, sub: str, volgende: str = "/jeugdigen/"):
    """Jeugdregie → provider's login form (submitted as the user) → Jeugdregie's callback."""
    start = client.get(f"/oidc/authenticate/?next={volgende}")
    assert start.status_code == 302
    autorisatie = start["Location"]
    parameters = parse_qs(urlsplit(autorisatie).query)
    assert parameters["client_id"] == ["jeugdregie"] and parameters["redirect_uri"] == [
        "http://testserver/oidc/callback/"
    ]
    formulier = requests.get(autorisatie, timeout=5)
    assert formulier.status_code == 200 and 'name="sub"' in formulier.text
    terug = requests.post(autorisatie, data={"sub": sub}, allow_redirects=False, timeout=5)
    assert terug.status_code == 302
    callback = urlsplit(terug.headers["Location"])
    assert callback.netloc == "testserver" and callback.path == "/oidc/callback/"
    return client.get(f"{callback.path}?{callback.query}")


def test_inlogpagina_biedt_gemeente_aan(client, sso, db):
    """R-P5: with a provider configured the login page offers the municipality's login."""
    assert "Inloggen via uw gemeente" in client.get("/inloggen/").content.decode()


def test_medewerker_logt_in_via_gemeente_met_mfa(sso, wereld):
    """R-P5: claims map to role and municipality; the provider's MFA (amr) is the second factor;
    the account is neither staff nor superuser and has no password of its own."""
    client = Client()
    _provider_gebruiker(
        sso, "t.toegang", gemeente="0193", rol="toegang", amr=["pwd", "mfa"], given_name="Tessa", family_name="Tol"
    )
    antwoord = _log_in_via_gemeente(client, "t.toegang")
    assert antwoord.status_code == 302 and antwoord["Location"] == "/jeugdigen/"

    gebruiker = Gebruiker.objects.get(username="oidc:t.toegang")
    assert (gebruiker.rol, gebruiker.gemeente, gebruiker.first_name) == (Rol.TOEGANG, wereld["zwolle"], "Tessa")
    assert not gebruiker.is_staff and not gebruiker.is_superuser and not gebruiker.has_usable_password()
    lijst = client.get("/jeugdigen/")
    assert lijst.status_code == 200 and wereld["jeugdige_zwolle"].achternaam in lijst.content.decode()
    assert wereld["jeugdige_deventer"].achternaam not in lijst.content.decode()


def test_zonder_mfa_van_de_gemeente_volgt_de_app_code(sso, wereld):
    """R-P5: without an MFA claim the provider's login is one factor; the TOTP step follows. The
    next login updates role and municipality from the claims."""
    client = Client()
    _provider_gebruiker(sso, "f.fin", gemeente="0193", rol="financieel", amr=["pwd"])
    assert _log_in_via_gemeente(client, "f.fin")["Location"] == "/jeugdigen/"
    assert client.get("/jeugdigen/")["Location"].startswith("/inloggen/tweede-factor/instellen/")
    assert client.get("/api/v1/declaraties/").status_code in (401, 403)

    _provider_gebruiker(sso, "f.fin", gemeente="0150", rol="toegang", amr=["mfa"])
    tweede = Client()
    _log_in_via_gemeente(tweede, "f.fin")
    gebruiker = Gebruiker.objects.get(username="oidc:f.fin")
    assert (gebruiker.rol, gebruiker.gemeente) == (Rol.TOEGANG, wereld["deventer"])
    assert tweede.get("/jeugdigen/").status_code == 200

    # R-P5: the account's creation and its role change by the provider are in the audit log
    wijzigingen = AuditRegel.objects.filter(
        objecttype="accounts.Gebruiker", object_id=str(gebruiker.pk), actie__in=(Actie.AANMAKEN, Actie.WIJZIGEN)
    )
    rijen = wijzigingen.order_by("pk")
    assert [(r.actie, r.details) for r in rijen] == [
        (
            Actie.AANMAKEN,
            f"account aangemaakt via single sign-on: rol=financieel; gemeente={wereld['zwolle'].pk}",
        ),
        (
            Actie.WIJZIGEN,
            f"rol gewijzigd via single sign-on: rol=financieel; gemeente={wereld['zwolle'].pk}"
            f" -> rol=toegang; gemeente={wereld['deventer'].pk}",
        ),
    ]
    assert [r.namens for r in rijen] == ["identity provider van gemeente 0193", "identity provider van gemeente 0150"]
    assert all(r.doel for r in rijen)

    # a login that changes nothing adds no row
    _log_in_via_gemeente(Client(), "f.fin")
    assert wijzigingen.count() == 2


@pytest.mark.parametrize(
    ("claims", "melding"),
    [
        ({"gemeente": "9999", "rol": "toegang"}, "Uw gemeente is niet aangesloten bij Jeugdregie."),
        ({"rol": "toegang"}, "Uw gemeente is niet aangesloten bij Jeugdregie."),
        ({"gemeente": "0193", "rol": "beheerder"}, "Uw gemeente gaf geen rol door die in Jeugdregie bestaat."),
        ({"gemeente": "0193", "rol": "superuser"}, "Uw gemeente gaf geen rol door die in Jeugdregie bestaat."),
        ({"gemeente": "0193"}, "Uw gemeente gaf geen rol door die in Jeugdregie bestaat."),
    ],
)
def test_onbekende_gemeente_of_rol_wordt_geweigerd(sso, wereld, claims, melding):
    """R-P5: an unknown municipality or a role the municipality cannot grant is refused with a
    Dutch message, and no account is made."""
    client = Client()
    _provider_gebruiker(sso, "onbekend", amr=["mfa"], **claims)
    antwoord = _log_in_via_gemeente(client, "onbekend")
    assert antwoord.status_code == 302 and antwoord["Location"] == "/inloggen/"
    assert [str(m) for m in get_messages(antwoord.wsgi_request)] == [f"{melding} Vraag uw beheerder om toegang."]
    assert "_auth_user_id" not in client.session
    assert not Gebruiker.objects.filter(username="oidc:onbekend").exists()
    assert client.get("/jeugdigen/")["Location"].startswith("/inloggen/?next=")


def test_beheeraccount_kan_niet_via_gemeente_inloggen(sso, wereld):
    """R-P5: no SSO path into a staff or superuser account."""
    GebruikerFactory(username="oidc:beheer", gemeente=wereld["zwolle"], is_staff=True, is_superuser=True)
    client = Client()
    _provider_gebruiker(sso, "beheer", gemeente="0193", rol="toegang", amr=["mfa"])
    antwoord = _log_in_via_gemeente(client, "beheer")
    assert antwoord["Location"] == "/inloggen/"
    assert "_auth_user_id" not in client.session
    assert Gebruiker.objects.get(username="oidc:beheer").is_superuser  # unchanged


def test_wachtwoordlogin_werkt_naast_gemeente(client, sso, wereld):
    """R-P5: with SSO on, local accounts still log in with password (and second factor)."""
    kaal = Client()
    gebruiker = wereld["gebruikers"]["aanbieder"]
    antwoord = kaal.post("/inloggen/", {"username": gebruiker.username, "password": "geheim-wachtwoord-1"})
    assert antwoord.status_code == 302 and antwoord["Location"] == "/"
