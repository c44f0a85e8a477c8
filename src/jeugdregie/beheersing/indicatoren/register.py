"""Every indicator once (R-K1), in pillar order; look-up by code. The staff registration norm
(share of BIG/SKJ-registered higher-educated staff, SPEC §11.3 kwaliteit) is not in it: the system
holds no staff data (README)."""

from __future__ import annotations

from . import continuiteit, kosten, kwaliteit, taakgericht, werkprocessen
from .basis import Indicator

INDICATOREN: list[Indicator] = [
    *kwaliteit.INDICATOREN,
    *kosten.INDICATOREN,
    *continuiteit.INDICATOREN,
    *werkprocessen.INDICATOREN,
]
# Issue 22, R-R2: the task-based variant's own figures, next to the §11.3 set (not in its four
# pillars' pages: the comparison's split by funding variant shows them).
VARIANTINDICATOREN: list[Indicator] = [*taakgericht.INDICATOREN]
# Every indicator the rollup computes.
ALLE_INDICATOREN: list[Indicator] = [*INDICATOREN, *VARIANTINDICATOREN]
REGISTER: dict[str, Indicator] = {indicator.code: indicator for indicator in ALLE_INDICATOREN}
assert len(REGISTER) == len(ALLE_INDICATOREN), "indicatorcodes moeten uniek zijn"
