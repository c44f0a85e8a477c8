"""Jeugdwet 7.3.4 (with 7.3.2, WGBO art. 7:450 BW): who is addressed and who consents, by the
age of the young person on the day in question (R-D1).

- below 12: the holders of parental authority (gezag) alone;
- from 12 up to 16: the young person and the gezag holders;
- from 16: the young person alone (also after 18, in extended care).

A pure function of the birth date and the day, so the rule is tested over random dates
(``tests/test_gezin_leeftijd.py``). Someone born on 29 February turns a year older on 1 March in
a year without that day (the usual Dutch reading; ``common.periods.leeftijd_op`` counts so)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jeugdregie.common.periods import leeftijd_op

#: Jeugdwet 7.3.4 lid 1-3: the two age limits.
GRENS_JEUGDIGE_MEE = 12
GRENS_JEUGDIGE_ALLEEN = 16


@dataclass(frozen=True)
class Wie:
    """Which parties a rule names on one day."""

    jeugdige: bool
    gezag: bool


def wie_op(geboortedatum: date, op: date) -> Wie:
    """R-D1 / Jeugdwet 7.3.4: whether the young person and whether the gezag holders are
    addressed (and consent) on day ``op``. Before the birth date nobody is (no such child)."""
    if op < geboortedatum:
        return Wie(jeugdige=False, gezag=False)
    leeftijd = leeftijd_op(geboortedatum, op)
    if leeftijd < GRENS_JEUGDIGE_MEE:
        return Wie(jeugdige=False, gezag=True)
    if leeftijd < GRENS_JEUGDIGE_ALLEEN:
        return Wie(jeugdige=True, gezag=True)
    return Wie(jeugdige=True, gezag=False)
