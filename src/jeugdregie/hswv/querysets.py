"""Read-side of the HSWV inzet (R-X1, R-P1; ``toewijzingen.policies.bereik_crisis_en_hswv``)."""

from __future__ import annotations

from django.db import models

from jeugdregie.toewijzingen.policies import AANBIEDER, VERWIJZER
from jeugdregie.toewijzingen.querysets import toegang_of_aanbieder


class HswvQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        """The toegang sees the HSWV inzet for its municipality, the collective its own, a GI the
        ones it called on the collective for (R-X1, R-P1)."""
        return toegang_of_aanbieder(self, user, aanbieder_veld="collectief_id", verwijzer_veld="verwijzer_id")


#: The field that names an organisation on an HSWV inzet, per kind (R-P4).
_RELATIEVELD = {AANBIEDER: "collectief_id", VERWIJZER: "verwijzer_id"}


def beantwoord_relatievraag(vraag):
    """R-P4, answering ``jeugdigen.gebeurtenissen.Relatievraag``: the children the organisation
    has HSWV deployments for, and those whose deployment runs or ended on or after the window."""
    from jeugdregie.jeugdigen.gebeurtenissen import Relatieantwoord

    from .models import HswvInzet

    inzetten = HswvInzet.objects.filter(**{_RELATIEVELD[vraag.soort]: vraag.organisatie_id})
    loopt = inzetten.filter(models.Q(einddatum__isnull=True) | models.Q(einddatum__gte=vraag.grens))
    return Relatieantwoord(besloten=(inzetten.values("jeugdige_id"),), loopt=(loopt.values("jeugdige_id"),))
