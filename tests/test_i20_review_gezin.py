"""Review of issue 20, consent (issue 20 §4, Jeugdwet 7.3.4 as R-D1 states it).

These tests are findings: they state what the rule requires and fail while the product breaks it.
"""

from datetime import date

from jeugdregie.gezin.constants import Gegevenssoort
from jeugdregie.gezin.services_toestemming import geef_toestemming, toestemming_rond

from .klok import op_de_dag

VANDAAG = date(2026, 3, 2)  # Zara, born 17-05-2012, is 13: the youth *and* the gezag holders consent


def test_toestemming_van_13_jarige_zonder_vastgelegde_gezagsdragers_is_niet_rond(wereld, klok):
    """Jeugdwet 7.3.4 lid 3 (R-D1's age rule): from 12 to 16 both the youth and the holders of
    gezag consent. ``toestemming_rond`` asks ``toestemmers(op)``, which lists only the gezag
    holders *entered* in the product; for a 13-year-old whose parents are not entered yet (the
    normal state of every child registered before issue 20) that list is the youth alone, so the
    youth's own consent is reported as complete. Missing data turns into "consent complete"
    instead of "nobody to consent means no consent" (the function's own docstring)."""
    klok(VANDAAG)
    kind = wereld["jeugdige_zwolle"]
    toegang = wereld["gebruikers"]["toegang"]
    with op_de_dag(VANDAAG):
        geef_toestemming(
            jeugdige=kind,
            gegevens=Gegevenssoort.SCHOOL,
            ontvanger="Het Vechtdal College",
            gegeven_door=None,
            door=toegang,
        )
        assert not toestemming_rond(kind, gegevens="school", ontvanger="Het Vechtdal College", op=VANDAAG)
