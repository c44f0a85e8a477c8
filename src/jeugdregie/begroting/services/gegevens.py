"""Loading the figures budget control works on (R-V3), reduced to months once so a forecast
never walks lines or allocations: per budget line and provider,

* ``Realisatie``: net approved money of a care month, by the month it was submitted;
* ``Vastlegging``: commitment bookings spread evenly over the days of their allocation, the
  share of a care month, by the month of booking;
* ``Afgelopen``: for allocations that ended in a month, what was committed and what was
  approved, by month of booking or submission (the measured utilisation).

Months are given as their first day. A forecast "on day ``op``" therefore counts everything
booked or submitted in ``op``'s month — the same as day by day for today (nothing is dated
after it, R-B9) and for month ends, the days forecasts are made and back-tested on.
Aggregates only: no young person is read."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from django.db.models import Case, CharField, F, Sum, Value, When

from jeugdregie.budgetten.constants import VASTLEGGINGEN
from jeugdregie.budgetten.models import Budgetmutatie
from jeugdregie.budgetten.services.grootboek import einde_q
from jeugdregie.common.tijd import Maand
from jeugdregie.declaraties.constants import DebetCredit, RegelStatus
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.toewijzingen.models import Toewijzing

from ..constants import POST_VAN_ONDERDEEL, POST_VAN_SOORT, Post

NUL = Decimal("0")


def maand_van(d: date) -> date:
    return d.replace(day=1)


@dataclass(frozen=True, slots=True)
class Realisatie:
    """Net approved money (debits minus credits) of one care month, submitted in one month."""

    post: str
    aanbieder_id: int
    maand: date  # first day of the care month (the line's begindatum month)
    ingediend: date  # first day of the (Amsterdam) month of the declaration's submission
    netto: Decimal


@dataclass(frozen=True, slots=True)
class Vastlegging:
    """The share of one care month in commitment booked in one month (unrounded)."""

    post: str
    aanbieder_id: int
    maand: date
    geboekt: date
    bedrag: Decimal


@dataclass(frozen=True, slots=True)
class Afgelopen:
    """Allocations that ended in month ``einde``: committed (``vastgelegd``) and approved
    (``besteed``) money booked or submitted in month ``peil``."""

    post: str
    aanbieder_id: int
    einde: date
    peil: date
    vastgelegd: Decimal = NUL
    besteed: Decimal = NUL


@dataclass(frozen=True)
class Gegevens:
    realisaties: tuple[Realisatie, ...] = ()
    vastleggingen: tuple[Vastlegging, ...] = field(default=())
    afgelopen: tuple[Afgelopen, ...] = field(default=())

    def filter(self, *, posten: list[str] | None = None, aanbieder_id: int | None = None) -> Gegevens:
        def past(r) -> bool:
            return (posten is None or r.post in posten) and (aanbieder_id is None or r.aanbieder_id == aanbieder_id)

        return replace(
            self,
            realisaties=tuple(r for r in self.realisaties if past(r)),
            vastleggingen=tuple(v for v in self.vastleggingen if past(v)),
            afgelopen=tuple(a for a in self.afgelopen if past(a)),
        )

    def per_aanbieder(self) -> dict[int, Gegevens]:
        """The data split by provider in one pass (``filter`` per provider reads everything each time)."""
        delen: dict[int, tuple[list, list, list]] = defaultdict(lambda: ([], [], []))
        soorten: tuple[tuple[Realisatie | Vastlegging | Afgelopen, ...], ...] = (
            self.realisaties,
            self.vastleggingen,
            self.afgelopen,
        )
        for i, rijen in enumerate(soorten):
            for r in rijen:
                delen[r.aanbieder_id][i].append(r)
        return {a: Gegevens(tuple(r), tuple(v), tuple(e)) for a, (r, v, e) in delen.items()}

    def samengevat(self) -> Gegevens:
        """The same figures summed over providers (provider 0): what a forecast of the whole
        scope or a budget line reads, a fraction of the rows."""
        realisaties: dict[tuple[str, int, date, date], Decimal] = defaultdict(Decimal)
        vastleggingen: dict[tuple[str, int, date, date], Decimal] = defaultdict(Decimal)
        afgelopen: dict[tuple[str, int, date, date], list[Decimal]] = defaultdict(lambda: [NUL, NUL])
        for r in self.realisaties:
            realisaties[r.post, 0, r.maand, r.ingediend] += r.netto
        for v in self.vastleggingen:
            vastleggingen[v.post, 0, v.maand, v.geboekt] += v.bedrag
        for a in self.afgelopen:
            som = afgelopen[a.post, 0, a.einde, a.peil]
            som[0] += a.vastgelegd
            som[1] += a.besteed
        return Gegevens(
            tuple(Realisatie(*k, b) for k, b in realisaties.items()),
            tuple(Vastlegging(*k, b) for k, b in vastleggingen.items()),
            tuple(Afgelopen(*k, vastgelegd=v, besteed=b) for k, (v, b) in afgelopen.items()),
        )


def spreiding(begin: date, einde: date, bedrag: Decimal) -> Iterator[tuple[date, Decimal]]:
    """R-V3: an amount committed to [begin, einde] spread evenly over its days: per care month
    (its first day) that month's share, unrounded."""
    dagen = (einde - begin).days + 1
    maand = maand_van(begin)
    while maand <= einde:
        volgende = date(maand.year + maand.month // 12, maand.month % 12 + 1, 1)
        binnen = (min(einde, date.fromordinal(volgende.toordinal() - 1)) - max(begin, maand)).days + 1
        yield maand, bedrag * binnen / dagen
        maand = volgende


def vastleggingen_van(boekingen: Iterable[tuple[str, int, date, date, date, Decimal]]) -> tuple[list, list]:
    """Commitment bookings (post, provider, begin, end, booking date, amount) of allocations
    as ``Vastlegging`` and the committed side of ``Afgelopen``, summed per key."""
    per_maand: dict[tuple[str, int, date, date], Decimal] = defaultdict(Decimal)
    per_einde: dict[tuple[str, int, date, date], Decimal] = defaultdict(Decimal)
    for post, aanbieder, begin, einde, datum, bedrag in boekingen:
        if begin is None or einde is None or einde < begin:
            continue
        geboekt = maand_van(datum)
        for maand, deel in spreiding(begin, einde, bedrag):
            per_maand[post, aanbieder, maand, geboekt] += deel
        per_einde[post, aanbieder, maand_van(einde), geboekt] += bedrag
    return (
        [Vastlegging(*k, b) for k, b in per_maand.items()],
        [Afgelopen(*k, vastgelegd=b) for k, b in per_einde.items()],
    )


def _post(*, soort: str = "toewijzing__soort", onderdeel: str = "product__onderdeel") -> Case:
    """The budget line of an allocation (its kind) or, failing that, of the product's part."""
    return Case(
        *(When(**{soort: s}, then=Value(str(p))) for s, p in POST_VAN_SOORT.items()),
        *(When(**{onderdeel: o}, then=Value(str(p))) for o, p in POST_VAN_ONDERDEEL.items()),
        default=Value(str(Post.OVERIG)),
        output_field=CharField(),
    )


def _netto() -> Sum:
    return Sum(Case(When(debet_credit=DebetCredit.CREDIT, then=-F("bedrag")), default=F("bedrag")))


def laad(gemeente_ids: list[int]) -> Gegevens:
    """Every approved line and commitment booking of these municipalities, reduced to months."""
    goedgekeurd = Declaratieregel.objects.filter(
        status=RegelStatus.GOEDGEKEURD, declaratie__gemeente_id__in=gemeente_ids
    )
    ingediend = Maand("declaratie__ingediend_op", moment=True)  # the Amsterdam month
    realisaties = [
        Realisatie(r["post"], r["aanbieder_id"], r["maand"], r["ingediend"], r["netto"])
        for r in goedgekeurd.annotate(post=_post(), maand=Maand("begindatum"), ingediend=ingediend)
        .values("post", "aanbieder_id", "maand", "ingediend")
        .annotate(netto=_netto())
        .order_by()
    ]
    besteed = [
        Afgelopen(r["post"], r["aanbieder_id"], r["einde"], r["ingediend"], besteed=r["netto"])
        for r in goedgekeurd.filter(toewijzing__isnull=False)
        .annotate(post=_post(), einde=Maand(einde_q()), ingediend=ingediend)
        .values("post", "aanbieder_id", "einde", "ingediend")
        .annotate(netto=_netto())
        .order_by()
        if r["einde"] is not None
    ]
    boekingen = (
        Budgetmutatie.objects.filter(soort__in=VASTLEGGINGEN, toewijzing__gemeente_id__in=gemeente_ids)
        .annotate(
            post=_post(onderdeel="toewijzing__product__onderdeel"), begin=F("toewijzing__begindatum"), einde=einde_q()
        )
        .values_list("post", "toewijzing__aanbieder_id", "begin", "einde", "datum", "bedrag")
        .order_by()
        .iterator(chunk_size=20_000)
    )
    vastleggingen, vastgelegd = vastleggingen_van(boekingen)
    return Gegevens(tuple(realisaties), tuple(vastleggingen), tuple(vastgelegd + besteed))


@dataclass(frozen=True)
class Kinderen:
    """How many children are behind the figures of a year (issue 14 §7: small cells are
    suppressed): in the whole scope, per budget line and per provider."""

    totaal: int = 0
    per_post: dict[str, int] = field(default_factory=dict)
    per_aanbieder: dict[int, int] = field(default_factory=dict)


def kinderen(gemeente_ids: list[int], jaar: int) -> Kinderen:
    """The distinct children with an allocation of these municipalities running in ``jaar``
    (every commitment and nearly every approved line belongs to one), and those with approved
    lines for care months of ``jaar`` without an allocation."""
    van, tot = date(jaar, 1, 1), date(jaar, 12, 31)
    toewijzingen = (
        Toewijzing.objects.filter(gemeente_id__in=gemeente_ids, begindatum__lte=tot)
        .exclude(einddatum__lt=van)
        .annotate(post=_post(soort="soort"))
        .values_list("post", "aanbieder_id", "jeugdige_id")
        .distinct()
    )
    losse_regels = (
        Declaratieregel.objects.filter(
            status=RegelStatus.GOEDGEKEURD,
            declaratie__gemeente_id__in=gemeente_ids,
            toewijzing__isnull=True,
            begindatum__range=(van, tot),
        )
        .annotate(post=_post())
        .values_list("post", "aanbieder_id", "jeugdige_id")
        .distinct()
    )
    alle: set = set()
    per_post: dict[str, set] = defaultdict(set)
    per_aanbieder: dict[int, set] = defaultdict(set)
    for post, aanbieder, jeugdige in [*toewijzingen.iterator(chunk_size=20_000), *losse_regels]:
        alle.add(jeugdige)
        per_post[post].add(jeugdige)
        per_aanbieder[aanbieder].add(jeugdige)
    return Kinderen(len(alle), {p: len(j) for p, j in per_post.items()}, {a: len(j) for a, j in per_aanbieder.items()})
