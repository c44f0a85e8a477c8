"""Domain events (issue 16 §1, STYLE.md §Writing 3): a service publishes a typed event (a frozen
dataclass of its own app, never a free string), and who listens is listed in one visible module
named by ``settings.JEUGDREGIE_ABONNEMENTEN`` (``jeugdregie/abonnementen.py``), like the URL
configuration. ``common`` imports no app. Three tables there:

- ``IN_TRANSACTIE``: subscribers run at once, inside the publishing service's transaction; an
  exception undoes the whole decision (the budget ledger, R-B7).
- ``NA_COMMIT``: subscribers run after the commit, each through Django's public
  ``transaction.on_commit(robust=True)``; nothing runs for a rolled-back transaction or savepoint,
  and a failing subscriber is logged (``na_commit_mislukt``) and never undoes the committed
  decision or stops the next one: it must be able to catch up on its own (the iJw outbox's
  ``verzamel``, the indicator queue). Outside a transaction it runs at once.
- ``VRAGEN``: an earlier stage asks later ones for information it may not import (the choice
  list asks the control system for provider information, R-K7); ``vraag`` returns the answers
  in the listed order."""

from __future__ import annotations

import logging
from functools import cache
from importlib import import_module
from types import ModuleType

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)


@cache
def _abonnementen() -> ModuleType:
    return import_module(settings.JEUGDREGIE_ABONNEMENTEN)


def publiceer(gebeurtenis: object) -> None:
    """Run the in-transaction subscribers of this event's type now, and schedule its after-commit
    subscribers on the current transaction."""
    tabel = _abonnementen()
    for abonnee in tabel.IN_TRANSACTIE.get(type(gebeurtenis), ()):
        abonnee(gebeurtenis)
    for abonnee in tabel.NA_COMMIT.get(type(gebeurtenis), ()):
        transaction.on_commit(NaCommit(abonnee, gebeurtenis), robust=True)


def vraag(vraag: object) -> list:
    """The answers of every subscriber listed for this question's type, in order."""
    return [abonnee(vraag) for abonnee in _abonnementen().VRAGEN.get(type(vraag), ())]


class NaCommit:
    """One after-commit run of one subscriber for one event."""

    def __init__(self, abonnee, gebeurtenis: object) -> None:
        self.abonnee = abonnee
        self.gebeurtenis = gebeurtenis

    def __call__(self) -> None:
        try:
            self.abonnee(self.gebeurtenis)
        except Exception:  # the decision is committed; the subscriber catches up on its own later
            logger.exception(
                "na_commit_mislukt",
                extra={
                    "velden": {
                        "abonnee": getattr(self.abonnee, "__qualname__", "?"),
                        "gebeurtenis": type(self.gebeurtenis).__name__,
                    }
                },
            )

    def __repr__(self) -> str:
        return f"NaCommit({getattr(self.abonnee, '__qualname__', '?')}, {self.gebeurtenis!r})"
