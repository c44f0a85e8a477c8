"""R-B4: the task-based crisis function split over the municipalities — availability by the
solidarity key, interventions by profijtbeginsel — exact to the cent."""

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from jeugdregie.audit.models import AuditRegel
from jeugdregie.catalogus.loader import laad_catalogus
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.crisis.models import Crisismelding
from jeugdregie.crisis.services import beoordeel_crisis, registreer_crisismelding
from jeugdregie.organisaties.models import Contract, ContractProduct
from jeugdregie.verantwoording.models import Beschikbaarheidscomponent, Crisisbekostiging, Sleutelaandeel
from jeugdregie.verantwoording.services.crisisbekostiging import Component, stel_crisisbekostiging_in
from jeugdregie.verantwoording.services.crisisverdeling import (
    MAANDEN,
    maak_demo_crisisbekostiging,
    verdeel_crisiskosten,
)
from jeugdregie.verantwoording.services.verdelen import verdeel_centen

from .builders.regelset import zet_regels
from .factories import GemeenteFactory
from .klok import op_het_moment

TZ = ZoneInfo("Europe/Amsterdam")
JAAR = 2026
# Nine more municipalities of IJsselland (young inhabitants roughly by size, SPEC §2).
MEER_GEMEENTEN = [
    ("0148", "Dalfsen", 29000, 6400),
    ("0160", "Hardenberg", 61000, 13900),
    ("0166", "Kampen", 54900, 12300),
    ("0175", "Ommen", 18300, 3900),
    ("0177", "Raalte", 38000, 8100),
    ("1742", "Rijssen-Holten", 38700, 9200),
    ("1896", "Zwartewaterland", 23000, 5600),
    ("1708", "Steenwijkerland", 44300, 8700),
    ("0180", "Staphorst", 17800, 4700),
]


def _gecontracteerd(wereld, naam="aanbieder", *, begindatum=date(2022, 1, 1), einddatum=None, crisis=True):
    """The provider, with a contract with the region that covers the crisis function (46C01) in
    the contract's period (a component's payee needs one valid in the year, R-C5)."""
    aanbieder = wereld[naam]
    contract, _ = Contract.objects.get_or_create(
        aanbieder=aanbieder,
        regio=wereld["zwolle"].regio,
        defaults={"nummer": f"C-{aanbieder.pk}", "begindatum": begindatum, "einddatum": einddatum},
    )
    if crisis:
        if not Product.objects.filter(code="46C01").exists():
            laad_catalogus()
        ContractProduct.objects.get_or_create(
            contract=contract,
            product=Product.objects.get(code="46C01"),
            begindatum=contract.begindatum,
            defaults={"einddatum": contract.einddatum},
        )
    return aanbieder


def stel_in(wereld, jaar=JAAR, *, beschikbaarheid="12000.00", tarief="650.00", sleutel="jeugdigen", **extra):
    """One availability component of ``beschikbaarheid``, paid to the provider (or ``componenten``)."""
    componenten = extra.pop("componenten", None)
    if componenten is None:
        componenten = [Component("Beschikbaarheid crisisdienst", beschikbaarheid, _gecontracteerd(wereld))]
    return stel_crisisbekostiging_in(
        regio=wereld["zwolle"].regio,
        jaar=jaar,
        componenten=componenten,
        tarief_interventie=tarief,
        sleutel=sleutel,
        door=extra.pop("door", wereld["gebruikers"]["beheerder"]),
        **extra,
    )


def _centen(bedrag: Decimal) -> int:
    return int(bedrag * 100)


def _per(verdeling, naam, maand=1):
    [aandeel] = [a for a in verdeling.regels if a.gemeente == naam and a.maand == maand]
    return aandeel


def test_verdeling_telt_exact_op_bij_een_lastig_bedrag_over_elf_gemeenten(wereld):
    """R-B4: € 1,000,000.01 over 11 municipalities: every month's shares add up exactly to that
    month's amount, the 12 months to the annual amount, and no share is negative."""
    for cbs, naam, inwoners, jeugdigen in MEER_GEMEENTEN:
        GemeenteFactory(cbs_code=cbs, naam=naam, inwoners=inwoners, jeugdigen=jeugdigen)
    stel_in(wereld, beschikbaarheid="1000000.01")

    verdeling = verdeel_crisiskosten(regio=wereld["zwolle"].regio, jaar=JAAR)

    assert len({a.gemeente_id for a in verdeling.regels}) == 11
    maandbedragen = [sum(a.beschikbaarheid for a in verdeling.regels if a.maand == m) for m in MAANDEN]
    assert sum(maandbedragen) == Decimal("1000000.01")
    assert set(maandbedragen) <= {Decimal("83333.33"), Decimal("83333.34")}
    assert all(a.beschikbaarheid >= 0 for a in verdeling.regels)
    per_gemeente = {a.gemeente_id: a for a in verdeling.per_gemeente()}
    # Each municipality's year is exactly its largest-remainder share of the annual amount.
    jeugdigen = {g.pk: g.jeugdigen for g in wereld["zwolle"].regio.gemeenten.all()}
    verwacht = verdeel_centen(100_000_001, jeugdigen)
    assert {gid: _centen(a.beschikbaarheid) for gid, a in per_gemeente.items()} == verwacht
    assert verdeling.totaal().beschikbaarheid == Decimal("1000000.01")
    assert verdeling.totaal().sleutelaandeel == Decimal("100.00")


def test_gelijke_gewichten_verdelen_de_restcenten_stabiel():
    """R-B4: ties in the remainder go to the smallest key; the parts still add up."""
    assert verdeel_centen(100, {3: 1, 1: 1, 2: 1}) == {1: 34, 2: 33, 3: 33}
    assert verdeel_centen(1, {"a": Decimal("0.5"), "b": Decimal("0.5")}) == {"a": 1, "b": 0}
    with pytest.raises(ValueError):
        verdeel_centen(100, {1: 0, 2: 0})


@pytest.mark.parametrize(
    ("sleutel", "gewichten", "deel_zwolle", "deel_deventer"),
    [
        # 26,617 vs 19,235 young inhabitants: 58,049.8 / 41,950.2 cents → the cent to Zwolle
        ("jeugdigen", None, Decimal("580.50"), Decimal("419.50")),
        # 129,840 vs 101,236 inhabitants: 56,189.3 / 43,810.7 cents → the cent to Deventer
        ("inwoners", None, Decimal("561.89"), Decimal("438.11")),
        ("handmatig", {"zwolle": "1", "deventer": "3"}, Decimal("250.00"), Decimal("750.00")),
    ],
)
def test_sleutel_bepaalt_de_aandelen(wereld, sleutel, gewichten, deel_zwolle, deel_deventer):
    """R-B4: young inhabitants (default), inhabitants or manual weights give other shares of the
    monthly € 1,000."""
    if gewichten:
        gewichten = {wereld[naam].pk: waarde for naam, waarde in gewichten.items()}
    stel_in(wereld, sleutel=sleutel, gewichten=gewichten)
    verdeling = verdeel_crisiskosten(regio=wereld["zwolle"].regio, jaar=JAAR, maand=1)
    assert (_per(verdeling, "Zwolle").beschikbaarheid, _per(verdeling, "Deventer").beschikbaarheid) == (
        deel_zwolle,
        deel_deventer,
    )
    jaar = {
        a.gemeente: a.beschikbaarheid
        for a in verdeel_crisiskosten(regio=wereld["zwolle"].regio, jaar=JAAR).per_gemeente()
    }
    assert sum(jaar.values()) == Decimal("12000.00")


def test_sleutel_standaard_die_van_de_regio(wereld):
    """R-B4: without a choice the region's solidariteitssleutel applies."""
    zet_regels(wereld["zwolle"].regio, solidariteitssleutel="inwoners")
    bekostiging = stel_in(wereld, sleutel=None)
    assert bekostiging.sleutel == "inwoners"


def _meld(crisis, gemeente, moment, *, afhandeling="interventie", uitkomst="geen_vervolg", **extra):
    """A report, assessed an hour later with ``afhandeling`` (``None``: not assessed yet)."""
    with op_het_moment(extra.pop("ontvangen_op", moment)):  # R-C5: registered as it comes in
        melding = registreer_crisismelding(
            crisisdienst=crisis["crisisdienst"],
            gemeente=crisis[gemeente],
            bron=extra.pop("bron", "huisarts"),
            gemeld_op=moment,
            door=crisis["gebruikers"]["crisisdienst"],
            **extra,
        )
    if afhandeling is None:
        return melding
    return beoordeel_crisis(
        melding=melding,
        beoordeeld_op=moment + timedelta(hours=1),
        hulp_binnen_24_uur=False,
        uitkomst=uitkomst,
        afhandeling=afhandeling,
        door=crisis["gebruikers"]["crisisdienst"],
    )


def test_interventies_volgen_de_crisismeldingen_per_gemeente_per_maand(crisis):
    """R-B4 profijtbeginsel: each municipality pays the interventions of its own reports in the
    month of the report (local date: 00:30 on 1 January is January, 23:30 on 31 December is not)."""
    stel_in(crisis)
    _meld(crisis, "zwolle", datetime(2026, 3, 4, 22, 0, tzinfo=TZ))
    _meld(crisis, "zwolle", datetime(2026, 3, 31, 23, 30, tzinfo=TZ))  # 21:30 UTC, still March
    _meld(crisis, "deventer", datetime(2026, 3, 15, 9, 0, tzinfo=TZ))
    _meld(crisis, "zwolle", datetime(2026, 1, 1, 0, 30, tzinfo=TZ))  # 31 Dec 23:30 UTC
    _meld(crisis, "zwolle", datetime(2025, 12, 31, 23, 30, tzinfo=TZ))  # other year

    verdeling = verdeel_crisiskosten(regio=crisis["zwolle"].regio, jaar=JAAR)

    zwolle_maart = _per(verdeling, "Zwolle", 3)
    assert (zwolle_maart.interventies, zwolle_maart.interventiebedrag) == (2, Decimal("1300.00"))
    assert zwolle_maart.totaal == zwolle_maart.beschikbaarheid + Decimal("1300.00")
    assert (_per(verdeling, "Deventer", 3).interventies, _per(verdeling, "Deventer", 3).interventiebedrag) == (
        1,
        Decimal("650.00"),
    )
    assert _per(verdeling, "Zwolle", 1).interventies == 1
    assert _per(verdeling, "Zwolle", 4).interventies == 0
    assert verdeling.totaal().interventies == 4
    assert verdeling.totaal().interventiebedrag == Decimal("2600.00")
    assert verdeling.totaal().totaal == Decimal("14600.00")


def test_profijtsleutel_telt_uitgevoerde_interventies_niet_meldingen(crisis):
    """R-C5 (correction to R-B4, 001 §4.4.3): the profijt key counts the crisis interventions carried
    out per municipality, not the reports. In March Zwolle has 4 reports but 1 intervention (one by
    phone only, one on the Veilig Thuis route, one not yet assessed); Deventer 2 reports, both
    interventions. Counting reports would charge Zwolle 4 × € 650 and Deventer 2 × € 650."""
    stel_in(crisis)
    maart = datetime(2026, 3, 10, 22, 0, tzinfo=TZ)
    _meld(crisis, "zwolle", maart)  # intervention carried out: counts
    _meld(crisis, "zwolle", maart, afhandeling="telefonisch")  # phone only: availability, not profijt
    _meld(crisis, "zwolle", maart, huiselijk_geweld=True, uitkomst="veilig_thuis", bron="veilig_thuis")
    _meld(crisis, "zwolle", maart, afhandeling=None)  # not assessed: no intervention recorded yet
    _meld(crisis, "deventer", maart)
    _meld(crisis, "deventer", maart + timedelta(days=1), uitkomst="reguliere_hulp")

    verdeling = verdeel_crisiskosten(regio=crisis["zwolle"].regio, jaar=JAAR, maand=3)

    zwolle, deventer = _per(verdeling, "Zwolle", 3), _per(verdeling, "Deventer", 3)
    assert (zwolle.interventies, zwolle.interventiebedrag) == (1, Decimal("650.00"))
    assert (deventer.interventies, deventer.interventiebedrag) == (2, Decimal("1300.00"))
    assert verdeling.totaal().interventiebedrag == Decimal("1950.00")


def test_veilig_thuis_route_telt_niet_ook_als_de_crisisdienst_uitrukte(crisis):
    """R-C5, R-C4: a Veilig Thuis-route case is outside the contract, even when the crisisdienst
    went out for it; a report that merely came in via Veilig Thuis (no domestic violence) is a
    crisis of this contract and counts."""
    stel_in(crisis)
    april = datetime(2026, 4, 2, 10, 0, tzinfo=TZ)
    _meld(crisis, "zwolle", april, huiselijk_geweld=True, uitkomst="veilig_thuis")
    _meld(crisis, "zwolle", april, bron="veilig_thuis")
    assert _per(verdeel_crisiskosten(regio=crisis["zwolle"].regio, jaar=JAAR, maand=4), "Zwolle", 4).interventies == 1


def test_zonder_instelling_zegt_de_fout_wat_te_doen(wereld):
    """R-B4: a year without configuration is refused with a Dutch message for the beheerder."""
    with pytest.raises(DomainError) as fout:
        verdeel_crisiskosten(regio=wereld["zwolle"].regio, jaar=2031)
    assert fout.value.code == "VER001"
    assert "2031" in fout.value.message and "functioneel beheerder" in fout.value.message


@pytest.mark.parametrize(
    ("wijziging", "code"),
    [
        ({"beschikbaarheid": "-1.00"}, "VER002"),
        ({"componenten": []}, "VER009"),
        ({"tarief": "-650"}, "VER002"),
        ({"beschikbaarheid": "veel"}, "VER002"),
        ({"sleutel": "handmatig", "gewichten": {}}, "VER003"),
        ({"sleutel": "postcode"}, "VER004"),
        ({"door": "financieel"}, "VER005"),
        ({"door": "aanbieder"}, "VER005"),
    ],
)
def test_ongeldige_instelling_wordt_geweigerd_en_verandert_niets(wereld, wijziging, code):
    """R-B4: amounts ≥ 0, a valid key, and only the beheerder or contractmanager; nothing stored."""
    if "door" in wijziging:
        wijziging["door"] = wereld["gebruikers"][wijziging["door"]]
    with pytest.raises(DomainError) as fout:
        stel_in(wereld, **wijziging)
    assert fout.value.code == code
    assert not Crisisbekostiging.objects.exists()


def test_handmatige_sleutel_vraagt_een_gewicht_voor_elke_gemeente(wereld):
    """R-B4: with the manual key every municipality needs a weight; the missing one is named."""
    with pytest.raises(DomainError) as fout:
        stel_in(wereld, sleutel="handmatig", gewichten={wereld["zwolle"].pk: "2"})
    assert fout.value.code == "VER003" and "Deventer" in fout.value.message
    with pytest.raises(DomainError):
        stel_in(wereld, gewichten={wereld["zwolle"].pk: "2", wereld["deventer"].pk: "1"})  # weights without manual
    assert not Crisisbekostiging.objects.exists()


def test_wijzigen_vervangt_de_gewichten_en_wordt_gelogd(wereld):
    """R-B4: the contractmanager changes the year; the weights of a manual key go with it."""
    gewichten = {wereld["zwolle"].pk: "1", wereld["deventer"].pk: "1"}
    eerste = stel_in(wereld, sleutel="handmatig", gewichten=gewichten)
    assert Sleutelaandeel.objects.filter(bekostiging=eerste).count() == 2
    tweede = stel_in(wereld, beschikbaarheid="24000", door=wereld["gebruikers"]["contractmanager"])
    assert tweede.pk == eerste.pk
    assert (tweede.beschikbaarheid, tweede.sleutel) == (Decimal("24000.00"), "jeugdigen")
    assert not Sleutelaandeel.objects.exists()
    assert list(
        AuditRegel.objects.filter(objecttype="verantwoording.Crisisbekostiging")
        .order_by("id")
        .values_list("actie", flat=True)
    ) == ["aanmaken", "wijzigen"]


def test_demo_instelling_is_illustratief_en_idempotent(wereld):
    """R-B4 demo data: € 650 per intervention; availability scaled by young inhabitants from
    € 2.4 M for IJsselland's 113,000; a second run changes nothing."""
    regio = wereld["zwolle"].regio
    [_, b2026] = maak_demo_crisisbekostiging(regio, [2025, 2026])
    assert (b2026.tarief_interventie, b2026.sleutel) == (Decimal("650.00"), "jeugdigen")
    assert b2026.beschikbaarheid == Decimal("974000.00")  # 2.4 M × 45,852 / 113,000 = 973,846 → € 974,000
    # R-C5: two illustrative components (60 % crisisdienst GGZ, 40 % Spoedhulp IJsselland) adding up
    assert list(b2026.componenten.values_list("naam", "bedrag")) == [
        ("Bereikbaarheid en beschikbaarheid crisisdienst GGZ", Decimal("584400.00")),
        ("Beschikbaarheid Spoedhulp IJsselland", Decimal("389600.00")),
    ]
    b2026.beschikbaarheid = Decimal("1.00")
    b2026.save()
    maak_demo_crisisbekostiging(regio, [2025, 2026])
    assert Crisisbekostiging.objects.count() == 2
    assert Crisisbekostiging.objects.get(jaar=2026).beschikbaarheid == Decimal("1.00")


# --- pages and API -------------------------------------------------------------------------


def test_financieel_van_zwolle_ziet_alleen_zwolle(client, wereld):
    """R-B4, R-P1: finance of Zwolle sees only Zwolle's rows (page, export and API)."""
    stel_in(wereld)
    client.force_login(wereld["gebruikers"]["financieel"])
    pagina = client.get(f"/verantwoording/crisis/?jaar={JAAR}").content.decode()
    assert "Zwolle" in pagina and "Deventer" not in pagina
    api = client.get(f"/api/v1/crisisverdeling/?jaar={JAAR}").json()
    assert {r["gemeente"] for r in api["regels"]} == {"Zwolle"}
    assert [g["gemeente"] for g in api["per_gemeente"]] == ["Zwolle"]
    # its share of € 12,000 as in the full split: 26,617 / 45,852 of 1,200,000 cents = 696,597.7 → 6,965.98
    assert api["per_gemeente"][0]["beschikbaarheid"] == "6965.98"
    export = client.get(f"/verantwoording/crisis/?jaar={JAAR}&export=csv").content.decode("utf-8-sig")
    assert "Deventer" not in export and "Zwolle" in export


def test_regiorollen_zien_alle_gemeenten(client, wereld):
    """R-B4: the regional roles see every municipality of the region; no personal data here."""
    stel_in(wereld)
    for rol in ("contractmanager", "beleid", "bestuurder", "beheerder"):
        client.force_login(wereld["gebruikers"][rol])
        api = client.get(f"/api/v1/crisisverdeling/?jaar={JAAR}").json()
        assert [g["gemeente"] for g in api["per_gemeente"]] == ["Deventer", "Zwolle"]
        assert api["totaal"]["beschikbaarheid"] == "12000.00"


@pytest.mark.parametrize("rol", ["aanbieder", "huisarts", "gi"])
def test_aanbieders_en_verwijzers_zien_de_verdeling_niet(client, wereld, rol):
    stel_in(wereld)
    client.force_login(wereld["gebruikers"][rol])
    assert client.get(f"/verantwoording/crisis/?jaar={JAAR}").status_code == 403
    assert client.get(f"/api/v1/crisisverdeling/?jaar={JAAR}").status_code == 403


def test_api_zonder_instelling_geeft_de_fout(client, wereld):
    client.force_login(wereld["gebruikers"]["beleid"])
    antwoord = client.get("/api/v1/crisisverdeling/?jaar=2031")
    assert antwoord.status_code == 400
    assert antwoord.json()["fouten"][0]["code"] == "VER001"
    pagina = client.get("/verantwoording/crisis/?jaar=2031")
    assert pagina.status_code == 200 and "geen crisisbekostiging ingesteld" in pagina.content.decode()


def test_export_csv_en_xlsx_geven_dezelfde_bedragen(client, wereld):
    """R-B4: the exports parse back to the split; the total row equals the annual amount."""
    stel_in(wereld, beschikbaarheid="1000000.01")
    client.force_login(wereld["gebruikers"]["contractmanager"])
    tekst = client.get(f"/verantwoording/crisis/?jaar={JAAR}&export=csv").content.decode("utf-8-sig")
    rijen = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    assert rijen[0][:4] == ["Jaar", "Maand", "CBS-code", "Gemeente"]
    gegevens, totaal = rijen[1:-1], rijen[-1]
    assert len(gegevens) == 24
    assert totaal[5] == "1000000,01"  # a Dutch number: decimal comma, no thousands separator (issue 19 §5)
    assert sum(Decimal(r[5].replace(",", ".")) for r in gegevens) == Decimal("1000000.01")
    boek = load_workbook(io.BytesIO(client.get(f"/verantwoording/crisis/?jaar={JAAR}&export=xlsx").content))
    xlsx = list(boek.active.iter_rows(values_only=True))
    assert len(xlsx) == 26
    assert sum(Decimal(str(r[5])) for r in xlsx[1:-1]) == Decimal("1000000.01")
    assert [str(r[3]) for r in xlsx[1:3]] == [r[3] for r in gegevens[:2]]


def test_beheerder_stelt_in_via_het_formulier(client, wereld):
    """R-B4: the settings form calls the service; a manual key without all weights is refused."""
    client.force_login(wereld["gebruikers"]["beheerder"])
    assert client.get("/verantwoording/crisis/instellingen/").status_code == 200
    aanbieder = _gecontracteerd(wereld)
    basis = {
        "jaar": JAAR,
        "component_0_naam": "Crisisdienst GGZ",
        "component_0_bedrag": "2400000.00",
        "component_0_ontvanger": aanbieder.pk,
        "tarief_interventie": "650.00",
    }
    fout = client.post(
        "/verantwoording/crisis/instellingen/", {**basis, "sleutel": "handmatig", f"gewicht_{wereld['zwolle'].pk}": "1"}
    )
    assert fout.status_code == 200 and "Deventer" in fout.content.decode()
    assert not Crisisbekostiging.objects.exists()
    antwoord = client.post("/verantwoording/crisis/instellingen/", {**basis, "sleutel": "inwoners"})
    assert antwoord.status_code == 302
    assert Crisisbekostiging.objects.get().sleutel == "inwoners"
    client.force_login(wereld["gebruikers"]["financieel"])
    assert client.get("/verantwoording/crisis/instellingen/").status_code == 403


# --- R-C5: availability components and payees ----------------------------------------------


def _twee_componenten(wereld, crisisdienst="1000000.01", spoedhulp="333333.33"):
    return [
        Component("Crisisdienst GGZ", crisisdienst, _gecontracteerd(wereld, "aanbieder")),
        Component("Spoedhulp IJsselland", spoedhulp, _gecontracteerd(wereld, "andere_aanbieder")),
    ]


def test_componenten_tellen_op_tot_de_beschikbaarheid_en_elk_wordt_exact_verdeeld(wereld):
    """R-C5 (correction to R-C3/R-B4; 001 §3.3.1, §4.4.3): the availability amount is the sum of its
    components; each component is split over the 11 municipalities by the key with the
    largest-remainder method, so its shares add up exactly to its own amount (months and year),
    and a municipality's availability is the sum of its component shares."""
    for cbs, naam, inwoners, jeugdigen in MEER_GEMEENTEN:
        GemeenteFactory(cbs_code=cbs, naam=naam, inwoners=inwoners, jeugdigen=jeugdigen)
    bekostiging = stel_in(wereld, componenten=_twee_componenten(wereld))
    assert bekostiging.beschikbaarheid == Decimal("1333333.34")
    crisisdienst, spoedhulp = Beschikbaarheidscomponent.objects.filter(bekostiging=bekostiging)

    verdeling = verdeel_crisiskosten(regio=wereld["zwolle"].regio, jaar=JAAR)

    jeugdigen = {g.pk: g.jeugdigen for g in wereld["zwolle"].regio.gemeenten.all()}
    for component, centen in ((crisisdienst, 100_000_001), (spoedhulp, 33_333_333)):
        assert sum(a.componenten[component.pk] for a in verdeling.regels) == component.bedrag
        for maand in MAANDEN:
            maanddeel = sum(a.componenten[component.pk] for a in verdeling.regels if a.maand == maand)
            assert _centen(maanddeel) == centen * maand // 12 - centen * (maand - 1) // 12
        jaar = {a.gemeente_id: _centen(a.componenten[component.pk]) for a in verdeling.per_gemeente()}
        assert jaar == verdeel_centen(centen, jeugdigen)
    assert all(a.beschikbaarheid == sum(a.componenten.values()) for a in verdeling.regels)
    assert verdeling.totaal().beschikbaarheid == Decimal("1333333.34")
    [c1, c2] = verdeling.per_component()
    assert (c1.naam, c1.ontvanger, c1.jaarbedrag, c1.totaal) == (
        "Crisisdienst GGZ",
        wereld["aanbieder"].naam,
        Decimal("1000000.01"),
        Decimal("1000000.01"),
    )
    assert (c2.ontvanger_agb, c2.totaal) == (wereld["andere_aanbieder"].agb_code, Decimal("333333.33"))


@pytest.mark.parametrize(
    ("componenten", "code", "tekst"),
    [
        (lambda w: [], "VER009", "ten minste één beschikbaarheidscomponent"),
        (lambda w: [Component("  ", "10", _gecontracteerd(w))], "VER009", "Geef component 1 een naam"),
        (
            lambda w: [Component("GGZ", "10", _gecontracteerd(w)), Component("ggz", "5", _gecontracteerd(w))],
            "VER009",
            "twee keer",
        ),
        (lambda w: [Component("GGZ", "-1", _gecontracteerd(w))], "VER002", "niet negatief"),
        (lambda w: [Component("GGZ", "veel", _gecontracteerd(w))], "VER002", "bedrag in euro"),
        (lambda w: [Component("GGZ", "10", None)], "VER009", "Kies bij 'GGZ' de aanbieder"),
        (lambda w: [Component("GGZ", "10", w["andere_aanbieder"])], "VER009", "geen contract"),
        (  # R-C5 review: a contract that ended before the year
            lambda w: [
                Component("GGZ", "10", _gecontracteerd(w, "andere_aanbieder", einddatum=date(JAAR - 1, 12, 31)))
            ],
            "VER009",
            f"heeft in {JAAR} geen contract met",
        ),
        (  # R-C5 review: a contract that starts after the year
            lambda w: [Component("GGZ", "10", _gecontracteerd(w, "andere_aanbieder", begindatum=date(JAAR + 1, 1, 1)))],
            "VER009",
            "crisiscontract dat in 2026 geldt",
        ),
        (  # R-C5 review: a contract in the year, but not for the crisis function
            lambda w: [Component("GGZ", "10", _gecontracteerd(w, "andere_aanbieder", crisis=False))],
            "VER009",
            "voor de crisisfunctie",
        ),
    ],
)
def test_ongeldige_componenten_worden_geweigerd_en_veranderen_niets(wereld, componenten, code, tekst):
    """R-C5: every component has a unique name, an amount ≥ 0 and a contracted payee; the refusal is
    a Dutch message saying what to fix, and neither the year nor its components are stored. A
    change of an existing year that is refused keeps its components as they were."""
    with pytest.raises(DomainError) as fout:
        stel_in(wereld, componenten=componenten(wereld))
    assert (fout.value.code, fout.value.field) == (code, "componenten")
    assert tekst in fout.value.message
    assert not Crisisbekostiging.objects.exists() and not Beschikbaarheidscomponent.objects.exists()
    stel_in(wereld)
    with pytest.raises(DomainError):
        stel_in(wereld, componenten=componenten(wereld))
    assert list(Beschikbaarheidscomponent.objects.values_list("naam", "bedrag")) == [
        ("Beschikbaarheid crisisdienst", Decimal("12000.00"))
    ]


def test_wijzigen_vervangt_de_componenten(wereld):
    """R-C5: setting a year again replaces its components; the total follows."""
    stel_in(wereld, componenten=_twee_componenten(wereld))
    bekostiging = stel_in(wereld, beschikbaarheid="500.00")
    assert list(bekostiging.componenten.values_list("naam", "bedrag", "ontvanger")) == [
        ("Beschikbaarheid crisisdienst", Decimal("500.00"), wereld["aanbieder"].pk)
    ]
    assert bekostiging.beschikbaarheid == Decimal("500.00")


def test_componenten_in_api_pagina_en_export_per_gemeente_van_de_gebruiker(client, wereld):
    """R-C5, R-P1: the API, page and export show each component with its payee; finance of Zwolle
    sees only Zwolle's share, the region's roles every municipality's."""
    stel_in(wereld, componenten=_twee_componenten(wereld, "12000.00", "6000.00"))
    client.force_login(wereld["gebruikers"]["financieel"])
    api = client.get(f"/api/v1/crisisverdeling/?jaar={JAAR}").json()
    assert [(c["naam"], c["ontvanger"], c["jaarbedrag"]) for c in api["componenten"]] == [
        ("Crisisdienst GGZ", wereld["aanbieder"].agb_code, "12000.00"),
        ("Spoedhulp IJsselland", wereld["andere_aanbieder"].agb_code, "6000.00"),
    ]
    # 26,617 / 45,852 of 1,200,000 cents = 696,597.7 → 6,965.98; of 600,000 cents = 348,298.8 → 3,482.99
    assert [c["aandelen"] for c in api["componenten"]] == [
        [{"gemeente_id": wereld["zwolle"].pk, "gemeente": "Zwolle", "bedrag": "6965.98"}],
        [{"gemeente_id": wereld["zwolle"].pk, "gemeente": "Zwolle", "bedrag": "3482.99"}],
    ]
    assert api["per_gemeente"][0]["beschikbaarheid"] == "10448.97"
    pagina = client.get(f"/verantwoording/crisis/?jaar={JAAR}").content.decode()
    assert "Spoedhulp IJsselland" in pagina and wereld["andere_aanbieder"].naam in pagina
    rijen = list(
        csv.reader(
            io.StringIO(client.get(f"/verantwoording/crisis/?jaar={JAAR}&export=csv").content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    assert rijen[0][-2:] == [
        f"Beschikbaarheid Crisisdienst GGZ ({wereld['aanbieder'].naam})",
        f"Beschikbaarheid Spoedhulp IJsselland ({wereld['andere_aanbieder'].naam})",
    ]
    assert rijen[-1][-2:] == ["6965,98", "3482,99"]
    client.force_login(wereld["gebruikers"]["beleid"])
    api = client.get(f"/api/v1/crisisverdeling/?jaar={JAAR}").json()
    assert [sum(Decimal(a["bedrag"]) for a in c["aandelen"]) for c in api["componenten"]] == [
        Decimal("12000.00"),
        Decimal("6000.00"),
    ]


def test_profijtsleutel_telt_op_de_ontvangstdatum_van_de_server(crisis):
    """R-C5, R-B9 (the server owns time): the crisisdienst cannot move an intervention into another
    period by the time it states. A report received on 1 April 00:30 whose stated time is 31 March
    23:30 counts in April; the stated time is kept as information (and for the 4-hour norm)."""
    stel_in(crisis)
    ontvangen = datetime(2026, 4, 1, 0, 30, tzinfo=TZ)
    melding = _meld(crisis, "zwolle", datetime(2026, 3, 31, 23, 30, tzinfo=TZ), ontvangen_op=ontvangen)
    assert (melding.gemeld_op, melding.ontvangen_op) == (datetime(2026, 3, 31, 23, 30, tzinfo=TZ), ontvangen)
    verdeling = verdeel_crisiskosten(regio=crisis["zwolle"].regio, jaar=JAAR)
    assert _per(verdeling, "Zwolle", maand=3).interventies == 0
    assert _per(verdeling, "Zwolle", maand=4).interventies == 1


@pytest.mark.parametrize(
    ("gemeld", "tekst"),
    [
        (datetime(2026, 4, 1, 12, 1, tzinfo=TZ), "ligt in de toekomst"),
        (datetime(2026, 3, 29, 11, 59, tzinfo=TZ), "ligt meer dan 72 uur terug"),
    ],
)
def test_opgegeven_meldtijd_is_begrensd(crisis, gemeld, tekst):
    """R-C5, R-B9: the stated time of a report is never after the server's moment of arrival and at
    most the region's ``crisismelding_terugmelden_uren`` (default 72) before it; otherwise a Dutch
    refusal and nothing is stored. Exactly on the limit is accepted; the region sets the limit."""
    ontvangen = datetime(2026, 4, 1, 12, 0, tzinfo=TZ)
    with pytest.raises(DomainError) as fout:
        _meld(crisis, "zwolle", gemeld, ontvangen_op=ontvangen, afhandeling=None)
    assert (fout.value.code, fout.value.field) == ("TW021", "gemeld_op") and tekst in fout.value.message
    assert not Crisismelding.objects.exists()
    assert _meld(crisis, "zwolle", ontvangen - timedelta(hours=72), ontvangen_op=ontvangen, afhandeling=None).pk
    zet_regels(crisis["zwolle"].regio, crisismelding_terugmelden_uren=1)
    with pytest.raises(DomainError):
        _meld(crisis, "zwolle", ontvangen - timedelta(hours=2), ontvangen_op=ontvangen, afhandeling=None)


def test_zonder_opgegeven_tijd_geldt_de_ontvangst(crisis, klok):
    """R-B9: without a stated time the report's time is the server's moment of arrival."""
    nu = klok(datetime(2026, 5, 6, 14, 15, tzinfo=TZ))
    melding = registreer_crisismelding(
        crisisdienst=crisis["crisisdienst"],
        gemeente=crisis["zwolle"],
        bron="huisarts",
        door=crisis["gebruikers"]["crisisdienst"],
    )
    assert melding.gemeld_op == melding.ontvangen_op == nu
