"""Small-cell suppression on the control and accountability pages and their exports (issue 14
§7; R-P3): a cell of fewer than 5 children is shown as "<5", a complementary cell as "—", and the
exports carry exactly what the page shows."""

from datetime import date
from decimal import Decimal

import pytest

from jeugdregie.accounts.constants import Rol
from jeugdregie.beheersing.constants import ALLE, Periodesoort
from jeugdregie.beheersing.models import Cijfer
from jeugdregie.beheersing.services.vergelijking import TREND, Tijdvak, trend, vergelijk

from .factories import GebruikerFactory, GemeenteFactory

JAAR = date(2026, 1, 1)
# municipality -> (young people in care (CON07 denominator), spend KOS01)
CIJFERS = {"Zwolle": (40, "52000.00"), "Deventer": (3, "4100.00"), "Kampen": (12, "9900.00")}


@pytest.fixture
def drie_gemeenten(db):
    """Rollup cells for 2026 as the rollup would store them: Deventer has 3 young people in care."""
    gemeenten = {
        "Zwolle": GemeenteFactory(),
        "Deventer": GemeenteFactory(cbs_code="0150", naam="Deventer", jeugdigen=19235),
        "Kampen": GemeenteFactory(cbs_code="0166", naam="Kampen", jeugdigen=12000),
    }
    totaal_kinderen = sum(k for k, _ in CIJFERS.values())
    totaal_bedrag = sum(Decimal(b) for _, b in CIJFERS.values())
    for naam, gemeente_id in [*((n, g.pk) for n, g in gemeenten.items()), ("regio", None)]:
        kinderen, bedrag = CIJFERS[naam] if gemeente_id else (totaal_kinderen, totaal_bedrag)
        basis = {"periodesoort": Periodesoort.JAAR, "periode": JAAR, "gemeente_id": gemeente_id, "categorie": ALLE}
        Cijfer.objects.create(indicator="CON07", teller=0, noemer=kinderen, **basis)
        Cijfer.objects.create(indicator="KOS01", teller=Decimal(bedrag), noemer=kinderen * 3, **basis)
    return gemeenten


def _kos01(vergelijking):
    rij = next(r for r in vergelijking.rijen if r.indicator.code == "KOS01")
    return {m.gebied.naam: m for m in rij.metingen}


def test_gemeente_met_drie_jeugdigen_en_een_complement_verborgen(drie_gemeenten):
    """Issue 14 §7 (R-P3): Deventer (3 young people) is "<5"; the smallest other municipality
    (Kampen) is "—", so the region minus Zwolle cannot reveal Deventer; the region stays."""
    regio = drie_gemeenten["Zwolle"].regio
    metingen = _kos01(vergelijk(regio=regio, tijdvak=Tijdvak(Periodesoort.JAAR, JAAR)))
    assert (metingen["Deventer"].tekst, metingen["Kampen"].tekst) == ("<5", "—")
    assert metingen["Deventer"].waarde is None and metingen["Kampen"].waarde is None
    assert metingen["Zwolle"].waarde == Decimal("52000.00") * 1000 / 26617
    assert metingen["Regio IJsselland"].waarde is not None


def test_export_bevat_het_verborgen_getal_niet(client, drie_gemeenten, settings):
    """Issue 14 §7 (R-P3): the CSV carries "<5" and "—" and the explanation, never Deventer's figure."""
    regio = drie_gemeenten["Zwolle"].regio
    settings.JEUGDREGIE_ONTHULLINGSDREMPEL = 1
    open_ = _kos01(vergelijk(regio=regio, tijdvak=Tijdvak(Periodesoort.JAAR, JAAR)))
    geheim = [str(open_["Deventer"].export), str(open_["Kampen"].export)]
    settings.JEUGDREGIE_ONTHULLINGSDREMPEL = 5
    client.force_login(GebruikerFactory(regio_rol=True, rol=Rol.CONTRACTMANAGER, regio=regio))
    csv = client.get("/beheersing/gemeenten/?soort=jaar&periode=2026&export=csv").content.decode("utf-8-sig")
    regel = next(r for r in csv.splitlines() if r.split(";")[1] == "KOS01")
    assert "<5" in regel and "—" in regel
    assert all(g not in csv and g.replace(".", ",") not in csv for g in geheim)
    assert "minder dan 5 jeugdigen" in csv
    pagina = client.get("/beheersing/gemeenten/?soort=jaar&periode=2026").content.decode()
    assert "&lt;5" in pagina and "minder dan 5 jeugdigen" in pagina


def test_trend_verbergt_per_periode(drie_gemeenten):
    """Issue 14 §7 (R-P3): the policy trend hides the same cells per period (Deventer and a complement)."""
    regio = drie_gemeenten["Zwolle"].regio
    t = trend(TREND["uitgaven"], regio=regio, tijdvak=Tijdvak(Periodesoort.JAAR, JAAR))
    laatste = {r.gebied.naam: r.metingen[-1].tekst for r in t.rijen}
    assert (laatste["Deventer"], laatste["Kampen"]) == ("<5", "—")
    assert "minder dan 5 jeugdigen" in t.toelichting
    assert ["<5" in str(c) for c in next(r for r in t.exportrijen() if r[0] == "Deventer")].count(True) == 1


# --- the production statement (R-V1) ---


def _productie(route):
    """One child (Zara, Zwolle) with one approved line of € 860.00 in April 2026."""
    from .builders.declaraties import declareer, regel
    from .builders.route import gestart

    declareer(route, [regel(gestart(route), "R1", uren="10")])
    return route["aanbieder"]


@pytest.fixture
def productie(route):
    return {**route, "aanbieder_obj": _productie(route)}


def test_productieverantwoording_verbergt_kleine_rij_voor_regiorollen(client, productie):
    """Issue 14 §7 (R-P1, R-P3): the contract manager sees the statement as aggregates: a row of
    one child is "<5" and, with no other row to hide, the totals too; page, CSV and API carry no
    amount of it."""
    aanbieder = productie["aanbieder_obj"]
    client.force_login(productie["gebruikers"]["contractmanager"])
    pagina = client.get(f"/verantwoording/productie/{aanbieder.pk}/2026/").content.decode()
    assert "&lt;5" in pagina and "860" not in pagina and "minder dan 5 jeugdigen" in pagina
    csv = client.get(f"/verantwoording/productie/{aanbieder.pk}/2026/?export=csv").content.decode("utf-8-sig")
    assert "860" not in csv and "<5" in csv
    api = client.get(f"/api/v1/productieverantwoordingen/?aanbieder={aanbieder.agb_code}&jaar=2026").json()
    assert api["rijen"][0]["verborgen"] == "<5" and api["rijen"][0]["goedgekeurd"] is None
    assert set(api["totalen"].values()) == {None} and "860" not in str(api)


def test_productieverantwoording_exact_voor_wie_de_regels_ziet(client, productie):
    """Issue 14 §7 (R-P3), R-V1: the provider itself and the municipality (who may open the lines) get the
    exact statement, to the cent."""
    aanbieder = productie["aanbieder_obj"]
    for wie in ("aanbieder", "financieel"):
        client.force_login(productie["gebruikers"][wie])
        csv = client.get(f"/verantwoording/productie/{aanbieder.pk}/2026/?export=csv").content.decode("utf-8-sig")
        assert "860" in csv and "<5" not in csv


# --- the provider scorecard (R-K3) ---

Q4 = date(2025, 10, 1)
# provider -> (young people in care, spend KOS01) in 2025-Q4
AANBIEDERS = {"klein": (3, "2500.00"), "middel": (8, "7000.00"), "groot": (40, "61000.00")}


@pytest.fixture
def drie_aanbieders(db):
    from .factories import AanbiederFactory

    aanbieders = {naam: AanbiederFactory() for naam in AANBIEDERS}
    totaal = (sum(k for k, _ in AANBIEDERS.values()), sum(Decimal(b) for _, b in AANBIEDERS.values()))
    for naam, aanbieder_id in [*((n, a.pk) for n, a in aanbieders.items()), ("alle", None)]:
        kinderen, bedrag = AANBIEDERS[naam] if aanbieder_id else totaal
        basis = {"periodesoort": Periodesoort.KWARTAAL, "periode": Q4, "aanbieder_id": aanbieder_id}
        Cijfer.objects.create(indicator="CON07", teller=0, noemer=kinderen, categorie=ALLE, **basis)
        Cijfer.objects.create(indicator="KOS01", teller=Decimal(bedrag), noemer=kinderen, categorie=ALLE, **basis)
    return aanbieders


def _kos01_scorekaart(client, aanbieder, export=""):
    antwoord = client.get(f"/beheersing/aanbieders/{aanbieder.pk}/scorekaart/?periode=2025-K4{export}")
    return antwoord.content.decode("utf-8-sig")


def test_scorekaart_verbergt_kleine_aanbieder_en_complement(client, drie_aanbieders):
    """Issue 14 §7 (R-P3): the provider with 3 young people shows "<5" for its spend; the
    next-smallest provider "—" on its own scorecard, so the all-providers total minus the other
    scorecards gives nothing back; the large provider is shown; the CSV holds no hidden figure."""
    from jeugdregie.beheersing.indicatoren.register import REGISTER
    from jeugdregie.beheersing.services.scorekaart import scorekaart

    def kos01(aanbieder):
        return next(r for r in scorekaart(aanbieder, Q4).regels if r.indicator == REGISTER["KOS01"])

    klein, middel, groot = (kos01(drie_aanbieders[n]) for n in ("klein", "middel", "groot"))
    assert (klein.waarde_tekst, klein.waarde) == ("<5", None)
    assert (middel.waarde_tekst, middel.waarde) == ("—", None)
    assert groot.waarde == Decimal("61000.00") and groot.verborgen == ""
    regio = drie_aanbieders["klein"].regio
    client.force_login(GebruikerFactory(regio_rol=True, rol=Rol.CONTRACTMANAGER, regio=regio))
    csv = _kos01_scorekaart(client, drie_aanbieders["klein"], "&export=csv")
    assert "2500" not in csv and "<5" in csv and "minder dan 5 jeugdigen" in csv
    assert "7000" not in _kos01_scorekaart(client, drie_aanbieders["middel"], "&export=csv")
    assert "&lt;5" in _kos01_scorekaart(client, drie_aanbieders["klein"])


# --- the signals (R-K5) ---


def _signaal(pseudoniemen):
    from jeugdregie.beheersing.services.signalen import RESULTATEN, Onderbouwing, Signaal

    from .factories import AanbiederFactory

    bewijs = [Onderbouwing(i, i, p, "Zwolle", date(2026, 2, 1), "gestopt") for i, p in enumerate(pseudoniemen)]
    cijfers = {"beëindigd met score": 5, "niet of deels behaald": 4, "aandeel %": Decimal("80.0"), "mediaan %": None}
    return Signaal(RESULTATEN, AanbiederFactory.build(), "regio", ["4 van 5 niet behaald"], cijfers, bewijs)


def test_signaal_op_minder_dan_vijf_jeugdigen_toont_geen_cijfers(db):
    """Issue 14 §7 (R-P3): a signal resting on 4 young people keeps its provider and name, but its
    counts read "<5", its derived figures "—" and its reasons quote no figure; the evidence stays
    pseudonymised (R-P1)."""
    from jeugdregie.beheersing.services.signalen import onderdruk_signaal

    s = onderdruk_signaal(_signaal(["p1", "p2", "p3", "p4", "p4"]))
    assert s.cijfers == {"beëindigd met score": "—", "niet of deels behaald": "<5", "aandeel %": "—", "mediaan %": None}
    assert s.redenen[0].startswith("Cellen met minder dan 5 jeugdigen") and "4 van 5" not in " ".join(s.redenen)
    assert [o.pseudoniem for o in s.onderbouwing] == ["p1", "p2", "p3", "p4", "p4"]


def test_signaal_op_vijf_jeugdigen_blijft_heel(db):
    """Issue 14 §7 (R-P3): five distinct young people or more: the signal is shown as computed."""
    from jeugdregie.beheersing.services.signalen import onderdruk_signaal

    s = onderdruk_signaal(_signaal(["p1", "p2", "p3", "p4", "p5"]))
    assert s.cijfers["niet of deels behaald"] == 4 and s.redenen == ["4 van 5 niet behaald"]


# --- the toegang's choice list (R-K7) ---


def test_keuzelijst_toont_geen_gemiddelde_over_minder_dan_vijf_trajecten():
    """Issue 14 §7 (R-P3): a provider's average duration and results share over fewer than 5 trajectories
    are not shown in the choice list; from 5 on they are."""
    from jeugdregie.beheersing.services.keuzeinfo import _regels

    klein = {r.label: r.tekst for r in _regels([3], {"n": 2, "dagen": 124, "gescoord": 2, "behaald": 1}, None)}
    assert klein["Gemiddelde duur"] == klein["Resultaten behaald"] == "minder dan 5 trajecten, niet getoond"
    groot = {r.label: r.tekst for r in _regels([3], {"n": 5, "dagen": 310, "gescoord": 5, "behaald": 4}, None)}
    assert (groot["Gemiddelde duur"], groot["Resultaten behaald"]) == ("62 dagen (n=5)", "80% (n=5)")
