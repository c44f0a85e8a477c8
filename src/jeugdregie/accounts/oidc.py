"""Single sign-on for municipal staff through the municipality's OpenID Connect provider (R-P5).

The provider's claims decide the account: ``gemeente`` (the CBS code of the municipality) and
``rol`` (a municipal role: toegang or financieel). Anything else is refused with a Dutch message;
an SSO account is never staff or superuser and has no usable password (so no password reset).
Accounts are named ``oidc:<sub>``; a colon cannot occur in a local username, so a provider can
never take over a local account.

Second factor: when the ID token's ``amr`` claim (RFC 8176) names a multi-factor method (mfa,
otp, hwk, swk, sc, fido), the provider's login counts as both factors; otherwise the user adds
the TOTP step after the provider, like a password login (accounts/tweefactor.py).
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.db import transaction
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log

from .constants import ORGANISATIE, Rol
from .models import Gebruiker
from .tweefactor import is_mfa_amr, markeer_mfa_via_idp

logger = logging.getLogger(__name__)

#: The municipality model, through the account's own key to it (``Gebruiker.gemeente``): the
#: schema already ties accounts to organisaties, and no import of ``organisaties`` closes a
#: cycle with ``organisaties.policies``, which imports the roles from here (issue 16 §2).
Gemeente = Gebruiker.gemeente.field.related_model

CLAIM_GEMEENTE = "gemeente"
CLAIM_ROL = "rol"
GEBRUIKERSNAAM_PREFIX = "oidc:"
# The roles a municipality's provider may grant: those scoped to one municipality.
GEMEENTELIJKE_ROLLEN = frozenset(rol for rol, veld in ORGANISATIE.items() if veld == "gemeente")


class OidcGeweigerd(SuspiciousOperation):
    """The provider's login cannot become a Jeugdregie session; the message is for the user."""


class GemeenteOIDCBackend(OIDCAuthenticationBackend):
    def get_userinfo(self, access_token, id_token, payload):
        """The userinfo claims; they must be about the subject of the verified ID token."""
        claims = super().get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload.get("sub"):
            raise OidcGeweigerd("sub van userinfo en ID-token verschillen")
        return claims

    def verify_claims(self, claims) -> bool:
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(username=self._gebruikersnaam(claims))

    def create_user(self, claims):
        rol, gemeente = self._rol_en_gemeente(claims)
        with transaction.atomic():
            gebruiker = Gebruiker(username=self._gebruikersnaam(claims), is_staff=False, is_superuser=False)
            gebruiker.set_unusable_password()
            self._vul(gebruiker, claims, rol, gemeente)
            self._log(Actie.AANMAKEN, gebruiker, f"account aangemaakt via single sign-on: {_toegang(gebruiker)}")
        logger.info("oidc_gebruiker_aangemaakt", extra={"velden": {"gebruiker_id": gebruiker.pk}})
        return gebruiker

    def update_user(self, user, claims):
        if user.is_staff or user.is_superuser:
            raise self._weiger(
                "Dit account kan niet via de gemeente inloggen. Neem contact op met de functioneel beheerder."
            )
        if not user.is_active:
            raise self._weiger("Dit account is geblokkeerd. Neem contact op met de functioneel beheerder.")
        rol, gemeente = self._rol_en_gemeente(claims)
        with transaction.atomic():
            voor = _toegang(user)
            self._vul(user, claims, rol, gemeente)
            if _toegang(user) != voor:  # R-P5: a role or municipality changed by the provider
                self._log(Actie.WIJZIGEN, user, f"rol gewijzigd via single sign-on: {voor} -> {_toegang(user)}")
        return user

    def get_or_create_user(self, access_token, id_token, payload):
        gebruiker = super().get_or_create_user(access_token, id_token, payload)
        if gebruiker is not None:
            gebruiker.oidc_amr = payload.get("amr")
        return gebruiker

    # helpers

    def _gebruikersnaam(self, claims) -> str:
        naam = f"{GEBRUIKERSNAAM_PREFIX}{claims['sub']}"
        if len(naam) > Gebruiker._meta.get_field("username").max_length:
            raise self._weiger(
                "De gemeente gaf een onbruikbare identiteit door. Neem contact op met de functioneel beheerder."
            )
        return naam

    def _rol_en_gemeente(self, claims) -> tuple[Rol, Gemeente]:
        rol = claims.get(CLAIM_ROL)
        if rol not in GEMEENTELIJKE_ROLLEN:
            raise self._weiger(
                "Uw gemeente gaf geen rol door die in Jeugdregie bestaat. Vraag uw beheerder om toegang."
            )
        code = str(claims.get(CLAIM_GEMEENTE) or "")
        gemeente = Gemeente.objects.filter(cbs_code=code).first()
        if gemeente is None:
            raise self._weiger("Uw gemeente is niet aangesloten bij Jeugdregie. Vraag uw beheerder om toegang.")
        return Rol(rol), gemeente

    def _vul(self, gebruiker: Gebruiker, claims, rol: Rol, gemeente: Gemeente) -> None:
        gebruiker.rol = rol
        gebruiker.gemeente = gemeente
        gebruiker.regio = gebruiker.aanbieder = gebruiker.verwijzer = None
        gebruiker.first_name = str(claims.get("given_name") or "")[:150]
        gebruiker.last_name = str(claims.get("family_name") or "")[:150]
        gebruiker.email = str(claims.get("email") or "")[:254]
        try:
            gebruiker.clean_fields(exclude={"username", "password"})
            gebruiker.clean()
        except ValidationError as fout:
            raise self._weiger(
                "Uw gegevens van de gemeente passen niet bij Jeugdregie. Vraag uw beheerder om toegang."
            ) from fout
        gebruiker.save()

    def _log(self, actie: Actie, gebruiker: Gebruiker, details: str) -> None:
        """R-P5: every change to an account and its role is audit-logged, also one the identity
        provider makes; the provider is named as the party the change is made on behalf of."""
        log(
            actie=actie,
            objecttype=Gebruiker._meta.label,
            object_id=gebruiker.pk,
            door=gebruiker,
            doel="inloggen via de gemeente (single sign-on)",
            namens=f"identity provider van gemeente {gebruiker.gemeente.cbs_code}",
            details=details,
        )

    def _weiger(self, bericht: str) -> OidcGeweigerd:
        """Shows the Dutch reason on the login page; the caller raises the result."""
        messages.error(self.request, bericht)
        return OidcGeweigerd(bericht)


def _toegang(gebruiker: Gebruiker) -> str:
    """Role and municipality as the audit row names them (ids and codes, never a name)."""
    return f"rol={gebruiker.rol or '-'}; gemeente={gebruiker.gemeente_id or '-'}"


class GemeenteCallbackView(OIDCAuthenticationCallbackView):
    """The provider's return: logs in and records a multi-factor login of the provider."""

    def login_success(self):
        antwoord = super().login_success()
        if is_mfa_amr(getattr(self.user, "oidc_amr", None)):
            markeer_mfa_via_idp(self.request)
        return antwoord
