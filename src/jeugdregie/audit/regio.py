"""Issue 22 §5 with R-P2: which young people a region's audit reader may see in the system's own
rows (rows without a user). The audit app sits below the apps that know young people, so it does
not import them: ``jeugdigen`` registers, when Django starts, the function that gives the ids of
the young people who lived in a region (a subquery). Until one is registered, the system's rows
about a young person are shown to no region's reader (the safe default)."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet

_clienten_van_regio: Callable[[int], QuerySet] | None = None


def registreer_clienten_van_regio(functie: Callable[[int], QuerySet]) -> None:
    """Called once by ``jeugdigen.apps``: ``functie(regio_id)`` → a ``values("…")`` queryset of
    the internal ids of the young people with a place of residence in that region."""
    global _clienten_van_regio
    _clienten_van_regio = functie


def clienten_van_regio(regio_id: int) -> QuerySet | None:
    """The registered subquery for ``regio_id``, or None when none is registered."""
    return None if _clienten_van_regio is None else _clienten_van_regio(regio_id)
