"""The retention job's typed domain events (issue 16 §1; ``common.domein``). Who listens:
``jeugdregie/abonnementen.py``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Geanonimiseerd:
    """R-P7: the retention job anonymised this child, inside its transaction. A later stage that
    holds personal data the schema walk does not blank (the documents' stored bytes, issue 20 §4)
    removes it in the same transaction."""

    jeugdige_id: int
