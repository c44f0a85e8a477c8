"""Structured logging that never carries a BSN (STYLE.md §Writing 12, R-P3).

Code logs ``logger.info("event", extra={"velden": {...}})`` with ids only. As a second line of
defence every message passes ``RedactBsnFilter``, which masks any run of nine digits.
"""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from .bsnmasker import redact
from .request_id import current_request_id

__all__ = ["redact"]

#: Every log line's time is Dutch time with its UTC offset, in every process. Named here, not
#: taken from the process: Django sets ``TZ`` from ``TIME_ZONE`` only in a process that loads the
#: settings, so gunicorn's master (which does not) logged UTC while its workers logged Dutch
#: time. The same zone as ``settings.TIME_ZONE`` (tests/test_logtijd.py checks it).
LOGTIJDZONE = ZoneInfo("Europe/Amsterdam")


class RedactBsnFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = ()
        velden = getattr(record, "velden", None)
        if isinstance(velden, dict):
            record.velden = {k: redact(str(v)) for k, v in velden.items()}
        return True


class KeyValueFormatter(logging.Formatter):
    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        """ISO 8601 in ``LOGTIJDZONE`` with the offset (``2027-03-02T09:14:11+01:00``): the same in
        every process whatever its ``TZ``, and unambiguous in the hour the clocks go back."""
        return datetime.fromtimestamp(record.created, LOGTIJDZONE).isoformat(timespec="seconds")

    def format(self, record: logging.LogRecord) -> str:
        parts = [
            f"tijd={self.formatTime(record)}",
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
