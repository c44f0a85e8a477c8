"""Named access policies of bezwaar and beroep (R-D2, R-P1): the toegang of the municipality
whose decision is objected to registers and handles the objection; nobody else sees it."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol
from jeugdregie.verwijzingen.policies import is_toegang_van


def mag_bezwaren_inzien(gebruiker) -> bool:
    """The pages of bezwaar: the toegang only (its own municipality's rows, ``voor_gebruiker``)."""
    return heeft_rol(gebruiker, Rol.TOEGANG)


def mag_bezwaar_behandelen(gebruiker, gemeente_id: int) -> bool:
    """R-D2: register, hear, extend, decide: the toegang of the municipality of the decision."""
    return is_toegang_van(gebruiker, gemeente_id)
