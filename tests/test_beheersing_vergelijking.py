"""The municipality comparison and the policy trends (R-K4): the municipalities side by side per
1,000 young inhabitants, the region as reference, "geen gegevens" never zero, CSV/XLSX/PDF
exports and who may see it."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from jeugdregie.beheersing.constants import Periodesoort
from jeugdregie.beheersing.models import VerouderdePeriode
from jeugdregie.beheersing.services import rollup
from jeugdregie.beheersing.services.vergelijking import TREND, Tijdvak, Trenddefinitie, trend, vergelijk
from jeugdregie.common.export import XLSX
from jeugdregie.taken.tasks import rollup_wachtrij

from .builders.declaraties import declareer, regel
from .builders.route import gestart
from .factories import GemeenteFactory, RegioFactory

# Issue 18: the rollup's engine reads committed data through its own connection.
pytestmark = pytest.mark.django_db(transaction=True)

JAAR_2026 = Tijdvak(Periodesoort.JAAR, date(2026, 1, 1))
ZWOLLE, DEVENTER, KAMPEN = 26617, 19235, 12000  # young inhabitants


@pytest.fixture(autouse=True)
def _geen_onderdrukking(settings):
    """These tests check the figures themselves on one or two children per municipality; with
    the default threshold every cell would read "<5". Small-cell suppression of this page is
    tested in tests/test_beheersing_onthulling.py (issue 14 §7)."""
    settings.JEUGDREGIE_ONTHULLINGSDREMPEL = 1


@pytest.fixture
def gemeten(route):
    """Zwolle: € 860.00 approved (10 hours TG3, April 2026), waiting time 7 days; Deventer:
    € 430.00 (5 hours); Kampen: no data. The rollup built from it."""
    route["kampen"] = GemeenteFactory(cbs_code="0166", naam="Kampen", inwoners=54000, jeugdigen=KAMPEN)
    declareer(route, [regel(gestart(route), "R1", uren="10")])
    deventer = gestart(route, jeugdige=route["jeugdige_deventer"], door="toegang_andere_gemeente")
    declareer(route, [regel(deventer, "R2", uren="5")], nummer="D-2", gemeente="deventer")
    rollup.bouw_opnieuw()
    return route


def _rij(vergelijking, code):
    rij = next(r for r in vergelijking.rijen if r.indicator.code == code)
    return {m.gebied.naam: m.waarde for m in rij.metingen}


def test_uitgaven_per_1000_jeugdigen_per_gemeente_met_regio_als_referentie(gemeten):
    """R-K4: spend normalised per 1,000 young inhabitants; the region over all its young
    inhabitants; a municipality without data has no value, not zero."""
    waarden = _rij(vergelijk(regio=gemeten["zwolle"].regio, tijdvak=JAAR_2026), "KOS01")
    assert waarden == {
        "Deventer": Decimal("430.00") * 1000 / DEVENTER,
        "Kampen": None,
        "Zwolle": Decimal("860.00") * 1000 / ZWOLLE,
        "Regio IJsselland": Decimal("1290.00") * 1000 / (ZWOLLE + DEVENTER + KAMPEN),
    }
    assert round(waarden["Zwolle"], 2) == Decimal("32.31") and round(waarden["Deventer"], 2) == Decimal("22.36")


def test_verhouding_wordt_niet_per_1000_genormaliseerd(gemeten):
    """R-K4: an average (waiting time, 7 days in both) is compared as measured."""
    waarden = _rij(vergelijk(regio=gemeten["zwolle"].regio, tijdvak=JAAR_2026), "CON02")
    assert waarden == {
        "Deventer": Decimal("7"),
        "Kampen": None,
        "Zwolle": Decimal("7"),
        "Regio IJsselland": Decimal("7"),
    }


def test_regio_telt_alleen_eigen_gemeenten_als_er_meer_regios_zijn(gemeten):
    """R-K4 / SPEC §13: with Deventer in another region, IJsselland's reference is Zwolle's
    spend over IJsselland's young inhabitants, not the total over the whole system."""
    deventer = gemeten["deventer"]
    deventer.regio = RegioFactory(code="salland", naam="Salland")
    deventer.save()
    waarden = _rij(vergelijk(regio=gemeten["zwolle"].regio, tijdvak=JAAR_2026), "KOS01")
    assert set(waarden) == {"Kampen", "Zwolle", "Regio IJsselland"}
    assert waarden["Regio IJsselland"] == Decimal("860.00") * 1000 / (ZWOLLE + KAMPEN)


def test_periode_zonder_gegevens_is_geen_gegevens_nooit_nul(client, gemeten):
    """Issue 6 bad input: a period with no data shows "geen gegevens", never 0."""
    resultaat = vergelijk(regio=gemeten["zwolle"].regio, tijdvak=Tijdvak(Periodesoort.JAAR, date(2020, 1, 1)))
    assert resultaat.zonder_gegevens
    assert {m.tekst for r in resultaat.rijen for m in r.metingen} == {"geen gegevens"}
    client.force_login(gemeten["gebruikers"]["beleid"])
    inhoud = client.get("/beheersing/gemeenten/?soort=jaar&periode=2020").content.decode()
    assert "Voor 2020 zijn er geen gegevens." in inhoud
    assert inhoud.count('<td class="getal geen-gegevens">') == len(resultaat.rijen) * 4
    assert ">0</td>" not in inhoud


def test_pagina_toont_waarden_en_stand_van_de_gegevens(client, gemeten):
    """R-K4 and issue 6 §9: the figures side by side, and the date the data runs to."""
    client.force_login(gemeten["gebruikers"]["beleid"])
    inhoud = client.get("/beheersing/gemeenten/?soort=jaar&periode=2026").content.decode()
    assert "Gegevens tot en met 30-04-2026" in inhoud
    assert "€ per 1.000 jeugdigen" in inhoud
    assert '<td class="getal">32</td>' in inhoud and '<td class="getal">22</td>' in inhoud  # Zwolle, Deventer
    assert '<td class="getal geen-gegevens">geen gegevens</td>' in inhoud  # Kampen


def test_pagina_laat_de_wachtrij_aan_de_taak(client, gemeten):
    """Issue 6 §9, issue 17 part B: the page reads the rollup as it stands and shows its date;
    the queued months are recomputed by the background task, never in the request."""
    rollup.markeer([date(2026, 4, 30)])
    client.force_login(gemeten["gebruikers"]["beleid"])
    antwoord = client.get("/beheersing/gemeenten/?soort=jaar&periode=2026")
    assert antwoord.status_code == 200
    assert "Gegevens tot en met 30-04-2026" in antwoord.content.decode()
    assert list(VerouderdePeriode.objects.values_list("maand", flat=True)) == [date(2026, 4, 1)]
    rollup_wachtrij()
    assert not VerouderdePeriode.objects.exists()


def test_ongeldige_periode_zegt_wat_in_te_vullen(client, gemeten):
    client.force_login(gemeten["gebruikers"]["beleid"])
    inhoud = client.get("/beheersing/gemeenten/?soort=kwartaal&periode=2025").content.decode()
    assert "Vul een kwartaal in als jaar-K-nummer, bijvoorbeeld 2025-K3." in inhoud
    inhoud = client.get("/beheersing/gemeenten/?soort=jaar&periode=twintig").content.decode()
    assert "Vul een jaartal in, bijvoorbeeld 2025." in inhoud


def test_trend_uitgaven_per_jeugdige_over_vijf_jaar(gemeten):
    """R-K4 policy trend: spend per young inhabitant, 2022–2026, per municipality and region."""
    resultaat = trend(TREND["uitgaven"], regio=gemeten["zwolle"].regio, tijdvak=JAAR_2026)
    assert [t.label for t in resultaat.tijdvakken] == ["2022", "2023", "2024", "2025", "2026"]
    zwolle = next(r for r in resultaat.rijen if r.gebied.naam == "Zwolle")
    assert [m.waarde for m in zwolle.metingen] == [None, None, None, None, Decimal("860.00") / ZWOLLE]
    assert [m.tekst for m in zwolle.metingen][-2:] == ["geen gegevens", "0,03"]
    assert resultaat.regio.metingen[-1].afgerond == Decimal("0.02")  # 1,290.00 / 57,852
    assert resultaat.eenheid == "€ per jeugdige inwoner"


def test_trend_wachttijd_over_acht_kwartalen(gemeten):
    """R-K4 policy trend: waiting time, the last 8 quarters; the start of care in 2026-K1."""
    resultaat = trend(TREND["wachttijd"], regio=gemeten["zwolle"].regio, tijdvak=Tijdvak.lees("2026-K2", "kwartaal"))
    assert [t.label for t in resultaat.tijdvakken] == [
        "2024-K3",
        "2024-K4",
        "2025-K1",
        "2025-K2",
        "2025-K3",
        "2025-K4",
        "2026-K1",
        "2026-K2",
    ]
    assert [m.waarde for m in resultaat.regio.metingen][-2:] == [Decimal("7"), None]


def test_trends_verblijf_en_pleegzorg_volgen_het_register(gemeten):
    """R-K4 policy trends Verblijf vs ambulant (CON07) and gezinsvormen vs residential (CON08):
    one young person in ambulant care in Zwolle is a real 0% in Verblijf; no one in
    Wonen/Verblijf is "geen gegevens" for the foster-care share, not 0."""
    verblijf = trend(TREND["verblijf"], regio=gemeten["zwolle"].regio, tijdvak=JAAR_2026)
    pleegzorg = trend(TREND["pleegzorg"], regio=gemeten["zwolle"].regio, tijdvak=JAAR_2026)
    assert (verblijf.indicator.code, pleegzorg.indicator.code) == ("CON07", "CON08")
    assert {r.gebied.naam: r.metingen[-1].tekst for r in verblijf.rijen} == {
        "Deventer": "0,0",
        "Kampen": "geen gegevens",
        "Zwolle": "0,0",
        "Regio IJsselland": "0,0",
    }
    assert {m.tekst for r in pleegzorg.rijen for m in r.metingen} == {"geen gegevens"}


def test_trend_zonder_indicator_is_nog_niet_beschikbaar(client, gemeten, monkeypatch):
    """R-K4: a trend whose indicator is not in the registry says so instead of showing zeros."""
    ontbrekend = Trenddefinitie("pleegzorg", "Pleegzorg", "XYZ99")
    monkeypatch.setitem(TREND, "pleegzorg", ontbrekend)
    assert not trend(ontbrekend, regio=gemeten["zwolle"].regio, tijdvak=JAAR_2026).beschikbaar
    client.force_login(gemeten["gebruikers"]["beleid"])
    inhoud = client.get("/beheersing/gemeenten/trends/pleegzorg/").content.decode()
    assert "Deze trend is nog niet beschikbaar" in inhoud and "<svg" not in inhoud


def test_trendpagina_toont_grafieken_en_tabel(client, gemeten):
    """Issue 6 §8: line chart (region and the municipality in focus) and bar chart, with the table."""
    client.force_login(gemeten["gebruikers"]["contractmanager"])
    antwoord = client.get(f"/beheersing/gemeenten/trends/uitgaven/?periode=2026&gemeente={gemeten['deventer'].pk}")
    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert inhoud.count("<svg") == 2 and 'role="img"' in inhoud
    assert "Regio IJsselland: 2022: geen gegevens" in inhoud  # the line chart's description
    assert '<td class="getal">0,02</td>' in inhoud  # Deventer 2026: 430 / 19235


def test_toegang_vergelijkt_de_regio_standaard_met_de_eigen_gemeente(client, gemeten):
    """R-K4: the line chart of a toegang user shows its own municipality next to the region,
    unless it chooses the region alone."""
    client.force_login(gemeten["gebruikers"]["toegang"])
    inhoud = client.get("/beheersing/gemeenten/trends/wachttijd/?periode=2026").content.decode()
    assert "Zwolle: 2022: geen gegevens" in inhoud and "Regio IJsselland: 2022: geen gegevens" in inhoud
    inhoud = client.get("/beheersing/gemeenten/trends/wachttijd/?periode=2026&gemeente=").content.decode()
    assert "Zwolle: 2022" not in inhoud and "Regio IJsselland: 2022: geen gegevens" in inhoud


def test_onbekende_trend_is_404(client, gemeten):
    client.force_login(gemeten["gebruikers"]["beleid"])
    assert client.get("/beheersing/gemeenten/trends/onbekend/").status_code == 404


def test_export_csv_en_xlsx_van_de_vergelijking(client, gemeten):
    """Issue 6 §8: every table exports to CSV and XLSX, with the figures."""
    client.force_login(gemeten["gebruikers"]["beleid"])
    csv = client.get("/beheersing/gemeenten/?soort=jaar&periode=2026&export=csv")
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    regels = csv.content.decode("utf-8-sig").splitlines()
    assert regels[0] == "Periode;Code;Indicator;Eenheid;Deventer;Kampen;Zwolle;Regio IJsselland"
    assert "2026;KOS01;Uitgaven;€ per 1.000 jeugdigen;22;geen gegevens;32;22" in regels
    xlsx = client.get("/beheersing/gemeenten/?soort=jaar&periode=2026&export=xlsx")
    assert xlsx["Content-Type"] == XLSX
    blad = load_workbook(io.BytesIO(xlsx.content)).active
    rijen = {r[1]: r for r in blad.iter_rows(min_row=2, values_only=True)}
    assert rijen["KOS01"][4:] == (22, "geen gegevens", 32, 22)
    assert rijen["CON02"][4:] == (7, "geen gegevens", 7, 7)


def test_export_csv_en_xlsx_van_een_trend(client, gemeten):
    client.force_login(gemeten["gebruikers"]["bestuurder"])
    csv = client.get("/beheersing/gemeenten/trends/wachttijd/?soort=jaar&periode=2026&export=csv")
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    regels = csv.content.decode("utf-8-sig").splitlines()
    assert regels[0] == "Gebied;Eenheid;2022;2023;2024;2025;2026"
    assert regels[-1] == "Regio IJsselland;dagen;geen gegevens;geen gegevens;geen gegevens;geen gegevens;7,0"
    xlsx = client.get("/beheersing/gemeenten/trends/uitgaven/?soort=jaar&periode=2026&export=xlsx")
    assert xlsx["Content-Type"] == XLSX
    blad = load_workbook(io.BytesIO(xlsx.content)).active
    assert [r[-1] for r in blad.iter_rows(min_row=2, values_only=True)] == [0.02, "geen gegevens", 0.03, 0.02]


def test_pdf_van_de_vergelijking(client, gemeten):
    """Issue 6 §8: the comparison, with the trends and their charts, as PDF (WeasyPrint)."""
    client.force_login(gemeten["gebruikers"]["beleid"])
    antwoord = client.get("/beheersing/gemeenten/?soort=jaar&periode=2026&export=pdf")
    assert antwoord["Content-Type"] == "application/pdf"
    assert antwoord.content.startswith(b"%PDF")
    assert antwoord["Content-Disposition"] == 'attachment; filename="gemeentevergelijking-2026.pdf"'
    weergaven = {w["trend"].definitie.code: w for w in antwoord.context["trendweergaven"]}
    assert weergaven["uitgaven"]["grafieken"]["lijn"].startswith("<svg")
    assert weergaven["wachttijd"]["grafieken"]["staaf"].startswith("<svg")
    assert antwoord.context["vergelijking"].tijdvak.label == "2026"


@pytest.mark.parametrize("rol", ["contractmanager", "beleid", "bestuurder", "beheerder", "toegang", "financieel"])
def test_regionale_en_gemeentelijke_rollen_zien_alle_gemeenten(client, gemeten, rol):
    """R-K4: the region's roles and the municipality's toegang/financieel see every municipality
    (aggregates only); the latter with their own municipality marked."""
    client.force_login(gemeten["gebruikers"][rol])
    inhoud = client.get("/beheersing/gemeenten/?periode=2026").content.decode()
    assert all(naam in inhoud for naam in ("Deventer", "Kampen", "Zwolle", "Regio IJsselland"))
    eigen = rol in ("toegang", "financieel")
    assert ("<strong>Zwolle</strong> <small>(uw gemeente)</small>" in inhoud) is eigen
    assert gemeten["jeugdige_zwolle"].achternaam not in inhoud


@pytest.mark.parametrize("rol", ["aanbieder", "huisarts", "gi"])
def test_aanbieder_en_verwijzers_worden_geweigerd(client, gemeten, rol):
    client.force_login(gemeten["gebruikers"][rol])
    assert client.get("/beheersing/gemeenten/").status_code == 403
    assert client.get("/beheersing/gemeenten/?export=csv").status_code == 403
    assert client.get("/beheersing/gemeenten/trends/uitgaven/").status_code == 403


def test_anoniem_moet_inloggen(client, gemeten):
    antwoord = client.get("/beheersing/gemeenten/?export=pdf")
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen/")
