"""The ledger state machine (R-B7) shared by the property tests: random sequences of real
operations (allocate, start, stop, withdraw, adjust, declare, credit, late line, replay, release,
time passing) through the domain services, the ledger checked after every step. Used by
tests/test_grootboek_eigenschappen.py and extended by tests/test_duurzaam_per_jaar.py (R-T9);
a builder, because a test module never imports another (tests/test_testopbouw.py)."""

from __future__ import annotations

import contextlib
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from jeugdregie.budgetten.models import Budgetstand
from jeugdregie.budgetten.services.grootboek import geef_verlopen_vrij
from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.common.errors import DomainError
from jeugdregie.common.money import euro
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.declaraties.services.intake import verwerk_declaratie
from jeugdregie.declaraties.services.invoer import RegelInvoer
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services import screen_verwijzing, start_zorg, stop_zorg, trek_toewijzing_in
from jeugdregie.toewijzingen.services.aanpassen import _pas_budget_aan
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze

from ..factories import JeugdigeFactory
from ..klok import op_de_dag
from .declaraties import creditregel
from .grootboek import NUL, TZ, controleer_grootboeken
from .route import verwijs

TARIEF_TG3 = Decimal("86.00")


def _maandgrenzen(jaar: int, maand: int) -> tuple[date, date]:
    begin = date(jaar, maand, 1)
    return begin, (begin.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


class Grootboekmachine(RuleBasedStateMachine):
    """One region (the ``route`` fixture), random decisions and intakes, one clock."""

    toewijzingen = Bundle("toewijzingen")
    debets = Bundle("debets")

    def __init__(self, route):
        super().__init__()
        self.route = route
        self.aanbieder = route["gebruikers"]["aanbieder"]
        self.toegang = route["gebruikers"]["toegang"]
        self.klok = date(2026, 3, 2)
        self.volgnummer = 0
        self.laatste = None
        self.savepoint = transaction.savepoint()

    def teardown(self):
        transaction.savepoint_rollback(self.savepoint)

    def _moment(self) -> datetime:
        return datetime.combine(self.klok, time(10, 0), tzinfo=TZ)

    def _dien_in(self, regels: list[RegelInvoer], nummer: str | None = None):
        self.volgnummer += 1
        nummer = nummer or f"D-{self.volgnummer}"
        declaratie = verwerk_declaratie(
            aanbieder=self.aanbieder.aanbieder,
            gemeente=self.route["zwolle"],
            nummer=nummer,
            regels=regels,
            door=self.aanbieder,
            ingediend_op=self._moment(),
        )
        self.laatste = (nummer, regels)
        return declaratie

    @rule(
        target=toewijzingen,
        kort=st.booleans(),
        offerte=st.one_of(st.none(), st.decimals(min_value="100", max_value="5000", places=2)),
    )
    def wijs_toe(self, kort, offerte):
        """The toegang refers (standard level 3, or an offerte of any amount in cents), the provider
        accepts: the allocation and its ledger are made."""
        extra = {}
        if offerte is not None:
            extra["budget"] = BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=None, offerte_bedrag=offerte)
        # one keuzebudget at a time per child at a provider (TW026, iJw TR302): each its own child
        extra["jeugdige"] = JeugdigeFactory(gemeente=self.route["zwolle"])
        verwijzing = verwijs(self.route, datum=self.klok - timedelta(days=1) if kort else self.klok, **extra)
        with op_de_dag(verwijzing.datum):
            screen_verwijzing(verwijzing=verwijzing, uitkomst="geaccepteerd", door=self.aanbieder)
        return Toewijzing.objects.get(verwijzing=verwijzing).pk

    @rule(toewijzing=toewijzingen)
    def start(self, toewijzing):
        tw = Toewijzing.objects.get(pk=toewijzing)
        with contextlib.suppress(DomainError):
            start_zorg(
                verwijzing=tw.verwijzing,
                startdatum=max(tw.begindatum, self.klok - timedelta(days=5)),
                door=self.aanbieder,
            )

    @rule(toewijzing=toewijzingen)
    def stop(self, toewijzing):
        tw = Toewijzing.objects.get(pk=toewijzing)
        with contextlib.suppress(DomainError), op_de_dag(self.klok):  # reported on the day (R-B7)
            stop_zorg(
                toewijzing=tw,
                stopdatum=min(self.klok, tw.einddatum),
                reden="31",
                resultaatscore="behaald",
                overleg_met_verwijzer=True,
                door=self.aanbieder,
            )

    @rule(toewijzing=toewijzingen)
    def trek_in(self, toewijzing):
        with contextlib.suppress(DomainError):
            trek_toewijzing_in(toewijzing=Toewijzing.objects.get(pk=toewijzing), door=self.toegang)

    @rule(
        toewijzing=toewijzingen,
        bedrag=st.one_of(
            st.sampled_from(["750", "1500", "3000", "4500", "7500"]),
            st.decimals(min_value="1", max_value="9000", places=2).map(str),
        ),
    )
    def pas_aan(self, toewijzing, bedrag):
        """A granted adjustment sets a new keuzebudget total (R-A5): the ledger follows it, or
        refuses it below what is approved, and then nothing changes."""
        tw = Toewijzing.objects.select_related("keuzebudget").get(pk=toewijzing)
        try:
            with transaction.atomic():
                _pas_budget_aan(tw.keuzebudget, Decimal(bedrag), None)
        except DomainError as fout:
            assert fout.code in ("BUD001", "BUD003", "BUD004")

    @rule(
        target=debets,
        toewijzing=toewijzingen,
        maand=st.integers(-1, 13),
        uren=st.decimals(min_value="0.25", max_value="30", places=2),
    )
    def declareer(self, toewijzing, maand, uren):
        """A debit line for a month near the allocation (before, inside, after, late or early)."""
        tw = Toewijzing.objects.select_related("jeugdige").get(pk=toewijzing)
        jaar, maand_nr = divmod(tw.begindatum.month - 1 + maand, 12)
        begin, einde = _maandgrenzen(tw.begindatum.year + jaar, maand_nr + 1)
        referentie = f"R-{self.volgnummer + 1}"
        volume = Decimal(uren)
        declaratie = self._dien_in(
            [
                RegelInvoer(
                    referentie=referentie,
                    bsn=tw.jeugdige.bsn,
                    toewijzing=tw.pk,
                    product="45A03",
                    begindatum=max(begin, tw.begindatum) if maand == 0 else begin,
                    einddatum=einde,
                    volume=volume,
                    eenheid="uur",
                    bedrag=euro(volume * TARIEF_TG3),
                )
            ]
        )
        regel = declaratie.regels.get()
        return regel.pk if regel.status == "goedgekeurd" else None

    @rule(debet=debets)
    def crediteer(self, debet):
        if debet is None:
            return
        regel = Declaratieregel.objects.get(pk=debet)
        self._dien_in([creditregel(regel, f"C-{self.volgnummer + 1}")])

    @rule()
    def herhaal(self):
        """A replay of the last declaration returns the first outcome and books nothing."""
        if self.laatste is None:
            return
        voor = list(Budgetstand.objects.order_by("pk").values_list("goedgekeurd", flat=True))
        nummer, regels = self.laatste
        self.volgnummer -= 1
        self._dien_in(regels, nummer=nummer)
        assert list(Budgetstand.objects.order_by("pk").values_list("goedgekeurd", flat=True)) == voor

    @rule(dagen=st.integers(1, 120))
    def tijd_verstrijkt(self, dagen):
        self.klok += timedelta(days=dagen)

    @rule()
    def geef_vrij(self):
        """The scheduled release (R-B7); running it twice releases nothing more."""
        geef_verlopen_vrij(op=self.klok)
        assert geef_verlopen_vrij(op=self.klok).bedrag == NUL

    @invariant()
    def grootboek_klopt(self):
        controleer_grootboeken()
