"""What the services of this app share: the event row and the audit row."""

from __future__ import annotations

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log

from ..constants import Gebeurtenissoort
from ..models import Opdrachtgebeurtenis, TaakgerichteOpdracht


def gebeurtenis(opdracht: TaakgerichteOpdracht, soort: Gebeurtenissoort, door, **gegevens) -> None:
    Opdrachtgebeurtenis.objects.create(
        opdracht=opdracht,
        soort=soort,
        door=door if getattr(door, "is_authenticated", False) else None,
        gegevens=gegevens,
    )


def audit(obj, actie: Actie, door, details: str, *, jeugdige=None, context=None) -> None:
    log(
        actie=actie,
        objecttype=obj._meta.label,
        object_id=obj.pk,
        door=door,
        context=context,
        jeugdige=jeugdige,
        details=details,
    )
