"""Two factors at login (R-P5): who needs them, whether a session has them, and enrolment.

A session satisfies the second factor when django-otp verified one of the user's devices in it
(a TOTP app, a one-time recovery code, or a security key or passkey: WebAuthn, accounts/webauthn.py),
or when the municipality's identity provider reported
a multi-factor login (OpenID Connect ``amr`` claim, see accounts/oidc.py). ``vereist_tweede_factor``
is the one policy; the middleware (pages) and the API session authentication both ask
``tweede_factor_voldaan``.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable

import segno
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from jeugdregie.audit.constants import Actie, Uitkomst
from jeugdregie.audit.context import context_uit_request
from jeugdregie.audit.services import log

from .models import Gebruiker
from .policies import moet_twee_factoren_gebruiken

APPARAAT_NAAM = "Authenticator-app"
HERSTEL_NAAM = "Herstelcodes"
AANTAL_HERSTELCODES = 10
# Session key set when the identity provider's login was multi-factor (accounts/oidc.py).
SESSIE_MFA_VIA_IDP = "jeugdregie_mfa_via_idp"
# Authentication method references (RFC 8176) that count as a second factor.
MFA_AMR = frozenset({"mfa", "otp", "hwk", "swk", "sc", "fido"})


def twee_factoren_aan() -> bool:
    """False only where a setting switches them off; production refuses that (settings)."""
    return getattr(settings, "JEUGDREGIE_TWEE_FACTOREN", True)


def vereist_tweede_factor(gebruiker) -> bool:
    """R-P5: every account that can read personal data or the audit log (constants)."""
    if not twee_factoren_aan() or not getattr(gebruiker, "is_authenticated", False):
        return False
    return moet_twee_factoren_gebruiken(gebruiker)


def tweede_factor_voldaan(request: HttpRequest, gebruiker=None) -> bool:
    gebruiker = gebruiker if gebruiker is not None else request.user
    if not vereist_tweede_factor(gebruiker):
        return True
    if request.session.get(SESSIE_MFA_VIA_IDP) is True:
        return True
    is_verified = getattr(gebruiker, "is_verified", None)
    return bool(is_verified and is_verified())


def is_mfa_amr(amr: Iterable[str] | str | None) -> bool:
    if not amr:
        return False
    waarden = [amr] if isinstance(amr, str) else list(amr)
    return any(str(waarde).lower() in MFA_AMR for waarde in waarden)


def markeer_mfa_via_idp(request: HttpRequest) -> None:
    request.session[SESSIE_MFA_VIA_IDP] = True


def heeft_app(gebruiker: Gebruiker) -> bool:
    return TOTPDevice.objects.devices_for_user(gebruiker, confirmed=True).exists()


def heeft_sleutel(gebruiker: Gebruiker) -> bool:
    """Whether the user registered a security key or passkey (WebAuthn)."""
    return WebAuthnCredential.objects.devices_for_user(gebruiker, confirmed=True).exists()


def heeft_tweede_factor(gebruiker: Gebruiker) -> bool:
    """An app or a key: the user verifies at the second step instead of enrolling."""
    return heeft_app(gebruiker) or heeft_sleutel(gebruiker)


def sleutels_van(gebruiker: Gebruiker):
    return WebAuthnCredential.objects.filter(user=gebruiker).order_by("created_at", "pk")


def met_app_status(gebruikers):
    """``gebruikers`` annotated with ``heeft_app`` (an authenticator app) and ``heeft_sleutel``
    (a security key or passkey)."""
    return gebruikers.annotate(
        heeft_app=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
        heeft_sleutel=Exists(WebAuthnCredential.objects.filter(user=OuterRef("pk"), confirmed=True)),
    )


def verwijder_tweede_factoren(gebruiker: Gebruiker) -> int:
    """Removes the account's authenticator apps, recovery codes and security keys or passkeys (a
    lost phone or key). A session verified with a removed device is no longer verified (django-otp
    looks the device up on each request), so the user sets up a new factor at the next step.
    Returns how many were removed."""
    apps = TOTPDevice.objects.filter(user=gebruiker).delete()[1].get(TOTPDevice._meta.label, 0)
    codes = StaticDevice.objects.filter(user=gebruiker).delete()[1].get(StaticDevice._meta.label, 0)
    sleutels = WebAuthnCredential.objects.filter(user=gebruiker).delete()[1].get(WebAuthnCredential._meta.label, 0)
    return apps + codes + sleutels


class LaatsteFactor(Exception):
    """The key is the user's only second factor: removing it would leave nothing to log in with."""


@transaction.atomic
def verwijder_sleutel(*, request: HttpRequest, sleutel_id: int) -> bool:
    """The user removes one of their own keys; another user's key is not found (False). The last
    key of a user without an app stays (LaatsteFactor): the user registers another key or sets up
    the app first (the beheerder's reset is the way out for a lost one)."""
    sleutel = WebAuthnCredential.objects.select_for_update().filter(user=request.user, pk=sleutel_id).first()
    if sleutel is None:
        return False
    if not heeft_app(request.user) and not sleutels_van(request.user).exclude(pk=sleutel.pk).exists():
        raise LaatsteFactor
    sleutel.delete()
    log(
        actie=Actie.VERWIJDEREN,
        objecttype=WebAuthnCredential._meta.label,
        object_id=sleutel_id,
        context=context_uit_request(request),
        details="beveiligingssleutel of passkey verwijderd",
    )
    return True


def huidige_code(apparaat: TOTPDevice) -> str:
    """The code the app shows now (demo command and tests; never rendered to a page)."""
    waarde = totp(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits, apparaat.drift)
    return f"{waarde:0{apparaat.digits}d}"


def geheim_base32(apparaat: TOTPDevice) -> str:
    return base64.b32encode(apparaat.bin_key).decode("ascii")


def qr_svg_data_uri(apparaat: TOTPDevice) -> str:
    """The otpauth URI as a QR code, an SVG data URI (CSP allows data: images, no inline script)."""
    return segno.make(apparaat.config_url, error="m").svg_data_uri(scale=4)


@transaction.atomic
def start_inschrijving(gebruiker: Gebruiker) -> TOTPDevice:
    """The unconfirmed app device of this user: one is kept until a code confirms it."""
    apparaat = TOTPDevice.objects.filter(user=gebruiker, confirmed=False).order_by("pk").first()
    if apparaat is None:
        apparaat = TOTPDevice.objects.create(user=gebruiker, name=APPARAAT_NAAM, confirmed=False)
    return apparaat


@transaction.atomic
def bevestig_inschrijving(*, request: HttpRequest, apparaat: TOTPDevice, code: str) -> list[str] | None:
    """Confirms the app with a code it shows; replaces earlier app devices, verifies this session
    and returns fresh recovery codes (shown once). None when the code is wrong."""
    if not apparaat.verify_token(code.strip()):
        return None
    TOTPDevice.objects.filter(user=apparaat.user).exclude(pk=apparaat.pk).delete()
    apparaat.confirmed = True
    apparaat.save(update_fields=["confirmed"])
    otp_login(request, apparaat)
    log(
        actie=Actie.AANMAKEN,
        objecttype="otp_totp.TOTPDevice",
        object_id=apparaat.pk,
        context=context_uit_request(request),
        details="authenticator-app ingesteld",
    )
    return nieuwe_herstelcodes(apparaat.user)


@transaction.atomic
def nieuwe_herstelcodes(gebruiker: Gebruiker) -> list[str]:
    """Ten one-time recovery codes; earlier ones stop working."""
    apparaat, _ = StaticDevice.objects.get_or_create(user=gebruiker, name=HERSTEL_NAAM, defaults={"confirmed": True})
    apparaat.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(AANTAL_HERSTELCODES)]
    StaticToken.objects.bulk_create(StaticToken(device=apparaat, token=code) for code in codes)
    log(
        actie=Actie.AANMAKEN,
        objecttype="otp_static.StaticDevice",
        object_id=apparaat.pk,
        door=gebruiker,
        details=f"{AANTAL_HERSTELCODES} nieuwe herstelcodes",
    )
    return codes


def verifieer(*, request: HttpRequest, code: str) -> bool:
    """The second step after the password: an app code or an unused recovery code."""
    code = code.strip().replace(" ", "").lower()
    if not code:
        return False
    # six digits is an app code, anything else a recovery code (8 base32 characters): only the
    # matching device is asked, so a mistyped code of one kind does not throttle the other
    soort = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    for apparaat in soort.objects.devices_for_user(request.user, confirmed=True):
        if apparaat.verify_token(code):
            otp_login(request, apparaat)
            _log_tweede_stap(request, soort, Uitkomst.GELUKT)
            return True
    _log_tweede_stap(request, soort, Uitkomst.MISLUKT)
    return False


def _log_tweede_stap(request: HttpRequest, soort, uitkomst: Uitkomst) -> None:
    wat = "code uit de app" if soort is TOTPDevice else "herstelcode"
    log(
        actie=Actie.INLOGGEN,
        objecttype="accounts.Gebruiker",
        object_id=request.user.pk,
        context=context_uit_request(request),
        uitkomst=uitkomst,
        details=f"tweede factor: {wat}",
    )
