"""Review of issue 20 as a privacy officer (R-P7 with R-D2, issue 20 §3/§4).

These tests are findings: they state what the rule requires and fail while the product breaks it.
"""

from datetime import date

from jeugdregie.bewaring.constants import Dataklasse
from jeugdregie.bewaring.services.opschonen import Beoordeling, anonimiseer
from jeugdregie.bezwaar import services as bezwaar_services
from jeugdregie.bezwaar.models import Beroep, Bezwaar

from .builders.bezwaar import ingetrokken_beschikking
from .klok import op_de_dag

NAAM_OUDER = "Margriet Zwolsma-Hoekstra"


def test_anonimiseren_laat_de_naam_van_de_bezwaarmaker_staan(route):
    """R-P7 (issue 20 §3): a bezwaar names the objector ("Wie maakt bezwaar": in practice a
    parent, by name). When the retention job anonymises the child, the parents' names go
    (``Gezinslid`` is deleted), the letters' addressees go (``beschikkingen.opschonen``), but
    ``Bezwaar.indiener`` is a CharField and the schema walk blanks only TextFields
    (``bewaring/services/opschonen.py`` ``anonimiseer``): the parent's name stays, next to the
    pseudonymised child. The same holds for the court's case number of the appeal (a key into the
    court's file on this child)."""
    toegang = route["gebruikers"]["toegang"]
    with op_de_dag(date(2026, 3, 20)):
        bezwaar = bezwaar_services.registreer_bezwaar(
            beschikking=ingetrokken_beschikking(route),
            indiener=f"{NAAM_OUDER} (moeder)",
            gronden="Zara heeft de hulp nog nodig.",
            door=toegang,
        )
        bezwaar_services.zie_af_van_horen(bezwaar=bezwaar, reden="Afgezien.", door=toegang)
    with op_de_dag(date(2026, 4, 1)):
        bezwaar_services.beslis_op_bezwaar(bezwaar=bezwaar, uitkomst="ongegrond", motivering="Klopt.", door=toegang)
    with op_de_dag(date(2026, 4, 20)):
        bezwaar_services.registreer_beroep(
            bezwaar=bezwaar, rechtbank="Rechtbank Overijssel", zaaknummer="ZWO 26/1234 JEUGD", door=toegang
        )

    kind = route["jeugdige_zwolle"]
    assert anonimiseer(
        jeugdige_id=kind.pk,
        beoordeling=Beoordeling(
            jeugdige_id=kind.pk,
            dataklasse=Dataklasse.JEUGDHULPDOSSIER,
            bewaren_tot=date(2041, 12, 31),
            verlengd=False,
            dossier_verlopen=True,
        ),
    )

    bezwaar.refresh_from_db()
    assert bezwaar.gronden == ""  # the TextFields are blanked ...
    assert NAAM_OUDER not in bezwaar.indiener  # ... but the objector's name is not (this fails)
    assert Beroep.objects.get(bezwaar=bezwaar).zaaknummer == ""
    assert not Bezwaar.objects.filter(indiener__icontains="Zwolsma").exists()
