#!/usr/bin/env python
"""Benchmark of the synthetic region generator (issue 2 §7). Prints figures; asserts nothing.

For each scale it makes a fresh database, migrates it, loads the catalog and times
``manage.py genereer_regio --schaal N --seed 42 --peildatum 2026-01-01`` in a child process (the
tests' fixed peildatum, synthese.regio.PEILDATUM, so runs on any day compare), whose peak memory
(max RSS) comes from ``os.wait4``. Without DATABASE_URL it uses a temporary SQLite file; with
a PostgreSQL DATABASE_URL it (re)creates the database ``<name>_bench`` next to it (COPY path).

The run includes the five years of client-route trajectories of IJsselland
(synthese/trajecten.py); their referrals, rows and own seconds are printed separately.
IJsselland keeps its scale-1 size above scale 1, so the trajectories do not grow with it.

    .venv/bin/python bench/genereer_regio.py            # scales 1 and 10
    .venv/bin/python bench/genereer_regio.py 1 10 40    # any scales
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PEILDATUM = "2026-01-01"  # synthese.regio.PEILDATUM (not imported: this script runs without Django)


def _verse_database(schaal: str) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pad = Path(tempfile.mkdtemp(prefix="jeugdregie-bench-")) / f"schaal-{schaal}.sqlite3"
        return f"sqlite:///{pad}"
    import psycopg

    deel = urlparse(url)
    naam = deel.path.lstrip("/") + "_bench"
    with psycopg.connect(urlunparse(deel._replace(path="/postgres")), autocommit=True) as verbinding:
        verbinding.execute(f'DROP DATABASE IF EXISTS "{naam}"')
        verbinding.execute(f'CREATE DATABASE "{naam}"')
    return urlunparse(deel._replace(path=f"/{naam}"))


def _manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=REPO, env=env, check=True, capture_output=True)


def meet(schaal: str) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": _verse_database(schaal),
        "DJANGO_SETTINGS_MODULE": "jeugdregie.config.settings.dev",
    }
    _manage(env, "migrate", "--noinput")
    _manage(env, "laad_catalogus")
    begin = time.perf_counter()
    kind = subprocess.Popen(
        [PYTHON, "manage.py", "genereer_regio", "--schaal", schaal, "--seed", "42", "--peildatum", PEILDATUM],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    uitvoer = kind.stdout.read()
    _, status, gebruik = os.wait4(kind.pid, 0)
    duur = time.perf_counter() - begin
    if status != 0:
        raise SystemExit(f"genereer_regio --schaal {schaal} faalde:\n{uitvoer}")
    totaal = _getal(r"van ([\d,]+)", uitvoer)
    in_zorg = _getal(r"([\d,]+) in zorg", uitvoer)
    trajectrijen = _getal(r"([\d,]+) nieuwe trajectrijen", uitvoer)
    trajecten = re.search(r"trajecten: ([\d,]+) verwijzingen.* rijen in ([\d.]+) s", uitvoer)
    return {
        "schaal": schaal,
        "jeugdigen": totaal,
        "in_zorg": in_zorg,
        "trajectrijen": trajectrijen,
        "verwijzingen": int(trajecten.group(1).replace(",", "")) if trajecten else 0,
        "traject_s": float(trajecten.group(2)) if trajecten else 0.0,
        "seconden": duur,
        "rijen_per_s": (totaal + trajectrijen) / duur,
        "piek_mb": gebruik.ru_maxrss / 1024,
        "database": "PostgreSQL (COPY)" if env["DATABASE_URL"].startswith("postgres") else "SQLite",
    }


def _getal(patroon: str, tekst: str) -> int:
    gevonden = re.search(patroon, tekst)
    return int(gevonden.group(1).replace(",", "")) if gevonden else 0


def main(schalen: list[str]) -> None:
    print(
        f"{'schaal':>6} {'jeugdigen':>11} {'in zorg':>9} {'verwijzingen':>12} {'trajectrijen':>12} "
        f"{'traject s':>9} {'seconden':>9} {'rijen/s':>9} {'piek MB':>8}  database"
    )
    for schaal in schalen:
        r = meet(schaal)
        print(
            f"{r['schaal']:>6} {r['jeugdigen']:>11,} {r['in_zorg']:>9,} {r['verwijzingen']:>12,} "
            f"{r['trajectrijen']:>12,} {r['traject_s']:>9.1f} {r['seconden']:>9.1f} {r['rijen_per_s']:>9,.0f} "
            f"{r['piek_mb']:>8.0f}  {r['database']}",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:] or ["1", "10"])
