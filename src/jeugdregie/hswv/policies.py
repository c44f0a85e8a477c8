"""Named access policies of the HSWV inzet (R-P4, R-X1). Which rows a user reads is the route's
``bereik_crisis_en_hswv``."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol
from jeugdregie.verwijzingen.policies import is_toegang_van


def mag_hswv_inzien(gebruiker) -> bool:
    """R-P4/R-X1: HSWV inzet: the toegang and a GI call on the collective, the collective reports."""
    return heeft_rol(gebruiker, Rol.TOEGANG, Rol.AANBIEDER, Rol.GI)


def mag_hswv_inzetten(door) -> bool:
    """R-X1: only the toegang or a GI calls on the HSWV collective."""
    return door is not None and heeft_rol(door, Rol.TOEGANG, Rol.GI)


def mag_hswv_afronden(door, inzet) -> bool:
    """R-X1: the toegang of the municipality or the collective itself closes an HSWV inzet."""
    return is_toegang_van(door, inzet.gemeente_id) or (
        heeft_rol(door, Rol.AANBIEDER) and door.aanbieder_id == inzet.collectief_id
    )
