"""Metrics in Prometheus format (issue 17 §4) with ``prometheus_client``.

Several gunicorn workers each count their own requests. With ``PROMETHEUS_MULTIPROC_DIR`` set
(gunicorn.conf.py sets it and wipes it at start; the Dockerfile sets it too) every worker
writes its values to files there and the scrape adds them up (``MultiProcessCollector``), so
one scrape of any worker shows the whole server. Without it (tests, ``manage.py runserver``)
the process's own registry is shown.

Labels are the URL *name* (``jeugdigen:detail``), never the path: a path carries ids, and one
label value per id would grow without bound.
"""

from __future__ import annotations

import os
import time

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, multiprocess
from prometheus_client.exposition import choose_encoder

VERZOEKEN = Counter(
    "jeugdregie_http_verzoeken",
    "HTTP-verzoeken per route, methode en statuscode.",
    ["route", "methode", "status"],
)
DUUR = Histogram(
    "jeugdregie_http_duur_seconden",
    "Servertijd per HTTP-verzoek per route.",
    ["route"],
    buckets=(0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5, 10, 30, 60),
)
_METHODEN = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def registreer(*, route: str, methode: str, status: int, duur: float) -> None:
    methode = methode if methode in _METHODEN else "ANDERS"  # bounded label values
    VERZOEKEN.labels(route=route, methode=methode, status=str(status)).inc()
    DUUR.labels(route=route).observe(duur)


def tekst(accept: str = "") -> tuple[bytes, str]:
    """The exposition of every worker (multiprocess mode) or of this process, in the format the
    scraper asks for (``Accept``: Prometheus text 0.0.4 by default, or OpenMetrics)."""
    registry = REGISTRY
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    encoder, soort = choose_encoder(accept)
    return encoder(registry), soort


class MetricsMiddleware:
    """Counts and times every request that reaches Django (first in MIDDLEWARE, so redirects
    and refusals by later middleware count too; static files served by WhiteNoise count as
    route ``statisch``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        begin = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is not None:
            route = match.view_name
        elif request.path.startswith("/static/"):
            route = "statisch"
        else:
            route = "onbekend"
        duur = time.perf_counter() - begin
        registreer(route=route, methode=request.method or "", status=response.status_code, duur=duur)
        return response
