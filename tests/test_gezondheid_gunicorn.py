"""Issue 17 §1: the project's gunicorn configuration serves the application. Starts gunicorn with
``gunicorn.conf.py`` (two workers) on a free loopback port as a subprocess, asks liveness, the
login page, readiness and the metrics summed over both workers, reads its structured access
log, and stops it."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

REPO = Path(__file__).resolve().parents[1]
TOKEN = "m" * 40

pytestmark = pytest.mark.slow


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _vraag(url: str, **headers: str) -> tuple[int, dict[str, str], str]:
    verzoek = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(verzoek, timeout=30) as antwoord:
            return antwoord.status, dict(antwoord.headers), antwoord.read().decode()
    except urllib.error.HTTPError as fout:
        return fout.code, dict(fout.headers), fout.read().decode()


def _aantal(tekst: str) -> float:
    for familie in text_string_to_metric_families(tekst):
        for monster in familie.samples:
            if monster.name == "jeugdregie_http_verzoeken_total" and monster.labels == {
                "route": "gezondheid:gezondheid",
                "methode": "GET",
                "status": "200",
            }:
                return monster.value
    return 0.0


@pytest.fixture
def gunicorn(tmp_path):
    poort = _vrije_poort()
    omgeving = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JEUGDREGIE_", "DATABASE_URL"))}
    omgeving.update(
        DJANGO_SETTINGS_MODULE="jeugdregie.config.settings.test",
        JEUGDREGIE_VAR_DIR=str(tmp_path),  # an empty SQLite database: nothing migrated
        PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "prometheus"),
        JEUGDREGIE_METRICS_TOKEN=TOKEN,
        JEUGDREGIE_WEB_WORKERS="2",
    )
    log = tmp_path / "gunicorn.log"
    with log.open("w") as uitvoer:
        proces = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{poort}"],
            cwd=REPO,
            env=omgeving,
            stdout=uitvoer,
            stderr=subprocess.STDOUT,
        )
    basis = f"http://127.0.0.1:{poort}"
    try:
        einde = time.monotonic() + 90
        while True:
            assert proces.poll() is None, log.read_text()
            try:
                if _vraag(f"{basis}/gezondheid/")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < einde, "gunicorn antwoordde niet binnen 90 s:\n" + log.read_text()
            time.sleep(0.5)
        yield basis, log
    finally:
        proces.send_signal(signal.SIGTERM)
        try:
            proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait()
    assert proces.returncode == 0, log.read_text()


def test_gunicorn_met_projectconfiguratie_dient_gezondheid_en_inlogpagina(gunicorn):
    basis, log = gunicorn
    status, headers, inhoud = _vraag(f"{basis}/gezondheid/")
    assert (status, inhoud) == (200, '{"status": "ok"}')
    request_id = headers["X-Request-ID"]

    status, _, inhoud = _vraag(f"{basis}/inloggen/")
    assert status == 200 and 'name="username"' in inhoud

    # the empty database of this server is not migrated: readiness says so
    status, _, inhoud = _vraag(f"{basis}/gereedheid/")
    assert status == 503 and '"niet_gereed"' in inhoud and "nog niet uitgevoerd" in inhoud

    # one access-log line per request, structured, with the request id of the response; the worker
    # writes it after the response, so wait for it (a loaded machine took longer than 0.5 s)
    regels: list[str] = []
    tot = time.monotonic() + 15
    while not regels and time.monotonic() < tot:
        time.sleep(0.2)
        regels = [r for r in log.read_text().splitlines() if f"request_id={request_id}" in r]
    time.sleep(0.5)  # a second line for the same request would have been written by now
    regels = [r for r in log.read_text().splitlines() if f"request_id={request_id}" in r]
    assert len(regels) == 1
    verwacht = r"logger=gunicorn\.access event='http_verzoek' methode=GET pad=/gezondheid/ status=200 "
    assert re.search(verwacht, regels[0])

    # master and workers log one clock: Dutch time with its offset (the master loads no Django
    # settings, so it used to log UTC whatever the workers did)
    alles = log.read_text().splitlines()
    meester = next(r for r in alles if "Starting gunicorn" in r)
    offsets = {m.group(1) for r in alles if (m := re.match(r"tijd=\S+T\d\d:\d\d:\d\d([+-]\d\d:\d\d) ", r))}
    assert re.match(r"tijd=\S+([+-]\d\d:\d\d) ", meester) and len(offsets) == 1, alles
    assert offsets <= {"+01:00", "+02:00"}


def test_metrics_tellen_over_alle_gunicorn_werkers(gunicorn):
    basis, _ = gunicorn
    status, _, voor = _vraag(f"{basis}/metrics", Authorization=f"Bearer {TOKEN}")
    assert status == 200
    for _ in range(10):
        assert _vraag(f"{basis}/gezondheid/")[0] == 200
    assert _vraag(f"{basis}/metrics")[0] == 401
    _, _, na = _vraag(f"{basis}/metrics", Authorization=f"Bearer {TOKEN}")
    assert _aantal(na) - _aantal(voor) == 10
