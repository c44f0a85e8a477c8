"""R-V1: reconciling a production statement against declarations, payments and allocations,
so an accountant can rely on it. Each check is an independent query over the source rows:

1. **totaal** — the statement's totals (sum of the grouped rows) equal a flat aggregate over
   the same lines;
2. **betaald** — the paid total equals the approved lines of the year whose declaration is in
   an approved batch; every **betaalpost** of the provider that pays one of them equals the net
   and the count of all its lines (``Betaalpost.regels()``: the provider's approved lines of the
   batch's declarations, of any year). A rejected line is in no post by that definition, so no
   separate check for it;
3. **budgetstand / keuzebudget** — for every allocation with approved lines in the year, the
   ledger (``Budgetstand.goedgekeurd``) equals the net approved amount of all its lines, and
   that amount does not exceed the keuzebudget.

A tampered line amount shows up in 3 (and in 2 when it was paid); a changed post in 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from jeugdregie.betalingen.constants import BatchStatus
from jeugdregie.betalingen.models import Betaalpost
from jeugdregie.betalingen.services.regels import betaalde_regels
from jeugdregie.budgetten.models import Budgetstand
from jeugdregie.common.money import euro
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.organisaties.models import Aanbieder

from ..constants import Verschilsoort
from .productie import (
    BEDRAGEN,
    GOED,
    IN_BETAALDE_BATCH,
    NUL,
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
        return str(Verschilsoort(self.soort).label)


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
    """The paid total against the approved lines of the year in approved batches; every post of
    the provider in an approved batch that pays one of those lines against the net and count of
    ALL its lines (every year: a post pays a month of submission, not a year of delivery). A
    post's lines are ``Betaalpost.regels()`` (approved lines only, by construction)."""
    in_batches = jaarregels.filter(GOED & IN_BETAALDE_BATCH)
    in_posten = in_batches.order_by().aggregate(s=netto())["s"]
    if euro(in_posten) != betaald:
        r.verschillen.append(Verschil(Verschilsoort.BETAALD, "totaal betaald", euro(in_posten), betaald))
    batch_ids = in_batches.order_by().values("declaratie__batchdeclaratie__betaalbatch_id")
    # OuterRef: betaalde_regels (typed for ids) used as a subquery
    lijnen = betaalde_regels(OuterRef("batch_id"), OuterRef("aanbieder_id")).order_by().values("aanbieder_id")  # type: ignore[arg-type]
    posten = (
        Betaalpost.objects.filter(
            batch_id__in=batch_ids, batch__status=BatchStatus.GOEDGEKEURD, aanbieder_id=r.aanbieder.pk
        )
        .annotate(
            netto_regels=Coalesce(Subquery(lijnen.annotate(s=netto()).values("s")), NUL),
            aantal=Coalesce(Subquery(lijnen.annotate(n=Count("id")).values("n")), 0),
        )
        .order_by("pk")
    )
    for post in posten:
        r.betaalposten += 1
        waar = f"betaalpost {post.pk}"
        if euro(post.netto_regels) != post.bedrag:
            r.verschillen.append(Verschil(Verschilsoort.BETAALPOST, waar, euro(post.netto_regels), post.bedrag))
        if post.aantal != post.aantal_regels:
            r.verschillen.append(
                Verschil(Verschilsoort.BETAALPOST_AANTAL, waar, Decimal(post.aantal), Decimal(post.aantal_regels))
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
