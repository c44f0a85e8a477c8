"""R-P7 for the letters: when the retention job anonymises a child, its letters keep their number,
kind, date and dispatch (the register's history) but lose what identifies the family: the
addressees' names and addresses, the frozen text and the stored PDF. The schema walk of ``bewaring`` blanks text
fields only; this is the rest.

Subscriber of ``bewaring.gebeurtenissen.Geanonimiseerd`` (``abonnementen.IN_TRANSACTIE``): rows
are blanked inside the job's transaction; the files are deleted after its commit, so a rolled
back anonymisation keeps them."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.db import transaction

from ..models import Beschikking, WachtendeBeschikking


def bij_anonimisering(gebeurtenis) -> int:
    """Blank the letters of ``gebeurtenis.jeugdige_id``; returns how many letters it touched."""
    brieven = Beschikking.objects.select_for_update().filter(jeugdige_id=gebeurtenis.jeugdige_id)
    namen = [naam for naam in brieven.values_list("pdf", flat=True) if naam]
    aantal = brieven.update(geadresseerden=[], pdf="", inhoud={})  # no PDF can be rendered again
    WachtendeBeschikking.objects.filter(jeugdige_id=gebeurtenis.jeugdige_id).update(reden="")

    def verwijder() -> None:
        for naam in namen:
            default_storage.delete(naam)

    transaction.on_commit(verwijder, robust=True)
    return aantal
