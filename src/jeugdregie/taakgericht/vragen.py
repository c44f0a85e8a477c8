"""The assignments' answer to the register's question (``common.domein.vraag``;
``jeugdregie/abonnementen.py``): R-P4 for the opdrachtnemer."""

from __future__ import annotations

from django.db import models

from jeugdregie.jeugdigen.gebeurtenissen import Relatieantwoord
from jeugdregie.jeugdigen.policies import AANBIEDER

from .models import Zorgperiode


def beantwoord_relatievraag(vraag) -> Relatieantwoord:
    """The children the provider reported care for under its assignments, and those whose care
    runs or stopped on or after the window (``grens``). A referral alone grants nothing."""
    if vraag.soort != AANBIEDER:
        return Relatieantwoord(besloten=(), loopt=())
    perioden = Zorgperiode.objects.filter(opdracht__aanbieder_id=vraag.organisatie_id)
    loopt = perioden.filter(models.Q(einddatum__isnull=True) | models.Q(einddatum__gte=vraag.grens))
    return Relatieantwoord(besloten=(perioden.values("jeugdige_id"),), loopt=(loopt.values("jeugdige_id"),))
