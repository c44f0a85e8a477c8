"""Leases on tasks in the database: why not a Redis lock or ``select_for_update``?

* The embedded default (``./scripts/run``) has no Redis, and SQLite has no ``SELECT … FOR
  UPDATE``; a conditional ``UPDATE`` is atomic on both databases.
* The nightly rebuild runs for minutes in many short transactions of its own; a row lock would
  have to hold one transaction open around them. A lease holds nothing open.

The lease is short (``DUUR``, two minutes, the same for every task) and renewed by a heartbeat
while the work runs (``_Hartslag``, a daemon thread on its own database connection, every
``duur / 4``). A worker that is killed stops renewing, so its lease is free within ``DUUR``.
With ``task_acks_late`` its message is delivered again at once and finds the lease still held
(``bezet``); the task then retries after the lease's remaining time (``tasks._eenmalig``),
carrying the moment it was first tried (``sinds``). On that retry a ``laatste_succes`` (the
moment the last successful run *began*) at or after ``sinds`` means a live holder did the work
with this job's data already committed (``al_gedaan``, nothing done); else the retry
takes the lease and does the work, so a killed worker no longer skips a nightly run. The
services are idempotent, so a rerun of half-done work finishes it.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from jeugdregie.common.sqlitebestand import BESTAND

from .models import Taakslot, Taakuitvoering, Uitkomst

logger = logging.getLogger(__name__)

#: The lease of every task; the heartbeat renews it every quarter of it while the work runs.
DUUR = timedelta(minutes=2)


def neem(taak: str, *, duur: timedelta = DUUR) -> str | None:
    """Take the lease on ``taak`` for ``duur``; the holder's token, or None when another has it."""
    Taakslot.objects.bulk_create([Taakslot(taak=taak)], ignore_conflicts=True)
    nu, token = timezone.now(), uuid.uuid4().hex
    vrij = Q(bezet_tot__isnull=True) | Q(bezet_tot__lt=nu)
    genomen = Taakslot.objects.filter(vrij, taak=taak).update(houder=token, bezet_tot=nu + duur)
    return token if genomen else None


def verleng(taak: str, token: str, *, duur: timedelta = DUUR) -> bool:
    """Renew the lease while ``token`` holds it; False when it was lost (expired and taken)."""
    return bool(Taakslot.objects.filter(taak=taak, houder=token).update(bezet_tot=timezone.now() + duur))


def geef_terug(taak: str, token: str, *, geslaagd: datetime | None) -> None:
    """Free the lease; ``geslaagd`` is when a successful run *began*, stored as the slot's
    ``laatste_succes``: a job first tried at or before that moment is covered by the run (its
    data was committed before the run read anything), one tried after it is not."""
    velden: dict[str, object] = {"houder": "", "bezet_tot": None}
    if geslaagd is not None:
        velden["laatste_succes"] = geslaagd
    Taakslot.objects.filter(taak=taak, houder=token).update(**velden)


def resterend(taak: str) -> timedelta:
    """How long the lease on ``taak`` still runs (zero when free or expired)."""
    bezet_tot = Taakslot.objects.filter(taak=taak).values_list("bezet_tot", flat=True).first()
    if bezet_tot is None:
        return timedelta(0)
    return max(bezet_tot - timezone.now(), timedelta(0))


class _Hartslag(threading.Thread):
    """Renews the lease every ``duur / 4`` until ``stop``; its own connection (Django's
    connections are per thread), closed when it ends. A failed renewal is logged and tried
    again on the next beat: the lease still has three quarters to run."""

    def __init__(self, taak: str, token: str, duur: timedelta) -> None:
        super().__init__(name=f"taakslot-{taak}", daemon=True)
        self.taak, self.token, self.duur = taak, token, duur
        self._klaar = threading.Event()

    def run(self) -> None:
        try:
            while not self._klaar.wait(self.duur.total_seconds() / 4):
                try:
                    with BESTAND:  # not while the rollup's engine reads the SQLite file (common.sqlitebestand)
                        verlengd = verleng(self.taak, self.token, duur=self.duur)
                    if not verlengd:
                        logger.warning("taakslot_kwijt", extra={"velden": {"taak": self.taak}})
                except Exception:
                    logger.exception("taakslot_verlengen_mislukt", extra={"velden": {"taak": self.taak}})
        finally:
            connection.close()

    def stop(self) -> None:
        self._klaar.set()
        self.join()


def eenmaal(
    taak: str, werk: Callable[[], int], *, duur: timedelta = DUUR, sinds: datetime | None = None
) -> dict[str, object]:
    """Run ``werk`` only when this worker holds the lease on ``taak``, renewed while it runs;
    every run is recorded (``Taakuitvoering``): ``klaar`` with what ``werk`` returned
    (messages, months, ledgers …), ``bezet`` (another worker has it; nothing done; the task
    retries), ``al_gedaan`` (``sinds``, when this job was first tried, is at or before the
    task's last success: another worker did it meanwhile) or ``mislukt`` (the exception
    propagates, so Celery can retry)."""
    begonnen = timezone.now()
    if sinds is not None and Taakslot.objects.filter(taak=taak, laatste_succes__gte=sinds).exists():
        return _vastgelegd(taak, begonnen, Uitkomst.AL_GEDAAN)
    token = neem(taak, duur=duur)
    if token is None:
        return _vastgelegd(taak, begonnen, Uitkomst.BEZET)
    uitkomst, aantal = Uitkomst.MISLUKT, 0
    hartslag = _Hartslag(taak, token, duur)
    hartslag.start()
    try:
        aantal = werk()
        uitkomst = Uitkomst.KLAAR
    finally:
        hartslag.stop()
        geef_terug(taak, token, geslaagd=begonnen if uitkomst == Uitkomst.KLAAR else None)
        Taakuitvoering.objects.create(
            taak=taak, begonnen=begonnen, geeindigd=timezone.now(), uitkomst=uitkomst, aantal=aantal
        )
    return {"taak": taak, "uitkomst": uitkomst.value, "aantal": aantal}


def _vastgelegd(taak: str, begonnen: datetime, uitkomst: Uitkomst) -> dict[str, object]:
    Taakuitvoering.objects.create(taak=taak, begonnen=begonnen, geeindigd=begonnen, uitkomst=uitkomst)
    return {"taak": taak, "uitkomst": uitkomst.value, "aantal": 0}
