"""Waiting times per provider and product category (R-S6, issue 21 item 9): reported by the
provider itself for the categories it is contracted for, dated by the server, kept as history;
the choice list sorts by the current waiting time of the referral's category (after the
registration, R-S4) and marks stale reports; the region's
contract manager and policy staff see an overview with the median per category."""

import csv
import io
from datetime import date, timedelta

import pytest

from jeugdregie.audit.models import AuditRegel
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.organisaties.constants import Foutcode
from jeugdregie.organisaties.models import Regio, Wachttijdmelding
from jeugdregie.organisaties.services import (
    gecontracteerde_categorieen,
    meld_wachttijd,
    regionaal_wachttijdoverzicht,
    registreer_contract,
)
from jeugdregie.verwijzingen.services.keuzelijst import budgetcategorie, keuzelijst

from .builders.regelset import zet_regels
from .factories import AanbiederFactory, GebruikerFactory
from .klok import op_de_dag

VANDAAG = date(2026, 6, 1)


def _meld(route, wie="aanbieder", categorie="ambulant", weken=3, op=VANDAAG):
    with op_de_dag(op):
        return meld_wachttijd(
            aanbieder=route[wie], productcategorie=categorie, weken=weken, door=route["gebruikers"][wie]
        )


@pytest.fixture
def derde(route):
    """A third provider contracted for individual care (ambulant) only, with its user."""
    aanbieder = AanbiederFactory(naam="Derde aanbieder")
    registreer_contract(
        aanbieder=aanbieder, nummer="C-C", begindatum=date(2022, 1, 1), einddatum=None, productcodes=["45A03"]
    )
    route["derde"] = aanbieder
    route["gebruikers"]["derde"] = GebruikerFactory(aanbieder_rol=True, aanbieder=aanbieder)
    return route


# --- the service ---------------------------------------------------------------------------


def test_melding_is_gedateerd_door_de_server_en_houdt_geschiedenis(route):
    """R-S6: each report is a row dated by the server; the latest is the current one, the
    earlier stays; the report is audit-logged."""
    eerste = _meld(route, weken=6, op=date(2026, 5, 1))
    tweede = _meld(route, weken=3, op=VANDAAG)
    assert (eerste.gemeld_op, tweede.gemeld_op) == (date(2026, 5, 1), VANDAAG)
    assert Wachttijdmelding.objects.filter(aanbieder=route["aanbieder"]).count() == 2
    lijst = keuzelijst(datum=VANDAAG, product=Product.objects.get(code="45A03"))
    assert lijst.get(pk=route["aanbieder"].pk).wachttijd_weken == 3
    regel = AuditRegel.objects.filter(objecttype="organisaties.Wachttijdmelding", object_id=str(tweede.pk)).get()
    assert regel.actie == "aanmaken" and regel.gebruiker_id == route["gebruikers"]["aanbieder"].pk


def test_gecontracteerde_categorieen_volgen_uit_het_contract(route):
    """R-S6: the categories are those of the products contracted on the day."""
    assert gecontracteerde_categorieen(aanbieder=route["aanbieder"], dag=VANDAAG) == ["ambulant", "wonen_verblijf"]
    assert gecontracteerde_categorieen(aanbieder=route["aanbieder"], dag=date(2021, 12, 31)) == []


@pytest.mark.parametrize(
    ("categorie", "weken", "code", "veld"),
    [
        ("crisis", 3, Foutcode.WACHTTIJD_NIET_GECONTRACTEERD, "productcategorie"),  # not contracted
        ("jeugdzorg", 3, Foutcode.WACHTTIJD_ONGELDIG, "productcategorie"),
        ("ambulant", -1, Foutcode.WACHTTIJD_ONGELDIG, "weken"),
        ("ambulant", 2.5, Foutcode.WACHTTIJD_ONGELDIG, "weken"),
        ("ambulant", "3", Foutcode.WACHTTIJD_ONGELDIG, "weken"),
        ("ambulant", True, Foutcode.WACHTTIJD_ONGELDIG, "weken"),
        ("ambulant", Wachttijdmelding.MAX_WEKEN + 1, Foutcode.WACHTTIJD_ONGELDIG, "weken"),
    ],
)
def test_ongeldige_melding_geweigerd_en_niets_vastgelegd(route, categorie, weken, code, veld):
    """R-S6: an uncontracted category, an unknown category or a wrong number of weeks is refused
    with a Dutch message naming the field; nothing is written."""
    with pytest.raises(DomainError) as fout:
        _meld(route, categorie=categorie, weken=weken)
    assert (fout.value.code, fout.value.field) == (code, veld)
    assert fout.value.message
    assert not Wachttijdmelding.objects.exists()
    assert not AuditRegel.objects.filter(objecttype="organisaties.Wachttijdmelding").exists()


def test_na_het_contract_geweigerd(route):
    """R-S6: after the contract ends (2027-12-31) nothing is contracted: refused."""
    with pytest.raises(DomainError) as fout:
        _meld(route, op=date(2028, 1, 3))
    assert fout.value.code == Foutcode.WACHTTIJD_NIET_GECONTRACTEERD
    assert "niet gecontracteerd" in fout.value.message


@pytest.mark.parametrize("door", ["andere_aanbieder", "toegang", "contractmanager", "beleid", "beheerder"])
def test_alleen_de_aanbieder_zelf_meldt(route, door):
    """R-S6: another provider's staff, or any other role, cannot report for this provider."""
    with pytest.raises(DomainError) as fout, op_de_dag(VANDAAG):
        meld_wachttijd(
            aanbieder=route["aanbieder"], productcategorie="ambulant", weken=1, door=route["gebruikers"][door]
        )
    assert fout.value.code == Foutcode.WACHTTIJD_GEEN_TOEGANG
    assert not Wachttijdmelding.objects.exists()


# --- the choice list -------------------------------------------------------------------------


def test_keuzelijst_kortste_wachttijd_eerst_zonder_melding_laatst(derde):
    """R-S6: among the providers not registered on 45A03, shortest current waiting time first;
    the category is the product's (a report for Wonen/Verblijf does not count for 45A03), so the
    registered provider, first by R-S4, has none."""
    route = derde
    _meld(route, "andere_aanbieder", weken=2)
    _meld(route, "derde", weken=5)
    _meld(route, "aanbieder", categorie="wonen_verblijf", weken=0)  # another category
    lijst = list(keuzelijst(datum=VANDAAG, product=Product.objects.get(code="45A03")))
    assert [a.pk for a in lijst] == [route["aanbieder"].pk, route["andere_aanbieder"].pk, route["derde"].pk]
    assert [a.wachttijd_weken for a in lijst] == [None, 2, 5]


def test_keuzelijst_ingeschreven_eerst_ook_met_langere_wachttijd(derde):
    """R-S4 over R-S6 (review of issue 21): the provider registered on 45A03 must accept a
    fitting request, so it stays first with 10 weeks; the waiting time orders the others (0
    before 1) and never lifts an unregistered provider above a registered one."""
    route = derde
    _meld(route, "aanbieder", weken=10)
    _meld(route, "andere_aanbieder", weken=1)
    _meld(route, "derde", weken=0)
    lijst = list(keuzelijst(datum=VANDAAG, product=Product.objects.get(code="45A03")))
    assert [(a.pk, a.ingeschreven, a.wachttijd_weken) for a in lijst] == [
        (route["aanbieder"].pk, True, 10),
        (route["derde"].pk, False, 0),
        (route["andere_aanbieder"].pk, False, 1),
    ]


@pytest.fixture
def dyslexie(route):
    """A provider contracted for dyslexia care only (45L01), with its user."""
    aanbieder = AanbiederFactory(naam="Dyslexiepraktijk")
    registreer_contract(
        aanbieder=aanbieder, nummer="C-D", begindatum=date(2022, 1, 1), einddatum=None, productcodes=["45L01"]
    )
    route["dyslexie"] = aanbieder
    route["gebruikers"]["dyslexie"] = GebruikerFactory(aanbieder_rol=True, aanbieder=aanbieder)
    return route


@pytest.mark.parametrize("soort", [None, "herstel", "duurzaam"])
def test_keuzelijst_zonder_product_gebruikt_de_categorie_van_het_keuzebudget(dyslexie, soort):
    """R-S6 (review of issue 21): a referral without a product is a keuzebudget delivered through
    the function groups (001 §4.4.1), all Ambulante jeugdhulp: the waiting time shown and sorted
    on is that category's. The dyslexia practice's 0 weeks for Dyslexiezorg does not put it
    first for ambulant care; it has no ambulant waiting time."""
    route = dyslexie
    _meld(route, "dyslexie", categorie="dyslexie", weken=0)
    _meld(route, "andere_aanbieder", weken=3)
    _meld(route, "aanbieder", categorie="wonen_verblijf", weken=1)  # another category too
    assert budgetcategorie(soort=soort, jaar=VANDAAG.year) == "ambulant"
    lijst = list(keuzelijst(datum=VANDAAG, budgetsoort=soort))
    weken = {a.pk: a.wachttijd_weken for a in lijst}
    assert weken == {route["andere_aanbieder"].pk: 3, route["aanbieder"].pk: None, route["dyslexie"].pk: None}
    assert lijst[0].pk == route["andere_aanbieder"].pk


def test_keuzelijst_zonder_bepaalbare_categorie_geen_wachttijd(dyslexie):
    """R-S6 (review of issue 21): when the function groups span two catalogue parts the referral's
    category cannot be determined: no waiting time is shown or sorted on (never another
    category's), the list is by name."""
    route = dyslexie
    _meld(route, "dyslexie", categorie="dyslexie", weken=0)
    _meld(route, "andere_aanbieder", weken=3)
    Product.objects.filter(code="45A07").update(onderdeel="dyslexie")
    assert budgetcategorie(soort="herstel", jaar=VANDAAG.year) is None
    lijst = list(keuzelijst(datum=VANDAAG))
    assert {a.wachttijd_weken for a in lijst} == {None}
    assert [a.naam for a in lijst] == sorted(a.naam for a in lijst)


def test_keuzelijst_verouderde_melding_telt_als_onbekend(derde):
    """R-S6: a report older than the region's maximum age (default 90 days) counts as unknown:
    sorted last (after the registered provider, R-S4), shown as "verouderd"; on the 90th day it
    still counts. The age is the region's field, not a constant: 120 days makes the old report
    count again."""
    route = derde
    product = Product.objects.get(code="45A03")
    _meld(route, "derde", weken=1, op=VANDAAG - timedelta(days=91))
    _meld(route, "andere_aanbieder", weken=8, op=VANDAAG - timedelta(days=90))
    lijst = list(keuzelijst(datum=VANDAAG, product=product))
    assert [a.pk for a in lijst] == [route["aanbieder"].pk, route["andere_aanbieder"].pk, route["derde"].pk]
    assert lijst[2].wachttijd_weken is None and lijst[2].wachttijd_laatst_gemeld is not None
    for regio in Regio.objects.all():
        zet_regels(regio, wachttijd_geldigheid_dagen=120)
    lijst = list(keuzelijst(datum=VANDAAG, product=product))
    assert [a.pk for a in lijst] == [route["aanbieder"].pk, route["derde"].pk, route["andere_aanbieder"].pk]


def test_keuzelijst_pagina_toont_wachttijd(client, derde):
    """R-S6: the toegang's choice list shows "3 weken" (the registered provider, first by R-S4),
    "verouderd" and "onbekend", in that order, and the CSV export carries the same column."""
    route = derde
    _meld(route, "aanbieder", weken=3)
    _meld(route, "andere_aanbieder", weken=1, op=VANDAAG - timedelta(days=200))
    product = Product.objects.get(code="45A03")
    client.force_login(route["gebruikers"]["toegang"])
    with op_de_dag(VANDAAG):
        inhoud = client.get(f"/route/keuzelijst/?product={product.pk}&datum=2026-06-01").content.decode()
        inhoud = inhoud[inhoud.index("<tbody>") :]
        export = client.get(f"/route/keuzelijst/?product={product.pk}&datum=2026-06-01&export=csv")
    assert "3 weken" in inhoud
    assert inhoud.index("3 weken") < inhoud.index("verouderd") < inhoud.index("onbekend")
    rijen = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    kolom = rijen[0].index("Wachttijd")
    assert [r[kolom] for r in rijen[1:]] == ["3 weken", "verouderd", "onbekend"]


def test_verwijsformulier_toont_wachttijd_bij_aanbieder(client, route):
    """R-S6: the referral form's provider choices carry the waiting time."""
    _meld(route, "andere_aanbieder", weken=4)
    client.force_login(route["gebruikers"]["toegang"])
    with op_de_dag(VANDAAG):
        inhoud = client.get("/route/verwijzingen/nieuw/").content.decode()
    assert f"{route['andere_aanbieder'].naam} — Wachttijd: 4 weken" in inhoud
    assert f"{route['aanbieder'].naam} — Wachttijd: onbekend;" in inhoud


def test_keuzelijst_api_geeft_wachttijd(client, route):
    """R-S6: the choice list API carries the current waiting time and its status (the provider
    registered on 45A03 first, R-S4)."""
    _meld(route, "andere_aanbieder", weken=2)
    client.force_login(route["gebruikers"]["toegang"])
    antwoord = client.get("/api/v1/keuzelijst/?product=45A03&datum=2026-06-01").json()["results"]
    assert [(r["naam"], r["wachttijd_weken"], r["wachttijd"]) for r in antwoord] == [
        (route["aanbieder"].naam, None, "onbekend"),
        (route["andere_aanbieder"].naam, 2, "2 weken"),
    ]


# --- the provider's screen and API ------------------------------------------------------------


def test_aanbieder_meldt_via_scherm(client, route):
    """R-S6: the provider's page lists its contracted categories and records a report; a
    category it is not contracted for is not offered and refused if posted."""
    client.force_login(route["gebruikers"]["aanbieder"])
    with op_de_dag(VANDAAG):
        pagina = client.get("/organisaties/wachttijden/").content.decode()
        assert "Ambulante jeugdhulp" in pagina and "Crisisfunctie" not in pagina
        antwoord = client.post("/organisaties/wachttijden/", {"productcategorie": "ambulant", "weken": "7"})
        assert antwoord.status_code == 302
        fout = client.post("/organisaties/wachttijden/", {"productcategorie": "crisis", "weken": "7"})
        assert fout.status_code == 200
        pagina = client.get("/organisaties/wachttijden/").content.decode()
    melding = Wachttijdmelding.objects.get()
    assert (melding.aanbieder, melding.productcategorie, melding.weken, melding.gemeld_op) == (
        route["aanbieder"],
        "ambulant",
        7,
        VANDAAG,
    )
    assert "7 weken" in pagina and "01-06-2026" in pagina


@pytest.mark.parametrize(
    ("rol", "melden", "overzicht"),
    [
        ("aanbieder", 200, 403),
        ("toegang", 403, 403),
        ("huisarts", 403, 403),
        ("financieel", 403, 403),
        ("contractmanager", 403, 200),
        ("beleid", 403, 200),
        ("bestuurder", 403, 403),
        ("beheerder", 403, 403),
    ],
)
def test_toegang_per_rol(client, route, rol, melden, overzicht):
    """R-S6: only a provider reports; contract manager and policy staff see the overview."""
    client.force_login(route["gebruikers"][rol])
    assert client.get("/organisaties/wachttijden/").status_code == melden
    assert client.get("/organisaties/wachttijden/regio/").status_code == overzicht
    assert client.get("/api/v1/wachttijden/").status_code == melden


def test_api_melden_en_lezen(client, route):
    """R-S6: the provider's endpoint records a report (the server's date, not a posted one)
    and lists the current waiting time per contracted category; refusals are 400 with the code."""
    client.force_login(route["gebruikers"]["aanbieder"])
    with op_de_dag(VANDAAG):
        antwoord = client.post(
            "/api/v1/wachttijden/",
            {"productcategorie": "ambulant", "weken": 5, "gemeld_op": "2020-01-01"},
            content_type="application/json",
        )
        assert antwoord.status_code == 201, antwoord.content
        assert antwoord.json()["gemeld_op"] == "2026-06-01"
        fout = client.post(
            "/api/v1/wachttijden/", {"productcategorie": "crisis", "weken": 5}, content_type="application/json"
        )
        negatief = client.post(
            "/api/v1/wachttijden/", {"productcategorie": "ambulant", "weken": -2}, content_type="application/json"
        )
        lijst = client.get("/api/v1/wachttijden/").json()
    assert fout.status_code == 400 and Foutcode.WACHTTIJD_NIET_GECONTRACTEERD.value in fout.content.decode()
    assert negatief.status_code == 400
    assert Wachttijdmelding.objects.count() == 1
    assert {r["productcategorie"]: r["wachttijd"] for r in lijst} == {
        "ambulant": "5 weken",
        "wonen_verblijf": "onbekend",
    }


def test_api_met_token_van_de_aanbieder(client, route):
    """R-S6: the endpoint takes the provider's API token, like the other provider endpoints."""
    from jeugdregie.tokens.services import maak_token

    nieuw = maak_token(gebruiker=route["gebruikers"]["aanbieder"], door=route["gebruikers"]["beheerder"])
    with op_de_dag(VANDAAG):
        antwoord = client.post(
            "/api/v1/wachttijden/",
            {"productcategorie": "wonen_verblijf", "weken": 2},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {nieuw.sleutel}",
        )
    assert antwoord.status_code == 201, antwoord.content
    assert Wachttijdmelding.objects.get().aanbieder == route["aanbieder"]


# --- the regional overview --------------------------------------------------------------------


def test_regionaal_overzicht_met_mediaan(derde):
    """R-S6: per category the contracted providers, shortest first, stale and missing last, with
    the median of the current reports (2 and 5 → 3.5; the stale one does not count)."""
    route = derde
    _meld(route, "andere_aanbieder", weken=5)
    _meld(route, "derde", weken=2)
    _meld(route, "aanbieder", weken=1, op=VANDAAG - timedelta(days=100))
    overzicht = {
        c.productcategorie: c for c in regionaal_wachttijdoverzicht(regio_id=route["aanbieder"].regio_id, datum=VANDAAG)
    }
    ambulant = overzicht["ambulant"]
    assert [(r.aanbieder.pk, r.tekst) for r in ambulant.regels] == [
        (route["derde"].pk, "2 weken"),
        (route["andere_aanbieder"].pk, "5 weken"),
        (route["aanbieder"].pk, "verouderd"),
    ]
    assert ambulant.mediaan == 3.5
    assert overzicht["wonen_verblijf"].mediaan is None
    assert "crisis" not in overzicht


def test_regionaal_overzicht_pagina_en_export(client, route):
    """R-S6: the contract manager's page shows the median and date; the CSV has one row per
    provider and category."""
    _meld(route, "andere_aanbieder", weken=4)
    client.force_login(route["gebruikers"]["contractmanager"])
    with op_de_dag(VANDAAG):
        pagina = client.get("/organisaties/wachttijden/regio/").content.decode()
        export = client.get("/organisaties/wachttijden/regio/?export=csv")
    assert "Ambulante jeugdhulp" in pagina and "4 weken" in pagina and "01-06-2026" in pagina
    rijen = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0][0] == "Productcategorie"
    ambulant = [r for r in rijen[1:] if r[0] == "Ambulante jeugdhulp"]
    assert {r[2]: r[4] for r in ambulant} == {
        route["aanbieder"].naam: "onbekend",
        route["andere_aanbieder"].naam: "4 weken",
    }
    assert {r[6] for r in ambulant} == {"4"}
