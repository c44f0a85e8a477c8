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

from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from jeugdregie.organisaties.models import Gemeente
from jeugdregie.organisaties.regelset import Tijdlijn
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


@dataclass(slots=True)
class _Venster:
    """The approved debit lines submitted in the window, as a count per lag in days."""

    regels: list[tuple[date, int]] = field(default_factory=list)  # (submission day, lag), in order
    tot: int = 0  # regels[:tot] were submitted up to the last day asked
    van: int = 0  # regels[:van] were submitted before the window
    telling: Counter = field(default_factory=Counter)

    def schuif(self, van: date, op: date) -> None:
        while self.tot < len(self.regels) and self.regels[self.tot][0] <= op:
            self.telling[self.regels[self.tot][1]] += 1
            self.tot += 1
        while self.van < self.tot and self.regels[self.van][0] < van:
            self.telling[self.regels[self.van][1]] -= 1
            self.van += 1
        while self.van > 0 and self.regels[self.van - 1][0] >= van:  # a longer window (a new rule set)
            self.van -= 1
            self.telling[self.regels[self.van][1]] += 1

    def mediaan(self) -> tuple[int, int]:
        """``statistics.median_low`` of the lags in the window, and their number."""
        aantal = self.tot - self.van
        if not aantal:
            return 0, 0
        plek, gezien = (aantal - 1) // 2, 0
        for dagen in sorted(d for d, n in self.telling.items() if n):
            gezien += self.telling[dagen]
            if gezien > plek:
                return dagen, aantal
        raise AssertionError("onbereikbaar")


class Vertragingen:
    """R-A3 as ``toewijzingen.vertraging.declaratievertraging`` measures it on the day of a request:
    the median days from an approved debit line's period end to its submission over the region's
    window, per provider, with the region's lines as fallback below the minimum. The generator
    submits in order of days, so each window slides forward over the lines as they come in."""

    def __init__(self, gemeenten) -> None:
        self.regio_id = Gemeente.objects.filter(pk__in=list(gemeenten)).values_list("regio_id", flat=True).first()
        self.regelsets = Tijdlijn.van([] if self.regio_id is None else [self.regio_id])
        self.regio = _Venster()
        self.per_aanbieder: dict[int, _Venster] = defaultdict(_Venster)

    def regel(self, aanbieder: int, dag: date, einde: date) -> None:
        rij = (dag, max((dag - einde).days, 0))
        self.regio.regels.append(rij)
        self.per_aanbieder[aanbieder].regels.append(rij)

    def dagen(self, aanbieder: int, op: date) -> int:
        if self.regio_id is None:
            venster, minimum = 0, 1
        else:  # R-R1: the rule set valid on the day of the request, as the real measure reads it
            versie = self.regelsets.regels(self.regio_id, op)
            venster, minimum = versie.declaratievertraging_venster_dagen, versie.declaratievertraging_min_regels
        for lijst in (self.per_aanbieder[aanbieder], self.regio):
            lijst.schuif(op - timedelta(days=venster), op)
            dagen, aantal = lijst.mediaan()
            if aantal >= minimum:
                return dagen
        return 0


class TeLaat:
    """The requests of the region's allocations, decided again as the declarations come in."""

    def __init__(self, toewijzingen: dict[int, Tw], gemeenten, vertragingen: Vertragingen) -> None:
        self.vertragingen = vertragingen
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
        # R-R1: the rule set valid on the day of filing, as prognose reads it
        weken = self.vertragingen.regelsets.regels(self.vertragingen.regio_id or 0, op).aanpassing_signaal_weken
        laat = te_laat(
            op=op,
            begin=aanvraag.begin,
            budget_cents=tw.budget_op(op),
            einde=tw.einddatum,
            besteed_cents=sum(cents for begin, cents, _ in tw.regels or () if begin <= op),
            vertraging=self.vertragingen.dagen(tw.aanbieder, op),
            laatste=max((e for begin, _, e in tw.regels or () if begin <= op and e is not None), default=None),
            signaal_weken=weken,
        )
        if laat != aanvraag.te_laat:
            self.gewijzigd[aanvraag.pk] = laat

    def schrijf(self) -> int:
        self.tot(date.max)
        for waarde in (True, False):
            ids = [pk for pk, laat in self.gewijzigd.items() if laat is waarde]
            Aanpassingsaanvraag.objects.filter(pk__in=ids).update(te_laat=waarde)
        return len(self.gewijzigd)
