"""Notifications to organisations (R-S3, R-H3). Subjects carry ids only, never health data."""

from __future__ import annotations

from jeugdregie.verwijzingen.models import Melding, Verwijzing


def meld_verwijzer(verwijzing: Verwijzing, onderwerp: str) -> Melding:
    """Notify the initial referrer: the GP or GI if there was one, else the toegang."""
    if verwijzing.verwijzer_id:
        return Melding.objects.create(
            jeugdige_id=verwijzing.jeugdige_id, aan_verwijzer_id=verwijzing.verwijzer_id, onderwerp=onderwerp
        )
    return Melding.objects.create(
        jeugdige_id=verwijzing.jeugdige_id, aan_gemeente_id=verwijzing.gemeente_id, onderwerp=onderwerp
    )
