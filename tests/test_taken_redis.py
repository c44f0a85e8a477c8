"""Issue 17 part B against a real broker: Redis (scripts/redis.sh, started by scripts/test) and
real ``celery -A jeugdregie worker`` processes. Without CELERY_BROKER_URL these tests skip with
the reason, except in CI (CI=true), where a missing broker is a failure. The worker processes
share the test database, so their test runs on PostgreSQL (the test database of this xdist
worker, e.g. test_jeugdregie_gw0); SQLite's in-memory test database is not visible to them."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings

from jeugdregie import abonnementen
from jeugdregie.beheersing.models import Cijfer, VerouderdePeriode
from jeugdregie.beheersing.services import rollup
from jeugdregie.celery import app
from jeugdregie.taken import tasks
from jeugdregie.taken.models import Taakuitvoering
from jeugdregie.verwijzingen.besluiten import GebeurtenisVastgelegd

from .builders.declaraties import declareer, regel
from .builders.route import gestart

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def broker_url() -> str:
    url = os.environ.get("CELERY_BROKER_URL", "")
    if not url:
        reden = "geen CELERY_BROKER_URL: start Redis met scripts/redis.sh (scripts/test doet dat zelf)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"In CI moeten de Redis-tests draaien: {reden}")
        pytest.skip(reden)
    return url


@pytest.mark.django_db
def test_gereedheid_meldt_bereikbare_redis(client, broker_url):
    with override_settings(JEUGDREGIE_BROKER_INGEBOUWD=False, CELERY_BROKER_URL=broker_url):
        antwoord = client.get("/gereedheid/")
    assert antwoord.status_code == 200
    assert antwoord.json()["controles"]["broker"] == {"ok": True, "kritiek": False, "broker": "redis"}


def _database_url() -> str:
    d = connection.settings_dict
    return f"postgres://{d['USER']}:{d['PASSWORD']}@{d['HOST'] or '127.0.0.1'}:{d['PORT'] or 5432}/{d['NAME']}"


@pytest.fixture
def workers(broker_url, tmp_path):
    """Two real worker processes (one job at a time each) on a queue of this xdist worker only."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "de workerprocessen zien de SQLite-testdatabase (in het geheugen) niet; draait in de PostgreSQL-ronde"
        )
    wachtrij = f"jeugdregie-test-{os.environ.get('PYTEST_XDIST_WORKER', 'gw')}"
    with app.connection_for_write(broker_url) as verbinding:
        verbinding.default_channel.queue_purge(wachtrij)
    omgeving = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src"),
        "DJANGO_SETTINGS_MODULE": "jeugdregie.config.settings.dev",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": broker_url,
        "JEUGDREGIE_VAR_DIR": str(tmp_path),
    }
    processen, logs = [], []
    for nummer in (1, 2):
        log = tmp_path / f"worker{nummer}.log"
        opdracht = [sys.executable, "-m", "celery", "-A", "jeugdregie", "worker", "--pool", "solo", "-Q", wachtrij]
        opdracht += ["-n", f"w{nummer}-{wachtrij}@%h", "--without-mingle", "--without-gossip", "-l", "info"]
        processen.append(
            subprocess.Popen(opdracht, env=omgeving, cwd=REPO, stdout=log.open("w"), stderr=subprocess.STDOUT)
        )
        logs.append(log)
    try:
        grens = time.monotonic() + 90
        while not all("ready." in log.read_text() for log in logs):
            assert time.monotonic() < grens, "workers niet gestart: " + " | ".join(
                log.read_text()[-2000:] for log in logs
            )
            assert all(p.poll() is None for p in processen), " | ".join(log.read_text()[-2000:] for log in logs)
            time.sleep(0.5)
        yield wachtrij, logs
    finally:
        for proces in processen:
            proces.terminate()
        for proces in processen:
            try:
                proces.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proces.kill()


def _wacht_op_runs(taak: str, aantal: int, logs) -> list[tuple[str, int]]:
    grens = time.monotonic() + 120
    while Taakuitvoering.objects.filter(taak=taak).count() < aantal:
        assert time.monotonic() < grens, " | ".join(log.read_text()[-2000:] for log in logs)
        time.sleep(0.5)
    return list(Taakuitvoering.objects.filter(taak=taak).values_list("uitkomst", "aantal"))


@pytest.mark.django_db(transaction=True)
def test_twee_workers_met_dezelfde_wachtrijtaak_rekenen_eenmaal(route, workers, broker_url, monkeypatch):
    """The same rollup job sent twice to two real workers at once: the queued months are
    recomputed once (one run did the work; the other found the lease taken or nothing left)."""
    monkeypatch.setitem(abonnementen.NA_COMMIT, GebeurtenisVastgelegd, [])
    wachtrij, logs = workers
    declareer(route, [regel(gestart(route), "R1", uren="10")])
    rollup.markeer([date(2026, 4, 30)])
    assert VerouderdePeriode.objects.exists()
    with app.connection_for_write(broker_url) as verbinding:
        for _ in range(2):
            tasks.rollup_wachtrij.apply_async(connection=verbinding, queue=wachtrij)
    runs = _wacht_op_runs(tasks.ROLLUP_WACHTRIJ, 2, logs)
    assert len([r for r in runs if r[0] == "klaar" and r[1] > 0]) == 1, runs
    assert all(uitkomst in ("klaar", "bezet") for uitkomst, _ in runs), runs
    assert not VerouderdePeriode.objects.exists()
    assert Cijfer.objects.filter(indicator="KOS01", periode=date(2026, 4, 1)).exists()
    assert sum("Task jeugdregie.rollup_wachtrij" in log.read_text() for log in logs) >= 1
