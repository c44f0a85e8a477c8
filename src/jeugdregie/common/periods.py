"""The one period helper (STYLE.md §Writing 7).

Convention for business periods throughout Jeugdregie: ``begindatum`` and ``einddatum`` are
**both inclusive** dates, as in the iJw messages; ``einddatum=None`` means open-ended. Moments
(timestamps) are aware UTC datetimes and are not periods.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import holidays
from django.db.models import Q


@dataclass(frozen=True)
class Periode:
    begindatum: date
    einddatum: date | None = None

    def __post_init__(self) -> None:
        if self.einddatum is not None and self.einddatum < self.begindatum:
            raise ValueError("De einddatum ligt voor de begindatum.")

    def bevat(self, dag: date) -> bool:
        return self.begindatum <= dag and (self.einddatum is None or dag <= self.einddatum)

    def overlapt(self, other: Periode) -> bool:
        return (other.einddatum is None or self.begindatum <= other.einddatum) and (
            self.einddatum is None or other.begindatum <= self.einddatum
        )

    def omvat(self, other: Periode) -> bool:
        """True when ``other`` lies entirely inside this period."""
        if other.begindatum < self.begindatum:
            return False
        if self.einddatum is None:
            return True
        return other.einddatum is not None and other.einddatum <= self.einddatum


@cache  # per realisation row and month offset (forecast), per declaration line (intake)
def maandeinde(jaar: int, maand: int) -> date:
    """Last day of a month; months past 12 roll into the next years."""
    jaar, maand = jaar + (maand - 1) // 12, (maand - 1) % 12 + 1
    return date(jaar, maand, monthrange(jaar, maand)[1])


def geldig_op_q(dag: date, prefix: str = "") -> Q:
    """Filter for rows whose inclusive (begindatum, einddatum) period contains ``dag``."""
    return Q(**{f"{prefix}begindatum__lte": dag}) & (
        Q(**{f"{prefix}einddatum__isnull": True}) | Q(**{f"{prefix}einddatum__gte": dag})
    )


def overlapt_q(periode: Periode, prefix: str = "") -> Q:
    """Filter for rows whose inclusive period overlaps ``periode``."""
    q = Q(**{f"{prefix}einddatum__isnull": True}) | Q(**{f"{prefix}einddatum__gte": periode.begindatum})
    if periode.einddatum is not None:
        q &= Q(**{f"{prefix}begindatum__lte": periode.einddatum})
    return q


def _nl_feestdagen(jaren: range) -> holidays.HolidayBase:
    return holidays.country_holidays("NL", years=jaren)


def is_werkdag(dag: date) -> bool:
    """Monday–Friday and not a Dutch public holiday (``holidays`` package)."""
    return dag.weekday() < 5 and dag not in _nl_feestdagen(range(dag.year, dag.year + 1))


def plus_werkdagen(dag: date, aantal: int) -> date:
    """The date ``aantal`` working days after ``dag`` (R-C2 counts 3 working days)."""
    feestdagen = _nl_feestdagen(range(dag.year, dag.year + 2))
    huidig = dag
    over = aantal
    while over > 0:
        huidig += timedelta(days=1)
        if huidig.weekday() < 5 and huidig not in feestdagen:
            over -= 1
    return huidig


def werkdagen_tussen(van: date, tot: date) -> int:
    """The number of working days after ``van`` up to and including ``tot`` (0 if ``tot`` is not
    after ``van``): ``plus_werkdagen(van, n) <= tot`` exactly when ``n <= werkdagen_tussen(van, tot)``."""
    if tot <= van:
        return 0
    feestdagen = _nl_feestdagen(range(van.year, tot.year + 1))
    dagen = (tot - van).days
    return sum(1 for i in range(1, dagen + 1) if (d := van + timedelta(days=i)).weekday() < 5 and d not in feestdagen)


def leeftijd_op(geboortedatum: date, dag: date) -> int:
    jaren = dag.year - geboortedatum.year
    if (dag.month, dag.day) < (geboortedatum.month, geboortedatum.day):
        jaren -= 1
    return jaren
