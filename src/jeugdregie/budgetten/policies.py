"""Named access policies of the budget ledger (R-P1, R-P4, R-B5).

Which rows a user reads follows from the organisation it works for: a provider its own
allocations, the toegang and finance their municipality, the regional roles (contract manager,
policy, board) the aggregates of their region. The querysets apply the answer (``bereik_budget``)
to their own fields; no role is compared there."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol

#: Roles without personal data that read aggregates of the region.
REGIO_ROLLEN = (Rol.CONTRACTMANAGER, Rol.BELEID, Rol.BESTUURDER)
#: Roles that read the R-B5 budget overview per municipality.
BUDGET_ROLLEN = (Rol.TOEGANG, Rol.FINANCIEEL, *REGIO_ROLLEN)

#: What ``bereik_budget`` answers: the kind of organisation whose rows a user reads and its id.
AANBIEDER, GEMEENTE, REGIO = "aanbieder", "gemeente", "regio"


def bereik_budget(gebruiker) -> tuple[str, int | None] | None:
    """R-P1: the organisation whose ledgers, declarations and budget figures ``gebruiker`` reads:
    (``AANBIEDER``, id) for a provider, (``GEMEENTE``, id) for toegang and finance, (``REGIO``, id)
    for the regional roles (aggregates and declaration headers only), ``None`` for anyone else."""
    if heeft_rol(gebruiker, Rol.AANBIEDER):
        return AANBIEDER, gebruiker.aanbieder_id
    if heeft_rol(gebruiker, Rol.TOEGANG, Rol.FINANCIEEL):
        return GEMEENTE, gebruiker.gemeente_id
    if heeft_rol(gebruiker, *REGIO_ROLLEN):
        return REGIO, gebruiker.regio_id
    return None


def mag_budgetoverzicht_zien(gebruiker) -> bool:
    """R-B5/R-P4: the budget overview per municipality is for toegang, finance and the regional roles."""
    return heeft_rol(gebruiker, *BUDGET_ROLLEN)
