"""Everything the system holds about one child, found through the schema instead of a hand-kept
list (so a new model with a foreign key to ``Jeugdige`` is covered without touching this app):

* level 1: every model with a foreign key to ``jeugdigen.Jeugdige`` (residences, involvements,
  referrals, allocations, declaration lines, crisis reports, iJw messages, corrections, ...);
* level 2: every model with a foreign key to a level-1 model that has no key to the child itself
  (results and screening of a referral, budget and ledger rows of an allocation, ...).

The audit log is not here: it refers to the child by internal id (``client_id``), and is read by
``inzage`` separately.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.db import models

from jeugdregie.jeugdigen.models import Jeugdige


@dataclass(frozen=True)
class Relatie:
    model: type[models.Model]
    veld: str  # the foreign-key field on ``model``
    niveau: int


def _sleutels_naar(doel: type[models.Model]) -> Iterator[tuple[type[models.Model], models.Field]]:
    for model in apps.get_models():
        for veld in model._meta.concrete_fields:
            if veld.is_relation and veld.remote_field is not None and veld.remote_field.model is doel:
                yield model, veld


def relaties() -> list[Relatie]:
    eerste = [Relatie(model, veld.name, 1) for model, veld in _sleutels_naar(Jeugdige) if model is not Jeugdige]
    met_jeugdige = {r.model for r in eerste}
    tweede = []
    for r in eerste:
        for model, veld in _sleutels_naar(r.model):
            if model not in met_jeugdige and model is not r.model:
                tweede.append(Relatie(model, veld.name, 2))
    return eerste + tweede


def objecten(jeugdige: Jeugdige) -> Iterator[tuple[Relatie, models.QuerySet]]:
    """Per relation the queryset of rows about ``jeugdige`` (plain managers: no scoping, this is
    the service acting for the controller)."""
    ids: dict[type[models.Model], list] = {}
    for relatie in relaties():
        if relatie.niveau == 1:
            qs = relatie.model._base_manager.filter(**{relatie.veld: jeugdige})
            ids[relatie.model] = list(qs.values_list("pk", flat=True))
        else:
            sleutel = relatie.model._meta.get_field(relatie.veld).remote_field
            assert sleutel is not None  # relatie.veld is a foreign key
            bron = sleutel.model
            qs = relatie.model._base_manager.filter(**{f"{relatie.veld}__in": ids.get(bron, [])})
        yield relatie, qs.order_by("pk")
