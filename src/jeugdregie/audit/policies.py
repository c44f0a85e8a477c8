"""Named access policies of the audit log (R-P2, R-P4)."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol


def mag_auditlog_lezen(gebruiker) -> bool:
    """R-P2: only the functioneel beheerder reads (and exports) the audit log."""
    return heeft_rol(gebruiker, Rol.BEHEERDER)
