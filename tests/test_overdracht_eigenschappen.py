"""R-D3 as an invariant, not a case (issue 20 §5, round-1 gap 5): random sequences of real
operations on one young person, through the domain services only: allocate (by the toegang of
the municipality responsible that day, so also the new one after a move), start care, declare,
credit, move (ahead or recorded after the fact), end an old allocation in the handover, close
the handover, record and decide a dispute, time passing. On SQLite and on PostgreSQL.

After every step:
- every day has exactly one residence row, so the rule (``jeugdigen.woonplaatsbeginsel``) names
  exactly one responsible municipality for each day of care;
- each day of care of a running allocation belongs to an allocation of that municipality, or the
  allocation is an old one that an open handover line still has to end (the window the handover
  exists for);
- no approved, uncredited debit line lies after its allocation's end;
- the budget ledger of every allocation equals the allocated amount (``toegewezen_bedrag``) and
  holds the R-B7 invariants (``controleer_grootboeken``);
- only the toegang of the municipality responsible today finds the child in the register. By
  design the old municipality does not keep the child after the moving day: it sees the handover
  itself (both municipalities' toegang, nobody else) until and after it closes.
Each example runs inside a savepoint that is rolled back afterwards."""

from __future__ import annotations

import os
from collections import Counter
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from django.db import transaction
from django.db.models import F
from hypothesis import HealthCheck, seed, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    rule,
    run_state_machine_as_test,
)

from jeugdregie.budgetten.models import Budgetstand
from jeugdregie.common.errors import DomainError
from jeugdregie.common.money import euro
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.declaraties.services.intake import verwerk_declaratie
from jeugdregie.declaraties.services.invoer import RegelInvoer
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.jeugdigen.services import registreer_verhuizing
from jeugdregie.jeugdigen.woonplaatsbeginsel import bepaal, bewoningen, verblijven
from jeugdregie.overdracht.models import Geschil, Overdracht, OverdrachtToewijzing
from jeugdregie.overdracht.services import (
    beeindig_oude_toewijzing,
    beslis_geschil,
    bevestig_verhuisdatum,
    registreer_geschil,
    rond_overdracht_af,
)
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services import screen_verwijzing, start_zorg
from jeugdregie.toewijzingen.services.bedrag import toegewezen_bedrag
from jeugdregie.verwijzingen.models import Verwijzing

from .builders.declaraties import creditregel
from .builders.grootboek import TZ, controleer_grootboeken
from .builders.route import verwijs
from .factories import JeugdigeFactory
from .klok import op_de_dag

TARIEF_TG3 = Decimal("86.00")
EEN_DAG = timedelta(days=1)
#: What the runs reached, so a run that never moved or ended anything fails instead of passing.
BEREIKT: Counter[str] = Counter()


def event(wat: str) -> None:
    BEREIKT[wat] += 1


def _maand(dag: date) -> tuple[date, date]:
    begin = dag.replace(day=1)
    return begin, (begin.replace(day=28) + timedelta(days=4)).replace(day=1) - EEN_DAG


class Overdrachtmachine(RuleBasedStateMachine):
    """Two municipalities (Zwolle, Deventer), two providers, one child, one clock."""

    toewijzingen = Bundle("toewijzingen")
    debets = Bundle("debets")

    def __init__(self, route):
        super().__init__()
        self.savepoint = transaction.savepoint()
        self.route = route
        self.jeugdige = JeugdigeFactory(gemeente=route["zwolle"])
        self.klok = date(2026, 3, 2)
        self.volgnummer = 0
        self.toegang = {
            route["zwolle"].pk: route["gebruikers"]["toegang"],
            route["deventer"].pk: route["gebruikers"]["toegang_andere_gemeente"],
        }
        self.toegang_sleutel = {route["zwolle"].pk: "toegang", route["deventer"].pk: "toegang_andere_gemeente"}
        self.aanbieder = {route[s].pk: route["gebruikers"][s] for s in ("aanbieder", "andere_aanbieder")}

    def teardown(self):
        transaction.savepoint_rollback(self.savepoint)

    @contextmanager
    def _vandaag(self):
        with op_de_dag(self.klok):
            yield

    def _verantwoordelijk(self, dag: date) -> int | None:
        return bepaal(bewoningen(self.jeugdige), verblijven(self.jeugdige.pk), dag).gemeente_id

    def _moment(self) -> datetime:
        return datetime.combine(self.klok, time(10, 0), tzinfo=TZ)

    # --- operations ----------------------------------------------------------------------------

    @initialize(target=toewijzingen)
    def lopende_zorg(self):
        """Every sequence starts with care running: Zwolle allocates, the provider starts, and
        some weeks pass (so months can be declared)."""
        with self._vandaag():
            verwijzing = verwijs(self.route, jeugdige=self.jeugdige, datum=self.klok)
            screen_verwijzing(
                verwijzing=verwijzing, uitkomst="geaccepteerd", door=self.route["gebruikers"]["aanbieder"]
            )
            toewijzing = start_zorg(
                verwijzing=verwijzing, startdatum=self.klok, door=self.route["gebruikers"]["aanbieder"]
            )
        self.klok += timedelta(days=45)
        return toewijzing.pk

    @rule(target=toewijzingen, aanbieder=st.sampled_from(["aanbieder", "andere_aanbieder"]), kort=st.booleans())
    def wijs_toe(self, aanbieder, kort):
        """The toegang of the municipality responsible today refers; the provider accepts."""
        gemeente = self._verantwoordelijk(self.klok)
        try:
            with self._vandaag(), transaction.atomic():
                verwijzing = verwijs(
                    self.route,
                    door=self.toegang_sleutel[gemeente],
                    jeugdige=self.jeugdige,
                    aanbieder=aanbieder,
                    datum=self.klok - EEN_DAG if kort else self.klok,
                )
                screen_verwijzing(
                    verwijzing=verwijzing, uitkomst="geaccepteerd", door=self.route["gebruikers"][aanbieder]
                )
        except DomainError as fout:
            event(f"geweigerd {fout.code}: {fout.message[:70]}")
            return multiple()
        toewijzing = Toewijzing.objects.get(verwijzing=verwijzing)
        event("toegewezen")
        assert toewijzing.gemeente_id == gemeente  # R-D3: the responsible municipality allocates
        return toewijzing.pk

    @rule(toewijzing=toewijzingen, dagen=st.integers(0, 10))
    def start(self, toewijzing, dagen):
        tw = Toewijzing.objects.get(pk=toewijzing)
        try:
            with self._vandaag(), transaction.atomic():
                start_zorg(
                    toewijzing=tw,
                    startdatum=max(tw.begindatum, self.klok - timedelta(days=dagen)),
                    door=self.aanbieder[tw.aanbieder_id],
                )
        except DomainError as fout:
            event(f"geweigerd {fout.code}: {fout.message[:70]}")
            pass

    @rule(target=debets, toewijzing=toewijzingen, maand=st.integers(-1, 4), uren=st.integers(1, 12))
    def declareer(self, toewijzing, maand, uren):
        """A debit line for a month near the allocation (inside, after a move, after the end)."""
        tw = Toewijzing.objects.select_related("jeugdige", "gemeente").get(pk=toewijzing)
        begin, einde = _maand(tw.begindatum.replace(day=1) + timedelta(days=31 * maand + 1))
        begin = max(begin, tw.begindatum) if maand == 0 else begin
        if einde >= self.klok:  # only months that ended: a period in the future is refused (DEC011)
            return None
        self.volgnummer += 1
        volume = Decimal(uren)
        try:
            with self._vandaag(), transaction.atomic():
                declaratie = verwerk_declaratie(
                    aanbieder=tw.aanbieder,
                    gemeente=tw.gemeente,
                    nummer=f"D-{self.volgnummer}",
                    regels=[
                        RegelInvoer(
                            referentie=f"R-{self.volgnummer}",
                            bsn=tw.jeugdige.bsn,
                            toewijzing=tw.pk,
                            product="45A03",
                            begindatum=begin,
                            einddatum=einde,
                            volume=volume,
                            eenheid="uur",
                            bedrag=euro(volume * TARIEF_TG3),
                        )
                    ],
                    door=self.aanbieder[tw.aanbieder_id],
                    ingediend_op=self._moment(),
                )
        except DomainError as fout:
            event(f"geweigerd {fout.code}: {fout.message[:70]}")
            return None
        regel = declaratie.regels.get()
        event(f"regel {regel.status} {regel.afkeur}")
        return regel.pk if regel.status == "goedgekeurd" else None

    @rule(debet=debets)
    def crediteer(self, debet):
        """The provider credits an approved line (e.g. care after the moving day, to be declared
        to the new municipality)."""
        if debet is None:
            return
        if not Declaratieregel.objects.filter(pk=debet, creditregel__isnull=True).exists():
            return
        regel = Declaratieregel.objects.select_related("toewijzing__jeugdige", "toewijzing__gemeente").get(pk=debet)
        self.volgnummer += 1
        try:
            with self._vandaag(), transaction.atomic():
                verwerk_declaratie(
                    aanbieder=regel.toewijzing.aanbieder,
                    gemeente=regel.toewijzing.gemeente,
                    nummer=f"C-{self.volgnummer}",
                    regels=[creditregel(regel, f"C-{self.volgnummer}")],
                    door=self.aanbieder[regel.toewijzing.aanbieder_id],
                    ingediend_op=self._moment(),
                )
        except DomainError as fout:
            event(f"geweigerd {fout.code}: {fout.message[:70]}")
            pass

    @rule(dagen=st.integers(-45, 20))
    def verhuis(self, dagen):
        """The BRP reports a move to the other municipality, ahead or after the fact (never before
        the current residence began: that is refused, JGD004)."""
        huidig = self.jeugdige.woonplaatsen.get(einddatum__isnull=True)
        naar = self.route["deventer"] if huidig.gemeente_id == self.route["zwolle"].pk else self.route["zwolle"]
        per = max(self.klok + timedelta(days=dagen), huidig.begindatum + timedelta(days=1))
        try:
            with self._vandaag(), transaction.atomic():
                registreer_verhuizing(jeugdige=self.jeugdige, gemeente=naar, per=per)
            event(f"verhuisd, overdrachten: {Overdracht.objects.count()}")
        except DomainError as fout:
            event(f"geweigerd {fout.code}: {fout.message[:70]}")
            pass

    @rule(keuze=st.integers(0, 5))
    def beeindig_oud(self, keuze):
        """The old municipality's toegang ends an old allocation of an open handover; a refusal
        (care after the moving day approved, …) changes nothing."""
        open_ = list(OverdrachtToewijzing.objects.filter(beeindigd_op__isnull=True).select_related("overdracht"))
        if not open_:
            return
        regel = open_[keuze % len(open_)]
        voor = Toewijzing.objects.values_list("einddatum", "status").get(pk=regel.toewijzing_id)
        overdracht = regel.overdracht
        tw = Toewijzing.objects.get(pk=regel.toewijzing_id)
        einde = tw.stopdatum_zorg if tw.status == "gestopt" and tw.stopdatum_zorg else tw.einddatum
        # a day from the move on has come, on an allocation that still holds days from the move on
        gegeven_zorg = (
            tw.status != "ingetrokken"
            and einde >= overdracht.verhuisdatum
            and max(overdracht.verhuisdatum, tw.begindatum) <= self.klok
        )
        try:
            with self._vandaag():
                beeindig_oude_toewijzing(regel=regel, door=self.toegang[overdracht.van_gemeente_id])
            event("oude toewijzing beëindigd" + (" na bevestiging" if gegeven_zorg else ""))
            # R-D3: the old municipality alone never passes care already given to the new one
            assert not gegeven_zorg or overdracht.verhuisdatum_bevestigd_op is not None
        except DomainError as fout:
            assert fout.code != "TW040" or (gegeven_zorg and overdracht.verhuisdatum_bevestigd_op is None)
            event(f"beëindigen geweigerd {fout.code}: {fout.message[:70]}")
            assert Toewijzing.objects.values_list("einddatum", "status").get(pk=regel.toewijzing_id) == voor
            assert OverdrachtToewijzing.objects.get(pk=regel.pk).beeindigd_op is None

    @rule(keuze=st.integers(0, 5), door_oude=st.booleans())
    def bevestig(self, keuze, door_oude):
        """R-D3: the new municipality confirms the moving day; the old one never can (refused,
        nothing changes)."""
        open_ = list(Overdracht.objects.filter(status="open").order_by("pk"))
        if not open_:
            return
        overdracht = open_[keuze % len(open_)]
        wie = overdracht.van_gemeente_id if door_oude else overdracht.naar_gemeente_id
        voor = overdracht.verhuisdatum_bevestigd_op
        try:
            with self._vandaag():
                bevestig_verhuisdatum(overdracht=overdracht, door=self.toegang[wie])
            event("verhuisdatum bevestigd")
            assert not door_oude
        except DomainError as fout:
            event(f"bevestigen geweigerd {fout.code}")
            assert Overdracht.objects.get(pk=overdracht.pk).verhuisdatum_bevestigd_op == voor

    @rule(keuze=st.integers(0, 5), met_verwijzing=st.booleans())
    def rond_af(self, keuze, met_verwijzing):
        open_ = list(Overdracht.objects.filter(status="open").order_by("pk"))
        if not open_:
            return
        overdracht = open_[keuze % len(open_)]
        nieuw = (
            Verwijzing.objects.filter(
                jeugdige=self.jeugdige, gemeente_id=overdracht.naar_gemeente_id, datum__gte=overdracht.verhuisdatum
            )
            .order_by("pk")
            .first()
            if met_verwijzing
            else None
        )
        try:
            with self._vandaag():
                rond_overdracht_af(
                    overdracht=overdracht,
                    door=self.toegang[overdracht.naar_gemeente_id],
                    nieuwe_verwijzing=nieuw,
                    toelichting="" if nieuw else "Geen nieuwe hulp nodig.",
                )
            event(f"overdracht afgerond {'met' if nieuw else 'zonder'} verwijzing")
        except DomainError as fout:
            event(f"geweigerd {fout.code}: {fout.message[:70]}")
            assert Overdracht.objects.get(pk=overdracht.pk).status == "open"

    @rule(keuze=st.integers(0, 5), door_nieuwe=st.booleans(), beslis=st.booleans())
    def geschil(self, keuze, door_nieuwe, beslis):
        """Either municipality disputes a handover; an open dispute is decided."""
        alle = list(Overdracht.objects.order_by("pk"))
        if not alle:
            return
        overdracht = alle[keuze % len(alle)]
        open_geschil = Geschil.objects.filter(overdracht=overdracht, status="open").first()
        gemeente = overdracht.naar_gemeente_id if door_nieuwe else overdracht.van_gemeente_id
        with self._vandaag():
            if beslis and open_geschil is not None:
                # the filer withdraws; the other municipality records the agreed outcome
                indiener = open_geschil.ingediend_door_gemeente_id
                ander = (
                    overdracht.naar_gemeente_id
                    if indiener == overdracht.van_gemeente_id
                    else overdracht.van_gemeente_id
                )
                beslis_geschil(
                    geschil=open_geschil,
                    uitkomst="ingetrokken" if gemeente == indiener else "nieuwe_gemeente",
                    toelichting="De BRP-inschrijving is juist.",
                    door=self.toegang[indiener if gemeente == indiener else ander],
                )
            else:
                registreer_geschil(
                    overdracht=overdracht, omschrijving="Woont feitelijk nog elders.", door=self.toegang[gemeente]
                )

    @rule(dagen=st.integers(1, 60))
    def tijd_verstrijkt(self, dagen):
        self.klok += timedelta(days=dagen)

    # --- invariants ----------------------------------------------------------------------------

    @invariant()
    def een_verantwoordelijke_gemeente_per_dag_van_zorg(self):
        """R-D3: one residence row per day, so one responsible municipality per day of care; each
        day of care is that municipality's, unless an open handover line still has to end it."""
        rijen = bewoningen(self.jeugdige)
        for vorige, volgende in pairwise(rijen):
            assert vorige.einddatum is not None and vorige.einddatum + EEN_DAG == volgende.begindatum, rijen
        assert rijen[-1].einddatum is None
        nog_te_beeindigen = set(
            OverdrachtToewijzing.objects.filter(beeindigd_op__isnull=True).values_list("toewijzing_id", flat=True)
        )
        stays = verblijven(self.jeugdige.pk)
        for t in Toewijzing.objects.filter(jeugdige=self.jeugdige).exclude(status="ingetrokken"):
            einde = t.stopdatum_zorg if t.status == "gestopt" and t.stopdatum_zorg else t.einddatum
            dag = t.begindatum
            while dag <= einde:
                gemeente = bepaal(rijen, stays, dag).gemeente_id
                assert gemeente is not None
                if gemeente != t.gemeente_id:
                    assert t.pk in nog_te_beeindigen, (t.pk, dag, gemeente, t.gemeente_id)
                dag += EEN_DAG

    @invariant()
    def geen_goedgekeurde_zorg_na_het_einde(self):
        """R-D3 with R-B7: no approved, uncredited debit line lies after its allocation's end."""
        na_einde = Declaratieregel.objects.filter(
            toewijzing__jeugdige=self.jeugdige,
            status="goedgekeurd",
            debet_credit="D",
            creditregel__isnull=True,
        ).filter(einddatum__gt=F("toewijzing__einddatum"))
        assert not na_einde.exists(), list(na_einde.values("referentie", "einddatum", "toewijzing__einddatum"))

    @invariant()
    def grootboek_gelijk_aan_toewijzingen(self):
        """R-B7: each ledger holds the allocated amount (a move shortens the period, never the
        money of a keuzebudget), and the ledger invariants hold."""
        for t in Toewijzing.objects.filter(jeugdige=self.jeugdige).exclude(status="ingetrokken"):
            stand = Budgetstand.objects.get(toewijzing=t)
            assert stand.toegewezen == toegewezen_bedrag(t), (t.pk, stand.toegewezen)
        controleer_grootboeken()

    @invariant()
    def alleen_de_verantwoordelijke_toegang_ziet_de_jeugdige(self):
        """R-D3 with R-P4: the register's scope follows the rule; a handover is seen by the toegang
        of its two municipalities only."""
        with self._vandaag():
            verantwoordelijk = self._verantwoordelijk(self.klok)
            for gemeente_id, gebruiker in self.toegang.items():
                ziet = Jeugdige.objects.voor_gebruiker(gebruiker).filter(pk=self.jeugdige.pk).exists()
                assert ziet == (gemeente_id == verantwoordelijk), (gemeente_id, verantwoordelijk)
                zichtbaar = set(Overdracht.objects.voor_gebruiker(gebruiker).values_list("pk", flat=True))
                assert zichtbaar == set(Overdracht.objects.filter(jeugdige=self.jeugdige).values_list("pk", flat=True))
            for wie in ("aanbieder", "financieel", "huisarts"):
                assert not Overdracht.objects.voor_gebruiker(self.route["gebruikers"][wie]).exists()


@pytest.mark.slow
@pytest.mark.django_db
def test_woonplaatsbeginsel_invariant_onder_willekeurige_reeksen(route):
    """R-D3, R-B7, R-P4: after every step of a random sequence of real operations (module
    docstring) the invariants hold, on SQLite and PostgreSQL."""
    BEREIKT.clear()
    # a fixed seed: the same sequences on every run, so a landing does not depend on a draw. What
    # random runs found is kept as regression tests (tests/test_i20_bevestiging_verhuisdatum.py);
    # explore other sequences with OVERDRACHT_SEED=<n>
    run_state_machine_as_test(
        seed(int(os.environ.get("OVERDRACHT_SEED", "20261206")))(lambda: Overdrachtmachine(route)),
        settings=settings(
            max_examples=25,
            # random like every other run: the CI profile of hypothesis (derandomize) happens to pick
            # sequences that never end a handover, and the not-vacuous check below needs one
            derandomize=False,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
            database=None,
        ),
    )
    print(sorted(BEREIKT.items()))
    # not vacuous: the runs moved the child with care running, so handovers opened and were worked on
    assert any(wat.startswith("verhuisd, overdrachten: ") and not wat.endswith(" 0") for wat in BEREIKT), BEREIKT
    # … and the old allocations were ended, or their end refused with nothing changed (asserted in
    # the rule); random runs end one in about two of three (the ending itself: tests/test_overdracht.py)
    beeindigen = [
        wat for wat in BEREIKT if wat == "oude toewijzing beëindigd" or wat.startswith("beëindigen geweigerd")
    ]
    assert beeindigen, BEREIKT
