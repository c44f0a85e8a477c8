"""Logging in with two factors in tests (R-P5).

Two factors stay on in the test settings. ``TweeFactorClient`` (the ``client`` fixture of
conftest.py) is Django's test client whose ``force_login`` then does the second step the way a
person does it: it takes the user's authenticator app (enrolling one when the user has none),
computes the app's current code from the device key and has django-otp verify that code. A user
who needs no second factor is only logged in. Tests that prove the enforcement itself use a plain
``django.test.Client`` (tests/test_inloggen_tweefactor.py).
"""

from __future__ import annotations

import os
import time

from django.http import HttpRequest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from jeugdregie.accounts import tweefactor


def app_van(gebruiker) -> TOTPDevice:
    """The user's confirmed authenticator app; enrolled here when missing."""
    apparaat = TOTPDevice.objects.devices_for_user(gebruiker, confirmed=True).first()
    if apparaat is None:
        apparaat = TOTPDevice.objects.create(user=gebruiker, name=tweefactor.APPARAAT_NAAM, confirmed=True)
    return apparaat


def code_van(gebruiker) -> str:
    """The code the user's app shows now. A real app code is accepted once per 30-second step;
    a test may log the same user in twice within one step, so the step is made unused first."""
    apparaat = app_van(gebruiker)
    stap = int((time.time() - apparaat.t0) // apparaat.step)
    if apparaat.last_t >= stap:
        apparaat.last_t = stap - 1
        apparaat.save(update_fields=["last_t"])
    return tweefactor.huidige_code(apparaat)


def sleutel_van(gebruiker, naam: str = "Sleutel 1") -> WebAuthnCredential:
    """A registered security key as the database holds it (credential id and public key). Nothing
    can sign for it, so it never verifies a session: tests/e2e/test_webauthn_browser.py uses real keys."""
    return WebAuthnCredential.objects.create(
        user=gebruiker, name=naam, credential_id=os.urandom(32), public_key=os.urandom(77), aaguid=""
    )


class TweeFactorClient(Client):
    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        if tweefactor.vereist_tweede_factor(user):
            self.verifieer_tweede_factor(user)

    def verifieer_tweede_factor(self, gebruiker) -> None:
        sessie = self.session
        request = HttpRequest()
        request.session = sessie
        request.user = gebruiker
        assert tweefactor.verifieer(request=request, code=code_van(gebruiker)), "tweede factor niet geaccepteerd"
        sessie.save()
