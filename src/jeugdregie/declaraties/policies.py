"""Named access policies of declarations (R-P1, R-P4). Which rows a user reads is decided by the
querysets (``voor_gebruiker``); these predicates name the questions the screens ask."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol

#: Roles that work with declarations line by line (pages and API with lines).
DECLARATIE_ROLLEN = (Rol.AANBIEDER, Rol.TOEGANG, Rol.FINANCIEEL)


def mag_declaraties_inzien(gebruiker) -> bool:
    """R-P1/R-P4: the declaration pages and API with lines are for the provider and the
    municipality's toegang and finance (the querysets narrow the rows)."""
    return heeft_rol(gebruiker, *DECLARATIE_ROLLEN)


def mag_declaratie_indienen(gebruiker) -> bool:
    """A provider files its own declarations (upload, API)."""
    return heeft_rol(gebruiker, Rol.AANBIEDER)


def controleert_declaraties(gebruiker) -> bool:
    """Finance works the declarations as a worklist (rejected lines first)."""
    return heeft_rol(gebruiker, Rol.FINANCIEEL)


def mag_declareren_voor(door, aanbieder) -> bool:
    """R-P4: only the provider itself files a declaration for its delivered care (any intake route)."""
    return door is not None and heeft_rol(door, Rol.AANBIEDER) and door.aanbieder_id == aanbieder.pk
