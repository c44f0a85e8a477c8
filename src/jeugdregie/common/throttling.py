"""Throttling of logins and API calls (R-P8, BIO 5.17).

Logins (django-axes): AXES_LOCKOUT_PARAMETERS names two sets, ``[username, ip_address]`` and
``ip_address``. Axes compares both against one limit; ``AdresEnGebruikerHandler`` gives the address
its own, higher limit (AXES_ADRES_FAILURE_LIMIT), so five wrong passwords lock one account from one
address, and password spraying over many usernames from one address is stopped too.

API (DRF): per user (authenticated), per address (anonymous) and per address for everyone. The
rates are read from the settings on every request, so ``override_settings`` works in tests (DRF's
own classes freeze them at import).
"""

from __future__ import annotations

from axes.conf import settings as axes_settings
from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.core.cache import caches
from django.db.models import Sum
from django.http import JsonResponse
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle


class AdresEnGebruikerHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        """Failures on the scale of AXES_FAILURE_LIMIT: the first parameter set (username + address)
        counts as is, the address alone counts in proportion to its own higher limit."""
        per_set = [
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        if not per_set:
            return 0
        gebruiker_en_adres, *adres = per_set
        limiet = axes_settings.AXES_FAILURE_LIMIT
        geschaald = [n * limiet // settings.AXES_ADRES_FAILURE_LIMIT for n in adres]
        return max([gebruiker_en_adres, *geschaald])

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """A successful login clears that user's failures from that address only, never the
        address as a whole (else one valid account would reset a spraying attack's count)."""
        sets = self.filter_user_attempts(request, credentials)
        return sets[0].delete()[0] if sets else 0


API_PREFIX = "/api/"
#: The cache every process shares (settings CACHES["gedeeld"]): a limit counted per process
#: would let N processes take N times the rate.
GEDEELDE_CACHE = "gedeeld"


def _rate(scope: str) -> str | None:
    return settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {}).get(scope)


class GebruikerThrottle(UserRateThrottle):
    """Per user once logged in (per address before): scope ``user``."""

    cache = caches[GEDEELDE_CACHE]

    def get_rate(self):
        return _rate(self.scope)


class AnoniemThrottle(AnonRateThrottle):
    """Anonymous requests per address: scope ``anon``."""

    cache = caches[GEDEELDE_CACHE]

    def get_rate(self):
        return _rate(self.scope)


class AdresThrottle(SimpleRateThrottle):
    """Every API request per address, logged in or not (many accounts, or guessed tokens, from one
    address): scope ``adres``. Applied by ``ApiAdresLimietMiddleware``, before authentication and
    permissions, so refused calls count too (DRF checks its throttles only after both)."""

    cache = caches[GEDEELDE_CACHE]

    scope = "adres"

    def get_rate(self):
        return _rate(self.scope)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ApiAdresLimietMiddleware:
    """Answers 429 to an address that went over its API rate (R-P8)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(API_PREFIX):
            limiet = AdresThrottle()
            if not limiet.allow_request(request, None):
                wacht = limiet.wait()
                antwoord = JsonResponse(
                    {"detail": "Te veel verzoeken vanaf dit adres. Probeer het over een minuut opnieuw."}, status=429
                )
                if wacht is not None:
                    antwoord["Retry-After"] = str(max(1, round(wacht)))
                return antwoord
        return self.get_response(request)
