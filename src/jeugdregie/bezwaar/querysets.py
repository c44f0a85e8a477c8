"""Read-side of bezwaar (R-P1): only the toegang of the municipality that made the decision reads
its objections; no provider, referrer or other municipality."""

from __future__ import annotations

from django.db import models

from jeugdregie.verwijzingen.policies import GEMEENTE, bereik_route

from .constants import BezwaarStatus


class BezwaarQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        bereik = bereik_route(user)
        if bereik is None or bereik[0] != GEMEENTE:
            return self.none()
        return self.filter(gemeente_id=bereik[1])

    def lopend(self):
        return self.filter(status=BezwaarStatus.IN_BEHANDELING)


def beschikkingen_voor(user, model):
    """The letters the toegang may object to on behalf of a family: its own municipality's, sent."""
    bereik = bereik_route(user)
    if bereik is None or bereik[0] != GEMEENTE:
        return model.objects.none()
    return model.objects.filter(gemeente_id=bereik[1], verzonden_op__isnull=False)
