"""R-D2 end to end with the real letters (R-D1): the toegang withdraws an allocation, its
beschikking is produced after the commit and sent; the family objects; the objection is declared
gegrond; the new decision goes through the route (a referral the provider accepts) and that
allocation gets its own beschikking through the beschikkingen subscriber."""

from datetime import date

import pytest

from jeugdregie.beschikkingen.constants import BeschikkingSoort
from jeugdregie.beschikkingen.models import Beschikking
from jeugdregie.beschikkingen.services.verzenden import verstuur
from jeugdregie.bezwaar import services
from jeugdregie.bezwaar.constants import Uitkomst
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services.intrekken import trek_toewijzing_in

from .builders.bezwaar import toegewezen
from .builders.gezin import ouder_met_gezag
from .builders.route import screen
from .klok import op_de_dag


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """The letters' PDFs go to a temporary directory, not the working tree."""
    settings.MEDIA_ROOT = tmp_path


def test_gegrond_bezwaar_leidt_tot_nieuw_besluit_met_eigen_beschikking(route, django_capture_on_commit_callbacks):
    """R-D2 with R-D1: the outcome changes the original decision through the normal services, and
    the new decision has its own letter; the original letter is untouched."""
    toegang = route["gebruikers"]["toegang"]
    ouder_met_gezag(route["jeugdige_zwolle"])
    oud = toegewezen(route)
    with op_de_dag(date(2026, 3, 2)), django_capture_on_commit_callbacks(execute=True):
        trek_toewijzing_in(toewijzing=oud, door=toegang)
    intrekking = Beschikking.objects.get(soort=BeschikkingSoort.INTREKKING)
    with op_de_dag(date(2026, 3, 2)):
        verstuur(beschikking=intrekking, door=toegang)
    with op_de_dag(date(2026, 3, 20)):
        bezwaar = services.registreer_bezwaar(
            beschikking=intrekking, indiener="Petra de Vries", gronden="Zara heeft de hulp nodig.", door=toegang
        )
    assert (bezwaar.tijdig, bezwaar.einde_beslistermijn) == (True, date(2026, 5, 26))
    with op_de_dag(date(2026, 4, 1)), django_capture_on_commit_callbacks(execute=True):
        services.beslis_op_bezwaar(bezwaar=bezwaar, uitkomst="gegrond", motivering="Onterecht.", door=toegang)
    bezwaar.refresh_from_db()
    assert bezwaar.uitkomst == Uitkomst.GEGROND and bezwaar.nieuwe_verwijzing is not None
    with django_capture_on_commit_callbacks(execute=True):
        screen(route, bezwaar.nieuwe_verwijzing, op=date(2026, 4, 2))
    nieuw = Toewijzing.objects.get(verwijzing=bezwaar.nieuwe_verwijzing)
    brief = Beschikking.objects.get(gebeurtenis__objecttype="toewijzing", gebeurtenis__object_id=nieuw.pk)
    assert (brief.soort, brief.jeugdige_id, brief.aanbieder_id) == (
        BeschikkingSoort.TOEWIJZING,
        oud.jeugdige_id,
        oud.aanbieder_id,
    )
    assert brief.pk != intrekking.pk and Beschikking.objects.get(pk=intrekking.pk).verzonden_op == date(2026, 3, 2)
