"""Issue 22 §5: Rijnmond's synthetic region beside IJsselland's (seed 004; R-R1, R-R3).

Both regions small (IJsselland ``--schaal``, Rijnmond ``--rijnmond-schaal`` of its full size)."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import F

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.models import Gebruiker
from jeugdregie.casusregie.constants import Fase
from jeugdregie.casusregie.models import Casus
from jeugdregie.catalogus.constants import Onderdeel
from jeugdregie.crisis.models import Crisismelding
from jeugdregie.declaraties.constants import Afkeur
from jeugdregie.declaraties.models import Declaratie, Declaratieregel
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.organisaties.models import Aanbieder, Contract, ContractProduct, Gemeente, Regio, Subregio
from jeugdregie.organisaties.regelset import regels
from jeugdregie.organisaties.services import is_gecontracteerd
from jeugdregie.portaal.werkvoorraden import route_werkvoorraden as werkvoorraden
from jeugdregie.synthese.declaraties import genereer_declaraties
from jeugdregie.synthese.demogebruikers import maak_demogebruikers
from jeugdregie.synthese.regio import PEILDATUM, genereer_regio
from jeugdregie.synthese.rijnmond import genereer_rijnmond, jeugd_volledig
from jeugdregie.toewijzingen.models import Levering, Toewijzing
from jeugdregie.verwijzingen.models import Verwijzing

from .builders.synthese import wis_jeugdigen

pytestmark = pytest.mark.slow

MVS = {"0556", "0606", "0622"}


def stil(_):
    return None


def _regio(code):
    return Regio.objects.get(code=code)


def _rijen(queryset, *velden):
    return list(queryset.order_by(*velden, "pk").values_list(*velden))


def _trajecten(code):
    """A region's young people and trajectories by natural keys (ids differ between runs)."""
    return (
        _rijen(
            Verwijzing.objects.filter(aanbieder__regio__code=code),
            "jeugdige__bsn", "aanbieder__agb_code", "datum", "verwijzer_type", "status", "keuzebudget__bedrag",
        ),
        _rijen(
            Toewijzing.objects.filter(gemeente__regio__code=code),
            "jeugdige__bsn", "aanbieder__agb_code", "gemeente__cbs_code", "soort", "status", "begindatum",
            "einddatum", "reden_beeindiging", "product__code",
        ),
        _rijen(
            Levering.objects.filter(toewijzing__gemeente__regio__code=code),
            "toewijzing__jeugdige__bsn", "product__code", "maand", "bedrag",
        ),
        _rijen(Crisismelding.objects.filter(gemeente__regio__code=code), "jeugdige__bsn", "gemeld_op"),
        _rijen(
            Jeugdige.objects.filter(woonplaatsen__gemeente__regio__code=code), "bsn", "voornamen", "geboortedatum"
        ),
    )  # fmt: skip


def test_rijnmond_naast_ijsselland(catalogus):
    """Both regions from one command: Rijnmond's 13 municipalities with the MVS sub-region, its own
    rule set with casusregie (R-R1, R-R3), providers with their own AGB codes, ambulant contracts
    partly local (Rotterdam) and partly regional, Wonen/Verblijf as local contracts of the 10
    municipalities outside MVS (R-R3); every allocation, delivery and declaration stays inside its
    region and is contracted for its municipality."""
    uit = StringIO()
    call_command(
        "genereer_regio", "--schaal", "0.02", "--rijnmond-schaal", "0.02", "--seed", "7",
        "--peildatum", "2026-01-01", stdout=uit,
    )  # fmt: skip
    assert "Rijnmond: 13 gemeenten" in uit.getvalue()
    ijsselland, rijnmond = _regio("ijsselland"), _regio("rijnmond")
    assert Gemeente.objects.filter(regio=ijsselland).count() == 11
    assert Gemeente.objects.filter(regio=rijnmond).count() == 13
    assert 250_000 < jeugd_volledig() < 275_000  # ≈2.3 × IJsselland's 113,000
    rotterdam = Gemeente.objects.get(cbs_code="0599")
    assert rotterdam.regio == rijnmond and rotterdam.subregio is None
    mvs = Subregio.objects.get(regio=rijnmond, code="mvs")
    assert set(mvs.gemeenten.values_list("cbs_code", flat=True)) == MVS
    # R-R1: each region its own rule set; casusregie only in Rijnmond (R-R3, seed 004 bouwsteen 3/14)
    assert regels(rijnmond, PEILDATUM).casusregie_actief
    assert not regels(ijsselland, PEILDATUM).casusregie_actief

    aanbieders = Aanbieder.objects.filter(regio=rijnmond)
    assert aanbieders.exists() and all(a.startswith("96") for a in aanbieders.values_list("agb_code", flat=True))
    assert not Aanbieder.objects.filter(regio=ijsselland, agb_code__startswith="96").exists()
    contracten = Contract.objects.filter(regio=rijnmond)
    # ambulant: regional ones and Rotterdam's own (bouwsteen 11)
    ambulant_lokaal = contracten.filter(gemeente=rotterdam).exclude(nummer__contains="-S")
    assert ambulant_lokaal.exists() and contracten.filter(gemeente__isnull=True).exists()
    wonen = ContractProduct.objects.filter(contract__regio=rijnmond, product__onderdeel=Onderdeel.WONEN_VERBLIJF)
    assert wonen.exists()
    assert not wonen.filter(contract__gemeente__isnull=True).exists()  # a regional one would cover MVS
    assert not wonen.filter(contract__gemeente__cbs_code__in=MVS).exists()
    assert wonen.values("contract__gemeente").distinct().count() == 10
    # MVS buys its specialist care itself: no Wonen/Verblijf provider is contracted for it here
    product = wonen.first().product
    for gemeente in Gemeente.objects.filter(regio=rijnmond):
        gedekt = any(
            is_gecontracteerd(aanbieder=a, dag=PEILDATUM, gemeente=gemeente, product=product) for a in aanbieders
        )
        assert gedekt == (gemeente.cbs_code not in MVS), gemeente

    # trajectories in both regions, never across them
    for code in ("ijsselland", "rijnmond"):
        assert Toewijzing.objects.filter(gemeente__regio__code=code).count() > 100
    assert not Toewijzing.objects.exclude(aanbieder__regio=F("gemeente__regio")).exists()
    assert not Verwijzing.objects.exclude(aanbieder__regio=F("gemeente__regio")).exists()
    assert not Crisismelding.objects.exclude(crisisdienst__regio=F("gemeente__regio")).exists()
    rijnmond_toewijzingen = Toewijzing.objects.filter(gemeente__regio=rijnmond)
    assert not rijnmond_toewijzingen.filter(
        gemeente__subregio=mvs, product__onderdeel=Onderdeel.WONEN_VERBLIJF
    ).exists()
    assert rijnmond_toewijzingen.filter(product__onderdeel=Onderdeel.WONEN_VERBLIJF).exists()
    # Rotterdam's own providers only for Rotterdam's young people (R-R3)
    alleen_rotterdam = set(ambulant_lokaal.values_list("aanbieder_id", flat=True)) - set(
        contracten.filter(gemeente__isnull=True).values_list("aanbieder_id", flat=True)
    )
    assert alleen_rotterdam
    assert set(
        rijnmond_toewijzingen.filter(aanbieder_id__in=alleen_rotterdam).values_list("gemeente__cbs_code", flat=True)
    ) <= {"0599"}
    # every Wonen/Verblijf allocation is contracted for its municipality, by the service (R-T2, R-R3)
    for t in rijnmond_toewijzingen.filter(product__onderdeel=Onderdeel.WONEN_VERBLIJF).select_related(
        "aanbieder", "gemeente", "product"
    ):
        assert is_gecontracteerd(aanbieder=t.aanbieder, dag=t.begindatum, gemeente=t.gemeente, product=t.product)
    # and every delivered product as the intake checks it: no line refused for a missing contract
    assert Declaratie.objects.filter(gemeente__regio=rijnmond).count() > 50
    afgekeurd = Counter(
        Declaratieregel.objects.filter(declaratie__gemeente__regio=rijnmond).values_list("afkeur", flat=True)
    )
    assert afgekeurd[Afkeur.GEEN_CONTRACT] == 0 and afgekeurd[Afkeur.NIET_INGESCHREVEN] == 0
    assert not Declaratieregel.objects.exclude(aanbieder__regio=F("declaratie__gemeente__regio")).exists()
    # seed 004: the model runs from 1 January 2023 — Rijnmond's contracts and history start then
    assert set(contracten.values_list("begindatum", flat=True)) == {date(2023, 1, 1)}
    assert not Verwijzing.objects.filter(gemeente__regio=rijnmond, datum__lt=date(2023, 1, 1)).exists()
    assert not rijnmond_toewijzingen.filter(begindatum__lt=date(2023, 1, 1)).exists()
    assert not Declaratieregel.objects.filter(
        declaratie__gemeente__regio=rijnmond, begindatum__lt=date(2023, 1, 1)
    ).exists()
    assert Toewijzing.objects.filter(gemeente__regio=ijsselland, begindatum__lt=date(2023, 1, 1)).exists()
    # the young people of both regions are distinct people with distinct BSNs
    assert Jeugdige.objects.filter(woonplaatsen__gemeente__regio=rijnmond).exists()
    assert (
        not Jeugdige.objects.filter(woonplaatsen__gemeente__regio=rijnmond)
        .filter(woonplaatsen__gemeente__regio=ijsselland)
        .exists()
    )


def test_ijsselland_onveranderd_rijnmond_deterministisch_en_idempotent(catalogus):
    """Rijnmond has its own random streams: IJsselland's young people and trajectories are the
    same with or without it (its declarations have their own region and stream as well);
    Rijnmond is the same per seed, and a second run adds nothing."""
    genereer_regio(peildatum=PEILDATUM, schaal=0.01, seed=7, melden=stil)
    alleen = _trajecten("ijsselland")
    wis_jeugdigen()

    genereer_regio(peildatum=PEILDATUM, schaal=0.01, seed=7, melden=stil)
    eerste = genereer_rijnmond(peildatum=PEILDATUM, schaal=0.01, seed=7, melden=stil)
    assert _trajecten("ijsselland") == alleen
    assert eerste.trajecten.totaal > 0 and eerste.jeugdigen_nieuw == eerste.jeugdigen_totaal > 0
    rijnmond = _trajecten("rijnmond")
    assert rijnmond[1]

    tweede = genereer_rijnmond(peildatum=PEILDATUM, schaal=0.01, seed=7, melden=stil)
    assert tweede.jeugdigen_nieuw == 0 and tweede.trajecten.overgeslagen
    assert _trajecten("rijnmond") == rijnmond

    wis_jeugdigen()
    genereer_regio(peildatum=PEILDATUM, schaal=0.01, seed=7, melden=stil)
    genereer_rijnmond(peildatum=PEILDATUM, schaal=0.01, seed=7, melden=stil)
    assert _trajecten("rijnmond") == rijnmond
    assert _trajecten("ijsselland") == alleen


class _Terug(Exception):
    pass


def _declaraties_ijsselland():
    return (
        _rijen(
            Declaratie.objects.filter(gemeente__regio__code="ijsselland"),
            "nummer", "ingediend_op", "bron", "ingediend_bedrag", "goedgekeurd_bedrag",
        ),
        _rijen(
            Declaratieregel.objects.filter(declaratie__gemeente__regio__code="ijsselland"),
            "declaratie__nummer", "referentie", "volgnummer", "status", "afkeur", "bedrag",
        ),
    )  # fmt: skip


def test_declaraties_van_ijsselland_onveranderd_naast_rijnmond(catalogus):
    """IJsselland's declarations, ledger lines and rejections are the same whether Rijnmond's
    providers and allocations exist or not (Rijnmond's own stream; the source each provider
    declares by is drawn for the region's own providers only)."""
    genereer_regio(peildatum=PEILDATUM, schaal=0.01, seed=7, melden=stil)
    try:
        with transaction.atomic():
            genereer_declaraties(seed=7, peildatum=PEILDATUM, melden=stil)
            alleen = _declaraties_ijsselland()
            raise _Terug
    except _Terug:
        pass
    assert not Declaratie.objects.exists()
    genereer_rijnmond(peildatum=PEILDATUM, schaal=0.01, seed=7, melden=stil)
    genereer_declaraties(seed=7, peildatum=PEILDATUM, melden=stil)
    assert alleen[1] and _declaraties_ijsselland() == alleen
    genereer_declaraties(seed=7, peildatum=PEILDATUM, melden=stil, regio_code="rijnmond")
    assert _declaraties_ijsselland() == alleen
    assert Declaratie.objects.filter(gemeente__regio__code="rijnmond").exists()


def test_demogebruikers_per_rol_voor_rijnmond(catalogus):
    """The demo offers a Rijnmond user for every role IJsselland has, tied to Rijnmond's
    organisations; the toegang of Rotterdam and Rijnmond's demo provider find work, and Rotterdam
    has casussen in several steps, opened through the casusregie services (R-R3)."""
    genereer_regio(peildatum=PEILDATUM, schaal=0.01, seed=7, melden=stil)
    genereer_rijnmond(peildatum=PEILDATUM, schaal=0.02, seed=7, melden=stil)
    logins = {login.gebruikersnaam: login for login in maak_demogebruikers()}
    rijnmond = _regio("rijnmond")
    rollen_ijsselland = {
        login.rol for naam, login in logins.items() if "rijnmond" not in naam and "rotterdam" not in naam
    }
    rollen_rijnmond = {login.rol for naam, login in logins.items() if "rijnmond" in naam or "rotterdam" in naam}
    assert rollen_rijnmond == rollen_ijsselland == set(Rol)
    for naam in [n for n in logins if "rijnmond" in n or "rotterdam" in n]:
        gebruiker = Gebruiker.objects.get(username=naam)
        organisatie = gebruiker.gemeente or gebruiker.aanbieder or gebruiker.verwijzer or gebruiker.regio
        assert getattr(organisatie, "regio", organisatie) == rijnmond, naam
    assert Gebruiker.objects.get(username="toegang").gemeente.regio.code == "ijsselland"

    casussen = Casus.objects.filter(gemeente__cbs_code="0599")
    assert casussen.count() == 3 and all(c.fase == Fase.LOPEND for c in casussen)
    assert sorted(c.laatste_stap for c in casussen) == [1, 3, 4]
    assert maak_demogebruikers() and casussen.count() == 3  # a second run adds nothing

    for naam in ("toegang-rotterdam", "aanbieder-rijnmond"):
        lijsten = werkvoorraden(Gebruiker.objects.get(username=naam), op=PEILDATUM)
        assert lijsten and sum(lijst.aantal for lijst in lijsten) > 0, naam

    # R-R2: MVS's task-based assignment, through the services (synthese/taakgericht.py)
    from jeugdregie.common.tijd import vandaag
    from jeugdregie.taakgericht.models import TaakgerichteOpdracht, Zorgperiode

    opdracht = TaakgerichteOpdracht.objects.get(naam="Jeugdmodel MVS")
    assert set(opdracht.gemeenten.values_list("cbs_code", flat=True)) == {"0556", "0606", "0622"}
    assert opdracht.regio == rijnmond and opdracht.begindatum == date(2023, 1, 1)
    dag = vandaag()
    assert opdracht.termijnen.filter(jaar=2023, betaald_op__isnull=False).count() == 12
    huidig = opdracht.termijnen.get(jaar=dag.year, volgnummer=dag.month)
    assert huidig.betaald_op is None  # the current month's term is finance's work
    assert all(t.betaald_op is not None for t in opdracht.termijnen.filter(einddatum__lt=dag.replace(day=1)))
    assert Zorgperiode.objects.filter(opdracht=opdracht, einddatum__isnull=True).exists()
    assert maak_demogebruikers() and TaakgerichteOpdracht.objects.filter(naam="Jeugdmodel MVS").count() == 1

    # R-R3: Rijnmond's purchasing levels, set from today by its beheerder through the service
    from jeugdregie.audit.models import AuditRegel
    from jeugdregie.catalogus.models import Product
    from jeugdregie.organisaties.inkoop import inkoopniveau
    from jeugdregie.organisaties.models import Inkoopniveau

    niveaus = Inkoopniveau.objects.filter(regio=rijnmond)
    assert niveaus.exists() and set(niveaus.values_list("geldig_vanaf", flat=True)) == {dag}
    assert set(niveaus.values_list("vastgesteld_door__username", flat=True)) == {"beheerder-rijnmond"}
    assert AuditRegel.objects.filter(objecttype="organisaties.Inkoopniveau").count() == niveaus.count()
    for code, verwacht in (
        ("45A01", "lokaal"),
        ("45A07", "regionaal"),
        ("46C01", "regionaal"),
        ("45L01", "regionaal"),
        ("45A03", None),
        ("44W01", None),
    ):
        assert inkoopniveau(rijnmond.pk, Product.objects.get(code=code).pk, dag) == verwacht, code
    assert not Inkoopniveau.objects.filter(regio__code="ijsselland").exists()
    voor = niveaus.count()
    assert maak_demogebruikers() and niveaus.count() == voor  # a second run adds nothing
