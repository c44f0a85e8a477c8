"""The beschikkingen's catch-up (R-D1): after-commit work may fail without undoing the decision
(``common.domein``), so every decision event without a letter is made here: by the subscriber's
neighbours (``bij_contactwijziging``), by ``manage.py maak_beschikkingen`` and the worklist."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef

from jeugdregie.verwijzingen.besluiten import GebeurtenisVastgelegd
from jeugdregie.verwijzingen.models import Gebeurtenis

from ..besluit import is_besluit
from ..constants import SOORT_PER_GEBEURTENIS
from ..models import Beschikking, WachtendeBeschikking
from .maken import maak_beschikking, maak_voor_wachtende

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Inhaalresultaat:
    gemaakt: int
    wachtend: int
    mislukt: int


def bij_gebeurtenis(gebeurtenis: GebeurtenisVastgelegd) -> None:
    """``abonnementen.NA_COMMIT``: a decision event of the route gets its letter (R-D1)."""
    if is_besluit(gebeurtenis.soort):
        maak_beschikking(gebeurtenis_id=gebeurtenis.gebeurtenis_id)


def bij_contactwijziging(gebeurtenis) -> None:
    """``abonnementen.NA_COMMIT`` on ``jeugdigen.ContactGewijzigd``: a waiting letter of this child
    is made now that an address may be known."""
    probeer_wachtende(jeugdige_id=gebeurtenis.jeugdige_id)


def probeer_wachtende(*, jeugdige_id: int) -> int:
    """Retry the waiting letters of one child; returns how many were made."""
    gemaakt = 0
    for wacht in WachtendeBeschikking.objects.filter(jeugdige_id=jeugdige_id, opgelost__isnull=True):
        gemaakt += maak_voor_wachtende(wacht).nieuw
    return gemaakt


def ontbrekend(*, sinds: date | None = None):
    """Decision events without a letter, oldest first (a letter of the same decision made without
    the event row, by the bulk history, counts)."""
    rijen = (
        Gebeurtenis.objects.filter(gebeurtenis__in=list(SOORT_PER_GEBEURTENIS))
        .exclude(pk__in=Beschikking.objects.filter(gebeurtenis__isnull=False).values("gebeurtenis_id"))
        .exclude(
            Exists(
                Beschikking.objects.filter(
                    besluittype=OuterRef("objecttype"),
                    besluit_id=OuterRef("object_id"),
                    gebeurtenissoort=OuterRef("gebeurtenis"),
                )
            )
        )
    )
    if sinds is not None:
        rijen = rijen.filter(tijdstip__date__gte=sinds)
    return rijen.order_by("tijdstip", "id")


def haal_in(*, sinds: date | None = None) -> Inhaalresultaat:
    """Make every missing letter; a failing one is logged and the rest go on."""
    gemaakt = wachtend = mislukt = 0
    for gebeurtenis_id in ontbrekend(sinds=sinds).values_list("pk", flat=True).iterator():
        try:
            uitkomst = maak_beschikking(gebeurtenis_id=gebeurtenis_id)
        except Exception:
            logger.exception("beschikking_mislukt", extra={"velden": {"gebeurtenis_id": gebeurtenis_id}})
            mislukt += 1
            continue
        gemaakt += uitkomst.nieuw
        wachtend += uitkomst.wacht is not None
    return Inhaalresultaat(gemaakt=gemaakt, wachtend=wachtend, mislukt=mislukt)
