"""Amounts as Dutch text: decimal comma, no thousands separator, minus sign in front."""

from __future__ import annotations

from decimal import Decimal

from jeugdregie.common.money import euro


def bedrag_nl(bedrag: Decimal) -> str:
    """``Decimal("-1234.5")`` → ``"-1234,50"`` (the CSV amounts and the service messages)."""
    return f"{euro(bedrag):.2f}".replace(".", ",")
