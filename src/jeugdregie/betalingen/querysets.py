"""Who sees which payment batch or post (R-P1). Batches and posts are per provider, never per
young person: no BSN or name is in them, so the regional roles may read them as aggregates."""

from __future__ import annotations

from django.db import models

from .policies import AANBIEDER, FINANCIEEL, REGIO, REGIO_ROLLEN, bereik  # noqa: F401  (REGIO_ROLLEN re-exported)


def _scope(queryset, user, *, batch: str = ""):
    scope = bereik(user)
    if scope == FINANCIEEL:
        return queryset.filter(**{f"{batch}gemeente_id": user.gemeente_id})
    if scope == REGIO:
        return queryset.filter(**{f"{batch}gemeente__regio_id": user.regio_id})
    return queryset.none()


class BetaalbatchQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        """Finance: its own municipality; regional roles: their region; everyone else nothing
        (a provider sees its own posts through ``Betaalpost``, not the batch of all providers)."""
        return _scope(self, user)


class BetaalpostQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        """As the batches, plus the provider: only its own posts."""
        if bereik(user) == AANBIEDER:
            return self.filter(aanbieder_id=user.aanbieder_id)
        return _scope(self, user, batch="batch__")
