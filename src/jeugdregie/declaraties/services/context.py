"""What one intake loads before it checks its lines: the allocations, their budget ledgers
(locked, in allocation order), the products and their tariffs, the provider's approved
references, the approved, uncredited debits of those allocations, and the providers' contract
and registration periods for the products (R-B8). A handful of queries per declaration,
whatever its size: the line checks then run in memory (benchmark W2)."""

from __future__ import annotations

from calendar import monthrange
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import OuterRef, Subquery, Sum

from jeugdregie.budgetten.constants import Mutatiesoort
from jeugdregie.budgetten.models import Budgetmutatie, Budgetstand
from jeugdregie.budgetten.services.grootboek import sluitdatum, termijnbegin
from jeugdregie.catalogus.constants import Bekostiging, Eenheid, KeuzebudgetSoort
from jeugdregie.catalogus.models import KeuzebudgetJaar, Product, Tarief, kies_tarief
from jeugdregie.common.bulk import voeg_nieuwe_toe
from jeugdregie.common.vaste_query import VasteQuery
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.organisaties.regelset import Tijdlijn
from jeugdregie.organisaties.services import Perioden, contractperioden, inschrijfperioden, vereist_inschrijving
from jeugdregie.taakgericht.variant import Opdrachtperioden, opdrachtperioden
from jeugdregie.toewijzingen.constants import ToewijzingSoort, ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services.bedrag import toegewezen_bedrag

from ..constants import DebetCredit, RegelStatus
from ..models import Declaratieregel
from .invoer import RegelInvoer

BLOK = 5000  # values per IN (…): well under SQLite's variable limit


def _blokken(waarden: Iterable) -> Iterable[list]:
    reeks = sorted(waarden)
    for begin in range(0, len(reeks), BLOK):
        yield reeks[begin : begin + BLOK]


@dataclass(frozen=True, slots=True)
class ToewijzingRij:
    """What the line checks read of an allocation, with its young person's BSN, its product's
    unit and its keuzebudget: a value row, not a model instance (at national scale an intake
    reads tens of thousands; benchmark W2). ``soort``, ``product_id`` and
    ``get_soort_display`` are what ``levering.controleer_product_past`` reads."""

    pk: int
    aanbieder_id: int
    gemeente_id: int
    jeugdige_id: int
    bsn: str
    soort: str
    status: str
    begindatum: date
    einddatum: date
    stopdatum_zorg: date | None
    product_id: int | None
    product_eenheid: str | None
    keuzebudget_id: int | None
    keuzebudget_soort: str | None
    keuzebudget_begindatum: date | None
    keuzebudget_bedrag: Decimal | None
    volume: Decimal | None  # the allocated volume (crisisopvolging), R-B7's ceiling in units
    regio_id: int  # the municipality's region: whose rule set holds (R-R1)

    def get_soort_display(self) -> str:
        return str(ToewijzingSoort(self.soort).label)


#: The columns of a ToewijzingRij, in its field order.
_TOEWIJZING_VELDEN = (
    "pk",
    "aanbieder_id",
    "gemeente_id",
    "jeugdige_id",
    "bsn",
    "soort",
    "status",
    "begindatum",
    "einddatum",
    "stopdatum_zorg",
    "product_id",
    "product__eenheid",
    "keuzebudget_id",
    "keuzebudget__soort",
    "keuzebudget__begindatum",
    "keuzebudget__bedrag",
    "volume",
    "gemeente__regio_id",
)


@dataclass(slots=True)
class Stand:
    """A budget ledger (R-B5) as the intake holds it while the row is locked: ``goedgekeurd``
    moves in memory as lines pass, and is written by one atomic increment per ledger."""

    pk: int
    toewijzing_id: int
    vastgelegd: Decimal
    goedgekeurd: Decimal
    vrijgevallen: Decimal
    vrijgegeven_op: date | None
    #: The day an end dated in the past was recorded (R-B7, ``budgetten.services.grootboek``).
    termijn_vanaf: date | None
    #: The last day a line can be approved: the allocation's end (or the later day that end was
    #: recorded) plus the region's declaration window (R-B7); set by ``_standen``.
    sluitdatum: date | None = None

    @property
    def beschikbaar(self) -> Decimal:
        return self.vastgelegd - self.goedgekeurd - self.vrijgevallen


@dataclass
class Debet:
    """An approved debit that has not been credited and may overlap the intake (TR389)."""

    referentie: str
    begindatum: date
    einddatum: date
    volume: Decimal


@dataclass
class CreditDoel:
    """An approved debit of this provider that a credit line names (TR323/TR390)."""

    pk: int | None
    referentie: str
    toewijzing_id: int
    product_code: str
    bedrag: Decimal
    volume: Decimal
    gecrediteerd: bool


@dataclass
class Context:
    """What one intake knows while it checks its lines in order. The approved lines of this
    intake are added as they pass, so later lines see them."""

    aanbieder_id: int
    gemeente_id: int
    vandaag: date
    toewijzingen: dict[int, ToewijzingRij]
    producten: dict[str, Product]
    tarieven: dict[int, list[Tarief]] = field(default_factory=dict)
    #: ``tarief_op``'s answers per (product, day, region), shared by the contexts of one intake:
    #: the lines of a queue ask the same few (benchmark W2). The tariffs do not change meanwhile.
    gekozen_tarieven: dict[tuple[int, date, int], Tarief | None] = field(default_factory=dict)
    referenties: set[str] = field(default_factory=set)
    debets: dict[tuple[int, int], list[Debet]] = field(default_factory=lambda: defaultdict(list))
    etmalen: dict[tuple[int, int], Decimal] = field(default_factory=dict)
    #: Per (allocation with an allocated volume, product): the volume of its approved, uncredited debits.
    volumes: dict[tuple[int, int], Decimal] = field(default_factory=dict)
    credit_doelen: dict[str, CreditDoel] = field(default_factory=dict)
    standen: dict[int, Stand] = field(default_factory=dict)
    duurzaam_uitgesloten: dict[tuple[int, int], set[int]] = field(default_factory=dict)
    #: R-T2/R-B8/R-R3: per (provider, product, municipality) the periods of the contract lines and
    #: registrations of the contracts that cover that municipality.
    contractperioden: Perioden = field(default_factory=dict)
    inschrijfperioden: Perioden = field(default_factory=dict)
    #: R-B8: per Wonen or crisis-bed allocation its approved, uncredited etmaal debits (any
    #: product) in the months of the intake, for the cap of one etmaal a day.
    nachten: dict[int, list[Debet]] = field(default_factory=lambda: defaultdict(list))
    #: R-R2: per (municipality, product) the task-based assignments covering it
    #: (``taakgericht.variant``, the one place the funding variant is decided).
    opdrachtperioden: Opdrachtperioden = field(default_factory=dict)
    #: R-R2 outputgericht: the (allocation, product) pairs of outputgericht products that already
    #: have an approved, uncredited debit, whatever its period (a trajectory is declared once).
    trajecten: set[tuple[int, int]] = field(default_factory=set)

    def tarief_op(self, product: Product, dag: date, regio_id: int) -> Tarief | None:
        """R-R1: the product's tariff on ``dag`` in the region (``catalogus.models.kies_tarief``)."""
        sleutel = (product.id, dag, regio_id)
        if sleutel not in self.gekozen_tarieven:
            geldig = [
                tarief
                for tarief in self.tarieven.get(product.id, ())
                if tarief.begindatum <= dag and (tarief.einddatum is None or dag <= tarief.einddatum)
            ]
            self.gekozen_tarieven[sleutel] = kies_tarief(geldig, regio_id)
        return self.gekozen_tarieven[sleutel]

    def uitgesloten_bij_duurzaam(self, jaar: int, regio_id: int) -> set[int]:
        """Product ids a duurzaam budget of that year may not use in the region (catalog setting,
        R-R1: the region's keuzebudget year, else the catalogue's), once per intake."""
        if (jaar, regio_id) not in self.duurzaam_uitgesloten:
            rij = KeuzebudgetJaar.van(jaar, regio_id)
            self.duurzaam_uitgesloten[(jaar, regio_id)] = (
                set(rij.duurzaam_uitgesloten.values_list("pk", flat=True)) if rij else set()
            )
        return self.duurzaam_uitgesloten[(jaar, regio_id)]


# The intake's questions, each compiled once (``common.vaste_query``, benchmark W2 per declaration).
# The BSN by a lookup per allocation: a join lets the planner hash all young people.
_TOEWIJZINGEN = VasteQuery(
    lambda ids: (
        Toewijzing.objects.filter(pk__any=ids)
        .annotate(bsn=Subquery(Jeugdige.objects.filter(pk=OuterRef("jeugdige_id")).order_by().values("bsn")))
        .order_by("pk")
        .values_list(*_TOEWIJZING_VELDEN)
    )
)
_GELOCKT = VasteQuery(
    lambda ids: (
        Budgetstand.objects.select_for_update()
        .filter(toewijzing__any=ids)
        .order_by("toewijzing_id")  # the blocks are in allocation order too: one lock order for all
        .values_list(
            "pk", "toewijzing_id", "vastgelegd", "goedgekeurd", "vrijgevallen", "vrijgegeven_op", "termijn_vanaf"
        )
    )
)


def _open_debets():
    return Declaratieregel.objects.filter(
        status=RegelStatus.GOEDGEKEURD, debet_credit=DebetCredit.DEBET, creditregel__isnull=True
    )


_OPEN_DEBETS = VasteQuery(
    lambda ids, van, tot: (
        _open_debets()
        .filter(toewijzing__any=ids, einddatum__gte=van, begindatum__lte=tot)
        .values_list("toewijzing_id", "product_id", "referentie", "begindatum", "einddatum", "volume")
    )
)
_ETMALEN = VasteQuery(
    lambda ids: (
        _open_debets()
        .filter(toewijzing__any=ids, product__eenheid=Eenheid.ETMAAL)
        .values("toewijzing_id", "product_id")
        .annotate(som=Sum("volume"))
        .values_list("toewijzing_id", "product_id", "som")
    )
)
_VOLUMES = VasteQuery(
    lambda ids: (
        _open_debets()
        .filter(toewijzing__any=ids)
        .values("toewijzing_id", "product_id")
        .annotate(som=Sum("volume"))
        .values_list("toewijzing_id", "product_id", "som")
    )
)
_CREDIT_DOELEN = VasteQuery(
    lambda aanbieder_id, referenties: Declaratieregel.objects.filter(
        aanbieder_id=aanbieder_id,
        status=RegelStatus.GOEDGEKEURD,
        debet_credit=DebetCredit.DEBET,
        referentie__any=referenties,
    ).values_list("pk", "referentie", "toewijzing_id", "product__code", "bedrag", "volume", "creditregel")
)
_NACHTEN = VasteQuery(
    lambda ids, van, tot: (
        _open_debets()
        .filter(toewijzing__any=ids, product__eenheid=Eenheid.ETMAAL, einddatum__gte=van, begindatum__lte=tot)
        .values_list("toewijzing_id", "referentie", "begindatum", "einddatum", "volume")
    )
)
_TRAJECTEN = VasteQuery(
    lambda ids, producten: (
        _open_debets().filter(toewijzing__any=ids, product__any=producten).values_list("toewijzing_id", "product_id")
    )
)


def _toewijzingen(ids: set[int]) -> dict[int, ToewijzingRij]:
    """The allocations the lines name, read without a lock: two intakes for the same allocation
    run one after the other on its ledger (``_standen``), which every allocation of the provider
    has; the checks that must see the other intake's lines read after that lock."""
    gevonden: dict[int, ToewijzingRij] = {}
    for blok in _blokken(ids):
        gevonden.update((rij[0], ToewijzingRij(*rij)) for rij in _TOEWIJZINGEN(blok))
    return gevonden


def _gelockt(toewijzing_ids: list[int]):
    for rij in _GELOCKT(toewijzing_ids):
        yield rij[1], Stand(*rij)


def _standen(toewijzingen: Sequence[ToewijzingRij], vandaag: date) -> dict[int, Stand]:
    """The R-B7 ledgers of the provider's allocations, locked in allocation order. Every
    allocation made by a service has its ledger from the decision on; one that lacks it (data
    from before the ledger's lifecycle) is opened here with its allocated amount
    (``toegewezen_bedrag``), never with more. A ledger that a concurrent intake opens first is
    left to it (``ON CONFLICT DO NOTHING`` waits for that intake) and locked after."""
    ids = {t.pk for t in toewijzingen}
    standen = {}
    for blok in _blokken(ids):
        standen.update(_gelockt(blok))
    ontbrekend = sorted(ids - standen.keys())
    if ontbrekend:
        nieuw = [
            Budgetstand(toewijzing_id=t.pk, toegewezen=bedrag, vastgelegd=bedrag)
            for t in Toewijzing.objects.filter(pk__in=ontbrekend).select_related("keuzebudget", "product", "gemeente")
            for bedrag in (toegewezen_bedrag(t),)
        ]
        nieuw = voeg_nieuwe_toe(nieuw, ["toewijzing"])
        Budgetmutatie.objects.bulk_create(
            [
                Budgetmutatie(
                    toewijzing_id=s.toewijzing_id, soort=Mutatiesoort.VASTGELEGD, bedrag=s.vastgelegd, datum=vandaag
                )
                for s in nieuw
            ],
            batch_size=2000,
        )
        for blok in _blokken(ontbrekend):
            standen.update(_gelockt(blok))
    _zet_sluitdatum(toewijzingen, standen)
    return standen


def _zet_sluitdatum(toewijzingen: Sequence[ToewijzingRij], standen: dict[int, Stand]) -> None:
    """R-B7: a line is approved only until the declaration window after the allocation's end
    (the stop of care when stopped, else its end date) has closed. R-R1: the window is the one of
    the region's rule set valid on the day it counts from (``termijnbegin``)."""
    tijdlijn = Tijdlijn.van({t.regio_id for t in toewijzingen})
    for t in toewijzingen:
        stand = standen.get(t.pk)
        if stand is None:
            continue
        einde = t.stopdatum_zorg if t.status == ToewijzingStatus.GESTOPT and t.stopdatum_zorg else t.einddatum
        regels = tijdlijn.regels(t.regio_id, termijnbegin(einde, stand.termijn_vanaf))
        stand.sluitdatum = sluitdatum(einde, stand.termijn_vanaf, regels.declaratietermijn_dagen)


def _goedgekeurde_referenties(paren: set[tuple[int, str]]) -> Iterable[tuple[int, str]]:
    """Which (provider, reference) pairs an approved line has already (TR314), each looked up in
    the unique index (aanbieder, referentie) of approved lines. On PostgreSQL all pairs in one
    query per block (joined to two arrays); elsewhere one query per provider."""
    if connection.vendor == "postgresql":
        sql = (
            "SELECT r.aanbieder_id, r.referentie FROM unnest(%s::bigint[], %s::text[]) AS v(aanbieder_id, referentie) "
            f"JOIN {connection.ops.quote_name(Declaratieregel._meta.db_table)} r "
            "ON r.aanbieder_id = v.aanbieder_id AND r.referentie = v.referentie AND r.status = %s"
        )
        with connection.cursor() as cursor:
            for blok in _blokken(paren):
                cursor.execute(sql, [[a for a, _ in blok], [r for _, r in blok], RegelStatus.GOEDGEKEURD.value])
                yield from cursor.fetchall()
        return
    per_aanbieder: dict[int, set[str]] = defaultdict(set)
    for aanbieder_id, referentie in paren:
        per_aanbieder[aanbieder_id].add(referentie)
    for aanbieder_id, gevraagd in per_aanbieder.items():
        van_aanbieder = Declaratieregel.objects.filter(aanbieder_id=aanbieder_id, status=RegelStatus.GOEDGEKEURD)
        for blok in _blokken(gevraagd):
            for referentie in van_aanbieder.filter(referentie__any=blok).values_list("referentie", flat=True):
                yield aanbieder_id, referentie


def _nachten(toewijzing_ids: set[int], regels: Sequence[RegelInvoer]) -> dict[int, list[Debet]]:
    """R-B8: the approved, uncredited etmaal debits of these allocations (whatever their
    product: an intensity change keeps the allocation) in the calendar months of the lines, one
    query per block. Only etmaal allocations (Wonen, crisis bed) can hold etmaal lines."""
    nachten: dict[int, list[Debet]] = defaultdict(list)
    if not toewijzing_ids or not regels:
        return nachten
    van = min(r.begindatum for r in regels).replace(day=1)
    tot = max(r.einddatum for r in regels)
    tot = tot.replace(day=monthrange(tot.year, tot.month)[1])
    for blok in _blokken(toewijzing_ids):
        for rij in _NACHTEN(blok, van, tot):
            nachten[rij[0]].append(Debet(*rij[1:]))
    return nachten


def laad_contexten(aanvragen: Sequence[tuple[int, int, Sequence[RegelInvoer], date]]) -> list[Context]:
    """One context per declaration (provider, municipality, lines, day of submission), loaded
    together: the same handful of queries for one declaration or for a queue of hundreds. The
    contexts share what they load; references and credit targets are per provider, so a line
    approved in one declaration is seen by the next one of the same provider."""
    alle = [r for _, _, regels, _ in aanvragen for r in regels]
    aanbieders = {a for a, _, _, _ in aanvragen}
    toewijzingen = _toewijzingen({r.toewijzing for r in alle if r.toewijzing})
    eigen = [t for t in toewijzingen.values() if t.aanbieder_id in aanbieders]
    producten = {p.code: p for p in Product.objects.filter(code__in={r.product.strip() for r in alle})}
    tarieven: dict[int, list[Tarief]] = {}
    gekozen_tarieven: dict[tuple[int, date, int], Tarief | None] = {}
    for tarief in Tarief.objects.filter(product__in=list(producten.values())).order_by("begindatum"):
        tarieven.setdefault(tarief.product_id, []).append(tarief)
    standen = _standen(eigen, min(v for _, _, _, v in aanvragen)) if aanvragen else {}

    referenties: dict[int, set[str]] = {a: set() for a in aanbieders}
    paren = {(aanbieder_id, r.referentie.strip()) for aanbieder_id, _, regels, _ in aanvragen for r in regels}
    for aanbieder_id, referentie in _goedgekeurde_referenties(paren):
        referenties[aanbieder_id].add(referentie)
    # Only the debits that can overlap these intakes' periods (TR389), and per allocation and
    # product the nights already approved (TR322): both small, whatever the history.
    debets: dict[tuple[int, int], list[Debet]] = defaultdict(list)
    if alle:
        van, tot = min(r.begindatum for r in alle), max(r.einddatum for r in alle)
        for blok in _blokken({t.pk for t in eigen}):
            for debet in _OPEN_DEBETS(blok, van, tot):
                debets[(debet[0], debet[1])].append(Debet(*debet[2:]))
    etmalen: dict[tuple[int, int], Decimal] = {}
    etmaal = {t.pk for t in eigen if t.product_eenheid == Eenheid.ETMAAL}
    for blok in _blokken(etmaal):
        for toewijzing_id, product_id, som in _ETMALEN(blok):
            etmalen[(toewijzing_id, product_id)] = som
    volumes: dict[tuple[int, int], Decimal] = {}
    for blok in _blokken({t.pk for t in eigen if t.volume is not None}):
        for toewijzing_id, product_id, som in _VOLUMES(blok):
            volumes[(toewijzing_id, product_id)] = som
    credit_doelen: dict[int, dict[str, CreditDoel]] = {a: {} for a in aanbieders}
    credits: dict[int, set[str]] = defaultdict(set)
    for aanbieder_id, _, regels, _ in aanvragen:
        credits[aanbieder_id].update(
            r.credit_referentie.strip() for r in regels if r.debet_credit == DebetCredit.CREDIT
        )
    for aanbieder_id, gevraagd in credits.items():
        for blok in _blokken(gevraagd):
            for pk, referentie, toewijzing_id, code, bedrag, volume, creditregel in _CREDIT_DOELEN(aanbieder_id, blok):
                credit_doelen[aanbieder_id][referentie] = CreditDoel(
                    pk, referentie, toewijzing_id, code, bedrag, volume, gecrediteerd=creditregel is not None
                )
    duurzaam: dict[tuple[int, int], set[int]] = {}
    gemeenten = {t.gemeente_id: t.regio_id for t in eigen}  # R-R3: the contract covers the allocation's
    # The pairs the line check looks up: (the declaring provider, its allocation's municipality).
    contractparen = {
        (aanbieder_id, toewijzingen[r.toewijzing].gemeente_id)
        for aanbieder_id, _, regels, _ in aanvragen
        for r in regels
        if r.toewijzing in toewijzingen
    }
    contract = contractperioden(
        aanbieder_ids=aanbieders,
        product_ids=[p.pk for p in producten.values()],
        gemeenten=gemeenten,
        paren=contractparen,
    )
    inschrijving = inschrijfperioden(
        aanbieder_ids=aanbieders,
        product_ids=[p.pk for p in producten.values() if vereist_inschrijving(p)],
        gemeenten=gemeenten,
        paren=contractparen,
    )
    nachten = _nachten(etmaal, alle)
    opdrachten = opdrachtperioden(gemeente_ids=gemeenten, product_ids=[p.pk for p in producten.values()])
    trajecten: set[tuple[int, int]] = set()
    output = [p.pk for p in producten.values() if p.bekostiging == Bekostiging.OUTPUTGERICHT]
    for blok in _blokken({t.pk for t in eigen} if output else ()):
        trajecten.update(_TRAJECTEN(blok, output))
    contexten = [
        Context(
            aanbieder_id=aanbieder_id,
            gemeente_id=gemeente_id,
            vandaag=vandaag,
            toewijzingen=toewijzingen,
            producten=producten,
            tarieven=tarieven,
            gekozen_tarieven=gekozen_tarieven,
            referenties=referenties[aanbieder_id],
            debets=debets,
            etmalen=etmalen,
            volumes=volumes,
            credit_doelen=credit_doelen[aanbieder_id],
            standen=standen,
            duurzaam_uitgesloten=duurzaam,
            contractperioden=contract,
            inschrijfperioden=inschrijving,
            nachten=nachten,
            opdrachtperioden=opdrachten,
            trajecten=trajecten,
        )
        for aanbieder_id, gemeente_id, _, vandaag in aanvragen
    ]
    # The duurzaam exclusions the lines can ask, loaded now with the rest: the line checks then
    # read nothing from the database (regelcontrole.py).
    for jaar, regio_id in {
        (t.keuzebudget_begindatum.year, t.regio_id)
        for t in toewijzingen.values()
        if t.keuzebudget_soort == KeuzebudgetSoort.DUURZAAM and t.keuzebudget_begindatum is not None
    }:
        contexten[0].uitgesloten_bij_duurzaam(jaar, regio_id)
    return contexten
