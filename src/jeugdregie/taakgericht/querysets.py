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


class ZorgperiodeQuerySet(models.QuerySet):
    def in_zorg(self):
        """Care reported started and not (yet) reported stopped."""
        return self.filter(einddatum__isnull=True)
