"""gunicorn's own logs in the project's structured form (gunicorn.conf.py ``logger_class``).

The access log becomes one ``event='http_verzoek'`` line per request with the request id that
``common.request_id`` put on the response, so a line of gunicorn and the application's lines
for the same request share one id. It logs the path, never the query string (a search can
carry a name), and passes the same BSN filter as every other log line (R-P3).
"""

from __future__ import annotations

import logging

from gunicorn.glogging import Logger

from jeugdregie.common.logging import KeyValueFormatter, RedactBsnFilter


def verzonden(resp, methode: str) -> int | str:
    """The body bytes sent. gunicorn counts ``resp.sent`` only for a body it writes itself; a
    file it hands to the kernel with ``sendfile`` (WhiteNoise's static files, through
    ``wsgi.file_wrapper``) is not counted, so those lines said ``bytes=0``. That path sends
    exactly ``Content-Length`` bytes, so a response that carries a body and has a length but
    counted none was sent by ``sendfile``; HEAD, 1xx, 204 and 304 carry no body."""
    sent = getattr(resp, "sent", None)
    if sent is None:
        return "-"
    status = getattr(resp, "status_code", None) or 0
    zonder_inhoud = methode == "HEAD" or status in (204, 304) or 100 <= status < 200
    lengte = getattr(resp, "response_length", None)
    if not sent and lengte and not zonder_inhoud:
        return int(lengte)
    return int(sent)


class Logboek(Logger):
    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(KeyValueFormatter())
                if not any(isinstance(f, RedactBsnFilter) for f in handler.filters):
                    handler.addFilter(RedactBsnFilter())

    def access(self, resp, req, environ, request_time) -> None:
        if not self.access_log_enabled:
            return
        headers = {naam.lower(): waarde for naam, waarde in (resp.headers or [])}
        velden = {
            "methode": req.method,
            "pad": req.path,
            "status": getattr(resp, "status_code", None) or str(resp.status).split(" ")[0],
            "duur_ms": round(request_time.total_seconds() * 1000, 1),
            "bytes": verzonden(resp, req.method),
            "request_id": headers.get("x-request-id", "-"),
        }
        self.access_log.log(logging.INFO, "http_verzoek", extra={"velden": velden})
