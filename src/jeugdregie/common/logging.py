"""Structured logging that never carries a BSN (STYLE.md §Writing 12, R-P3).

Code logs ``logger.info("event", extra={"velden": {...}})`` with ids only. As a second line of
defence every message passes ``RedactBsnFilter``, which masks any run of nine digits.
"""

from __future__ import annotations

import logging

from .bsnmasker import redact
from .request_id import current_request_id

__all__ = ["redact"]


class RedactBsnFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = ()
        velden = getattr(record, "velden", None)
        if isinstance(velden, dict):
            record.velden = {k: redact(str(v)) for k, v in velden.items()}
        return True


class KeyValueFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        parts = [
            f"tijd={self.formatTime(record, '%Y-%m-%dT%H:%M:%S')}",
            f"niveau={record.levelname}",
            f"logger={record.name}",
            f"event={record.getMessage()!r}",
        ]
        request_id = current_request_id()
        if request_id:
            parts.append(f"request_id={request_id}")
        for key, value in (getattr(record, "velden", None) or {}).items():
            parts.append(f"{key}={value}")
        if record.exc_info:
            parts.append(redact(self.formatException(record.exc_info)))
        return " ".join(parts)
