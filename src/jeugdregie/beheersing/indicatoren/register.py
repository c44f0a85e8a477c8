"""Every indicator once (R-K1), in pillar order; look-up by code."""

from __future__ import annotations

from . import continuiteit, kosten
from .basis import Indicator

INDICATOREN: list[Indicator] = [*kosten.INDICATOREN, *continuiteit.INDICATOREN]
REGISTER: dict[str, Indicator] = {indicator.code: indicator for indicator in INDICATOREN}
assert len(REGISTER) == len(INDICATOREN), "indicatorcodes moeten uniek zijn"
