"""Read-side of the handover: what each user may see (R-D3, R-P4)."""

from __future__ import annotations

from django.db import models

from .policies import is_toegang


class OverdrachtQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        """The toegang of either municipality; nobody else."""
        if not is_toegang(user):
            return self.none()
        return self.filter(models.Q(van_gemeente_id=user.gemeente_id) | models.Q(naar_gemeente_id=user.gemeente_id))


class GeschilQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        if not is_toegang(user):
            return self.none()
        return self.filter(
            models.Q(overdracht__van_gemeente_id=user.gemeente_id)
            | models.Q(overdracht__naar_gemeente_id=user.gemeente_id)
        )
