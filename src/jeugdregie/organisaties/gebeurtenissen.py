"""The organisations' typed domain events (issue 16 §1; ``common.domein``). Who listens to what:
``jeugdregie/abonnementen.py``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ContractGewijzigd:
    """A contract was registered, changed or removed (``services.registreer_contract``, the
    admin's contract pages with their product lines). Published once for the contract as it is
    and, after a change or removal, once for what it was: the provider, the municipality of a
    local contract (None: regional, R-R3) and the contract's inclusive period. Whatever changed
    in its product lines lies within that period (a line counts only on the contract's days).
    For the after-commit stages: which allocations count as locally bought (R-R3) can change
    for the allocations of that provider and municipality beginning in that period."""

    aanbieder_id: int
    gemeente_id: int | None
    begindatum: date
    einddatum: date | None
