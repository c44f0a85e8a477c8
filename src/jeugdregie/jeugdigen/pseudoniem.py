"""Keyed pseudonym for analytics (R-P3): HMAC-SHA256 over the BSN.

The key comes from the environment (``JEUGDREGIE_PSEUDONIEM_SLEUTEL``) and is never stored in
the database; without it the pseudonym cannot be linked back to a BSN.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


def pseudoniem(bsn: str) -> str:
    sleutel = settings.PSEUDONIEM_SLEUTEL.encode()
    return hmac.new(sleutel, bsn.encode("ascii"), hashlib.sha256).hexdigest()[:32]
