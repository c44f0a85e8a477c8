"""Named access policies of the organisations and their contracts (R-P4)."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol


def mag_contracten_registreren(gebruiker) -> bool:
    """R-P4/R-S4: only the functioneel beheerder registers a provider's contract."""
    return heeft_rol(gebruiker, Rol.BEHEERDER)
