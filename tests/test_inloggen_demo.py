"""The demo stays easy to enter with two factors on (R-P5), and production cannot switch them off."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import Client

from jeugdregie.synthese.regio import PEILDATUM, genereer_regio

REPO = Path(__file__).resolve().parents[1]


def test_demologins_tonen_sleutel_en_de_code_laat_inloggen(catalogus):
    """R-P5: maak_demogebruikers prints each demo user's authenticator key (the same on every run);
    demo_code gives the current code, and with it a newcomer passes both factors."""
    genereer_regio(peildatum=PEILDATUM, schaal=0.01, seed=42, melden=lambda _: None, met_trajecten=False)
    uit = StringIO()
    call_command("maak_demogebruikers", stdout=uit)
    regel = next(r for r in uit.getvalue().splitlines() if r.strip().startswith("toegang "))
    geheim = re.search(r"\b([A-Z2-7]{32})\b", regel).group(1)
    assert "demo_code <gebruikersnaam>" in uit.getvalue()
    opnieuw = StringIO()
    call_command("maak_demogebruikers", stdout=opnieuw)
    assert geheim in opnieuw.getvalue()

    client = Client()
    client.post("/inloggen/", {"username": "toegang", "password": "demo-toegang-2026"})
    assert client.get("/jeugdigen/")["Location"].startswith("/inloggen/tweede-factor/?next=")
    code = StringIO()
    call_command("demo_code", "toegang", stdout=code)
    antwoord = client.post("/inloggen/tweede-factor/", {"code": code.getvalue().strip(), "next": "/jeugdigen/"})
    assert antwoord["Location"] == "/jeugdigen/"
    assert client.get("/jeugdigen/").status_code == 200


def test_productie_weigert_zonder_tweede_factor():
    """R-P5: production settings refuse to start with two factors switched off."""
    basis = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JEUGDREGIE_", "DATABASE_URL"))}
    basis.update(
        DJANGO_SETTINGS_MODULE="jeugdregie.config.settings.production",
        DJANGO_SECRET_KEY="p" * 20 + "-echt-geheim-" + "q" * 30,
        JEUGDREGIE_PSEUDONIEM_SLEUTEL="s" * 40,
        DATABASE_URL="sqlite:////tmp/x.sqlite3",
        JEUGDREGIE_TWEE_FACTOREN="nee",
    )
    resultaat = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=REPO, env=basis, capture_output=True, text=True, timeout=120
    )
    assert resultaat.returncode != 0
    assert "JEUGDREGIE_TWEE_FACTOREN staat uit; in productie is de tweede factor verplicht." in resultaat.stderr
