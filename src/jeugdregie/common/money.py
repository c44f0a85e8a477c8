"""Money: ``Decimal`` euros with one quantize helper, or integer cents (STYLE.md §Writing 6)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ROUNDING = ROUND_HALF_UP  # commercial rounding, as used on Dutch invoices


def euro(value: Decimal | str | int) -> Decimal:
    """Quantize to whole cents. Floats are refused: they cannot represent money exactly."""
    if isinstance(value, float):
        raise TypeError("Geldbedragen nooit als float; gebruik Decimal of een string.")
    return Decimal(value).quantize(CENT, rounding=ROUNDING)


def to_cents(value: Decimal | str | int) -> int:
    return int(euro(value) * 100)


def from_cents(cents: int) -> Decimal:
    return euro(Decimal(cents) / 100)
