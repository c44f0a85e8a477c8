"""Issue 17 part B, review: the task lease is short and renewed by a heartbeat while the work
runs, so a killed worker frees its task within minutes; a job that finds the lease taken
retries after the lease's remaining time and then either finds the work done by a live holder
(``al_gedaan``) or takes the lease of a dead one and does the work."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta

import pytest
from celery.exceptions import Retry
from django.utils import timezone

from jeugdregie.taken import slot, tasks
from jeugdregie.taken.models import Taakslot, Taakuitvoering


@pytest.mark.django_db(transaction=True)
def test_hartslag_verlengt_het_slot_zolang_het_werk_loopt():
    """A lease of 0.4 s outlives 1.2 s of work: the heartbeat renews it every 0.1 s; after the
    work the lease is given back and the heartbeat thread has ended."""
    duur = timedelta(seconds=0.4)
    gezien: list[datetime] = []

    def werk() -> int:
        time.sleep(1.2)
        gezien.append(Taakslot.objects.get(taak="proef").bezet_tot)  # type: ignore[arg-type]
        assert slot.neem("proef", duur=duur) is None  # still held by the first
        return 1

    begin = timezone.now()
    uitslag = slot.eenmaal("proef", werk, duur=duur)
    assert uitslag == {"taak": "proef", "uitkomst": "klaar", "aantal": 1}
    assert gezien[0] > begin + timedelta(seconds=1)  # renewed: the first lease ended at begin + 0.4 s
    assert Taakslot.objects.get(taak="proef").bezet_tot is None
    assert not [t for t in threading.enumerate() if t.name == "taakslot-proef"]


@pytest.mark.django_db(transaction=True)
def test_zonder_hartslag_verloopt_het_slot():
    """A holder that stops renewing (a killed worker) loses its lease after ``duur``."""
    assert slot.neem("proef", duur=timedelta(seconds=0.2))
    time.sleep(0.3)
    assert slot.neem("proef", duur=timedelta(seconds=0.2))


def _vang_herhaling(monkeypatch, taak):
    gevraagd: list[dict[str, object]] = []

    def retry(**opties):
        gevraagd.append(opties)
        return Retry("herhaling", when=opties["countdown"])

    monkeypatch.setattr(taak, "retry", retry)
    return gevraagd


def _tel_vrijgaven(monkeypatch) -> list[int]:
    gedaan: list[int] = []

    class Vrijgave:
        grootboeken = 3

    monkeypatch.setattr(tasks, "geef_verlopen_vrij", lambda op: gedaan.append(1) or Vrijgave())
    return gedaan


@pytest.mark.django_db
def test_slot_van_een_gestopte_worker_laat_de_herhaling_het_werk_doen(monkeypatch):
    """The job of a killed worker, delivered again (task_acks_late), finds the dead holder's
    lease; it retries after the remaining lease plus the margin, and the retry does the work."""
    gedaan = _tel_vrijgaven(monkeypatch)
    gevraagd = _vang_herhaling(monkeypatch, tasks.budgetten_vrijgeven)
    assert slot.neem(tasks.BUDGETTEN_VRIJGEVEN)  # the dead holder: never renewed, never given back

    with pytest.raises(Retry):
        tasks.budgetten_vrijgeven()
    assert gedaan == []
    [opties] = gevraagd
    assert slot.DUUR + tasks.MARGE - timedelta(seconds=2) < timedelta(seconds=opties["countdown"])  # type: ignore[arg-type]
    assert timedelta(seconds=opties["countdown"]) <= slot.DUUR + tasks.MARGE  # type: ignore[arg-type]
    assert opties["max_retries"] == tasks.HERHALINGEN_BIJ_BEZET
    sinds = opties["kwargs"]["sinds"]  # type: ignore[index]

    Taakslot.objects.filter(taak=tasks.BUDGETTEN_VRIJGEVEN).update(bezet_tot=timezone.now() - timedelta(seconds=1))
    uitslag = tasks.budgetten_vrijgeven(sinds=sinds)
    assert uitslag == {"taak": tasks.BUDGETTEN_VRIJGEVEN, "uitkomst": "klaar", "aantal": 3}
    assert gedaan == [1]
    assert list(Taakuitvoering.objects.order_by("id").values_list("uitkomst", "aantal")) == [("bezet", 0), ("klaar", 3)]


@pytest.mark.django_db
def test_geslaagde_run_die_na_de_eerste_poging_begon_maakt_de_herhaling_al_gedaan(monkeypatch):
    """While a live worker holds the lease the job retries; a successful run that *began* after
    the job was first tried covers it (its data was there when the run read), so the retry
    records ``al_gedaan`` and does nothing."""
    gedaan = _tel_vrijgaven(monkeypatch)
    gevraagd = _vang_herhaling(monkeypatch, tasks.budgetten_vrijgeven)
    token = slot.neem(tasks.BUDGETTEN_VRIJGEVEN)
    assert token
    with pytest.raises(Retry):
        tasks.budgetten_vrijgeven()
    sinds = gevraagd[0]["kwargs"]["sinds"]  # type: ignore[index]

    slot.geef_terug(tasks.BUDGETTEN_VRIJGEVEN, token, geslaagd=timezone.now())
    uitslag = tasks.budgetten_vrijgeven(sinds=sinds)
    assert uitslag == {"taak": tasks.BUDGETTEN_VRIJGEVEN, "uitkomst": "al_gedaan", "aantal": 0}
    assert gedaan == []
    assert list(Taakuitvoering.objects.order_by("id").values_list("uitkomst", flat=True)) == ["bezet", "al_gedaan"]
    assert Taakslot.objects.get(taak=tasks.BUDGETTEN_VRIJGEVEN).bezet_tot is None


@pytest.mark.django_db
def test_geslaagde_run_die_voor_de_eerste_poging_begon_dekt_de_herhaling_niet(monkeypatch):
    """The holder's run began before the job was first tried (it may have read before the data
    that sent the job was committed): its success does not cover the job, the retry does the
    work itself."""
    gedaan = _tel_vrijgaven(monkeypatch)
    gevraagd = _vang_herhaling(monkeypatch, tasks.budgetten_vrijgeven)
    begonnen = timezone.now() - timedelta(seconds=30)
    token = slot.neem(tasks.BUDGETTEN_VRIJGEVEN)
    assert token
    with pytest.raises(Retry):
        tasks.budgetten_vrijgeven()
    sinds = gevraagd[0]["kwargs"]["sinds"]  # type: ignore[index]

    slot.geef_terug(tasks.BUDGETTEN_VRIJGEVEN, token, geslaagd=begonnen)
    uitslag = tasks.budgetten_vrijgeven(sinds=sinds)
    assert uitslag == {"taak": tasks.BUDGETTEN_VRIJGEVEN, "uitkomst": "klaar", "aantal": 3}
    assert gedaan == [1]
    assert Taakslot.objects.get(taak=tasks.BUDGETTEN_VRIJGEVEN).laatste_succes >= datetime.fromisoformat(sinds)


@pytest.mark.django_db
def test_na_de_laatste_herhaling_laat_de_taak_het_werk_aan_de_houder(monkeypatch):
    """Bounded: after ``HERHALINGEN_BIJ_BEZET`` retries a job that still finds a live holder
    stops asking (recorded ``bezet``); the holder does the job."""
    gevraagd = _vang_herhaling(monkeypatch, tasks.budgetten_vrijgeven)
    assert slot.neem(tasks.BUDGETTEN_VRIJGEVEN)
    tasks.budgetten_vrijgeven.push_request(retries=tasks.HERHALINGEN_BIJ_BEZET)
    try:
        uitslag = tasks.budgetten_vrijgeven(sinds=timezone.now().isoformat())
    finally:
        tasks.budgetten_vrijgeven.pop_request()
    assert uitslag["uitkomst"] == "bezet" and gevraagd == []
