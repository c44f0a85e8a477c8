"""The bulk paths of the synthetic region against the domain services, cell for cell (issue 16
§5): every generated row of the rule-carrying kinds is what the real services produce from the
same inputs, not a sample.

- Declarations and ledger: every generated declaration, as the provider sent it
  (``Inzending``), goes through the real intake (``neem_declaraties_in``) in the generator's
  order, on the region with its declarations, ledgers and batches taken out; the ledgers are
  opened by ``open_grootboek`` on the day the deciding service would, and the release job
  (``geef_verlopen_vrij``) runs every day. Then every declaration, line, budget mutation and
  budget stand must equal the generated one.
- Route: every keuzebudget's amount and end date are what ``bepaal_budget`` gives for the
  referrer's choice, every allocation follows its budget as the screening creates it, and every
  adjustment request's ``te_laat`` is the 8-week rule of ``prognose`` on the day it was filed.
"""

from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.db import transaction

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.models import Gebruiker
from jeugdregie.betalingen.models import Batchdeclaratie, Betaalbatch, Betaalpost
from jeugdregie.budgetten.models import Budgetmutatie, Budgetstand
from jeugdregie.budgetten.services.grootboek import bij_bedragwijziging, geef_verlopen_vrij, open_grootboek
from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.common.tijd import datum_van
from jeugdregie.declaraties.models import Declaratie, Declaratieregel
from jeugdregie.declaraties.services.intake import Aanvraag, neem_declaraties_in
from jeugdregie.organisaties.constants import VerwijzerType
from jeugdregie.organisaties.models import Aanbieder, Gemeente, Regelset
from jeugdregie.synthese.declaraties import genereer_declaraties
from jeugdregie.synthese.regio import PEILDATUM, genereer_regio
from jeugdregie.synthese.wereld import venster
from jeugdregie.toewijzingen.besluiten import BedragGewijzigd
from jeugdregie.toewijzingen.constants import AanpassingReden, AanpassingStatus, ToewijzingSoort
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Levering, Toewijzing
from jeugdregie.toewijzingen.prognose import prognose
from jeugdregie.toewijzingen.services.bedrag import toegewezen_bedrag
from jeugdregie.verwijzingen.models import Keuzebudget
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze, bepaal_budget
from jeugdregie.verwijzingen.services.verwijzen import is_huisartsroute

# Generates a demo region per test: deselect with -m "not slow" (issue 16 §6).
pytestmark = pytest.mark.slow

SCHAAL = 0.02  # the smallest region test_synthese_declaraties.py generates with declarations
SEED = 7

DECLARATIE_KOLOMMEN = (
    "aanbieder_id",
    "gemeente_id",
    "bron",
    "ingediend_op",
    "periode_einde",
    "dagen_na_periode",
    "ingediend_bedrag",
    "goedgekeurd_bedrag",
    "inhoud_hash",
)
REGEL_KOLOMMEN = (
    "referentie",
    "status",
    "afkeur",
    "retourcode",
    "toelichting",
    "jeugdige_id",
    "toewijzing_id",
    "product_id",
    "begindatum",
    "einddatum",
    "volume",
    "eenheid",
    "bedrag",
    "debet_credit",
)
TOEGEKEND = (AanpassingStatus.TOEGEKEND, AanpassingStatus.DEELS_TOEGEKEND)
STAND_KOLOMMEN = ("toegewezen", "vastgelegd", "goedgekeurd", "vrijgevallen", "vrijgegeven_op")


def stil(_):
    return None


def _declaraties() -> dict[str, tuple]:
    return {d[0]: d[1:] for d in Declaratie.objects.values_list("nummer", *DECLARATIE_KOLOMMEN)}


def _regels() -> dict[tuple[str, int], tuple]:
    """Every line by (declaration number, sequence number), with the line it credits by that key."""
    sleutel = {
        pk: (nummer, volgnummer)
        for pk, nummer, volgnummer in Declaratieregel.objects.values_list("pk", "declaratie__nummer", "volgnummer")
    }
    return {
        sleutel[pk]: (*waarden, sleutel.get(credit_van))
        for pk, credit_van, *waarden in Declaratieregel.objects.values_list("pk", "credit_van_id", *REGEL_KOLOMMEN)
    }


def _mutaties() -> Counter:
    """Every budget mutation (allocation, kind, amount, date, its line by key); ``tijdstip`` is
    the wall clock of the run, not a rule."""
    sleutel = dict(
        (pk, (nummer, volgnummer))
        for pk, nummer, volgnummer in Declaratieregel.objects.values_list("pk", "declaratie__nummer", "volgnummer")
    )
    return Counter(
        (toewijzing, soort, bedrag, datum, sleutel.get(regel))
        for toewijzing, soort, bedrag, datum, regel in Budgetmutatie.objects.values_list(
            "toewijzing_id", "soort", "bedrag", "datum", "regel_id"
        )
    )


def _standen() -> dict[int, tuple]:
    return {s[0]: s[1:] for s in Budgetstand.objects.values_list("toewijzing_id", *STAND_KOLOMMEN)}


def _verschil(gegenereerd: dict, door_services: dict) -> list:
    """The keys whose cells differ (or that only one side has), with both rows: at most ten."""
    sleutels = sorted(set(gegenereerd) | set(door_services), key=str)
    return [
        (k, gegenereerd.get(k), door_services.get(k)) for k in sleutels if gegenereerd.get(k) != door_services.get(k)
    ][:10]


def _wis_declaraties_en_grootboek() -> None:
    Batchdeclaratie.objects.all().delete()
    Betaalpost.objects.all().delete()
    Betaalbatch.objects.all().delete()
    Budgetmutatie.objects.all().delete()
    Budgetstand.objects.all().delete()
    Declaratieregel.objects.update(credit_van=None)
    Declaratieregel.objects.all().delete()
    Declaratie.objects.all().delete()


def _toegewezen_op(toewijzing: Toewijzing) -> date:
    """The day the deciding service commits the ledger (``Toegewezen.op``): the screening that
    accepted a keuzebudget (screenen.py), the day of allocation for the others (wonen.py,
    crisis.py allocate on their begin date in the region)."""
    if toewijzing.keuzebudget_id is not None:
        return toewijzing.verwijzing.screening.datum
    return datum_van(toewijzing.aangemaakt)


def _grootboekbesluiten(toewijzingen: list[Toewijzing]) -> tuple[dict[int, Decimal], dict[date, list]]:
    """What the toegang decided for each ledger, as the services publish it: the amount at
    allocation (``Toegewezen.bedrag``: ``bepaal_budget`` for the referrer's choice, or what a
    granted reason 1 set before the screening) and, by decision day, the new totals of granted
    adjustments during care (``BedragGewijzigd``, R-A2). An offerte whose amount changed later
    has no first amount in the database: it is committed as it stands (README "How.")."""
    toegekend = defaultdict(list)
    for a in Aanpassingsaanvraag.objects.filter(status__in=TOEGEKEND, toegekend_bedrag__isnull=False).order_by(
        "besluit_op", "pk"
    ):
        if a.reden != AanpassingReden.MEERDERE_AANBIEDERS:
            toegekend[a.verwijzing_id].append(a)
    bij_toewijzing, per_dag = {}, defaultdict(list)
    for t in toewijzingen:
        bedrag = toegewezen_bedrag(t)
        tijdens_zorg = [a for a in toegekend.get(t.verwijzing_id, ()) if a.reden != AanpassingReden.KEUZEBUDGET_ONJUIST]
        if tijdens_zorg and not t.keuzebudget.is_offerte:
            kb = t.keuzebudget
            keuze = BudgetKeuze(soort=KeuzebudgetSoort(kb.soort), niveau=kb.niveau)
            bedrag, _ = bepaal_budget(keuze, begindatum=kb.begindatum, regio_id=t.gemeente.regio_id)
            for a in toegekend[t.verwijzing_id]:
                if a.reden == AanpassingReden.KEUZEBUDGET_ONJUIST:
                    bedrag = a.toegekend_bedrag
                else:
                    per_dag[a.besluit_op].append(
                        BedragGewijzigd(toewijzing_id=t.pk, bedrag=a.toegekend_bedrag, op=a.besluit_op)
                    )
        bij_toewijzing[t.pk] = bedrag
    return bij_toewijzing, per_dag


def _aanbieder_gebruiker(aanbieder: Aanbieder) -> Gebruiker:
    return Gebruiker.objects.create(username=f"replay-aanbieder-{aanbieder.pk}", rol=Rol.AANBIEDER, aanbieder=aanbieder)


@pytest.fixture
def regio(catalogus):
    genereer_regio(peildatum=PEILDATUM, schaal=SCHAAL, seed=SEED, melden=stil)
    return genereer_declaraties(peildatum=PEILDATUM, seed=SEED, melden=stil, bewaar_inzendingen=True)


def test_elke_declaratie_en_elk_grootboek_is_wat_de_intake_en_het_grootboek_boeken(regio):
    """R-B1…R-B5, R-B7, R-B8, R-V2 (TR314, TR323/TR390, TR346, TR369, TR387/TR388), R-A2, R-A3.

    Given the generated region with its declarations, and every declaration as the provider sent
    it, in the generator's order of submission;
    when the declarations, ledgers and batches are taken out, every allocation's ledger is
    opened by ``open_grootboek`` with the amount allocated on the day the deciding service
    commits it (``_grootboekbesluiten``), and then day by day: the adjustment requests of the
    day are judged by ``prognose`` on what was declared before, the release job runs, the
    toegang's granted adjustments move the ledger (``bij_bedragwijziging``), and the day's
    declarations go through the real intake (``neem_declaraties_in``) at their own moment;
    then every declaration (number, provider, municipality, source, moment, period end, days
    late, amounts, content hash), every line (status, approved amount, volume, codes, retourcode,
    explanation, client, allocation, product, period, credited line), every budget mutation
    (allocation, kind, amount, date, line), every budget stand (allocated, committed, approved,
    released, released on) and every request's ``te_laat`` is the one the generator wrote."""
    inzendingen = regio.inzendingen
    assert inzendingen and len(inzendingen) == Declaratie.objects.count()
    gegenereerd = (_declaraties(), _regels(), _mutaties(), _standen())
    assert len(gegenereerd[1]) > 1_000 and len(gegenereerd[3]) > 100
    assert Counter(status for _, status, *_ in gegenereerd[1].values())["afgekeurd"] > 10

    _wis_declaraties_en_grootboek()
    toewijzingen = list(
        Toewijzing.objects.select_related("keuzebudget", "product", "verwijzing__screening").order_by("pk")
    )
    bij_toewijzing, wijzigingen = _grootboekbesluiten(toewijzingen)
    assert sum(map(len, wijzigingen.values())) > 5
    for t in toewijzingen:
        open_grootboek(toewijzing_id=t.pk, bedrag=bij_toewijzing[t.pk], op=_toegewezen_op(t))
    aanbieders = {a.pk: a for a in Aanbieder.objects.filter(pk__in={i.aanbieder_id for i in inzendingen})}
    gemeenten = {g.pk: g for g in Gemeente.objects.filter(pk__in={i.gemeente_id for i in inzendingen})}
    gebruikers = {pk: _aanbieder_gebruiker(a) for pk, a in aanbieders.items()}
    per_dag = defaultdict(list)
    for inzending in inzendingen:
        per_dag[datum_van(inzending.ingediend_op)].append(inzending)
    voor_besluit = _voor_besluit(list(Keuzebudget.objects.select_related("verwijzing").order_by("begindatum", "pk")))
    aanvragen = defaultdict(list)
    for aanvraag in Aanpassingsaanvraag.objects.filter(toewijzing__isnull=False).order_by("pk"):
        if voor_besluit[aanvraag.verwijzing_id] is not None:
            aanvragen[aanvraag.ingediend_op].append(aanvraag)
    te_laat, volgens_prognose, uit_regels = {}, {}, 0
    dag = min(_toegewezen_op(t) for t in toewijzingen)
    while dag < PEILDATUM:
        for aanvraag in aanvragen.pop(dag, ()):  # filed early in the day: what the intake approved before
            te_laat[aanvraag.pk] = aanvraag.te_laat
            uit_regels += Declaratieregel.objects.filter(toewijzing_id=aanvraag.toewijzing_id).exists()
            volgens_prognose[aanvraag.pk] = _te_laat_volgens_prognose(aanvraag, voor_besluit[aanvraag.verwijzing_id])
        geef_verlopen_vrij(op=dag)  # the scheduled job, early in the morning
        for besluit in wijzigingen.pop(dag, ()):  # the toegang's decisions of the day, before the intake
            bij_bedragwijziging(besluit)
        for i in per_dag.pop(dag, ()):
            [uitkomst] = neem_declaraties_in(
                [
                    Aanvraag(
                        aanbieders[i.aanbieder_id], gemeenten[i.gemeente_id], i.nummer, i.regels,
                        gebruikers[i.aanbieder_id], i.ingediend_op, i.bron,
                    )
                ]
            )  # fmt: skip
            assert uitkomst.nieuw, i.nummer
        dag += timedelta(days=1)
    assert not per_dag and not wijzigingen

    # enough requests to mean something: duurzaam budgets run one year (R-T9), so the small region has fewer
    assert not aanvragen and len(te_laat) > 20 and uit_regels > 20  # most forecasts read declared lines
    assert te_laat == volgens_prognose, ("te_laat", _verschil(te_laat, volgens_prognose))
    door_services = (_declaraties(), _regels(), _mutaties(), _standen())
    for naam, ons, hun in zip(
        ("declaraties", "regels", "mutaties", "standen"), gegenereerd, door_services, strict=True
    ):
        assert ons == hun, (naam, _verschil(dict(ons), dict(hun)))


@pytest.fixture
def route(catalogus):
    """The trajectories only: no declaration lines, so the forecast reads the deliveries as
    the trajectory generator wrote them (prognose.besteed_tot)."""
    genereer_regio(peildatum=PEILDATUM, schaal=SCHAAL, seed=SEED, melden=stil)


def _toegekend(aanvragen) -> list[Aanpassingsaanvraag]:
    return sorted(
        (a for a in aanvragen if a.status in TOEGEKEND and a.reden != AanpassingReden.MEERDERE_AANBIEDERS),
        key=lambda a: (a.besluit_op, a.pk),
    )


def _verwacht_budget(kb: Keuzebudget, eerste: dict[int, tuple[Decimal, date]], tweede) -> tuple[Decimal, date]:
    """(amount, end date) at allocation, before any adjustment of this budget: ``bepaal_budget``
    for the referrer's choice. The choice's end date is the longest the catalog allows unless
    the provider's contract or the synthetic five years end earlier; a second provider's budget
    (R-A4 reason 4) is the one ``aanpassen._tweede_budget`` registers."""
    verwijzing = kb.verwijzing
    regio_id = verwijzing.gemeente.regio_id  # R-R1: the region's keuzebudgets
    keuze = BudgetKeuze(
        soort=KeuzebudgetSoort(kb.soort), niveau=kb.niveau, offerte_bedrag=kb.bedrag if kb.is_offerte else None
    )
    reden_4 = tweede.get((verwijzing.jeugdige_id, verwijzing.aanbieder_id, kb.begindatum))
    if reden_4 is not None:
        oud_einde = eerste[reden_4.verwijzing_id][1]
        keuze = replace(
            keuze,
            offerte_bedrag=reden_4.toegekend_bedrag,
            einddatum=min(oud_einde, reden_4.besluit_op + relativedelta(months=12, days=-1)),
        )
        return bepaal_budget(keuze, begindatum=kb.begindatum, regio_id=regio_id)
    _, uiterst = bepaal_budget(keuze, begindatum=kb.begindatum, regio_id=regio_id)
    contract = verwijzing.aanbieder.contract_op(kb.begindatum)
    einde = min(uiterst, contract.einddatum or uiterst, venster(PEILDATUM)[1])
    return bepaal_budget(replace(keuze, einddatum=einde), begindatum=kb.begindatum, regio_id=regio_id)


def test_te_laat_van_elke_aanpassingsaanvraag_is_de_regel_van_prognose(route):
    """R-A3, R-A4.

    Given the generated trajectories, without declarations (so the forecast reads the delivered
    volume, ``prognose.besteed_tot``, as on the days the requests were filed);
    when for every adjustment request the 8-week point of ``prognose`` is taken on its filing
    day, with the keuzebudget's amount and end date as they stood before the decision;
    then ``te_laat`` is exactly whether it was filed after that point, and a request at
    screening (reason 1, no allocation yet) is never late."""
    budgetten = list(Keuzebudget.objects.select_related("verwijzing").order_by("begindatum", "pk"))
    voor_besluit = _voor_besluit(budgetten)
    gegenereerd, verwacht, onbekend = {}, {}, 0
    for aanvraag in Aanpassingsaanvraag.objects.order_by("pk"):
        if aanvraag.toewijzing_id is None:
            gegenereerd[aanvraag.pk], verwacht[aanvraag.pk] = aanvraag.te_laat, False
            continue
        voor = voor_besluit[aanvraag.verwijzing_id]
        if voor is None:
            onbekend += 1
            continue
        gegenereerd[aanvraag.pk] = aanvraag.te_laat
        verwacht[aanvraag.pk] = _te_laat_volgens_prognose(aanvraag, voor)
    assert onbekend <= 5 and len(verwacht) > 30
    assert Counter(verwacht.values())[True] >= 3 and Counter(verwacht.values())[False] > 20
    assert gegenereerd == verwacht, _verschil(gegenereerd, verwacht)


def test_elk_keuzebudget_en_elke_toewijzing_volgen_bepaal_budget(route):
    """R-T4, R-T5, R-T6, R-T7, R-A2, R-A4, R-A5.

    Given the generated trajectories;
    when every keuzebudget's choice (kind, level or offerte amount, begin date) goes through
    ``bepaal_budget`` (the function ``registreer_verwijzing`` calls) and every granted
    adjustment is applied as ``besluit_aanpassing`` applies it;
    then every keuzebudget has exactly that amount and end date, every allocation under it the
    period the screening gives it (``screen_verwijzing``: the budget's), the GP route has herstel 2 or 4
    and a GI an offerte, a fully granted request grants what was asked, and a second provider's
    budget (reason 4) is the one ``_tweede_budget`` registers."""
    budgetten = list(Keuzebudget.objects.select_related("verwijzing").order_by("begindatum", "pk"))
    aanvragen = defaultdict(list)
    tweede = {}
    for a in Aanpassingsaanvraag.objects.select_related("verwijzing"):
        aanvragen[a.verwijzing_id].append(a)
        if a.status == AanpassingStatus.TOEGEKEND:  # besluit_aanpassing grants what was asked
            assert (a.toegekend_bedrag, a.toegekende_einddatum) == (a.gevraagd_bedrag, a.gevraagde_einddatum), a.pk
        if a.reden == AanpassingReden.MEERDERE_AANBIEDERS and a.status in TOEGEKEND:
            tweede[(a.verwijzing.jeugdige_id, a.tweede_aanbieder_id, a.besluit_op)] = a
    assert len(budgetten) > 300 and len(tweede) + sum(map(len, aanvragen.values())) > 20
    verwacht, gegenereerd = {}, {}
    eerste: dict[int, tuple[Decimal, date]] = {}  # by referral: (amount, end) as it stands
    for kb in budgetten:  # in order of begin date: a reason-4 budget comes after the first one's
        bedrag, einde = _verwacht_budget(kb, eerste, tweede)
        for a in _toegekend(aanvragen[kb.verwijzing_id]):
            bedrag = a.toegekend_bedrag if a.toegekend_bedrag is not None else bedrag
            einde = a.toegekende_einddatum or einde
        eerste[kb.verwijzing_id] = (bedrag, einde)
        verwacht[kb.pk] = (bedrag, einde)
        gegenereerd[kb.pk] = (kb.bedrag, kb.einddatum)
        soort = kb.verwijzing.verwijzer_type
        if is_huisartsroute(soort):
            assert (kb.soort, kb.niveau in Regelset().huisartsniveaus) == (KeuzebudgetSoort.HERSTEL, True), kb.pk
        if soort == VerwijzerType.GI:
            assert kb.is_offerte, kb.pk
    assert gegenereerd == verwacht, _verschil(gegenereerd, verwacht)

    toewijzingen = Toewijzing.objects.filter(soort=ToewijzingSoort.KEUZEBUDGET).select_related("verwijzing")
    ons = {t.pk: (t.verwijzing_id, t.jeugdige_id, t.gemeente_id, t.aanbieder_id, t.begindatum, t.einddatum)
           for t in toewijzingen}  # fmt: skip
    per_budget = {kb.pk: kb for kb in budgetten}
    screening = {
        t.pk: (
            t.verwijzing_id,
            t.verwijzing.jeugdige_id,
            t.verwijzing.gemeente_id,
            t.verwijzing.aanbieder_id,
            per_budget[t.keuzebudget_id].begindatum,
            per_budget[t.keuzebudget_id].einddatum,
        )
        for t in toewijzingen
    }
    assert len(ons) > 200 and ons == screening, _verschil(ons, screening)


def _voor_besluit(budgetten: list[Keuzebudget]) -> dict[int, tuple[Decimal, date] | None]:
    """By referral: the keuzebudget's (amount, end date) before any adjustment during care, as
    ``bepaal_budget`` and a granted reason 1 set them; None for an offerte whose amount a granted
    adjustment changed (its first amount is not in the database)."""
    aanvragen, tweede = defaultdict(list), {}
    for a in Aanpassingsaanvraag.objects.select_related("verwijzing"):
        aanvragen[a.verwijzing_id].append(a)
        if a.reden == AanpassingReden.MEERDERE_AANBIEDERS and a.status in TOEGEKEND:
            tweede[(a.verwijzing.jeugdige_id, a.tweede_aanbieder_id, a.besluit_op)] = a
    uitkomst, eerste = {}, {}
    for kb in budgetten:
        bedrag, einde = _verwacht_budget(kb, eerste, tweede)
        toegekend = _toegekend(aanvragen[kb.verwijzing_id])
        for a in toegekend:
            if a.reden == AanpassingReden.KEUZEBUDGET_ONJUIST:
                bedrag = a.toegekend_bedrag
        tijdens_zorg = [a for a in toegekend if a.reden != AanpassingReden.KEUZEBUDGET_ONJUIST]
        onbekend = kb.is_offerte and any(a.toegekend_bedrag is not None for a in tijdens_zorg)
        uitkomst[kb.verwijzing_id] = None if onbekend else (bedrag, einde)
        for a in tijdens_zorg:
            bedrag = a.toegekend_bedrag if a.toegekend_bedrag is not None else bedrag
            einde = a.toegekende_einddatum or einde
        eerste[kb.verwijzing_id] = (bedrag, einde)
    return uitkomst


def _te_laat_volgens_prognose(aanvraag: Aanpassingsaanvraag, voor: tuple[Decimal, date]) -> bool:
    """``dien_aanpassing_in``: late when filed after the 8-week point of ``prognose`` on the day
    of filing, for a started allocation, with the budget as it stood then (in memory)."""
    toewijzing = Toewijzing.objects.select_related("keuzebudget").get(pk=aanvraag.toewijzing_id)
    toewijzing.keuzebudget.bedrag, toewijzing.einddatum = voor
    assert toewijzing.startdatum_zorg <= aanvraag.ingediend_op  # started when filed
    with transaction.atomic():  # deliveries registered from the day of filing on did not exist yet
        Levering.objects.filter(toewijzing=toewijzing, geregistreerd__date__gte=aanvraag.ingediend_op).delete()
        laat = aanvraag.ingediend_op > prognose(toewijzing, op=aanvraag.ingediend_op).achtwekenpunt
        transaction.set_rollback(True)
    return laat
