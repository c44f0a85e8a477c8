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


@dataclass(frozen=True)
class Jeugdbeschermingvraag:
    """R-P7: the retention job asks the later stages which children they keep a child-protection
    record for (a court order among the documents, issue 20 §4), so those children are kept as
    an OTS/voogdij dossier. Each answer is a ``jeugdige_id`` values queryset (a subquery)."""
