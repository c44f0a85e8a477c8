"""Liveness, readiness and metrics (issue 17 §4; docs/ops/monitoring.md). Thin: the checks are
``controles``, the exposition ``metrics``. No login (probes carry none), no personal data."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from . import controles, metrics


@require_GET
def gezondheid(request):
    """Liveness: the process answers. No database, so a database outage never makes an
    orchestrator restart healthy web processes."""
    return JsonResponse({"status": "ok"})


@require_GET
def gereedheid(request):
    """Readiness: 200 when every critical check passes, else 503 with the reasons; the result
    is kept for ``JEUGDREGIE_GEREEDHEID_CACHE_SECONDEN`` per process."""
    uitslag = controles.bewaarde_gereedheid()
    inhoud = {
        "status": "gereed" if uitslag.gereed else "niet_gereed",
        "controles": {
            naam: {"ok": u.ok, "kritiek": c.kritiek, **({"reden": u.reden} if u.reden else {}), **u.gegevens}
            for naam, (c, u) in uitslag.uitslagen.items()
        },
    }
    return JsonResponse(inhoud, status=200 if uitslag.gereed else 503)


@require_GET
def metrics_tekst(request):
    """Prometheus exposition, only with ``Authorization: Bearer <JEUGDREGIE_METRICS_TOKEN>``;
    without a configured token the endpoint does not exist (404)."""
    token = settings.JEUGDREGIE_METRICS_TOKEN
    if not token:
        return HttpResponse(status=404)
    gegeven = request.headers.get("Authorization", "")
    if not hmac.compare_digest(gegeven.encode(), f"Bearer {token}".encode()):
        antwoord = HttpResponse(status=401)
        antwoord["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return antwoord
    tekst, soort = metrics.tekst(request.headers.get("Accept", ""))
    return HttpResponse(tekst, content_type=soort)
