"""R-P4, R-S3 as an invariant for the GP route (issue 19 §4 opened the referral form to the GP;
the review found "register to gain access"): random sequences of real operations through the
domain services — the GP referring a child by a known or an unknown BSN, the chosen provider
accepting or refusing what waits for its screening, the toegang honouring the GP's submission,
time passing — with after every step, for one child of Zwolle the GP has no relation with:

- the GP reads the child only after the toegang decided on one of its submissions (honoured it):
  its own registrations and the provider's answers never give sight;
- the GP has no notification about the child before that decision (a refusal notice would tell
  it the BSN is known);
- a submission with an unknown BSN creates no young person and no referral.

Each example runs inside a savepoint that is rolled back afterwards."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, multiple, rule, run_state_machine_as_test

from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.common.errors import DomainError
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.toewijzingen.constants import ScreeningUitkomst
from jeugdregie.toewijzingen.services.screenen import screen_verwijzing
from jeugdregie.verwijzingen.constants import VerwijzingStatus
from jeugdregie.verwijzingen.models import Aanmelding, Melding, Verwijzing
from jeugdregie.verwijzingen.services.aanmelden import honoreer_aanmelding, meld_aan
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze

from .factories import JeugdigeFactory
from .klok import op_de_dag

HERSTEL_2 = BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=2)  # a GP's choice (R-T6)
ONBEKEND = "111222333"


class Huisartsmachine(RuleBasedStateMachine):
    aanmeldingen = Bundle("aanmeldingen")

    def __init__(self, route):
        super().__init__()
        self.savepoint = transaction.savepoint()
        self.route = route
        self.huisarts = route["gebruikers"]["huisarts"]
        self.kind = JeugdigeFactory(gemeente=route["zwolle"], voornamen="Gijs", achternaam="Geheim")
        self.besloten = False  # the toegang honoured a submission of the GP for this child
        self.klok = date(2026, 3, 2)
        self.jeugdigen = Jeugdige.objects.count()

    def teardown(self):
        transaction.savepoint_rollback(self.savepoint)

    @rule(target=aanmeldingen, bekend=st.booleans(), wie=st.sampled_from(["aanbieder", "andere_aanbieder"]))
    def huisarts_verwijst(self, bekend, wie):
        try:
            with op_de_dag(self.klok), transaction.atomic():
                uitkomst = meld_aan(
                    bsn=self.kind.bsn if bekend else ONBEKEND,
                    aanbieder=self.route[wie],
                    resultaten=["Weer naar school."],
                    budget=HERSTEL_2,
                    datum=self.klok,
                    door=self.huisarts,
                )
        except DomainError:  # a rule on the submission itself: nothing stored
            return multiple()
        return (bekend, uitkomst.aanmelding.pk)

    @rule(accepteren=st.booleans())
    def aanbieder_screent(self, accepteren):
        """The chosen provider answers, in good faith, whatever of this child waits for it."""
        for verwijzing in Verwijzing.objects.filter(jeugdige=self.kind, status=VerwijzingStatus.TE_SCREENEN):
            gebruiker = (
                self.route["gebruikers"]["aanbieder"]
                if verwijzing.aanbieder_id == self.route["aanbieder"].pk
                else self.route["gebruikers"]["andere_aanbieder"]
            )
            try:
                with op_de_dag(self.klok), transaction.atomic():
                    screen_verwijzing(
                        verwijzing=verwijzing,
                        uitkomst=ScreeningUitkomst.GEACCEPTEERD if accepteren else ScreeningUitkomst.TE_ZWAAR,
                        door=gebruiker,
                        toelichting="" if accepteren else "Te zwaar voor onze expertise.",
                    )
            except DomainError:
                continue

    @rule(aanmelding=aanmeldingen)
    def toegang_honoreert(self, aanmelding):
        bekend, pk = aanmelding
        try:
            with op_de_dag(self.klok), transaction.atomic():
                honoreer_aanmelding(
                    aanmelding=Aanmelding.objects.get(pk=pk),
                    door=self.route["gebruikers"]["toegang"],
                    motivering_afwijking="Getoetst door de toegang.",
                )
        except DomainError:  # decided already, registered at once, or an unknown BSN
            return
        assert bekend, "an unknown BSN cannot be honoured before the child is registered"
        self.besloten = True

    @rule(dagen=st.integers(min_value=1, max_value=60))
    def tijd_verstrijkt(self, dagen):
        self.klok += timedelta(days=dagen)

    @invariant()
    def geen_zicht_en_geen_nieuws_zonder_besluit_van_de_toegang(self):
        if self.besloten:
            return
        with op_de_dag(self.klok):
            assert not Jeugdige.objects.voor_gebruiker(self.huisarts).filter(pk=self.kind.pk).exists(), (
                "the GP reads the child without a decision of the toegang"
            )
        assert not Melding.objects.filter(aan_verwijzer=self.route["huisarts"], jeugdige=self.kind).exists(), (
            "the GP hears about the child (so: that its BSN is known) without a decision of the toegang"
        )

    @invariant()
    def onbekend_bsn_maakt_niets_aan(self):
        assert Jeugdige.objects.count() == self.jeugdigen
        assert not Verwijzing.objects.filter(jeugdige__bsn=ONBEKEND).exists()


@pytest.mark.slow
@pytest.mark.django_db
def test_huisarts_krijgt_zicht_en_nieuws_alleen_door_een_besluit_van_de_toegang(route):
    """R-P4, R-S3 under random sequences (module docstring)."""
    run_state_machine_as_test(
        lambda: Huisartsmachine(route),
        settings=settings(
            max_examples=25,
            stateful_step_count=15,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
            database=None,
        ),
    )
