"""The declarations' typed domain events (issue 16 §1; ``common.domein``). Who listens to what:
``jeugdregie/abonnementen.py``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Verwerkt:
    """A committed intake decided lines (approved or rejected): the begin and end dates of those
    lines and the allocations whose budget ledger moved. Published by ``services.intake`` inside
    the intake's transaction, for the after-commit stages (the control system's indicator queue,
    issue 6 §9)."""

    dagen: frozenset[date]
    toewijzingen: frozenset[int]
