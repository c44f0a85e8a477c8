"""R-P4 as an invariant, not a case: random sequences of real operations — providers submitting
a GP-route referral for a known or an unknown BSN, the toegang referring a child to a provider or
honouring or refusing a submission, and time passing — through the domain services, with after
every step, for two providers and one child of Zwolle without any earlier involvement:

- a provider reads the child only after a municipal decision named it (a referral by the toegang,
  or a submission the toegang honoured): registering never grants sight (self-granted column);
- it reads the child from that decision until the relation has clearly run out: the referral's
  keuzebudget period (one year for herstel 3) and then the region's declaration window; after
  that, with no newer decision, it no longer does (after-the-relation-ended column);
- a submission with an unknown BSN creates no young person and no referral;
- the crisisdienst reporting a crisis by BSN, assessing it and requesting crisisopvolging
  (R-C1–R-C3) never reads the child: only the toegang's allocation would relate it, and the
  machine makes none for the crisisdienst.

Each example runs inside a savepoint that is rolled back afterwards."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, multiple, rule, run_state_machine_as_test

from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.crisis.services import (
    beoordeel_crisis,
    registreer_crisismelding,
    vraag_crisisopvolging_aan,
)
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.organisaties.regelset import regels
from jeugdregie.verwijzingen.models import Aanmelding, Verwijzing
from jeugdregie.verwijzingen.services import registreer_verwijzing
from jeugdregie.verwijzingen.services.aanmelden import honoreer_aanmelding, meld_aan, wijs_aanmelding_af
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze

from .factories import JeugdigeFactory
from .klok import op_de_dag, op_het_moment

HERSTEL_3 = BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=3)
HERSTEL_2 = BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=2)  # a GP's choice (R-T6)
ONBEKEND = "111222333"
#: Sight must hold this long after a decision (inside the keuzebudget's year) ...
ZEKER_ZICHTBAAR = timedelta(days=300)
#: ... and must be gone this long after it: the year, the declaration window and a margin.
ZEKER_VERLOPEN_NA_WINDOW = timedelta(days=366 + 10)


class Toegangsmachine(RuleBasedStateMachine):
    aanmeldingen = Bundle("aanmeldingen")

    def __init__(self, route):
        super().__init__()
        self.savepoint = transaction.savepoint()
        self.route = route
        self.toegang = route["gebruikers"]["toegang"]
        self.kind = JeugdigeFactory(gemeente=route["zwolle"], voornamen="Kim", achternaam="Kind")
        self.aanbieders = {
            "aanbieder": (route["aanbieder"], route["gebruikers"]["aanbieder"]),
            "andere_aanbieder": (route["andere_aanbieder"], route["gebruikers"]["andere_aanbieder"]),
        }
        self.besluiten: dict[str, list[date]] = {naam: [] for naam in self.aanbieders}
        self.window = timedelta(days=regels(route["zwolle"].regio, date(2026, 3, 2)).declaratietermijn_dagen)
        self.klok = date(2026, 3, 2)
        self.jeugdigen = Jeugdige.objects.count()

    def teardown(self):
        transaction.savepoint_rollback(self.savepoint)

    @rule(target=aanmeldingen, wie=st.sampled_from(["aanbieder", "andere_aanbieder"]), bekend=st.booleans())
    def aanbieder_meldt_aan(self, wie, bekend):
        aanbieder, gebruiker = self.aanbieders[wie]
        try:
            with op_de_dag(self.klok), transaction.atomic():
                uitkomst = meld_aan(
                    bsn=self.kind.bsn if bekend else ONBEKEND,
                    aanbieder=aanbieder,
                    resultaten=["Weer naar school."],
                    budget=HERSTEL_2,
                    datum=self.klok,
                    door=gebruiker,
                    verwijzer=self.route["huisarts"],
                )
        except DomainError:  # a rule on the submission itself (shown on the form): nothing stored
            return multiple()
        return (wie, bekend, uitkomst.aanmelding.pk, self.klok)

    @rule(wie=st.sampled_from(["aanbieder", "andere_aanbieder"]))
    def toegang_verwijst(self, wie):
        aanbieder, _ = self.aanbieders[wie]
        try:
            with op_de_dag(self.klok), transaction.atomic():
                registreer_verwijzing(
                    jeugdige=self.kind,
                    aanbieder=aanbieder,
                    resultaten=["Weer naar school."],
                    budget=HERSTEL_3,
                    datum=self.klok,
                    door=self.toegang,
                )
        except DomainError:
            return
        self.besluiten[wie].append(self.klok)

    @rule(aanmelding=aanmeldingen, honoreren=st.booleans())
    def toegang_beslist(self, aanmelding, honoreren):
        wie, bekend, pk, ingediend = aanmelding
        rij = Aanmelding.objects.get(pk=pk)
        try:
            with op_de_dag(self.klok), transaction.atomic():
                if honoreren:
                    honoreer_aanmelding(
                        aanmelding=rij, door=self.toegang, motivering_afwijking="Getoetst door de toegang."
                    )
                else:
                    wijs_aanmelding_af(aanmelding=rij, reden="Past niet bij de vraag.", door=self.toegang)
        except DomainError:
            return
        if honoreren:
            assert bekend, "an unknown BSN cannot be honoured before the child is registered"
            # the referral keeps the date the GP referred (R-B9: a past event the client states),
            # so its relation runs from that date, not from the day the toegang honoured it
            self.besluiten[wie].append(ingediend)

    @rule(bekend=st.booleans(), opvolging=st.booleans())
    def crisisdienst_meldt(self, bekend, opvolging):
        dienst, gebruiker = self.route["crisisdienst"], self.route["gebruikers"]["crisisdienst"]
        gemeld = datetime.combine(self.klok, time(8, 0), tzinfo=ZoneInfo("Europe/Amsterdam"))
        try:
            with op_het_moment(gemeld), transaction.atomic():  # R-C5: registered as it comes in
                melding = registreer_crisismelding(
                    crisisdienst=dienst,
                    gemeente=self.route["zwolle"],
                    bron="huisarts",
                    gemeld_op=gemeld,
                    bsn=self.kind.bsn if bekend else ONBEKEND,
                    door=gebruiker,
                )
                if opvolging:
                    melding = beoordeel_crisis(
                        melding=melding,
                        beoordeeld_op=gemeld + timedelta(hours=1),
                        hulp_binnen_24_uur=True,
                        uitkomst="crisisopvolging",
                        afhandeling="interventie",
                        door=gebruiker,
                    )
                    vraag_crisisopvolging_aan(
                        melding=melding,
                        aanbieder=dienst,
                        product=Product.objects.get(code="46C02"),
                        startdatum=self.klok,
                        door=gebruiker,
                    )
        except DomainError:  # e.g. no contract any more at a late clock: nothing stored
            return

    @rule(dagen=st.integers(min_value=1, max_value=400))
    def tijd_verstrijkt(self, dagen):
        self.klok += timedelta(days=dagen)

    @invariant()
    def zicht_alleen_door_een_besluit_van_de_gemeente(self):
        with op_de_dag(self.klok):
            for wie, (_, gebruiker) in self.aanbieders.items():
                ziet = Jeugdige.objects.voor_gebruiker(gebruiker).filter(pk=self.kind.pk).exists()
                besluiten = self.besluiten[wie]
                if not besluiten:
                    assert not ziet, f"{wie} reads the child without any decision of the toegang"
                    continue
                laatste = max(besluiten)
                if self.klok <= laatste + ZEKER_ZICHTBAAR:
                    assert ziet, f"{wie} lost sight {self.klok - laatste} after the decision"
                if self.klok > laatste + ZEKER_VERLOPEN_NA_WINDOW + self.window:
                    assert not ziet, f"{wie} still reads the child {self.klok - laatste} after the last decision"

    @invariant()
    def crisisdienst_ziet_het_kind_niet_door_eigen_meldingen(self):
        with op_de_dag(self.klok):
            gebruiker = self.route["gebruikers"]["crisisdienst"]
            assert not Jeugdige.objects.voor_gebruiker(gebruiker).filter(pk=self.kind.pk).exists()

    @invariant()
    def onbekend_bsn_maakt_niets_aan(self):
        assert Jeugdige.objects.count() == self.jeugdigen
        assert not Jeugdige.objects.filter(bsn=ONBEKEND).exists()
        assert not Verwijzing.objects.filter(jeugdige__bsn=ONBEKEND).exists()


@pytest.mark.slow
@pytest.mark.django_db
def test_zicht_op_een_kind_alleen_door_besluiten_onder_willekeurige_reeksen(crisis):
    """R-P4, R-P1: after every step of a random sequence of submissions, crisis reports,
    referrals, decisions and time passing, a provider reads the child exactly while a municipal
    decision relates it (module docstring)."""
    run_state_machine_as_test(
        lambda: Toegangsmachine(crisis),
        settings=settings(
            max_examples=30,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
            database=None,
        ),
    )


def test_onbehandelde_verwijzing_geeft_niet_voor_altijd_zicht(route):
    """R-P4 regression (found by the machine above): a referral by the toegang that the provider
    never screens gave the provider sight of the child for ever. It now lasts while the
    keuzebudget's period runs and the region's window after it."""
    kind = JeugdigeFactory(gemeente=route["zwolle"])
    aanbieder = route["gebruikers"]["andere_aanbieder"]
    with op_de_dag(date(2026, 3, 2)):
        verwijzing = registreer_verwijzing(
            jeugdige=kind,
            aanbieder=route["andere_aanbieder"],
            resultaten=["Weer naar school."],
            budget=HERSTEL_3,
            datum=date(2026, 3, 2),
            door=route["gebruikers"]["toegang"],
        )
    einde = verwijzing.keuzebudget.einddatum
    window = timedelta(days=regels(route["zwolle"].regio, einde).declaratietermijn_dagen)
    for dag, ziet in ((einde, True), (einde + window, True), (einde + window + timedelta(days=1), False)):
        with op_de_dag(dag):
            assert Jeugdige.objects.voor_gebruiker(aanbieder).filter(pk=kind.pk).exists() is ziet, dag
