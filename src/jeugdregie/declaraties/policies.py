"""Named access policies of declarations (R-P1, R-P4). Which rows a user reads is decided by the
querysets (``voor_gebruiker``); these predicates name the questions the screens ask."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol


def mag_declaratie_indienen(gebruiker) -> bool:
    """A provider files its own declarations (upload, API)."""
    return heeft_rol(gebruiker, Rol.AANBIEDER)


def controleert_declaraties(gebruiker) -> bool:
    """Finance works the declarations as a worklist (rejected lines first)."""
    return heeft_rol(gebruiker, Rol.FINANCIEEL)
