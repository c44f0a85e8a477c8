"""Every product kind is declared and paid by its own unit and tariff (issue 4 §4): tariff-group
and dagverblijf hours and dyslexia under a keuzebudget (R-B1), Wonen/Verblijf nights with
pleegzorg as an expense allowance (R-B3), crisisopvolging per hour and the crisis bed per night
(R-B4), the task-based crisis function never per line; and lines carry totals per period (R-B6)."""

from datetime import date
from decimal import Decimal

from jeugdregie.budgetten.models import Budgetstand
from jeugdregie.catalogus.models import Product
from jeugdregie.organisaties.models import ContractProduct, Inschrijving
from jeugdregie.toewijzingen.services import start_zorg

from .builders.declaraties import NA_MELDING, _afkeur, _crisisopvolging, _tarief, declareer, regel
from .builders.route import gestart
from .builders.wonen import wonen


def test_dagverblijf_en_dyslexie_per_uur_onder_keuzebudget(route):
    """R-B1: dagverblijf per hour by its intensity, dyslexia diagnosis and treatment per hour
    (each contracted, R-T2/R-B8)."""
    contract = route["aanbieder"].contract_op(date(2026, 3, 2))
    for code in ("41D02", "45L01", "45L02"):
        ContractProduct.objects.create(
            contract=contract, product=Product.objects.get(code=code), begindatum=date(2022, 1, 1)
        )
    toewijzing = gestart(route)
    regels = [
        regel(toewijzing, "DV", product="41D02", uren="12", bedrag=12 * _tarief("41D02")),
        regel(toewijzing, "DD", product="45L01", uren="3", bedrag=3 * _tarief("45L01")),
        regel(toewijzing, "DB", product="45L02", uren="4", bedrag=4 * _tarief("45L02")),
    ]
    declaratie = declareer(route, regels)
    assert _afkeur(declaratie) == [("goedgekeurd", "", "")] * 3
    assert declaratie.goedgekeurd_bedrag == Decimal("12") * Decimal("19.00") + 3 * Decimal("95.00") + 4 * Decimal(
        "80.00"
    )


def test_pleegzorg_als_onkostenvergoeding_per_etmaal(route):
    """R-B3: pleegzorg is an expense allowance per etmaal at the pleegzorg tariff; R-B7: the Wonen
    allocation commits tariff × etmalen of its period from the decision on. R-B8: contracted and
    registered on the intensity."""
    contract = route["aanbieder"].contract_op(date(2026, 3, 2))
    pleegzorg = Product.objects.get(code="44W01")
    ContractProduct.objects.create(contract=contract, product=pleegzorg, begindatum=date(2022, 1, 1))
    Inschrijving.objects.create(contract=contract, product=pleegzorg, begindatum=date(2022, 1, 1))
    toewijzing = wonen(route, product="44W01")
    start_zorg(verwijzing=toewijzing.verwijzing, startdatum=date(2026, 3, 2), door=route["gebruikers"]["aanbieder"])
    declaratie = declareer(
        route, [regel(toewijzing, "P1", product="44W01", eenheid="etmaal", uren="30", bedrag=30 * _tarief("44W01"))]
    )
    assert _afkeur(declaratie) == [("goedgekeurd", "", "")]
    assert declaratie.goedgekeurd_bedrag == Decimal("1140.00")  # 30 × € 38 (illustrative)
    stand = Budgetstand.objects.get(toewijzing=toewijzing)
    etmalen = (toewijzing.einddatum - toewijzing.begindatum).days + 1
    assert (stand.vastgelegd, stand.goedgekeurd) == (etmalen * _tarief("44W01"), Decimal("1140.00"))


def test_crisisopvolging_per_uur_en_crisisbed_per_etmaal(crisis):
    """R-B4: crisisopvolging is paid as ambulant care (hours) or as Verblijf (crisis bed, nights);
    each on the allocation of that product (R-B8, TR340); the task-based crisis function itself is
    never declared per line (it is split by R-B4)."""
    per_uur = _crisisopvolging(crisis)
    bed = _crisisopvolging(crisis, product="46C03", bed_onvermijdelijk="Thuis niet veilig.")
    regels = [
        regel(per_uur, "CO", product="46C02", uren="6", bedrag=6 * _tarief("46C02"), **NA_MELDING),
        regel(bed, "CB", product="46C03", eenheid="etmaal", uren="5", bedrag=5 * _tarief("46C03"), **NA_MELDING),
        regel(per_uur, "CF", product="46C01", eenheid="taakgericht", uren="1", bedrag=Decimal("100.00"), **NA_MELDING),
    ]
    declaratie = declareer(crisis, regels, door="crisisdienst")
    uitkomst = _afkeur(declaratie)
    assert uitkomst[:2] == [("goedgekeurd", "", "")] * 2
    assert uitkomst[2][:2] == ("afgekeurd", "DEC005")
    assert declaratie.goedgekeurd_bedrag == 6 * Decimal("110.00") + 5 * Decimal("420.00")


def test_totalen_per_periode_geen_tijdschrijven(route):
    """R-B6: a line carries the total of one tariff group for a period (here the whole month in one
    line); a second line for part of the same period and tariff group is refused (TR387: a line
    covers the whole month), so providers never declare per day or per contact."""
    toewijzing = gestart(route)
    maand = regel(toewijzing, "M1", uren="22.5", bedrag=Decimal("22.5") * _tarief("45A03"))
    dag = regel(
        toewijzing,
        "D1",
        begindatum=date(2026, 4, 14),
        einddatum=date(2026, 4, 14),
        uren="1.5",
        bedrag=Decimal("1.5") * _tarief("45A03"),
    )
    declaratie = declareer(route, [maand, dag])
    assert _afkeur(declaratie) == [("goedgekeurd", "", ""), ("afgekeurd", "DEC025", "9387")]
