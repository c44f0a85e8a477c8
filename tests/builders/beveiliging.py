"""Runs `check --deploy` with production settings in a subprocess. Moved from tests/test_beveiliging.py."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _production_check(**env):
    basis = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JEUGDREGIE_", "DATABASE_URL"))}
    basis.update(DJANGO_SETTINGS_MODULE="jeugdregie.config.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=basis,
        capture_output=True,
        text=True,
        timeout=120,
    )
