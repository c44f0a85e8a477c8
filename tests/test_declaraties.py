"""Declarations validated line by line against allocations and budgets (SPEC §8, R-B1…R-B5,
R-V2). One service for every intake route; each rejection has a stable code."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from jeugdregie.budgetten.models import Budgetstand
from jeugdregie.budgetten.querysets import overzicht
from jeugdregie.budgetten.services.grootboek import geef_verlopen_vrij, open_grootboek
from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.declaraties.models import Declaratie, Declaratieregel
from jeugdregie.declaraties.services.intake import verwerk_declaratie
from jeugdregie.organisaties.models import ContractProduct, Inschrijving
from jeugdregie.toewijzingen.services import start_zorg, stop_zorg
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze

from .builders.declaraties import INGEDIEND, TARIEF_TG3, _afkeur, declareer, regel
from .builders.route import gestart
from .builders.wonen import wonen


def test_uren_maal_tarief_goedgekeurd_en_budget_bijgewerkt(route):
    """R-B1: hours × the tariff of the tariff group; R-B5: the ledger shows the approved amount."""
    toewijzing = gestart(route)
    declaratie = declareer(route, [regel(toewijzing)])
    assert _afkeur(declaratie) == [("goedgekeurd", "", "")]
    assert declaratie.goedgekeurd_bedrag == Decimal("860.00")
    stand = Budgetstand.objects.get(toewijzing=toewijzing)
    assert (stand.vastgelegd, stand.goedgekeurd) == (Decimal("3000.00"), Decimal("860.00"))


def test_deels_geldige_declaratie(route):
    """R-B2: the valid lines are approved, the invalid ones rejected."""
    toewijzing = gestart(route)
    declaratie = declareer(route, [regel(toewijzing, "R1"), regel(toewijzing, "R2", maand=(2026, 3), uren="-2")])
    assert _afkeur(declaratie) == [("goedgekeurd", "", ""), ("afgekeurd", "DEC013", "")]
    assert declaratie.goedgekeurd_bedrag == Decimal("860.00")


@pytest.mark.parametrize(
    ("wijziging", "code", "retourcode"),
    [
        ({"toewijzing": 999999}, "DEC001", "9338"),
        ({"bsn": "123456782"}, "DEC002", "9338"),
        ({"product": "99X99"}, "DEC004", ""),
        ({"product": "44W05", "eenheid": "etmaal"}, "DEC005", "9340"),
        ({"eenheid": "etmaal"}, "DEC006", "9341"),
        ({"maand": (2026, 2)}, "DEC008", "9307"),
        ({"einddatum": date(2026, 5, 3)}, "DEC010", "9387"),
        ({"maand": (2026, 5)}, "DEC011", ""),
        ({"uren": "-3"}, "DEC013", ""),
        ({"bedrag": Decimal("861.00")}, "DEC015", "9346"),
        ({"uren": "40", "bedrag": Decimal("3440.00")}, "DEC016", "9369"),
    ],
)
def test_afkeurcodes(route, wijziging, code, retourcode):
    """R-B2: each rejection carries a stable code (and the iJw retourcode where one exists);
    nothing is approved and the budget does not move."""
    toewijzing = gestart(route)
    velden = {k: wijziging.pop(k) for k in ("uren", "maand") if k in wijziging}
    declaratie = declareer(route, [regel(toewijzing, **velden, **wijziging)])
    [uitkomst] = declaratie.regels.all()
    assert (uitkomst.status, uitkomst.afkeur, uitkomst.retourcode) == ("afgekeurd", code, retourcode)
    assert uitkomst.toelichting
    assert Budgetstand.objects.filter(toewijzing=toewijzing, goedgekeurd__gt=0).count() == 0


def test_toewijzing_van_andere_aanbieder(route):
    """R-B2/TR338: a line for another provider's client is rejected."""
    toewijzing = gestart(route)
    declaratie = declareer(route, [regel(toewijzing)], door="andere_aanbieder")
    assert _afkeur(declaratie) == [("afgekeurd", "DEC001", "9338")]


def test_toewijzing_van_andere_gemeente(route):
    """R-B2: the allocation must belong to the municipality declared to."""
    toewijzing = gestart(route)
    assert _afkeur(declareer(route, [regel(toewijzing)], gemeente="deventer")) == [("afgekeurd", "DEC003", "9338")]


def test_duurzaam_beperkt_tariefgroepen(route):
    """R-B2: duurzaam restricts which function groups may be used (catalog setting: TG5, TG6, 41D04)."""
    toewijzing = gestart(route, budget=BudgetKeuze(soort=KeuzebudgetSoort.DUURZAAM, niveau=6))
    tarief = Product.objects.get(code="45A05").tarief_op(date(2026, 4, 1)).bedrag
    declaratie = declareer(route, [regel(toewijzing, product="45A05", bedrag=10 * tarief)])
    assert _afkeur(declaratie) == [("afgekeurd", "DEC007", "")]
    assert _afkeur(declareer(route, [regel(toewijzing, "R2")], nummer="D-2")) == [("goedgekeurd", "", "")]


def test_duurzaam_mag_tariefgroep_7_medicatiecontrole(route):
    """R-T9 with R-B2 (001 §4.2.1 "duurzaam 1: medicatiecontrole"): a duurzaam keuzebudget may pay
    tariff group 7 (AMS), the professional of a medication check."""
    contract = route["gebruikers"]["aanbieder"].aanbieder.contracten.get()
    tg7 = Product.objects.get(code="45A07")
    ContractProduct.objects.create(contract=contract, product=tg7, begindatum=date(2022, 1, 1))
    Inschrijving.objects.create(contract=contract, product=tg7, begindatum=date(2026, 1, 1))
    toewijzing = gestart(route, budget=BudgetKeuze(soort=KeuzebudgetSoort.DUURZAAM, niveau=1))
    tarief = Product.objects.get(code="45A07").tarief_op(date(2026, 4, 1)).bedrag
    declaratie = declareer(route, [regel(toewijzing, product="45A07", uren="1", bedrag=tarief)])
    assert _afkeur(declaratie) == [("goedgekeurd", "", "")]
    assert Budgetstand.objects.get(toewijzing=toewijzing).goedgekeurd == tarief


def test_geen_dubbele_referentie_of_periode(route):
    """R-B2: no line duplicates or overlaps an earlier one (TR314, TR389)."""
    toewijzing = gestart(route)
    declareer(route, [regel(toewijzing, "R1")])
    tweede = declareer(route, [regel(toewijzing, "R1"), regel(toewijzing, "R2")], nummer="D-2")
    assert _afkeur(tweede) == [("afgekeurd", "DEC018", "8021"), ("afgekeurd", "DEC021", "9389")]
    assert Budgetstand.objects.get(toewijzing=toewijzing).goedgekeurd == Decimal("860.00")


def test_credit_neemt_debet_terug(route):
    """R-B2: a credit refers to an earlier approved debit, once (TR323, TR390); the budget returns."""
    toewijzing = gestart(route)
    declareer(route, [regel(toewijzing, "R1")])
    zonder = declareer(route, [regel(toewijzing, "C0", debet_credit="C", credit_referentie="ONBEKEND")], nummer="D-2")
    assert _afkeur(zonder) == [("afgekeurd", "DEC019", "8017")]
    credit = declareer(route, [regel(toewijzing, "C1", debet_credit="C", credit_referentie="R1")], nummer="D-3")
    assert _afkeur(credit) == [("goedgekeurd", "", "")]
    assert Budgetstand.objects.get(toewijzing=toewijzing).goedgekeurd == Decimal("0.00")
    nogmaals = declareer(route, [regel(toewijzing, "C2", debet_credit="C", credit_referentie="R1")], nummer="D-4")
    assert _afkeur(nogmaals) == [("afgekeurd", "DEC020", "9390")]
    correctie = declareer(route, [regel(toewijzing, "R1b", uren="8")], nummer="D-5")
    assert _afkeur(correctie) == [("goedgekeurd", "", "")]


def test_herhaalde_inzending_zelfde_uitkomst(route):
    """R-B5: the same declaration again gives the same outcome and approves nothing twice."""
    toewijzing = gestart(route)
    eerste = declareer(route, [regel(toewijzing)])
    tweede = declareer(route, [regel(toewijzing)])
    assert tweede.pk == eerste.pk
    assert Declaratieregel.objects.count() == 1
    assert Budgetstand.objects.get(toewijzing=toewijzing).goedgekeurd == Decimal("860.00")
    with pytest.raises(DomainError, match="andere regels"):
        declareer(route, [regel(toewijzing, uren="9", bedrag=9 * TARIEF_TG3)])
    assert Declaratie.objects.count() == 1


def test_alleen_de_aanbieder_declareert(route):
    toewijzing = gestart(route)
    with pytest.raises(DomainError, match="aanbieder zelf"):
        verwerk_declaratie(
            aanbieder=route["aanbieder"],
            gemeente=route["zwolle"],
            nummer="D-1",
            regels=[regel(toewijzing)],
            door=route["gebruikers"]["toegang"],
            ingediend_op=INGEDIEND,
        )
    assert not Declaratie.objects.exists()


def test_wonen_per_etmaal(route):
    """R-B3: Wonen-Verblijf per etmaal at its intensity tariff; nights ≤ days of the period (TR321)."""
    toewijzing = wonen(route)
    start_zorg(verwijzing=toewijzing.verwijzing, startdatum=date(2026, 3, 2), door=route["gebruikers"]["aanbieder"])
    tarief = toewijzing.product.tarief_op(date(2026, 4, 1)).bedrag
    goed = regel(toewijzing, "W1", product="44W05", eenheid="etmaal", uren="30", bedrag=30 * tarief)
    te_veel = regel(
        toewijzing,
        "W2",
        begindatum=date(2026, 3, 2),
        einddatum=date(2026, 3, 31),
        product="44W05",
        eenheid="etmaal",
        uren="31",
        bedrag=31 * tarief,
    )
    behandeling = regel(toewijzing, "W3", begindatum=date(2026, 3, 2), einddatum=date(2026, 3, 31))
    declaratie = declareer(route, [goed, te_veel, behandeling])
    assert _afkeur(declaratie) == [
        ("goedgekeurd", "", ""),
        ("afgekeurd", "DEC017", "9321"),
        ("afgekeurd", "DEC005", "9340"),
    ]


def test_tijdigheid(route):
    """R-V2: days between the end of the period and the declaration are kept per declaration."""
    toewijzing = gestart(route)
    assert declareer(route, [regel(toewijzing)]).dagen_na_periode == 6  # April 30 → May 6


def test_restant_valt_vrij_bij_einde(route, klok):
    """R-B5/R-B7: unspent budget is released to the municipality when the allocation has ended and
    the region's declaration window (91 days) has closed; never twice."""
    toewijzing = gestart(route)
    declareer(route, [regel(toewijzing)])
    assert geef_verlopen_vrij(op=date(2026, 5, 6)).bedrag == Decimal("0")  # still running
    klok(date(2026, 5, 6))  # the stop is reported on 6 May: the window counts from then (R-B7)
    stop_zorg(
        toewijzing=toewijzing,
        stopdatum=date(2026, 4, 30),
        reden="31",
        resultaatscore="behaald",
        overleg_met_verwijzer=True,
        door=route["gebruikers"]["aanbieder"],
    )
    toewijzing.refresh_from_db()
    assert geef_verlopen_vrij(op=date(2026, 8, 5)).bedrag == Decimal("0")  # reported 06-05 + 91 days: window open
    assert geef_verlopen_vrij(op=date(2026, 8, 6)).bedrag == Decimal("2140.00")
    assert geef_verlopen_vrij(op=date(2026, 8, 7)).bedrag == Decimal("0")
    assert overzicht(route["zwolle"].pk, op=date(2026, 8, 7)) == {
        "vastgelegd": Decimal("3000.00"),
        "besteed": Decimal("860.00"),
        "vrijgevallen": Decimal("2140.00"),
    }


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_gelijktijdige_declaraties_overschrijden_budget_niet(route):
    """R-B5: two intakes for the same allocation at once never exceed the keuzebudget
    (PostgreSQL, two connections): 2 × 20 hours × € 86 = € 3,440 > € 3,000, so exactly one fits."""
    toewijzing = gestart(route)
    uitkomsten, start = [], threading.Barrier(2)

    def dien_in(nummer, referentie, maand):
        try:
            start.wait()
            declaratie = declareer(route, [regel(toewijzing, referentie, uren="20", maand=maand)], nummer=nummer)
            uitkomsten.extend(r.status for r in declaratie.regels.all())
        finally:
            connection.close()

    threads = [
        threading.Thread(target=dien_in, args=("D-A", "RA", (2026, 3))),
        threading.Thread(target=dien_in, args=("D-B", "RB", (2026, 4))),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(uitkomsten) == ["afgekeurd", "goedgekeurd"]
    stand = Budgetstand.objects.get(toewijzing=toewijzing)
    assert stand.goedgekeurd == Decimal("1720.00") <= stand.vastgelegd


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("met_stand", [True, False], ids=["grootboek-bestaat", "grootboek-nieuw"])
def test_gelijktijdige_declaraties_van_dezelfde_maand_een_keer_goedgekeurd(route, met_stand):
    """TR389 and R-B5 under concurrency: two intakes for the same allocation and month at once,
    with different references. They run one after the other on the allocation's ledger (locked,
    or opened once by whichever comes first), so the second sees the first's line and rejects
    its own as a double debit (PostgreSQL, two connections)."""
    toewijzing = gestart(route)
    Budgetstand.objects.filter(toewijzing=toewijzing).delete()
    if met_stand:
        open_grootboek(toewijzing_id=toewijzing.pk, bedrag=Decimal("3000.00"), op=date(2026, 4, 1))
    geopend = toewijzing.budgetmutaties.filter(soort="vastgelegd").count()
    uitkomsten, start = [], threading.Barrier(2)

    def dien_in(nummer, referentie):
        try:
            start.wait()
            declaratie = declareer(route, [regel(toewijzing, referentie)], nummer=nummer)
            uitkomsten.extend((r.status, r.afkeur) for r in declaratie.regels.all())
        finally:
            connection.close()

    threads = [threading.Thread(target=dien_in, args=(f"D-{x}", f"R{x}")) for x in "AB"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(uitkomsten) == [("afgekeurd", "DEC021"), ("goedgekeurd", "")]
    assert Budgetstand.objects.get(toewijzing=toewijzing).goedgekeurd == Decimal("860.00")
    assert toewijzing.budgetmutaties.filter(soort="vastgelegd").count() == geopend + (0 if met_stand else 1)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_gelijktijdige_herhaling_keurt_niets_dubbel_goed(route):
    """R-B5: the same file submitted twice at the same moment: one outcome, approved once."""
    toewijzing = gestart(route)
    ids, start = [], threading.Barrier(2)

    def dien_in():
        try:
            start.wait()
            ids.append(declareer(route, [regel(toewijzing)]).pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=dien_in) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(ids)) == 1 and Declaratieregel.objects.count() == 1
    assert Budgetstand.objects.get(toewijzing=toewijzing).goedgekeurd == Decimal("860.00")


def test_prognose_telt_goedgekeurde_declaraties(route):
    """R-A3 with R-B5: once an allocation has declaration lines, the forecast's spend is the
    approved lines (debit minus credit); rejected lines do not count."""
    from jeugdregie.toewijzingen.prognose import prognose

    toewijzing = gestart(route)
    declareer(route, [regel(toewijzing, "R1"), regel(toewijzing, "R2", maand=(2026, 3), bedrag=Decimal("1"))])
    assert prognose(toewijzing, op=date(2026, 4, 30)).besteed == Decimal("860.00")
    declareer(
        route,
        [regel(toewijzing, "C1", debet_credit="C", credit_referentie="R1"), regel(toewijzing, "R3", uren="4")],
        nummer="D-2",
    )
    assert prognose(toewijzing, op=date(2026, 4, 30)).besteed == Decimal("344.00")
    assert prognose(toewijzing, op=date(2026, 3, 31)).besteed == Decimal("0.00")


def _aanvraag(route, regels, nummer, door="aanbieder"):
    from jeugdregie.declaraties.services.intake import Aanvraag

    return Aanvraag(
        aanbieder=route["gebruikers"]["aanbieder"].aanbieder,
        gemeente=route["zwolle"],
        nummer=nummer,
        regels=regels,
        door=route["gebruikers"][door],
        ingediend_op=INGEDIEND,
    )


def test_wachtrij_beoordeelt_elke_declaratie_op_zich(route):
    """R-B2/R-B5 in a queue (verwerk_declaraties): a later declaration sees what an earlier one of
    the same provider approved (reference, period, budget); a refused request does not stop the
    others; a replay inside the queue approves nothing twice."""
    from jeugdregie.declaraties.services.intake import verwerk_declaraties

    toewijzing = gestart(route)  # keuzebudget € 3,000
    eerste = [regel(toewijzing, "Q1", uren="20")]  # € 1,720
    tweede = [
        regel(toewijzing, "Q1", maand=(2026, 3), begindatum=date(2026, 3, 2), uren="2"),  # reference taken
        regel(toewijzing, "Q2", maand=(2026, 3), begindatum=date(2026, 3, 2), uren="20"),  # € 1,720: too much
        regel(toewijzing, "Q3", maand=(2026, 3), begindatum=date(2026, 3, 2), uren="5"),  # € 430: fits
    ]
    uitkomsten = verwerk_declaraties(
        [
            _aanvraag(route, eerste, "W-1"),
            _aanvraag(route, eerste, "W-X", door="toegang"),
            _aanvraag(route, tweede, "W-2"),
            _aanvraag(route, eerste, "W-1"),
            _aanvraag(route, tweede, "W-1"),
        ]
    )
    assert _afkeur(uitkomsten[0]) == [("goedgekeurd", "", "")]
    assert isinstance(uitkomsten[1], DomainError) and uitkomsten[1].code == "DEC101"
    assert _afkeur(uitkomsten[2]) == [
        ("afgekeurd", "DEC018", "8021"),
        ("afgekeurd", "DEC016", "9369"),
        ("goedgekeurd", "", ""),
    ]
    assert uitkomsten[3].pk == uitkomsten[0].pk and uitkomsten[3].goedgekeurd_bedrag == Decimal("1720.00")
    assert isinstance(uitkomsten[4], DomainError) and uitkomsten[4].code == "DEC100"
    assert Budgetstand.objects.get(toewijzing=toewijzing).goedgekeurd == Decimal("2150.00")
    assert Declaratie.objects.count() == 2


def test_toegekende_aanpassing_verhoogt_het_vastgelegde_budget(route):
    """R-B5 with R-A5: after the toegang grants a higher keuzebudget, the ledger's committed amount
    follows (booked as a committed mutation of the difference) and lines up to the new ceiling
    are approved; before, the old ceiling of € 3,000 held."""
    from jeugdregie.budgetten.models import Budgetmutatie

    from .builders.aanpassen import aanvraag, besluit

    toewijzing = gestart(route)
    declareer(route, [regel(toewijzing, "R1", uren="30")])  # € 2,580 of € 3,000
    te_veel = declareer(
        route, [regel(toewijzing, "R2", uren="10", maand=(2026, 3), begindatum=date(2026, 3, 2))], nummer="D-2"
    )
    assert [r.afkeur for r in te_veel.regels.all()] == ["DEC016"]
    besluit(route, aanvraag(route, toewijzing.verwijzing, "2"), "toegekend", toegekend_bedrag="4500")
    declaratie = declareer(
        route, [regel(toewijzing, "R3", uren="10", maand=(2026, 3), begindatum=date(2026, 3, 2))], nummer="D-3"
    )
    assert [r.status for r in declaratie.regels.all()] == ["goedgekeurd"]
    stand = Budgetstand.objects.get(toewijzing=toewijzing)
    assert (stand.vastgelegd, stand.goedgekeurd) == (Decimal("4500.00"), Decimal("3440.00"))
    assert list(
        Budgetmutatie.objects.filter(toewijzing=toewijzing, soort__in=("vastgelegd", "gewijzigd"))
        .order_by("id")
        .values_list("soort", "bedrag")
    ) == [("vastgelegd", Decimal("3000.00")), ("gewijzigd", Decimal("1500.00"))]


@pytest.mark.parametrize("tweede_regel", [False, True])
def test_een_regelcontrole_die_de_database_leest_stopt_de_intake_en_schrijft_niets(route, monkeypatch, tweede_regel):
    """R-B2, benchmark W2: the lines are decided from the intake's context alone (on PostgreSQL
    the lines' COPY is open meanwhile). A check that reads the database anyway stops the intake
    with a clear error, for its first line as well as after one was written, and nothing of the
    declaration stays: no declaration, no line, the ledger unmoved."""
    from jeugdregie.declaraties.services import regelcontrole

    toewijzing = gestart(route)
    echte = regelcontrole._volume
    gezien = []

    def lezend(invoer):
        gezien.append(invoer.referentie)
        if len(gezien) == (2 if tweede_regel else 1):
            Product.objects.count()
        return echte(invoer)

    monkeypatch.setattr(regelcontrole, "_volume", lezend)
    regels = [regel(toewijzing, "R1"), regel(toewijzing, "R2", maand=(2026, 3))]
    with pytest.raises(RuntimeError, match="Een regelcontrole las uit de database"):
        declareer(route, regels)
    assert gezien == (["R1", "R2"] if tweede_regel else ["R1"])
    assert not Declaratie.objects.exists()
    assert not Declaratieregel.objects.exists()
    assert Budgetstand.objects.get(toewijzing=toewijzing).goedgekeurd == Decimal("0")

    monkeypatch.setattr(regelcontrole, "_volume", echte)  # without the stray read the same intake is recorded
    declaratie = declareer(route, regels)
    opgeslagen = [(r.referentie, r.status) for r in declaratie.regels.all()]
    assert len(opgeslagen) == 2 and opgeslagen[0] == ("R1", "goedgekeurd")
