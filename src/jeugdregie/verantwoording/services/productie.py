"""R-V1: a provider's production statement for a year, per municipality and product, computed
from the declaration lines (never stored) in one aggregate query.

Definitions (year = the line's ``begindatum``, the delivery period):

| figure | lines |
|---|---|
| volume | approved debits − approved credits (net of credits) |
| gedeclareerd | every submitted debit line, approved or rejected |
| afgekeurd | rejected debit lines |
| goedgekeurd | approved debits − approved credits |
| betaald | approved debits − approved credits whose declaration is in an approved payment batch |

Rejected lines may carry no product (the intake does not resolve it): they form a row
"product onbekend". Every figure is traceable to its lines: ``regels_achter`` gives the lines
behind one cell (municipality + product).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import BooleanField, Case, Count, DecimalField, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce

from jeugdregie.betalingen.constants import BatchStatus
from jeugdregie.catalogus.models import Tarief
from jeugdregie.common.money import euro
from jeugdregie.declaraties.constants import DebetCredit, RegelStatus
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.organisaties.models import Aanbieder

BEDRAG = DecimalField(max_digits=16, decimal_places=2)
NUL = Value(Decimal("0.00"), output_field=BEDRAG)
GOED = Q(status=RegelStatus.GOEDGEKEURD)
DEBET = Q(debet_credit=DebetCredit.DEBET)
CREDIT = Q(debet_credit=DebetCredit.CREDIT)
#: Paid: the line's declaration is in an approved payment batch (a batch pays the approved lines
#: of its declarations; ``betalingen.services.regels.betaalde_regels``).
IN_BETAALDE_BATCH = Q(declaratie__batchdeclaratie__betaalbatch__status=BatchStatus.GOEDGEKEURD)


def netto(veld: str = "bedrag", voorwaarde: Q | None = None, *, via: str = ""):
    """Sum of approved debits minus approved credits (optionally only where ``voorwaarde``);
    ``via`` is the relation to the lines when aggregating from another model (``"regels__"``)."""
    goed = Q(**{f"{via}status": RegelStatus.GOEDGEKEURD})
    debet = Q(**{f"{via}debet_credit": DebetCredit.DEBET})
    credit = Q(**{f"{via}debet_credit": DebetCredit.CREDIT})
    extra = voorwaarde or Q()
    return Coalesce(
        Sum(
            Case(
                When(goed & debet & extra, then=F(f"{via}{veld}")),
                When(goed & credit & extra, then=-F(f"{via}{veld}")),
                default=NUL,
                output_field=BEDRAG,
            )
        ),
        NUL,
    )


def bruto(voorwaarde: Q):
    return Coalesce(Sum("bedrag", filter=voorwaarde, output_field=BEDRAG), NUL)


FIGUREN = {
    "volume": netto("volume"),
    "gedeclareerd": bruto(DEBET),
    "afgekeurd": bruto(DEBET & Q(status=RegelStatus.AFGEKEURD)),
    "goedgekeurd": netto(),
    "betaald": netto(voorwaarde=IN_BETAALDE_BATCH),
}
BEDRAGEN = ("gedeclareerd", "afgekeurd", "goedgekeurd", "betaald")


@dataclass(frozen=True)
class Productierij:
    gemeente_id: int
    gemeente: str
    product_id: int | None
    productcode: str
    product: str
    eenheid: str
    aantal_regels: int
    volume: Decimal
    gedeclareerd: Decimal
    afgekeurd: Decimal
    goedgekeurd: Decimal
    betaald: Decimal
    jeugdigen: int = 0  # distinct young people behind the row (small-cell suppression, issue 14 §7)
    verborgen: str = ""  # "<5" or "—" when the row's figures are suppressed (services/onthulling.py)


@dataclass(frozen=True)
class Totalen:
    aantal_regels: int
    gedeclareerd: Decimal
    afgekeurd: Decimal
    goedgekeurd: Decimal
    betaald: Decimal


@dataclass(frozen=True)
class Productieverantwoordingcijfers:
    aanbieder: Aanbieder
    jaar: int
    rijen: list[Productierij]
    totalen: Totalen
    illustratief: bool  # an illustrative tariff (SPEC §3.6) applies to a product in the year
    toelichting: str = ""  # why rows show "<5" or "—" (issue 14 §7); empty when none do
    totaal_verborgen: str = ""  # "<5"/"—" when even the totals would reveal a small row


def jaar_q(jaar: int, prefix: str = "") -> Q:
    """R-V1: a line belongs to the year of its begindatum (the delivery period)."""
    return Q(**{f"{prefix}begindatum__gte": date(jaar, 1, 1), f"{prefix}begindatum__lte": date(jaar, 12, 31)})


def regels_van(aanbieder: Aanbieder, jaar: int, regels=None):
    """The lines of a provider's year, within ``regels`` (a scoped queryset) when given."""
    basis = regels if regels is not None else Declaratieregel.objects.all()
    return basis.filter(jaar_q(jaar), aanbieder_id=aanbieder.pk)


def _totalen(rijen: list[Productierij]) -> Totalen:
    return Totalen(
        aantal_regels=sum(r.aantal_regels for r in rijen),
        **{veld: sum((getattr(r, veld) for r in rijen), Decimal("0.00")) for veld in BEDRAGEN},
    )


def productieverantwoording(*, aanbieder: Aanbieder, jaar: int, regels=None) -> Productieverantwoordingcijfers:
    """R-V1: the statement, one row per municipality and product, by one aggregate query.
    ``regels`` narrows it to the lines a user may see (``querysets.declaratieregels_voor``)."""
    groepen = (
        regels_van(aanbieder, jaar, regels)
        .order_by()
        .values(
            "declaratie__gemeente_id",
            "declaratie__gemeente__naam",
            "product_id",
            "product__code",
            "product__naam",
            "product__eenheid",
        )
        .annotate(aantal_regels=Count("id"), jeugdigen=Count("jeugdige_id", distinct=True), **FIGUREN)
    )
    rijen = sorted(
        (
            Productierij(
                gemeente_id=g["declaratie__gemeente_id"],
                gemeente=g["declaratie__gemeente__naam"],
                product_id=g["product_id"],
                productcode=g["product__code"] or "",
                product=g["product__naam"] or "product onbekend (afgekeurd)",
                eenheid=g["product__eenheid"] or "",
                aantal_regels=g["aantal_regels"],
                jeugdigen=g["jeugdigen"],
                volume=euro(g["volume"]),
                gedeclareerd=euro(g["gedeclareerd"]),
                afgekeurd=euro(g["afgekeurd"]),
                goedgekeurd=euro(g["goedgekeurd"]),
                betaald=euro(g["betaald"]),
            )
            for g in groepen
        ),
        key=lambda r: (r.gemeente, r.productcode or "~"),
    )
    return Productieverantwoordingcijfers(
        aanbieder=aanbieder,
        jaar=jaar,
        rijen=rijen,
        totalen=_totalen(rijen),
        illustratief=heeft_illustratieve_tarieven(jaar, {r.product_id for r in rijen if r.product_id}),
    )


def totalen_van(*, aanbieder: Aanbieder, jaar: int, regels=None) -> Totalen:
    """The statement's totals by a flat aggregate, independent of the grouped query (used by the
    reconciliation and by the submission, R-V2)."""
    uitkomst = (
        regels_van(aanbieder, jaar, regels)
        .order_by()
        .aggregate(aantal_regels=Count("id"), **{veld: FIGUREN[veld] for veld in BEDRAGEN})
    )
    return Totalen(aantal_regels=uitkomst["aantal_regels"], **{veld: euro(uitkomst[veld]) for veld in BEDRAGEN})


def heeft_illustratieve_tarieven(jaar: int, product_ids: set[int]) -> bool:
    """True when a tariff valid in the year for one of the products is flagged illustrative."""
    if not product_ids:
        return False
    return (
        Tarief.objects.filter(product_id__in=product_ids, illustratief=True, begindatum__lte=date(jaar, 12, 31))
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=date(jaar, 1, 1)))
        .exists()
    )


def regels_achter(*, aanbieder: Aanbieder, jaar: int, gemeente_id: int, product_id: int | None, regels=None):
    """R-V1 traceability: the lines behind one cell of the statement (municipality + product;
    ``product_id=None`` is the row of lines without a product), each with ``betaald``."""
    cel = regels_van(aanbieder, jaar, regels).filter(declaratie__gemeente_id=gemeente_id)
    cel = cel.filter(product__isnull=True) if product_id is None else cel.filter(product_id=product_id)
    return (
        cel.select_related("declaratie__batchdeclaratie__betaalbatch__gemeente", "jeugdige", "product")
        .annotate(betaald=Case(When(GOED & IN_BETAALDE_BATCH, then=True), default=False, output_field=BooleanField()))
        .order_by("begindatum", "declaratie_id", "volgnummer", "pk")
    )


def betaalbatch_van(regel: Declaratieregel):
    """The batch that pays a line (prepared or approved): its declaration's batch when the line
    is approved; a rejected line is in no post, so in no batch. None while the declaration is
    in no batch (``Batchdeclaratie``)."""
    if regel.status != RegelStatus.GOEDGEKEURD:
        return None
    koppeling = getattr(regel.declaratie, "batchdeclaratie", None)
    return koppeling.betaalbatch if koppeling is not None else None
