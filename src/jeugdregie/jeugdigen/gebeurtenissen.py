"""The young person's typed domain events and questions (issue 16 §1; ``common.domein``). Who
listens to what and who answers: ``jeugdregie/abonnementen.py``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class ContactGewijzigd:
    """The toegang changed a young person's address or phone numbers (``services_contact``); after
    the commit the iJw outbox sends what waited for them (issue 15 §2)."""

    jeugdige_id: int


@dataclass(frozen=True)
class Verhuisd:
    """R-D3: the young person's residence moved to another municipality from ``per`` (the
    moving day, its first day there). Published inside the move's transaction; a handover
    (``overdracht``) opens for running ambulant care in the same transaction."""

    jeugdige_id: int
    van_gemeente_id: int
    naar_gemeente_id: int
    per: date


@dataclass(frozen=True)
class Relatievraag:
    """R-P4: the question ``JeugdigeQuerySet.voor_gebruiker`` asks the later stages (referrals,
    allocations, HSWV) about one organisation: ``soort`` is ``policies.AANBIEDER`` or
    ``policies.VERWIJZER``, ``grens`` the first day of the region's window (today minus its
    period)."""

    soort: str
    organisatie_id: int | None
    grens: date


@dataclass(frozen=True)
class Relatieantwoord:
    """One stage's answer to a ``Relatievraag``, as ``jeugdige_id`` value querysets (evaluated as
    subqueries, never in Python): ``besloten``, the children it has a decision about for that
    organisation; ``loopt``, those of them whose relation has not ended on the window."""

    besloten: tuple[Any, ...]
    loopt: tuple[Any, ...]
