"""Named access policies of casusregie (issue 22 §4, R-R3, R-P1, R-P4).

- The toegang of the municipality opens a casus and changes its casusregisseur.
- The casusregisseur is a named user: a toegang worker of that municipality (voluntary care: the
  local team), or a GI worker whose GI holds a running child-protection or juvenile-probation
  measure for the child (seed 004: "tijdens de maatregel komt de casusregie bij de GI te
  liggen"). Never a user of another organisation.
- Only the current casusregisseur records steps, scales down, checks the waakvlam and scales up;
  a former one has no access left. The toegang of the municipality reads every casus of it.
- A provider with care for the child sees only the vaste contactpersoon (name and contact of the
  casusregisseur), never the casus; nobody else anything."""

from __future__ import annotations

from django.db.models import Q

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol, is_ingelogd
from jeugdregie.jeugdigen.policies import mag_dossier_lezen
from jeugdregie.verwijzingen.policies import is_toegang_van

#: The roles that work with casussen: the toegang (opens, reads, is casusregisseur) and the GI
#: (casusregisseur during a measure).
CASUSREGIE_ROLLEN = (Rol.TOEGANG, Rol.GI)


def mag_casusregie_gebruiken(gebruiker) -> bool:
    """The casusregie pages: the toegang and the GI (their rows: ``Casus.objects.voor_gebruiker``)."""
    return heeft_rol(gebruiker, *CASUSREGIE_ROLLEN)


def mag_casussen_openen(gebruiker) -> bool:
    """The page that opens casusregie for a child: the toegang (its own residents)."""
    return heeft_rol(gebruiker, Rol.TOEGANG)


def mag_casus_openen(gebruiker, gemeente_id: int) -> bool:
    """R-R3: the toegang of the responsible municipality opens the casus."""
    return is_toegang_van(gebruiker, gemeente_id)


def mag_regisseur_wisselen(gebruiker, casus) -> bool:
    """R-R3: the toegang of the casus's municipality names another casusregisseur."""
    return is_toegang_van(gebruiker, casus.gemeente_id)


def is_casusregisseur(gebruiker, casus) -> bool:
    """R-R3: the current casusregisseur, still in a casusregie role and active. A former one
    (after a ``Regiewissel``) is not."""
    return (
        is_ingelogd(gebruiker) and heeft_rol(gebruiker, *CASUSREGIE_ROLLEN) and casus.casusregisseur_id == gebruiker.pk
    )


def mag_casus_inzien(gebruiker, casus) -> bool:
    """R-R3: the casusregisseur and the toegang of the municipality read the casus."""
    return is_casusregisseur(gebruiker, casus) or is_toegang_van(gebruiker, casus.gemeente_id)


def kan_casusregisseur_zijn(kandidaat, *, gemeente_id: int, gi_met_maatregel: set[int]) -> bool:
    """R-R3: an active toegang worker of the municipality, or an active GI worker whose GI
    (``verwijzer_id``) is in ``gi_met_maatregel``: the GIs holding a running measure for the
    child. Anyone else (another municipality, a provider, a GI without the measure) not."""
    if kandidaat is None or not kandidaat.is_active:
        return False
    if is_toegang_van(kandidaat, gemeente_id):
        return True
    return heeft_rol(kandidaat, Rol.GI) and kandidaat.verwijzer_id in gi_met_maatregel


def kandidaten(*, gemeente_id: int, gi_met_maatregel: set[int]) -> Q:
    """``kan_casusregisseur_zijn`` as a query condition on users (the form's choice list)."""
    return Q(is_active=True) & (
        Q(rol=Rol.TOEGANG, gemeente_id=gemeente_id) | Q(rol=Rol.GI, verwijzer_id__in=gi_met_maatregel)
    )


def mag_contactpersoon_zien(gebruiker, jeugdige) -> bool:
    """R-R3: a provider with care for the child (it may read the child's register entry, R-P4)
    sees who the vaste contactpersoon is, not the casus."""
    return heeft_rol(gebruiker, Rol.AANBIEDER) and mag_dossier_lezen(gebruiker, jeugdige)
