"""Budget-ledger invariants (`controleer_grootboeken`) and stopping care as planned. Moved from
tests/test_grootboek_eigenschappen.py."""

from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from jeugdregie.declaraties.services import grootboekcontrole
from jeugdregie.toewijzingen.services import stop_zorg

from ..klok import op_de_dag

TZ = ZoneInfo("Europe/Amsterdam")


NUL = Decimal("0.00")


def stop_volgens_plan(route, toewijzing, dag: date):
    """The provider stops care as planned, results achieved, after consulting the referrer, and
    reports it on the day itself (a later report moves the declaration window, R-B7)."""
    with op_de_dag(dag):
        return stop_zorg(
            toewijzing=toewijzing,
            stopdatum=dag,
            reden="31",
            resultaatscore="behaald",
            overleg_met_verwijzer=True,
            door=route["gebruikers"]["aanbieder"],
        )


def controleer_grootboeken() -> None:
    """The ledger invariants (R-B7, ledger = lines) for every ledger; the check itself is the
    service ``declaraties.services.grootboekcontrole`` (also used by bench/meerproces.py)."""
    fouten = grootboekcontrole.controleer_grootboeken()
    assert not fouten, fouten
