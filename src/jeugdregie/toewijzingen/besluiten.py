"""The client route's typed domain events (issue 16 §1; ``common.domein``).

The toegang's decisions that move money (R-B7): an allocation service publishes one of these
inside its transaction; the budget ledger (``budgetten``) books them in the same transaction, so a
decision and its booking happen together or not at all, and a ledger refusal (the invariant of
R-B7) undoes the decision with a Dutch message.

The event rows of the route are ``verwijzingen.besluiten.GebeurtenisVastgelegd``. Who listens to
what: ``jeugdregie/abonnementen.py``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Toegewezen:
    """An allocation was made: its amount is committed (keuzebudget; Wonen: tariff × etmalen of
    the period; crisisopvolging: product × allocated volume)."""

    toewijzing_id: int
    bedrag: Decimal
    op: date


@dataclass(frozen=True, slots=True)
class BedragGewijzigd:
    """The allocated amount changed: a granted adjustment (R-A5) or a period shortened by a
    dated change of intensity (OP257). ``bedrag`` is the new total, not the difference;
    ``einddatum`` the new end when the period was shortened (no approved line may lie after it),
    ``vorige_einddatum`` the end before it (the ledger's declaration window never grows by it)."""

    toewijzing_id: int
    bedrag: Decimal
    op: date
    einddatum: date | None = None
    vorige_einddatum: date | None = None


@dataclass(frozen=True, slots=True)
class ZorgGestopt:
    """The provider stopped care on ``stopdatum`` (reported on ``op``, the server's day), where
    care would otherwise have ended on ``vorige_einde``. The amount stays; a stop dated in the
    past can move the start of the declaration window, never later than it was (R-B7)."""

    toewijzing_id: int
    stopdatum: date
    op: date
    vorige_einde: date


@dataclass(frozen=True, slots=True)
class Ingetrokken:
    """The allocation was withdrawn before care started: its commitment is withdrawn."""

    toewijzing_id: int
    op: date
