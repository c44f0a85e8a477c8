"""Named policies for the portal's home page (R-P4): which sections a user's home page holds.
Each section asks the policy of the page it links to, so a home page and a page cannot disagree."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol, mag_gebruikers_beheren
from jeugdregie.audit.policies import mag_auditlog_lezen
from jeugdregie.beheersing.policies import mag_maatregelen_vastleggen, mag_vergelijking_inzien
from jeugdregie.betalingen.policies import mag_betaalbatches_behandelen
from jeugdregie.jeugdigen.policies import ROLLEN_MET_DOSSIER
from jeugdregie.verwijzingen.policies import mag_aanmeldingen_zien, mag_verwijzen


def toont_jeugdigen(gebruiker) -> bool:
    """R-P1: the home page counts the young people only for the roles that read the register."""
    return heeft_rol(gebruiker, *ROLLEN_MET_DOSSIER)


def toont_budgetsignalen(gebruiker) -> bool:
    """R-V4: finance and the board see on their home page when a forecast exceeds the begroting."""
    return heeft_rol(gebruiker, Rol.FINANCIEEL, Rol.BESTUURDER)


def toont_financiele_start(gebruiker) -> bool:
    """Issue 19 §4: finance of a municipality: months ready to batch, batches awaiting the second
    approver, refused lines by cause (R-P1: its own municipality only)."""
    return mag_betaalbatches_behandelen(gebruiker) and gebruiker.gemeente_id is not None


def toont_contractbeheer(gebruiker) -> bool:
    """Issue 19 §4: the contract manager: red lights, signals and measures due (its region)."""
    return mag_maatregelen_vastleggen(gebruiker) and gebruiker.regio_id is not None


def toont_kerncijfers(gebruiker) -> bool:
    """Issue 19 §4, R-K4: policy and board see the region's key figures with their trend."""
    return heeft_rol(gebruiker, Rol.BELEID, Rol.BESTUURDER) and mag_vergelijking_inzien(gebruiker)


def toont_eigen_verwijzingen(gebruiker) -> bool:
    """Issue 19 §4: a GP, jeugdarts or specialist and a GI see their own submissions (referrals,
    bepalingen) and refer from the home page (R-T6, R-T7)."""
    return heeft_rol(gebruiker, Rol.VERWIJZER, Rol.GI) and mag_aanmeldingen_zien(gebruiker) and mag_verwijzen(gebruiker)


def toont_beheer(gebruiker) -> bool:
    """Issue 19 §4, R-P5, R-P2: the functioneel beheerder: users, audit checks, failed jobs."""
    return mag_gebruikers_beheren(gebruiker) and mag_auditlog_lezen(gebruiker)
