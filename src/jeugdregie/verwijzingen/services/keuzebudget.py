"""Keuzebudget amounts and periods from the catalog (R-T4, R-T5)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from dateutil.relativedelta import relativedelta

from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.catalogus.models import KeuzebudgetJaar, KeuzebudgetNiveau
from jeugdregie.common.errors import DomainError
from jeugdregie.common.money import euro
from jeugdregie.verwijzingen.constants import Foutcode


@dataclass(frozen=True)
class BudgetKeuze:
    """What the referrer chose: a standard level or an offerte amount, and the period."""

    soort: KeuzebudgetSoort
    niveau: int | None = None
    offerte_bedrag: Decimal | str | None = None
    einddatum: date | None = None

    @property
    def is_offerte(self) -> bool:
        return self.niveau is None


def _jaar(begindatum: date) -> KeuzebudgetJaar:
    jaar = KeuzebudgetJaar.objects.filter(jaar=begindatum.year).first()
    if jaar is None:
        raise DomainError(
            Foutcode.NIVEAU, f"Er zijn geen keuzebudgetten vastgesteld voor {begindatum.year}.", field="begindatum"
        )
    return jaar


def standaardbedrag(niveau: int, *, op: date) -> Decimal | None:
    """The amount of standard level ``niveau`` in the year of ``op`` (R-T4); None when not set."""
    return KeuzebudgetNiveau.objects.filter(jaar__jaar=op.year, niveau=niveau).values_list("bedrag", flat=True).first()


def max_einddatum(*, soort: KeuzebudgetSoort, begindatum: date) -> date:
    return begindatum + relativedelta(months=_jaar(begindatum).max_maanden(soort)) - timedelta(days=1)


def bepaal_budget(keuze: BudgetKeuze, *, begindatum: date) -> tuple[Decimal, date]:
    """Return (amount, inclusive end date) for a choice, or raise with a Dutch message."""
    jaar = _jaar(begindatum)
    if keuze.is_offerte:
        try:
            bedrag = euro(keuze.offerte_bedrag) if keuze.offerte_bedrag not in (None, "") else None
        except (InvalidOperation, TypeError, ValueError):
            bedrag = None
        if bedrag is None or bedrag <= 0:
            raise DomainError(
                Foutcode.OFFERTE_BEDRAG,
                "Vul het bedrag van het offerte-keuzebudget in: een bedrag in euro's groter dan nul.",
                field="bedrag",
            )
    else:
        niveau = jaar.niveaus.filter(niveau=keuze.niveau).first() if keuze.niveau is not None else None
        if niveau is None:
            raise DomainError(Foutcode.NIVEAU, "Kies een keuzebudgetniveau van 1 tot en met 6.", field="niveau")
        bedrag = niveau.bedrag
    uiterst = max_einddatum(soort=keuze.soort, begindatum=begindatum)
    einddatum = keuze.einddatum or uiterst
    if einddatum < begindatum:
        raise DomainError(
            Foutcode.PERIODE,
            f"De einddatum {einddatum:%d-%m-%Y} ligt voor de begindatum {begindatum:%d-%m-%Y}.",
            field="einddatum",
        )
    if einddatum > uiterst:
        raise DomainError(
            Foutcode.PERIODE,
            f"Een keuzebudget {keuze.soort.label.lower()} duurt maximaal {jaar.max_maanden(keuze.soort)} maanden: "
            f"kies een einddatum tot en met {uiterst:%d-%m-%Y}.",
            field="einddatum",
        )
    return bedrag, einddatum
