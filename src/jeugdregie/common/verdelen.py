"""Exact splitting of an amount in whole cents by weights (largest-remainder method): the crisis
key (R-B4) and the population funding of a task-based assignment (R-R2) split with it."""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def verdeel_centen(centen: int, gewichten: Mapping[K, int | Decimal | Fraction]) -> dict[K, int]:
    """Split ``centen`` over the keys in proportion to their weights, in whole cents, so that the
    parts add up to exactly ``centen``. Every part gets the floor of its exact (rational) share;
    the cents left over go one each to the largest remainders, ties to the smallest key (stable).
    Weights are non-negative and not all zero (the caller says what to fix otherwise)."""
    exact_gewichten = {k: Fraction(w) for k, w in gewichten.items()}
    som = sum(exact_gewichten.values(), Fraction(0))
    if som <= 0 or any(w < 0 for w in exact_gewichten.values()):
        raise ValueError("Gewichten moeten niet-negatief zijn en samen groter dan nul.")
    exact = {k: centen * w / som for k, w in exact_gewichten.items()}
    delen = {k: math.floor(v) for k, v in exact.items()}
    over = centen - sum(delen.values())
    volgorde = sorted(exact, key=lambda k: (-(exact[k] - delen[k]), k))
    for k in volgorde[:over]:
        delen[k] += 1
    return delen


def cumulatief_per_maand(jaarcenten: int, maand: int) -> int:
    """The part of an annual amount due up to and including ``maand`` (1–12): floor(A × m / 12).
    Month m's amount is the difference of two of these, so 12 months add up to exactly A."""
    return jaarcenten * maand // 12
