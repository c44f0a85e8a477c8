"""Re-export: the largest-remainder split moved to ``common.verdelen`` so that an earlier stage
(``taakgericht``: population funding, R-R2) splits with the same function as the crisis key (R-B4)."""

from jeugdregie.common.verdelen import cumulatief_per_maand, verdeel_centen

__all__ = ["cumulatief_per_maand", "verdeel_centen"]
