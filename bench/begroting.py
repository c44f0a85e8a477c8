#!/usr/bin/env python
"""Benchmark of the region Budgetbeheersing page (R-V3/R-V4, issue 13 §Performance: ≤ 1 s
server time at national scale). Prints figures; asserts nothing.

    DATABASE_URL=postgres://… .venv/bin/python bench/begroting.py nationaal   # 342 gemeenten, ≈29 M lines
    .venv/bin/python bench/begroting.py regionaal                            # SQLite, ≈1.25 M lines
    .venv/bin/python bench/begroting.py klein                                # does it run, do both agree
    … --hergebruik    keep the database bench/declaraties.py (or an earlier run) loaded

Phases, each in its own process (wall time and peak memory printed):
1. ``laad``: the data set of bench/declaraties.py (bench/declaratiedata.py), plus what that set
   leaves out and budget control reads: one commitment booking per allocation (its ledger's
   ``vastgelegd``, dated its begindatum, as ``budgetten.services.grootboek.bij_toewijzing``
   books it) and a begroting per municipality and budget line.
2. ``ververs``: the nightly job for the region (``standen.ververs``: every approved line and
   booking reduced to months, the forecast, per budget line, per provider and the back-test),
   stored as ``Prognosestand``.
3. ``pagina``: the page a board member of the region opens — server time of
   ``GET /begroting/`` (Django's test client, in process: view, template, chart) over several
   runs; and its data part, the service ``overzicht`` (stored figures + begroting now), against
   a hand-written reference doing the same work (one SQL read of the stored row, one SQL sum of
   the current begroting versions, the same arithmetic in plain Python). Both outcomes are
   compared.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from declaraties import _database, _kind  # bench/ is on sys.path as the script's folder

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def main(schaal: str, hergebruik: bool) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": _database(schaal, hergebruik),
        "DJANGO_SETTINGS_MODULE": "jeugdregie.config.settings.dev",
        "PYTHONPATH": f"{REPO / 'src'}:{REPO}",
    }
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput"], cwd=REPO, env=env, check=True, capture_output=True)
    fase = str(REPO / "bench" / "begrotingfasen.py")
    if not hergebruik:
        subprocess.run([PYTHON, "manage.py", "laad_catalogus"], cwd=REPO, env=env, check=True, capture_output=True)
        seconden, piek = _kind(env, str(REPO / "bench" / "declaratiefasen.py"), "laad", schaal)
        print(f"laden: {seconden:,.0f} s, piekgeheugen {piek:,.0f} MB", flush=True)
    seconden, piek = _kind(env, fase, "aanvullen", schaal)
    print(f"aanvullen (vastleggingen, begrotingen): {seconden:,.0f} s, piekgeheugen {piek:,.0f} MB", flush=True)
    seconden, piek = _kind(env, fase, "ververs", schaal)
    print(f"ververs-fase totaal: {seconden:,.0f} s, piekgeheugen {piek:,.0f} MB", flush=True)
    seconden, piek = _kind(env, fase, "pagina", schaal)
    print(f"pagina-fase totaal: {seconden:,.0f} s, piekgeheugen {piek:,.0f} MB", flush=True)


if __name__ == "__main__":
    argumenten = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(argumenten[0] if argumenten else "regionaal", "--hergebruik" in sys.argv)
