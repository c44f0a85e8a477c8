"""Review of issue 20, bezwaar (R-D2) against the woonplaatsbeginsel (R-D3).

These tests are findings: they state what the rule requires and fail while the product breaks it.
"""

from datetime import date

from jeugdregie.bezwaar import services
from jeugdregie.bezwaar.constants import BezwaarStatus, Uitkomst
from jeugdregie.bezwaar.models import Bezwaar
from jeugdregie.jeugdigen.services import registreer_verhuizing

from .builders.bezwaar import ingetrokken_beschikking
from .klok import op_de_dag


def test_gegrond_bezwaar_na_verhuizing_kan_niet_worden_beslist(route):
    """R-D2: the body that took the decision (Zwolle) decides on the objection (Awb 7:1, 7:10),
    also after the family moved: the bezwaar stays with Zwolle (``mag_bezwaar_behandelen``).
    Gegrond against a withdrawn allocation re-makes the decision through ``herstel.herverwijs``
    → ``registreer_verwijzing``, which since issue 20 picks the municipality by the
    woonplaatsbeginsel on the decision day and refuses Zwolle ("alleen voor inwoners van uw eigen
    gemeente"); ``beslis_op_bezwaar`` then rolls back. Zwolle can only declare the objection
    ongegrond or niet-ontvankelijk: a well-founded objection cannot be upheld, the decision term
    runs out (dwangsom, Awb 4:17) and nothing hands it to Deventer."""
    toegang = route["gebruikers"]["toegang"]
    beschikking = ingetrokken_beschikking(route)  # sent 2 March 2026
    with op_de_dag(date(2026, 3, 20)):
        bezwaar = services.registreer_bezwaar(
            beschikking=beschikking, indiener="M. Zwolsma (moeder)", gronden="Zara heeft de hulp nodig.", door=toegang
        )
        services.registreer_hoorzitting(bezwaar=bezwaar, door=toegang)
    registreer_verhuizing(jeugdige=route["jeugdige_zwolle"], gemeente=route["deventer"], per=date(2026, 4, 1))

    with op_de_dag(date(2026, 4, 15)):
        services.beslis_op_bezwaar(
            bezwaar=bezwaar, uitkomst=Uitkomst.GEGROND, motivering="De intrekking was onterecht.", door=toegang
        )
    bezwaar = Bezwaar.objects.get(pk=bezwaar.pk)
    assert (bezwaar.status, bezwaar.uitkomst) == (BezwaarStatus.BESLOTEN, Uitkomst.GEGROND)
