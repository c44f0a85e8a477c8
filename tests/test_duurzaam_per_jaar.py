"""R-T9: a duurzaam keuzebudget is an amount per year; a multi-year budget renews yearly
(001 §4.2.1: the duurzaam examples are "gedurende een jaar")."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import multiple, rule, run_state_machine_as_test

from jeugdregie.audit.models import AuditRegel
from jeugdregie.beschikkingen.constants import BeschikkingSoort
from jeugdregie.beschikkingen.models import Beschikking
from jeugdregie.budgetten.models import Budgetstand
from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.catalogus.models import KeuzebudgetNiveau
from jeugdregie.common.errors import DomainError
from jeugdregie.declaraties.services.grootboekcontrole import controleer_grootboeken
from jeugdregie.ijw.constants import Berichttype, Richting
from jeugdregie.ijw.models import Bericht
from jeugdregie.toewijzingen.constants import AanpassingReden, ToewijzingStatus
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzing
from jeugdregie.toewijzingen.services import (
    dien_aanpassing_in,
    screen_verwijzing,
    start_zorg,
    trek_toewijzing_in,
    verleng_duurzaam,
)
from jeugdregie.toewijzingen.werkvoorraad import werkvoorraden
from jeugdregie.verwijzingen.constants import Foutcode, Gebeurtenissoort
from jeugdregie.verwijzingen.models import Gebeurtenis, Keuzebudget, Verwijzing
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze

from .builders.gezin import ouder_met_gezag
from .builders.grootboek import stop_volgens_plan
from .builders.grootboekmachine import Grootboekmachine
from .builders.regelset import zet_regels
from .builders.route import DATUM, HERSTEL_3, screen, verwijs
from .factories import JeugdigeFactory
from .klok import op_de_dag

DUURZAAM_3 = BudgetKeuze(soort=KeuzebudgetSoort.DUURZAAM, niveau=3)
EINDE = date(2027, 3, 1)  # one budget year from DATUM (2 March 2026), inclusive
VOOR_EINDE = date(2027, 2, 1)  # within the region's 8 weeks before EINDE


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _toegewezen(route, budget=DUURZAAM_3, **extra) -> Toewijzing:
    verwijzing = verwijs(route, budget=budget, **extra)
    screen(route, verwijzing, op=verwijzing.datum, door=extra.get("aanbieder", "aanbieder"))
    return verwijzing.toewijzingen.get()


def _aantallen():
    return (
        Verwijzing.objects.count(),
        Keuzebudget.objects.count(),
        Toewijzing.objects.count(),
        Budgetstand.objects.count(),
        Gebeurtenis.objects.count(),
    )


def _verleng(route, toewijzing, door="toegang", op=VOOR_EINDE, **extra):
    with op_de_dag(op):
        return verleng_duurzaam(keuzebudget=toewijzing.keuzebudget, door=route["gebruikers"][door], **extra)


# --- the period cap


def test_duurzaam_budget_loopt_hooguit_een_begrotingsjaar(route):
    """R-T9: without an end date a duurzaam budget runs one budget year (12 months), not 36; an
    end after that is refused with what to do (renew yearly), and nothing is written."""
    verwijzing = verwijs(route, budget=DUURZAAM_3)
    assert (verwijzing.keuzebudget.begindatum, verwijzing.keuzebudget.einddatum) == (DATUM, EINDE)
    assert verwijzing.keuzebudget.bedrag == Decimal("3000.00")
    voor = _aantallen()
    lang = BudgetKeuze(soort=KeuzebudgetSoort.DUURZAAM, niveau=3, einddatum=EINDE + timedelta(days=1))
    with pytest.raises(DomainError) as fout:
        verwijs(route, budget=lang, aanbieder="andere_aanbieder")
    assert fout.value.code == Foutcode.PERIODE and fout.value.field == "einddatum"
    assert "bedrag per jaar" in fout.value.message and "01-03-2027" in fout.value.message
    assert "verleng het budget dan elk jaar" in fout.value.message
    assert _aantallen() == voor


def test_aanpassing_rekt_een_duurzaam_budget_niet_op_voorbij_het_jaar(route):
    """R-T9: an adjustment request cannot stretch a duurzaam budget past its budget year (it is
    renewed instead); within the year it can."""
    toewijzing = _toegewezen(route)
    with op_de_dag(date(2026, 3, 9)):
        start_zorg(verwijzing=toewijzing.verwijzing, startdatum=date(2026, 3, 9), door=route["gebruikers"]["aanbieder"])
    aanbieder = route["gebruikers"]["aanbieder"]
    with op_de_dag(date(2026, 6, 1)), pytest.raises(DomainError) as fout:
        dien_aanpassing_in(
            verwijzing=toewijzing.verwijzing,
            reden=AanpassingReden.GEWIJZIGDE_OMSTANDIGHEDEN,
            toelichting="Meer begeleiding nodig.",
            door=aanbieder,
            gevraagde_einddatum=EINDE + timedelta(days=30),
            besproken_met_toegang=True,
        )
    assert fout.value.code == Foutcode.PERIODE and fout.value.field == "gevraagde_einddatum"
    assert not Aanpassingsaanvraag.objects.exists()
    with op_de_dag(date(2026, 6, 1)):
        dien_aanpassing_in(
            verwijzing=toewijzing.verwijzing,
            reden=AanpassingReden.GEWIJZIGDE_OMSTANDIGHEDEN,
            toelichting="Meer begeleiding nodig.",
            door=aanbieder,
            gevraagd_bedrag="3500",
            besproken_met_toegang=True,
        )
    assert Aanpassingsaanvraag.objects.count() == 1


# --- the yearly renewal


def test_verlenging_wijst_het_volgende_jaar_toe_tegen_het_bedrag_van_dat_jaar(
    route, django_capture_on_commit_callbacks
):
    """R-T9: the toegang renews the running duurzaam budget: a new budget of the same kind and
    level for the same child and provider from the day after the end, for one year, at the level's
    amount in the catalog year of the new start, linked to the previous one; the ledger commits
    it, and after the commit the JW301 and the beschikking (R-D1) follow."""
    ouder_met_gezag(route["jeugdige_zwolle"])
    oud = _toegewezen(route)
    KeuzebudgetNiveau.objects.filter(jaar__jaar=2027, niveau=3).update(bedrag=Decimal("3090.00"))
    with django_capture_on_commit_callbacks(execute=True):
        nieuw = _verleng(route, oud)
    nieuw.refresh_from_db()
    budget = nieuw.keuzebudget
    assert (budget.soort, budget.niveau, budget.is_offerte) == (KeuzebudgetSoort.DUURZAAM, 3, False)
    assert (budget.begindatum, budget.einddatum) == (date(2027, 3, 2), date(2028, 3, 1))
    assert budget.bedrag == Decimal("3090.00") and budget.vorige == oud.keuzebudget
    assert (nieuw.begindatum, nieuw.einddatum, nieuw.status) == (
        date(2027, 3, 2),
        date(2028, 3, 1),
        ToewijzingStatus.TOEGEWEZEN,
    )
    assert (nieuw.jeugdige, nieuw.aanbieder, nieuw.gemeente) == (oud.jeugdige, oud.aanbieder, oud.gemeente)
    assert nieuw.verwijzing.is_verlenging and nieuw.verwijzing.status == "geaccepteerd"
    assert list(nieuw.verwijzing.resultaten.values_list("omschrijving", flat=True)) == list(
        oud.verwijzing.resultaten.values_list("omschrijving", flat=True)
    )
    stand = Budgetstand.objects.get(toewijzing=nieuw)
    assert (stand.toegewezen, stand.vastgelegd) == (Decimal("3090.00"), Decimal("3090.00"))
    assert Budgetstand.objects.get(toewijzing=oud).toegewezen == Decimal("3000.00")
    assert controleer_grootboeken() == []
    assert Gebeurtenis.objects.filter(
        objecttype="toewijzing", object_id=nieuw.pk, gebeurtenis=Gebeurtenissoort.TOEWIJZING_AANGEMAAKT
    ).exists()
    assert Bericht.objects.filter(richting=Richting.UIT, berichttype=Berichttype.JW301, toewijzing_id=nieuw.pk).exists()
    beschikking = Beschikking.objects.get(besluit_id=nieuw.pk, besluittype="toewijzing")
    assert beschikking.soort == BeschikkingSoort.TOEWIJZING
    assert AuditRegel.objects.filter(objecttype="toewijzingen.Toewijzing", object_id=str(nieuw.pk)).exists()
    oud.refresh_from_db()
    assert (oud.einddatum, oud.keuzebudget.einddatum) == (EINDE, EINDE)  # the previous year is unchanged


def test_verlenging_van_een_offerte_vraagt_het_bedrag_van_het_nieuwe_jaar(route):
    """R-T9 with R-T5: an offerte duurzaam budget has no level; the toegang sets the new year's
    amount, and a missing amount is refused without a write."""
    offerte = BudgetKeuze(soort=KeuzebudgetSoort.DUURZAAM, offerte_bedrag="5000")
    oud = _toegewezen(route, budget=offerte)
    voor = _aantallen()
    with pytest.raises(DomainError) as fout:
        _verleng(route, oud)
    assert fout.value.code == Foutcode.OFFERTE_BEDRAG and fout.value.field == "offerte_bedrag"
    assert _aantallen() == voor
    nieuw = _verleng(route, oud, offerte_bedrag="5200")
    assert nieuw.keuzebudget.bedrag == Decimal("5200.00") and nieuw.keuzebudget.is_offerte
    assert Budgetstand.objects.get(toewijzing=nieuw).toegewezen == Decimal("5200.00")


def test_een_ingetrokken_verlenging_kan_opnieuw(route):
    """R-T9: a renewal the toegang withdrew before its start no longer counts as the renewal."""
    oud = _toegewezen(route)
    eerste = _verleng(route, oud)
    with op_de_dag(VOOR_EINDE):
        trek_toewijzing_in(toewijzing=eerste, door=route["gebruikers"]["toegang"])
    tweede = _verleng(route, oud)
    assert tweede.pk != eerste.pk and tweede.keuzebudget.vorige == oud.keuzebudget
    assert controleer_grootboeken() == []


def _herstel(route):
    return _toegewezen(route, budget=HERSTEL_3)


def _ingetrokken(route):
    toewijzing = _toegewezen(route)
    with op_de_dag(DATUM):
        trek_toewijzing_in(toewijzing=toewijzing, door=route["gebruikers"]["toegang"])
    return toewijzing


def _gestopt(route):
    toewijzing = _toegewezen(route)
    aanbieder = route["gebruikers"]["aanbieder"]
    with op_de_dag(date(2026, 3, 9)):
        start_zorg(verwijzing=toewijzing.verwijzing, startdatum=date(2026, 3, 9), door=aanbieder)
    stop_volgens_plan(route, toewijzing, date(2026, 5, 29))
    return toewijzing


def _ingekort(route):
    """The allocation ended before its budget (as ``beeindig_bij_verhuizing`` does after a move, R-D3)."""
    toewijzing = _toegewezen(route)
    Toewijzing.objects.filter(pk=toewijzing.pk).update(einddatum=date(2026, 12, 31))
    return toewijzing


def _al_verlengd(route):
    toewijzing = _toegewezen(route)
    _verleng(route, toewijzing)
    return toewijzing


@pytest.mark.parametrize(
    ("opzet", "door", "op", "tekst"),
    [
        (_herstel, "toegang", VOOR_EINDE, "Alleen een keuzebudget duurzaam"),
        (_toegewezen, "toegang_andere_gemeente", VOOR_EINDE, "andere gemeente"),
        (_toegewezen, "aanbieder", VOOR_EINDE, "Alleen de toegang"),
        (_toegewezen, "toegang", EINDE + timedelta(days=1), "afgelopen"),
        (_ingetrokken, "toegang", VOOR_EINDE, "ingetrokken"),
        (_gestopt, "toegang", VOOR_EINDE, "gestopt"),
        (_al_verlengd, "toegang", VOOR_EINDE, "al verlengd"),
        (_ingekort, "toegang", date(2026, 12, 1), "voor het einde van het budget"),
    ],
    ids=["herstel", "andere-gemeente", "aanbieder", "afgelopen", "ingetrokken", "gestopt", "al-verlengd", "ingekort"],
)
def test_verlenging_geweigerd_verandert_niets(route, opzet, door, op, tekst):
    """R-T9: a renewal is refused with a Dutch message when the budget is not duurzaam, the user
    is not the toegang of its municipality, the budget ended, was withdrawn or stopped, or is
    renewed already; nothing is written."""
    toewijzing = opzet(route)
    voor = _aantallen()
    with pytest.raises(DomainError) as fout:
        _verleng(route, toewijzing, door=door, op=op)
    assert tekst in fout.value.message
    assert fout.value.code in {Foutcode.VERLENGING, Foutcode.ROL}
    assert _aantallen() == voor


def test_laatste_dag_kan_nog_verlengd_worden(route):
    """R-T9: the last day of the budget year is still in time (periods are inclusive)."""
    oud = _toegewezen(route)
    assert _verleng(route, oud, op=EINDE).begindatum == EINDE + timedelta(days=1)


# --- the worklist and the page


def _verlengen_lijst(route, door="toegang", *, op):
    lijsten = {w.slug: w for w in werkvoorraden(route["gebruikers"][door], op=op)}
    return lijsten.get("duurzaam-verlengen")


def test_werkvoorraad_toont_duurzame_budgetten_die_binnen_de_signaaltermijn_eindigen(route):
    """R-T9: a running duurzaam budget without renewal is on its toegang's worklist from the
    region's ``verlenging_duurzaam_signaal_weken`` (8) before its end, due on its last day; not
    earlier, not for herstel, not for another municipality, and no longer once renewed."""
    duurzaam = _toegewezen(route)
    _toegewezen(route, budget=HERSTEL_3, aanbieder="andere_aanbieder")
    acht_weken = EINDE - timedelta(weeks=8)
    assert _verlengen_lijst(route, op=acht_weken - timedelta(days=1)).items == []
    lijst = _verlengen_lijst(route, op=acht_weken)
    assert lijst.items == [duurzaam]
    [item] = lijst.werkitems(route["gebruikers"]["toegang"])
    assert (item.uiterlijk, item.verstreken) == (EINDE, False) and "verlengen" in item.onderwerp
    assert _verlengen_lijst(route, "toegang_andere_gemeente", op=acht_weken).items == []
    zet_regels(route["zwolle"].regio, verlenging_duurzaam_signaal_weken=10)
    assert _verlengen_lijst(route, op=EINDE - timedelta(weeks=10)).items == [duurzaam]
    _verleng(route, duurzaam)
    assert _verlengen_lijst(route, op=VOOR_EINDE).items == []
    assert _verlengen_lijst(route, op=EINDE + timedelta(days=1)).items == []


def test_knop_verlengt_via_de_service(client, route):
    """R-T9: the page shows the toegang the renewal button; posting the form renews (the view
    only calls the service); the provider may not open the form."""
    oud = _toegewezen(route)
    toegang = route["gebruikers"]["toegang"]
    client.force_login(toegang)
    with op_de_dag(VOOR_EINDE):
        pagina = client.get(f"/route/verwijzingen/{oud.verwijzing_id}/")
        assert f"/route/toewijzingen/{oud.pk}/verlengen/" in pagina.content.decode()
        antwoord = client.post(f"/route/toewijzingen/{oud.pk}/verlengen/", {"bevestig": "on"})
    assert antwoord.status_code == 302
    nieuw = Keuzebudget.objects.get(vorige=oud.keuzebudget)
    assert antwoord["Location"] == f"/route/verwijzingen/{nieuw.verwijzing_id}/"
    with op_de_dag(VOOR_EINDE):
        pagina = client.get(f"/route/verwijzingen/{oud.verwijzing_id}/").content.decode()
    assert "Verlengd met het budget van 02-03-2027" in pagina
    assert f"/route/toewijzingen/{oud.pk}/verlengen/" not in pagina
    client.force_login(route["gebruikers"]["aanbieder"])
    assert client.get(f"/route/toewijzingen/{oud.pk}/verlengen/").status_code in (403, 404)


# --- the ledger under random renewals (R-T9 with R-B7)


class Verlengmachine(Grootboekmachine):
    """The ledger state machine of R-B7 (``test_grootboek_eigenschappen``) with duurzaam budgets
    and their yearly renewals among its operations: allocate, start, stop, withdraw, adjust,
    declare, credit, replay, release, time passing, a new rule-set version, renew."""

    @rule(target=Grootboekmachine.toewijzingen)
    def wijs_duurzaam_toe(self):
        try:
            verwijzing = verwijs(
                self.route,
                budget=DUURZAAM_3,
                datum=self.klok,
                jeugdige=JeugdigeFactory(gemeente=self.route["zwolle"]),
            )
        except DomainError:  # the clock passed the catalog's or the contract's last year
            return multiple()
        with op_de_dag(verwijzing.datum):
            screen_verwijzing(verwijzing=verwijzing, uitkomst="geaccepteerd", door=self.aanbieder)
        return Toewijzing.objects.get(verwijzing=verwijzing).pk

    @rule(target=Grootboekmachine.toewijzingen, toewijzing=Grootboekmachine.toewijzingen)
    def verleng(self, toewijzing):
        """R-T9: renew on the clock's day; a refusal (not duurzaam, ended, renewed) changes nothing."""
        tw = Toewijzing.objects.select_related("keuzebudget").get(pk=toewijzing)
        voor = _aantallen()
        try:
            with op_de_dag(self.klok):
                return verleng_duurzaam(keuzebudget=tw.keuzebudget, door=self.toegang).pk
        except DomainError as fout:
            assert fout.code in (Foutcode.VERLENGING, Foutcode.GEEN_CONTRACT, Foutcode.NIVEAU, Foutcode.DOELGROEP)
            assert _aantallen() == voor
            return toewijzing


@pytest.mark.slow
@pytest.mark.django_db
def test_grootboeken_kloppen_onder_willekeurige_verlengingen(route):
    """R-T9 with R-B7: random sequences of renewals, declarations, credits and the other ledger
    operations keep every ledger's invariant (``controleer_grootboeken`` returns [])."""
    run_state_machine_as_test(
        lambda: Verlengmachine(route),
        settings=settings(
            max_examples=10,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
            database=None,
        ),
    )
