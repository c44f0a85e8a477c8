"""The ledger state machine (R-B7) shared by the property tests: random sequences of real
operations (allocate, start, stop, withdraw, adjust, declare, credit, late line, replay, release,
time passing, a new rule-set version) through the domain services, the ledger checked after
every step. Used by tests/test_grootboek_eigenschappen.py and extended by
tests/test_duurzaam_per_jaar.py (R-T9); a builder, because a test module never imports another
(tests/test_testopbouw.py).

R-R1: the machine keeps its own model of the region's declaration windows, version by version
(``termijnen``: first day → days), and computes from it, not from the product's rule set, the
day an allocation's window closes: the window of the version valid on the day the window counts
from (the end, or the later day an end dated in the past was recorded), never today's."""

from __future__ import annotations

import contextlib
from bisect import bisect_right
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, multiple, rule

from jeugdregie.budgetten.models import Budgetstand
from jeugdregie.budgetten.services.grootboek import geef_verlopen_vrij
from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.common.errors import DomainError
from jeugdregie.common.money import euro
from jeugdregie.declaraties.constants import Afkeur
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.declaraties.services.intake import verwerk_declaratie
from jeugdregie.declaraties.services.invoer import RegelInvoer
from jeugdregie.organisaties.constants import Foutcode as OrgFout
from jeugdregie.organisaties.models import Regelset
from jeugdregie.organisaties.regelset import stel_regelset_vast
from jeugdregie.toewijzingen.constants import ToewijzingStatus
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
        self.beheerder = route["gebruikers"]["beheerder"]
        self.regio = route["zwolle"].regio
        # R-R1: the model's versions (first day → declaration window), from the region's first on
        self.termijnen = dict(self._termijnen_in_db())
        self.klok = date(2026, 3, 2)
        self.volgnummer = 0
        self.laatste = None
        self.savepoint = transaction.savepoint()

    def teardown(self):
        transaction.savepoint_rollback(self.savepoint)

    def _moment(self) -> datetime:
        return datetime.combine(self.klok, time(10, 0), tzinfo=TZ)

    def _termijnen_in_db(self) -> list[tuple[date, int]]:
        return list(
            Regelset.objects.filter(regio=self.regio)
            .order_by("geldig_vanaf")
            .values_list("geldig_vanaf", "declaratietermijn_dagen")
        )

    def _termijn(self, op: date) -> int:
        """The model's window on ``op``: the version started last on or before it (before the
        first version: the first), as R-R1 defines it."""
        starts = sorted(self.termijnen)
        return self.termijnen[starts[max(bisect_right(starts, op) - 1, 0)]]

    @staticmethod
    def _termijn_vanaf(tw: Toewijzing) -> date | None:
        return Budgetstand.objects.filter(toewijzing=tw).values_list("termijn_vanaf", flat=True).first()

    @staticmethod
    def _termijnbegin(tw: Toewijzing, termijn_vanaf: date | None) -> date:
        """R-B7: the window counts from the end (the stop of care when stopped) or the later day
        an end dated in the past was recorded."""
        einde = tw.stopdatum_zorg if tw.status == ToewijzingStatus.GESTOPT and tw.stopdatum_zorg else tw.einddatum
        return max(einde, termijn_vanaf or einde)

    def _sluitdatum(self, tw: Toewijzing, termijn_vanaf: date | None) -> date:
        """R-B7 with R-R1, from the model: the last day of the window, as long as the model's
        version valid on the day the window counts from says."""
        begin = self._termijnbegin(tw, termijn_vanaf)
        return begin + timedelta(days=self._termijn(begin))

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
        datum = self.klok - timedelta(days=1) if kort else self.klok
        try:
            verwijzing = verwijs(self.route, datum=datum, **extra)
        except DomainError:  # the clock passed the catalog's and the contracts' last year (2027)
            assert datum.year > 2027
            return multiple()
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
        # R-R1: a line passes the window check (approved, or refused later for the budget) exactly
        # when the day of filing is on or before the close the model computes
        sluit = self._sluitdatum(tw, self._termijn_vanaf(tw))
        if regel.status == "goedgekeurd" or regel.afkeur == Afkeur.BUDGET_OVERSCHREDEN:
            assert self.klok <= sluit, (regel.status, regel.afkeur, self.klok, sluit, self.termijnen)
        if regel.afkeur == Afkeur.TERMIJN_VERSTREKEN:
            assert self.klok > sluit, (regel.afkeur, regel.toelichting, self.klok, sluit, self.termijnen)
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

    @rule(toewijzing=toewijzingen, marge=st.integers(-3, 3))
    def wacht_tot_de_sluiting(self, toewijzing, marge):
        """Time passes until around the day the model says an allocation's window closes (R-B7,
        R-R1), where a line is just in time or just too late; the clock never runs back."""
        tw = Toewijzing.objects.get(pk=toewijzing)
        self.klok = max(self.klok, self._sluitdatum(tw, self._termijn_vanaf(tw)) + timedelta(days=marge))

    @rule()
    def geef_vrij(self):
        """The scheduled release (R-B7); running it twice releases nothing more. R-R1: afterwards
        a ledger is released exactly when the model's window closed before today (a ledger
        released earlier stays released)."""
        voor = set(Budgetstand.objects.filter(vrijgegeven_op__isnull=False).values_list("pk", flat=True))
        geef_verlopen_vrij(op=self.klok)
        assert geef_verlopen_vrij(op=self.klok).bedrag == NUL
        for stand in Budgetstand.objects.select_related("toewijzing"):
            gesloten = self._sluitdatum(stand.toewijzing, stand.termijn_vanaf) < self.klok
            if stand.pk not in voor:
                assert (stand.vrijgegeven_op is not None) == gesloten, (stand.pk, self.klok, self.termijnen)

    @rule(
        toewijzing=toewijzingen,
        na=st.integers(-40, 40),
        dagen=st.one_of(st.sampled_from([56, 60, 120, 182]), st.integers(40, 200)),
    )
    def stel_regels_vast(self, toewijzing, na, dagen):
        """R-R1: the functioneel beheerder adopts a version of the rule set with another
        declaration window, through the service, on the clock's day (the server's today), from a
        day near the day an allocation's window counts from, and never before today. A window
        below the iJw minimum, or a replacement of the version that already holds today, is
        refused and nothing changes; otherwise the model takes the version."""
        tw = Toewijzing.objects.get(pk=toewijzing)
        vanaf = max(self.klok, self._termijnbegin(tw, self._termijn_vanaf(tw)) + timedelta(days=na))
        if vanaf == self.klok and vanaf in self.termijnen:
            verwacht = OrgFout.REGELSET_VERLEDEN  # the version that holds today is not replaced
        elif dagen < settings.IJW_DECLARATIETERMIJN_MINIMUM_DAGEN:
            verwacht = OrgFout.DECLARATIETERMIJN
        else:
            verwacht = None
        voor = self._termijnen_in_db()
        try:
            with op_de_dag(self.klok):
                stel_regelset_vast(
                    regio=self.regio,
                    geldig_vanaf=vanaf,
                    waarden={"declaratietermijn_dagen": dagen},
                    door=self.beheerder,
                )
        except DomainError as fout:
            assert fout.code == verwacht, fout
            assert self._termijnen_in_db() == voor
            return
        assert verwacht is None, verwacht
        self.termijnen[vanaf] = dagen

    @invariant()
    def grootboek_klopt(self):
        controleer_grootboeken()

    @invariant()
    def regelset_volgt_het_model(self):
        """R-R1: the region's versions are the model's: each adopted one from its day, none lost."""
        assert self._termijnen_in_db() == sorted(self.termijnen.items())
