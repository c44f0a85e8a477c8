"""Notifications to organisations (R-S3, R-H3). Subjects carry ids only, never health data."""

from __future__ import annotations

from ..constants import ToewijzingStatus
from ..models import Melding, Toewijzing, Verwijzing


def meld_verwijzer(verwijzing: Verwijzing, onderwerp: str) -> Melding:
    """Notify the initial referrer: the GP or GI if there was one, else the toegang."""
    if verwijzing.verwijzer_id:
        return Melding.objects.create(
            jeugdige_id=verwijzing.jeugdige_id, aan_verwijzer_id=verwijzing.verwijzer_id, onderwerp=onderwerp
        )
    return Melding.objects.create(
        jeugdige_id=verwijzing.jeugdige_id, aan_gemeente_id=verwijzing.gemeente_id, onderwerp=onderwerp
    )


def meld_betrokken_aanbieders(toewijzing: Toewijzing, onderwerp: str) -> list[Melding]:
    """Notify the other providers with a running allocation for the same young person (R-W9)."""
    aanbieders = (
        Toewijzing.objects.filter(
            jeugdige_id=toewijzing.jeugdige_id,
            status__in=[ToewijzingStatus.TOEGEWEZEN, ToewijzingStatus.GESTART],
        )
        .exclude(aanbieder_id=toewijzing.aanbieder_id)
        .values_list("aanbieder_id", flat=True)
        .distinct()
    )
    return [
        Melding.objects.create(jeugdige_id=toewijzing.jeugdige_id, aan_aanbieder_id=a, onderwerp=onderwerp)
        for a in aanbieders
    ]
