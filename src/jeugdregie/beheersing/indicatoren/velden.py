"""Expressions the indicator sources share: the product category of an allocation, a referral
or a declaration line, a signed declaration amount, the moment a keuzebudget closed, and date
arithmetic that works on SQLite and PostgreSQL alike."""

from __future__ import annotations

from typing import cast

from django.db.models import Case, CharField, DateField, DecimalField, Exists, F, Func, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce

from jeugdregie.catalogus.constants import Bekostiging, Onderdeel
from jeugdregie.common.periods import geldig_op_q
from jeugdregie.declaraties.constants import DebetCredit
from jeugdregie.organisaties.models import ContractProduct, Gemeente
from jeugdregie.organisaties.services import dekt_gemeente_q
from jeugdregie.toewijzingen.constants import ToewijzingSoort, ToewijzingStatus

LOKAAL, REGIONAAL = "lokaal", "regionaal"
INKOOP = {LOKAAL: "Lokaal", REGIONAAL: "Regionaal"}


class _GemeenteVan:
    """The allocation's municipality as ``dekt_gemeente_q`` reads one (its id and region), as
    references to the outer query's row: the coverage rule stays decided in one place."""

    def __init__(self, prefix: str) -> None:
        self.pk = OuterRef(f"{prefix}gemeente_id")
        self.regio_id = OuterRef(f"{prefix}gemeente__regio_id")


def inkoop_van_toewijzing(prefix: str = "") -> Case:
    """R-R3 (issue 22): ``lokaal`` when a local contract of the allocation's municipality with its
    provider — a contract ``dekt_gemeente_q`` lets cover that municipality, with the municipality
    filled in — holds the allocation's product on the allocation's begindatum (the contract and
    the product line both valid that day); for an allocation without a product (a keuzebudget:
    the product follows from the declared tariff groups) any product of such a contract.
    Otherwise ``regionaal``. A declaration line follows its allocation (``prefix``
    "toewijzing__"); a line without an allocation is ``regionaal``."""
    dag = OuterRef(f"{prefix}begindatum")
    lokaal = ContractProduct.objects.filter(
        dekt_gemeente_q(cast(Gemeente, _GemeenteVan(prefix))),
        geldig_op_q(dag),
        geldig_op_q(dag, "contract__"),
        contract__gemeente__isnull=False,
        contract__aanbieder_id=OuterRef(f"{prefix}aanbieder_id"),
    )
    met_product = lokaal.filter(product_id=OuterRef(f"{prefix}product_id"))
    return Case(
        When(Q(**{f"{prefix}product_id__isnull": False}) & Exists(met_product), then=Value(LOKAAL)),
        When(Q(**{f"{prefix}product_id__isnull": True}) & Exists(lokaal), then=Value(LOKAAL)),
        default=Value(REGIONAAL),
        output_field=CharField(),
    )


def bekostiging_van_regel() -> Coalesce:
    """R-R2 (issue 22): a declared line's funding variant, its product's ``bekostiging``
    (inspanningsgericht or outputgericht: task-based care is not declared per line); an approved
    line always has a product — without one it would count as the catalogue's default."""
    return Coalesce("product__bekostiging", Value(Bekostiging.INSPANNINGSGERICHT.value), output_field=CharField())


def categorie_van_toewijzing(prefix: str = "") -> Case:
    """The catalogue part (Onderdeel) of an allocation: ambulant keuzebudget, Wonen/Verblijf or
    crisis (crisisopvolging)."""
    return Case(
        When(**{f"{prefix}soort": ToewijzingSoort.WONEN_VERBLIJF}, then=Value(Onderdeel.WONEN_VERBLIJF)),
        When(**{f"{prefix}soort": ToewijzingSoort.CRISISOPVOLGING}, then=Value(Onderdeel.CRISIS)),
        default=Value(Onderdeel.AMBULANT),
        output_field=CharField(),
    )


def getekend_bedrag() -> Case:
    """A declaration line's amount with its sign: credit lines count negative."""
    return Case(When(debet_credit=DebetCredit.CREDIT, then=-F("bedrag")), default=F("bedrag"))


def gesloten_op() -> Coalesce:
    """When an allocation closed: the stop of care, else its end date."""
    return Coalesce("stopdatum_zorg", "einddatum")


def gesloten(op) -> Q:
    """Closed on day ``op``: care stopped, or the allocation's period ended; never withdrawn ones."""
    return (Q(status=ToewijzingStatus.GESTOPT) | Q(einddatum__lt=op)) & ~Q(status=ToewijzingStatus.INGETROKKEN)


def categorie_van_verwijzing(prefix: str = "") -> Case:
    """The catalogue part a referral is for, mapped as ``categorie_van_toewijzing`` maps the
    allocation it leads to: Wonen/Verblijf or crisis by the indicated product, else ambulant."""
    onderdeel = f"{prefix}product_indicatie__onderdeel"
    return Case(
        When(**{onderdeel: Onderdeel.WONEN_VERBLIJF}, then=Value(Onderdeel.WONEN_VERBLIJF)),
        When(**{onderdeel: Onderdeel.CRISIS}, then=Value(Onderdeel.CRISIS)),
        default=Value(Onderdeel.AMBULANT),
        output_field=CharField(),
    )


def categorie_van_regel() -> Coalesce:
    """A declaration line's category: its product's catalogue part; a rejected line without a
    recognised product takes the category of its allocation (ambulant when that is unknown too)."""
    return Coalesce("product__onderdeel", categorie_van_toewijzing("toewijzing__"), output_field=CharField())


class PlusMaanden(Func):
    """A DateField ``n`` calendar months later (SQLite and PostgreSQL)."""

    output_field = DateField()

    def __init__(self, datum, maanden: int, **extra) -> None:
        self.maanden = int(maanden)
        super().__init__(datum, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"date({sql}, '+{self.maanden} months')", params

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(({sql})::date + interval '{self.maanden} months')::date", params


class Uren(Func):
    """Hours (2 decimals) from ``begin`` to ``eind``, two aware DateTimeFields (SQLite and PostgreSQL)."""

    output_field = DecimalField(max_digits=12, decimal_places=2)
    arity = 2

    def as_sqlite(self, compiler, connection, **extra):
        eind, begin = (compiler.compile(e) for e in self.source_expressions)
        return f"ROUND((julianday({eind[0]}) - julianday({begin[0]})) * 24, 2)", [*eind[1], *begin[1]]

    def as_postgresql(self, compiler, connection, **extra):
        # Half away from zero on whole microseconds, in integers: exact on PostgreSQL (numeric)
        # and in the rollup's engine, DuckDB, whose EXTRACT gives a double (issue 18: a plain
        # ROUND(seconds / 3600, 2) rounded 522 s to 0.14 there, 0.15 here).
        eind, begin = (compiler.compile(e) for e in self.source_expressions)
        seconden = f"EXTRACT(EPOCH FROM ({eind[0]} - {begin[0]}))"
        sql = f"(SIGN({seconden}) * FLOOR((ABS(ROUND({seconden} * 1000000)) * 100 + 1800000000) / 3600000000) / 100)"
        return sql, [*eind[1], *begin[1]] * 3


class Aandeel(Func):
    """``teller / noemer`` of one row (two non-negative amounts in cents, ``noemer`` > 0) as a
    fraction rounded half up to 4 decimals (0.01 percentage point), in integers: exact on SQLite,
    on PostgreSQL and in the rollup's engine (DuckDB, whose decimal division gives a double), so a
    mean of per-row shares (Σ Aandeel / count) rolls up cell for cell like any sum (KOS05)."""

    output_field = DecimalField(max_digits=20, decimal_places=4)
    arity = 2

    @staticmethod
    def _delen(teller: str, noemer: str) -> tuple[str, str]:
        # N = cents × 10000, D = cents: round(N / D) = floor((2N + D) / 2D), never a tie.
        return f"(2 * ROUND({teller} * 100) * 10000 + ROUND({noemer} * 100))", f"(2 * ROUND({noemer} * 100))"

    def as_sqlite(self, compiler, connection, **extra):
        (teller, tp), (noemer, np) = (compiler.compile(e) for e in self.source_expressions)
        boven, onder = self._delen(teller, noemer)
        return f"(CAST({boven} / {onder} AS INTEGER) / 10000.0)", [*tp, *np, *np]

    def as_postgresql(self, compiler, connection, **extra):
        (teller, tp), (noemer, np) = (compiler.compile(e) for e in self.source_expressions)
        boven, onder = self._delen(teller, noemer)
        return f"(FLOOR({boven} / {onder}) / 10000)", [*tp, *np, *np]


class Periodebegin(Func):
    """The first day of the month, quarter or year of a DateField, in native SQL on SQLite (no
    Python function per row, unlike ``TruncMonth`` there) and PostgreSQL."""

    output_field = DateField()

    def __init__(self, datum, soort: str, **extra) -> None:
        self.soort = str(soort)
        super().__init__(datum, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        if self.soort == "jaar":
            return f"date({sql}, 'start of year')", params
        if self.soort == "kwartaal":
            maanden = f"((CAST(substr({sql}, 6, 2) AS INTEGER) - 1) / 3 * 3)"
            return f"date({sql}, 'start of year', '+' || {maanden} || ' months')", [*params, *params]
        return f"date({sql}, 'start of month')", params

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        deel = {"jaar": "year", "kwartaal": "quarter"}.get(self.soort, "month")
        return f"CAST(date_trunc('{deel}', {sql}) AS date)", params
