"""R-A3 once the declarations exist (declaraties.py): ``te_laat`` of an adjustment request is
what ``dien_aanpassing_in`` decides with ``toewijzingen.prognose`` on the day of filing. The
trajectories (zorg.py) decide it from the deliveries registered before that day, as prognose
does while an allocation has no declaration lines; once the provider has declared, prognose
reads the approved lines instead (R-B5 "spent"). So, in order of submission, each request is
decided again on the lines submitted before its day, if there are any.

Not redone (the trajectories' value stays): a request on a budget whose end date a granted
adjustment changed, or on an offerte whose amount one changed: the first end date or amount is
not in the database."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import date
from typing import Any

from jeugdregie.toewijzingen.models import Aanpassingsaanvraag

from .zorg import te_laat

#: An allocation as ``declaraties`` builds it (its ``Tw``); named here only by shape, so this module
#: does not import the one that imports it.
Tw = Any


@dataclass(slots=True)
class Aanvraag:
    pk: int
    tw: Tw
    op: date
    begin: date
    te_laat: bool


class TeLaat:
    """The requests of the region's allocations, decided again as the declarations come in."""

    def __init__(self, toewijzingen: dict[int, Tw], gemeenten) -> None:
        rijen = list(
            Aanpassingsaanvraag.objects.filter(
                toewijzing__gemeente_id__in=list(gemeenten), toewijzing__startdatum_zorg__isnull=False
            )
            .order_by("ingediend_op", "id")
            .values_list(
                "id", "toewijzing_id", "ingediend_op", "toegekende_einddatum", "te_laat", "toewijzing__startdatum_zorg"
            )
        )
        ander_einde = {tw for _, tw, _, einde, _, _ in rijen if einde is not None}
        self.open: deque[Aanvraag] = deque()
        for pk, tw_id, op, _, laat, begin in rijen:
            tw = toewijzingen[tw_id]
            if tw_id in ander_einde or (tw.wijzigingen and tw.bij_toewijzing is None):
                continue
            tw.regels = []
            self.open.append(Aanvraag(pk, tw, op, begin, laat))
        self.gewijzigd: dict[int, bool] = {}

    def tot(self, dag: date) -> None:
        """Decide the requests filed up to ``dag`` (filed before that day's declarations)."""
        while self.open and self.open[0].op <= dag:
            self._beslis(self.open.popleft())

    def _beslis(self, aanvraag: Aanvraag) -> None:
        tw, op = aanvraag.tw, aanvraag.op
        if not tw.gedeclareerd:
            return  # no line yet: prognose reads the deliveries, as the trajectories did
        laat = te_laat(
            op=op,
            begin=aanvraag.begin,
            budget_cents=tw.budget_op(op),
            einde=tw.einddatum,
            besteed_cents=sum(cents for begin, cents in tw.regels or () if begin <= op),
        )
        if laat != aanvraag.te_laat:
            self.gewijzigd[aanvraag.pk] = laat

    def schrijf(self) -> int:
        self.tot(date.max)
        for waarde in (True, False):
            ids = [pk for pk, laat in self.gewijzigd.items() if laat is waarde]
            Aanpassingsaanvraag.objects.filter(pk__in=ids).update(te_laat=waarde)
        return len(self.gewijzigd)
