"""Named access policies of the product catalog (R-P4)."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol


def mag_tarieven_beheren(gebruiker) -> bool:
    """R-P4: only the functioneel beheerder maintains the catalog's tariff periods."""
    return heeft_rol(gebruiker, Rol.BEHEERDER)
