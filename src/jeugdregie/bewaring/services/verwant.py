"""Everything the system holds about one child, found through the schema instead of a hand-kept
list (so a new model with a foreign key to ``Jeugdige`` is covered without touching this app):

* level 0: every row that holds the child's BSN as typed (a ``bsn`` field: a submission that led
  to no referral, a crisis report before the child was linked), found by that BSN;
* level 1: every model with a foreign key to ``jeugdigen.Jeugdige`` (residences, involvements,
  referrals, allocations, declaration lines, crisis reports, iJw messages, corrections, ...);
* level 2: every model with a foreign key to a level-1 model that has no key to the child itself
  (results and screening of a referral, budget and ledger rows of an allocation, ...);
* level 3 and on, the same again until nothing new is found (the approaches and progress of a
  plan, which hang on the plan and the result: found after the apps split, issue 16).

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


def _met_bsn() -> list[Relatie]:
    return [
        Relatie(model, "bsn", 0)
        for model in apps.get_models()
        if model is not Jeugdige and any(v.name == "bsn" and not v.is_relation for v in model._meta.concrete_fields)
    ]


def relaties() -> list[Relatie]:
    eerste = [Relatie(model, veld.name, 1) for model, veld in _sleutels_naar(Jeugdige) if model is not Jeugdige]
    alle, laag = _met_bsn() + eerste, eerste
    bekend = {Jeugdige} | {r.model for r in eerste}
    while laag:
        volgende = [
            Relatie(model, veld.name, laag[0].niveau + 1)
            for doel in dict.fromkeys(r.model for r in laag)
            for model, veld in _sleutels_naar(doel)
            if model not in bekend
        ]
        bekend |= {r.model for r in volgende}
        alle += volgende
        laag = volgende
    return alle


def objecten(jeugdige: Jeugdige) -> Iterator[tuple[Relatie, models.QuerySet]]:
    """Per relation the queryset of rows about ``jeugdige`` (plain managers: no scoping, this is
    the service acting for the controller)."""
    ids: dict[type[models.Model], set] = {}
    for relatie in relaties():
        if relatie.niveau == 0:
            qs = relatie.model._base_manager.filter(bsn=jeugdige.bsn)
        elif relatie.niveau == 1:
            qs = relatie.model._base_manager.filter(**{relatie.veld: jeugdige})
        else:
            sleutel = relatie.model._meta.get_field(relatie.veld).remote_field
            assert sleutel is not None  # relatie.veld is a foreign key
            bron = sleutel.model
            qs = relatie.model._base_manager.filter(**{f"{relatie.veld}__in": sorted(ids.get(bron, ()))})
        ids.setdefault(relatie.model, set()).update(qs.values_list("pk", flat=True))
        yield relatie, qs.order_by("pk")
