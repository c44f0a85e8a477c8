"""The young person's typed domain events (issue 16 §1; ``common.domein``). Who listens to what:
``jeugdregie/abonnementen.py``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ContactGewijzigd:
    """The toegang changed a young person's address or phone numbers (``services_contact``); after
    the commit the iJw outbox sends what waited for them (issue 15 §2)."""

    jeugdige_id: int
