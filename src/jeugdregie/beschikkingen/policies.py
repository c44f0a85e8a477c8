"""Named access policies of the beschikkingen (R-D1, R-P1, R-P4).

A letter is the municipality's decision to a family: the toegang of the letter's municipality
reads, downloads and dispatches it; providers, referrers, finance and the regional roles do not.
The functioneel beheerder edits the letter templates of the municipalities in its region and
never reads a letter."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol


def mag_beschikkingen_inzien(gebruiker) -> bool:
    """The register, the worklist and the letters: the toegang (its own municipality's only,
    ``BeschikkingQuerySet.voor_gebruiker``)."""
    return heeft_rol(gebruiker, Rol.TOEGANG) and gebruiker.gemeente_id is not None


def mag_beschikking_lezen(gebruiker, beschikking) -> bool:
    return mag_beschikkingen_inzien(gebruiker) and beschikking.gemeente_id == gebruiker.gemeente_id


def mag_sjablonen_beheren(gebruiker) -> bool:
    """The letter templates: the functioneel beheerder of a region."""
    return heeft_rol(gebruiker, Rol.BEHEERDER) and gebruiker.regio_id is not None


def mag_sjabloon_bewerken(gebruiker, gemeente) -> bool:
    return mag_sjablonen_beheren(gebruiker) and gemeente.regio_id == gebruiker.regio_id
