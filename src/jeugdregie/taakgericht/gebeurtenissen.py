"""The task-based assignments' typed domain events (issue 16 §1; ``common.domein``). Who listens
to what: ``jeugdregie/abonnementen.py``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ZorgGewijzigd:
    """The opdrachtnemer reported or withdrew a start or stop of care (``services.zorg``; JW305,
    JW307, StatusAanlevering 3): ``dagen`` are the care dates whose month's figures moved — a
    start's begindatum, a stop's einddatum, the begindatum of a removed start, the einddatum of
    a removed stop. For the after-commit stages (the control system's indicator queue, issue 22
    review F6)."""

    zorgperiode_id: int
    dagen: frozenset[date]


@dataclass(frozen=True)
class TermijnBetaald:
    """Finance recorded that a term was paid (``services.betaalschema.betaal_termijn``); ``dagen``
    holds the term's first day, the month its spend is dated in (TAA03)."""

    termijn_id: int
    dagen: frozenset[date]
