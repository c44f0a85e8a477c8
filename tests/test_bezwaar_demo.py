"""The demo's objections (issue 20 §3): through the services, one in each stage the toegang's
worklist shows, and a second run adds nothing."""

from datetime import date

from jeugdregie.bezwaar.models import Bezwaar
from jeugdregie.synthese.bezwaar import speel_bezwaren
from jeugdregie.verwijzingen.constants import Gebeurtenissoort

from .builders.bezwaar import beschikking_voor, gebeurtenis_van, ingetrokken_beschikking, toegewezen
from .klok import op_de_dag


def _brief(route, aanbieder, verzonden_op):
    t = toegewezen(route, aanbieder=aanbieder)
    return beschikking_voor(
        gebeurtenis_van(t, Gebeurtenissoort.TOEWIJZING_AANGEMAAKT),
        jeugdige=t.jeugdige,
        gemeente=t.gemeente,
        verzonden_op=verzonden_op,
    )


def test_demo_bezwaren_in_elk_stadium(route):
    """R-D2: a late one (letter sent 5 January, term ended 16 February), one to hear, one heard
    and waiting for the committee's advice; the unsent letters are sent first (server date)."""
    ingetrokken = ingetrokken_beschikking(route, verzonden_op=None)
    oud = _brief(route, "andere_aanbieder", date(2026, 1, 5))
    nieuw = _brief(route, "aanbieder", None)
    with op_de_dag(date(2026, 3, 20)):
        regels = speel_bezwaren(gemeente=route["zwolle"])
    assert regels[0].startswith("Bezwaar-demo") and len(regels) == 4
    late, te_horen, advies = Bezwaar.objects.order_by("pk")
    assert (late.beschikking, late.tijdig) == (oud, False)
    assert {te_horen.beschikking, advies.beschikking} == {ingetrokken, nieuw}
    assert te_horen.tijdig and te_horen.gehoord_op is None and te_horen.beschikking.verzonden_op == date(2026, 3, 20)
    assert advies.adviescommissie and advies.gehoord_op == date(2026, 3, 20) and advies.advies_op is None
    with op_de_dag(date(2026, 3, 20)):
        assert speel_bezwaren(gemeente=route["zwolle"]) == ["Bezwaar-demo: de bezwaren staan er al."]
    assert Bezwaar.objects.count() == 3
