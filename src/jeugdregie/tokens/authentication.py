"""DRF authentication with expiring tokens (R-P8): ``Authorization: Token <sleutel>``.

An unknown, revoked or expired token is refused with 401 and a Dutch message that says what to do.
The refusal is its own exception rather than DRF's AuthenticationFailed: DRF turns that into 403
when session authentication comes first in the list, and a client must be able to tell "log in
again" (401) from "not allowed" (403).
"""

from __future__ import annotations

from django.utils import timezone
from rest_framework import exceptions, status
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from .models import ApiToken, hash_van

KEYWORD = "Token"


class TokenGeweigerd(exceptions.APIException):
    status_code = status.HTTP_401_UNAUTHORIZED
    default_code = "token_geweigerd"
    auth_header = KEYWORD  # becomes the WWW-Authenticate header of the 401


class VerlopendeTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        delen = get_authorization_header(request).split()
        if not delen or delen[0].lower() != KEYWORD.lower().encode():
            return None
        if len(delen) != 2:
            raise TokenGeweigerd("Ongeldige Authorization-header: gebruik 'Token <sleutel>'.")
        try:
            sleutel = delen[1].decode("ascii")
        except UnicodeDecodeError:
            raise TokenGeweigerd("Ongeldig API-token.") from None
        token = ApiToken.objects.select_related("gebruiker").filter(sleutel_hash=hash_van(sleutel)).first()
        if token is None or token.ingetrokken_op is not None:
            raise TokenGeweigerd(
                "Ongeldig of ingetrokken API-token. Vraag de functioneel beheerder om een nieuw token."
            )
        if timezone.now() >= token.verloopt_op:
            raise TokenGeweigerd(
                f"Dit API-token is verlopen op {timezone.localtime(token.verloopt_op):%d-%m-%Y %H:%M}. "
                "Vraag de functioneel beheerder om een nieuw token."
            )
        if not token.gebruiker.is_active:
            raise TokenGeweigerd("Het account van dit API-token is niet actief.")
        return token.gebruiker, token

    def authenticate_header(self, request) -> str:
        return KEYWORD
