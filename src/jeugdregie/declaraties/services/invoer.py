"""The shape of a declaration line as every intake route delivers it (upload, API, JW323)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class RegelInvoer:
    referentie: str
    bsn: str
    toewijzing: int | None
    product: str
    begindatum: date
    einddatum: date
    volume: Decimal
    eenheid: str
    bedrag: Decimal
    debet_credit: str = "D"
    credit_referentie: str = ""

    def sleutel(self) -> str:
        """Canonical text for the replay hash."""
        return (
            f"{self.referentie}|{self.bsn}|{self.toewijzing}|{self.product}|{self.begindatum}|{self.einddatum}|"
            f"{self.volume}|{self.eenheid}|{self.bedrag}|{self.debet_credit}|{self.credit_referentie}"
        )
