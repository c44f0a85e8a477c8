"""Loading the figures budget control works on, once per page (R-V3): the approved lines
aggregated per budget line, provider, allocation, care month and submission day, and the
commitment bookings per allocation. Aggregates only: no young person is read."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from django.db.models import Case, CharField, F, Q, Sum, Value, When
from django.db.models.functions import TruncDate, TruncMonth

from jeugdregie.budgetten.constants import VASTLEGGINGEN
from jeugdregie.budgetten.models import Budgetmutatie
from jeugdregie.budgetten.services.grootboek import einde_q
from jeugdregie.declaraties.constants import DebetCredit, RegelStatus
from jeugdregie.declaraties.models import Declaratieregel

from ..constants import POST_VAN_ONDERDEEL, POST_VAN_SOORT, Post


@dataclass(frozen=True)
class Realisatie:
    """Net approved money (debits minus credits) of one care month, declared on one day."""

    post: str
    aanbieder_id: int
    toewijzing_id: int | None
    maand: date  # first day of the care month (the line's begindatum month)
    ingediend: date  # Amsterdam date of the declaration's submission
    netto: Decimal


@dataclass(frozen=True)
class Vastlegging:
    """One allocation's commitment: its period and its commitment bookings (datum, amount)."""

    toewijzing_id: int
    post: str
    aanbieder_id: int
    begin: date
    einde: date
    boekingen: tuple[tuple[date, Decimal], ...]

    def stand(self, op: date) -> Decimal:
        """The commitment as the ledger showed it at the end of ``op``."""
        return sum((b for d, b in self.boekingen if d <= op), Decimal("0"))


@dataclass(frozen=True)
class Gegevens:
    realisaties: tuple[Realisatie, ...] = ()
    vastleggingen: tuple[Vastlegging, ...] = field(default=())

    def filter(self, *, posten: list[str] | None = None, aanbieder_id: int | None = None) -> Gegevens:
        def past(r) -> bool:
            return (posten is None or r.post in posten) and (aanbieder_id is None or r.aanbieder_id == aanbieder_id)

        return replace(
            self,
            realisaties=tuple(r for r in self.realisaties if past(r)),
            vastleggingen=tuple(v for v in self.vastleggingen if past(v)),
        )

    def per_aanbieder(self) -> dict[int, Gegevens]:
        """The data split by provider in one pass (``filter`` per provider reads everything each time)."""
        realisaties: dict[int, list] = defaultdict(list)
        vastleggingen: dict[int, list] = defaultdict(list)
        for r in self.realisaties:
            realisaties[r.aanbieder_id].append(r)
        for v in self.vastleggingen:
            vastleggingen[v.aanbieder_id].append(v)
        return {
            a: Gegevens(realisaties=tuple(realisaties.get(a, ())), vastleggingen=tuple(vastleggingen.get(a, ())))
            for a in realisaties.keys() | vastleggingen.keys()
        }


def _post(prefix: str) -> Case:
    """The budget line of an allocation (its kind) or, failing that, of the product's part."""
    return Case(
        *(When(**{f"{prefix}toewijzing__soort": s}, then=Value(str(p))) for s, p in POST_VAN_SOORT.items()),
        *(When(**{f"{prefix}product__onderdeel": o}, then=Value(str(p))) for o, p in POST_VAN_ONDERDEEL.items()),
        default=Value(str(Post.OVERIG)),
        output_field=CharField(),
    )


def laad(gemeente_ids: list[int]) -> Gegevens:
    """Every approved line and commitment booking of these municipalities, aggregated."""
    regels = (
        Declaratieregel.objects.filter(status=RegelStatus.GOEDGEKEURD, declaratie__gemeente_id__in=gemeente_ids)
        .annotate(
            post=_post(""),
            maand=TruncMonth("begindatum"),
            ingediend=TruncDate("declaratie__ingediend_op"),
        )
        .values("post", "aanbieder_id", "toewijzing_id", "maand", "ingediend")
        .annotate(netto=Sum(Case(When(debet_credit=DebetCredit.CREDIT, then=-F("bedrag")), default=F("bedrag"))))
        .order_by()
    )
    realisaties = tuple(
        Realisatie(r["post"], r["aanbieder_id"], r["toewijzing_id"], r["maand"], r["ingediend"], r["netto"])
        for r in regels
    )
    boekingen = (
        Budgetmutatie.objects.filter(Q(soort__in=VASTLEGGINGEN), toewijzing__gemeente_id__in=gemeente_ids)
        .annotate(
            post=Case(
                *(When(toewijzing__soort=s, then=Value(str(p))) for s, p in POST_VAN_SOORT.items()),
                *(When(toewijzing__product__onderdeel=o, then=Value(str(p))) for o, p in POST_VAN_ONDERDEEL.items()),
                default=Value(str(Post.OVERIG)),
                output_field=CharField(),
            ),
            begin=F("toewijzing__begindatum"),
            einde=einde_q(),
        )
        .values_list("toewijzing_id", "post", "toewijzing__aanbieder_id", "begin", "einde", "datum", "bedrag")
        .order_by("toewijzing_id", "datum", "id")
    )
    per_toewijzing: dict[int, list] = defaultdict(list)
    kop: dict[int, tuple] = {}
    for tw, post, aanbieder, begin, einde, datum, bedrag in boekingen:
        kop[tw] = (post, aanbieder, begin, einde)
        per_toewijzing[tw].append((datum, bedrag))
    vastleggingen = tuple(
        Vastlegging(tw, *kop[tw][:2], kop[tw][2], kop[tw][3], tuple(b)) for tw, b in per_toewijzing.items()
    )
    return Gegevens(realisaties=realisaties, vastleggingen=vastleggingen)
