"""Read side: family rows scoped like the young person they belong to (R-P1/R-P4)."""

from __future__ import annotations

from django.apps import apps
from django.db import models


class GezinQuerySet(models.QuerySet):
    def voor_gebruiker(self, gebruiker):
        """The rows of the young people ``gebruiker`` may read (``Jeugdige.voor_gebruiker``)."""
        Jeugdige = apps.get_model("jeugdigen", "Jeugdige")
        return self.filter(jeugdige__in=Jeugdige.objects.voor_gebruiker(gebruiker).values("pk"))
