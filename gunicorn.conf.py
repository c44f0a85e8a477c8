"""gunicorn configuration for Jeugdregie (issue 17; docs/ops/configuratie.md).

gunicorn reads ``./gunicorn.conf.py`` from the directory it starts in, so ``gunicorn`` from the
repository root (scripts/run) or /app (the container image) needs no arguments. Every value
comes from the environment with a default; a command-line flag still wins.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
from pathlib import Path

_REPO = Path(__file__).resolve().parent
sys.path.insert(0, str(_REPO / "src"))  # the workers inherit it: jeugdregie.config.wsgi imports

from jeugdregie.config.gunicorn_logboek import Logboek  # noqa: E402


def _getal(naam: str, standaard: int) -> int:
    waarde = os.environ.get(naam, "")
    return int(waarde) if waarde.strip() else standaard


wsgi_app = "jeugdregie.config.wsgi:application"
bind = [os.environ.get("JEUGDREGIE_BIND") or "127.0.0.1:8000"]
# gunicorn's advice: (2 x cores) + 1 synchronous workers. Threads stay 1 unless set: the
# database connection and the request-id context are per thread either way.
workers = _getal("JEUGDREGIE_WEB_WORKERS", multiprocessing.cpu_count() * 2 + 1)
threads = _getal("JEUGDREGIE_WEB_THREADS", 1)
# Exports, uploads of a large declaration file and a first scorecard can take a while.
timeout = _getal("JEUGDREGIE_WEB_TIMEOUT", 120)
graceful_timeout = _getal("JEUGDREGIE_WEB_GRACEFUL_TIMEOUT", 30)
keepalive = _getal("JEUGDREGIE_WEB_KEEPALIVE", 5)
# A worker is replaced after this many requests (0 = never): bounds slow memory growth.
max_requests = _getal("JEUGDREGIE_WEB_MAX_REQUESTS", 1000)
max_requests_jitter = max(max_requests // 10, 0)
# Request headers and line are bounded (defaults of gunicorn, stated here on purpose).
limit_request_line = 4094
limit_request_fields = 100

# gunicorn's control socket (gunicornc) is not used: it would sit in $HOME, shared by every
# instance of one user (the test starts its own beside a running demo).
control_socket_disable = True

# Logs: both to stderr/stdout in the project's key=value form (config/gunicorn_logboek.py).
logger_class = Logboek
accesslog = "-" if os.environ.get("JEUGDREGIE_WEB_ACCESSLOG", "ja").lower() not in {"nee", "no", "0", "false"} else None
errorlog = "-"
loglevel = os.environ.get("JEUGDREGIE_WEB_LOGLEVEL", "info")

# Metrics across workers (gezondheid/metrics.py): every worker writes its values to files in
# PROMETHEUS_MULTIPROC_DIR and a scrape adds them up. The variable must be set before a worker
# imports prometheus_client, so it is set here, in the master, before the workers fork.
_METRICS = Path(os.environ.get("PROMETHEUS_MULTIPROC_DIR") or _REPO / "var" / "prometheus")
os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(_METRICS)


def on_starting(server) -> None:
    """Values of an earlier run would be added to this one's: start from an empty directory."""
    if _METRICS.exists():
        for pad in _METRICS.iterdir():
            if pad.is_file() and pad.suffix == ".db":
                pad.unlink()
            elif pad.is_dir():
                shutil.rmtree(pad)
    _METRICS.mkdir(parents=True, exist_ok=True)


def child_exit(server, worker) -> None:
    """A worker that ends takes its live gauges with it (its counters stay in the sum)."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
