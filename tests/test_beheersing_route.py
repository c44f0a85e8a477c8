"""Issue 18 §2: a decision of the client route refreshes the control figures of the months it
touches — through the background queue, not the nightly rebuild. Every route decision writes an
event row (``verwijzingen.services.gebeurtenissen.registreer``), published after commit as
``GebeurtenisVastgelegd``; ``rollup.markeer_gebeurtenis`` queues the months of the dates of the
object it is about, of the dates the event row records (a withdrawal records the date it
withdrew) and of the day itself."""

from datetime import date

import pytest

from jeugdregie.beheersing.constants import ALLE
from jeugdregie.beheersing.models import Cijfer, VerouderdePeriode
from jeugdregie.beheersing.services import rollup
from jeugdregie.toewijzingen.constants import AanpassingReden, AanpassingStatus
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag
from jeugdregie.toewijzingen.services import start_zorg
from jeugdregie.toewijzingen.services.zorgcorrectie import trek_start_in
from jeugdregie.verwijzingen.besluiten import GebeurtenisVastgelegd
from jeugdregie.verwijzingen.constants import Gebeurtenissoort

from .builders.beheersing import _toewijzing
from .builders.route import gestart, screen, verwijs

# The rollup's engine reads committed data through its own connection.
pytestmark = pytest.mark.django_db(transaction=True)

MAART = date(2026, 3, 1)
APRIL = date(2026, 4, 6)


def _instroom(maand: date) -> Cijfer | None:
    """CON01 (care started) for the region in ``maand``."""
    return Cijfer.objects.filter(
        indicator="CON01", periodesoort="maand", periode=maand, gemeente=None, aanbieder=None, categorie=ALLE
    ).first()


def test_start_van_zorg_zet_haar_maand_in_de_wachtrij_en_werk_bij_telt_hem(route):
    """R-K1, issue 18 §2: the start of care (9 March) queues March as a route month; the
    queue's refresh counts it in CON01 without a full rebuild, and writes only the queued
    months with their quarters and years."""
    gestart(route)
    route_maanden = set(VerouderdePeriode.objects.filter(route=True).values_list("maand", flat=True))
    assert MAART in route_maanden
    assert rollup.werk_bij() > 0
    assert not VerouderdePeriode.objects.exists()
    assert _instroom(MAART).teller == 1
    maanden = set(Cijfer.objects.filter(periodesoort="maand").values_list("periode", flat=True))
    assert maanden <= route_maanden


def test_ingetrokken_start_rekent_de_maand_die_zij_verliet_opnieuw(route):
    """Issue 18 §2, a correction: withdrawing the start (IV008) leaves the allocation without a
    start date. April is none of its dates any more (it runs from 2 March); the event row
    records the withdrawn date, so April is queued again and its CON01 cell disappears."""
    verwijzing = verwijs(route)
    screen(route, verwijzing, op=verwijzing.datum)
    aanbieder = route["gebruikers"]["aanbieder"]
    toewijzing = start_zorg(verwijzing=verwijzing, startdatum=APRIL, door=aanbieder)
    rollup.werk_bij()
    assert _instroom(APRIL.replace(day=1)).teller == 1
    trek_start_in(toewijzing=toewijzing, door=aanbieder)
    toewijzing.refresh_from_db()
    datums = [toewijzing.begindatum, toewijzing.einddatum, toewijzing.startdatum_zorg, toewijzing.stopdatum_zorg]
    assert APRIL.replace(day=1) not in {d.replace(day=1) for d in datums if d}
    assert VerouderdePeriode.objects.filter(route=True, maand=APRIL.replace(day=1)).exists()
    rollup.werk_bij()
    assert _instroom(APRIL.replace(day=1)) is None


def test_gebeurtenis_op_iets_dat_geen_indicator_leest_zet_niets_in_de_wachtrij(db):
    """An aid plan's event (no indicator reads aid plans) queues no month."""
    rollup.markeer_gebeurtenis(GebeurtenisVastgelegd(0, Gebeurtenissoort.PLAN_OPGESTELD, "hulpverleningsplan", 1))
    assert not VerouderdePeriode.objects.exists()


def test_aanvraag_zet_ook_de_maand_waarin_haar_toewijzing_sloot_in_de_wachtrij(route):
    """Found in review: WER01/WER07 count an allocation's adjustment requests in the month the
    allocation closed, which is none of the request's own dates. The decision's months include
    those of the objects one link away that an indicator reads (here the allocation)."""
    toewijzing = _toewijzing(route, start=date(2025, 1, 13), stop=date(2025, 5, 20))
    aanvraag = Aanpassingsaanvraag.objects.create(
        verwijzing=toewijzing.verwijzing,
        toewijzing=toewijzing,
        reden=AanpassingReden.GEWIJZIGDE_OMSTANDIGHEDEN,
        toelichting="-",
        status=AanpassingStatus.INGEDIEND,
        ingediend_op=date(2025, 2, 3),
    )
    rollup.markeer_gebeurtenis(
        GebeurtenisVastgelegd(0, Gebeurtenissoort.AANPASSING_INGEDIEND, "aanpassingsaanvraag", aanvraag.pk)
    )
    maanden = set(VerouderdePeriode.objects.filter(route=True).values_list("maand", flat=True))
    assert {date(2025, 2, 1), date(2025, 5, 1)} <= maanden
