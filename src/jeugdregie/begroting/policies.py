"""Named access policies of the begroting (R-P4)."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol


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
