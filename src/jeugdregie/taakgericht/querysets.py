"""Read-side of the task-based assignments (R-R2, R-P1): scoped by ``policies.bereik``."""

from __future__ import annotations

from datetime import date

from django.db import models

from jeugdregie.common.periods import geldig_op_q

from .policies import AANBIEDER, GEMEENTE, REGIO, bereik


class OpdrachtQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        scope = bereik(user)
        if scope is None:
            return self.none()
        soort, organisatie_id = scope
        if soort == REGIO:
            return self.filter(regio_id=organisatie_id)
        if soort == GEMEENTE:
            return self.filter(gemeenten=organisatie_id).distinct()
        if soort == AANBIEDER:
            return self.filter(aanbieder_id=organisatie_id)
        return self.none()

    def lopend_op(self, dag: date):
        return self.filter(geldig_op_q(dag))

    def voor_melding(self, *, aanbieder_id: int, gemeente_id: int, productcode: str, dag: date):
        """iJw IV096: the assignment a start or stop without ToewijzingNummer belongs to — the
        provider's, serving the municipality, covering the product; the one running on ``dag``
        first, else the latest (whose service then says why the date does not fit)."""
        kandidaten = self.filter(aanbieder_id=aanbieder_id, gemeenten=gemeente_id, producten__code=productcode)
        return kandidaten.filter(geldig_op_q(dag)).first() or kandidaten.order_by("-begindatum", "-pk").first()


class ZorgperiodeQuerySet(models.QuerySet):
    def in_zorg(self):
        """Care reported started and not (yet) reported stopped."""
        return self.filter(einddatum__isnull=True)
