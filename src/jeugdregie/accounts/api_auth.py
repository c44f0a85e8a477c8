"""Session authentication for the API that demands the second factor (R-P5).

A session without it does not authenticate the request, so DRF answers 401/403 (or the next
class, TokenAuthentication, authenticates a technical client). Tokens are untouched.
"""

from __future__ import annotations

from rest_framework.authentication import SessionAuthentication

from .tweefactor import tweede_factor_voldaan


class VerifieerdeSessieAuthenticatie(SessionAuthentication):
    def authenticate(self, request):
        resultaat = super().authenticate(request)
        if resultaat is None:
            return None
        gebruiker, _ = resultaat
        if not tweede_factor_voldaan(request._request, gebruiker):
            return None
        return resultaat
