"""Issue 18 as an invariant, not a case: random sequences of what moves the rollup — a line
approved, a credit, a line rejected after all, the queue processed, a full rebuild, a refresh of
one indicator over a range, another run overtaking one that has read — and after every refresh
that leaves the queue empty, every cell of the declaration indicators equals the query per cell
on the source (KOS01 a sum, KOS02 and CON07 distinct counts of young people), on SQLite and on
PostgreSQL. The engine reads committed data, so the examples share one growing world."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from jeugdregie.beheersing.indicatoren.register import REGISTER
from jeugdregie.beheersing.models import VerouderdePeriode
from jeugdregie.beheersing.services import rollup
from jeugdregie.declaraties.constants import DebetCredit, RegelStatus
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.toewijzingen.constants import ToewijzingSoort

from .builders.beheersing import _jeugdige, _regel, _toewijzing
from .builders.rollup import MAANDEN, TOT, VAN, _vergelijk

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

CODES = ("KOS01", "KOS02", "CON07")


class Rollupmachine(RuleBasedStateMachine):
    def __init__(self, route):
        super().__init__()
        self.route = route
        self.toewijzingen = []
        soorten = (
            ("aanbieder", {"soort": ToewijzingSoort.KEUZEBUDGET}),
            ("andere_aanbieder", {"soort": ToewijzingSoort.WONEN_VERBLIJF, "woonvorm": "pleegzorg"}),
        )
        for gemeente in ("zwolle", "deventer"):
            jeugdige = _jeugdige(route, gemeente)
            for aanbieder, velden in soorten:
                start = date(2025, 1, 13)
                self.toewijzingen.append(
                    _toewijzing(route, jeugdige=jeugdige, aanbieder=aanbieder, start=start, **velden)
                )
        rollup.bouw_opnieuw()

    @rule(i=st.integers(0, 3), maand=st.sampled_from(MAANDEN), bedrag=st.integers(1, 900), credit=st.booleans())
    def keur_regel_goed(self, i, maand, bedrag, credit):
        toewijzing = self.toewijzingen[i]
        product = "44W05" if toewijzing.soort == ToewijzingSoort.WONEN_VERBLIJF else "45A03"
        debet_credit = DebetCredit.CREDIT if credit else DebetCredit.DEBET
        _regel(toewijzing, f"{bedrag}.00", maand=maand, product=product, debet_credit=debet_credit)
        rollup.markeer([date(*maand, 1)])

    @rule(data=st.data())
    def keur_regel_alsnog_af(self, data):
        regels = list(Declaratieregel.objects.filter(status=RegelStatus.GOEDGEKEURD).order_by("pk"))
        if regels:
            regel = data.draw(st.sampled_from(regels))
            Declaratieregel.objects.filter(pk=regel.pk).update(status=RegelStatus.AFGEKEURD)
            rollup.markeer([regel.begindatum])

    @rule()
    def werk_bij(self):
        rollup.werk_bij()

    @rule()
    def bouw_opnieuw(self):
        rollup.bouw_opnieuw()

    @rule(code=st.sampled_from(CODES), jaar=st.sampled_from([2024, 2025]))
    def ververs_een_indicator(self, code, jaar):
        rollup.ververs(van=date(jaar, 1, 1), tot=date(jaar, 12, 31), indicatoren=[REGISTER[code]])

    @rule(i=st.integers(0, 3), maand=st.sampled_from(MAANDEN))
    def ingehaald_tijdens_het_rekenen(self, i, maand):
        """A line is committed and a second run writes while this run holds its reading."""
        from jeugdregie.beheersing.services.rekenkern import Rekenkern

        echt, tussendoor = Rekenkern.cellen, []

        def cellen(kern, *args, **kwargs):
            if not tussendoor:
                tussendoor.append(True)
                self.keur_regel_goed(i, maand, 77, False)
                rollup.werk_bij()
            return echt(kern, *args, **kwargs)

        Rekenkern.cellen = cellen
        try:
            rollup.ververs(van=VAN, tot=TOT, indicatoren=[REGISTER["KOS02"]])
        finally:
            Rekenkern.cellen = echt

    @invariant()
    def elke_cel_gelijk_aan_de_bron(self):
        if not VerouderdePeriode.objects.exists():
            for code in CODES:
                _vergelijk(REGISTER[code])


def test_rollup_is_na_elke_reeks_cel_voor_cel_de_bron(route):
    """Issue 18 §1–2 (module docstring)."""
    run_state_machine_as_test(
        lambda: Rollupmachine(route),
        settings=settings(
            max_examples=3,
            stateful_step_count=6,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
            database=None,
        ),
    )
