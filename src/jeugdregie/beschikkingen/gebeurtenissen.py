"""The beschikkingen's typed domain events (issue 16 §1; ``common.domein``). Who listens:
``jeugdregie/abonnementen.py``.

``BeschikkingGemaakt``: a letter was made with its frozen content (``services.maken``); after the
commit a worker renders its PDF (``taken.tasks.beschikking_pdf``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BeschikkingGemaakt:
    """A letter row was written (ids only, never personal data)."""

    beschikking_id: int
