"""Referral with results and keuzebudget (SPEC §4.1–4.2)."""

from datetime import date
from decimal import Decimal

import pytest

from jeugdregie.audit.models import AuditRegel
from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.toewijzingen.models import Screening, Toewijzing
from jeugdregie.toewijzingen.services import screen_verwijzing
from jeugdregie.verwijzingen.models import Gebeurtenis, Keuzebudget, Verwijzing
from jeugdregie.verwijzingen.services import registreer_verwijzing
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze

from .builders.route import DATUM, HERSTEL_3, gestart, verwijs
from .factories import JeugdigeFactory
from .klok import op_de_dag


def _niets_opgeslagen():
    assert not Verwijzing.objects.exists() and not Keuzebudget.objects.exists()
    assert not Gebeurtenis.objects.exists()


def test_verwijzing_heeft_resultaten_en_keuzebudget(route):
    """R-T1/R-T4: results + a standard keuzebudget with amount and period from the catalog."""
    verwijzing = verwijs(route)
    budget = verwijzing.keuzebudget
    assert [r.omschrijving for r in verwijzing.resultaten.all()] == ["Zara gaat weer vijf dagen per week naar school."]
    assert (budget.soort, budget.niveau, budget.is_offerte, budget.bedrag) == ("herstel", 3, False, Decimal("3000.00"))
    assert (budget.begindatum, budget.einddatum) == (date(2026, 3, 2), date(2027, 3, 1))
    assert verwijzing.gemeente == route["zwolle"] and verwijzing.verwijzer_type == "01"
    assert AuditRegel.objects.filter(actie="aanmaken", objecttype="verwijzingen.Verwijzing").count() == 1
    assert Gebeurtenis.objects.get().gebeurtenis == "verwijzing_geregistreerd"


def test_verwijzing_zonder_resultaat_wordt_geweigerd(route):
    """R-T1: a referral always has at least one result."""
    with pytest.raises(DomainError) as fout:
        verwijs(route, resultaten=["  "])
    assert fout.value.code == "TW007"
    _niets_opgeslagen()


def test_duurzaam_is_een_bedrag_per_jaar(route):
    """R-T4 with R-T9: the kind sets the period from the catalog; duurzaam is an amount per year
    (12 months, renewed yearly: tests/test_duurzaam_per_jaar.py), not one amount over 36 months."""
    verwijzing = verwijs(route, budget=BudgetKeuze(soort=KeuzebudgetSoort.DUURZAAM, niveau=6))
    assert verwijzing.keuzebudget.einddatum == date(2027, 3, 1)
    assert verwijzing.keuzebudget.bedrag == Decimal("12000.00")


def test_einddatum_voor_begindatum_wordt_geweigerd(route):
    """Issue 3 bad input: an end date before the start."""
    with pytest.raises(DomainError, match="ligt voor de begindatum"):
        verwijs(route, budget=BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=3, einddatum=date(2026, 1, 1)))
    _niets_opgeslagen()


def test_einddatum_na_maximale_duur_wordt_geweigerd(route):
    with pytest.raises(DomainError, match="maximaal 12 maanden"):
        verwijs(route, budget=BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=3, einddatum=date(2027, 3, 2)))


def test_offerte_zonder_bedrag_wordt_geweigerd(route):
    """R-T5, issue 3 bad input: an offerte without an amount."""
    for bedrag in (None, "", "0", "-5"):
        with pytest.raises(DomainError) as fout:
            verwijs(route, budget=BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, offerte_bedrag=bedrag))
        assert fout.value.code == "TW003"
    _niets_opgeslagen()


def test_offerte_door_toegang(route):
    """R-T5: an offerte sets the amount from the expected care."""
    verwijzing = verwijs(route, budget=BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, offerte_bedrag="9250.50"))
    assert verwijzing.keuzebudget.is_offerte and verwijzing.keuzebudget.bedrag == Decimal("9250.50")


def test_buiten_doelgroep_wordt_geweigerd(route):
    """R-T3, issue 3 bad input: 23 or older is outside the target group."""
    oud = JeugdigeFactory(gemeente=route["zwolle"], geboortedatum=date(2002, 1, 1))
    with pytest.raises(DomainError) as fout:
        verwijs(route, jeugdige=oud)
    assert fout.value.code == "TW001" and "tot 23 jaar" in fout.value.message
    _niets_opgeslagen()


def test_achttien_plus_vraagt_grond(route):
    """R-T3: 18+ needs a recorded ground; the municipality's consent only via the toegang."""
    jongvolwassene = JeugdigeFactory(gemeente=route["zwolle"], geboortedatum=date(2007, 1, 1))
    with pytest.raises(DomainError, match="grond voor hulp na 18 jaar"):
        verwijs(route, jeugdige=jongvolwassene)
    verwijzing = verwijs(route, jeugdige=jongvolwassene, grond_18plus="verlengde_jeugdhulp")
    assert verwijzing.grond_18plus == "verlengde_jeugdhulp"


def test_huisarts_kiest_herstel_2_of_4(route):
    """R-T6: the GP's two standard options."""
    for niveau in (1, 3, 5):
        with pytest.raises(DomainError) as fout:
            verwijs(route, door="huisarts", budget=BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=niveau))
        assert fout.value.code == "TW004"
    verwijzing = verwijs(route, door="huisarts", budget=BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=4))
    assert verwijzing.verwijzer_type == "02" and verwijzing.verwijzer == route["huisarts"]
    assert verwijzing.keuzebudget.bedrag == Decimal("4500.00")


def test_huisartsverwijzing_zonder_keuze_is_begrensd_op_niveau_4(route):
    """R-T6: without the GP's choice the provider determines the budget, capped at level 4: its
    submission above the cap is refused; one within it goes to the toegang (R-P4), whose
    honouring keeps the provider's level and the GP as referrer."""
    from jeugdregie.verwijzingen.models import Aanmelding
    from jeugdregie.verwijzingen.services.aanmelden import honoreer_aanmelding, meld_aan

    def dien_in(niveau):
        return meld_aan(
            bsn=route["jeugdige_zwolle"].bsn,
            aanbieder=route["aanbieder"],
            resultaten=["Zara gaat weer vijf dagen per week naar school."],
            budget=BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=niveau),
            datum=DATUM,
            door=route["gebruikers"]["aanbieder"],
            verwijzer=route["huisarts"],
            keuze_door_verwijzer=False,
        )

    with op_de_dag(DATUM):
        with pytest.raises(DomainError, match="hooguit keuzebudget 4"):
            dien_in(5)
        assert not Aanmelding.objects.exists()
        uitkomst = dien_in(3)
        assert uitkomst.verwijzing is None
        verwijzing = honoreer_aanmelding(aanmelding=uitkomst.aanmelding, door=route["gebruikers"]["toegang"])
    assert verwijzing.keuzebudget.niveau == 3 and verwijzing.verwijzer_type == "02"


def test_huisarts_kan_geen_offerte_of_duurzaam(route):
    """R-T6: only the toegang can deviate."""
    for budget in (
        BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, offerte_bedrag="2000"),
        BudgetKeuze(soort=KeuzebudgetSoort.DUURZAAM, niveau=2),
    ):
        with pytest.raises(DomainError, match="alleen de toegang kan afwijken"):
            verwijs(route, door="huisarts", budget=budget)


def test_gi_verwijst_altijd_met_offerte(route):
    """R-T7."""
    jeugdige = route["jeugdige_deventer"]
    with pytest.raises(DomainError) as fout:
        verwijs(route, door="gi", jeugdige=jeugdige, budget=HERSTEL_3)
    assert fout.value.code == "TW005"
    verwijzing = verwijs(
        route, door="gi", jeugdige=jeugdige, budget=BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, offerte_bedrag="15000")
    )
    assert verwijzing.verwijzer_type == "04" and verwijzing.keuzebudget.is_offerte


def test_tweede_huisartsverwijzing_of_verlenging_kan_niet_zonder_toegang(route):
    """R-T8."""
    budget = BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=2)
    with pytest.raises(DomainError) as fout:
        verwijs(route, door="huisarts", budget=budget, is_verlenging=True)
    assert fout.value.code == "TW006"
    verwijs(route, door="huisarts", budget=budget)
    with pytest.raises(DomainError) as fout:
        verwijs(route, door="huisarts", budget=budget, aanbieder="andere_aanbieder", datum=date(2026, 9, 1))
    assert fout.value.code == "TW006"
    assert Verwijzing.objects.count() == 1
    # the toegang can
    verwijs(route, door="toegang", budget=budget, aanbieder="andere_aanbieder", datum=date(2026, 9, 1))


def test_aanbieder_zonder_contract_wordt_geweigerd(route):
    """R-T2/R-S5: only contracted providers."""
    from .factories import AanbiederFactory

    ongecontracteerd = AanbiederFactory()
    with pytest.raises(DomainError) as fout:
        registreer_verwijzing(
            jeugdige=route["jeugdige_zwolle"],
            aanbieder=ongecontracteerd,
            resultaten=["x"],
            budget=HERSTEL_3,
            datum=DATUM,
            door=route["gebruikers"]["toegang"],
        )
    assert fout.value.code == "TW008"
    with pytest.raises(DomainError, match="geen contract voor deze hulp"):
        verwijs(route, product_indicatie=Product.objects.get(code="45A07"))
    _niets_opgeslagen()


def test_toegang_verwijst_alleen_eigen_inwoners(route):
    with pytest.raises(DomainError, match="eigen gemeente"):
        verwijs(route, door="toegang_andere_gemeente")
    _niets_opgeslagen()


def test_geen_tweede_parallel_keuzebudget_zonder_toegang(route):
    """R-A4: no two keuzebudgets run in parallel without toegang approval."""
    eerste = verwijs(route)
    with op_de_dag(DATUM):
        screen_verwijzing(verwijzing=eerste, uitkomst="geaccepteerd", door=route["gebruikers"]["aanbieder"])
    with pytest.raises(DomainError) as fout:
        verwijs(
            route,
            door="huisarts",
            aanbieder="andere_aanbieder",
            budget=BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=2),
        )
    assert fout.value.code == "TW009"
    assert Verwijzing.objects.count() == 1
    tweede = verwijs(route, door="toegang", aanbieder="andere_aanbieder")  # the toegang decides
    assert tweede.pk


def test_geen_tweede_keuzebudget_bij_dezelfde_aanbieder_ook_niet_door_de_toegang(route):
    """R-A4/R-T5 with iJw TR302 (issue 15 §3): at one provider one keuzebudget at a time, also for
    the toegang: a second one overlapping a running allocation is refused with what to do, and
    nothing is written. After the running one's period, or at another provider, it may."""
    eerste = verwijs(route)
    with op_de_dag(DATUM):
        screen_verwijzing(verwijzing=eerste, uitkomst="geaccepteerd", door=route["gebruikers"]["aanbieder"])
    aantal = Gebeurtenis.objects.count()
    with pytest.raises(DomainError) as fout:
        verwijs(route, datum=date(2026, 6, 1))
    assert fout.value.code == "TW026" and fout.value.field == "aanbieder"
    assert "al een keuzebudget van 02-03-2026 tot en met 01-03-2027" in fout.value.message
    assert "vraag een aanpassing" in fout.value.message
    assert Verwijzing.objects.count() == 1 and Gebeurtenis.objects.count() == aantal
    assert verwijs(route, aanbieder="andere_aanbieder").pk  # another provider: the toegang decides (R-A4)
    assert verwijs(route, datum=date(2027, 3, 2)).pk  # after the running one's period


def test_geen_tweede_keuzebudget_naast_een_verwijzing_die_nog_gescreend_wordt(route):
    verwijs(route)
    with pytest.raises(DomainError, match="nog gescreend") as fout:
        verwijs(route, datum=date(2026, 4, 1))
    assert fout.value.code == "TW026" and Verwijzing.objects.count() == 1


def test_acceptatie_weigert_een_tweede_lopend_keuzebudget_bij_dezelfde_aanbieder(route):
    """The guard at acceptance: two referrals to one provider that were both waiting (made before
    this rule, or side by side) cannot both become allocations; the refused acceptance writes
    nothing (no screening, no allocation)."""
    eerste = verwijs(route)
    tweede = verwijs(route, aanbieder="andere_aanbieder")
    Verwijzing.objects.filter(pk=tweede.pk).update(aanbieder=route["aanbieder"])  # as if made before the rule
    tweede.refresh_from_db()
    with op_de_dag(DATUM):
        screen_verwijzing(verwijzing=eerste, uitkomst="geaccepteerd", door=route["gebruikers"]["aanbieder"])
        with pytest.raises(DomainError) as fout:
            screen_verwijzing(verwijzing=tweede, uitkomst="geaccepteerd", door=route["gebruikers"]["aanbieder"])
    assert fout.value.code == "TW026"
    assert Toewijzing.objects.count() == 1 and not Screening.objects.filter(verwijzing=tweede).exists()
    assert Verwijzing.objects.get(pk=tweede.pk).status == "te_screenen"


def test_verwijzing_geeft_aanbieder_en_verwijzer_zicht(route):
    """R-P1/R-P4: a GP's own referral grants nobody sight; the allocation that follows the chosen
    provider's acceptance grants that provider and the referrer sight of the young person."""
    nieuw = JeugdigeFactory(gemeente=route["zwolle"])
    with op_de_dag(DATUM):
        verwijzing = verwijs(
            route,
            door="huisarts",
            jeugdige=nieuw,
            aanbieder="andere_aanbieder",
            budget=BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=2),
        )
        assert not Jeugdige.objects.voor_gebruiker(route["gebruikers"]["andere_aanbieder"]).filter(pk=nieuw.pk).exists()
        screen_verwijzing(verwijzing=verwijzing, uitkomst="geaccepteerd", door=route["gebruikers"]["andere_aanbieder"])
        assert Jeugdige.objects.voor_gebruiker(route["gebruikers"]["andere_aanbieder"]).filter(pk=nieuw.pk).exists()
        assert Jeugdige.objects.voor_gebruiker(route["gebruikers"]["huisarts"]).filter(pk=nieuw.pk).exists()
        assert not Jeugdige.objects.voor_gebruiker(route["gebruikers"]["aanbieder"]).filter(pk=nieuw.pk).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twee_gelijktijdige_acceptaties_geven_een_lopend_keuzebudget(route):
    """TW026 under concurrency (issue 15 §3): two referrals of one child to one provider that both
    wait for screening (as data from before the rule may hold) accepted at the same moment: the
    young person's row lock lets one through; the other is refused and writes nothing."""
    import threading

    from django.db import connection

    eerste = verwijs(route)
    tweede = verwijs(route, aanbieder="andere_aanbieder")
    Verwijzing.objects.filter(pk=tweede.pk).update(aanbieder=route["aanbieder"])
    start, uitkomsten = threading.Barrier(2), []

    def accepteer(verwijzing):
        try:
            start.wait()
            with op_de_dag(DATUM):
                screen_verwijzing(verwijzing=verwijzing, uitkomst="geaccepteerd", door=route["gebruikers"]["aanbieder"])
            uitkomsten.append("ok")
        except DomainError as fout:
            uitkomsten.append(fout.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=accepteer, args=(v,)) for v in (eerste, Verwijzing.objects.get(pk=tweede.pk))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(uitkomsten) == ["TW026", "ok"]
    assert Toewijzing.objects.filter(aanbieder=route["aanbieder"], soort="keuzebudget").count() == 1
    assert Screening.objects.count() == 1


def _volgend_budget(route):
    """Budget A (running, 02-03-2026 to 01-03-2027) and budget B at the same provider right after
    it (from 02-03-2027), both accepted: lawful, they do not overlap."""
    a = gestart(route)
    b = verwijs(route, datum=date(2027, 3, 2))
    with op_de_dag(date(2027, 3, 2)):
        screen_verwijzing(verwijzing=b, uitkomst="geaccepteerd", door=route["gebruikers"]["aanbieder"])
    return a, Toewijzing.objects.get(verwijzing=b)


def test_later_einde_dat_een_volgend_budget_overlapt_wordt_geweigerd(route):
    """Review finding (TW026): a granted later end date of budget A made it overlap budget B at
    the same provider. Refused when requested and when granted; nothing changes."""
    from jeugdregie.toewijzingen.constants import AanpassingReden, AanpassingStatus

    from .builders.aanpassen import aanvraag, besluit

    a, _b = _volgend_budget(route)
    with pytest.raises(DomainError, match="Deze einddatum aanvragen kan niet") as fout:
        aanvraag(route, a.verwijzing, AanpassingReden.HULP_SLAAT_NIET_AAN, gevraagde_einddatum=date(2027, 6, 1))
    assert fout.value.code == "TW026"
    verzoek = aanvraag(route, a.verwijzing, AanpassingReden.HULP_SLAAT_NIET_AAN)  # an amount only
    with pytest.raises(DomainError, match="Deze einddatum toekennen kan niet") as fout:
        besluit(route, verzoek, AanpassingStatus.DEELS_TOEGEKEND, toegekende_einddatum=date(2027, 6, 1))
    assert fout.value.code == "TW026"
    a.refresh_from_db()
    verzoek.refresh_from_db()
    assert a.einddatum == date(2027, 3, 1) and a.keuzebudget.einddatum == date(2027, 3, 1)
    assert verzoek.status == AanpassingStatus.INGEDIEND


def test_herstart_of_ingetrokken_stop_terwijl_een_ander_budget_loopt_wordt_geweigerd(route):
    """Review finding (TW026): a stopped keuzebudget no longer counts, so budget B may be made at
    the same provider; budget A must then not run again next to it, neither by a restart (OP379)
    nor by withdrawing its stop. Without B both are allowed (tests/test_ijw_overgeslagen_regels.py)."""
    from jeugdregie.toewijzingen.services import start_zorg, stop_zorg
    from jeugdregie.toewijzingen.services.zorgcorrectie import trek_stop_in

    aanbieder = route["gebruikers"]["aanbieder"]
    a = gestart(route)
    with op_de_dag(date(2026, 4, 1)):
        stop_zorg(
            toewijzing=a,
            stopdatum=date(2026, 4, 1),
            reden="20",
            resultaatscore="",
            door=aanbieder,
            resultaat_volgt=True,
        )
    b = verwijs(route, datum=date(2026, 4, 15))
    with op_de_dag(date(2026, 4, 15)):
        screen_verwijzing(verwijzing=b, uitkomst="geaccepteerd", door=aanbieder)
    with op_de_dag(date(2026, 5, 1)), pytest.raises(DomainError, match="Opnieuw starten kan niet") as fout:
        start_zorg(toewijzing=a, startdatum=date(2026, 5, 1), door=aanbieder)
    assert fout.value.code == "TW026"
    with pytest.raises(DomainError, match="De stop intrekken kan niet") as fout:
        trek_stop_in(toewijzing=a, door=aanbieder)
    assert fout.value.code == "TW026"
    a.refresh_from_db()
    assert a.status == "gestopt" and a.stopdatum_zorg == date(2026, 4, 1)
