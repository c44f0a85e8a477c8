import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from jeugdregie.catalogus.constants import Eenheid, Onderdeel
from jeugdregie.catalogus.loader import DATA_DIR, laad_catalogus
from jeugdregie.catalogus.models import Functie, KeuzebudgetJaar, KeuzebudgetNiveau, Product, Tarief, Tariefgroep
from jeugdregie.catalogus.services import geldig_tarief, registreer_tarief
from jeugdregie.common.errors import DomainError

SEED_001 = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "001_01724ebed93e6a8a.txt"


@pytest.fixture
def catalogus(db):
    """The loader's own tests run the real loader every time, never the suite's copy of its first
    load (tests/catalogus_kopie.py)."""
    laad_catalogus()


def test_catalogus_laden_is_idempotent(catalogus):
    """A second load adds nothing (README run command may run again)."""
    tellingen = [m.objects.count() for m in (Product, Tarief, Functie, Tariefgroep, KeuzebudgetNiveau)]
    assert laad_catalogus().aangemaakt == {}
    assert [m.objects.count() for m in (Product, Tarief, Functie, Tariefgroep, KeuzebudgetNiveau)] == tellingen


def test_voorzieningenboek_volledig_met_eenheden(catalogus):
    """SPEC §3.1–3.5: every product of seed 001 annex 3 with its unit and iJw mapping."""
    assert Product.objects.count() == 27
    assert Product.objects.filter(onderdeel=Onderdeel.AMBULANT, eenheid=Eenheid.UUR).count() == 11
    assert Product.objects.filter(onderdeel=Onderdeel.WONEN_VERBLIJF, eenheid=Eenheid.ETMAAL).count() == 10
    assert sorted(Product.objects.filter(onderdeel=Onderdeel.WONEN_VERBLIJF).values_list("intensiteit", flat=True)) == [
        *range(1, 11)
    ]
    crisis = {p.naam: (p.eenheid, p.ijw_eenheid) for p in Product.objects.filter(onderdeel=Onderdeel.CRISIS)}
    assert crisis == {
        "Taakgerichte bekostiging crisisfunctie": ("taakgericht", "83"),
        "Crisisopvolging": ("uur", "04"),
        "Crisisbed": ("etmaal", "14"),
    }
    assert Product.objects.get(code="45A04").tariefgroep.nummer == 4
    assert Product.objects.get(code="45A04").ijw_productcategorie == "45"


def test_illustratieve_tarieven_2022_exact(catalogus):
    """SPEC §3.6: the illustrative 2022 tariffs, exact Decimals, labelled illustratief."""
    verwacht = {
        "45A01": "62.00",
        "45A07": "165.00",
        "41D01": "14.00",
        "41D04": "33.00",
        "44W01": "38.00",
        "44W04": "150.00",
        "43W10": "560.00",
        "46C02": "110.00",
        "46C03": "420.00",
        "45L01": "95.00",
        "45L02": "80.00",
    }
    for code, bedrag in verwacht.items():
        tarief = geldig_tarief(product=Product.objects.get(code=code), dag=date(2022, 6, 1))
        assert tarief.bedrag == Decimal(bedrag)
        assert tarief.illustratief is True
    assert not Tarief.objects.filter(illustratief=False).exists()


def test_functietabel_bevat_elke_functie_uit_bijlage_1(catalogus):
    """Issue 2 §2: the complete function table of seed 001 annex 1, every function with its TG."""
    with (DATA_DIR / "functies.csv").open(encoding="utf-8") as handle:
        functies = [row["naam"] for row in csv.DictReader(handle, delimiter=";")]
    if SEED_001.exists():
        tekst = SEED_001.read_text(encoding="utf-8")
        bijlage = tekst[tekst.index("Bijlage 1 functiegroepen jeugd") : tekst.index("Bijlage 2 Het Beheersingsmodel")]
        in_seed = [
            r.strip()
            for r in bijlage.splitlines()
            if r.strip()
            and not r.strip().startswith(("TG", "FWG", "Schaal", "Functiebenaming", "AMS"))
            and "Bijlage" not in r
        ]
        assert sorted(in_seed) == sorted(functies)
    assert Functie.objects.count() == len(functies) == 86
    voorbeelden = {
        "Jeugdzorgwerker D": 1,
        "Gezinscoach": 2,
        "Speltherapeut": 3,
        "Psycholoog (PIOG)": 4,
        "Gz-psycholoog": 5,
        "Klinisch psycholoog": 6,
        "(Kinder)Psychiater": 7,
    }
    for naam, tg in voorbeelden.items():
        assert Functie.objects.get(naam=naam).tariefgroep.nummer == tg
    assert set(Functie.objects.values_list("tariefgroep__nummer", flat=True)) == set(range(1, 8))


def test_keuzebudgetniveaus_en_duurzaam_beperking(catalogus):
    """R-T4: six standard levels per year; duurzaam restricts function groups and dagverblijf.
    R-T9: tariff group 7 (45A07, medicatiecontrole, "duurzaam 1") is allowed for duurzaam, and a
    duurzaam budget is an amount per year: at most 12 months, like herstel."""
    jaar = KeuzebudgetJaar.objects.get(jaar=2026)
    assert [n.bedrag for n in jaar.niveaus.order_by("niveau")] == [
        Decimal(b) for b in ("750.00", "1500.00", "3000.00", "4500.00", "7500.00", "12000.00")
    ]
    assert jaar.max_maanden("herstel") == 12 and jaar.max_maanden("duurzaam") == 12
    assert set(jaar.duurzaam_uitgesloten.values_list("code", flat=True)) == {"45A05", "45A06", "41D04"}


def test_overlappend_tarief_wordt_geweigerd_en_niets_opgeslagen(catalogus):
    """Issue 2 bad input: overlapping tariff periods are refused with a Dutch message."""
    product = Product.objects.get(code="45A01")
    voor = Tarief.objects.count()
    with pytest.raises(DomainError) as fout:
        registreer_tarief(product=product, begindatum=date(2024, 1, 1), einddatum=None, bedrag="65.00")
    assert fout.value.code == "CAT001"
    assert "overlapt met het bestaande tarief van 01-01-2022" in fout.value.message
    assert Tarief.objects.count() == voor


def test_aansluitend_tarief_na_afsluiten_wordt_geldig(catalogus):
    """Tariffs are per validity period: the tariff valid on the delivery date applies."""
    product = Product.objects.create(
        code="99X01", naam="Test", onderdeel="ambulant", eenheid="uur", ijw_productcategorie="45", ijw_eenheid="04"
    )
    registreer_tarief(product=product, begindatum=date(2024, 1, 1), einddatum=date(2024, 12, 31), bedrag="70.00")
    registreer_tarief(product=product, begindatum=date(2025, 1, 1), einddatum=None, bedrag=Decimal("72.50"))
    assert geldig_tarief(product=product, dag=date(2024, 12, 31)).bedrag == Decimal("70.00")
    assert geldig_tarief(product=product, dag=date(2025, 1, 1)).bedrag == Decimal("72.50")
    with pytest.raises(DomainError, match="geen tarief"):
        geldig_tarief(product=product, dag=date(2023, 12, 31))


def test_tarief_als_float_wordt_geweigerd(catalogus):
    product = Product.objects.get(code="45A01")
    with pytest.raises(DomainError) as fout:
        registreer_tarief(product=product, begindatum=date(2030, 1, 1), einddatum=None, bedrag=62.1)
    assert fout.value.code == "CAT002"


def test_api_tarief_in_het_verleden_geeft_400_met_code(client, wereld, catalogus):
    """R-R1: over the API the beheerder sets a tariff of the own region, from today on (the
    catalogue's tariffs are not changed over the API); a start in the past gets a Dutch 400."""
    client.force_login(wereld["gebruikers"]["beheerder"])
    voor = Tarief.objects.count()
    antwoord = client.post(
        "/api/v1/catalogus/producten/",
        {"product": "45A02", "begindatum": "2023-01-01", "bedrag": "80.00"},
        content_type="application/json",
    )
    assert antwoord.status_code == 400
    assert antwoord.json()["fouten"][0]["code"] == "CAT007"
    assert Tarief.objects.count() == voor


def test_api_tarief_van_de_regio(client, wereld, catalogus):
    """R-R1: a tariff set over the API belongs to the beheerder's region and shows with its code;
    the catalogue's tariff of that day is unchanged."""
    client.force_login(wereld["gebruikers"]["beheerder"])
    product = Product.objects.get(code="45A02")
    catalogus_tarief = product.tarief_op(date(2031, 1, 1))
    antwoord = client.post(
        "/api/v1/catalogus/producten/",
        {"product": "45A02", "begindatum": "2031-01-01", "bedrag": "80.00"},
        content_type="application/json",
    )
    assert antwoord.status_code == 201 and antwoord.json()["regio"] == "ijsselland"
    assert product.tarief_op(date(2031, 1, 1)) == catalogus_tarief
    regio_id = wereld["gebruikers"]["beheerder"].regio_id
    assert product.tarief_op(date(2031, 1, 1), regio_id).bedrag == Decimal("80.00")
    lijst = client.get("/api/v1/catalogus/producten/45A02/").json()
    assert {
        "begindatum": "2031-01-01",
        "einddatum": None,
        "bedrag": "80.00",
        "illustratief": False,
        "regio": "ijsselland",
    } in lijst["tarieven"]


def test_api_tarief_alleen_voor_beheerder(client, wereld, catalogus):
    client.force_login(wereld["gebruikers"]["contractmanager"])
    antwoord = client.post(
        "/api/v1/catalogus/producten/",
        {"product": "45A02", "begindatum": "2031-01-01", "bedrag": "80.00"},
        content_type="application/json",
    )
    assert antwoord.status_code == 403


def test_migratie_staat_medicatiecontrole_toe_bij_duurzaam(catalogus):
    """R-T9 (001 §4.2.1 "duurzaam 1: medicatiecontrole"): the data migration takes tariff group 7
    out of a year's duurzaam exclusions that still hold the old seeded set, and leaves a year the
    functioneel beheerder changed by hand alone."""
    import importlib

    from django.apps import apps

    migratie = importlib.import_module("jeugdregie.catalogus.migrations.0002_duurzaam_medicatiecontrole")
    oud = [Product.objects.get(code=c) for c in ("45A05", "45A06", "45A07", "41D04")]
    KeuzebudgetJaar.objects.get(jaar=2025).duurzaam_uitgesloten.set(oud)
    KeuzebudgetJaar.objects.get(jaar=2026).duurzaam_uitgesloten.set(oud[2:])  # changed by hand
    migratie.sta_medicatiecontrole_toe(apps, None)
    codes = {j.jaar: set(j.duurzaam_uitgesloten.values_list("code", flat=True)) for j in KeuzebudgetJaar.objects.all()}
    assert codes[2025] == {"45A05", "45A06", "41D04"}
    assert codes[2026] == {"45A07", "41D04"}
