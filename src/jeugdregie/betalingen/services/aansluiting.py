"""Reconciliation of a batch (R-V1: every figure traceable to its lines): the batch total equals
the sum of its posts, each post equals the net of the lines linked to it, and every linked line
is an approved line of that municipality and month of that post's provider. Also reports the
approved lines of the month that are in no batch yet."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q

from jeugdregie.common.money import euro
from jeugdregie.declaraties.constants import RegelStatus
from jeugdregie.declaraties.models import Declaratieregel

from ..models import Betaalbatch
from .bedrag import bedrag_nl
from .regels import in_maand_q, netto, open_regels

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
    #: Approved lines of the municipality and month that are in no batch (not an error: e.g.
    #: submitted after a batch of the current month was prepared, or released by a rejection).
    open_aantal: int
    open_bedrag: Decimal

    @property
    def klopt(self) -> bool:
        return not self.verschillen


def _verschil(a: Decimal, b: Decimal) -> str:
    return f"verschil € {bedrag_nl(a - b)}"


def reconciliatie(batch: Betaalbatch) -> Aansluiting:
    posten = list(batch.posten.select_related("aanbieder"))
    gekoppeld = Declaratieregel.objects.filter(betaalpost__batch=batch)
    per_post = {
        r["betaalpost_id"]: (euro(r["bedrag"]), r["aantal"])
        for r in gekoppeld.order_by().values("betaalpost_id").annotate(bedrag=netto(), aantal=Count("id"))
    }
    verschillen: list[str] = []

    posten_totaal = sum((p.bedrag for p in posten), NUL)
    posten_aantal = sum(p.aantal_regels for p in posten)
    regels_totaal = sum((b for b, _ in per_post.values()), NUL)
    regels_aantal = sum(n for _, n in per_post.values())
    if batch.totaal != posten_totaal:
        verschillen.append(
            f"Batchtotaal € {bedrag_nl(batch.totaal)} ≠ som van de posten € {bedrag_nl(posten_totaal)} "
            f"({_verschil(batch.totaal, posten_totaal)})."
        )
    if batch.aantal_regels != posten_aantal:
        verschillen.append(f"Batch telt {batch.aantal_regels} regels, de posten samen {posten_aantal}.")
    for post in posten:
        bedrag, aantal = per_post.get(post.pk, (NUL, 0))
        naam = f"{post.aanbieder.naam} (AGB {post.aanbieder.agb_code})"
        if post.bedrag != bedrag:
            verschillen.append(
                f"Post {naam}: € {bedrag_nl(post.bedrag)}, de gekoppelde regels netto € {bedrag_nl(bedrag)} "
                f"({_verschil(post.bedrag, bedrag)})."
            )
        if post.aantal_regels != aantal:
            verschillen.append(f"Post {naam}: {post.aantal_regels} regels vermeld, {aantal} gekoppeld.")

    fout = gekoppeld.aggregate(
        niet_goedgekeurd=Count("id", filter=~Q(status=RegelStatus.GOEDGEKEURD)),
        buiten_periode=Count("id", filter=~in_maand_q(batch.gemeente_id, batch.jaar, batch.maand)),
        andere_aanbieder=Count("id", filter=~Q(aanbieder_id=F("betaalpost__aanbieder_id"))),
    )
    if fout["niet_goedgekeurd"]:
        verschillen.append(f"{fout['niet_goedgekeurd']} gekoppelde regel(s) zijn niet goedgekeurd.")
    if fout["buiten_periode"]:
        verschillen.append(
            f"{fout['buiten_periode']} gekoppelde regel(s) horen niet bij deze gemeente of niet bij deze maand."
        )
    if fout["andere_aanbieder"]:
        verschillen.append(f"{fout['andere_aanbieder']} gekoppelde regel(s) staan op de post van een andere aanbieder.")

    open_ = open_regels(batch.gemeente_id, batch.jaar, batch.maand).aggregate(aantal=Count("id"), bedrag=netto())
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
    )
