"""Leases on tasks in the database: why not a Redis lock or ``select_for_update``?

* The embedded default (``./scripts/run``) has no Redis, and SQLite has no ``SELECT … FOR
  UPDATE``; a conditional ``UPDATE`` is atomic on both databases.
* The nightly rebuild runs for minutes in many short transactions of its own; a row lock would
  have to hold one transaction open around them. A lease holds nothing open.
* The lease expires (``duur``): a worker killed mid-run frees its task for the next beat tick.
  ``task_acks_late`` redelivers its message; the services are idempotent, so the rerun finishes.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from .models import Taakslot, Taakuitvoering, Uitkomst


def neem(taak: str, *, duur: timedelta) -> str | None:
    """Take the lease on ``taak`` for ``duur``; the holder's token, or None when another has it."""
    Taakslot.objects.bulk_create([Taakslot(taak=taak)], ignore_conflicts=True)
    nu, token = timezone.now(), uuid.uuid4().hex
    vrij = Q(bezet_tot__isnull=True) | Q(bezet_tot__lt=nu)
    genomen = Taakslot.objects.filter(vrij, taak=taak).update(houder=token, bezet_tot=nu + duur)
    return token if genomen else None


def geef_terug(taak: str, token: str, *, geslaagd: bool) -> None:
    velden: dict[str, object] = {"houder": "", "bezet_tot": None}
    if geslaagd:
        velden["laatste_succes"] = timezone.now()
    Taakslot.objects.filter(taak=taak, houder=token).update(**velden)


def eenmaal(taak: str, werk: Callable[[], int], *, duur: timedelta) -> dict[str, object]:
    """Run ``werk`` only when this worker holds the lease on ``taak``; every run is recorded
    (``Taakuitvoering``): ``klaar`` with what ``werk`` returned (messages, months, ledgers …),
    ``bezet`` (another worker has it; nothing done) or ``mislukt`` (the exception propagates,
    so Celery can retry)."""
    begonnen = timezone.now()
    token = neem(taak, duur=duur)
    if token is None:
        Taakuitvoering.objects.create(taak=taak, begonnen=begonnen, geeindigd=begonnen, uitkomst=Uitkomst.BEZET)
        return {"taak": taak, "uitkomst": Uitkomst.BEZET.value, "aantal": 0}
    uitkomst, aantal = Uitkomst.MISLUKT, 0
    try:
        aantal = werk()
        uitkomst = Uitkomst.KLAAR
    finally:
        geef_terug(taak, token, geslaagd=uitkomst == Uitkomst.KLAAR)
        Taakuitvoering.objects.create(
            taak=taak, begonnen=begonnen, geeindigd=timezone.now(), uitkomst=uitkomst, aantal=aantal
        )
    return {"taak": taak, "uitkomst": uitkomst.value, "aantal": aantal}
