"""R-D2 under concurrency (PostgreSQL, two connections): two users registering an objection
against the same letter, or deciding the same objection, at the same moment: exactly one wins."""

import threading
from datetime import date

import pytest
from django.db import connection

from jeugdregie.bezwaar import services
from jeugdregie.bezwaar.constants import Foutcode
from jeugdregie.bezwaar.models import Bezwaar
from jeugdregie.common.errors import DomainError
from jeugdregie.verwijzingen.models import Verwijzing

from .builders.bezwaar import ingetrokken_beschikking
from .factories import GebruikerFactory
from .klok import op_de_dag


def _tegelijk(*taken):
    uitkomsten, start = [], threading.Barrier(len(taken))

    def doe(taak):
        try:
            start.wait()
            taak()
            uitkomsten.append("ok")
        except DomainError as fout:
            uitkomsten.append(fout.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=doe, args=(t,)) for t in taken]
    with op_de_dag(date(2026, 4, 1)):
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    return sorted(uitkomsten)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twee_gelijktijdige_registraties_een_bezwaar(route):
    """R-D2: the letter's row lock lets one objection in; the other is told one already runs."""
    beschikking = ingetrokken_beschikking(route)
    collega = GebruikerFactory(rol="toegang", gemeente=route["zwolle"])

    def registreer(gebruiker):
        return lambda: services.registreer_bezwaar(
            beschikking=beschikking, indiener="Moeder", gronden="Oneens.", door=gebruiker
        )

    assert _tegelijk(registreer(route["gebruikers"]["toegang"]), registreer(collega)) == [Foutcode.DUBBEL, "ok"]
    assert Bezwaar.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twee_gelijktijdige_beslissingen_precies_een_slaagt(route):
    """R-D2: gegrond (with its new referral) and ongegrond at once: one decision, and a new
    referral only when gegrond won."""
    toegang = route["gebruikers"]["toegang"]
    collega = GebruikerFactory(rol="toegang", gemeente=route["zwolle"])
    with op_de_dag(date(2026, 3, 20)):
        bezwaar = services.registreer_bezwaar(
            beschikking=ingetrokken_beschikking(route), indiener="Moeder", gronden="Oneens.", door=toegang
        )
    services.zie_af_van_horen(bezwaar=bezwaar, reden="Afgezien.", door=toegang)
    voor = Verwijzing.objects.count()

    def beslis(gebruiker, uitkomst):
        return lambda: services.beslis_op_bezwaar(bezwaar=bezwaar, uitkomst=uitkomst, motivering="Zo.", door=gebruiker)

    assert _tegelijk(beslis(toegang, "gegrond"), beslis(collega, "ongegrond")) == [Foutcode.OVERGANG, "ok"]
    bezwaar.refresh_from_db()
    assert Verwijzing.objects.count() == voor + (1 if bezwaar.uitkomst == "gegrond" else 0)
    assert bezwaar.gebeurtenissen.filter(soort="besloten").count() == 1
