"""Named access policies of the organisations and their contracts (R-P4)."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol, regio_id_van


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


def mag_regelsets_beheren(gebruiker) -> bool:
    """R-R1: the rule-set pages: the functioneel beheerder of a region."""
    return heeft_rol(gebruiker, Rol.BEHEERDER) and regio_id_van(gebruiker) is not None


def mag_regelset_beheren(gebruiker, regio) -> bool:
    """R-R1: the functioneel beheerder sets the rule set of their own region only."""
    return mag_regelsets_beheren(gebruiker) and regio_id_van(gebruiker) == regio.pk
