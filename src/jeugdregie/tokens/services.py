"""Making and revoking API tokens (R-P8). Both are audit-logged (R-P2, R-P5)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.context import Toegangscontext
from jeugdregie.audit.services import log
from jeugdregie.common.errors import DomainError

from .constants import FoutcodeToken
from .models import ApiToken, hash_van

OBJECTTYPE = "tokens.ApiToken"


@dataclass(frozen=True)
class NieuwToken:
    token: ApiToken
    #: The key to give to the API client; it is not stored and cannot be shown again.
    sleutel: str


@transaction.atomic
def maak_token(
    *,
    gebruiker,
    door,
    omschrijving: str = "",
    geldig_dagen: int | None = None,
    context: Toegangscontext | None = None,
    namens: str = "",
) -> NieuwToken:
    """A new token for ``gebruiker`` that expires after ``geldig_dagen`` (default: the setting
    API_TOKEN_GELDIGHEID_DAGEN)."""
    dagen = settings.API_TOKEN_GELDIGHEID_DAGEN if geldig_dagen is None else geldig_dagen
    if not 1 <= dagen <= settings.API_TOKEN_GELDIGHEID_DAGEN:
        raise DomainError(
            FoutcodeToken.ONGELDIGE_GELDIGHEID,
            f"Een token is 1 tot en met {settings.API_TOKEN_GELDIGHEID_DAGEN} dagen geldig.",
            field="geldig_dagen",
        )
    if not gebruiker.is_active:
        raise DomainError(
            FoutcodeToken.GEEN_ACTIEF_ACCOUNT, "Dit account is niet actief: het krijgt geen token.", field="gebruiker"
        )
    sleutel = secrets.token_urlsafe(32)
    nu = timezone.now()
    token = ApiToken.objects.create(
        gebruiker=gebruiker,
        omschrijving=omschrijving[:200],
        sleutel_hash=hash_van(sleutel),
        sleutel_begin=sleutel[:6],
        aangemaakt_op=nu,
        verloopt_op=nu + timedelta(days=dagen),
    )
    log(
        actie=Actie.AANMAKEN,
        objecttype=OBJECTTYPE,
        object_id=token.pk,
        door=door,
        context=context,
        namens=namens,
        details=f"API-token voor gebruiker {gebruiker.pk}, geldig tot {token.verloopt_op:%Y-%m-%d}",
    )
    return NieuwToken(token=token, sleutel=sleutel)


@transaction.atomic
def trek_in(*, token: ApiToken, door, context: Toegangscontext | None = None, namens: str = "") -> ApiToken:
    """Revoke a token at once; the API refuses it from the next request on."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.ingetrokken_op is not None:
        raise DomainError(FoutcodeToken.AL_INGETROKKEN, "Dit token is al ingetrokken.")
    token.ingetrokken_op = timezone.now()
    token.save(update_fields=["ingetrokken_op"])
    log(
        actie=Actie.WIJZIGEN,
        objecttype=OBJECTTYPE,
        object_id=token.pk,
        door=door,
        context=context,
        namens=namens,
        details=f"API-token van gebruiker {token.gebruiker_id} ingetrokken",
    )
    return token
