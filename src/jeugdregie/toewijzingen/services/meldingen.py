"""Notifications to the providers around an allocation (R-W9); to the referrer: ``verwijzingen``.
Subjects carry ids only, never health data."""

from __future__ import annotations

from jeugdregie.toewijzingen.constants import ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.verwijzingen.constants import MeldingSoort
from jeugdregie.verwijzingen.models import Melding
from jeugdregie.verwijzingen.services.meldingen import maak_melding


def meld_betrokken_aanbieders(toewijzing: Toewijzing, onderwerp: str, *, soort: MeldingSoort) -> list[Melding]:
    """Notify the other providers with a running allocation for the same young person (R-W9); the
    link is the child's page (another provider's allocation is not theirs to open)."""
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
        maak_melding(soort=soort, onderwerp=onderwerp, jeugdige_id=toewijzing.jeugdige_id, aan_aanbieder_id=a)
        for a in aanbieders
    ]
