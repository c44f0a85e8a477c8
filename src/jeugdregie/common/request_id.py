"""Gives every request an id (for the audit log and structured logs)."""

from __future__ import annotations

import contextvars
import re
import uuid

from jeugdregie.common.bsnmasker import redact

_current = contextvars.ContextVar("request_id", default="")
_VALID = re.compile(r"[A-Za-z0-9\-]{8,64}")


def current_request_id() -> str:
    return _current.get()


def nieuw_request_id() -> str:
    """A fresh id. Never one with a run of nine digits: the log's BSN filter (R-P3,
    ``common.bsnmasker.redact``) would mask it, and the id would no longer tie a gunicorn line to
    the application's lines and the audit log (found by tests/test_gezondheid_gunicorn.py)."""
    while True:
        kandidaat = uuid.uuid4().hex
        if redact(kandidaat) == kandidaat:
            return kandidaat


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        supplied = request.headers.get("X-Request-ID", "")
        geldig = _VALID.fullmatch(supplied) and redact(supplied) == supplied
        request.request_id = supplied if geldig else nieuw_request_id()
        token = _current.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response["X-Request-ID"] = request.request_id
        return response
