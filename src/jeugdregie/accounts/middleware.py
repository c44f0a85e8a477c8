"""Session rules of R-P5 for every request: the second factor, and how long a session lives.

Both sit after django-otp's ``OTPMiddleware`` (which installs ``request.user.is_verified``).
Token-authenticated API calls carry no session user here and are left to DRF; session calls to
the API are checked by ``accounts.api_auth.VerifieerdeSessieAuthenticatie``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.translation import gettext as _

from jeugdregie.common.tijd import nu

from .tweefactor import heeft_tweede_factor, tweede_factor_voldaan

SESSIE_BEGIN = "jeugdregie_sessie_begin"
SESSIE_LAATST = "jeugdregie_sessie_laatst"

# Paths an authenticated user without the second factor may still open.
# Issue 17: the probes and the metrics scrape too (they never need a session).
VRIJE_PADEN = (
    *("/inloggen/", "/uitloggen/", "/i18n/", "/oidc/", "/static/", "/api/"),
    *("/gezondheid/", "/gereedheid/", "/metrics"),
)


class TweeFactorMiddleware:
    """Sends a user who needs a second factor (accounts/constants.py) to the verification step,
    or to enrolment when no app or key is set up yet, from every page (R-P5)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        gebruiker = request.user
        if (
            gebruiker.is_authenticated
            and not request.path.startswith(VRIJE_PADEN)
            and not tweede_factor_voldaan(request)
        ):
            doel = "tweefactor:verifieren" if heeft_tweede_factor(gebruiker) else "tweefactor:instellen"
            return redirect(f"{reverse(doel)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class SessieDuurMiddleware:
    """Ends a session after ``JEUGDREGIE_SESSIE_INACTIEF_MINUTEN`` without a request, and after
    ``JEUGDREGIE_SESSIE_MAX_UREN`` whatever happens (R-P5). Times come from the server's clock."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            moment = nu()
            if self._verlopen(request.session, moment):
                logout(request)
                if request.path.startswith("/api/"):
                    return self.get_response(request)
                messages.info(request, _("Uw sessie is verlopen. Log opnieuw in."))
                return redirect(f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}")
            request.session.setdefault(SESSIE_BEGIN, moment.isoformat())
            request.session[SESSIE_LAATST] = moment.isoformat()
        return self.get_response(request)

    @staticmethod
    def _verlopen(sessie, moment: datetime) -> bool:
        begin, laatst = sessie.get(SESSIE_BEGIN), sessie.get(SESSIE_LAATST)
        if begin is None or laatst is None:
            return False
        inactief = timedelta(minutes=settings.JEUGDREGIE_SESSIE_INACTIEF_MINUTEN)
        maximaal = timedelta(hours=settings.JEUGDREGIE_SESSIE_MAX_UREN)
        return moment - datetime.fromisoformat(laatst) > inactief or moment - datetime.fromisoformat(begin) > maximaal
