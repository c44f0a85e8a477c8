"""Event rows and lifecycle checks shared by the services (STYLE.md §Writing 4)."""

from __future__ import annotations

from jeugdregie.common.errors import DomainError

from ..constants import Foutcode
from ..models import Gebeurtenis


def registreer(obj, gebeurtenis: str, *, door=None, **gegevens) -> Gebeurtenis:
    """Append an event; ``gegevens`` holds ids and codes only, never BSN or health data."""
    return Gebeurtenis.objects.create(
        objecttype=obj._meta.model_name,
        object_id=obj.pk,
        gebeurtenis=gebeurtenis,
        door=door if getattr(door, "is_authenticated", False) else None,
        gegevens=gegevens,
    )


def controleer_overgang(obj, overgangen: dict, naar) -> None:
    huidig = type(naar)(obj.status)
    if naar not in overgangen[huidig]:
        raise DomainError(
            Foutcode.OVERGANG,
            f"Dit kan niet meer: de status is '{huidig.label}' en kan niet naar '{naar.label}'.",
            field="status",
        )
