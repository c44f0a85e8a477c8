"""Read-side of the budget ledger: who sees what (R-P1) and the overview per municipality (R-B5).

A provider sees the ledgers of its own allocations; toegang and finance those of their
municipality; the regional roles (contract manager, policy, board) only the overview per
municipality, never a ledger of one allocation (one young person)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.apps import apps
from django.db import models
from django.db.models import Sum

from jeugdregie.common.money import euro

from .constants import VASTLEGGINGEN, Mutatiesoort
from .policies import AANBIEDER, GEMEENTE, REGIO, bereik_budget
from .policies import BUDGET_ROLLEN as BUDGET_ROLLEN  # re-exported: begroting imports it from here

NUL = Decimal("0.00")


def aanbieder_of_gemeente(queryset, user, *, aanbieder: str, gemeente: str):
    """The provider its own rows, toegang and finance those of their municipality, nobody else
    (``policies.bereik_budget``)."""
    bereik = bereik_budget(user)
    if bereik is None:
        return queryset.none()
    soort, organisatie_id = bereik
    if soort == AANBIEDER:
        return queryset.filter(**{aanbieder: organisatie_id})
    if soort == GEMEENTE:
        return queryset.filter(**{gemeente: organisatie_id})
    return queryset.none()


class BudgetstandQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        """The ledger of one allocation (one young person), scoped through the allocation."""
        return aanbieder_of_gemeente(
            self, user, aanbieder="toewijzing__aanbieder_id", gemeente="toewijzing__gemeente_id"
        )


def gemeenten_voor_budget(gemeenten, user):
    """R-B5 overview: toegang and finance their own municipality, the regional roles every
    municipality of their region, everybody else none."""
    bereik = bereik_budget(user)
    if bereik is None:
        return gemeenten.none()
    soort, organisatie_id = bereik
    if soort == GEMEENTE:
        return gemeenten.filter(pk=organisatie_id)
    if soort == REGIO:
        return gemeenten.filter(regio_id=organisatie_id)
    return gemeenten.none()


def budgetoverzicht(gemeenten, *, op: date) -> list[dict]:
    """R-B5: committed, spent and released per municipality at a date (``overzicht``), with what
    is still available; one row per municipality."""
    rijen = []
    for gemeente in gemeenten:
        stand = {soort: euro(bedrag) for soort, bedrag in overzicht(gemeente.pk, op=op).items()}
        beschikbaar = stand["vastgelegd"] - stand["besteed"] - stand["vrijgevallen"]
        rijen.append({"gemeente": gemeente, **stand, "beschikbaar": beschikbaar})
    return rijen


def totaal(rijen: list[dict]) -> dict[str, Decimal]:
    velden = ("vastgelegd", "besteed", "vrijgevallen", "beschikbaar")
    return {veld: sum((r[veld] for r in rijen), Decimal("0.00")) for veld in velden}


class BudgetmutatieQuerySet(models.QuerySet):
    def overzicht(self, gemeente_id: int, *, op: date) -> dict[str, Decimal]:
        """R-B5: committed, spent and released per municipality at a date, from the ledger's bookings."""
        rijen = (
            self.filter(toewijzing__gemeente_id=gemeente_id, datum__lte=op)
            .values("soort")
            .annotate(totaal=Sum("bedrag"))
        )
        totalen = {r["soort"]: r["totaal"] for r in rijen}
        return {
            "vastgelegd": sum((totalen.get(s, NUL) for s in VASTLEGGINGEN), NUL),
            "besteed": totalen.get(Mutatiesoort.GOEDGEKEURD, NUL) + totalen.get(Mutatiesoort.GECREDITEERD, NUL),
            "vrijgevallen": totalen.get(Mutatiesoort.VRIJGEVALLEN, NUL),
        }


def overzicht(gemeente_id: int, *, op: date) -> dict[str, Decimal]:
    """R-B5: the overview of one municipality (``BudgetmutatieQuerySet.overzicht``)."""
    return apps.get_model("budgetten", "Budgetmutatie").objects.overzicht(gemeente_id, op=op)
