"""Read-side of the allocation: who sees which allocation or adjustment (R-P1); the referral's
scope is ``verwijzingen.querysets.scope_route``."""

from __future__ import annotations

from django.db import models

from jeugdregie.toewijzingen.policies import bereik_crisis_en_hswv
from jeugdregie.verwijzingen.policies import (
    AANBIEDER,
    GEMEENTE,
    VERWIJZER,
    bereik_route,
)
from jeugdregie.verwijzingen.querysets import scope_route


class ToewijzingQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        # An allocation names no referrer: a referrer's or GI's are found through the referral.
        bereik = bereik_route(user)
        if bereik is not None and bereik[0] == VERWIJZER:
            return scope_route(self, user, prefix="verwijzing__")
        return scope_route(self, user)

    def relatie_loopt(self, grens):
        """R-P4: allocations whose relation has not ended: they end on or after ``grens`` (today
        minus the region's period), and the provider did not enter their referral itself
        (``policies.toewijzing_geeft_zicht``). Read by ``JeugdigeQuerySet.voor_gebruiker``."""
        zelf_ingevoerd = models.Q(verwijzing__aangemaakt_door__aanbieder_id=models.F("aanbieder_id"))
        return self.filter(einddatum__gte=grens).exclude(zelf_ingevoerd)

    def actief_op(self, dag):
        from jeugdregie.common.periods import geldig_op_q
        from jeugdregie.toewijzingen.constants import ToewijzingStatus

        return self.filter(geldig_op_q(dag)).exclude(status=ToewijzingStatus.INGETROKKEN)


class AanpassingQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        return scope_route(self, user, prefix="verwijzing__")


class WeigeringsopvolgingQuerySet(models.QuerySet):
    def van_verwijzing(self, verwijzing):
        """The R-S3 follow-up of a refused referral: after the provider's refusal at screening or
        the toegang's refusal of a "keuzebudget onjuist" adjustment (R-A5)."""
        return self.filter(models.Q(screening__verwijzing=verwijzing) | models.Q(aanpassing__verwijzing=verwijzing))


def toegang_of_aanbieder(queryset, user, *, aanbieder_veld: str, verwijzer_veld: str | None = None):
    """Scope for the crisis and HSWV rows: the toegang by municipality, the provider by the field
    that names it, a GI by the field that names it (if any): ``policies.bereik_crisis_en_hswv``."""
    bereik = bereik_crisis_en_hswv(user)
    if bereik is None:
        return queryset.none()
    soort, organisatie_id = bereik
    veld = {GEMEENTE: "gemeente_id", AANBIEDER: aanbieder_veld, VERWIJZER: verwijzer_veld}[soort]
    if not veld:
        return queryset.none()
    return queryset.filter(**{veld: organisatie_id})
