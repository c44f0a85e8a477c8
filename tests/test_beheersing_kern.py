"""The indicator engine (R-K1): every indicator defined once with its metadata, computed by SQL
aggregates per period × municipality × provider × product category into the rollup, totals
computed (not summed), "geen gegevens" never zero, incremental refresh of queued months."""

from datetime import date
from decimal import Decimal

import pytest

from jeugdregie.beheersing.constants import ALLE, Periodesoort
from jeugdregie.beheersing.indicatoren.register import INDICATOREN, REGISTER
from jeugdregie.beheersing.models import Cijfer, VerouderdePeriode
from jeugdregie.beheersing.services import cijfers, rollup

from .builders.declaraties import declareer, regel
from .builders.route import gestart

# Issue 18: the rollup's engine reads committed data through its own connection.
pytestmark = pytest.mark.django_db(transaction=True)

MAART = date(2026, 3, 2)  # the allocation starts here: TR387 allows a March line from it


def test_elke_indicator_is_eenmaal_volledig_gedefinieerd():
    """R-K1: unique code, name, definition, unit, direction, pillar and levels for each."""
    assert len({i.code for i in INDICATOREN}) == len(INDICATOREN)
    for indicator in INDICATOREN:
        assert indicator.naam and indicator.definitie and indicator.eenheid
        assert indicator.richting and indicator.pijler and indicator.niveaus


def test_uitgaven_per_maand_gemeente_aanbieder_en_categorie(route):
    """R-K1: approved lines, debit minus credit, per month × municipality × provider × category,
    and the totals over each dimension."""
    toewijzing = gestart(route)
    declareer(
        route,
        [regel(toewijzing, "R1", uren="10"), regel(toewijzing, "R2", uren="5", maand=(2026, 3), begindatum=MAART)],
    )
    declareer(
        route,
        [
            regel(
                toewijzing, "C1", debet_credit="C", credit_referentie="R2", maand=(2026, 3), begindatum=MAART, uren="5"
            )
        ],
        nummer="D-2",
    )
    rollup.bouw_opnieuw()
    uitgaven = REGISTER["KOS01"]
    gemeente, aanbieder = route["zwolle"].pk, route["aanbieder"].pk
    april = cijfers.cel(
        uitgaven, Periodesoort.MAAND, date(2026, 4, 1), gemeente=gemeente, aanbieder=aanbieder, categorie="ambulant"
    )
    maart = cijfers.cel(
        uitgaven, Periodesoort.MAAND, date(2026, 3, 1), gemeente=gemeente, aanbieder=aanbieder, categorie="ambulant"
    )
    assert (april.waarde, maart.waarde) == (Decimal("860.00"), Decimal("0"))
    eerste = cijfers.cel(uitgaven, Periodesoort.KWARTAAL, date(2026, 1, 1))
    tweede = cijfers.cel(uitgaven, Periodesoort.KWARTAAL, date(2026, 4, 1), gemeente=gemeente)
    assert (eerste.waarde, tweede.waarde) == (Decimal("0"), Decimal("860.00"))
    assert cijfers.cel(uitgaven, Periodesoort.JAAR, date(2026, 1, 1), aanbieder=aanbieder).waarde == Decimal("860.00")


def test_periode_zonder_gegevens_is_geen_nul(route):
    """Issue 6 bad input: a period with no data has no value (shown as "geen gegevens")."""
    rollup.bouw_opnieuw()
    cel = cijfers.cel(REGISTER["KOS01"], Periodesoort.MAAND, date(2020, 1, 1))
    assert cel.waarde is None


def test_wachttijd_is_het_gemiddelde_in_dagen(route):
    """CON02: days from referral to start, averaged (referral 2026-03-02, start 2026-03-09)."""
    gestart(route)
    rollup.bouw_opnieuw()
    cel = cijfers.cel(REGISTER["CON02"], Periodesoort.MAAND, date(2026, 3, 1), categorie=ALLE)
    assert (cel.teller, cel.noemer, cel.waarde) == (Decimal("7"), Decimal("1"), Decimal("7"))


def test_incrementele_verversing_herberekent_alleen_gemarkeerde_maanden(route):
    toewijzing = gestart(route)
    rollup.bouw_opnieuw()
    declareer(route, [regel(toewijzing, "R1", uren="10")])
    uitgaven = REGISTER["KOS01"]
    assert cijfers.cel(uitgaven, Periodesoort.MAAND, date(2026, 4, 1)).waarde is None
    rollup.markeer([date(2026, 4, 30)])
    assert VerouderdePeriode.objects.count() == 1
    rollup.werk_bij()
    assert cijfers.cel(uitgaven, Periodesoort.MAAND, date(2026, 4, 1)).waarde == Decimal("860.00")
    assert cijfers.cel(uitgaven, Periodesoort.JAAR, date(2026, 1, 1)).waarde == Decimal("860.00")
    assert not VerouderdePeriode.objects.exists()
    assert not Cijfer.objects.filter(indicator="KOS01", periode__lt=date(2026, 1, 1)).exists()
