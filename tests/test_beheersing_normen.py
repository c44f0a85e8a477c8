"""Norms (R-K2): absolute and relative, set by the contract manager, versioned per period, and
the judgement of a value in both modes (traffic light and score), per direction."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from jeugdregie.beheersing.constants import Richting
from jeugdregie.beheersing.indicatoren.register import REGISTER
from jeugdregie.beheersing.models import Norm, Normsoort
from jeugdregie.beheersing.services.normen import (
    Licht,
    beoordeel,
    geldende_norm,
    percentielpositie,
    stel_norm_vast,
)
from jeugdregie.common.errors import DomainError
from jeugdregie.organisaties.constants import AanbiederCategorie

BENUTTING = REGISTER["KOS05"]  # band, standaardnorm 70–80 %
WACHTTIJD = REGISTER["CON02"]  # lager is beter
HOGER = replace(WACHTTIJD, code="TEST1", richting=Richting.HOGER_BETER, eenheid="%")
Q3, Q4, Q1 = date(2025, 7, 1), date(2025, 10, 1), date(2026, 1, 1)


def _vast(wereld, **extra):
    gegevens = {"indicator": "KOS05", "soort": Normsoort.ABSOLUUT, "geldig_vanaf": Q4}
    gegevens.update(extra)
    return stel_norm_vast(door=wereld["gebruikers"]["contractmanager"], **gegevens)


def _norm(**velden):
    """An unsaved norm, for judging values without the database."""
    return Norm(
        soort=velden.pop("soort", Normsoort.ABSOLUUT), tolerantie=velden.pop("tolerantie", Decimal(0)), **velden
    )


def test_ondergrens_boven_bovengrens_wordt_geweigerd(wereld):
    """R-K2 bad input: the message names both bounds and says what to fix; nothing is stored."""
    with pytest.raises(DomainError) as fout:
        _vast(wereld, ondergrens=Decimal("80"), bovengrens=Decimal("70"))
    assert fout.value.message == (
        "De ondergrens (80,00) ligt boven de bovengrens (70,00): maak de ondergrens kleiner of de bovengrens groter."
    )
    assert (fout.value.code, fout.value.field) == ("NRM03", "ondergrens")
    assert not Norm.objects.exists()


@pytest.mark.parametrize("percentiel", [Decimal("-1"), Decimal("100.01"), None])
def test_percentiel_buiten_0_tot_100_wordt_geweigerd(wereld, percentiel):
    """R-K2 bad input: a relative norm needs a percentile within 0–100."""
    with pytest.raises(DomainError) as fout:
        _vast(wereld, soort=Normsoort.RELATIEF, percentiel=percentiel)
    assert fout.value.message == "Het percentiel moet tussen 0 en 100 liggen: vul bijvoorbeeld 25 in."
    assert fout.value.field == "percentiel"
    assert not Norm.objects.exists()


def test_onbekende_indicator_wordt_geweigerd(wereld):
    """R-K2 bad input."""
    with pytest.raises(DomainError) as fout:
        _vast(wereld, indicator="XYZ99", ondergrens=Decimal("1"))
    assert fout.value.message == "Onbekende indicator ‘XYZ99’: kies een indicator uit de lijst."
    assert not Norm.objects.exists()


def test_absolute_norm_zonder_grens_wordt_geweigerd(wereld):
    with pytest.raises(DomainError, match=r"Vul een ondergrens, een bovengrens of allebei in\."):
        _vast(wereld)
    assert not Norm.objects.exists()


@pytest.mark.parametrize("rol", ["beleid", "bestuurder", "beheerder", "aanbieder", "toegang"])
def test_alleen_de_contractmanager_stelt_normen_vast(wereld, rol):
    """R-K2: set by the contract manager in the application."""
    with pytest.raises(DomainError, match=r"Alleen de contractmanager kan normen vaststellen\."):
        stel_norm_vast(
            door=wereld["gebruikers"][rol], indicator="KOS05", soort="absoluut", geldig_vanaf=Q4, ondergrens=Decimal(1)
        )
    assert not Norm.objects.exists()


def test_nieuwe_versie_geldt_vanaf_haar_periode_en_oude_perioden_houden_hun_norm(wereld):
    """R-K2 versioned per period: the norm of a period is the latest version with geldig_vanaf ≤
    its start; a change is a new version, so Q3 keeps the old light while Q1 gets the new."""
    regio = wereld["gebruikers"]["contractmanager"].regio_id
    oud = _vast(wereld, ondergrens=Decimal("70"), bovengrens=Decimal("80"), geldig_vanaf=date(2025, 1, 1))
    nieuw = _vast(wereld, ondergrens=Decimal("85"), bovengrens=Decimal("95"), geldig_vanaf=Q1)
    normen = [geldende_norm("KOS05", regio_id=regio, categorie="jo", periode=p) for p in (Q3, Q4, Q1)]
    assert normen == [oud, oud, nieuw]
    lichten = [beoordeel(BENUTTING, Decimal("75"), norm=n).licht for n in normen]
    assert lichten == [Licht.GROEN, Licht.GROEN, Licht.ROOD]
    assert Norm.objects.count() == 2  # the old version is kept
    assert geldende_norm("KOS05", regio_id=regio, categorie="jo", periode=date(2024, 10, 1)) is None


def test_correctie_in_dezelfde_periode_vervangt_de_versie_en_de_categorie_gaat_voor(wereld):
    """R-K2: a second version from the same month replaces the first; a category's own norm
    applies to that category, the general one to the others."""
    regio = wereld["gebruikers"]["contractmanager"].regio_id
    _vast(wereld, ondergrens=Decimal("60"))
    algemeen = _vast(wereld, ondergrens=Decimal("65"))
    ggz = _vast(wereld, ondergrens=Decimal("50"), categorie=AanbiederCategorie.GGZ)
    assert geldende_norm("KOS05", regio_id=regio, categorie="jo", periode=Q4) == algemeen
    assert geldende_norm("KOS05", regio_id=regio, categorie="ggz", periode=Q4) == ggz


@pytest.mark.parametrize(
    ("indicator", "norm", "waarde", "licht", "score"),
    [
        # hoger is beter, ondergrens 80 (10% of the bound = 8 per 50 points)
        (HOGER, {"ondergrens": Decimal("80")}, Decimal("88"), Licht.GROEN, 100),
        (HOGER, {"ondergrens": Decimal("80")}, Decimal("84"), Licht.GROEN, 75),
        (HOGER, {"ondergrens": Decimal("80")}, Decimal("76"), Licht.ROOD, 25),
        # lager is beter, bovengrens 30 dagen (scale 3)
        (WACHTTIJD, {"bovengrens": Decimal("30")}, Decimal("21"), Licht.GROEN, 100),
        (WACHTTIJD, {"bovengrens": Decimal("30")}, Decimal("30"), Licht.GROEN, 50),
        (WACHTTIJD, {"bovengrens": Decimal("30")}, Decimal("31.5"), Licht.ROOD, 25),
        # band 70–80 with tolerance 2: orange within 2 of either bound
        (
            BENUTTING,
            {"ondergrens": Decimal("70"), "bovengrens": Decimal("80"), "tolerantie": 2},
            Decimal("75"),
            Licht.GROEN,
            100,
        ),
        (
            BENUTTING,
            {"ondergrens": Decimal("70"), "bovengrens": Decimal("80"), "tolerantie": 2},
            Decimal("79"),
            Licht.ORANJE,
            75,
        ),
        (
            BENUTTING,
            {"ondergrens": Decimal("70"), "bovengrens": Decimal("80"), "tolerantie": 2},
            Decimal("69"),
            Licht.ROOD,
            25,
        ),
        (
            BENUTTING,
            {"ondergrens": Decimal("70"), "bovengrens": Decimal("80"), "tolerantie": 2},
            Decimal("85"),
            Licht.ROOD,
            0,
        ),
    ],
)
def test_absolute_norm_licht_en_score(indicator, norm, waarde, licht, score):
    """R-K2: outside the norm red, within the tolerance of a bound orange, else green; the score
    is 50 at the bound."""
    beoordeling = beoordeel(indicator, waarde, norm=_norm(**norm))
    assert (beoordeling.licht, beoordeling.score) == (licht, score)


def test_standaardnorm_geldt_zonder_vastgestelde_norm():
    """R-K2: KOS05's 70–80 % applies while no norm has been set."""
    assert beoordeel(BENUTTING, Decimal("75"), norm=None).tekst == "Groen: binnen de norm"
    assert beoordeel(BENUTTING, Decimal("85"), norm=None).tekst == "Rood: boven de norm"
    geen = beoordeel(WACHTTIJD, Decimal("12"), norm=None)
    assert (geen.licht, geen.score, geen.tekst) == (Licht.GEEN, None, "geen norm")


def test_geen_gegevens_is_geen_oordeel_en_geen_nul():
    """Issue 6 bad input: a period with no data is "geen gegevens", never zero."""
    beoordeling = beoordeel(BENUTTING, None, norm=None)
    assert (beoordeling.licht, beoordeling.score, beoordeling.tekst, beoordeling.symbool) == (
        Licht.GEEN,
        None,
        "geen gegevens",
        "–",
    )


CATEGORIE = [Decimal("10"), Decimal("20"), Decimal("30"), Decimal("40")]


@pytest.mark.parametrize(
    ("indicator", "waarde", "positie", "licht"),
    [
        (HOGER, Decimal("10"), Decimal("12.5"), Licht.ROOD),
        (HOGER, Decimal("20"), Decimal("37.5"), Licht.ORANJE),
        (HOGER, Decimal("40"), Decimal("87.5"), Licht.GROEN),
        (WACHTTIJD, Decimal("10"), Decimal("87.5"), Licht.GROEN),
        (WACHTTIJD, Decimal("40"), Decimal("12.5"), Licht.ROOD),
    ],
)
def test_relatieve_norm_volgt_de_richting(indicator, waarde, positie, licht):
    """R-K2 relative: the percentile position within the category in the indicator's direction;
    below percentile 25 red, less than 15 points above it orange; the score is the position."""
    norm = _norm(soort=Normsoort.RELATIEF, percentiel=Decimal("25"), tolerantie=Decimal("15"))
    beoordeling = beoordeel(indicator, waarde, norm=norm, categorie_waarden=CATEGORIE)
    assert percentielpositie(indicator.richting, waarde, CATEGORIE) == positie
    assert (beoordeling.licht, beoordeling.score) == (licht, int(positie.to_integral_value()))


def test_relatieve_norm_bij_bandbreedte_meet_de_afstand_tot_de_mediaan():
    """R-K2 relative, direction band: closer to the category's median ranks better."""
    waarden = [Decimal("60"), Decimal("74"), Decimal("76"), Decimal("95")]  # median 75
    assert percentielpositie(Richting.BAND, Decimal("74"), waarden) == Decimal("75")
    assert percentielpositie(Richting.BAND, Decimal("95"), waarden) == Decimal("12.5")


def test_relatieve_norm_zonder_vergelijking_geeft_geen_oordeel():
    norm = _norm(soort=Normsoort.RELATIEF, percentiel=Decimal("25"))
    beoordeling = beoordeel(HOGER, Decimal("10"), norm=norm, categorie_waarden=[])
    assert (beoordeling.licht, beoordeling.tekst) == (Licht.GEEN, "geen vergelijkingsgegevens in de categorie")


def test_normpagina_contractmanager_stelt_nieuwe_versie_vast(client, wereld):
    """R-K2: set in the application; the page lists the current norm and the history."""
    client.force_login(wereld["gebruikers"]["contractmanager"])
    antwoord = client.post(
        "/beheersing/normen/",
        {
            "indicator": "CON02",
            "categorie": "",
            "soort": "absoluut",
            "bovengrens": "30",
            "tolerantie": "5",
            "geldig_vanaf": "2025-10",
        },
    )
    assert antwoord.status_code == 302
    norm = Norm.objects.get()
    assert (norm.indicator, norm.bovengrens, norm.geldig_vanaf, norm.vastgesteld_door) == (
        "CON02",
        Decimal("30"),
        Q4,
        wereld["gebruikers"]["contractmanager"],
    )
    inhoud = client.get("/beheersing/normen/").content.decode()
    assert "≤ 30,0 dagen, oranje binnen 5,0 dagen van de grens" in inhoud
    assert "70,0 % – 80,0 % (standaardnorm)" in inhoud


def test_normpagina_toont_wat_te_verbeteren(client, wereld):
    """R-K2 bad input on the page: the message is shown at the field, nothing is stored."""
    client.force_login(wereld["gebruikers"]["contractmanager"])
    antwoord = client.post(
        "/beheersing/normen/",
        {"indicator": "KOS05", "soort": "absoluut", "ondergrens": "90", "bovengrens": "80", "geldig_vanaf": "2025-10"},
    )
    assert antwoord.status_code == 200
    assert "maak de ondergrens kleiner of de bovengrens groter" in antwoord.content.decode()
    assert not Norm.objects.exists()


@pytest.mark.parametrize(("rol", "status"), [("beleid", 403), ("aanbieder", 403), ("toegang", 403)])
def test_normpagina_wijzigen_alleen_door_contractmanager(client, wereld, rol, status):
    """R-K2: policy may read the norms but not set them; providers and toegang neither."""
    client.force_login(wereld["gebruikers"][rol])
    antwoord = client.post(
        "/beheersing/normen/", {"indicator": "KOS05", "soort": "absoluut", "ondergrens": "1", "geldig_vanaf": "2025-10"}
    )
    assert antwoord.status_code == status
    assert client.get("/beheersing/normen/").status_code == (200 if rol == "beleid" else 403)
    assert not Norm.objects.exists()


def test_normformulier_begint_bij_de_periode_van_de_scorekaart(client, wereld):
    """R-K2: coming from a quarter's scorecard ("wijzig"), the new version applies from that
    quarter by default, so the light on screen is the one that changes; without it: this month."""
    client.force_login(wereld["gebruikers"]["contractmanager"])
    pagina = client.get("/beheersing/normen/?indicator=KOS05&vanaf=2025-10").content.decode()
    assert 'name="geldig_vanaf" value="2025-10"' in pagina
    zonder = client.get("/beheersing/normen/?indicator=KOS05").content.decode()
    assert f'name="geldig_vanaf" value="{timezone.localdate():%Y-%m}"' in zonder


@pytest.mark.parametrize("formaat", ["csv", "xlsx"])
def test_geldende_normen_exporteren(client, wereld, formaat):
    """Issue 6 §8: the norms table exports; the standard norm of KOS05 is in it."""
    client.force_login(wereld["gebruikers"]["beleid"])
    antwoord = client.get(f"/beheersing/normen/?export={formaat}")
    assert antwoord.status_code == 200
    if formaat == "csv":
        inhoud = antwoord.content.decode("utf-8-sig")
        assert "KOS05" in inhoud and "Budgetbenutting gesloten keuzebudgetten" in inhoud
    else:
        assert antwoord["Content-Type"].startswith("application/vnd.openxmlformats")
