"""Five years of monthly declarations for the synthetic trajectories (issue 4 §9, SPEC §8).

From the generated allocations and their monthly deliveries (``Levering``) of IJsselland, up to
the same ``peildatum`` the trajectories were generated with (regio.py):

- one ``Declaratie`` per provider × municipality × month (``SYN-{agb}-{cbs}-{YYYYMM}-1``),
  submitted mostly 5–25 days after the month, ≈8% more than 60 days late (R-V2); a second one
  (``…-2``) a week or more after the first carries its corrections, credits and re-declarations;
- one line per allocation × product × month from the deliveries: volume × the tariff valid on
  the begin date (R-B1, R-B3), for the whole calendar month within the allocation's own period
  (TR387/TR388, R-B8: from the 1st or the allocation's begindatum, to the last day or its
  einddatum; the start and stop of care do not count, OP364); deliveries outside the allocation
  are not declared; a line the provider holds no contract or registration for on every day is
  rejected as the intake does (DEC023/DEC024, R-T2, R-B8);
- for keuzebudgetten that have ended the declared volumes are scaled (in quarter hours, amount
  = volume × tariff kept exact) so that, by rank of the delivered share, ≈76% end at 70–80% of
  the budget (the norm of SPEC §11.3), 20% lower (never scaled up) and 4% at 97–100% (README); running
  allocations are declared as delivered. The deliveries themselves are left as generated;
- ≈2% rejected lines with the code, retourcode and Dutch explanation the intake would store
  (declaraties/services/intake.py, regelcontrole.py): DEC015, DEC021, DEC018, DEC008, DEC009,
  DEC006, DEC010, DEC007, DEC002, DEC001, and DEC016 for attempts to declare beyond a nearly
  spent keuzebudget (DEC018 and DEC021 only when the line they repeat was approved, as the
  intake sees it); rejected lines that are the provider's mistake come back corrected (same
  reference) in the correction declaration; a few approved debits are credited (``credit_van``)
  and re-declared there with the right volume, only while the window is still open then;
- the R-B7 ledger as budgetten.services.grootboek writes it: a ``Budgetstand`` per allocation,
  committed at the allocation date with its allocated amount (``bedrag_van``: keuzebudget, Wonen
  tariff × etmalen, crisisopvolging volume × tariff), withdrawn at a withdrawal, the rest released
  on the first day after the region's declaration window; a ``Budgetmutatie`` per approval and
  credit. Lines are taken in order of submission with the budget check of the ledger and the
  window (DEC022), so the stand never exceeds the budget at any moment;
- approved payment batches per municipality and month of submission (Europe/Amsterdam) that
  take every declaration of the month (``Batchdeclaratie``), with one ``Betaalpost`` per
  provider (net of its approved lines), prepared and approved by two synthetic finance users of the
  municipality (``synthese-financieel-{cbs}-1``/``-2``, inactive, no password: the demo users
  do not exist yet when the generator runs). The last month before the peildatum stays unpaid.

Deterministic per seed, idempotent (nothing is added when the region has declarations), written
in one transaction by bulk.Tabel like the trajectories. Money is in integer cents while
building (``geld`` at the row).
"""

from __future__ import annotations

import functools
import hashlib
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.models import Gebruiker
from jeugdregie.betalingen.constants import BatchStatus
from jeugdregie.betalingen.models import Batchdeclaratie, Betaalbatch, Betaalpost
from jeugdregie.budgetten.constants import Mutatiesoort
from jeugdregie.budgetten.models import Budgetmutatie, Budgetstand
from jeugdregie.catalogus.constants import Eenheid, KeuzebudgetSoort
from jeugdregie.catalogus.models import KeuzebudgetJaar, Product, tarieven_in_regio
from jeugdregie.common import opmaak
from jeugdregie.common.opmaak import getal
from jeugdregie.declaraties.constants import RETOURCODE, Afkeur, DebetCredit, DeclaratieBron, RegelStatus
from jeugdregie.declaraties.models import Declaratie, Declaratieregel
from jeugdregie.declaraties.services.invoer import RegelInvoer
from jeugdregie.organisaties.models import Aanbieder, Gemeente, Regio
from jeugdregie.organisaties.regelset import Tijdlijn
from jeugdregie.organisaties.services import (
    contractperioden,
    eerste_dag_zonder,
    inschrijfperioden,
    vereist_inschrijving,
)
from jeugdregie.toewijzingen.constants import AanpassingReden, AanpassingStatus, ToewijzingStatus
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Levering, Toewijzing
from jeugdregie.toewijzingen.services.bedrag import bedrag_van
from jeugdregie.verwijzingen.services.keuzebudget import standaardbedrag

from .bulk import Tabel, herstel_reeksen, ververs_statistieken
from .regio import Voortgang
from .te_laat import TeLaat, Vertragingen
from .wereld import eerste_van_maand, geld, moment, volgende_maand, volume

P_TE_LAAT = 0.08  # R-V2: declarations more than 60 days after the month
P_API = 0.35  # providers that declare through the API (the others upload)
AANDEEL_LAAG, AANDEEL_VOL = 0.20, 0.04  # ended keuzebudgetten below 70% and at 97–100%
P_POGING = 0.6  # of the nearly spent ones: an attempt beyond the budget (DEC016)
P_FOUT = 0.018  # a provider's mistake in a line
P_CREDIT = 0.003  # an approved debit later credited and re-declared
FOUTEN = {  # weights of the mistakes; DEC015 fits every line and is the fallback
    Afkeur.BEDRAG_ONJUIST: 22,
    Afkeur.DUBBEL_DEBET: 14,
    Afkeur.REFERENTIE_DUBBEL: 12,
    Afkeur.BEGIN_BUITEN_TOEWIJZING: 14,
    Afkeur.EINDE_BUITEN_TOEWIJZING: 8,
    Afkeur.EENHEID_ONJUIST: 8,
    Afkeur.PERIODE_MEER_DAN_MAAND: 7,
    Afkeur.DUURZAAM_UITGESLOTEN: 5,
    Afkeur.CLIENT_ONJUIST: 5,
    Afkeur.TOEWIJZING_ONBEKEND: 5,
}
# corrected by the provider in the correction declaration; the others are extra lines
VERVANGEN = {
    Afkeur.BEDRAG_ONJUIST,
    Afkeur.BEGIN_BUITEN_TOEWIJZING,
    Afkeur.EINDE_BUITEN_TOEWIJZING,
    Afkeur.EENHEID_ONJUIST,
    Afkeur.PERIODE_MEER_DAN_MAAND,
    Afkeur.CLIENT_ONJUIST,
    Afkeur.TOEWIJZING_ONBEKEND,
}
# the outcomes regelcontrole.controleer reaches only after the contract check (_gecontracteerd)
NA_CONTRACT = ("", Afkeur.BEDRAG_ONJUIST, Afkeur.DUBBEL_DEBET)
# a repeated reference or period is rejected only when the line it repeats was approved
NA_ORIGINEEL = (Afkeur.REFERENTIE_DUBBEL, Afkeur.DUBBEL_DEBET)
REGEL_VELDEN = (
    "declaratie_id",
    "aanbieder_id",
    "referentie",
    "volgnummer",
    "jeugdige_id",
    "toewijzing_id",
    "product_id",
    "begindatum",
    "einddatum",
    "volume",
    "eenheid",
    "bedrag",
    "debet_credit",
    "credit_van_id",
    "status",
    "afkeur",
    "retourcode",
    "toelichting",
)
MUTATIE_VELDEN = ("toewijzing_id", "soort", "bedrag", "regel_id", "datum", "tijdstip")
BEEINDIGD = (ToewijzingStatus.GESTOPT, ToewijzingStatus.INGETROKKEN)  # as geef_vrij


@dataclass(frozen=True)
class Inzending:
    """One generated declaration as the provider sent it: what an intake route hands to
    ``declaraties.services.intake.neem_declaraties_in`` (tests/test_synthese_tegen_services.py
    sends these through the real intake and compares the outcome cell for cell)."""

    nummer: str
    aanbieder_id: int
    gemeente_id: int
    ingediend_op: datetime
    bron: str
    regels: tuple[RegelInvoer, ...]


@dataclass
class DeclaratieResultaat:
    overgeslagen: bool = False
    rijen: dict[str, int] = field(default_factory=dict)
    afgekeurd: int = 0
    inzendingen: list[Inzending] | None = None  # in order of submission, when asked for (``bewaar_inzendingen``)

    @property
    def totaal(self) -> int:
        return sum(self.rijen.values())


@dataclass(slots=True)
class Tw:
    """An allocation as the generator needs it; ``gebruikt`` is the ledger while processing."""

    id: int
    jeugdige: int
    bsn: str
    gemeente: int
    aanbieder: int
    budget: int  # the allocated amount in cents (R-B7: toewijzingen.services.bedrag.bedrag_van)
    duurzaam_jaar: int | None
    beeindigd: date | None  # the day the allocation ended before the peildatum, else None
    keuzebudget: bool  # a keuzebudget (the 70–80% norm and the DEC016 attempts apply to these only)
    sluit: date  # last day a line is approved: end (or stop) + the declaration window (R-B7)
    ingetrokken: bool
    begindatum: date  # the allocation's period (as regelcontrole._binnen_toewijzing, OP364)
    einddatum: date
    toegewezen_op: date  # the day the ledger is opened (Toegewezen.op)
    gebruikt: int = 0
    laatste: date | None = None
    # R-B7, aanpassen._pas_budget_aan: the amount committed at allocation and the new totals a
    # granted adjustment set later (decision day, cents); empty when the budget never changed
    wijzigingen: tuple[tuple[date, int], ...] = ()
    bij_toewijzing: int | None = None
    # te_laat.py: for an allocation with an adjustment request, its approved lines (begin, signed
    # cents, end of a debit) and whether any line named it, as the intake decided them so far
    regels: list[tuple[date, int, date | None]] | None = None
    gedeclareerd: bool = False

    def budget_op(self, dag: date) -> int:
        """The committed amount on ``dag`` (a decision counts from the start of its day)."""
        if not self.wijzigingen:
            return self.budget
        bedrag = self.bij_toewijzing if self.bij_toewijzing is not None else self.budget
        for besluit, cents in self.wijzigingen:
            if besluit <= dag:
                bedrag = cents
        return bedrag


@dataclass(slots=True)
class Regel:
    """One month of one product under an allocation, declared as it should be; ``q`` in quarter
    units (hours or etmalen × 4)."""

    tw: Tw
    product: int
    code: str
    begin: date
    einde: date
    q: int
    tarief: int

    @property
    def cents(self) -> int:
        return (self.q * self.tarief + 2) // 4

    @property
    def referentie(self) -> str:
        return f"{self.tw.id}-{self.begin.year}{self.begin.month:02d}-{self.code}"


@dataclass(slots=True)
class Invoer:
    """A line sent otherwise than its ``Regel`` says (a mistake, an attempt, a credit or a
    re-declaration), with what the checks of regelcontrole.py make of it."""

    referentie: str
    regel: Regel
    begin: date
    einde: date
    q: int
    volume: Decimal  # as sent
    eenheid: str
    cents: int
    bsn: str
    toewijzing: int | None
    product: int
    code: str
    debet_credit: str = DebetCredit.DEBET
    credit_referentie: str = ""
    afkeur: str = ""  # the check that rejects it, "" if it passes
    toelichting: str = ""
    poging: bool = False  # DEC016: the volume is set at intake to exceed what is left


@dataclass(slots=True)
class Plan:
    """One declaration: the lines in the order sent."""

    aanbieder: int
    gemeente: int
    maand: date
    volgnummer: int
    dag: date
    ingediend_op: datetime
    invoer: list[Regel | Invoer] = field(default_factory=list)


class Naslag:
    """Reference data, loaded once."""

    def __init__(self, regio: Regio) -> None:
        self.gemeenten = dict(Gemeente.objects.filter(regio=regio).values_list("id", "cbs_code"))
        self.gemeente_naam = dict(Gemeente.objects.filter(regio=regio).values_list("id", "naam"))
        self.aanbieders = {pk: (agb, iban) for pk, agb, iban in Aanbieder.objects.values_list("id", "agb_code", "iban")}
        # the region's own providers (and those with a contract of it): each draws its source, so
        # another region's providers (Rijnmond, issue 22 §5) do not move this region's random stream
        self.regio_aanbieders = sorted(Aanbieder.objects.van_regio(regio.pk).values_list("id", flat=True))
        self.code, self.eenheid, self.naam = {}, {}, {}
        producten = list(Product.objects.all())
        for product in producten:
            self.code[product.pk], self.eenheid[product.pk], self.naam[product.pk] = (
                product.code,
                product.eenheid,
                product.naam,
            )
        # R-T2/R-B8: as the intake's context loads them (organisaties.services)
        gemeenten = dict.fromkeys(self.gemeenten, regio.pk)  # R-R3: contracts covering the region's municipalities
        self.contract = contractperioden(
            aanbieder_ids=list(self.aanbieders), product_ids=list(self.code), gemeenten=gemeenten
        )
        self.inschrijfbaar = {p.pk for p in producten if vereist_inschrijving(p)}
        self.inschrijving = inschrijfperioden(
            aanbieder_ids=list(self.aanbieders), product_ids=self.inschrijfbaar, gemeenten=gemeenten
        )
        self.tarieven: dict[int, list[tuple[date, date | None, int]]] = defaultdict(list)
        for product, reeks in tarieven_in_regio(regio.pk).items():  # R-R1: the region's tariffs
            self.tarieven[product] = [(begin, einde, int(bedrag * 100)) for begin, einde, bedrag in reeks]
        self.uitgesloten = {
            jaar: sorted(p.pk for p in rij.duurzaam_uitgesloten.all())
            for jaar in sorted(set(KeuzebudgetJaar.objects.values_list("jaar", flat=True)))
            if (rij := KeuzebudgetJaar.van(jaar, regio.pk)) is not None
        }
        self.max_toewijzing = Toewijzing.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        self.tarief = functools.lru_cache(maxsize=None)(self._tarief)

    def zonder_contract(
        self, aanbieder: int, product: int, gemeente: int, begin: date, einde: date
    ) -> tuple[str, str] | None:
        """As regelcontrole._gecontracteerd: (code, explanation) when the provider is not
        contracted for the product for the allocation's municipality, or not registered on it,
        on some day of the line."""
        sleutel, code, naam = (aanbieder, product, gemeente), self.code[product], self.naam[product]
        dag = eerste_dag_zonder(self.contract.get(sleutel, ()), begin, einde)
        if dag is not None:
            return Afkeur.GEEN_CONTRACT, (
                f"U heeft op {dag:%d-%m-%Y} geen contract voor {code} ({naam}). Alleen "
                "gecontracteerde producten worden betaald; neem voor uw contract contact op met de regio."
            )
        if product not in self.inschrijfbaar:
            return None
        dag = eerste_dag_zonder(self.inschrijving.get(sleutel, ()), begin, einde)
        if dag is not None:
            return Afkeur.NIET_INGESCHREVEN, (
                f"U bent op {dag:%d-%m-%Y} niet ingeschreven op {code} ({naam}). Declareer de "
                "tariefgroep of intensiteit waarop u bent ingeschreven, of vraag de regio de inschrijving vast te "
                "leggen."
            )
        return None

    def _tarief(self, product: int, dag: date) -> int | None:
        """As Product.tarief_op: the tariff valid on ``dag``, in cents."""
        for begin, einde, cents in self.tarieven.get(product, ()):
            if begin <= dag and (einde is None or dag <= einde):
                return cents
        return None


def heeft_declaraties(regio: Regio) -> bool:
    return Declaratie.objects.filter(gemeente__regio=regio).exists()


def genereer_declaraties(
    *,
    seed: int,
    peildatum: date,
    melden: Callable[[str], None] = print,
    bewaar_inzendingen: bool = False,
    regio_code: str = "ijsselland",
) -> DeclaratieResultaat:
    """The declarations, ledger and batches of IJsselland (module docstring), or of the region
    ``regio_code`` (Rijnmond, rijnmond.py: its own random stream, so IJsselland's stay as they are);
    nothing when the region already has declarations. Run after the trajectories (genereer_regio).
    ``bewaar_inzendingen``: also return every declaration as sent (``Inzending``), for the
    tests that replay them through the real intake."""
    regio = Regio.objects.filter(code=regio_code).first()
    if regio is None or heeft_declaraties(regio):
        melden("declaraties: al aanwezig, niets toegevoegd" if regio else f"declaraties: geen regio {regio_code}")
        return DeclaratieResultaat(overgeslagen=True)
    with transaction.atomic():
        return Generator(seed, peildatum, regio, melden, bewaar_inzendingen=bewaar_inzendingen).genereer()


class Generator:
    """One run: load, scale, plan what the providers sent, then decide it line by line in order
    of submission as the intake would, and write the ledger and the batches."""

    def __init__(
        self, seed: int, peildatum: date, regio: Regio, melden: Callable[[str], None], *, bewaar_inzendingen: bool
    ) -> None:
        self.inzendingen: list[Inzending] | None = [] if bewaar_inzendingen else None
        stroom = "declaraties" if regio.code == "ijsselland" else f"{regio.code}-declaraties"
        self.rng = random.Random(f"{stroom}-{seed}")
        self.peil, self.melden = peildatum, melden
        self.w = Naslag(regio)
        self.regio_id, self.regelsets = regio.pk, Tijdlijn.van([regio.pk])  # R-R1
        # batches pay the months of submission before the last whole month before the peildatum's
        # month (so that month and the peildatum's own days stay unpaid: the finance users have work)
        self.onbetaald_vanaf = eerste_van_maand(eerste_van_maand(peildatum) - timedelta(days=1))
        # the demo users' providers (demogebruikers.py: the region's first two by AGB code) have not
        # yet declared the month before the peildatum, so the iJw demo (ijw_demo.py) has a month to
        # declare whatever day of the month the peildatum is
        self.demo_aanbieders = set(
            Aanbieder.objects.filter(regio=regio).order_by("agb_code").values_list("id", flat=True)[:2]
        )
        self.bron: dict[int, str] = {}
        self.declaraties = Tabel(Declaratie)
        self.regels = Tabel(Declaratieregel, REGEL_VELDEN)
        self.standen = Tabel(Budgetstand)
        self.mutaties = Tabel(Budgetmutatie, MUTATIE_VELDEN)
        self.batches = Tabel(Betaalbatch)
        self.batchdeclaraties = Tabel(Batchdeclaratie, ("betaalbatch_id", "declaratie_id"))
        self.posten = Tabel(Betaalpost)
        self.goedgekeurde_debets: dict[tuple[int, str], int] = {}  # (provider, reference) -> line id
        self.betaald: set[tuple[int, date]] = set()  # (municipality, month of submission) with a batch
        self.batch_van: dict[tuple[int, date], int] = {}
        self.post_van: dict[tuple[int, int], list[int]] = {}  # (batch, provider) -> [id, cents, lines]
        self.afgekeurd = 0

    def tabellen(self) -> list[Tabel]:
        return [
            self.batches,
            self.posten,
            self.declaraties,
            self.batchdeclaraties,
            self.regels,
            self.standen,
            self.mutaties,
        ]

    def genereer(self) -> DeclaratieResultaat:
        begin = timezone.now()
        toewijzingen = self.toewijzingen()
        self.vertragingen = Vertragingen(self.w.gemeenten)
        aanvragen = TeLaat(toewijzingen, self.w.gemeenten, self.vertragingen)
        per_toewijzing = self.leveringen(toewijzingen)
        self.schaal_benutting(toewijzingen, per_toewijzing)
        plannen = self.plannen(per_toewijzing)
        del per_toewijzing
        plannen.sort(key=lambda p: (p.ingediend_op, p.aanbieder, p.gemeente, p.maand, p.volgnummer))
        # a batch takes every declaration of its municipality and month (betalingen.services.regels);
        # a month gets one when a line in it is approved (a line as it should be always is)
        self.betaald = {
            (p.gemeente, p.dag.replace(day=1))
            for p in plannen
            if p.dag.replace(day=1) < self.onbetaald_vanaf and any(type(i) is Regel for i in p.invoer)
        }
        voortgang = Voortgang(self.melden)
        for index, plan in enumerate(plannen, start=1):
            aanvragen.tot(plan.dag)  # R-A3: a request is filed before the day's declarations come in
            self.verwerk(plan)
            if index % 10_000 == 0 or index == len(plannen):
                voortgang.stap("declaraties", index, len(plannen), begin)
        self.grootboek(toewijzingen)
        self.betalingen()
        aanvragen.schrijf()
        resultaat = DeclaratieResultaat(afgekeurd=self.afgekeurd, inzendingen=self.inzendingen)
        for tabel in self.tabellen():
            resultaat.rijen[str(tabel.model._meta.verbose_name_plural)] = tabel.laad()
        herstel_reeksen([tabel.model for tabel in self.tabellen()])
        ververs_statistieken([tabel.model for tabel in self.tabellen()])
        seconden = (timezone.now() - begin).total_seconds()
        self.melden(
            f"declaraties: {getal(resultaat.rijen['declaraties'])} declaraties, "
            f"{getal(resultaat.rijen['declaratieregels'])} regels ({getal(self.afgekeurd)} afgekeurd), "
            f"{getal(resultaat.rijen['budgetmutaties'])} budgetmutaties, {getal(resultaat.rijen['betaalbatches'])} "
            f"betaalbatches; {getal(resultaat.totaal)} rijen in {getal(seconden, 1)} s"
        )
        return resultaat

    # --- what was delivered

    def toewijzingen(self) -> dict[int, Tw]:
        uitkomst = {}
        rijen = (
            Toewijzing.objects.filter(gemeente_id__in=list(self.w.gemeenten))
            .order_by("id")
            .values_list(
                "id",
                "status",
                "jeugdige_id",
                "jeugdige__bsn",
                "gemeente_id",
                "aanbieder_id",
                "keuzebudget__bedrag",
                "keuzebudget__soort",
                "keuzebudget__begindatum",
                "begindatum",
                "einddatum",
                "stopdatum_zorg",
                "soort",
                "product_id",
                "volume",
                "verwijzing__screening__datum",
                "verwijzing_id",
                "keuzebudget__niveau",
            )
        )
        wijzigingen, reden_1 = self._aanpassingen()
        producten = {p.pk: p for p in Product.objects.all()}
        tarieven: dict[int, list] = defaultdict(list, tarieven_in_regio(self.regio_id))  # R-R1
        for (
            pk, status, jeugdige, bsn, gemeente, aanbieder, bedrag, soort, kb_begin, van, tot, stop,
            tw_soort, product_id, tw_volume, gescreend, verwijzing, niveau,
        ) in rijen:  # fmt: skip
            beeindigd = None
            if status in BEEINDIGD or tot < self.peil:
                beeindigd = min(stop or tot, tot)
            # as budgetten.services.grootboek: the window runs from the stop of care, else the end
            einde_toewijzing = stop if status == ToewijzingStatus.GESTOPT and stop else tot
            toegewezen = bedrag_van(
                keuzebudget_bedrag=bedrag,
                soort=tw_soort,
                product=producten.get(product_id),
                volume=tw_volume,
                begin=van,
                einde=tot,
                tarieven=tarieven[product_id],
                regio_id=self.regio_id,
            )
            uitkomst[pk] = Tw(
                id=pk,
                jeugdige=jeugdige,
                bsn=bsn,
                gemeente=gemeente,
                aanbieder=aanbieder,
                budget=int(toegewezen * 100),
                keuzebudget=bedrag is not None,
                duurzaam_jaar=kb_begin.year if soort == KeuzebudgetSoort.DUURZAAM else None,
                beeindigd=beeindigd,
                # R-R1: the window of the rule set valid on the day it counts from (the end)
                sluit=einde_toewijzing
                + timedelta(days=self.regelsets.regels(self.regio_id, einde_toewijzing).declaratietermijn_dagen),
                ingetrokken=status == ToewijzingStatus.INGETROKKEN,
                begindatum=van,
                einddatum=tot,
                # R-B7: committed when the deciding service publishes ``Toegewezen``: the screening
                # that accepts a keuzebudget (screenen.py); Wonen and crisis allocate on their begin date
                toegewezen_op=gescreend if bedrag is not None and gescreend is not None else van,
            )
            if verwijzing in wijzigingen:
                tw = uitkomst[pk]
                tw.wijzigingen = wijzigingen[verwijzing]
                tw.bij_toewijzing = self._bij_toewijzing(niveau, kb_begin, reden_1.get(verwijzing))
        return uitkomst

    @staticmethod
    def _aanpassingen() -> tuple[dict[int, tuple[tuple[date, int], ...]], dict[int, Decimal]]:
        """By referral: the new totals granted adjustments (reasons 2 and 3) set during the care,
        (decision day, cents) in order; and the amount a granted reason 1 set before screening."""
        wijzigingen: dict[int, list[tuple[date, int]]] = defaultdict(list)
        reden_1 = {}
        for verwijzing, reden, besluit, bedrag in (
            Aanpassingsaanvraag.objects.filter(
                status__in=[AanpassingStatus.TOEGEKEND, AanpassingStatus.DEELS_TOEGEKEND],
                toegekend_bedrag__isnull=False,
            )
            .exclude(reden=AanpassingReden.MEERDERE_AANBIEDERS)
            .order_by("besluit_op", "id")
            .values_list("verwijzing_id", "reden", "besluit_op", "toegekend_bedrag")
        ):
            if reden == AanpassingReden.KEUZEBUDGET_ONJUIST:
                reden_1[verwijzing] = bedrag
            else:
                wijzigingen[verwijzing].append((besluit, int(bedrag * 100)))
        return {k: tuple(v) for k, v in wijzigingen.items()}, reden_1

    def _bij_toewijzing(self, niveau: int | None, begin: date, reden_1: Decimal | None) -> int | None:
        """The keuzebudget's amount at allocation, before the adjustments during care: what a
        granted reason 1 set, else the catalog amount of its level (R-T4, ``standaardbedrag``).
        None for an offerte (R-T5): its first amount is not in the database, so its ledger is
        committed with the amount as it stands (README, "How.")."""
        if reden_1 is not None:
            return int(reden_1 * 100)
        if niveau is None:
            return None
        bedrag = standaardbedrag(niveau, op=begin, regio_id=self.regio_id)
        return None if bedrag is None else int(bedrag * 100)

    def leveringen(self, toewijzingen: dict[int, Tw]) -> dict[int, list[Regel]]:
        """One line per allocation, product and month of delivery, for the month within the
        allocation's own period (regelcontrole._hele_maand, TR387/TR388): from max(1st, begindatum)
        to min(last day, einddatum); a delivery outside the allocation is not declarable and is
        left out. Read with a plain cursor: ≈230,000 rows at scale 1, without the ORM's per-value
        converters."""
        per_toewijzing: dict[int, list[Regel]] = defaultdict(list)
        levering, toewijzing = Levering._meta.db_table, Toewijzing._meta.db_table
        gemeenten = list(self.w.gemeenten)
        sql = (
            f"SELECT l.toewijzing_id, l.product_id, l.maand, l.volume FROM {levering} l "
            f"JOIN {toewijzing} t ON t.id = l.toewijzing_id "
            f"WHERE t.gemeente_id IN ({', '.join(['%s'] * len(gemeenten))}) AND l.maand < %s "
            "ORDER BY l.toewijzing_id, l.maand, l.product_id"
        )
        tarief, code, eenheid = self.w.tarief, self.w.code, self.w.eenheid
        maanden: dict[object, date] = {}
        laatste_dag = self.peil - timedelta(days=1)
        with connection.cursor() as cursor:
            cursor.execute(sql, [*gemeenten, self.peil])
            for pk, product, maand, hoeveel in cursor.fetchall():
                eerste = maanden.get(maand)
                if eerste is None:  # SQLite gives the ISO text, PostgreSQL the date
                    eerste = maanden[maand] = maand if isinstance(maand, date) else date.fromisoformat(maand)
                tw = toewijzingen[pk]
                begin = max(eerste, tw.begindatum)
                einde = min(volgende_maand(eerste) - timedelta(days=1), tw.einddatum, laatste_dag)
                cents = tarief(product, begin)
                if begin > einde or not cents:
                    continue
                q = round(float(hoeveel) * 4)
                if eenheid[product] == Eenheid.ETMAAL:  # never more nights than days (TR321)
                    q = min(q, 4 * ((einde - begin).days + 1))
                per_toewijzing[pk].append(Regel(tw, product, code[product], begin, einde, q, cents))
        return per_toewijzing

    def schaal_benutting(self, toewijzingen: dict[int, Tw], per_toewijzing: dict[int, list[Regel]]) -> None:
        """SPEC §11.3 norm: an ended keuzebudget is mostly used for 70–80%. The ended budgets are
        ranked by their delivered share and mapped on the target mix by rank (so the order stays):
        the lowest 20% keep their share up to 35–70% (never scaled up), the top 4% go to 97–100%,
        the rest to 70–80%. Volumes move in quarter hours; the amount stays volume × tariff."""
        beeindigd = []
        for pk, regels in per_toewijzing.items():
            tw = toewijzingen[pk]
            if tw.keuzebudget and tw.budget and tw.beeindigd is not None:
                beeindigd.append((sum(r.cents for r in regels) / tw.budget, pk))
        beeindigd.sort()
        aantal = len(beeindigd)
        for rang, (aandeel, pk) in enumerate(beeindigd):
            p = (rang + 0.5) / aantal
            if p < AANDEEL_LAAG:
                doel = min(aandeel, 0.35 + 0.34 * p / AANDEEL_LAAG)
            elif p < 1 - AANDEEL_VOL:
                doel = 0.715 + 0.07 * (p - AANDEEL_LAAG) / (1 - AANDEEL_VOL - AANDEEL_LAAG)
            else:
                doel = 0.97 + 0.03 * (p - 1 + AANDEEL_VOL) / AANDEEL_VOL
            if aandeel > 0 and doel != aandeel:
                budget = toewijzingen[pk].budget
                _schaal(per_toewijzing[pk], min(budget, round(doel * budget)), budget)

    # --- what the providers sent

    def plannen(self, per_toewijzing: dict[int, list[Regel]]) -> list[Plan]:
        rng = self.rng
        self.bron = {
            a: DeclaratieBron.API if rng.random() < P_API else DeclaratieBron.UPLOAD for a in self.w.regio_aanbieders
        }
        pogingen = self._pogingen(per_toewijzing)
        groepen: dict[tuple[int, int, date], list[Regel]] = defaultdict(list)
        for regels in per_toewijzing.values():
            for regel in regels:
                groepen[(regel.tw.aanbieder, regel.tw.gemeente, regel.begin.replace(day=1))].append(regel)
        plannen = []
        for (aanbieder, gemeente, maand), regels in sorted(groepen.items(), key=lambda item: item[0]):
            maand_einde = volgende_maand(maand) - timedelta(days=1)
            dagen = rng.randrange(61, 121) if rng.random() < P_TE_LAAT else rng.randrange(5, 26)
            dag = maand_einde + timedelta(days=dagen)
            if dag >= self.peil or (aanbieder in self.demo_aanbieders and maand >= self.onbetaald_vanaf):
                continue  # not yet submitted on the peildatum
            plan = Plan(aanbieder, gemeente, maand, 1, dag, moment(dag, rng.randrange(8, 17), rng.randrange(60)))
            later = dag + timedelta(days=rng.randrange(7, 41))  # after the answer to the first
            correctie: list[Regel | Invoer] = []
            regels.sort(key=lambda r: (r.tw.id, r.code))
            for regel in regels:
                self._regel(plan.invoer, correctie, regel, poging=id(regel) in pogingen, later=later)
            plannen.append(plan)
            if correctie and later < self.peil:
                uur = moment(later, rng.randrange(8, 17), rng.randrange(60))
                plannen.append(Plan(aanbieder, gemeente, maand, 2, later, uur, correctie))
        return plannen

    def _pogingen(self, per_toewijzing: dict[int, list[Regel]]) -> set[int]:
        """The last line of some nearly spent ended keuzebudgetten: declared beyond the budget
        first (DEC016), then again with what fits."""
        uitkomst = set()
        for regels in per_toewijzing.values():
            tw = regels[0].tw if regels else None
            if (
                tw is not None
                and tw.keuzebudget
                and tw.budget
                and tw.beeindigd is not None
                and len(regels) > 1
                and sum(r.cents for r in regels) >= 0.97 * tw.budget
                and self.rng.random() < P_POGING
            ):
                uitkomst.add(id(regels[-1]))
        return uitkomst

    def invoer(self, regel: Regel, referentie: str, **anders) -> Invoer:
        waarden = {
            "referentie": referentie,
            "regel": regel,
            "begin": regel.begin,
            "einde": regel.einde,
            "q": regel.q,
            "volume": volume(regel.q),
            "eenheid": self.w.eenheid[regel.product],
            "cents": regel.cents,
            "bsn": regel.tw.bsn,
            "toewijzing": regel.tw.id,
            "product": regel.product,
            "code": regel.code,
        }
        waarden.update(anders)
        return Invoer(**waarden)

    def _regel(self, plan: list, correctie: list, regel: Regel, *, poging: bool, later: date) -> None:
        """The line as sent: mostly right; else a mistake (rejected, mostly corrected later under
        the same reference), an attempt beyond the budget, or too little first (credited and
        declared again on ``later``, only while the declaration window is open then: R-B7)."""
        rng = self.rng
        if poging:
            plan.append(self.invoer(regel, regel.referentie, poging=True))
            correctie.append(regel)
            return
        trek = rng.random()
        if trek < P_FOUT:
            code = rng.choices(list(FOUTEN), list(FOUTEN.values()))[0]
            fout = self.fout(code, regel) or self.fout(Afkeur.BEDRAG_ONJUIST, regel)
            if fout.afkeur in VERVANGEN:
                plan.append(fout)
                correctie.append(regel)
            else:
                plan += [regel, fout]
            return
        if trek < P_FOUT + P_CREDIT and regel.q > 4 and later < self.peil and later <= regel.tw.sluit:
            # too little declared at first; credited in full and declared again (TR323/TR390)
            etmaal = self.w.eenheid[regel.product] == Eenheid.ETMAAL
            minder = 4 if etmaal else rng.randrange(1, min(regel.q, 13))
            q = regel.q - minder
            eerst = self.invoer(regel, regel.referentie, q=q, volume=volume(q), cents=(q * regel.tarief + 2) // 4)
            plan.append(eerst)
            credit = self.invoer(
                regel,
                f"{regel.referentie}-C",
                q=q,
                volume=eerst.volume,
                cents=eerst.cents,
                debet_credit=DebetCredit.CREDIT,
                credit_referentie=regel.referentie,
            )
            correctie += [credit, self.invoer(regel, f"{regel.referentie}-R")]
            return
        plan.append(regel)

    def fout(self, code: str, regel: Regel) -> Invoer | None:
        """The provider's mistake and the explanation regelcontrole.py gives for it (same words).
        None when the mistake cannot happen on this line."""
        tw, w, referentie = regel.tw, self.w, regel.referentie
        etmaal = w.eenheid[regel.product] == Eenheid.ETMAAL
        if code == Afkeur.BEDRAG_ONJUIST:  # next year's tariff
            fout = regel.cents * 103 // 100 if regel.cents >= 100 else regel.cents + 100
            toelichting = (
                f"Het bedrag moet volume × tarief zijn: {opmaak.getal(volume(regel.q), 2)} × "
                f"{opmaak.euro(geld(regel.tarief))} = {opmaak.euro(geld(regel.cents))} (TR346)."
            )
            return self.invoer(regel, referentie, cents=fout, afkeur=code, toelichting=toelichting)
        if code == Afkeur.DUBBEL_DEBET:  # the month again, with part of the volume, under a new reference
            q = 4 * max(1, regel.q // 8) if etmaal else max(1, regel.q // 2)
            toelichting = (
                f"Deze periode is al gedeclareerd in regel {referentie}. Crediteer die eerst als u wilt "
                "corrigeren (TR389)."
            )
            cents = (q * regel.tarief + 2) // 4
            return self.invoer(
                regel, f"{referentie}-2", q=q, volume=volume(q), cents=cents, afkeur=code, toelichting=toelichting
            )
        if code == Afkeur.REFERENTIE_DUBBEL:  # the same row twice in the upload
            toelichting = f"Referentie {referentie!r} is leeg of al aangeleverd (TR314)."
            return self.invoer(regel, referentie, afkeur=code, toelichting=toelichting)
        if code == Afkeur.BEGIN_BUITEN_TOEWIJZING:  # the whole month, though the allocation started later
            if regel.begin.replace(day=1) >= tw.begindatum:
                return None
            toelichting = (
                f"De begindatum ligt buiten de toewijzing: {tw.begindatum:%d-%m-%Y} tot en met "
                f"{tw.einddatum:%d-%m-%Y} (TR307)."
            )
            return self.invoer(
                regel, referentie, begin=regel.begin.replace(day=1), afkeur=code, toelichting=toelichting
            )
        if code == Afkeur.EINDE_BUITEN_TOEWIJZING:  # to the end of the month, though the allocation ended before
            maand_einde = volgende_maand(regel.begin.replace(day=1)) - timedelta(days=1)
            if maand_einde <= tw.einddatum:
                return None
            toelichting = f"De einddatum ligt na het einde van de toewijzing ({tw.einddatum:%d-%m-%Y}) (TR308)."
            return self.invoer(regel, referentie, einde=maand_einde, afkeur=code, toelichting=toelichting)
        if code == Afkeur.EENHEID_ONJUIST:  # minutes (or days) instead of hours (or etmalen)
            gestuurd = "dag" if etmaal else "minuut"
            eenheid = str(Eenheid(w.eenheid[regel.product]).label).lower()
            toelichting = f"{regel.code} wordt gedeclareerd per {eenheid}, niet per {gestuurd!r} (TR341)."
            hoeveel = volume(regel.q) if etmaal else volume(regel.q * 60)
            return self.invoer(
                regel, referentie, volume=hoeveel, eenheid=gestuurd, afkeur=code, toelichting=toelichting
            )
        if code == Afkeur.PERIODE_MEER_DAN_MAAND:  # a week of the next month in the same line
            if regel.einde.month == (regel.einde + timedelta(days=1)).month:
                return None
            toelichting = "Een regel beslaat één kalendermaand: splits de regel per maand (TR387/388)."
            return self.invoer(
                regel, referentie, einde=regel.einde + timedelta(days=7), afkeur=code, toelichting=toelichting
            )
        if code == Afkeur.DUURZAAM_UITGESLOTEN:  # a product a duurzaam budget may not use (R-B2), extra
            uitgesloten = w.uitgesloten.get(tw.duurzaam_jaar or 0, [])
            if tw.duurzaam_jaar is None or not uitgesloten:
                return None
            ander = self.rng.choice(uitgesloten)
            tarief = w.tarief(ander, regel.begin)
            if not tarief or w.eenheid[ander] != Eenheid.UUR:
                return None
            extra = Regel(tw, ander, w.code[ander], regel.begin, regel.einde, self.rng.randrange(4, 41), tarief)
            toelichting = (
                f"{extra.code} mag niet ten laste van een duurzaam keuzebudget; vraag de toegang om een "
                "aanpassing als deze hulp nodig is."
            )
            return self.invoer(extra, extra.referentie, afkeur=code, toelichting=toelichting)
        if code == Afkeur.CLIENT_ONJUIST:  # a brother's or sister's BSN
            bsn = f"{(int(tw.bsn) + 11) % 10**9:09d}"
            toelichting = "Het BSN hoort niet bij de cliënt van deze toewijzing (TR338)."
            return self.invoer(regel, referentie, bsn=bsn, afkeur=code, toelichting=toelichting)
        if code == Afkeur.TOEWIJZING_ONBEKEND:  # a typo in the allocation number
            nummer = w.max_toewijzing + 1_000_000 + tw.id
            toelichting = f"Toewijzing {nummer} bestaat niet of is niet aan u toegewezen (TR338)."
            return self.invoer(regel, referentie, toewijzing=nummer, afkeur=code, toelichting=toelichting)
        return None

    # --- what the intake made of it, in order of submission

    def verwerk(self, plan: Plan) -> None:
        """As declaraties.services.intake.verwerk_declaratie: each line checked in order; a
        rejected line keeps what was sent (allocation if it exists; no client, no product); an
        approved debit moves the ledger within the budget (TR369, else DEC016); a credit takes
        its debit back in full (TR323/TR390). A paid month's batch takes the declaration; its
        approved lines count in the provider's post."""
        declaratie = self.declaraties.nieuw_id()
        dag, tijdstip, aanbieder = plan.dag, plan.ingediend_op, plan.aanbieder
        batch = post = None
        if (plan.gemeente, dag.replace(day=1)) in self.betaald:
            batch = self.batch(plan.gemeente, dag.replace(day=1))
            post = self.post(batch, aanbieder)  # [id, cents, lines]
        eenheden, debets, rijen, verzonden = self.w.eenheid, self.goedgekeurde_debets, [], []
        ingediend = goedgekeurd = 0
        for volgnummer, invoer in enumerate(plan.invoer, start=1):
            if type(invoer) is Regel:  # as it should be
                regel = invoer
                tw, cents, referentie, code = regel.tw, regel.cents, regel.referentie, regel.code
                hoeveel, eenheid, toewijzing_id = volume(regel.q), eenheden[regel.product], tw.id
                begin, einde, bsn, debet_credit, credit_referentie = regel.begin, regel.einde, tw.bsn, "D", ""
                afkeur = toelichting = ""
            else:
                regel, tw, code = invoer.regel, invoer.regel.tw, invoer.code
                if invoer.poging:  # just over what is left of the budget at this moment
                    over = tw.budget_op(dag) - tw.gebruikt
                    nodig = (4 * over + 2 + regel.tarief - 1) // regel.tarief  # the least q with cents > over
                    invoer.q = max(regel.q, nodig) + self.rng.randrange(0, 9)
                    invoer.volume, invoer.cents = volume(invoer.q), (invoer.q * regel.tarief + 2) // 4
                cents, referentie, hoeveel, eenheid = invoer.cents, invoer.referentie, invoer.volume, invoer.eenheid
                begin, einde, bsn, toewijzing_id = invoer.begin, invoer.einde, invoer.bsn, invoer.toewijzing
                debet_credit, credit_referentie = invoer.debet_credit, invoer.credit_referentie
                afkeur, toelichting = invoer.afkeur, invoer.toelichting
            bedrag = geld(cents)
            # the line as sent, in the intake's own shape (its ``sleutel`` makes the replay hash, intake._hash)
            verzonden.append(
                RegelInvoer(
                    referentie, bsn, toewijzing_id, code, begin, einde, hoeveel, eenheid, bedrag,
                    str(debet_credit), credit_referentie,
                )
            )  # fmt: skip
            ingediend += cents
            credit = debet_credit == DebetCredit.CREDIT
            if afkeur in NA_ORIGINEEL and (aanbieder, regel.referentie) not in debets:
                afkeur = toelichting = ""  # as the intake: only an approved original counts (TR314, TR389)
            if not credit and afkeur in NA_CONTRACT:  # as regelcontrole: R-T2/R-B8 before TR346 and TR389
                afkeur, toelichting = self.w.zonder_contract(aanbieder, regel.product, tw.gemeente, begin, einde) or (
                    afkeur,
                    toelichting,
                )
            if not afkeur and not credit and dag > tw.sluit:  # as intake: R-B7, the window has closed
                afkeur = Afkeur.TERMIJN_VERSTREKEN
                toelichting = (
                    f"De declaratietermijn van deze toewijzing is verstreken op {tw.sluit:%d-%m-%Y}: het budget "
                    "is vrijgegeven aan de gemeente. Neem contact op met de gemeente als u zorg niet op tijd "
                    "kon declareren."
                )
            if not afkeur and not credit and tw.gebruikt + cents > (budget := tw.budget_op(dag)):
                afkeur = Afkeur.BUDGET_OVERSCHREDEN
                toelichting = (
                    f"Het toegewezen budget is dan overschreden: er is nog {opmaak.euro(geld(budget - tw.gebruikt))} "
                    f"over van {opmaak.euro(geld(budget))}. Vraag tijdig een aanpassing aan bij de "
                    "toegang."
                )
            regel_id = self.regels.nieuw_id()
            if tw.regels is not None and toewijzing_id == tw.id:
                tw.gedeclareerd = True
            if afkeur:  # as intake._afgekeurd
                self.afgekeurd += 1
                rijen.append(
                    (
                        declaratie, aanbieder, referentie, volgnummer, None,
                        toewijzing_id if toewijzing_id == tw.id else None, None, begin, einde, hoeveel, eenheid,
                        bedrag, debet_credit, None, RegelStatus.AFGEKEURD, afkeur, RETOURCODE.get(afkeur, ""),
                        toelichting, regel_id,
                    )
                )  # fmt: skip
                continue
            goedgekeurd += cents
            if credit:
                beweging, credit_van = -cents, debets.get((aanbieder, credit_referentie))
                self.mutaties.rij(tw.id, Mutatiesoort.GECREDITEERD, geld(-cents), regel_id, dag, tijdstip)
            else:
                beweging, credit_van = cents, None
                debets[(aanbieder, referentie)] = regel_id
                self.vertragingen.regel(aanbieder, dag, einde)  # R-A3: the provider's declaration lag
                self.mutaties.rij(tw.id, Mutatiesoort.GOEDGEKEURD, bedrag, regel_id, dag, tijdstip)
            tw.gebruikt += beweging
            tw.laatste = dag
            if tw.regels is not None:
                tw.regels.append((begin, beweging, None if credit else einde))
            if post is not None:
                post[1] += beweging
                post[2] += 1
            rijen.append(
                (
                    declaratie, aanbieder, referentie, volgnummer, tw.jeugdige, tw.id, regel.product, begin, einde,
                    hoeveel, eenheid, bedrag, debet_credit, credit_van, RegelStatus.GOEDGEKEURD, "", "", "",
                    regel_id,
                )
            )  # fmt: skip
        periode_einde = max(rij[8] for rij in rijen)
        agb, cbs = self.w.aanbieders[aanbieder][0], self.w.gemeenten[plan.gemeente]
        nummer = f"SYN-{agb}-{cbs}-{plan.maand:%Y%m}-{plan.volgnummer}"
        if self.inzendingen is not None:
            self.inzendingen.append(
                Inzending(nummer, aanbieder, plan.gemeente, tijdstip, self.bron[aanbieder], tuple(verzonden))
            )
        self.declaraties.voeg_toe(
            declaratie,
            aanbieder_id=aanbieder,
            gemeente_id=plan.gemeente,
            nummer=nummer,
            bron=self.bron[aanbieder],
            inhoud_hash=hashlib.sha256("\n".join(r.sleutel() for r in verzonden).encode()).hexdigest(),
            ingediend_op=tijdstip,
            periode_einde=periode_einde,
            dagen_na_periode=(dag - periode_einde).days,
            ingediend_bedrag=geld(ingediend),
            goedgekeurd_bedrag=geld(goedgekeurd),
        )
        if batch is not None:
            self.batchdeclaraties.rij(batch, declaratie)
        for *waarden, pk in rijen:
            self.regels.rij(*waarden, pk=pk)

    def batch(self, gemeente: int, maand: date) -> int:
        batch = self.batch_van.get((gemeente, maand))
        if batch is None:
            batch = self.batch_van[(gemeente, maand)] = self.batches.nieuw_id()
        return batch

    def post(self, batch: int, aanbieder: int) -> list[int]:
        """The provider's post in the batch: [id, cents, lines]; written only if a line counts."""
        post = self.post_van.get((batch, aanbieder))
        if post is None:
            post = self.post_van[(batch, aanbieder)] = [self.posten.nieuw_id(), 0, 0]
        return post

    # --- the ledger (R-B5) and the payments

    def grootboek(self, toewijzingen: dict[int, Tw]) -> None:
        """As budgetten.services.grootboek (R-B7): every allocation committed on the day it is
        allocated (the accepting screening for a keuzebudget) with its allocated amount; a
        withdrawal withdraws the rest; the rest of an ended allocation is released by the job on
        the first day after its declaration window, if that day lies before the peildatum.
        tests/test_synthese_tegen_services.py replays every declaration through the intake and
        the release job and compares every mutation and stand cell for cell."""
        for tw in toewijzingen.values():
            eerst = tw.budget if tw.bij_toewijzing is None else tw.bij_toewijzing
            self.mutaties.rij(
                tw.id, Mutatiesoort.VASTGELEGD, geld(eerst), None, tw.toegewezen_op, moment(tw.toegewezen_op, 12)
            )
            if tw.bij_toewijzing is not None:  # as grootboek.bij_bedragwijziging: the difference, on the decision day
                for besluit, cents in tw.wijzigingen:
                    if cents != eerst:
                        self.mutaties.rij(
                            tw.id, Mutatiesoort.GEWIJZIGD, geld(cents - eerst), None, besluit, moment(besluit, 10)
                        )
                    eerst = cents
            vastgelegd, vrij, vrijgegeven_op = tw.budget, 0, None
            if tw.ingetrokken and tw.budget > tw.gebruikt:
                vastgelegd = tw.gebruikt
                rest = geld(tw.gebruikt - tw.budget)
                self.mutaties.rij(
                    tw.id, Mutatiesoort.INGETROKKEN, rest, None, tw.toegewezen_op, moment(tw.toegewezen_op, 13)
                )
            vrijgave = tw.sluit + timedelta(days=1)
            if vrijgave < self.peil:
                vrijgegeven_op = vrijgave
                vrij = vastgelegd - tw.gebruikt
                if vrij > 0:
                    self.mutaties.rij(tw.id, Mutatiesoort.VRIJGEVALLEN, geld(vrij), None, vrijgave, moment(vrijgave, 3))
                vrij = max(vrij, 0)
            self.standen.voeg_toe(
                toewijzing_id=tw.id,
                toegewezen=geld(tw.budget),
                vastgelegd=geld(vastgelegd),
                goedgekeurd=geld(tw.gebruikt),
                vrijgevallen=geld(vrij),
                vrijgegeven_op=vrijgegeven_op,
            )

    def betalingen(self) -> None:
        """One approved batch per municipality and month of submission, one post per provider;
        prepared early the next month by one finance user, approved by another (maker-checker)."""
        if not self.batch_van:
            return
        gebruikers = synthetische_financieel(self.w.gemeenten, self.w.gemeente_naam)
        per_batch: dict[int, list[tuple[int, list[int]]]] = defaultdict(list)
        for (batch, aanbieder), post in self.post_van.items():
            per_batch[batch].append((aanbieder, post))
        rng = self.rng
        for (gemeente, maand), batch in sorted(self.batch_van.items()):
            posten = sorted((a, p) for a, p in per_batch[batch] if p[2])
            for aanbieder, (pk, cents, aantal) in posten:
                self.posten.voeg_toe(
                    pk,
                    batch_id=batch,
                    aanbieder_id=aanbieder,
                    bedrag=geld(cents),
                    aantal_regels=aantal,
                    iban=self.w.aanbieders[aanbieder][1] or "",
                )
            dag = volgende_maand(maand) + timedelta(days=rng.randrange(2, 6))
            while dag.weekday() >= 5:
                dag += timedelta(days=1)
            voorbereid = moment(dag, rng.randrange(9, 12), rng.randrange(60))
            maker, checker = gebruikers[gemeente]
            self.batches.voeg_toe(
                batch,
                gemeente_id=gemeente,
                jaar=maand.year,
                maand=maand.month,
                status=BatchStatus.GOEDGEKEURD,
                totaal=geld(sum(post[1] for _, post in posten)),
                aantal_regels=sum(post[2] for _, post in posten),
                voorbereid_door_id=maker,
                voorbereid_op=voorbereid,
                beoordeeld_door_id=checker,
                beoordeeld_op=voorbereid + timedelta(days=rng.randrange(1, 4), hours=rng.randrange(1, 5)),
            )


def _schaal(regels: list[Regel], doel: int, budget: int) -> None:
    """Scale the volumes (whole quarter units, at least one) so the lines total ``doel`` cents to
    within half a quarter unit of the cheapest product, and never more than the budget."""
    factor = doel / sum(r.cents for r in regels)
    for regel in regels:
        regel.q = max(1, round(regel.q * factor))
    verschil = doel - sum(r.cents for r in regels)
    for regel in sorted(regels, key=lambda r: (r.tarief, -r.q)):  # the finest steps first
        voor = regel.cents
        regel.q = max(1, regel.q + round(verschil * 4 / regel.tarief))
        verschil -= regel.cents - voor
    over = sum(r.cents for r in regels) - budget
    while over > 0:  # rounding may never take it over the budget
        grootste = max(regels, key=lambda r: r.q)
        minder = min(grootste.q - 1, -(-over * 4 // grootste.tarief))
        if minder <= 0:
            regels.remove(grootste)
        else:
            grootste.q -= minder
        over = sum(r.cents for r in regels) - budget


def synthetische_financieel(gemeenten: dict[int, str], namen: dict[int, str]) -> dict[int, tuple[int, int]]:
    """Two finance users per municipality for the maker-checker of the synthetic batches
    (inactive, no usable password; the demo logins of synthese/demogebruikers.py come later)."""
    gewenst = {f"synthese-financieel-{cbs}-{n}": (pk, n) for pk, cbs in gemeenten.items() for n in (1, 2)}
    bestaand = dict(Gebruiker.objects.filter(username__in=list(gewenst)).values_list("username", "id"))
    nieuw = [
        Gebruiker(
            username=naam,
            password=make_password(None),
            is_active=False,
            rol=Rol.FINANCIEEL,
            gemeente_id=gemeente,
            first_name="Synthetisch",
            last_name=f"Financiën {namen[gemeente]} {n}",
        )
        for naam, (gemeente, n) in gewenst.items()
        if naam not in bestaand
    ]
    Gebruiker.objects.bulk_create(nieuw)
    ids = dict(Gebruiker.objects.filter(username__in=list(gewenst)).values_list("username", "id"))
    return {
        pk: (ids[f"synthese-financieel-{cbs}-1"], ids[f"synthese-financieel-{cbs}-2"]) for pk, cbs in gemeenten.items()
    }
