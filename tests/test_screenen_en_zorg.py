"""Screening and acceptance (SPEC §5) and start/stop of care (SPEC §7)."""

from datetime import date

import pytest

from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.organisaties.models import Inschrijving
from jeugdregie.toewijzingen.constants import ScreeningUitkomst
from jeugdregie.toewijzingen.models import Contractsignaal, Screening, Toewijzing, Weigeringsopvolging
from jeugdregie.toewijzingen.services import sluit_opvolging, start_zorg, stop_zorg
from jeugdregie.verwijzingen.models import Melding, Verwijzing
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze

from .builders.route import DATUM, gestart, screen, verwijs


def test_acceptatie_maakt_toewijzing(route):
    """R-S1: screening precedes the definitive registration; acceptance creates the allocation."""
    verwijzing = verwijs(route)
    screen(route, verwijzing)
    toewijzing = Toewijzing.objects.get(verwijzing=verwijzing)
    assert (toewijzing.status, toewijzing.soort, toewijzing.aanbieder) == (
        "toegewezen",
        "keuzebudget",
        route["aanbieder"],
    )
    assert (toewijzing.begindatum, toewijzing.einddatum) == (
        verwijzing.keuzebudget.begindatum,
        verwijzing.keuzebudget.einddatum,
    )
    assert Verwijzing.objects.get().status == "geaccepteerd"


def test_alleen_de_gekozen_aanbieder_screent(route):
    verwijzing = verwijs(route)
    with pytest.raises(DomainError, match="Alleen de aanbieder van deze verwijzing"):
        screen(route, verwijzing, door="andere_aanbieder")
    assert not Screening.objects.exists()


def test_weigerredenen_zijn_alleen_de_toegestane(route):
    """R-S2: no reason exists for age, sex, origin, orientation, income, religion or health."""
    assert set(ScreeningUitkomst.values) == {"geaccepteerd", "te_zwaar", "te_licht", "zwaarwegend", "andere_aanbieder"}
    verwijzing = verwijs(route)
    with pytest.raises(DomainError) as fout:
        screen(route, verwijzing, uitkomst="leeftijd")
    assert fout.value.code == "TW012"
    with pytest.raises(DomainError, match="Licht de zwaarwegende reden toe"):
        screen(route, verwijzing, uitkomst="zwaarwegend")
    assert not Screening.objects.exists() and Verwijzing.objects.get().status == "te_screenen"


def test_weigering_opent_opvolging_en_meldt_verwijzer(route):
    """R-S3: on refusal the case stays open for the toegang and the initial referrer is told."""
    verwijzing = verwijs(route, door="huisarts", budget=BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=2))
    screen(route, verwijzing, uitkomst="te_zwaar")
    opvolging = Weigeringsopvolging.objects.get()
    assert opvolging.open and opvolging.gemeente == route["zwolle"]
    assert Melding.objects.get().aan_verwijzer == route["huisarts"]
    assert not Toewijzing.objects.exists()
    with pytest.raises(DomainError, match="andere gemeente"):
        sluit_opvolging(opvolging=opvolging, afsluiting="x", door=route["gebruikers"]["toegang_andere_gemeente"])
    sluit_opvolging(opvolging=opvolging, afsluiting="Nieuwe aanbieder gevonden.", door=route["gebruikers"]["toegang"])
    assert not Weigeringsopvolging.objects.get().open


def test_weigering_ondanks_inschrijving_geeft_contractsignaal(route):
    """R-S4: registered on the function group → refusal is a contract signal."""
    tg3, tg2 = Product.objects.get(code="45A03"), Product.objects.get(code="45A02")
    ingeschreven = verwijs(route, product_indicatie=tg3)
    screen(route, ingeschreven, uitkomst="te_licht")
    signaal = Contractsignaal.objects.get()
    assert (signaal.aanbieder, signaal.product) == (route["aanbieder"], tg3)
    niet_ingeschreven = verwijs(route, product_indicatie=tg2, datum=date(2026, 4, 1))
    screen(route, niet_ingeschreven, uitkomst="te_licht", op=date(2026, 4, 1))
    keuze = verwijs(route, product_indicatie=tg3, datum=date(2026, 5, 1))
    screen(route, keuze, uitkomst="andere_aanbieder", op=date(2026, 5, 1))  # the young person's choice
    assert Contractsignaal.objects.count() == 1


def test_weigering_van_keuzebudgetverwijzing_zonder_tariefgroep_geeft_contractsignaal(route):
    """R-S4 for every referral: a keuzebudget referral without an indicated tariff group is
    delivered through the function groups, so a provider registered on one of them that refuses
    it raises the contract signal (with the function group it is registered on); a provider
    registered on none does not, nor the young person's own choice of another provider."""
    verwijzing = verwijs(route)
    assert verwijzing.product_indicatie is None
    screen(route, verwijzing, uitkomst="te_zwaar")
    signaal = Contractsignaal.objects.get()
    assert (signaal.aanbieder, signaal.product.code, signaal.datum) == (route["aanbieder"], "45A03", DATUM)
    assert Screening.objects.get(verwijzing=verwijzing).contractsignaal

    niet_ingeschreven = verwijs(route, aanbieder="andere_aanbieder", datum=date(2026, 4, 1))
    screen(route, niet_ingeschreven, uitkomst="te_zwaar", door="andere_aanbieder", op=date(2026, 4, 1))
    keuze = verwijs(route, datum=date(2026, 5, 1))
    screen(route, keuze, uitkomst="andere_aanbieder", op=date(2026, 5, 1))
    assert Contractsignaal.objects.count() == 1
    assert not Screening.objects.get(verwijzing=keuze).contractsignaal


def test_duurzaam_keuzebudget_verplicht_alleen_op_functiegroepen_die_het_mag_inzetten(route):
    """R-S4 with R-B2: a duurzaam keuzebudget may not use the catalogue's excluded function groups
    (TG5 among them), so a registration on TG5 alone obliges the provider to accept a herstel
    referral, not a duurzaam one."""
    contract = route["andere_aanbieder"].contracten.get()
    Inschrijving.objects.create(contract=contract, product=Product.objects.get(code="45A05"), begindatum=DATUM)
    duurzaam = BudgetKeuze(soort=KeuzebudgetSoort.DUURZAAM, niveau=2)
    verwijzing = verwijs(route, aanbieder="andere_aanbieder", budget=duurzaam)
    screen(route, verwijzing, uitkomst="te_licht", door="andere_aanbieder")
    assert not Contractsignaal.objects.exists()
    herstel = verwijs(route, aanbieder="andere_aanbieder", datum=date(2026, 4, 1))
    screen(route, herstel, uitkomst="te_licht", door="andere_aanbieder", op=date(2026, 4, 1))
    assert Contractsignaal.objects.get().product.code == "45A05"


def test_duurzaam_keuzebudget_verplicht_op_tariefgroep_7(route):
    """R-T9 with R-S4 (001 §4.2.1 "duurzaam 1: medicatiecontrole"): tariff group 7 may be used by a
    duurzaam keuzebudget, so a registration on TG7 alone obliges the provider to accept a duurzaam
    referral: refusing it raises the contract signal for 45A07."""
    contract = route["andere_aanbieder"].contracten.get()
    Inschrijving.objects.create(contract=contract, product=Product.objects.get(code="45A07"), begindatum=DATUM)
    duurzaam = BudgetKeuze(soort=KeuzebudgetSoort.DUURZAAM, niveau=1)
    verwijzing = verwijs(route, aanbieder="andere_aanbieder", budget=duurzaam)
    screen(route, verwijzing, uitkomst="te_licht", door="andere_aanbieder")
    assert Contractsignaal.objects.get().product.code == "45A07"


def test_start_zonder_acceptatie_wordt_geweigerd(route):
    """R-H1, issue 3 bad input: a start of care without acceptance."""
    verwijzing = verwijs(route)
    with pytest.raises(DomainError) as fout:
        start_zorg(verwijzing=verwijzing, startdatum=DATUM, door=route["gebruikers"]["aanbieder"])
    assert fout.value.code == "TW015"
    assert not Toewijzing.objects.exists()


def test_start_binnen_toewijzing(route):
    """R-H1: start date recorded, inside the allocation period; only once."""
    verwijzing = verwijs(route)
    screen(route, verwijzing)
    with pytest.raises(DomainError, match="binnen de toewijzing"):
        start_zorg(verwijzing=verwijzing, startdatum=date(2026, 3, 1), door=route["gebruikers"]["aanbieder"])
    toewijzing = start_zorg(verwijzing=verwijzing, startdatum=DATUM, door=route["gebruikers"]["aanbieder"])
    assert (toewijzing.status, toewijzing.startdatum_zorg) == ("gestart", DATUM)
    with pytest.raises(DomainError) as fout:
        start_zorg(verwijzing=verwijzing, startdatum=DATUM, door=route["gebruikers"]["aanbieder"])
    assert fout.value.code == "TW010"


def test_stop_voor_start_wordt_geweigerd(route):
    """Issue 3 bad input: a stop before the start."""
    toewijzing = gestart(route)
    with pytest.raises(DomainError, match="ligt voor de start"):
        stop_zorg(
            toewijzing=toewijzing,
            stopdatum=date(2026, 3, 8),
            reden="31",
            resultaatscore="behaald",
            overleg_met_verwijzer=True,
            door=route["gebruikers"]["aanbieder"],
        )
    assert Toewijzing.objects.get().status == "gestart"


def test_stop_vraagt_resultaatscore(route):
    """R-H5: whether the results were achieved, on a fixed scale."""
    toewijzing = gestart(route)
    with pytest.raises(DomainError, match="behaald"):
        stop_zorg(
            toewijzing=toewijzing,
            stopdatum=date(2026, 9, 1),
            reden="31",
            resultaatscore="",
            overleg_met_verwijzer=True,
            door=route["gebruikers"]["aanbieder"],
        )
    gestopt = stop_zorg(
        toewijzing=toewijzing,
        stopdatum=date(2026, 9, 1),
        reden="31",
        resultaatscore="deels_behaald",
        overleg_met_verwijzer=True,
        door=route["gebruikers"]["aanbieder"],
    )
    assert (gestopt.status, gestopt.reden_beeindiging, gestopt.resultaatscore) == ("gestopt", "31", "deels_behaald")
    assert Melding.objects.filter(aan_gemeente=route["zwolle"]).exists()


def test_stop_overleg_met_verwijzer(route):
    """R-H3: the referrer is involved in the intention to end; for a non-toegang referrer
    reporting afterwards suffices only with agreement and reason 'volgens plan'."""
    toewijzing = gestart(route)  # toegang referral
    with pytest.raises(DomainError, match="Overleg eerst met de verwijzer"):
        stop_zorg(
            toewijzing=toewijzing,
            stopdatum=date(2026, 9, 1),
            reden="31",
            resultaatscore="behaald",
            in_overeenstemming=True,
            door=route["gebruikers"]["aanbieder"],
        )
    huisarts = gestart(
        route,
        door="huisarts",
        aanbieder="aanbieder",
        datum=date(2026, 3, 3),
        jeugdige=route["jeugdige_deventer"],
        budget=BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=2),
    )
    with pytest.raises(DomainError, match="Overleg eerst met de verwijzer"):
        stop_zorg(
            toewijzing=huisarts,
            stopdatum=date(2026, 9, 1),
            reden="33",
            resultaatscore="niet_behaald",
            in_overeenstemming=True,
            overleg_met_toegang=True,
            door=route["gebruikers"]["aanbieder"],
        )
    stop_zorg(
        toewijzing=huisarts,
        stopdatum=date(2026, 9, 1),
        reden="31",
        resultaatscore="behaald",
        in_overeenstemming=True,
        door=route["gebruikers"]["aanbieder"],
    )


def test_tussentijds_stoppen_alleen_na_overleg_toegang(route):
    """R-H4: stopping mid-trajectory only after consultation with the toegang; a transfer only
    once the next provider has started."""
    toewijzing = gestart(route)
    for reden in ("32", "33", "34"):
        with pytest.raises(DomainError, match="na overleg met de toegang"):
            stop_zorg(
                toewijzing=toewijzing,
                stopdatum=date(2026, 5, 1),
                reden=reden,
                resultaatscore="niet_behaald",
                overleg_met_verwijzer=True,
                door=route["gebruikers"]["aanbieder"],
            )
    with pytest.raises(DomainError, match="tot de nieuwe aanbieder is gestart"):
        stop_zorg(
            toewijzing=toewijzing,
            stopdatum=date(2026, 5, 1),
            reden="38",
            resultaatscore="niet_behaald",
            overleg_met_verwijzer=True,
            door=route["gebruikers"]["aanbieder"],
        )
    assert Toewijzing.objects.get().status == "gestart"
