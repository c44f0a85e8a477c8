"""Keuzebudget amounts and periods from the catalog (R-T4, R-T5; duurzaam per year, R-T9)."""

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


def _jaar(begindatum: date, regio_id: int) -> KeuzebudgetJaar:
    """R-R1: the keuzebudget year of the region (its own, else the catalogue's)."""
    jaar = KeuzebudgetJaar.van(begindatum.year, regio_id)
    if jaar is None:
        raise DomainError(
            Foutcode.NIVEAU, f"Er zijn geen keuzebudgetten vastgesteld voor {begindatum.year}.", field="begindatum"
        )
    return jaar


def niveaus(*, op: date, regio_id: int | None) -> list[KeuzebudgetNiveau]:
    """R-T4/R-R1: the standard levels of the region (None: the catalogue's) in the year of
    ``op``, lowest first."""
    jaar = KeuzebudgetJaar.van(op.year, regio_id)
    return list(jaar.niveaus.order_by("niveau")) if jaar is not None else []


def standaardbedrag(niveau: int, *, op: date, regio_id: int) -> Decimal | None:
    """The amount of standard level ``niveau`` in the region in the year of ``op`` (R-T4,
    R-R1); None when not set."""
    jaar = KeuzebudgetJaar.van(op.year, regio_id)
    if jaar is None:
        return None
    return jaar.niveaus.filter(niveau=niveau).values_list("bedrag", flat=True).first()


def max_einddatum(*, soort: KeuzebudgetSoort, begindatum: date, regio_id: int) -> date:
    return begindatum + relativedelta(months=_jaar(begindatum, regio_id).max_maanden(soort)) - timedelta(days=1)


def bepaal_budget(keuze: BudgetKeuze, *, begindatum: date, regio_id: int) -> tuple[Decimal, date]:
    """Return (amount, inclusive end date) for a choice in the region, or raise with a Dutch
    message."""
    jaar = _jaar(begindatum, regio_id)
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
            bestaand = sorted(jaar.niveaus.values_list("niveau", flat=True))
            bereik = f"van {bestaand[0]} tot en met {bestaand[-1]}" if bestaand else "uit de catalogus"
            raise DomainError(Foutcode.NIVEAU, f"Kies een keuzebudgetniveau {bereik}.", field="niveau")
        bedrag = niveau.bedrag
    einddatum = keuze.einddatum or max_einddatum(soort=keuze.soort, begindatum=begindatum, regio_id=regio_id)
    controleer_periode(soort=keuze.soort, begindatum=begindatum, einddatum=einddatum, regio_id=regio_id)
    return bedrag, einddatum


def controleer_periode(
    *, soort: KeuzebudgetSoort, begindatum: date, einddatum: date, regio_id: int, field: str = "einddatum"
) -> None:
    """The one check of a keuzebudget's (inclusive) period against the catalog's maximum of the
    year it starts in (R-T4); for duurzaam that is one budget year, renewed yearly (R-T9). Used
    at registration and for an end date an adjustment asks or grants."""
    if einddatum < begindatum:
        raise DomainError(
            Foutcode.PERIODE,
            f"De einddatum {einddatum:%d-%m-%Y} ligt voor de begindatum {begindatum:%d-%m-%Y}.",
            field=field,
        )
    uiterst = max_einddatum(soort=soort, begindatum=begindatum, regio_id=regio_id)
    if einddatum <= uiterst:
        return
    maanden = _jaar(begindatum, regio_id).max_maanden(soort)
    if soort == KeuzebudgetSoort.DUURZAAM:
        raise DomainError(
            Foutcode.PERIODE,
            f"Een keuzebudget duurzaam is een bedrag per jaar en loopt maximaal {maanden} maanden: kies een "
            f"einddatum tot en met {uiterst:%d-%m-%Y}. Loopt de hulp langer door, verleng het budget dan elk jaar "
            "(‘Budget verlengen voor het volgende jaar’ bij de toewijzing).",
            field=field,
        )
    raise DomainError(
        Foutcode.PERIODE,
        f"Een keuzebudget {soort.label.lower()} duurt maximaal {maanden} maanden: "
        f"kies een einddatum tot en met {uiterst:%d-%m-%Y}.",
        field=field,
    )
