"""The budget ledger per allocation (R-B5): committed, approved (spent) and released. The intake
moves it on the locked rows (services/context.py, intake.py); the release at the end is here.
The check constraint ``budgetstand_binnen_budget`` guards the ceiling in the database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import F, Sum

from jeugdregie.toewijzingen.constants import ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing

from ..constants import Mutatiesoort
from ..models import Budgetmutatie, Budgetstand


def stand_van(toewijzing: Toewijzing, *, op: date) -> Budgetstand:
    """The ledger of an allocation, opened with the keuzebudget amount as committed (no ceiling
    for allocations without a keuzebudget: Wonen and crisisopvolging are paid per etmaal/hour)."""
    vastgelegd = toewijzing.keuzebudget.bedrag if toewijzing.keuzebudget_id else None
    stand, nieuw = Budgetstand.objects.get_or_create(toewijzing=toewijzing, defaults={"vastgelegd": vastgelegd})
    if nieuw and vastgelegd is not None:
        Budgetmutatie.objects.create(toewijzing=toewijzing, soort=Mutatiesoort.VASTGELEGD, bedrag=vastgelegd, datum=op)
    return stand


def geef_vrij(toewijzing: Toewijzing, *, op: date) -> Decimal:
    """R-B5: when the allocation has ended, what remains unspent is released to the municipality
    (never paid to the provider). Idempotent: a second call releases nothing more."""
    if toewijzing.status not in (ToewijzingStatus.GESTOPT, ToewijzingStatus.INGETROKKEN) and toewijzing.einddatum >= op:
        return Decimal("0")
    stand = Budgetstand.objects.select_for_update().filter(toewijzing=toewijzing).first()
    if stand is None:
        stand = stand_van(toewijzing, op=op)
    if stand.vastgelegd is None:
        return Decimal("0")
    rest = stand.vastgelegd - stand.goedgekeurd - stand.vrijgevallen
    if rest <= 0:
        return Decimal("0")
    Budgetstand.objects.filter(pk=stand.pk).update(vrijgevallen=F("vrijgevallen") + rest)
    Budgetmutatie.objects.create(toewijzing=toewijzing, soort=Mutatiesoort.VRIJGEVALLEN, bedrag=rest, datum=op)
    return rest


def overzicht(gemeente_id: int, *, op: date) -> dict[str, Decimal]:
    """R-B5: committed, spent and released per municipality at a date, from the ledger."""
    rijen = (
        Budgetmutatie.objects.filter(toewijzing__gemeente_id=gemeente_id, datum__lte=op)
        .values("soort")
        .annotate(totaal=Sum("bedrag"))
    )
    totalen = {r["soort"]: r["totaal"] for r in rijen}
    nul = Decimal("0.00")
    return {
        "vastgelegd": totalen.get(Mutatiesoort.VASTGELEGD, nul),
        "besteed": totalen.get(Mutatiesoort.GOEDGEKEURD, nul) + totalen.get(Mutatiesoort.GECREDITEERD, nul),
        "vrijgevallen": totalen.get(Mutatiesoort.VRIJGEVALLEN, nul),
    }
