"""Named access policies of the begroting (R-P4)."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol
from jeugdregie.budgetten.policies import BUDGET_ROLLEN

#: Roles that open the Budgetbeheersing page (R-V3/R-V4): the roles of the R-B5 budget overview,
#: toegang and finance plus the regional roles.
BEHEERSING_ROLLEN = BUDGET_ROLLEN


def mag_budgetbeheersing_inzien(gebruiker) -> bool:
    """R-V3/R-V4: who opens the Budgetbeheersing page (the municipalities it shows are scoped apart)."""
    return heeft_rol(gebruiker, *BEHEERSING_ROLLEN)


def mag_begrotingen_vaststellen(gebruiker) -> bool:
    """R-V3: only finance uses the page that records a begroting; ``mag_begroting_vaststellen``
    decides per municipality."""
    return heeft_rol(gebruiker, Rol.FINANCIEEL)


def mag_begroting_vaststellen(gebruiker, gemeente) -> bool:
    """R-V3: finance of the municipality itself, nobody else."""
    return bool(
        getattr(gebruiker, "is_authenticated", False)
        and gebruiker.rol == Rol.FINANCIEEL
        and gebruiker.gemeente_id == gemeente.pk
    )


def is_regiorol(gebruiker) -> bool:
    """The regional roles see the region as a whole and may pick any municipality of it."""
    return gebruiker.rol in (Rol.CONTRACTMANAGER, Rol.BELEID, Rol.BESTUURDER)


def ziet_onderdrukte_cijfers(gebruiker) -> bool:
    """Issue 14 §7: the regional roles work on aggregates only, so rows behind fewer children
    than the threshold are suppressed for them; toegang and finance of the municipality see
    its exact figures (they may open the lines themselves)."""
    return is_regiorol(gebruiker)
