"""Budget-ledger invariants (`controleer_grootboeken`) and stopping care as planned. Moved from
tests/test_grootboek_eigenschappen.py."""

from datetime import date, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Sum

from jeugdregie.budgetten.constants import VASTLEGGINGEN, Mutatiesoort
from jeugdregie.budgetten.models import Budgetmutatie, Budgetstand
from jeugdregie.common.money import euro
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.toewijzingen.constants import ToewijzingStatus
from jeugdregie.toewijzingen.services import stop_zorg

TZ = ZoneInfo("Europe/Amsterdam")


NUL = Decimal("0.00")


def stop_volgens_plan(route, toewijzing, dag: date):
    """The provider stops care as planned, results achieved, after consulting the referrer."""
    return stop_zorg(
        toewijzing=toewijzing,
        stopdatum=dag,
        reden="31",
        resultaatscore="behaald",
        overleg_met_verwijzer=True,
        door=route["gebruikers"]["aanbieder"],
    )


def controleer_grootboeken() -> None:
    """The invariant of R-B7 and the ledger = lines, for every ledger (module docstring)."""
    for stand in Budgetstand.objects.select_related("toewijzing__keuzebudget", "toewijzing__gemeente__regio"):
        toewijzing = stand.toewijzing
        assert stand.goedgekeurd >= NUL, stand
        assert stand.goedgekeurd + stand.vrijgevallen <= stand.vastgelegd <= stand.toegewezen, stand
        regels = Declaratieregel.objects.filter(toewijzing=toewijzing, status="goedgekeurd")
        # SQL sums are floating point on SQLite: compared in whole cents
        debet = euro(regels.filter(debet_credit="D").aggregate(s=Sum("bedrag"))["s"] or NUL)
        credit = euro(regels.filter(debet_credit="C").aggregate(s=Sum("bedrag"))["s"] or NUL)
        assert stand.goedgekeurd == debet - credit, (stand, debet, credit)
        mutaties = Budgetmutatie.objects.filter(toewijzing=toewijzing)

        def som(*soorten, mutaties=mutaties) -> Decimal:
            return euro(mutaties.filter(soort__in=soorten).aggregate(s=Sum("bedrag"))["s"] or NUL)

        assert stand.vastgelegd == som(*VASTLEGGINGEN)
        assert stand.goedgekeurd == som(Mutatiesoort.GOEDGEKEURD, Mutatiesoort.GECREDITEERD)
        assert stand.vrijgevallen == som(Mutatiesoort.VRIJGEVALLEN)
        if toewijzing.keuzebudget_id:
            assert stand.toegewezen == toewijzing.keuzebudget.bedrag
        if toewijzing.status == ToewijzingStatus.INGETROKKEN:
            assert stand.vastgelegd == stand.goedgekeurd + stand.vrijgevallen
        einde = (
            toewijzing.stopdatum_zorg
            if toewijzing.status == ToewijzingStatus.GESTOPT and toewijzing.stopdatum_zorg
            else toewijzing.einddatum
        )
        sluit = einde + timedelta(days=toewijzing.gemeente.regio.declaratietermijn_dagen)
        for ingediend in regels.filter(debet_credit="D").values_list("declaratie__ingediend_op", flat=True):
            assert ingediend.astimezone(TZ).date() <= sluit
