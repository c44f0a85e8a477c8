"""Event rows and lifecycle checks shared by the services (STYLE.md §Writing 4).

After commit (STYLE.md §Writing 3): work of a later stage that must follow a committed decision
(the iJw outbox, issue 5 §3) cannot be imported here, so that stage appends a callable to
``NA_COMMIT`` in its ``AppConfig.ready()``. After the commit of every transaction that registered
events, each callable runs once with the ids of those events (one ``on_commit`` per transaction,
however many events; a rolled-back transaction or savepoint runs nothing). A failing callable is
logged and never undoes the committed decision; it must be able to catch up later on its own."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction

from jeugdregie.common.errors import DomainError

from ..constants import Foutcode
from ..models import Gebeurtenis

logger = logging.getLogger(__name__)

NA_COMMIT: list[Callable[[list[int]], None]] = []


class _NaCommit:
    """The one pending after-commit run of a transaction; collects the ids of its events."""

    def __init__(self) -> None:
        self.ids: list[int] = []
        self.gedaan = False

    def __call__(self) -> None:
        self.gedaan = True
        for hook in list(NA_COMMIT):
            try:
                hook(list(self.ids))
            except Exception:
                logger.exception("na_commit_mislukt", extra={"velden": {"hook": getattr(hook, "__name__", "?")}})


def _na_commit(gebeurtenis_id: int) -> None:
    if not NA_COMMIT:
        return
    # Django keeps the transaction's pending callbacks in run_on_commit and drops those of a
    # rolled-back savepoint, so an earlier pending run found there is still valid to join.
    for _savepoints, functie, *_ in transaction.get_connection().run_on_commit:
        if isinstance(functie, _NaCommit) and not functie.gedaan:
            functie.ids.append(gebeurtenis_id)
            return
    run = _NaCommit()
    run.ids.append(gebeurtenis_id)
    transaction.on_commit(run)


def registreer(obj, gebeurtenis: str, *, door=None, **gegevens) -> Gebeurtenis:
    """Append an event; ``gegevens`` holds ids and codes only, never BSN or health data."""
    rij = Gebeurtenis.objects.create(
        objecttype=obj._meta.model_name,
        object_id=obj.pk,
        gebeurtenis=gebeurtenis,
        door=door if getattr(door, "is_authenticated", False) else None,
        gegevens=gegevens,
    )
    _na_commit(rij.pk)
    return rij


def controleer_overgang(obj, overgangen: dict, naar) -> None:
    huidig = type(naar)(obj.status)
    if naar not in overgangen[huidig]:
        raise DomainError(
            Foutcode.OVERGANG,
            f"Dit kan niet meer: de status is '{huidig.label}' en kan niet naar '{naar.label}'.",
            field="status",
        )
