"""Named access policies of the crisis function (R-P4, R-C1…R-C4). Which rows a user reads is
the route's ``bereik_crisis_en_hswv``; the toegang's decisions are ``is_toegang_van``."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol
from jeugdregie.verwijzingen.policies import is_aanbieder_zelf


def is_crisisdienst_van(gebruiker, melding) -> bool:
    return heeft_rol(gebruiker, Rol.AANBIEDER) and gebruiker.aanbieder_id == melding.crisisdienst_id


def mag_crisisverzoeken_inzien(gebruiker) -> bool:
    """R-P4/R-C2: retroactive crisisopvolging requests: the toegang decides, the provider asked."""
    return heeft_rol(gebruiker, Rol.TOEGANG, Rol.AANBIEDER)


def mag_crisismeldingen_inzien(gebruiker) -> bool:
    """R-P4/R-C3: crisis reports: the crisisdienst assesses its own, the toegang follows them."""
    return heeft_rol(gebruiker, Rol.TOEGANG, Rol.AANBIEDER)


def mag_crisis_melden(door, crisisdienst) -> bool:
    """R-P4/R-C3: only the crisisdienst itself registers and assesses its crisis reports."""
    return is_aanbieder_zelf(door, crisisdienst)


def mag_crisisopvolging_aanvragen(door, aanbieder) -> bool:
    """R-P4/R-C2: only the provider delivering the crisisopvolging asks for its allocation."""
    return is_aanbieder_zelf(door, aanbieder)
