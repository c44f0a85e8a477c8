"""A security key or passkey (WebAuthn, django-otp-webauthn) as the second factor (R-P5): the refusals
of the views, the audit rows, enforcement with a key. The whole ceremony with real signatures runs in
Chromium's virtual authenticator: tests/e2e/test_webauthn_browser.py. Nothing here patches the
package's verification; credentials are stored rows, never accepted without a signature."""

from __future__ import annotations

import base64
import json

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp_webauthn.models import WebAuthnCredential

from jeugdregie.accounts import tweefactor
from jeugdregie.audit.models import AuditRegel

from .inloggen import TweeFactorClient, app_van, sleutel_van

WACHTWOORD = "geheim-wachtwoord-1"
SLEUTEL = "/inloggen/tweede-factor/sleutel"


def _b64(waarde: bytes) -> str:
    return base64.urlsafe_b64encode(waarde).rstrip(b"=").decode()


def _met_wachtwoord(gebruiker) -> Client:
    kaal = Client()
    assert kaal.post("/inloggen/", {"username": gebruiker.username, "password": WACHTWOORD}).status_code == 302
    return kaal


def _post(client: Client, pad: str, data: dict | None = None):
    return client.post(f"{SLEUTEL}/{pad}/", data=json.dumps(data or {}), content_type="application/json")


def _regels(**filters):
    return AuditRegel.objects.filter(**filters).order_by("pk")


def test_geen_sleutel_registreren_zonder_in_te_loggen(db):
    kaal = Client()
    for pad in ("registreren/begin", "registreren/afronden"):
        antwoord = _post(kaal, pad)
        assert antwoord.status_code == 403, pad
        assert antwoord.json()["code"] == "not_authenticated"
        assert antwoord.json()["detail"] == "Log eerst in met uw wachtwoord."
    assert not WebAuthnCredential.objects.exists()
    assert _regels(objecttype="django_otp_webauthn.WebAuthnCredential", uitkomst="geweigerd").count() == 2


def test_geen_sleutel_registreren_met_alleen_het_wachtwoord(wereld):
    """A stolen password cannot add a key to an account that has a second factor."""
    gebruiker = wereld["gebruikers"]["toegang"]
    app_van(gebruiker)
    kaal = _met_wachtwoord(gebruiker)
    for pad in ("registreren/begin", "registreren/afronden"):
        antwoord = _post(kaal, pad)
        assert antwoord.status_code == 403, pad
        assert antwoord.json()["code"] == "user_not_verified"
    assert not WebAuthnCredential.objects.filter(user=gebruiker).exists()
    regel = _regels(objecttype="django_otp_webauthn.WebAuthnCredential").last()
    assert (regel.gebruiker_id, regel.uitkomst) == (gebruiker.pk, "geweigerd")
    assert regel.details == "beveiligingssleutel of passkey niet geregistreerd: user_not_verified"
    # nor does the keys page open
    assert kaal.get("/inloggen/tweede-factor/sleutels/")["Location"].startswith("/inloggen/tweede-factor/?next=")


def test_geverifieerde_gebruiker_krijgt_registratieopties_voor_zichzelf(wereld, settings):
    settings.OTP_WEBAUTHN_RP_ID = "jeugdregie.example.nl"
    gebruiker = wereld["gebruikers"]["toegang"]
    client = TweeFactorClient()
    client.force_login(gebruiker)
    anders = sleutel_van(wereld["gebruikers"]["aanbieder"])
    eigen = sleutel_van(gebruiker)

    opties = _post(client, "registreren/begin").json()
    assert opties["rp"] == {"id": "jeugdregie.example.nl", "name": "Jeugdregie"}
    assert opties["user"]["name"] == gebruiker.username
    uitgesloten = [c["id"] for c in opties["excludeCredentials"]]
    assert uitgesloten == [_b64(bytes(eigen.credential_id))] and _b64(bytes(anders.credential_id)) not in uitgesloten
    # completing with an answer that is no attestation is refused and audit-logged; nothing stored
    antwoord = _post(client, "registreren/afronden", {"id": "x"})
    assert antwoord.status_code == 422
    assert WebAuthnCredential.objects.filter(user=gebruiker).count() == 1
    assert _regels(uitkomst="mislukt", objecttype="django_otp_webauthn.WebAuthnCredential").exists()
    # the state is used once: a second completion has nothing to complete
    assert _post(client, "registreren/afronden", {"id": "x"}).json()["code"] == "invalid_state"


def test_eerste_tweede_factor_mag_een_sleutel_zijn(wereld):
    """Enrolment: a user without any factor may register a key instead of the app."""
    gebruiker = wereld["gebruikers"]["toegang"]
    kaal = _met_wachtwoord(gebruiker)
    pagina = kaal.get("/inloggen/tweede-factor/instellen/?next=/jeugdigen/").content.decode()
    assert "Beveiligingssleutel of passkey registreren" in pagina
    assert "/inloggen/tweede-factor/herstelcodes/?next=%2Fjeugdigen%2F" in pagina
    assert _post(kaal, "registreren/begin").status_code == 200


def test_geen_inloggen_met_alleen_een_sleutel(wereld):
    """No passwordless login: the key is only ever the step after the password."""
    sleutel_van(wereld["gebruikers"]["toegang"])
    kaal = Client()
    for pad in ("verifieren/begin", "verifieren/afronden"):
        antwoord = _post(kaal, pad)
        assert antwoord.status_code == 403 and antwoord.json()["code"] == "passwordless_login_disabled", pad
    assert _regels(actie="inloggen", uitkomst="geweigerd", gebruiker_id=None).count() == 2


def test_sleutel_van_een_ander_wordt_geweigerd(wereld):
    """Password of one user, key of another: refused before any signature counts; audit-logged."""
    eigenaar, ander = wereld["gebruikers"]["aanbieder"], wereld["gebruikers"]["toegang"]
    vreemde = sleutel_van(eigenaar)
    sleutel_van(ander, "Eigen sleutel")
    kaal = _met_wachtwoord(ander)
    opties = _post(kaal, "verifieren/begin").json()
    assert [c["id"] for c in opties["allowCredentials"]] != [_b64(bytes(vreemde.credential_id))]
    bewering = {
        "id": _b64(bytes(vreemde.credential_id)),
        "rawId": _b64(bytes(vreemde.credential_id)),
        "type": "public-key",
        "response": {"clientDataJSON": _b64(b"{}"), "authenticatorData": _b64(bytes(37)), "signature": _b64(b"x")},
        "clientExtensionResults": {},
    }
    antwoord = _post(kaal, "verifieren/afronden", bewering)
    assert antwoord.status_code == 403
    assert antwoord.json() == {"detail": "Deze sleutel hoort niet bij uw account.", "code": "credential_user_mismatch"}
    assert kaal.get("/jeugdigen/")["Location"].startswith("/inloggen/tweede-factor/?next=")
    regel = _regels(actie="inloggen", gebruiker_id=ander.pk).last()
    assert regel.uitkomst == "mislukt"
    assert regel.details == "tweede factor: beveiligingssleutel of passkey mislukt: credential_user_mismatch"


def test_eigen_sleutel_met_ongeldige_handtekening_wordt_geweigerd(wereld):
    gebruiker = wereld["gebruikers"]["toegang"]
    eigen = sleutel_van(gebruiker)
    kaal = _met_wachtwoord(gebruiker)
    _post(kaal, "verifieren/begin")
    bewering = {
        "id": _b64(bytes(eigen.credential_id)),
        "rawId": _b64(bytes(eigen.credential_id)),
        "type": "public-key",
        "response": {"clientDataJSON": _b64(b"{}"), "authenticatorData": _b64(bytes(37)), "signature": _b64(b"x")},
    }
    antwoord = _post(kaal, "verifieren/afronden", bewering)
    assert antwoord.status_code == 422 and antwoord.json()["code"] == "invalid_authentication_response"
    assert not tweefactor.tweede_factor_voldaan(kaal.get("/").wsgi_request)
    assert _regels(actie="inloggen", gebruiker_id=gebruiker.pk, uitkomst="mislukt").count() == 1


def test_in_de_browser_afgebroken_ceremonie_komt_een_keer_in_de_auditlog(wereld):
    """No key in the browser (or cancelled): the page reports it; only a ceremony this session began
    counts, once, and only a known error name reaches the audit log."""
    gebruiker = wereld["gebruikers"]["toegang"]
    sleutel_van(gebruiker)
    assert Client().post(f"{SLEUTEL}/afgebroken/", {"stap": "verificatie"}).status_code == 403
    kaal = _met_wachtwoord(gebruiker)
    assert kaal.post(f"{SLEUTEL}/afgebroken/", {"stap": "verificatie", "fout": "NotAllowedError"}).status_code == 204
    assert not _regels(actie="inloggen", uitkomst="mislukt").exists()  # nothing was begun

    _post(kaal, "verifieren/begin")
    melding = {"stap": "verificatie", "fout": "<script>alert(1)</script>"}
    assert kaal.post(f"{SLEUTEL}/afgebroken/", melding).status_code == 204
    assert kaal.post(f"{SLEUTEL}/afgebroken/", melding).status_code == 204
    assert [r.details for r in _regels(actie="inloggen", uitkomst="mislukt")] == [
        "tweede factor: beveiligingssleutel of passkey in de browser afgebroken: onbekend"
    ]
    assert kaal.get(f"{SLEUTEL}/afgebroken/").status_code == 405


def test_sleutel_van_een_ander_kan_niet_worden_verwijderd(wereld):
    eigenaar, ander = wereld["gebruikers"]["aanbieder"], wereld["gebruikers"]["toegang"]
    vreemde = sleutel_van(eigenaar)
    client = TweeFactorClient()
    client.force_login(ander)
    assert client.post(f"/inloggen/tweede-factor/sleutels/{vreemde.pk}/verwijderen/").status_code == 404
    assert WebAuthnCredential.objects.filter(pk=vreemde.pk).exists()
    assert "Sleutel 1" not in client.get("/inloggen/tweede-factor/sleutels/").content.decode()
    assert client.get(f"/inloggen/tweede-factor/sleutels/{vreemde.pk}/verwijderen/").status_code == 405

    # the owner, with a verified session, removes it; audit-logged
    client.force_login(eigenaar)
    assert "Sleutel 1" in client.get("/inloggen/tweede-factor/sleutels/").content.decode()
    antwoord = client.post(f"/inloggen/tweede-factor/sleutels/{vreemde.pk}/verwijderen/")
    assert antwoord.status_code == 302 and antwoord["Location"] == "/inloggen/tweede-factor/sleutels/"
    assert not WebAuthnCredential.objects.filter(pk=vreemde.pk).exists()
    regel = _regels(actie="verwijderen", objecttype="django_otp_webauthn.WebAuthnCredential").get()
    assert (regel.object_id, regel.gebruiker_id) == (str(vreemde.pk), eigenaar.pk)


def test_laatste_tweede_factor_blijft(wereld):
    """A user whose only factor is one key cannot remove it (nothing would be left to log in with)."""
    gebruiker = wereld["gebruikers"]["aanbieder"]
    enige = sleutel_van(gebruiker)
    kaal = Client()
    kaal.force_login(gebruiker)
    sessie = kaal.session
    sessie[DEVICE_ID_SESSION_KEY] = enige.persistent_id  # verified with this key, as django-otp records it
    sessie.save()
    assert kaal.get("/inloggen/tweede-factor/sleutels/").status_code == 200
    antwoord = kaal.post(f"/inloggen/tweede-factor/sleutels/{enige.pk}/verwijderen/", follow=True)
    assert "Dit is uw enige tweede factor" in antwoord.content.decode()
    assert WebAuthnCredential.objects.filter(pk=enige.pk).exists()
    assert not _regels(actie="verwijderen", objecttype="django_otp_webauthn.WebAuthnCredential").exists()

    tweede = sleutel_van(gebruiker, "Sleutel 2")
    assert kaal.post(f"/inloggen/tweede-factor/sleutels/{tweede.pk}/verwijderen/").status_code == 302
    assert list(WebAuthnCredential.objects.filter(user=gebruiker)) == [enige]


def test_sleutel_verwijderen_vraagt_de_tweede_factor(wereld):
    gebruiker = wereld["gebruikers"]["toegang"]
    eigen = sleutel_van(gebruiker)
    kaal = _met_wachtwoord(gebruiker)
    antwoord = kaal.post(f"/inloggen/tweede-factor/sleutels/{eigen.pk}/verwijderen/")
    assert antwoord["Location"].startswith("/inloggen/tweede-factor/?next=")
    assert WebAuthnCredential.objects.filter(pk=eigen.pk).exists()


def test_alleen_een_sleutel_gaat_naar_verifieren_niet_naar_instellen(wereld):
    """Enforcement is unchanged: a user whose only factor is a key verifies (with the key or a recovery
    code) and is not sent to set up an app; the page offers the key."""
    gebruiker = wereld["gebruikers"]["toegang"]
    sleutel_van(gebruiker)
    kaal = _met_wachtwoord(gebruiker)
    assert kaal.get("/jeugdigen/")["Location"] == "/inloggen/tweede-factor/?next=%2Fjeugdigen%2F"
    assert kaal.get("/inloggen/tweede-factor/instellen/")["Location"].startswith("/inloggen/tweede-factor/")
    pagina = kaal.get("/inloggen/tweede-factor/?next=/jeugdigen/").content.decode()
    assert "Inloggen met beveiligingssleutel of passkey" in pagina
    assert 'id="otp_webauthn_config"' in pagina and "authentication/" not in pagina
    assert "Bent u uw sleutel kwijt?" in pagina


def test_beheerder_verwijdert_ook_sleutels(wereld):
    """'Tweede factor opnieuw laten instellen' (gebruikersbeheer) removes keys too."""
    gebruiker = wereld["gebruikers"]["toegang"]
    app_van(gebruiker)
    sleutel_van(gebruiker)
    assert tweefactor.verwijder_tweede_factoren(gebruiker) == 2
    assert not tweefactor.heeft_tweede_factor(gebruiker)


def test_sleutels_niet_in_de_django_admin():
    """Like the app devices (accounts/admin.py): keys are managed in the user's own screen and by the
    beheerder's reset, never edited (or moved to another account) in /beheer/."""
    from django.contrib import admin
    from django_otp_webauthn.models import WebAuthnAttestation, WebAuthnUserHandle

    for model in (WebAuthnCredential, WebAuthnAttestation, WebAuthnUserHandle):
        assert not admin.site.is_registered(model)
