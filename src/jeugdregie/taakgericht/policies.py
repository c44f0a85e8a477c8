"""Named access policies of the task-based assignments (R-R2, R-P1).

* contractmanager, beheerder of the region — record assignments, their lump sums and schedules;
  with beleid and bestuurder they read the monitoring of their region's assignments (aggregates).
* financieel of a municipality of the assignment — pays the terms and reads the monitoring.
* toegang of a municipality of the assignment — refers its residents to it.
* aanbieder, the opdrachtnemer — reports start and stop of care (iJw JW305/JW307, IV096).
Nobody else touches an assignment."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol

#: Who records a region's assignments, lump sums and payment schedules.
BEHEERDERS = (Rol.CONTRACTMANAGER, Rol.BEHEERDER)
#: Regional roles that read the monitoring (aggregates, no personal data).
REGIO_LEZERS = (Rol.CONTRACTMANAGER, Rol.BEHEERDER, Rol.BELEID, Rol.BESTUURDER)

#: The scopes ``bereik`` answers with.
REGIO = "regio"
GEMEENTE = "gemeente"
AANBIEDER = "aanbieder"


def bereik(gebruiker) -> tuple[str, int | None] | None:
    """Whose assignments ``gebruiker`` sees: its region's, those serving its municipality
    (finance, toegang) or its own as opdrachtnemer; ``None`` for anyone else."""
    if heeft_rol(gebruiker, *REGIO_LEZERS):
        return REGIO, gebruiker.regio_id
    if heeft_rol(gebruiker, Rol.FINANCIEEL, Rol.TOEGANG):
        return GEMEENTE, gebruiker.gemeente_id
    if heeft_rol(gebruiker, Rol.AANBIEDER):
        return AANBIEDER, gebruiker.aanbieder_id
    return None


def mag_opdrachten_inzien(gebruiker) -> bool:
    """The list of assignments: every role ``bereik`` names (each its own rows)."""
    return bereik(gebruiker) is not None


def mag_opdracht_beheren(gebruiker, regio_id: int) -> bool:
    """R-R2: the contractmanager or functioneel beheerder of the region records an assignment,
    its lump sum per year and its payment schedule."""
    return heeft_rol(gebruiker, *BEHEERDERS) and gebruiker.regio_id == regio_id


def mag_termijn_betalen(gebruiker, gemeente_ids: set[int]) -> bool:
    """R-R2: finance of a municipality the assignment serves records that a term was paid."""
    return heeft_rol(gebruiker, Rol.FINANCIEEL) and gebruiker.gemeente_id in gemeente_ids


def mag_monitoring_inzien(gebruiker) -> bool:
    """R-R2: the population-budget monitoring: the regional roles and finance (aggregates only)."""
    return heeft_rol(gebruiker, *REGIO_LEZERS, Rol.FINANCIEEL)


def mag_termijnen_betalen(gebruiker) -> bool:
    """The payment button: finance (the service checks the municipality, ``mag_termijn_betalen``)."""
    return heeft_rol(gebruiker, Rol.FINANCIEEL)


def mag_naar_opdracht_verwijzen(gebruiker, gemeente_id: int) -> bool:
    """iJw IV096: the toegang of the child's municipality refers to the assignment."""
    return heeft_rol(gebruiker, Rol.TOEGANG) and gebruiker.gemeente_id == gemeente_id


def mag_zorg_melden(gebruiker, aanbieder_id: int) -> bool:
    """iJw JW305/JW307: only the opdrachtnemer reports start and stop of care."""
    return heeft_rol(gebruiker, Rol.AANBIEDER) and gebruiker.aanbieder_id == aanbieder_id


def mag_zorg_melden_op_scherm(gebruiker) -> bool:
    """The start and stop screen (for a provider that sends no JW305/JW307): a provider; the
    pages show only its own assignments (``bereik``) and the service checks that it is the
    opdrachtnemer (``mag_zorg_melden``)."""
    return heeft_rol(gebruiker, Rol.AANBIEDER) and gebruiker.aanbieder_id is not None


def mag_opdrachten_beheren(gebruiker) -> bool:
    """The pages to record an assignment, its lump sum and schedule: the contractmanager or
    functioneel beheerder of a region (the services check the region, ``mag_opdracht_beheren``)."""
    return heeft_rol(gebruiker, *BEHEERDERS) and gebruiker.regio_id is not None


def mag_naar_opdrachten_verwijzen(gebruiker) -> bool:
    """The referral page: a toegang (the service checks the child's municipality,
    ``mag_naar_opdracht_verwijzen``)."""
    return heeft_rol(gebruiker, Rol.TOEGANG) and gebruiker.gemeente_id is not None
