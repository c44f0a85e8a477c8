"""The family's typed domain events (issue 16 §1; ``common.domein``). Who listens:
``jeugdregie/abonnementen.py``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GezinGewijzigd:
    """The toegang added, changed or ended a parent or gezag holder, or changed the young
    person's contact preference (``services``): who a letter reaches may have changed, so a
    letter that waited for an addressee can be made after the commit (R-D1). Not published by
    ``overname`` (a bulk take-over is followed by its caller's catch-up)."""

    jeugdige_id: int
