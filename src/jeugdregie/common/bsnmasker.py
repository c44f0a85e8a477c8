"""The mask of the log's BSN filter (R-P3), in one place: any run of exactly nine digits. Used by
``common.logging.RedactBsnFilter`` and by ``common.request_id``, which never hands out an id the
mask would change."""

from __future__ import annotations

import re

_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")


def redact(text: str) -> str:
    return _NINE_DIGITS.sub("[BSN?]", text)
