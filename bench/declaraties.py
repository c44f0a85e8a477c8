#!/usr/bin/env python
"""Benchmarks W2 and W4 of issue 4 §10, made fair by issue 18 §3. Prints figures; asserts nothing.

    .venv/bin/python bench/declaraties.py regionaal          # SQLite, ≈1.25 M lines
    DATABASE_URL=postgres://… .venv/bin/python bench/declaraties.py nationaal   # ≈29 M lines
    .venv/bin/python bench/declaraties.py klein              # 2,000 young people: does it run, do both agree
    … --jit=aan                                               # PostgreSQL's JIT on for both sides (default off)
    … --herhaal=3                                             # best of three rounds per side (default 1)

Each phase runs in its own child process, whose wall time and peak memory (max RSS, from
``os.wait4``) are printed:
1. ``laad``: a fresh database (a temporary SQLite file, or ``<name>_<schaal>`` next to the
   PostgreSQL DATABASE_URL), migrated, the catalog, then bench/declaratiedata.py.
2. ``w2``: the 2027-01 lines (≈500 k nationally) validated by the application's service
   (``verwerk_declaraties``) and, on PostgreSQL, by one hand-written SQL statement doing the same
   checks and writes on the same input. Both commit, from the same database state (what one side
   wrote is undone, untimed, before the next), with the same ``jit`` setting (``SET jit`` on the
   one connection both use). Two rows: all declarations at once (the service per queue of 250,
   the statement once) and one declaration per call (as uploads and API calls deliver them; the
   statement once per declaration). Outcomes (count per rejection code) are printed side by side.
3. ``w4``: payment batches for 2027-02 (the month the 2027-01 lines were submitted) for every
   municipality by the service (``betalingen.services.batch.maak_batch``), against a hand-written
   statement per municipality doing the same writes (link, posts, totals, event row) — on
   PostgreSQL. Both commit, as a payment batch must; the statement rolled back is printed too.

Each phase prints an ``eerlijkheid:`` block: what both sides do, the settings, what is counted.

``--hergebruik`` keeps an existing loaded database (skips ``laad``; w2 needs a database on
which w2 has not run yet, so it is for w4 or to re-run on a copy).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def _database(schaal: str, hergebruik: bool) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        if schaal == "nationaal":
            raise SystemExit("De nationale schaal vraagt PostgreSQL: zet DATABASE_URL.")
        pad = Path(tempfile.gettempdir()) / f"jeugdregie-bench-declaraties-{schaal}.sqlite3"
        if not hergebruik:
            pad.unlink(missing_ok=True)
        return f"sqlite:///{pad}"
    import psycopg

    deel = urlparse(url)
    naam = f"{deel.path.lstrip('/')}_{schaal}"
    if not hergebruik:
        with psycopg.connect(urlunparse(deel._replace(path="/postgres")), autocommit=True) as verbinding:
            verbinding.execute(f'DROP DATABASE IF EXISTS "{naam}"')
            verbinding.execute(f'CREATE DATABASE "{naam}"')
    return urlunparse(deel._replace(path=f"/{naam}"))


def _kind(env: dict, *args: str) -> tuple[float, float]:
    """Run a phase in a child process; returns (seconds, peak MB)."""
    begin = time.perf_counter()
    kind = subprocess.Popen([PYTHON, *args], cwd=REPO, env=env)
    _, status, gebruik = os.wait4(kind.pid, 0)
    if status != 0:
        raise SystemExit(f"{' '.join(args)} faalde (status {status})")
    return time.perf_counter() - begin, gebruik.ru_maxrss / 1024


def main(schaal: str, hergebruik: bool, jit: str, herhaal: str) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": _database(schaal, hergebruik),
        "DJANGO_SETTINGS_MODULE": "jeugdregie.config.settings.dev",
        "PYTHONPATH": f"{REPO / 'src'}:{REPO}",
    }
    fase = str(REPO / "bench" / "declaratiefasen.py")
    if not hergebruik:
        for args in (("migrate", "--noinput"), ("laad_catalogus",)):
            subprocess.run([PYTHON, "manage.py", *args], cwd=REPO, env=env, check=True, capture_output=True)
        seconden, piek = _kind(env, fase, "laad", schaal)
        print(f"laden: {seconden:,.0f} s, piekgeheugen {piek:,.0f} MB", flush=True)
        seconden, piek = _kind(env, fase, "w2", schaal, jit, herhaal)
        print(f"W2-fase totaal (incl. voorbereiding): {seconden:,.0f} s, piekgeheugen {piek:,.0f} MB", flush=True)
    seconden, piek = _kind(env, fase, "w4", schaal, jit, herhaal)
    print(f"W4-fase totaal: {seconden:,.0f} s, piekgeheugen {piek:,.0f} MB", flush=True)


if __name__ == "__main__":
    argumenten = [a for a in sys.argv[1:] if not a.startswith("--")]
    jit = "aan" if "--jit=aan" in sys.argv else "uit"
    herhaal = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--herhaal=")), "1")
    main(argumenten[0] if argumenten else "regionaal", "--hergebruik" in sys.argv, jit, herhaal)
