"""The audit rows of the scoping mixin (``common/scoping.py``, R-P2): reads and searches of
personal data, and refused attempts. ``settings.JEUGDREGIE_TOEGANGSLOG`` names this module, so
``common`` reaches the audit log without importing this app (common imports no app). The mixin
builds the audit context once per request with ``context_uit_request`` (re-exported here) and
passes it to each of these."""

from __future__ import annotations

from collections.abc import Iterable

from .constants import Actie, Uitkomst
from .context import Toegangscontext, context_uit_request
from .services import jeugdigen_in, log

__all__ = ["context_uit_request", "gelezen", "geweigerd", "gezocht"]


def geweigerd(*, context: Toegangscontext, objecttype: str, details: str, object_id: object = "") -> None:
    """A refused read: the user's role may not use the view, or the object is out of reach."""
    log(
        actie=Actie.LEZEN,
        objecttype=objecttype,
        object_id=object_id,
        context=context,
        uitkomst=Uitkomst.GEWEIGERD,
        details=details,
    )


def gelezen(*, context: Toegangscontext, objecttype: str, object_id: object, jeugdige) -> None:
    """One object read; ``jeugdige`` is the young person it is about (or None)."""
    log(actie=Actie.LEZEN, objecttype=objecttype, object_id=object_id, context=context, jeugdige=jeugdige)


def gezocht(
    *, context: Toegangscontext, objecttype: str, details: str, actie: Actie | None = None, objecten: Iterable = ()
) -> None:
    """A search (default) or an export (``actie=Actie.EXPORTEREN``); the row names the young
    people ``objecten`` contained (R-P6)."""
    log(
        actie=actie or Actie.ZOEKEN,
        objecttype=objecttype,
        context=context,
        details=details,
        jeugdigen=jeugdigen_in(objecten),
    )
