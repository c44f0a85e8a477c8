"""Event rows and lifecycle checks shared by the services (STYLE.md §Writing 4).

Every event row names its kind from ``constants.Gebeurtenissoort`` (never a free string) and is
published as a typed ``besluiten.GebeurtenisVastgelegd`` (``common.domein``): work of a later
stage that must follow a committed decision (the iJw outbox, issue 5 §3) subscribes after commit
in ``jeugdregie/abonnementen.py``, so this stage never imports it (issue 16 §1)."""

from __future__ import annotations

from jeugdregie.common.domein import publiceer
from jeugdregie.common.errors import DomainError
from jeugdregie.verwijzingen.besluiten import GebeurtenisVastgelegd
from jeugdregie.verwijzingen.constants import Foutcode, Gebeurtenissoort
from jeugdregie.verwijzingen.models import Gebeurtenis


def registreer(obj, gebeurtenis: Gebeurtenissoort, *, door=None, **gegevens) -> Gebeurtenis:
    """Append an event and publish it; ``gegevens`` holds ids and codes only, never BSN or health
    data. ``gebeurtenis`` is a ``Gebeurtenissoort``: any other string raises ``ValueError``."""
    soort = Gebeurtenissoort(gebeurtenis)
    rij = Gebeurtenis.objects.create(
        objecttype=obj._meta.model_name,
        object_id=obj.pk,
        gebeurtenis=soort,
        door=door if getattr(door, "is_authenticated", False) else None,
        gegevens=gegevens,
    )
    publiceer(GebeurtenisVastgelegd(rij.pk, soort, rij.objecttype, rij.object_id))
    return rij


def controleer_overgang(obj, overgangen: dict, naar) -> None:
    huidig = type(naar)(obj.status)
    if naar not in overgangen[huidig]:
        raise DomainError(
            Foutcode.OVERGANG,
            f"Dit kan niet meer: de status is '{huidig.label}' en kan niet naar '{naar.label}'.",
            field="status",
        )
