"""The explicit registry of inbound handlers: message type -> handler function. Each handler
module is imported when its type first arrives, so the modules stay independent."""

from __future__ import annotations

from collections.abc import Callable

from ..constants import Berichttype
from .basis import Inkomend, Uitkomst


def verwerker(berichttype: str) -> Callable[[Inkomend], Uitkomst]:
    berichttype = Berichttype(berichttype)
    if berichttype == Berichttype.JW305:
        from .jw305 import verwerk
    elif berichttype == Berichttype.JW307:
        from .jw307 import verwerk
    elif berichttype == Berichttype.JW315:
        from .jw315 import verwerk
    elif berichttype == Berichttype.JW317:
        from .jw317 import verwerk
    elif berichttype == Berichttype.JW323:
        from .jw323 import verwerk
    else:
        raise KeyError(berichttype)
    return verwerk
