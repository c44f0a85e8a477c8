"""Issue 17 item 5, the short version of the multi-process proof: ``bench/meerproces.py --kort``
(two gunicorn instances, two Celery workers and beat on one PostgreSQL and one Redis, ≈20 s of
mixed locust traffic through both servers). Asserts the post-conditions the bench checks —
every declaration and JW323 taken in exactly once, replays created nothing, the ledger
invariants, the outbox made every decision into exactly one message — and zero 5xx answers.
Never a latency: the figures are printed, not asserted (bench/meerproces.py for the full run).

Needs PostgreSQL (the bench makes its own database ``<test database>_meerproces`` next to the
test database) and Redis (CELERY_BROKER_URL; the bench uses its database 9). It skips in the
SQLite round; without Redis it skips, except in CI (CI=true), where that is a failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

REPO = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.slow, pytest.mark.meerproces]


def _ontbreekt(reden: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"In CI moet de meerprocesproef draaien: {reden}")
    pytest.skip(reden)


def test_twee_servers_en_twee_workers_verwerken_alles_precies_eenmaal(tmp_path):
    if connection.vendor != "postgresql":  # the SQLite round: the PostgreSQL round runs it
        pytest.skip("vraagt PostgreSQL; draait in de PostgreSQL-ronde van scripts/test")
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not broker.startswith("redis"):
        _ontbreekt("geen CELERY_BROKER_URL (Redis): start Redis met scripts/redis.sh (scripts/test doet dat zelf)")
    d = connection.settings_dict
    database = f"postgres://{d['USER']}:{d['PASSWORD']}@{d['HOST'] or '127.0.0.1'}:{d['PORT'] or 5432}/{d['NAME']}"
    omgeving = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JEUGDREGIE_"))}
    omgeving.update(DATABASE_URL=database, CELERY_BROKER_URL=broker)
    uit = subprocess.run(
        [sys.executable, "bench/meerproces.py", "--kort", "--bewaar", str(tmp_path)],
        cwd=REPO,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=600,
    )
    print(uit.stdout)  # the table, for whoever reads the test output (-s)
    assert (tmp_path / "samenvatting.json").exists(), uit.stdout[-4000:] + uit.stderr[-4000:]
    samenvatting = json.loads((tmp_path / "samenvatting.json").read_text())
    assert samenvatting["controle"] == 0, uit.stdout[-4000:] + uit.stderr[-2000:]
    assert samenvatting["5xx"] == 0, uit.stdout[-4000:]
    assert "Goed: precies één keer verwerkt" in uit.stdout
    assert uit.returncode == 0, uit.stdout[-4000:] + uit.stderr[-2000:]
