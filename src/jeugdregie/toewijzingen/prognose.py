"""Budget forecast per keuzebudget (R-A3): spend run-rate and expected exhaustion, in money and
in time, and the 8-week point before which an adjustment request must be filed (the weeks from
the region's rule set valid on the forecast's day, ``aanpassing_signaal_weken``, R-R1).

Source of spend: the approved declaration lines (debit minus credit) whose period began on or
before the date (R-B5 "spent"). An allocation without any declaration line yet falls back to the
registered delivered volume (``Levering``), so a provider who registers but has not declared
still shows its run-rate.

Declaration lag (R-A3, issue 21): the declared spend covers the care up to ``op`` minus the
provider's measured lag in the allocation's region (``toewijzingen.vertraging``), not up to ``op``. The run-rate is the
declared spend over the declared days; the care of the days not yet declared is estimated at that
rate (``besteed_geschat``) before the remaining budget is extrapolated. The registered delivered
volume has no lag and is not corrected.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Case, F, Sum, When

from jeugdregie.common.money import euro
from jeugdregie.toewijzingen.models import Levering, Toewijzing
from jeugdregie.toewijzingen.vertraging import Vertragingen


@dataclass(frozen=True)
class Prognose:
    budget: Decimal
    besteed: Decimal
    per_dag: Decimal
    uitgeput_op_geld: date | None  # None: no spend yet, so no exhaustion in money foreseeable
    einddatum: date
    besteed_geschat: Decimal | None = None  # declared + estimated not yet declared (R-A3)
    vertraging_dagen: int = 0  # the provider's measured declaration lag (R-A3)
    signaal_weken: int = 8  # R-R1: ``aanpassing_signaal_weken`` of the rule set valid on the forecast's day

    @property
    def uitgeput_op(self) -> date:
        """Whichever comes first: the money running out or the end date."""
        if self.uitgeput_op_geld is None:
            return self.einddatum
        return min(self.uitgeput_op_geld, self.einddatum)

    @property
    def achtwekenpunt(self) -> date:
        """R-A3: the last day for an adjustment request (the region's ``aanpassing_signaal_weken``
        before the exhaustion, 8 by default; the name keeps the Handboek's word)."""
        return self.uitgeput_op - timedelta(weeks=self.signaal_weken)

    @property
    def benutting(self) -> Decimal:
        return (self.besteed / self.budget * 100).quantize(Decimal("0.1")) if self.budget else Decimal("0")


def besteed_tot(toewijzing: Toewijzing, op: date) -> Decimal:
    regels = toewijzing.declaratieregels.all()
    if regels.exists():
        totaal = regels.filter(status="goedgekeurd", begindatum__lte=op).aggregate(
            s=Sum(Case(When(debet_credit="C", then=-F("bedrag")), default=F("bedrag")))
        )["s"]
    else:
        totaal = Levering.objects.filter(toewijzing=toewijzing, maand__lte=op).aggregate(s=Sum("bedrag"))["s"]
    return euro(totaal or 0)


def prognose(toewijzing: Toewijzing, *, op: date, vertragingen: Vertragingen | None = None) -> Prognose:
    """R-A3: the forecast of ``toewijzing`` on ``op``; ``vertragingen``: a list's shared cache of
    the measured lags (one measurement per provider, region and day) and the rule sets."""
    vertragingen = vertragingen or Vertragingen()
    budget = toewijzing.keuzebudget.bedrag
    besteed = besteed_tot(toewijzing, op)
    begin = toewijzing.eerste_startdatum_zorg or toewijzing.begindatum  # OP379: spend since the first start
    dagen = max((op - begin).days + 1, 1)
    vertraging = vertragingen.voor(toewijzing, op=op).dagen
    # R-R1: the rule set valid on ``op``, the day the forecast (and a request filed that day) is about
    signaal_weken = vertragingen.regels(toewijzing, op=op).aanpassing_signaal_weken
    # the days whose care the declarations cover: up to the lag before ``op``, and at least up to
    # the end of the latest approved line (a provider who declared promptly early in the care
    # would otherwise have its spend spread over a few days and the rate blown up)
    laatste = (
        toewijzing.declaratieregels.filter(status="goedgekeurd", debet_credit="D", begindatum__lte=op)
        .order_by("-einddatum")
        .values_list("einddatum", flat=True)
        .first()
    )
    gedekt = (min(laatste, op) - begin).days + 1 if laatste else 0
    gedeclareerd = min(max(dagen - vertraging, gedekt), dagen)
    # registered delivery, or only days within the lag: nothing better than the plain rate
    gecorrigeerd = gedeclareerd > 0 and toewijzing.declaratieregels.exists()
    per_dag = besteed / (gedeclareerd if gecorrigeerd else dagen)
    geschat = max(euro(per_dag * dagen), besteed)
    uitgeput = None
    if per_dag > 0:
        resterend = max(budget - geschat, Decimal("0"))
        uitgeput = op + timedelta(days=int(resterend / per_dag))
    return Prognose(
        budget=budget,
        besteed=besteed,
        per_dag=euro(per_dag),
        uitgeput_op_geld=uitgeput,
        einddatum=toewijzing.einddatum,
        besteed_geschat=geschat,
        vertraging_dagen=vertraging,
        signaal_weken=signaal_weken,
    )
