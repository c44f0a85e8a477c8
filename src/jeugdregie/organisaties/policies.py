"""Named access policies of the organisations and their contracts (R-P4)."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol


def mag_contracten_registreren(gebruiker) -> bool:
    """R-P4/R-S4: only the functioneel beheerder registers a provider's contract."""
    return heeft_rol(gebruiker, Rol.BEHEERDER)


def mag_wachttijd_melden(gebruiker, aanbieder) -> bool:
    """R-S6: a provider's own staff report its waiting times, for that provider only."""
    return heeft_rol(gebruiker, Rol.AANBIEDER) and gebruiker.aanbieder_id == aanbieder.pk


def mag_wachttijden_melden(gebruiker) -> bool:
    """R-S6: the page and endpoint where a provider reports its own waiting times."""
    return heeft_rol(gebruiker, Rol.AANBIEDER) and gebruiker.aanbieder_id is not None


def mag_wachttijden_overzien(gebruiker) -> bool:
    """R-S6: the regional overview of waiting times: contract manager and policy staff."""
    return heeft_rol(gebruiker, Rol.CONTRACTMANAGER, Rol.BELEID)
