"""Read-side of declarations: who sees what (R-P1), and the annotated
querysets of the screens and the API.

Decisions (documented in the README): a provider sees its own declarations and lines; toegang and
finance of a municipality those declared to their municipality; the regional roles (contract
manager, policy, board) see declaration headers of their region (totals, no lines: lines name a
young person) and the budget overview per municipality, never lines or per-allocation ledgers;
the functional administrator sees none of it."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Case, Count, Exists, OuterRef, Q, Value, When

from jeugdregie.budgetten.policies import REGIO, bereik_budget
from jeugdregie.budgetten.querysets import aanbieder_of_gemeente as _aanbieder_of_gemeente

from .constants import RegelStatus


class DeclaratieQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        """Headers only carry totals; the regional roles may read those of their region
        (``budgetten.policies.bereik_budget``)."""
        bereik = bereik_budget(user)
        if bereik is not None and bereik[0] == REGIO:
            return self.filter(gemeente__regio_id=bereik[1])
        return _aanbieder_of_gemeente(self, user, aanbieder="aanbieder_id", gemeente="gemeente_id")

    def met_tellingen(self):
        return self.annotate(
            aantal_regels=Count("regels"),
            aantal_goedgekeurd=Count("regels", filter=Q(regels__status=RegelStatus.GOEDGEKEURD)),
            aantal_afgekeurd=Count("regels", filter=Q(regels__status=RegelStatus.AFGEKEURD)),
        )

    def _met_regel(self, **regel):
        """Declarations with at least one line meeting every condition of ``regel`` (one line:
        the conditions are in one ``filter``). The subquery goes through this model's own
        relation ``regels``, so this module needs no import of ``models`` (which imports it)."""
        voorwaarden = {f"regels__{veld}": waarde for veld, waarde in regel.items()}
        return self.filter(Exists(self.model._default_manager.filter(pk=OuterRef("pk"), **voorwaarden)))

    def met_regelstatus(self, status: str):
        """Declarations with at least one line of this status."""
        return self._met_regel(status=status)

    def in_periode(self, van: date | None, tot: date | None):
        """Declarations with a line whose (inclusive) period overlaps [van, tot]."""
        regel = {}
        if van:
            regel["einddatum__gte"] = van
        if tot:
            regel["begindatum__lte"] = tot
        return self._met_regel(**regel) if regel else self

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
