"""What an indicator is (R-K1) and the one way its source rows are grouped: by period (month,
quarter, year of a date field) and by any of municipality, provider and product category, with
a numerator and a denominator as SQL aggregates — never Python loops over rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import DateField, Expression, F, Func, IntegerField, QuerySet
from django.db.models.functions import TruncMonth, TruncQuarter, TruncYear

from ..constants import Aggregatie, Niveau, Periodesoort, Pijler, Richting

DIMENSIES = ("gemeente", "aanbieder", "categorie", "inkoop", "bekostiging")
# The combinations the rollup stores: every subset of the three dimensions (() = the region).
GROEPERINGEN: tuple[tuple[str, ...], ...] = (
    ("gemeente", "aanbieder", "categorie"),
    ("gemeente", "aanbieder"),
    ("gemeente", "categorie"),
    ("aanbieder", "categorie"),
    ("gemeente",),
    ("aanbieder",),
    ("categorie",),
    (),
)
# Issue 22 (R-R3, R-R2): the split by purchasing level (``inkoop``: lokaal / regionaal) and by
# funding variant (``bekostiging``) — each on its own, for the region and per municipality; a
# source without such a dimension (``Bron.inkoop`` / ``Bron.bekostiging`` None) gets none of these
# cells. Every cell of ``GROEPERINGEN`` is a total over both ("" in ``Cijfer``).
SPLITSINGEN: tuple[tuple[str, ...], ...] = (
    ("inkoop",),
    ("gemeente", "inkoop"),
    ("bekostiging",),
    ("gemeente", "bekostiging"),
)
TRUNC = {Periodesoort.MAAND: TruncMonth, Periodesoort.KWARTAAL: TruncQuarter, Periodesoort.JAAR: TruncYear}
# Annotation names (the model fields themselves are called gemeente, aanbieder, ...).
KOLOM = {
    "gemeente": "d_gemeente",
    "aanbieder": "d_aanbieder",
    "categorie": "d_categorie",
    "inkoop": "d_inkoop",
    "bekostiging": "d_bekostiging",
}


class Dagen(Func):
    """Whole days from ``begin`` to ``eind`` (two DateFields) on SQLite and PostgreSQL."""

    output_field = IntegerField()
    arity = 2

    def as_sqlite(self, compiler, connection, **extra):
        eind, begin = (compiler.compile(e) for e in self.source_expressions)
        return f"CAST(julianday({eind[0]}) - julianday({begin[0]}) AS INTEGER)", [*eind[1], *begin[1]]

    def as_postgresql(self, compiler, connection, **extra):
        eind, begin = (compiler.compile(e) for e in self.source_expressions)
        return f"({eind[0]}::date - {begin[0]}::date)", [*eind[1], *begin[1]]


@dataclass(frozen=True)
class Bron:
    """Where an indicator's rows come from: the queryset, the date field that places a row in a
    period, the three dimension fields (or expressions), and numerator/denominator aggregates.
    ``gemeente`` is None for a source that has no municipality (a provider's waiting-time report
    is for the whole region): its figures exist only for the groupings without the municipality;
    likewise ``categorie`` None (a lump-sum term is for the whole assignment).
    ``inkoop`` (R-R3: "lokaal" or "regionaal", never NULL) and ``bekostiging`` (R-R2: the funding
    variant) are optional: None = the source has no such split (no ``SPLITSINGEN`` cells)."""

    queryset: Callable[[], QuerySet]
    datum: str
    gemeente: str | Expression | None
    aanbieder: str | Expression
    categorie: str | Expression | None
    teller: Expression
    noemer: Expression
    inkoop: str | Expression | None = None
    bekostiging: str | Expression | None = None

    @property
    def groeperingen(self) -> tuple[tuple[str, ...], ...]:
        """The groupings of ``GROEPERINGEN`` and ``SPLITSINGEN`` this source has every dimension of."""
        return tuple(g for g in GROEPERINGEN + SPLITSINGEN if all(getattr(self, d) is not None for d in g))

    def rijen(self, periodesoort: str, van: date, tot: date, dims: Sequence[str]) -> QuerySet:
        """Rows ``{periode, d_gemeente?, d_aanbieder?, d_categorie?, d_inkoop?, d_bekostiging?, teller,
        noemer}`` for the
        periods of ``periodesoort`` whose rows fall in [van, tot] (inclusive)."""
        if tuple(dims) not in self.groeperingen:
            raise ValueError(f"bron zonder dimensie voor groepering {tuple(dims)}")
        qs = self.queryset().filter(**{f"{self.datum}__range": (van, tot)})
        velden = {"periode": TRUNC[Periodesoort(periodesoort)](self.datum, output_field=DateField())}
        for dim in dims:
            waarde = getattr(self, dim)
            velden[KOLOM[dim]] = F(waarde) if isinstance(waarde, str) else waarde
        kolommen = ["periode", *(KOLOM[d] for d in dims)]
        return qs.annotate(**velden).values(*kolommen).annotate(teller=self.teller, noemer=self.noemer).order_by()


@dataclass(frozen=True)
class Indicator:
    """One indicator of SPEC §11.3 (R-K1): name, definition, unit, direction, pillar, the levels
    it applies to and its aggregation. The value of a cell is Σ teller (``som``) or
    Σ teller / Σ noemer × ``schaal`` (``ratio``); ``per_1000``: comparable between municipalities
    per 1,000 young inhabitants (R-K4)."""

    code: str
    naam: str
    definitie: str
    eenheid: str
    richting: Richting
    pijler: Pijler
    niveaus: frozenset[Niveau]
    aggregatie: Aggregatie
    bron: Bron
    schaal: Decimal = Decimal("1")
    per_1000: bool = False
    decimalen: int = 1
    standaardnorm: tuple[Decimal | None, Decimal | None] | None = field(default=None)
    #: False for a figure about no young person (a provider's reported waiting time): there is no
    #: child behind its cells, so small-cell suppression (issue 14 §7) has nothing to hide.
    over_jeugdigen: bool = True

    def waarde(self, teller: Decimal | None, noemer: Decimal | None) -> Decimal | None:
        """None when there is no data (shown as "geen gegevens", never as zero)."""
        if teller is None:
            return None
        if self.aggregatie == Aggregatie.SOM:
            return Decimal(teller)
        if not noemer:
            return None
        return Decimal(teller) / Decimal(noemer) * self.schaal
