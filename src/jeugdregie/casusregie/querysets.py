"""Read-side of casusregie (R-R3, R-P1): the casusregisseur reads its own casussen, the toegang
of the municipality every casus of that municipality; nobody else reads a casus. A provider with
care for the child sees only the vaste contactpersoon (``dossier.py``), never the casus."""

from __future__ import annotations

from django.db import models

from jeugdregie.verwijzingen.policies import GEMEENTE, bereik_route

from .constants import Fase


class CasusQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        voorwaarde = models.Q(casusregisseur_id=user.pk)
        bereik = bereik_route(user)
        if bereik is not None and bereik[0] == GEMEENTE:
            voorwaarde |= models.Q(gemeente_id=bereik[1])
        return self.filter(voorwaarde)

    def open(self):
        return self.exclude(fase=Fase.AFGESLOTEN)

    def van_regisseur(self, user):
        return self.filter(casusregisseur_id=user.pk)
