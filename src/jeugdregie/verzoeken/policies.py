"""Named access policies of the providers' requests for allocation (R-P4, iJw JW315)."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol
from jeugdregie.verwijzingen.policies import is_aanbieder_zelf


def mag_verzoeken_behandelen(gebruiker) -> bool:
    """R-P4: the toegang works the providers' requests for allocation (JW315)."""
    return heeft_rol(gebruiker, Rol.TOEGANG)


def mag_verzoek_indienen(door, aanbieder) -> bool:
    """R-P4: a provider files requests for allocation (JW315) only for itself."""
    return is_aanbieder_zelf(door, aanbieder)
