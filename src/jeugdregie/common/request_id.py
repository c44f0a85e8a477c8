"""Gives every request an id (for the audit log and structured logs)."""

from __future__ import annotations

import contextvars
import re
import uuid

_current = contextvars.ContextVar("request_id", default="")
_VALID = re.compile(r"[A-Za-z0-9\-]{8,64}")


def current_request_id() -> str:
    return _current.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        supplied = request.headers.get("X-Request-ID", "")
        request.request_id = supplied if _VALID.fullmatch(supplied) else uuid.uuid4().hex
        token = _current.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response["X-Request-ID"] = request.request_id
        return response
