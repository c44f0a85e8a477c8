"""Logins, failed logins and logouts in the audit log (R-P2, R-P5; NEN 7513 logs who gained
access and who tried). The second factor logs its own steps (``tweefactor.py``)."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from jeugdregie.audit.constants import Actie, Uitkomst
from jeugdregie.audit.context import context_uit_request
from jeugdregie.audit.services import log

OBJECTTYPE = "accounts.Gebruiker"


def _stap(backend: str) -> str:
    return "eenmalige aanmelding (OpenID Connect)" if "oidc" in backend.lower() else "wachtwoord"


@receiver(user_logged_in, dispatch_uid="audit_inloggen")
def ingelogd(sender, request, user, **kwargs) -> None:
    backend = getattr(user, "backend", "") or ""
    log(
        actie=Actie.INLOGGEN,
        objecttype=OBJECTTYPE,
        object_id=user.pk,
        door=user,
        context=context_uit_request(request),
        details=_stap(backend),
    )


@receiver(user_login_failed, dispatch_uid="audit_inloggen_mislukt")
def inloggen_mislukt(sender, credentials, request=None, **kwargs) -> None:
    """The name tried is kept (an account name, never a BSN: R-P8 filters logs as well); the
    password never is (Django hides it in ``credentials``)."""
    naam = str(credentials.get("username", ""))[:150]
    log(
        actie=Actie.INLOGGEN,
        objecttype=OBJECTTYPE,
        context=context_uit_request(request),
        uitkomst=Uitkomst.MISLUKT,
        details=f"wachtwoord onjuist of account geblokkeerd; gebruikersnaam: {naam}",
    )


@receiver(user_logged_out, dispatch_uid="audit_uitloggen")
def uitgelogd(sender, request, user, **kwargs) -> None:
    if user is not None:
        log(
            actie=Actie.UITLOGGEN,
            objecttype=OBJECTTYPE,
            object_id=user.pk,
            door=user,
            context=context_uit_request(request),
        )
