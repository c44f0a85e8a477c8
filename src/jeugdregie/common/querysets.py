"""Scoped querysets shared by apps (the ``voor_gebruiker`` contract, R-P1)."""

from django.db import models


class IngelogdQuerySet(models.QuerySet):
    """For reference data without personal data (catalog, organisations): every logged-in
    role may read it, anonymous users nothing. Gives those apps the same ``voor_gebruiker``
    contract, so one mixin applies to every view and endpoint."""

    def voor_gebruiker(self, user):
        return self if getattr(user, "is_authenticated", False) else self.none()
