"""Issue 22 review F6: what queues the months of the task-based figures (TAA01–TAA03, R-R2) and
of the cells split by purchasing level (R-R3) — after-commit subscribers of the task-based care and
payments and of contract changes (``jeugdregie/abonnementen.py``), next to ``rollup.markeer_declaraties``
and ``rollup.markeer_gebeurtenis``. They queue route months (``rollup.markeer``): a month queued
by an intake recomputes only the indicators on declarations and the ledger."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from jeugdregie.organisaties.gebeurtenissen import ContractGewijzigd
from jeugdregie.taakgericht.gebeurtenissen import TermijnBetaald, ZorgGewijzigd
from jeugdregie.toewijzingen.models import Toewijzing

from ..constants import Periodesoort
from ..indicatoren.basis import Indicator
from ..indicatoren.register import ALLE_INDICATOREN
from ..indicatoren.velden import Periodebegin
from .rollup import markeer


def markeer_taakgericht(gewijzigd: ZorgGewijzigd | TermijnBetaald) -> None:
    """Issue 22 review F6: after a committed start, stop or withdrawal reported under a
    task-based assignment (``taakgericht.gebeurtenissen.ZorgGewijzigd``) or a paid term
    (``TermijnBetaald``; subscribed in ``jeugdregie/abonnementen.py``): queue the months of its
    dates — TAA01 counts a start in its begindatum's month, TAA02 a stop in its einddatum's,
    TAA03 a paid term in the term's month. As route months: the TAA indicators read no
    declarations, and only a route month recomputes an indicator that does not."""
    markeer(gewijzigd.dagen, route=True)


def _pad_naar_toewijzing(indicator: Indicator) -> str:
    """The path from the indicator's source rows to the allocation whose purchasing level they
    take (``inkoop_van_toewijzing``): the row itself, or its ``toewijzing``."""
    model = indicator.bron.queryset().model
    if model is Toewijzing:
        return "pk"
    veld = next((v for v in model._meta.concrete_fields if v.name == "toewijzing"), None)
    if veld is None or veld.related_model is not Toewijzing:
        raise ValueError(f"{indicator.code}: geen pad van {model.__name__} naar de toewijzing")
    return "toewijzing"


def maanden_van_toewijzingen(toewijzingen: QuerySet) -> set[date]:
    """The months in which a cell split by purchasing level counts a row of ``toewijzingen``:
    per indicator with that split, the month of its date field of each of its source rows that
    takes its level from one of them (an allocation's start, stop or closing, its approved
    lines, its placement, ...)."""
    maanden: set[date] = set()
    for indicator in ALLE_INDICATOREN:
        if indicator.bron.inkoop is None:
            continue
        pad = _pad_naar_toewijzing(indicator)
        rijen = (
            indicator.bron.queryset()
            .filter(**{f"{pad}__in": toewijzingen.values("pk"), f"{indicator.bron.datum}__isnull": False})
            .annotate(_maand=Periodebegin(indicator.bron.datum, Periodesoort.MAAND))
            .values_list("_maand", flat=True)
            .order_by()
            .distinct()
        )
        maanden.update(maand for maand in rijen if maand)
    return maanden


def markeer_contract(gewijzigd: ContractGewijzigd) -> None:
    """Issue 22 review F6, R-R3: after a committed contract registration or change
    (``organisaties.gebeurtenissen.ContractGewijzigd``, subscribed in ``jeugdregie/abonnementen.py``;
    published for the contract as it is and as it was): an allocation is lokaal when a local
    contract of its municipality with its provider holds its product on its begindatum, so only
    the allocations of that provider and municipality beginning within the contract's period
    can change level — a regional contract makes none lokaal and changes none. Queue, as route
    months (every indicator with the split), the months where their rows count
    (``maanden_van_toewijzingen``), not the whole history."""
    if gewijzigd.gemeente_id is None:
        return
    toewijzingen = Toewijzing.objects.filter(
        aanbieder_id=gewijzigd.aanbieder_id, gemeente_id=gewijzigd.gemeente_id, begindatum__gte=gewijzigd.begindatum
    )
    if gewijzigd.einddatum is not None:
        toewijzingen = toewijzingen.filter(begindatum__lte=gewijzigd.einddatum)
    markeer(maanden_van_toewijzingen(toewijzingen), route=True)
