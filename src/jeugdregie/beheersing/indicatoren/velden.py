"""Expressions the indicator sources share: the product category of an allocation, a signed
declaration amount, the moment a keuzebudget closed."""

from __future__ import annotations

from django.db.models import Case, CharField, F, Q, Value, When
from django.db.models.functions import Coalesce

from jeugdregie.catalogus.constants import Onderdeel
from jeugdregie.declaraties.constants import DebetCredit
from jeugdregie.toewijzingen.constants import ToewijzingSoort, ToewijzingStatus


def categorie_van_toewijzing(prefix: str = "") -> Case:
    """The catalogue part (Onderdeel) of an allocation: ambulant keuzebudget, Wonen/Verblijf or
    crisis (crisisopvolging)."""
    return Case(
        When(**{f"{prefix}soort": ToewijzingSoort.WONEN_VERBLIJF}, then=Value(Onderdeel.WONEN_VERBLIJF)),
        When(**{f"{prefix}soort": ToewijzingSoort.CRISISOPVOLGING}, then=Value(Onderdeel.CRISIS)),
        default=Value(Onderdeel.AMBULANT),
        output_field=CharField(),
    )


def getekend_bedrag() -> Case:
    """A declaration line's amount with its sign: credit lines count negative."""
    return Case(When(debet_credit=DebetCredit.CREDIT, then=-F("bedrag")), default=F("bedrag"))


def gesloten_op() -> Coalesce:
    """When an allocation closed: the stop of care, else its end date."""
    return Coalesce("stopdatum_zorg", "einddatum")


def gesloten(op) -> Q:
    """Closed on day ``op``: care stopped, or the allocation's period ended; never withdrawn ones."""
    return (Q(status=ToewijzingStatus.GESTOPT) | Q(einddatum__lt=op)) & ~Q(status=ToewijzingStatus.INGETROKKEN)
