"""Read-side of jeugdigen: the one place that decides who may see which young person (R-P1)."""

from __future__ import annotations

from django.db import models

from jeugdregie.common.domein import vraag
from jeugdregie.common.tijd import vandaag

from .gebeurtenissen import Relatieantwoord, Relatievraag
from .policies import (
    AANBIEDER,
    BRONNEN_MET_ZICHT,
    GEMEENTE,
    VERWIJZER,
    bereik_register,
    koppelt_aanmelding_op_bsn,
    relatie_geldig_sinds,
)
from .woonplaatsbeginsel import Verblijfsgemeentevraag


class JeugdigeQuerySet(models.QuerySet):
    def voor_gebruiker(self, user) -> JeugdigeQuerySet:
        """Young people ``user`` may see (R-P1, R-P4; the named questions are in ``policies``).

        - toegang: the young people its municipality is responsible for today (R-D3): its
          residents from the day their residence there begins (a move hands the child over on
          the moving day, not before), and those in a stay it allocated, wherever their BRP
          address is now (``woonplaatsbeginsel``);
        - aanbieder, verwijzer and GI: young people an involvement (``Betrokkenheid``) names them
          for. Only municipal decisions write one (an allocation, an honoured request, a referral
          by the toegang; ``toewijzingen.policies``), never the party's own registration. The
          relation ends the region's declaration window after the last allocation ended;
        - everyone else (finance, contract manager, policy, board, beheerder): none. Finance reads
          declarations and payments, the others aggregates and pseudonymised data.
        """
        bereik = bereik_register(user)
        if bereik is None:
            return self.none()
        soort, organisatie_id = bereik
        if soort == GEMEENTE:
            return self.verantwoordelijk(organisatie_id, vandaag())
        if soort == AANBIEDER:
            betrokken = self.filter(pk__in=self._betrokken(aanbieder_id=organisatie_id))
            return betrokken.filter(_relatie_loopt(AANBIEDER, organisatie_id, relatie_geldig_sinds(user)))
        if soort == VERWIJZER:
            betrokken = self.filter(pk__in=self._betrokken(verwijzer_id=organisatie_id))
            return betrokken.filter(_relatie_loopt(VERWIJZER, organisatie_id, relatie_geldig_sinds(user)))
        return self.none()

    def voor_aanmelding(self, user, bsn: str) -> JeugdigeQuerySet:
        """The young person a new referral, request or report is for, by exact BSN.

        The toegang looks within its own residents. A GI or provider (a GP's referral, a crisis
        report) finds the child by exact BSN so its submission can be linked, but that link
        grants no sight (R-P4): callers must answer the same whether or not a child was found
        (``policies.zoekt_in_register_bij_aanmelding``) and must not echo the register."""
        bsn = (bsn or "").strip()
        if not getattr(user, "is_authenticated", False) or not bsn:
            return self.none()
        if koppelt_aanmelding_op_bsn(user):
            return self.filter(bsn=bsn)
        return self.voor_gebruiker(user).filter(bsn=bsn)

    def verantwoordelijk(self, gemeente_id: int | None, op) -> JeugdigeQuerySet:
        """R-D3: the young people ``gemeente_id`` is responsible for on ``op``: resident there on
        that day, or in a stay of that municipality that runs on it (asked of the allocations,
        ``Verblijfsgemeentevraag``). Subqueries, so no row is doubled."""
        Woonplaats = self.model._meta.get_field("woonplaatsen").related_model
        woont = Woonplaats.objects.filter(gemeente_id=gemeente_id, begindatum__lte=op).filter(
            models.Q(einddatum__isnull=True) | models.Q(einddatum__gte=op)
        )
        voorwaarde = models.Q(pk__in=woont.values("jeugdige_id"))
        for verblijf in vraag(Verblijfsgemeentevraag(gemeente_id=gemeente_id, op=op)):
            voorwaarde |= models.Q(pk__in=verblijf)
        return self.filter(voorwaarde)

    def met_actuele_gemeente(self) -> JeugdigeQuerySet:
        # the related models through the young person's own relations: this module imports no model
        Woonplaats = self.model._meta.get_field("woonplaatsen").related_model
        actueel = Woonplaats.objects.filter(jeugdige=models.OuterRef("pk"), einddatum__isnull=True)
        return self.annotate(
            actuele_gemeente_naam=models.Subquery(actueel.values("gemeente__naam")[:1]),
        )

    def _betrokken(self, **organisatie):
        Betrokkenheid = self.model._meta.get_field("betrokkenheden").related_model
        return Betrokkenheid.objects.filter(bron__in=BRONNEN_MET_ZICHT, **organisatie).values("jeugdige_id")


def _relatie_loopt(soort: str, organisatie_id: int | None, grens) -> models.Q:
    """R-P4: the organisation's relation with the child has not ended. A child it has referrals,
    allocations or HSWV deployments for stays readable while one of them still runs: an open
    referral, a referral or allocation within the region's period (``grens`` = today minus that
    period), a deployment that runs or ended after ``grens``. (An involvement with none of these
    behind it is an involvement recorded directly; no service writes one.) Referrals, allocations
    and deployments belong to later stages of the flow, so this stage asks them
    (``gebeurtenissen.Relatievraag``; who answers: ``jeugdregie/abonnementen.py``) and imports
    nothing of theirs."""
    antwoorden: list[Relatieantwoord] = vraag(Relatievraag(soort, organisatie_id, grens))
    if not antwoorden:
        return models.Q()
    via_besluit, loopt = models.Q(), models.Q()
    for antwoord in antwoorden:
        for ids in antwoord.besloten:
            via_besluit |= models.Q(pk__in=ids)
        for ids in antwoord.loopt:
            loopt |= models.Q(pk__in=ids)
    return ~via_besluit | loopt
