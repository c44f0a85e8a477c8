"""Domain events inside the transaction: a service publishes a typed event, and the subscribers
listed in the module named by ``settings.JEUGDREGIE_ABONNEMENTEN`` run at once, in the same
transaction (an exception undoes the whole decision). ``common`` imports no app: the list of who
listens to what is one visible module at the top of the project, like the URL configuration."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string


@cache
def _abonnees() -> dict[type, tuple[Callable, ...]]:
    return {soort: tuple(lijst) for soort, lijst in import_string(settings.JEUGDREGIE_ABONNEMENTEN).items()}


def publiceer(gebeurtenis: object) -> None:
    """Run every subscriber of this event's type, in order, inside the caller's transaction."""
    for abonnee in _abonnees().get(type(gebeurtenis), ()):
        abonnee(gebeurtenis)
