"""Issue 16 §5: demo and synthetic data live in a development-only app. The ``synthese`` app
(the synthetic region, the demo users, the demo iJw messages) is installed by the development
and test settings only; production does not install it, and no production package imports it."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "jeugdregie"


def test_productie_installeert_synthese_niet_en_commandos_ontbreken_daar():
    omgeving = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JEUGDREGIE_", "DATABASE_URL"))}
    omgeving.update(
        DJANGO_SETTINGS_MODULE="jeugdregie.config.settings.production",
        DJANGO_SECRET_KEY="p" * 20 + "-echt-geheim-" + "q" * 30,
        JEUGDREGIE_PSEUDONIEM_SLEUTEL="s" * 40,
        DATABASE_URL="sqlite:////tmp/productie-zonder-demo.sqlite3",
    )
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "from django.core.management import get_commands; "
        "print('synthese' in ' '.join(settings.INSTALLED_APPS), "
        "sorted({'genereer_regio', 'maak_demogebruikers', 'demo_code', 'ijw_demo'} & set(get_commands())))"
    )
    resultaat = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO / "src", env=omgeving, capture_output=True, text=True, timeout=120
    )
    assert resultaat.returncode == 0, resultaat.stderr
    assert resultaat.stdout.strip().splitlines()[-1] == "False []"


def test_geen_productiepakket_importeert_synthese():
    importeurs = []
    for pad in SRC.rglob("*.py"):
        if "synthese" in pad.relative_to(SRC).parts[:1]:
            continue
        for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
            namen = []
            if isinstance(knoop, ast.ImportFrom) and knoop.module:
                namen = [knoop.module]
            elif isinstance(knoop, ast.Import):
                namen = [a.name for a in knoop.names]
            if any(n == "jeugdregie.synthese" or n.startswith("jeugdregie.synthese.") for n in namen):
                importeurs.append(str(pad.relative_to(SRC)))
    assert importeurs == []
