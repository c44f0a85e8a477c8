"""Issue 17 §3: every environment variable the settings and gunicorn.conf.py read is documented
in docs/ops/configuratie.md and listed in .env.example; the Dockerfile and compose.yaml describe
the process layout of docs/ops/deployment.md."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_LEZERS = re.compile(r'(?:env_(?:str|bool|list|date)|environ\.get|_getal)\(\s*"([A-Z][A-Z0-9_]+)"')


def _gelezen() -> set[str]:
    bestanden = [*(REPO / "src" / "jeugdregie" / "config").rglob("*.py"), REPO / "gunicorn.conf.py"]
    return {naam for pad in bestanden for naam in _LEZERS.findall(pad.read_text())}


def test_elke_omgevingsvariabele_staat_in_docs_ops_en_env_example():
    gelezen = _gelezen()
    assert {"DJANGO_SECRET_KEY", "JEUGDREGIE_METRICS_TOKEN", "JEUGDREGIE_WEB_WORKERS"} <= gelezen
    docs = (REPO / "docs" / "ops" / "configuratie.md").read_text()
    voorbeeld = (REPO / ".env.example").read_text()
    assert sorted(n for n in gelezen if f"`{n}`" not in docs) == []
    assert sorted(n for n in gelezen if not re.search(rf"^{n}=", voorbeeld, re.MULTILINE)) == []


def test_compose_heeft_de_processen_en_probes_op_de_gezondheidseindpunten():
    import yaml

    compose = yaml.safe_load((REPO / "compose.yaml").read_text())
    diensten = compose["services"]
    assert {"web", "worker", "beat", "postgres", "redis", "migrate"} <= set(diensten)
    assert "/gereedheid/" in " ".join(diensten["web"]["healthcheck"]["test"])
    assert diensten["worker"]["command"][:4] == ["celery", "-A", "jeugdregie", "worker"]
    assert diensten["beat"]["command"][:4] == ["celery", "-A", "jeugdregie", "beat"]
    # the application processes log in as the application role, migrate as the owner (R-P6)
    assert "jeugdregie_app:" in diensten["web"]["environment"]["DATABASE_URL"]
    assert "//jeugdregie:" in diensten["migrate"]["environment"]["DATABASE_URL"]


def test_image_draait_niet_als_root_en_start_gunicorn():
    dockerfile = (REPO / "Dockerfile").read_text()
    assert len(re.findall(r"^FROM ", dockerfile, re.MULTILINE)) == 2
    assert re.search(r"^USER 10001:10001$", dockerfile, re.MULTILINE)
    assert re.search(r'^CMD \["gunicorn"\]$', dockerfile, re.MULTILINE)
    assert "collectstatic" in dockerfile and "/gezondheid/" in dockerfile


def test_productie_weigert_een_te_kort_metrics_token():
    import os
    import subprocess
    import sys

    omgeving = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JEUGDREGIE_", "DATABASE_URL"))}
    omgeving.update(
        DJANGO_SETTINGS_MODULE="jeugdregie.config.settings.production",
        DJANGO_SECRET_KEY="p" * 20 + "-echt-geheim-" + "q" * 30,
        JEUGDREGIE_PSEUDONIEM_SLEUTEL="s" * 40,
        DATABASE_URL="sqlite:////tmp/productie-metrics-token.sqlite3",
        JEUGDREGIE_METRICS_TOKEN="kort",
    )
    code = "import django; django.setup()"
    resultaat = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO / "src", env=omgeving, capture_output=True, text=True, timeout=120
    )
    assert resultaat.returncode != 0
    assert "JEUGDREGIE_METRICS_TOKEN is te kort (minimaal 32 tekens)." in resultaat.stderr
