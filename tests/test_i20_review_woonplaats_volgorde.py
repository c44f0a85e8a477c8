"""Review of issue 20, woonplaatsbeginsel (R-D3): a stay recorded after the move that it precedes.

These tests are findings: they state what the rule requires and fail while the product breaks it.
"""

from datetime import date

from jeugdregie.jeugdigen.services import registreer_verhuizing
from jeugdregie.jeugdigen.woonplaatsbeginsel import verantwoordelijke_gemeente
from jeugdregie.overdracht.models import Overdracht

from .builders.route import gestart
from .builders.wonen import wonen

VERHUISD = date(2026, 6, 1)


def test_verblijf_dat_voor_de_verhuizing_begon_maar_later_is_vastgelegd_laat_de_overdracht_open(route):
    """R-D3 with the facts entered in another order: Zara has ambulant care from Zwolle; the move
    to Deventer on 1 June is recorded first and opens a handover. Then Zwolle records the stay
    that in fact began on 2 March (before the move). Now the rule names Zwolle for June on
    (the address before the stay), yet the handover stays open and keeps asking Zwolle to end
    the ambulant care and Deventer to allocate it: nothing re-evaluates an open handover."""
    gestart(route)
    registreer_verhuizing(jeugdige=route["jeugdige_zwolle"], gemeente=route["deventer"], per=VERHUISD)
    assert Overdracht.objects.filter(status="open").count() == 1
    wonen(route)  # the stay from 2 March 2026, recorded after the move
    assert verantwoordelijke_gemeente(route["jeugdige_zwolle"], VERHUISD).gemeente_id == route["zwolle"].pk
    assert not Overdracht.objects.filter(status="open").exists()
