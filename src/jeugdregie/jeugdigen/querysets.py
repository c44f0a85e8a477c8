"""Read-side of jeugdigen: the one place that decides who may see which young person (R-P1)."""

from __future__ import annotations

from django.db import models

from jeugdregie.accounts.constants import Rol


class JeugdigeQuerySet(models.QuerySet):
    def voor_gebruiker(self, user) -> JeugdigeQuerySet:
        """Young people ``user`` may see.

        - toegang and financieel: residents of their own municipality (current residence);
        - aanbieder: young people it has been referred, screened or allocated;
        - verwijzer and GI: young people they referred;
        - everyone else (contract manager, policy, board, beheerder): none, they work on
          aggregates and pseudonymised data.
        """
        if not getattr(user, "is_authenticated", False) or not user.rol:
            return self.none()
        if user.rol in (Rol.TOEGANG, Rol.FINANCIEEL):
            return self.filter(woonplaatsen__gemeente_id=user.gemeente_id, woonplaatsen__einddatum__isnull=True)
        if user.rol == Rol.AANBIEDER:
            return self.filter(pk__in=_betrokken(aanbieder_id=user.aanbieder_id))
        if user.rol in (Rol.VERWIJZER, Rol.GI):
            return self.filter(pk__in=_betrokken(verwijzer_id=user.verwijzer_id))
        return self.none()

    def voor_aanmelding(self, user, bsn: str) -> JeugdigeQuerySet:
        """The young person a new referral is for, by exact BSN. The toegang looks within its own
        residents; a GI (bepaling) or a provider (request carrying a GP's referral) by exact BSN
        only: the referral it registers is what grants sight (R-P1, ADR 0002)."""
        bsn = (bsn or "").strip()
        if not getattr(user, "is_authenticated", False) or not bsn:
            return self.none()
        if user.rol in (Rol.AANBIEDER, Rol.GI):
            return self.filter(bsn=bsn)
        return self.voor_gebruiker(user).filter(bsn=bsn)

    def met_actuele_gemeente(self) -> JeugdigeQuerySet:
        from .models import Woonplaats

        actueel = Woonplaats.objects.filter(jeugdige=models.OuterRef("pk"), einddatum__isnull=True)
        return self.annotate(
            actuele_gemeente_naam=models.Subquery(actueel.values("gemeente__naam")[:1]),
        )


def _betrokken(**organisatie):
    from .models import Betrokkenheid

    return Betrokkenheid.objects.filter(**organisatie).values("jeugdige_id")
