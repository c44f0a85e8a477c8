"""R-D2: a gegrond objection against a refusal re-makes the decision through the route's normal
service, with the original's content as the proposal (``bezwaar.herstel``)."""

from datetime import date

from jeugdregie.bezwaar import herstel, services
from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.verwijzingen.constants import Gebeurtenissoort
from jeugdregie.verwijzingen.services.aanmelden import meld_aan, wijs_aanmelding_af
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze
from jeugdregie.verzoeken.services import wijs_verzoek_af

from .builders.bezwaar import beschikking_voor, gebeurtenis_van
from .builders.ijw.uitgaand import jw315
from .klok import op_de_dag

DATUM = date(2026, 3, 2)


def _gegrond(route, beschikking, herverwijzing=None):
    toegang = route["gebruikers"]["toegang"]
    with op_de_dag(date(2026, 3, 20)):
        bezwaar = services.registreer_bezwaar(
            beschikking=beschikking, indiener="Moeder", gronden="Oneens.", door=toegang
        )
    with op_de_dag(date(2026, 4, 1)):
        services.beslis_op_bezwaar(
            bezwaar=bezwaar, uitkomst="gegrond", motivering="Terecht.", door=toegang, herverwijzing=herverwijzing
        )
    bezwaar.refresh_from_db()
    return bezwaar


def test_gegrond_tegen_afgewezen_verzoek_wordt_een_verwijzing_naar_die_aanbieder(route):
    """R-D2: a refused request for allocation (JW315) honoured after the objection: the toegang's
    referral to the requesting provider with the requested budget; the results the toegang adds."""
    with op_de_dag(DATUM):
        verzoek = wijs_verzoek_af(
            verzoek=jw315(route), reden="2", toelichting="Past niet.", door=route["gebruikers"]["toegang"]
        )
    beschikking = beschikking_voor(
        gebeurtenis_van(verzoek, Gebeurtenissoort.VERZOEK_AFGEWEZEN),
        jeugdige=verzoek.jeugdige,
        gemeente=verzoek.gemeente,
        aanbieder=verzoek.aanbieder,
    )
    voorstel = herstel.voorstel(beschikking)
    assert (voorstel.aanbieder, voorstel.budget.offerte_bedrag, list(voorstel.resultaten)) == (
        route["aanbieder"],
        verzoek.budget,
        [],
    )
    bezwaar = _gegrond(route, beschikking, herstel.met_wijzigingen(voorstel, resultaten=["Weer naar school."]))
    nieuw = bezwaar.nieuwe_verwijzing
    assert (nieuw.aanbieder_id, nieuw.jeugdige_id, nieuw.datum) == (
        verzoek.aanbieder_id,
        verzoek.jeugdige_id,
        date(2026, 4, 1),
    )
    assert nieuw.keuzebudget.bedrag == verzoek.budget and nieuw.keuzebudget.is_offerte


def test_gegrond_tegen_afgewezen_aanmelding_wordt_de_aangemelde_verwijzing(route):
    """R-D2, R-P4: a refused submission re-made as the toegang's referral with what was submitted
    (results, budget level, provider), dated the day of the decision on the objection."""
    with op_de_dag(DATUM):
        uitkomst = meld_aan(
            bsn=route["jeugdige_zwolle"].bsn,
            aanbieder=route["andere_aanbieder"],
            resultaten=["Zara slaapt weer door."],
            budget=BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=2),
            datum=DATUM,
            door=route["gebruikers"]["andere_aanbieder"],
            verwijzer=route["huisarts"],
        )
        aanmelding = wijs_aanmelding_af(
            aanmelding=uitkomst.aanmelding, reden="Eerst een gesprek.", door=route["gebruikers"]["toegang"]
        )
    beschikking = beschikking_voor(
        gebeurtenis_van(aanmelding, Gebeurtenissoort.AANMELDING_AFGEWEZEN),
        jeugdige=route["jeugdige_zwolle"],
        gemeente=route["zwolle"],
    )
    bezwaar = _gegrond(route, beschikking)
    nieuw = bezwaar.nieuwe_verwijzing
    assert (nieuw.aanbieder, nieuw.jeugdige, nieuw.datum) == (
        route["andere_aanbieder"],
        route["jeugdige_zwolle"],
        date(2026, 4, 1),
    )
    assert [r.omschrijving for r in nieuw.resultaten.all()] == ["Zara slaapt weer door."]
    assert (nieuw.keuzebudget.soort, nieuw.keuzebudget.niveau) == (KeuzebudgetSoort.HERSTEL, 2)
