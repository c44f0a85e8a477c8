"""R-V1: reconciling a production statement against declarations, payments and allocations,
so an accountant can rely on it. Each check is an independent query over the source rows:

1. **totaal** — the statement's totals (sum of the grouped rows) equal a flat aggregate over
   the same lines;
2. **betaald** — the paid total equals the approved lines linked to Betaalposten of approved
   batches; every such **betaalpost**'s amount equals the net of all its linked lines, and no
   rejected line sits in a post;
3. **budgetstand / keuzebudget** — for every allocation with approved lines in the year, the
   ledger (``Budgetstand.goedgekeurd``) equals the net approved amount of all its lines, and
   that amount does not exceed the keuzebudget.

A tampered line amount shows up in 3 (and in 2 when it was paid); a changed post in 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from jeugdregie.betalingen.constants import BatchStatus
from jeugdregie.betalingen.models import Betaalpost
from jeugdregie.common.money import euro
from jeugdregie.declaraties.constants import RegelStatus
from jeugdregie.declaraties.models import Budgetstand, Declaratieregel
from jeugdregie.organisaties.models import Aanbieder

from ..constants import Verschilsoort
from .productie import (
    BEDRAGEN,
    GOED,
    IN_BETAALDE_BATCH,
    Productieverantwoordingcijfers,
    Totalen,
    netto,
    productieverantwoording,
    regels_van,
    totalen_van,
)


@dataclass(frozen=True)
class Verschil:
    soort: Verschilsoort
    waar: str  # e.g. "betaalpost 12", "toewijzing 34" — ids only, never personal data
    verwacht: Decimal
    gevonden: Decimal

    @property
    def omschrijving(self) -> str:
        return Verschilsoort(self.soort).label


@dataclass
class Reconciliatie:
    aanbieder: Aanbieder
    jaar: int
    verschillen: list[Verschil] = field(default_factory=list)
    betaalposten: int = 0
    toewijzingen: int = 0

    @property
    def klopt(self) -> bool:
        return not self.verschillen


def _controleer_totalen(r: Reconciliatie, totalen: Totalen, onafhankelijk: Totalen) -> None:
    for veld in BEDRAGEN:
        if getattr(totalen, veld) != getattr(onafhankelijk, veld):
            r.verschillen.append(
                Verschil(Verschilsoort.TOTAAL, veld, getattr(onafhankelijk, veld), getattr(totalen, veld))
            )


def _controleer_betalingen(r: Reconciliatie, jaarregels, betaald: Decimal) -> None:
    in_posten = jaarregels.filter(IN_BETAALDE_BATCH).order_by().aggregate(s=netto())["s"]
    if euro(in_posten) != betaald:
        r.verschillen.append(Verschil(Verschilsoort.BETAALD, "totaal betaald", euro(in_posten), betaald))
    post_ids = jaarregels.filter(betaalpost__isnull=False).order_by().values("betaalpost_id")
    posten = (
        Betaalpost.objects.filter(pk__in=post_ids, batch__status=BatchStatus.GOEDGEKEURD)
        .annotate(
            netto_regels=netto(via="regels__"),
            afgekeurd=Count("regels", filter=~Q(regels__status=RegelStatus.GOEDGEKEURD)),
        )
        .order_by("pk")
    )
    for post in posten:
        r.betaalposten += 1
        if euro(post.netto_regels) != post.bedrag:
            r.verschillen.append(
                Verschil(Verschilsoort.BETAALPOST, f"betaalpost {post.pk}", euro(post.netto_regels), post.bedrag)
            )
        if post.afgekeurd:
            r.verschillen.append(
                Verschil(
                    Verschilsoort.BETAALD_NIET_GOEDGEKEURD,
                    f"betaalpost {post.pk}",
                    Decimal("0"),
                    Decimal(post.afgekeurd),
                )
            )


def _controleer_toewijzingen(r: Reconciliatie, jaarregels) -> None:
    toewijzing_ids = jaarregels.filter(GOED, toewijzing__isnull=False).order_by().values("toewijzing_id").distinct()
    netto_per_toewijzing = {
        rij["toewijzing_id"]: (euro(rij["netto"]), rij["toewijzing__keuzebudget__bedrag"])
        for rij in Declaratieregel.objects.filter(GOED, toewijzing_id__in=toewijzing_ids)
        .order_by()
        .values("toewijzing_id", "toewijzing__keuzebudget__bedrag")
        .annotate(netto=netto())
    }
    standen = dict(
        Budgetstand.objects.filter(toewijzing_id__in=list(netto_per_toewijzing)).values_list(
            "toewijzing_id", "goedgekeurd"
        )
    )
    for toewijzing_id in sorted(netto_per_toewijzing):
        bedrag, keuzebudget = netto_per_toewijzing[toewijzing_id]
        r.toewijzingen += 1
        waar = f"toewijzing {toewijzing_id}"
        stand = standen.get(toewijzing_id)
        if stand is None or stand != bedrag:
            r.verschillen.append(
                Verschil(Verschilsoort.BUDGETSTAND, waar, bedrag, stand if stand is not None else Decimal("0"))
            )
        if keuzebudget is not None and bedrag > keuzebudget:
            r.verschillen.append(Verschil(Verschilsoort.KEUZEBUDGET, waar, keuzebudget, bedrag))


def reconcilieer(
    aanbieder: Aanbieder, jaar: int, *, regels=None, cijfers: Productieverantwoordingcijfers | None = None
) -> Reconciliatie:
    """R-V1: reconcile the statement of ``aanbieder`` for ``jaar`` (within the scoped ``regels``
    when given; ``cijfers`` is that statement when the caller has it already). The result lists
    every difference found; ``klopt`` when there is none."""
    r = Reconciliatie(aanbieder=aanbieder, jaar=jaar)
    jaarregels = regels_van(aanbieder, jaar, regels)
    if cijfers is None:
        cijfers = productieverantwoording(aanbieder=aanbieder, jaar=jaar, regels=regels)
    totalen = cijfers.totalen
    _controleer_totalen(r, totalen, totalen_van(aanbieder=aanbieder, jaar=jaar, regels=regels))
    _controleer_betalingen(r, jaarregels, totalen.betaald)
    _controleer_toewijzingen(r, jaarregels)
    return r
