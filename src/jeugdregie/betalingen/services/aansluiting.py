"""Reconciliation of a batch (R-V1: every figure traceable to its lines): the batch total equals
the sum of its posts, each post equals the net of the approved lines of the batch's declarations
of that provider, the line counts agree, every declaration of the batch is of its municipality
and month, and no approved line of that municipality and month is left in no batch."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count

from jeugdregie.common import opmaak
from jeugdregie.common.money import euro
from jeugdregie.organisaties.models import Aanbieder

from ..constants import BatchStatus
from ..models import Betaalbatch
from .regels import betaalde_regels, declaraties_van_batch, in_maand_q, netto, open_regels

NUL = Decimal("0.00")


@dataclass(frozen=True)
class Aansluiting:
    batch_totaal: Decimal
    posten_totaal: Decimal
    regels_totaal: Decimal
    batch_aantal: int
    posten_aantal: int
    regels_aantal: int
    #: Dutch descriptions of each difference found; empty when everything reconciles.
    verschillen: tuple[str, ...]
    #: Approved lines of the municipality and month whose declaration is in no batch: none once
    #: the batch is prepared (a difference then), all of them after a rejection (not one then).
    open_aantal: int
    open_bedrag: Decimal
    open_declaraties: int = 0

    @property
    def klopt(self) -> bool:
        return not self.verschillen


def _verschil(a: Decimal, b: Decimal) -> str:
    return f"verschil € {opmaak.bedrag(a - b)}"


def _naam(aanbieder: Aanbieder) -> str:
    return f"{aanbieder.naam} (AGB {aanbieder.agb_code})"


def reconciliatie(batch: Betaalbatch) -> Aansluiting:
    posten = list(batch.posten.select_related("aanbieder"))
    # The lines of every post at once (one grouped query over ``betaalde_regels``).
    per_aanbieder = {
        r["aanbieder_id"]: (euro(r["bedrag"]), r["aantal"])
        for r in betaalde_regels(batch.pk)
        .order_by()
        .values("aanbieder_id")
        .annotate(bedrag=netto(), aantal=Count("id"))
    }
    verschillen: list[str] = []

    posten_totaal = sum((p.bedrag for p in posten), NUL)
    posten_aantal = sum(p.aantal_regels for p in posten)
    regels_totaal = sum((b for b, _ in per_aanbieder.values()), NUL)
    regels_aantal = sum(n for _, n in per_aanbieder.values())
    if batch.totaal != posten_totaal:
        verschillen.append(
            f"Batchtotaal € {opmaak.bedrag(batch.totaal)} ≠ som van de posten € {opmaak.bedrag(posten_totaal)} "
            f"({_verschil(batch.totaal, posten_totaal)})."
        )
    if batch.aantal_regels != posten_aantal:
        verschillen.append(f"Batch telt {batch.aantal_regels} regels, de posten samen {posten_aantal}.")
    for post in posten:
        bedrag, aantal = per_aanbieder.get(post.aanbieder_id, (NUL, 0))
        if post.bedrag != bedrag:
            verschillen.append(
                f"Post {_naam(post.aanbieder)}: € {opmaak.bedrag(post.bedrag)}, de goedgekeurde regels netto "
                f"€ {opmaak.bedrag(bedrag)} ({_verschil(post.bedrag, bedrag)})."
            )
        if post.aantal_regels != aantal:
            verschillen.append(
                f"Post {_naam(post.aanbieder)}: {post.aantal_regels} regels vermeld, {aantal} in de batch."
            )
    zonder_post = set(per_aanbieder) - {p.aanbieder_id for p in posten}
    for aanbieder in Aanbieder.objects.filter(pk__in=zonder_post).order_by("naam"):
        bedrag, aantal = per_aanbieder[aanbieder.pk]
        verschillen.append(
            f"{aantal} goedgekeurde regel(s) van {_naam(aanbieder)} (netto € {opmaak.bedrag(bedrag)}) in de batch "
            "zonder post."
        )

    vreemd = declaraties_van_batch(batch.pk).exclude(in_maand_q(batch.gemeente_id, batch.jaar, batch.maand)).count()
    if vreemd:
        verschillen.append(f"{vreemd} declaratie(s) in de batch horen niet bij deze gemeente of niet bij deze maand.")

    open_ = open_regels(batch.gemeente_id, batch.jaar, batch.maand).aggregate(
        aantal=Count("id"), bedrag=netto(), declaraties=Count("declaratie_id", distinct=True)
    )
    if open_["aantal"] and batch.status != BatchStatus.AFGEWEZEN:
        verschillen.append(
            f"{open_['declaraties']} declaratie(s) van {batch.gemeente.naam} uit {batch.maand:02d}-{batch.jaar} "
            f"met {open_['aantal']} goedgekeurde regel(s) (netto € {opmaak.bedrag(euro(open_['bedrag']))}) zitten in "
            "geen enkele batch."
        )
    return Aansluiting(
        batch_totaal=batch.totaal,
        posten_totaal=posten_totaal,
        regels_totaal=regels_totaal,
        batch_aantal=batch.aantal_regels,
        posten_aantal=posten_aantal,
        regels_aantal=regels_aantal,
        verschillen=tuple(verschillen),
        open_aantal=open_["aantal"],
        open_bedrag=euro(open_["bedrag"] or 0),
        open_declaraties=open_["declaraties"],
    )
