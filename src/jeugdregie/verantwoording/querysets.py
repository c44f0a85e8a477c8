"""Read-side scope of the verantwoording pages and endpoints (R-P1), in one place.

Which scope a user has (region, municipality, own provider, none) is decided by
``policies.bereik``; this module applies it to the data.
"""

from __future__ import annotations

from django.db import models

from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.organisaties.models import Aanbieder, Gemeente, Regio
from jeugdregie.taakgericht.monitoring import Taakgerichteproductie, taakgerichte_productie

from .policies import (  # noqa: F401  (the role sets are re-exported: portaal.navigatie imports them here)
    AANBIEDER,
    CRISIS_ROLLEN,
    GEMEENTE,
    GEMEENTE_ROLLEN,
    PRODUCTIE_ROLLEN,
    REGEL_ROLLEN,
    REGIO,
    REGIO_ROLLEN,
    bereik,
    ziet_alle_gemeenten,
)


def regio_van(user) -> Regio | None:
    """The region whose crisis split a user sees."""
    scope = bereik(user)
    if scope == REGIO:
        return user.regio
    if scope == GEMEENTE:
        return user.gemeente.regio
    return None


def gemeenten_voor(user):
    """R-B4 report: the municipalities whose rows a user sees."""
    scope = bereik(user)
    if scope == REGIO:
        return Gemeente.objects.filter(regio_id=user.regio_id)
    if scope == GEMEENTE:
        return Gemeente.objects.filter(pk=user.gemeente_id)
    return Gemeente.objects.none()


def aanbieders_voor(user):
    """R-V1: whose statement a user may open (a provider only its own: another's is a 404)."""
    scope = bereik(user)
    if scope == AANBIEDER:
        return Aanbieder.objects.filter(pk=user.aanbieder_id)
    if scope in (REGIO, GEMEENTE):  # issue 22 §5: the providers of the user's own region
        return Aanbieder.objects.voor_gebruiker(user)
    return Aanbieder.objects.none()


def declaratieregels_voor(user):
    """R-V1: the declaration lines behind the statement a user sees."""
    scope = bereik(user)
    regels = Declaratieregel.objects.all()
    if scope == AANBIEDER:
        return regels.filter(aanbieder_id=user.aanbieder_id)
    if scope == GEMEENTE:
        return regels.filter(declaratie__gemeente_id=user.gemeente_id)
    if scope == REGIO:
        return regels.filter(declaratie__gemeente__regio_id=user.regio_id)
    return regels.none()


class CrisisbekostigingQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        regio = regio_van(user)
        return self.filter(regio=regio) if regio is not None else self.none()


class ProductieverantwoordingQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        """A provider its own submissions; municipality and region roles those of every provider of
        their region."""
        scope = bereik(user)
        if scope == AANBIEDER:
            return self.filter(aanbieder_id=user.aanbieder_id)
        if scope in (REGIO, GEMEENTE):  # issue 22 §5: of the providers of the user's own region
            return self.filter(aanbieder__in=Aanbieder.objects.voor_gebruiker(user))
        return self.none()


def taakgerichte_productie_voor(user, *, aanbieder: Aanbieder, jaar: int) -> list[Taakgerichteproductie]:
    """R-R2 in the statement: the task-based rows of ``aanbieder``'s year a user sees — the
    provider all its municipalities, the others the municipalities of their scope."""
    zichtbaar = None if bereik(user) == AANBIEDER else set(gemeenten_voor(user).values_list("pk", flat=True))
    return taakgerichte_productie(aanbieder_id=aanbieder.pk, jaar=jaar, gemeente_ids=zichtbaar)
