"""Named access policies of the payment batches (R-P1, R-P4). Batches and posts are per
provider, never per young person: no BSN or name is in them, so the regional roles may read
them as aggregates. Only finance of the batch's municipality prepares, judges or exports."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol

#: Regional roles: every batch of municipalities in their region (aggregates, R-P1).
REGIO_ROLLEN = (Rol.CONTRACTMANAGER, Rol.BELEID, Rol.BESTUURDER)
#: Who reads the batches: finance and the regional roles.
LEES_ROLLEN = (Rol.FINANCIEEL, *REGIO_ROLLEN)
#: API actions that change or pay out a batch: only finance (of the batch's municipality: the
#: scope gives 404 for another one, the service refuses anything else).
FINANCIEEL_ACTIES = {"create", "goedkeuren", "afwijzen", "csv", "sepa"}

#: The scopes ``bereik`` answers with.
FINANCIEEL = "financieel"
REGIO = "regio"
AANBIEDER = "aanbieder"


def bereik(gebruiker) -> str | None:
    """R-P1: whose batches and posts a user sees: finance its municipality's, the regional roles
    their region's, a provider its own posts (never a batch of all providers), anyone else none."""
    if heeft_rol(gebruiker, Rol.FINANCIEEL):
        return FINANCIEEL
    if heeft_rol(gebruiker, *REGIO_ROLLEN):
        return REGIO
    if heeft_rol(gebruiker, Rol.AANBIEDER):
        return AANBIEDER
    return None


def mag_betaalbatches_inzien(gebruiker) -> bool:
    """R-P1: finance and the regional roles read the payment batches (scoped by ``bereik``)."""
    return heeft_rol(gebruiker, *LEES_ROLLEN)


def mag_betaalposten_inzien(gebruiker) -> bool:
    """R-P1: a provider its own payment posts, finance and the regional roles those in their scope."""
    return heeft_rol(gebruiker, Rol.AANBIEDER, *LEES_ROLLEN)


def mag_betaalbatches_behandelen(gebruiker) -> bool:
    """R-P1: only finance prepares, approves, rejects and downloads payment batches (of which
    municipality: ``mag_betaalbatch_behandelen``)."""
    return heeft_rol(gebruiker, Rol.FINANCIEEL)


def mag_betaalbatch_behandelen(gebruiker, gemeente_id: int | None) -> bool:
    """R-P1: only a finance user of the batch's own municipality prepares, judges or exports it."""
    return mag_betaalbatches_behandelen(gebruiker) and gemeente_id is not None and gebruiker.gemeente_id == gemeente_id


def mag_betaalbatch_actie(gebruiker, actie: str | None) -> bool:
    """R-P1: an API action that changes or pays out a batch is for finance only; reading is for
    every role that reads batches."""
    if actie in FINANCIEEL_ACTIES:
        return mag_betaalbatches_behandelen(gebruiker)
    return mag_betaalbatches_inzien(gebruiker)
