"""Read-side of declarations and the budget ledger: who sees what (R-P1), and the annotated
querysets of the screens and the API.

Decisions (documented in the README): a provider sees its own declarations and lines; toegang and
finance of a municipality those declared to their municipality; the regional roles (contract
manager, policy, board) see declaration headers of their region (totals, no lines: lines name a
young person) and the budget overview per municipality, never lines or per-allocation ledgers;
the functional administrator sees none of it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import models
from django.db.models import Case, Count, Exists, OuterRef, Q, Value, When

from jeugdregie.accounts.constants import Rol
from jeugdregie.common.money import euro

from .constants import RegelStatus

#: Roles that work with declarations line by line (pages and API with lines).
DECLARATIE_ROLLEN = (Rol.AANBIEDER, Rol.TOEGANG, Rol.FINANCIEEL)
#: Roles without personal data that read aggregates of the region.
REGIO_ROLLEN = (Rol.CONTRACTMANAGER, Rol.BELEID, Rol.BESTUURDER)
#: Roles that read the R-B5 budget overview per municipality.
BUDGET_ROLLEN = (Rol.TOEGANG, Rol.FINANCIEEL, *REGIO_ROLLEN)


def _ingelogd(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "rol", ""))


def _aanbieder_of_gemeente(queryset, user, *, aanbieder: str, gemeente: str):
    if not _ingelogd(user):
        return queryset.none()
    if user.rol == Rol.AANBIEDER:
        return queryset.filter(**{aanbieder: user.aanbieder_id})
    if user.rol in (Rol.TOEGANG, Rol.FINANCIEEL):
        return queryset.filter(**{gemeente: user.gemeente_id})
    return queryset.none()


class DeclaratieQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        """Headers only carry totals; the regional roles may read those of their region."""
        if _ingelogd(user) and user.rol in REGIO_ROLLEN:
            return self.filter(gemeente__regio_id=user.regio_id)
        return _aanbieder_of_gemeente(self, user, aanbieder="aanbieder_id", gemeente="gemeente_id")

    def met_tellingen(self):
        return self.annotate(
            aantal_regels=Count("regels"),
            aantal_goedgekeurd=Count("regels", filter=Q(regels__status=RegelStatus.GOEDGEKEURD)),
            aantal_afgekeurd=Count("regels", filter=Q(regels__status=RegelStatus.AFGEKEURD)),
        )

    def met_regelstatus(self, status: str):
        """Declarations with at least one line of this status."""
        from .models import Declaratieregel

        return self.filter(Exists(Declaratieregel.objects.filter(declaratie=OuterRef("pk"), status=status)))

    def in_periode(self, van: date | None, tot: date | None):
        """Declarations with a line whose (inclusive) period overlaps [van, tot]."""
        from .models import Declaratieregel

        regels = Declaratieregel.objects.filter(declaratie=OuterRef("pk"))
        if van:
            regels = regels.filter(einddatum__gte=van)
        if tot:
            regels = regels.filter(begindatum__lte=tot)
        return self.filter(Exists(regels)) if (van or tot) else self

    def afgekeurde_eerst(self):
        """The finance worklist "Declaraties om te controleren": rejected lines first, newest first.
        Needs ``met_tellingen``."""
        return self.order_by(
            Case(When(aantal_afgekeurd__gt=0, then=Value(0)), default=Value(1)), "-ingediend_op", "-id"
        )


class DeclaratieregelQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        """Lines name a young person: only the provider and the municipality's toegang and finance."""
        return _aanbieder_of_gemeente(self, user, aanbieder="aanbieder_id", gemeente="declaratie__gemeente_id")


class BudgetstandQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        """The ledger of one allocation (one young person), scoped through the allocation."""
        return _aanbieder_of_gemeente(
            self, user, aanbieder="toewijzing__aanbieder_id", gemeente="toewijzing__gemeente_id"
        )


def gemeenten_voor_budget(gemeenten, user):
    """R-B5 overview: toegang and finance their own municipality, the regional roles every
    municipality of their region, everybody else none."""
    if not _ingelogd(user):
        return gemeenten.none()
    if user.rol in (Rol.TOEGANG, Rol.FINANCIEEL):
        return gemeenten.filter(pk=user.gemeente_id)
    if user.rol in REGIO_ROLLEN:
        return gemeenten.filter(regio_id=user.regio_id)
    return gemeenten.none()


def budgetoverzicht(gemeenten, *, op: date) -> list[dict]:
    """R-B5: committed, spent and released per municipality at a date (``budget.overzicht``), with
    what is still available; one row per municipality."""
    from .services.budget import overzicht

    rijen = []
    for gemeente in gemeenten:
        stand = {soort: euro(bedrag) for soort, bedrag in overzicht(gemeente.pk, op=op).items()}
        beschikbaar = stand["vastgelegd"] - stand["besteed"] - stand["vrijgevallen"]
        rijen.append({"gemeente": gemeente, **stand, "beschikbaar": beschikbaar})
    return rijen


def totaal(rijen: list[dict]) -> dict[str, Decimal]:
    velden = ("vastgelegd", "besteed", "vrijgevallen", "beschikbaar")
    return {veld: sum((r[veld] for r in rijen), Decimal("0.00")) for veld in velden}
