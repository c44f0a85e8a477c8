"""Named access policies of the handover (R-D3, R-P4): only the toegang of one of the two
municipalities of a handover reads it; the old one ends its allocations, the new one confirms the
moving day and closes it."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol


def is_toegang(gebruiker) -> bool:
    return heeft_rol(gebruiker, Rol.TOEGANG) and getattr(gebruiker, "gemeente_id", None) is not None


def mag_overdrachten_gebruiken(gebruiker) -> bool:
    return is_toegang(gebruiker)


def mag_overdracht_zien(gebruiker, overdracht) -> bool:
    return is_toegang(gebruiker) and gebruiker.gemeente_id in (overdracht.van_gemeente_id, overdracht.naar_gemeente_id)


def mag_oude_toewijzing_beeindigen(gebruiker, overdracht) -> bool:
    return is_toegang(gebruiker) and gebruiker.gemeente_id == overdracht.van_gemeente_id


def mag_overdracht_afronden(gebruiker, overdracht) -> bool:
    return is_toegang(gebruiker) and gebruiker.gemeente_id == overdracht.naar_gemeente_id


def mag_verhuisdatum_bevestigen(gebruiker, overdracht) -> bool:
    """R-D3: only the new municipality confirms the moving day that passes care to it; the old
    municipality, which registered the move, never confirms its own date."""
    return is_toegang(gebruiker) and gebruiker.gemeente_id == overdracht.naar_gemeente_id


def mag_geschil_registreren(gebruiker, overdracht) -> bool:
    return mag_overdracht_zien(gebruiker, overdracht)


def mag_geschil_beslissen(gebruiker, geschil) -> bool:
    return mag_overdracht_zien(gebruiker, geschil.overdracht)
