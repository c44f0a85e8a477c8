"""Named policies for the portal's home page (R-P4): which sections a user's home page holds."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol
from jeugdregie.jeugdigen.policies import ROLLEN_MET_DOSSIER


def toont_jeugdigen(gebruiker) -> bool:
    """R-P1: the home page counts the young people only for the roles that read the register."""
    return heeft_rol(gebruiker, *ROLLEN_MET_DOSSIER)


def toont_budgetsignalen(gebruiker) -> bool:
    """R-V4: finance and the board see on their home page when a forecast exceeds the begroting."""
    return heeft_rol(gebruiker, Rol.FINANCIEEL, Rol.BESTUURDER)


#: Worklists a role's home page will hold once their capability lands (issue 19); the live ones
#: come from ``toewijzingen.werkvoorraad``.
_AANGEKONDIGD = {
    Rol.VERWIJZER: [_("Mijn verwijzingen")],
    Rol.GI: [_("Bepalingen jeugdhulp")],
    Rol.FINANCIEEL: [_("Declaraties om te controleren"), _("Betaalbatches")],
    Rol.BESTUURDER: [_("Rapportages")],
    Rol.BEHEERDER: [_("Catalogus en tarieven"), _("Contracten"), _("Gebruikers"), _("Auditlog")],
}


def aangekondigde_werkvoorraden(gebruiker) -> list:
    """The worklists announced on a role's home page that are not built yet."""
    return next((lijst for rol, lijst in _AANGEKONDIGD.items() if heeft_rol(gebruiker, rol)), [])
