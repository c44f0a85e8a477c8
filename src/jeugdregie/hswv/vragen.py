"""HSWV's answer to the register's question (``common.domein.vraag``; ``jeugdregie/abonnementen.py``)."""

from __future__ import annotations

from django.db import models

from jeugdregie.hswv.models import HswvInzet
from jeugdregie.jeugdigen.gebeurtenissen import Relatieantwoord
from jeugdregie.verwijzingen.policies import AANBIEDER, VERWIJZER


def beantwoord_relatievraag(vraag):
    """R-P4, answering ``jeugdigen.gebeurtenissen.Relatievraag``: the children the organisation
    has HSWV deployments for, and those whose deployment runs or ended on or after the window."""

    inzetten = HswvInzet.objects.filter(**{_RELATIEVELD[vraag.soort]: vraag.organisatie_id})
    loopt = inzetten.filter(models.Q(einddatum__isnull=True) | models.Q(einddatum__gte=vraag.grens))
    return Relatieantwoord(besloten=(inzetten.values("jeugdige_id"),), loopt=(loopt.values("jeugdige_id"),))


#: The field that names an organisation on an HSWV inzet, per kind (R-P4).
_RELATIEVELD = {AANBIEDER: "collectief_id", VERWIJZER: "verwijzer_id"}
