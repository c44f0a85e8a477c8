"""A security key or passkey (WebAuthn) as the second factor (R-P5), with django-otp-webauthn.

The package does the ceremonies and the cryptography (py_webauthn checks the challenge, origin,
relying party and signature); this module puts them under /inloggen/tweede-factor/sleutel/ with an
audit row for each outcome. Passwordless login is off (settings): a key is only ever the second
step after the password, so the authentication views answer an anonymous request with 403.

- Registration: only for the logged-in user themself. The package refuses a user who has a
  confirmed device (app, recovery codes, key) but whose session is not verified with one, so a
  stolen password cannot add a key; a user with no factor yet may register a key as the first one
  (enrolment, like the app), which also verifies the session.
- Verification: the key must belong to the logged-in user (another user's key is refused).
- A ceremony the browser ends itself (no key, cancelled) never reaches the package's views; the
  page's script reports it to ``afgebroken`` so it is audit-logged as well.
"""

from __future__ import annotations

import json

from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import exceptions
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.views import (
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from jeugdregie.audit.constants import Actie, Uitkomst
from jeugdregie.audit.context import context_uit_request
from jeugdregie.audit.services import log

SLEUTEL = "beveiligingssleutel of passkey"


class SleutelHelper(WebAuthnHelper):
    """Names each new key "Sleutel n" so the user can tell their keys apart on the keys page."""

    def create_credential(self, user, response, parsed_credential, original_data):
        sleutel = super().create_credential(user, response, parsed_credential, original_data)
        namen = set(WebAuthnCredential.objects.filter(user=user).values_list("name", flat=True))
        sleutel.name = next(f"Sleutel {n}" for n in range(1, len(namen) + 2) if f"Sleutel {n}" not in namen)
        return sleutel


def _uitkomst(fout: exceptions.OTPWebAuthnApiError) -> Uitkomst:
    """A refusal before any check (not logged in, not verified) or a failed check."""
    geweigerd = (exceptions.NotAuthenticated, exceptions.NotVerified, exceptions.PasswordlessLoginDisabled)
    return Uitkomst.GEWEIGERD if isinstance(fout, geweigerd) else Uitkomst.MISLUKT


# Dutch messages the package's script shows under the button (its own are English for server errors).
MELDINGEN = {
    "not_authenticated": _("Log eerst in met uw wachtwoord."),
    "user_not_verified": _("Log eerst in met uw tweede factor; daarna kunt u een sleutel registreren."),
    "passwordless_login_disabled": _("Log eerst in met uw wachtwoord."),
    "credential_not_found": _("Deze sleutel is niet (meer) geregistreerd bij Jeugdregie."),
    "credential_user_mismatch": _("Deze sleutel hoort niet bij uw account."),
    "credential_disabled": _("Deze sleutel is uitgeschakeld."),
    "user_disabled": _("Dit account is uitgeschakeld."),
    "invalid_state": _("Deze poging is verlopen. Probeer het opnieuw."),
}


class _MetAudit:
    """Writes an audit row for every refusal or failure of the ceremony and answers in Dutch."""

    def audit_fout(self, fout: exceptions.OTPWebAuthnApiError) -> None:
        raise NotImplementedError

    def handle_exception(self, exc):
        if not isinstance(exc, exceptions.OTPWebAuthnApiError):
            return super().handle_exception(exc)
        self.audit_fout(exc)
        melding = MELDINGEN.get(exc.code, _("De sleutel is niet geaccepteerd. Probeer het opnieuw."))
        return JsonResponse({"detail": str(melding), "code": exc.code}, status=exc.status_code)


class _Registratie(_MetAudit):
    stap = ""

    def audit_fout(self, fout):
        log(
            actie=Actie.AANMAKEN,
            objecttype=WebAuthnCredential._meta.label,
            context=context_uit_request(self.request),
            uitkomst=_uitkomst(fout),
            details=f"{SLEUTEL} {self.stap}: {fout.code}",
        )


class RegistratieBeginnen(_Registratie, BeginCredentialRegistrationView):
    stap = "registreren geweigerd"


class RegistratieAfronden(_Registratie, CompleteCredentialRegistrationView):
    """Verifies the new key's attestation and stores it; audit-logged either way."""

    stap = "niet geregistreerd"

    def post(self, *args, **kwargs):
        antwoord = super().post(*args, **kwargs)
        log(
            actie=Actie.AANMAKEN,
            objecttype=WebAuthnCredential._meta.label,
            object_id=json.loads(antwoord.content)["id"],
            context=context_uit_request(self.request),
            details=f"{SLEUTEL} geregistreerd",
        )
        return antwoord


def _log_inloggen(request, uitkomst: Uitkomst, details: str) -> None:
    gebruiker = request.user
    log(
        actie=Actie.INLOGGEN,
        objecttype="accounts.Gebruiker",
        object_id=gebruiker.pk if gebruiker.is_authenticated else "",
        context=context_uit_request(request),
        uitkomst=uitkomst,
        details=details,
    )


class VerificatieBeginnen(_MetAudit, BeginCredentialAuthenticationView):
    def audit_fout(self, fout):
        _log_inloggen(self.request, _uitkomst(fout), f"tweede factor: {SLEUTEL} geweigerd: {fout.code}")


class VerificatieAfronden(_MetAudit, CompleteCredentialAuthenticationView):
    """Checks the key's signature over the challenge; a success verifies the session (django-otp)."""

    def post(self, *args, **kwargs):
        antwoord = super().post(*args, **kwargs)
        _log_inloggen(self.request, Uitkomst.GELUKT, f"tweede factor: {SLEUTEL}")
        return antwoord

    def audit_fout(self, fout):
        _log_inloggen(self.request, _uitkomst(fout), f"tweede factor: {SLEUTEL} mislukt: {fout.code}")


# DOMException names a browser gives for a ceremony it ends itself (no key, cancelled, timed out).
BROWSERFOUTEN = frozenset(
    {"NotAllowedError", "AbortError", "InvalidStateError", "SecurityError", "NotSupportedError", "ConstraintError"}
)
# The package keeps a begun ceremony's challenge in the session under these keys until it completes.
BEGONNEN = {"verificatie": "otp_webauthn_authentication_state", "registratie": "otp_webauthn_register_state"}


@never_cache
@require_POST
def afgebroken(request):
    """accounts/static/accounts/sleutel.js reports a ceremony the browser ended before anything reached
    the server (the key is gone, the user cancelled, the time ran out), so that failure is audit-logged
    too. Only a ceremony this session began counts, once (its challenge is dropped), and only a known
    error name is written: the browser cannot put text of its own in the audit log."""
    if not request.user.is_authenticated:
        return HttpResponse(status=403)
    stap = request.POST.get("stap", "")
    if stap not in BEGONNEN or request.session.pop(BEGONNEN[stap], None) is None:
        return HttpResponse(status=204)
    fout = request.POST.get("fout", "")
    fout = fout if fout in BROWSERFOUTEN else "onbekend"
    if stap == "verificatie":
        _log_inloggen(request, Uitkomst.MISLUKT, f"tweede factor: {SLEUTEL} in de browser afgebroken: {fout}")
    else:
        log(
            actie=Actie.AANMAKEN,
            objecttype=WebAuthnCredential._meta.label,
            context=context_uit_request(request),
            uitkomst=Uitkomst.MISLUKT,
            details=f"{SLEUTEL} niet geregistreerd: in de browser afgebroken: {fout}",
        )
    return HttpResponse(status=204)


# The package's template tags and scripts look these names up in the "otp_webauthn" namespace.
urls = (
    [
        path("registreren/begin/", RegistratieBeginnen.as_view(), name="credential-registration-begin"),
        path("registreren/afronden/", RegistratieAfronden.as_view(), name="credential-registration-complete"),
        path("verifieren/begin/", VerificatieBeginnen.as_view(), name="credential-authentication-begin"),
        path("verifieren/afronden/", VerificatieAfronden.as_view(), name="credential-authentication-complete"),
        path("jsi18n/", JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]), name="js-i18n-catalog"),
        path("afgebroken/", afgebroken, name="afgebroken"),
    ],
    "otp_webauthn",
)
