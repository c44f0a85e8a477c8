"""Read side of the beschikkingen: scoped to the toegang of the letter's municipality (R-P1)."""

from __future__ import annotations

from django.db import models

from .policies import mag_beschikkingen_inzien


class PerGemeenteQuerySet(models.QuerySet):
    def voor_gebruiker(self, gebruiker):
        if not mag_beschikkingen_inzien(gebruiker):
            return self.none()
        return self.filter(gemeente_id=gebruiker.gemeente_id)
