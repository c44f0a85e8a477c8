"""The rows of every table without their ids, for tests that prove two ways of filling the
database leave the same rows (tests/test_catalogus_kopie.py, tests/test_leegmaken.py)."""

from __future__ import annotations

from django.apps import apps
from django.db.models import ForeignKey


def _rij(obj) -> tuple:
    waarden = []
    for veld in obj._meta.concrete_fields:
        if veld.primary_key:
            continue
        if isinstance(veld, ForeignKey):
            doel = getattr(obj, veld.name)
            waarden.append(None if doel is None else _rij(doel))
        else:
            waarden.append(getattr(obj, veld.attname))
    return tuple(waarden)


def inhoud() -> dict[str, list[tuple]]:
    """Per model every row as a tuple of its values; a foreign key is replaced by the row it
    points to."""
    return {
        model._meta.label: sorted((_rij(obj) for obj in model._base_manager.all()), key=repr)
        for model in apps.get_models(include_auto_created=True)
    }
