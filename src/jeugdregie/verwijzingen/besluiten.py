"""The referral's typed domain events and questions (issue 16 §1; ``common.domein``). Who listens
and who answers: ``jeugdregie/abonnementen.py``.

``GebeurtenisVastgelegd``: every event row of the client route (``services.gebeurtenissen.registreer``),
for the stages after the commit (the iJw outbox).

``Keuzebudgetvraag``: R-A4/R-T5 with iJw TR302 — the referral asks the allocation stage which
keuzebudget allocations of a young person run in a period, without importing it (the allocation
builds on the referral, not the other way round)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jeugdregie.verwijzingen.constants import Gebeurtenissoort


@dataclass(frozen=True, slots=True)
class GebeurtenisVastgelegd:
    """An event row of the route was written (``toewijzingen.Gebeurtenis``): its id, its kind and
    the object it is about (ids only, never BSN or health data)."""

    gebeurtenis_id: int
    soort: Gebeurtenissoort
    objecttype: str
    object_id: int


@dataclass(frozen=True, slots=True)
class Keuzebudgetvraag:
    """Which keuzebudget allocations of ``jeugdige_id`` run (allocated or started, not stopped or
    withdrawn) and overlap ``begindatum``–``einddatum`` (inclusive)? Only at ``aanbieder_id`` when
    given; never those on the referral ``behalve_verwijzing_id``. Answered by a list of
    ``Lopendkeuzebudget``, earliest first."""

    jeugdige_id: int
    begindatum: date
    einddatum: date
    aanbieder_id: int | None = None
    behalve_verwijzing_id: int | None = None


@dataclass(frozen=True, slots=True)
class Lopendkeuzebudget:
    """One running keuzebudget allocation in the answer to a ``Keuzebudgetvraag``."""

    begindatum: date
    einddatum: date


@dataclass(frozen=True, slots=True)
class MeldingGemaakt:
    """Issue 19 §3: a notification was made (``services.meldingen.maak_melding``); after the commit
    its e-mail goes to the users who chose its kind (``services.mailen``), by a worker."""

    melding_id: int
