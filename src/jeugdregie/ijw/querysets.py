"""Read side of the message log, scoped per role (R-P1): a provider sees the messages it sent
and received, a municipality's toegang and finance staff those of their municipality, the
regional roles and the beheerder all messages of the region (without content)."""

from __future__ import annotations

from django.db import models

from .policies import AANBIEDER, GEMEENTE, REGIO, bereik


class BerichtQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        scope = bereik(user)  # which scope is the policy's; this applies it
        if scope == AANBIEDER and user.aanbieder_id:
            return self.filter(aanbieder_id=user.aanbieder_id)
        if scope == GEMEENTE and user.gemeente_id:
            return self.filter(gemeente_id=user.gemeente_id)
        if scope == REGIO and user.regio_id:
            return self.filter(models.Q(gemeente__regio_id=user.regio_id) | models.Q(aanbieder__regio_id=user.regio_id))
        return self.none()


class UitboxwachtQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        """The outbox's waiting messages: a toegang those of its municipality, the beheerder the
        region's; providers none (the message has not reached them; ``policies.mag_uitbox_inzien``)."""
        scope = bereik(user)
        if scope == GEMEENTE and user.gemeente_id:
            return self.filter(gemeente_id=user.gemeente_id)
        if scope == REGIO and user.regio_id:  # also a row whose subject was not found: our fault to see
            return self.filter(models.Q(gemeente__regio_id=user.regio_id) | models.Q(gemeente__isnull=True))
        return self.none()
