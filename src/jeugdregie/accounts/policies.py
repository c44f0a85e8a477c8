"""Named access policies about accounts and roles (R-P4, R-P5).

Each view names its policy (``beleid``) from its app's ``policies`` module and the scoping mixin
asks it; user management asks the ``mag_gebruiker_*`` predicates. A role comparison outside a
``policies`` module fails ``tests/test_beleid_op_een_plek.py`` (STYLE.md)."""

from __future__ import annotations

from jeugdregie.common.policies import is_ingelogd as is_ingelogd  # re-exported: the apps' policies use it

from .constants import ROLLEN_MET_TWEE_FACTOREN, Rol


def heeft_rol(gebruiker, *rollen: Rol) -> bool:
    return is_ingelogd(gebruiker) and gebruiker.rol in rollen


def moet_twee_factoren_gebruiken(gebruiker) -> bool:
    """R-P5: staff, superusers and every role that reads personal data or the audit log."""
    if not is_ingelogd(gebruiker):
        return False
    return gebruiker.is_staff or gebruiker.is_superuser or gebruiker.rol in ROLLEN_MET_TWEE_FACTOREN


#: The kinds of organisation a user reads personal data for (R-P1).
GEMEENTE, AANBIEDER, VERWIJZER = "gemeente", "aanbieder", "verwijzer"


def werkt_namens(gebruiker) -> tuple[str, int | None] | None:
    """R-P1: the organisation on whose behalf ``gebruiker`` reads children and their route:
    (``GEMEENTE``, id) for the toegang, (``AANBIEDER``, id) for a provider, (``VERWIJZER``, id)
    for a referrer or GI; ``None`` for anyone else (finance and the regional roles included)."""
    if heeft_rol(gebruiker, Rol.TOEGANG):
        return GEMEENTE, gebruiker.gemeente_id
    if heeft_rol(gebruiker, Rol.AANBIEDER):
        return AANBIEDER, gebruiker.aanbieder_id
    if heeft_rol(gebruiker, Rol.VERWIJZER, Rol.GI):
        return VERWIJZER, gebruiker.verwijzer_id
    return None


def regio_id_van(gebruiker) -> int | None:
    """The region a user's organisation belongs to (every organisation belongs to one)."""
    organisatie = gebruiker.organisatie if is_ingelogd(gebruiker) else None
    if organisatie is None:
        return None
    return organisatie.pk if organisatie._meta.model_name == "regio" else organisatie.regio_id


def mag_gebruikers_beheren(gebruiker) -> bool:
    """R-P5: the functioneel beheerder manages the accounts of its own region."""
    return heeft_rol(gebruiker, Rol.BEHEERDER) and gebruiker.regio_id is not None


def mag_gebruiker_beheren(gebruiker, account) -> bool:
    """R-P5: only accounts of organisations in the manager's own region, never a superuser or
    staff account (those are made on the command line, not through a web path), never itself."""
    if not mag_gebruikers_beheren(gebruiker) or account.pk == gebruiker.pk:
        return False
    if account.is_superuser or account.is_staff:
        return False
    return regio_id_van(account) == gebruiker.regio_id
