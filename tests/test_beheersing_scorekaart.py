"""The provider scorecard (R-K3): four pillars at one glance with norms and lights told in words
and symbols (R-K2), the 8-quarter trend as an accessible chart, who may see it, the drill-down
pseudonymised, and the CSV/XLSX/PDF exports (issue 6 §3, §8)."""

import io
import re
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

from jeugdregie.audit.models import AuditRegel
from jeugdregie.beheersing import grafieken
from jeugdregie.beheersing.constants import ALLE, Periodesoort
from jeugdregie.beheersing.grafieken import lijngrafiek, staafgrafiek
from jeugdregie.beheersing.indicatoren.register import REGISTER
from jeugdregie.beheersing.models import Cijfer, VerouderdePeriode, Verversing
from jeugdregie.beheersing.services import rollup
from jeugdregie.beheersing.services.normen import Licht
from jeugdregie.beheersing.services.scorekaart import kwartaal, scorekaart
from jeugdregie.common.export import XLSX
from jeugdregie.organisaties.constants import AanbiederCategorie
from jeugdregie.taken.tasks import rollup_wachtrij

from .builders.declaraties import declareer, regel
from .builders.route import gestart
from .factories import AanbiederFactory

# Issue 18: the rollup's engine reads committed data through its own connection.
pytestmark = pytest.mark.django_db(transaction=True)

SVG = "{http://www.w3.org/2000/svg}"
Q3, Q4 = date(2025, 7, 1), date(2025, 10, 1)


@pytest.fixture(autouse=True)
def _geen_onderdrukking(settings):
    """These tests check the scorecard's figures and lights on one provider's hand-made cells
    without population rows; with the default threshold they would read "<5". Small-cell
    suppression of the scorecard is tested in tests/test_beheersing_onthulling.py (issue 14 §7)."""
    settings.JEUGDREGIE_ONTHULLINGSDREMPEL = 1


def _cijfer(aanbieder, code, periode, teller, noemer="100"):
    """A provider-level cell of the rollup (all municipalities, all product categories)."""
    return Cijfer.objects.create(
        indicator=code,
        periodesoort=Periodesoort.KWARTAAL,
        periode=periode,
        aanbieder=aanbieder,
        gemeente=None,
        categorie=ALLE,
        teller=Decimal(teller),
        noemer=Decimal(noemer),
    )


@pytest.fixture
def gemeten(wereld):
    """Budget utilisation (KOS05, band, standaardnorm 70–80 %) of the provider: 75 % in 2025-K3
    and 2025-K4, no data in 2025-K2 (a gap in the trend); figures up to 31-12-2025."""
    aanbieder = wereld["aanbieder"]
    _cijfer(aanbieder, "KOS05", date(2025, 1, 1), "72.5")
    _cijfer(aanbieder, "KOS05", Q3, "75")
    _cijfer(aanbieder, "KOS05", Q4, "75")
    Verversing.objects.create(pk=1, data_tot=date(2025, 12, 31), bijgewerkt=timezone.now())
    return wereld


def _url(wereld, aanbieder="aanbieder", **params):
    query = "&".join(f"{k}={v}" for k, v in {"periode": "2025-K4", **params}.items())
    return f"/beheersing/aanbieders/{wereld[aanbieder].pk}/scorekaart/?{query}"


def _rij(inhoud, code):
    return re.search(rf'<tr data-indicator="{code}">(.*?)</tr>', inhoud, re.DOTALL).group(1)


def test_contractmanager_ziet_vier_pijlers_met_lichten_in_woord_en_symbool(client, gemeten):
    """R-K3: the four pillars at one glance, each indicator with value, norm and a light told by a
    word and a symbol (never colour alone), the date the data runs to, "geen gegevens" for
    empty cells."""
    client.force_login(gemeten["gebruikers"]["contractmanager"])
    antwoord = client.get(_url(gemeten))
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    for pijler in ("kwaliteit", "kosten", "continuiteit", "werkprocessen"):
        assert f'data-pijler="{pijler}"' in inhoud
    kos05 = _rij(inhoud, "KOS05")
    assert "75,0 %" in kos05 and "70,0 % – 80,0 % (standaardnorm)" in kos05
    assert '<span class="symbool" aria-hidden="true">✓</span> Groen' in kos05
    assert "geen gegevens" in _rij(inhoud, "CON02")
    assert "Gegevens tot en met 31-12-2025" in inhoud
    assert inhoud.count('role="img"') >= 1  # the KOS05 trend chart, inline SVG


def test_scorekaart_dienst_pijler_samenvatting_en_trend(gemeten):
    """R-K3: the pillar summary is the worst light of its indicators; the trend is 8 quarters,
    empty quarters None (a gap), never 0."""
    kaart = scorekaart(gemeten["aanbieder"], Q4)
    kosten = next(b for b in kaart.pijlers if b.pijler == "kosten")
    assert kosten.samenvatting.licht == Licht.GROEN
    kos05 = next(r for r in kosten.regels if r.indicator.code == "KOS05")
    assert [label for label, _ in kos05.trend] == [
        "2024-K1",
        "2024-K2",
        "2024-K3",
        "2024-K4",
        "2025-K1",
        "2025-K2",
        "2025-K3",
        "2025-K4",
    ]
    assert [w for _, w in kos05.trend][4:] == [Decimal("72.5"), None, Decimal("75"), Decimal("75")]
    assert kos05.beoordeling.score == 100


def test_score_weergave_toont_score_van_0_tot_100(client, gemeten):
    """R-K3: traffic light and score modes, both supported."""
    client.force_login(gemeten["gebruikers"]["beleid"])
    inhoud = client.get(_url(gemeten, weergave="score")).content.decode()
    assert '<span class="score">100</span> / 100' in _rij(inhoud, "KOS05")


@pytest.mark.parametrize("rol", ["contractmanager", "beleid", "bestuurder", "beheerder"])
def test_regionale_rollen_zien_de_scorekaart(client, gemeten, rol):
    client.force_login(gemeten["gebruikers"][rol])
    assert client.get(_url(gemeten)).status_code == 200


def test_aanbieder_ziet_eigen_scorekaart(client, gemeten):
    client.force_login(gemeten["gebruikers"]["aanbieder"])
    assert client.get(_url(gemeten)).status_code == 200
    assert client.get("/beheersing/aanbieders/").url == f"/beheersing/aanbieders/{gemeten['aanbieder'].pk}/scorekaart/"


def test_andere_aanbieder_wordt_geweigerd_en_gelogd(client, gemeten):
    """Issue 6 bad input: a provider asking for another provider's scorecard is refused (403) and
    the refusal is in the audit log."""
    client.force_login(gemeten["gebruikers"]["andere_aanbieder"])
    antwoord = client.get(_url(gemeten))
    assert antwoord.status_code == 403
    assert "75,0 %" not in antwoord.content.decode()
    rij = AuditRegel.objects.get(uitkomst="geweigerd")
    assert (rij.gebruikersnaam, rij.objecttype, rij.object_id, rij.actie) == (
        gemeten["gebruikers"]["andere_aanbieder"].username,
        "organisaties.Aanbieder",
        str(gemeten["aanbieder"].pk),
        "lezen",
    )


@pytest.mark.parametrize("rol", ["toegang", "financieel", "huisarts", "gi"])
def test_andere_rollen_worden_geweigerd(client, gemeten, rol):
    client.force_login(gemeten["gebruikers"][rol])
    assert client.get(_url(gemeten)).status_code == 403


def test_licht_verandert_als_de_norm_verandert_en_oude_perioden_houden_hun_licht(client, gemeten):
    """R-K2/R-K3: the contract manager sets 80–90 % from 2025-10; Q4 turns red, Q3 stays green."""
    client.force_login(gemeten["gebruikers"]["contractmanager"])
    assert "✓</span> Groen" in _rij(client.get(_url(gemeten)).content.decode(), "KOS05")
    antwoord = client.post(
        "/beheersing/normen/",
        {
            "indicator": "KOS05",
            "soort": "absoluut",
            "ondergrens": "80",
            "bovengrens": "90",
            "geldig_vanaf": "2025-10",
            "volgende": _url(gemeten),
        },
    )
    assert antwoord.status_code == 302 and antwoord.url == _url(gemeten)
    q4 = _rij(client.get(_url(gemeten)).content.decode(), "KOS05")
    assert "✕</span> Rood" in q4 and "80,0 % – 90,0 %" in q4 and "Rood: onder de norm" in q4
    assert "✓</span> Groen" in _rij(client.get(_url(gemeten, periode="2025-K3")).content.decode(), "KOS05")


def test_relatieve_norm_vergelijkt_binnen_de_eigen_categorie(gemeten):
    """R-K2 relative: the percentile among the providers of the same category in that period,
    from the rollup; a provider of another category does not count."""
    from jeugdregie.beheersing.services.normen import stel_norm_vast

    for teller in ("80", "82", "84"):
        _cijfer(AanbiederFactory(), "KOS05", Q4, teller)
    _cijfer(AanbiederFactory(categorie=AanbiederCategorie.GGZ), "KOS05", Q4, "10")
    stel_norm_vast(
        door=gemeten["gebruikers"]["contractmanager"],
        indicator="KOS05",
        soort="relatief",
        percentiel=Decimal("25"),
        geldig_vanaf=Q4,
    )
    kos05 = next(r for r in scorekaart(gemeten["aanbieder"], Q4).regels if r.indicator.code == "KOS05")
    # band: distance to the median 81 of {75, 80, 82, 84}; 75 is the farthest → percentile 12.5
    assert (kos05.beoordeling.licht, kos05.beoordeling.score) == (Licht.ROOD, 12)
    assert "(4 aanbieders)" in kos05.beoordeling.tekst


def test_periode_zonder_gegevens_toont_geen_gegevens(client, gemeten):
    """Issue 6 bad input: a period with no data shows "geen gegevens", never zero."""
    client.force_login(gemeten["gebruikers"]["contractmanager"])
    inhoud = client.get(_url(gemeten, periode="2021-K1")).content.decode()
    kos05 = _rij(inhoud, "KOS05")
    assert '<td class="getal"><span class="geen-gegevens">geen gegevens</span></td>' in kos05
    assert not re.search(r"\b0,0 %", kos05)
    assert "–</span> Geen oordeel" in inhoud


def test_onbekende_periode_geeft_melding(client, gemeten):
    client.force_login(gemeten["gebruikers"]["contractmanager"])
    inhoud = client.get(_url(gemeten, periode="vorig-jaar")).content.decode()
    assert "Onbekende periode ‘vorig-jaar’: gebruik de vorm 2025-K4." in inhoud
    assert kwartaal("2025-K3") == Q3 == kwartaal("2025-q3")  # the English Q is understood too


def test_openen_laat_de_wachtrij_aan_de_taak_en_toont_de_stand(client, route):
    """Issue 6 §9, issue 17 part B: the page never processes the queue in the request (it shows
    the date its figures run to); the background task recomputes the queued months."""
    declareer(route, [regel(gestart(route), "R1", uren="10")])
    rollup.bouw_opnieuw()
    rollup.markeer([date(2026, 4, 30)])
    Cijfer.objects.filter(indicator="KOS01").delete()  # stale until the task has run
    client.force_login(route["gebruikers"]["contractmanager"])
    inhoud = client.get(_url(route, periode="2026-K2")).content.decode()
    assert list(VerouderdePeriode.objects.values_list("maand", flat=True)) == [date(2026, 4, 1)]
    assert "€ 860" not in _rij(inhoud, "KOS01")
    stand = rollup.stand()
    assert f"Gegevens tot en met {stand.data_tot:%d-%m-%Y} (bijgewerkt " in inhoud

    rollup_wachtrij()
    inhoud = client.get(_url(route, periode="2026-K2")).content.decode()
    assert not VerouderdePeriode.objects.exists()
    assert "€ 860" in _rij(inhoud, "KOS01")


def test_onderbouwing_is_gepseudonimiseerd_en_gelogd(client, route):
    """R-K3 drill-down: the lines behind a figure, pseudonym only (R-P1, R-P3), audit-logged (R-P2)."""
    toewijzing = gestart(route)
    declareer(route, [regel(toewijzing, "R1", uren="10")])
    rollup.bouw_opnieuw()
    client.force_login(route["gebruikers"]["contractmanager"])
    antwoord = client.get(f"/beheersing/aanbieders/{route['aanbieder'].pk}/scorekaart/KOS01/regels/?periode=2026-K2")
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    jeugdige = route["jeugdige_zwolle"]
    assert jeugdige.pseudoniem in inhoud and "R1" in inhoud and "€ 860,00" in inhoud
    assert jeugdige.bsn not in inhoud and jeugdige.achternaam not in inhoud and jeugdige.voornamen not in inhoud
    rij = AuditRegel.objects.get(details__startswith="onderbouwing")
    assert (rij.objecttype, rij.actie, rij.uitkomst) == ("declaraties.Declaratieregel", "zoeken", "gelukt")
    assert rij.details == f"onderbouwing KOS01 2026-K2 aanbieder {route['aanbieder'].pk}: 1 regels, gepseudonimiseerd"


@pytest.mark.parametrize(("rol", "status"), [("beleid", 403), ("toegang", 403), ("andere_aanbieder", 403)])
def test_onderbouwing_alleen_voor_contractmanager_en_eigen_aanbieder(client, route, rol, status):
    client.force_login(route["gebruikers"][rol])
    url = f"/beheersing/aanbieders/{route['aanbieder'].pk}/scorekaart/KOS01/regels/?periode=2026-K2"
    assert client.get(url).status_code == status


def test_export_csv_en_xlsx(client, gemeten):
    """Issue 6 §8: the scorecard table exports; empty cells say "geen gegevens"."""
    client.force_login(gemeten["gebruikers"]["contractmanager"])
    csv = client.get(_url(gemeten, export="csv"))
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    regels = csv.content.decode("utf-8-sig").splitlines()
    kos05 = next(r for r in regels if ";KOS05;" in r).split(";")
    assert kos05[:9] == [
        "Kosten",
        "KOS05",
        "Budgetbenutting gesloten keuzebudgetten",
        "%",
        "2025-K4",
        "75,0",  # CSV: a Dutch number, decimal comma (issue 19 §5)
        "70,0 % – 80,0 % (standaardnorm)",
        "Groen",
        "100",
    ]
    assert kos05[-3:] == ["geen gegevens", "75,00", "75,00"]
    xlsx = client.get(_url(gemeten, export="xlsx"))
    assert xlsx["Content-Type"] == XLSX
    blad = load_workbook(io.BytesIO(xlsx.content)).active
    rijen = [[c.value for c in rij] for rij in blad.iter_rows()]
    kop, kos05 = rijen[0], next(r for r in rijen if r[1] == "KOS05")
    assert (kos05[kop.index("Waarde")], kos05[kop.index("Licht")]) == (75, "Groen")


def test_export_pdf(client, gemeten):
    """Issue 6 §8: the scorecard as PDF (WeasyPrint, A4) with its charts."""
    client.force_login(gemeten["gebruikers"]["contractmanager"])
    antwoord = client.get(_url(gemeten, export="pdf"))
    assert antwoord["Content-Type"] == "application/pdf"
    assert antwoord.content.startswith(b"%PDF")
    assert f"scorekaart-{gemeten['aanbieder'].agb_code}-2025-K4.pdf" in antwoord["Content-Disposition"]


def test_lijngrafiek_is_geldige_toegankelijke_svg_met_gat_voor_none():
    """Issue 6 §8: valid SVG, a title and description for screen readers, Dutch numbers, a gap
    where a value is missing (never drawn as zero), the norm band in the legend, deterministic."""
    punten = [("2025-K1", Decimal("72.5")), ("2025-K2", None), ("2025-K3", Decimal("81")), ("2025-K4", Decimal("78"))]
    svg = lijngrafiek(
        titel="Budgetbenutting", reeksen={"Aanbieder A": punten}, eenheid="%", norm=(Decimal(70), Decimal(80))
    )
    assert not svg.startswith("<?xml")
    wortel = ET.fromstring(svg)
    assert wortel.tag == f"{SVG}svg" and wortel.get("role") == "img"
    assert wortel.find(f"{SVG}title").text == "Budgetbenutting"
    assert wortel.find(f"{SVG}desc").text == (
        "Aanbieder A: 2025-K1: 72,5 %; 2025-K2: geen gegevens; 2025-K3: 81,0 %; 2025-K4: 78,0 %. Norm: 70,0 % – 80,0 %."
    )
    lijn = next(g for g in wortel.iter(f"{SVG}g") if g.get("id", "").endswith("-reeks-0"))
    assert lijn.find(f"{SVG}path").get("d").count("M") == 2  # the line breaks at the missing quarter
    assert len(lijn.findall(f".//{SVG}use")) == 3  # three markers, none for the gap
    teksten = {t.text for t in wortel.iter(f"{SVG}text")}
    assert "Norm: 70,0 % – 80,0 %" in teksten and "2025-K2" in teksten
    assert "style=" not in svg  # CSP: presentation attributes, no inline styles
    caches["grafieken"].clear()  # drawn again, not taken from the cache
    assert svg == lijngrafiek(titel="Budgetbenutting", reeksen={"Aanbieder A": punten}, eenheid="%", norm=(70, 80))


def test_een_getekende_grafiek_komt_uit_de_cache_tot_de_invoer_verandert(monkeypatch):
    """Page time: a chart is drawn once per distinct input; other values are drawn anew."""
    caches["grafieken"].clear()
    getekend = []
    echt = grafieken._figuur
    monkeypatch.setattr(grafieken, "_figuur", lambda: getekend.append(1) or echt())
    punten = [("2025-K1", Decimal("72.5")), ("2025-K2", Decimal("75"))]
    eerste = lijngrafiek(titel=_("Budgetbenutting"), reeksen={"A": punten}, eenheid="%", norm=(70, 80))
    assert lijngrafiek(titel=_("Budgetbenutting"), reeksen={"A": punten}, eenheid="%", norm=(70, 80)) == eerste
    assert len(getekend) == 1
    ander = lijngrafiek(titel=_("Budgetbenutting"), reeksen={"A": punten[:1]}, eenheid="%", norm=(70, 80))
    assert len(getekend) == 2 and ander != eerste


def test_staafgrafiek_toont_geen_gegevens_in_plaats_van_nul():
    svg = staafgrafiek(titel="Uitgaven", waarden=[("Zwolle", Decimal("1234.5")), ("Kampen", None)], eenheid="€")
    wortel = ET.fromstring(svg)
    teksten = [t.text for t in wortel.iter(f"{SVG}text")]
    assert "geen gegevens" in teksten
    assert wortel.find(f"{SVG}desc").text == "Uitgaven: Zwolle: € 1.234,50; Kampen: geen gegevens."


def test_rk3_indicatoren_op_aanbiedersniveau_staan_op_de_scorekaart(gemeten):
    """R-K3: every indicator of the provider level appears under its own pillar."""
    kaart = scorekaart(gemeten["aanbieder"], Q4)
    codes = {r.indicator.code: blok.pijler for blok in kaart.pijlers for r in blok.regels}
    verwacht = {i.code: i.pijler for i in REGISTER.values() if "aanbieder" in i.niveaus}
    assert codes == verwacht and len(kaart.pijlers) == 4
