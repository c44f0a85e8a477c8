"""R-B8: a declaration line is paid only for a product the allocation holds, that the provider
is contracted and registered for on every day of the line (R-T2), within iJw TR387/TR388 (whole
months unless the allocation begins or ends inside the month), and an allocation is paid at most
one etmaal a day over all its etmaal products. Through the outermost interfaces: the REST API
and a JW323; every rejection books nothing (no approved line, the budget overview unchanged)."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Case, DecimalField, F, Sum, When
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.ijw.services.ontvangen import ontvang
from jeugdregie.organisaties.models import ContractProduct, Inschrijving
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services.levering import registreer_levering

from .builders.declaraties import NA_MELDING, _crisisopvolging, body, declareer, post, regel, regel_json
from .builders.ijw import declaratie as jw323
from .builders.route import gestart
from .builders.wonen import wonen


@pytest.fixture(autouse=True)
def nu(monkeypatch):
    """The server's moment of receipt (R-B9) is 12 May 2026: April is over, and everything here is
    well inside the declaration window (R-B7)."""
    moment = datetime(2026, 5, 12, 8, 0, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)


def _tarief(code: str) -> Decimal:
    return Product.objects.get(code=code).tarief_op(date(2026, 4, 1)).bedrag


def _goedgekeurd(toewijzing) -> Decimal:
    """Approved spend of an allocation from its lines: debits minus credits."""
    teken = Case(When(debet_credit="C", then=-F("bedrag")), default=F("bedrag"), output_field=DecimalField())
    som = Declaratieregel.objects.filter(toewijzing=toewijzing, status="goedgekeurd").aggregate(s=Sum(teken))["s"]
    return som or Decimal("0.00")


def _besteed(client, route) -> str:
    """R-B5: spent in the municipality's budget overview, as the finance user sees it."""
    client.force_login(route["gebruikers"]["financieel"])
    [zwolle] = client.get("/api/v1/budgetten/").json()
    return zwolle["besteed"]


def _stuur(client, route, *regels, nummer="API-1", wie="aanbieder") -> list[dict]:
    antwoord = post(client, route, body(route, *regels, nummer=nummer), wie=wie)
    assert antwoord.status_code == 201, antwoord.content
    return antwoord.json()["regels"]


def _uitkomst(regels: list[dict]) -> list[tuple[str, str, str]]:
    return [(r["status"], r["afkeur"], r["retourcode"]) for r in regels]


def _json(toewijzing, referentie, code, *, volume, eenheid="uur", **extra) -> dict:
    return regel_json(
        toewijzing, referentie, product=code, uren=str(volume), eenheid=eenheid, bedrag=volume * _tarief(code), **extra
    )


# --- contract and registration (R-T2, R-B8) ------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "afkeur", "fragment"),
    [
        ("45A06", "DEC023", "geen contract voor 45A06"),  # tariff group 6: not in the contract
        ("45A02", "DEC024", "niet ingeschreven op 45A02"),  # contracted, but not registered on it
    ],
    ids=["niet-gecontracteerd", "niet-ingeschreven"],
)
def test_tariefgroep_zonder_contract_of_inschrijving_wordt_niet_betaald(client, route, code, afkeur, fragment):
    """R-T2/R-B8, the found defect: hours of a tariff group the provider is not contracted for,
    or contracted but not registered on, were approved. Now rejected with a code the provider can
    act on (iJw has no contract code: TR418's 0611, no contractual tariff); nothing is booked."""
    toewijzing = gestart(route)
    besteed = _besteed(client, route)

    [uitkomst] = _stuur(client, route, _json(toewijzing, "R1", code, volume=10))

    assert _uitkomst([uitkomst]) == [("afgekeurd", afkeur, "0611")]
    assert fragment in uitkomst["toelichting"] and "01-04-2026" in uitkomst["toelichting"]
    assert _goedgekeurd(toewijzing) == Decimal("0.00")
    assert _besteed(client, route) == besteed == "0.00"


@pytest.mark.parametrize(
    ("model", "afkeur", "dag"),
    [(ContractProduct, "DEC023", "16-04-2026"), (Inschrijving, "DEC024", "16-04-2026")],
    ids=["contract-eindigt", "inschrijving-eindigt"],
)
def test_contract_en_inschrijving_gelden_elke_dag_van_de_regel(client, route, model, afkeur, dag):
    """R-B8: the contract line and the registration must hold on each day of the line. When TG3
    ends on 15 April, March is paid and April is not (the message names the first day without);
    nothing of April is booked."""
    model.objects.filter(product__code="45A03", contract__aanbieder=route["aanbieder"]).update(
        einddatum=date(2026, 4, 15)
    )
    toewijzing = gestart(route)

    maart, april = _stuur(
        client,
        route,
        _json(toewijzing, "M", "45A03", volume=5, maand=(2026, 3), begindatum=date(2026, 3, 2)),
        _json(toewijzing, "A", "45A03", volume=5),
    )

    assert _uitkomst([maart, april]) == [("goedgekeurd", "", ""), ("afgekeurd", afkeur, "0611")]
    assert dag in april["toelichting"]
    assert _goedgekeurd(toewijzing) == 5 * _tarief("45A03")
    assert _besteed(client, route) == "430.00"


# --- whole months (TR387, TR388) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("maand", "begindatum", "einddatum", "afkeur", "retourcode", "fragment"),
    [
        ((2026, 3), date(2026, 3, 9), date(2026, 3, 31), "DEC025", "9387", "beginnen op 02-03-2026"),
        ((2026, 4), date(2026, 4, 2), date(2026, 4, 30), "DEC025", "9387", "beginnen op 01-04-2026"),
        ((2026, 4), date(2026, 4, 1), date(2026, 4, 29), "DEC026", "9388", "eindigen op 30-04-2026"),
    ],
    ids=["maart-na-begin-toewijzing", "april-niet-vanaf-de-eerste", "april-niet-tot-de-laatste"],
)
def test_uren_gelden_per_hele_maand(client, route, maand, begindatum, einddatum, afkeur, retourcode, fragment):
    """TR387/TR388 (R-B8): an ambulant line runs from the first to the last day of its month; the
    allocation began on 2 March, so March runs from then (not from the start of care on 9
    March, iJw OP364). Part of a month is refused, nothing booked."""
    toewijzing = gestart(route)
    besteed = _besteed(client, route)

    [uitkomst] = _stuur(
        client,
        route,
        _json(toewijzing, "R1", "45A03", volume=5, maand=maand, begindatum=begindatum, einddatum=einddatum),
    )

    assert _uitkomst([uitkomst]) == [("afgekeurd", afkeur, retourcode)]
    assert fragment in uitkomst["toelichting"]
    assert _goedgekeurd(toewijzing) == Decimal("0.00") and _besteed(client, route) == besteed


def test_wonen_mag_een_deel_van_de_maand_alleen_waar_de_toewijzing_begint_of_eindigt(client, route):
    """TR387/TR388 hold for etmalen too: a Wonen allocation from 2 March to 20 April is declared
    from 2 March and up to 20 April; ending April before the allocation does is refused (9388)."""
    toewijzing = wonen(route, einddatum=date(2026, 4, 20))

    maart, te_vroeg, april = _stuur(
        client,
        route,
        _json(toewijzing, "W3", "44W05", volume=30, eenheid="etmaal", maand=(2026, 3), begindatum=date(2026, 3, 2)),
        _json(toewijzing, "W4a", "44W05", volume=19, eenheid="etmaal", einddatum=date(2026, 4, 19)),
        _json(toewijzing, "W4", "44W05", volume=20, eenheid="etmaal", einddatum=date(2026, 4, 20)),
    )

    assert _uitkomst([maart, te_vroeg, april]) == [
        ("goedgekeurd", "", ""),
        ("afgekeurd", "DEC026", "9388"),
        ("goedgekeurd", "", ""),
    ]
    assert "eindigen op 20-04-2026" in te_vroeg["toelichting"]
    assert _goedgekeurd(toewijzing) == 50 * _tarief("44W05")


def test_jw325_noemt_contract_en_hele_maand(route):
    """R-B8 through a JW323: the Prestatie for a tariff group outside the contract (0611), the one
    beginning mid-month (TR387, 9387) and the one ending early (TR388, 9388) are listed in the
    JW325; only the good Prestatie is granted and booked."""
    tw = gestart(route)
    prestaties = [
        jw323.prestatie(tw, "R1"),
        jw323.prestatie(tw, "R2", code="45A06", tarief=12800, bedrag=10 * 12800),
        jw323.prestatie(tw, "R3", maand=(2026, 3), begin=date(2026, 3, 9)),
        jw323.prestatie(tw, "R4", maand=(2026, 3), begin=date(2026, 3, 2), einde=date(2026, 3, 30)),
    ]
    ontvangst = ontvang(jw323.jw323(route, prestaties), door=route["gebruikers"]["aanbieder"])

    header, codes, _, toegekend, afgewezen = jw323._antwoord(ontvangst)
    assert (header, codes, toegekend) == (["0200"], ["0200"], 10 * jw323.CENT)
    assert afgewezen == [("R2", ["0611"]), ("R3", ["9387"]), ("R4", ["9388"])]
    assert list(Declaratieregel.objects.order_by("volgnummer").values_list("afkeur", flat=True)) == [
        "",
        "DEC023",
        "DEC025",
        "DEC026",
    ]
    assert _goedgekeurd(tw) == Decimal("860.00")


# --- crisisopvolging: the allocated product only (R-B8, TR340, R-C3) ------------------------------


def test_crisisbed_op_toewijzing_crisisopvolging_per_uur_wordt_afgewezen(client, crisis):
    """R-B8/TR340: a crisisopvolging allocation of hours (46C02) does not pay crisis-bed nights
    (46C03), which need their own request with the motivation that the bed is unavoidable (R-C3).
    Its hours are paid; the nights are rejected and nothing of them is booked."""
    toewijzing = _crisisopvolging(crisis)
    besteed = _besteed(client, crisis)

    uren, bed = _stuur(
        client,
        crisis,
        _json(toewijzing, "CO", "46C02", volume=6, **NA_MELDING),
        _json(toewijzing, "CB", "46C03", volume=5, eenheid="etmaal", **NA_MELDING),
        wie="crisisdienst",
    )

    assert _uitkomst([uren, bed]) == [("goedgekeurd", "", ""), ("afgekeurd", "DEC005", "9340")]
    assert "46C03 valt niet onder deze toewijzing crisisopvolging" in bed["toelichting"]
    assert "onvermijdelijk" in bed["toelichting"]
    assert _goedgekeurd(toewijzing) == 6 * _tarief("46C02")
    assert Decimal(_besteed(client, crisis)) == Decimal(besteed) + 6 * _tarief("46C02")


def test_levering_crisisopvolging_alleen_voor_het_toegewezen_product(crisis):
    """R-B8 in delivery registration too (one check, ``controleer_product_past``): crisis-bed
    nights cannot be registered on an allocation of crisisopvolging per hour; its hours can."""
    toewijzing = _crisisopvolging(crisis)
    door = crisis["gebruikers"]["crisisdienst"]
    with pytest.raises(DomainError, match="46C03 valt niet onder deze toewijzing crisisopvolging"):
        registreer_levering(
            toewijzing=toewijzing,
            product=Product.objects.get(code="46C03"),
            maand=date(2026, 4, 1),
            volume=5,
            door=door,
        )
    assert not toewijzing.leveringen.exists()
    levering = registreer_levering(
        toewijzing=toewijzing, product=Product.objects.get(code="46C02"), maand=date(2026, 4, 1), volume=6, door=door
    )
    assert levering.bedrag == 6 * _tarief("46C02")


# --- one etmaal a day over all etmaal products (R-B8) ---------------------------------------------


def _intensiteit_ter_plekke(route, toewijzing, code: str) -> None:
    """Contract and registration for ``code``, and the allocation's intensity changed in place, as
    happened before a change was dated and split the allocation (OP257, ``wijzig_intensiteit``):
    such allocations are in the data and must not pay a night twice."""
    contract = route["aanbieder"].contract_op(date(2026, 3, 2))
    product = Product.objects.get(code=code)
    ContractProduct.objects.create(contract=contract, product=product, begindatum=date(2022, 1, 1))
    Inschrijving.objects.create(contract=contract, product=product, begindatum=date(2022, 1, 1))
    Toewijzing.objects.filter(pk=toewijzing.pk).update(product=product)


def test_zelfde_nacht_niet_op_twee_intensiteiten_van_een_toewijzing(client, route):
    """R-B8/R-B3: April is paid at Wonen licht (44W05); after the allocation's intensity became
    middel (44W06) the same April nights declared again are refused (one etmaal a day per
    allocation over all its etmaal products, 9322; TR389/TR322 count per product), and nothing is
    booked. A credit of the licht line in the same intake releases the nights, so middel is then
    paid in their place."""
    toewijzing = wonen(route)
    [licht] = _stuur(client, route, _json(toewijzing, "L4", "44W05", volume=30, eenheid="etmaal"))
    assert licht["status"] == "goedgekeurd"
    _intensiteit_ter_plekke(route, toewijzing, "44W06")
    besteed = _besteed(client, route)

    [dubbel] = _stuur(client, route, _json(toewijzing, "M4", "44W06", volume=30, eenheid="etmaal"), nummer="API-2")

    assert _uitkomst([dubbel]) == [("afgekeurd", "DEC027", "9322")]
    assert "al 30.00 etmalen goedgekeurd (regel L4)" in dubbel["toelichting"]
    assert _goedgekeurd(toewijzing) == 30 * _tarief("44W05")
    assert _besteed(client, route) == besteed

    credit = _json(toewijzing, "C4", "44W05", volume=30, eenheid="etmaal", debet_credit="C", credit_referentie="L4")
    vervangen = _stuur(
        client, route, credit, _json(toewijzing, "M4b", "44W06", volume=30, eenheid="etmaal"), nummer="API-3"
    )

    assert _uitkomst(vervangen) == [("goedgekeurd", "", ""), ("goedgekeurd", "", "")]
    assert _goedgekeurd(toewijzing) == 30 * _tarief("44W06")


def test_etmalen_van_twee_intensiteiten_samen_hooguit_een_per_dag(client, route):
    """R-B8: a month split between two intensities of one allocation is paid up to its days
    together: 12 nights licht and then 18 nights middel in April fit; one night more does not."""
    toewijzing = wonen(route)
    _stuur(client, route, _json(toewijzing, "L4", "44W05", volume=12, eenheid="etmaal"))
    _intensiteit_ter_plekke(route, toewijzing, "44W06")

    te_veel = _stuur(client, route, _json(toewijzing, "M4", "44W06", volume=19, eenheid="etmaal"), nummer="API-2")
    past = _stuur(client, route, _json(toewijzing, "M4b", "44W06", volume=18, eenheid="etmaal"), nummer="API-3")

    assert _uitkomst(te_veel + past) == [("afgekeurd", "DEC027", "9322"), ("goedgekeurd", "", "")]
    assert _goedgekeurd(toewijzing) == 12 * _tarief("44W05") + 18 * _tarief("44W06")


def test_de_controles_lezen_per_declaratie_niet_per_regel(route):
    """Benchmark W2: contract, registration and etmaal periods are loaded with the context, a
    few queries per declaration: four lines cost as many queries as one."""
    wonen_tw, uren_tw = wonen(route), gestart(route)

    def nacht(referentie, code="44W05", **extra):
        return regel(
            wonen_tw, referentie, product=code, eenheid="etmaal", uren="20", bedrag=20 * _tarief(code), **extra
        )

    maart = {"maand": (2026, 3), "begindatum": date(2026, 3, 2)}
    declareer(route, [nacht("N3", **maart), regel(uren_tw, "U3", **maart)], nummer="Q-0")  # the ledgers exist
    een = [nacht("N4")]
    vier = [
        nacht("N4b", code="44W06"),
        regel(uren_tw, "U4"),
        regel(uren_tw, "U4b", product="45A02", bedrag=10 * _tarief("45A02")),
        regel(uren_tw, "U4c", product="45A06", bedrag=10 * _tarief("45A06")),
    ]

    with CaptureQueriesContext(connection) as voor_een:
        declareer(route, een, nummer="Q-1")
    with CaptureQueriesContext(connection) as voor_vier:
        declaratie = declareer(route, vier, nummer="Q-2")

    assert [r.afkeur for r in declaratie.regels.order_by("volgnummer")] == ["DEC005", "", "DEC024", "DEC023"]
    assert len(voor_vier) == len(voor_een)
