"""Who sees which payment batch or post (R-P1). Batches and posts are per provider, never per
young person: no BSN or name is in them, so the regional roles may read them as aggregates."""

from __future__ import annotations

from django.db import models

from jeugdregie.accounts.constants import Rol

#: Regional roles: every batch of municipalities in their region (aggregates, R-P1).
REGIO_ROLLEN = (Rol.CONTRACTMANAGER, Rol.BELEID, Rol.BESTUURDER)


def _scope(queryset, user, *, batch: str = ""):
    if not getattr(user, "is_authenticated", False) or not user.rol:
        return queryset.none()
    if user.rol == Rol.FINANCIEEL:
        return queryset.filter(**{f"{batch}gemeente_id": user.gemeente_id})
    if user.rol in REGIO_ROLLEN:
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
        if getattr(user, "is_authenticated", False) and user.rol == Rol.AANBIEDER:
            return self.filter(aanbieder_id=user.aanbieder_id)
        return _scope(self, user, batch="batch__")
