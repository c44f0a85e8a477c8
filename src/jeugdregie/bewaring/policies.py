"""Who may exercise a child's rights in the system (R-P7, R-P4): the toegang of the municipality
responsible for the child today by the woonplaatsbeginsel (R-D3, ``jeugdigen.woonplaatsbeginsel``,
the one rule: the BRP address of the day, or during a stay the address before it) — the
municipality is the controller (verwerkingsverantwoordelijke)
that answers an AVG request. Named predicates; no role comparison elsewhere in this app."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.woonplaatsbeginsel import verantwoordelijke_gemeente


def mag_rechten_uitoefenen(gebruiker) -> bool:
    """R-P7/R-P4: the rights pages are for the toegang (which child: the predicates below)."""
    return heeft_rol(gebruiker, Rol.TOEGANG)


def _eigen_gemeente(gebruiker, jeugdige) -> bool:
    if not mag_rechten_uitoefenen(gebruiker):
        return False
    if not gebruiker.gemeente_id:
        return False
    return verantwoordelijke_gemeente(jeugdige, vandaag()).gemeente_id == gebruiker.gemeente_id


def mag_inzage_geven(gebruiker, jeugdige) -> bool:
    """AVG art. 15: export everything held about the child."""
    return _eigen_gemeente(gebruiker, jeugdige)


def mag_corrigeren(gebruiker, jeugdige) -> bool:
    """AVG art. 16: correct name, date of birth or gender, with history."""
    return _eigen_gemeente(gebruiker, jeugdige)


def mag_langer_bewaren(gebruiker, jeugdige) -> bool:
    """Jeugdwet 7.3.8: keep a dossier longer where careful care needs it."""
    return _eigen_gemeente(gebruiker, jeugdige)
