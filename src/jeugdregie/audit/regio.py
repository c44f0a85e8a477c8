"""Issue 22 §5 with R-P2: which rows about young people a region's audit reader sees beyond those
of its own users. The audit app sits below the apps that know young people, so it does not import
them: ``jeugdigen`` registers, when Django starts, the function that gives the condition "the
row's young person lived in the region when the row was written" (an ``Exists`` over the places
of residence, on the row's own date, so a child who moved away is no longer the old region's).
Until one is registered, no region reads rows about a young person beyond its own users' rows
(the safe default)."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Expression

_woonde_in_regio: Callable[[int], Expression] | None = None


def registreer_woonde_in_regio(functie: Callable[[int], Expression]) -> None:
    """Called once by ``jeugdigen.apps``: ``functie(regio_id)`` → a boolean expression over an
    audit row (its ``client_id`` and ``tijdstip``)."""
    global _woonde_in_regio
    _woonde_in_regio = functie


def woonde_in_regio(regio_id: int) -> Expression | None:
    """The registered condition for ``regio_id``, or None when none is registered."""
    return None if _woonde_in_regio is None else _woonde_in_regio(regio_id)
