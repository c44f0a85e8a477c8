"""Review of issue 20, woonplaatsbeginsel (R-D3): stays and moves in another order than the
handover expects.

These tests are findings: they state what the rule requires and fail while the product breaks it.
"""

from datetime import date

from jeugdregie.jeugdigen.services import registreer_verhuizing
from jeugdregie.jeugdigen.woonplaatsbeginsel import verantwoordelijke_gemeente
from jeugdregie.overdracht.models import Overdracht
from jeugdregie.overdracht.services import lopende_ambulante_toewijzingen

from .builders.route import gestart
from .builders.wonen import wonen

EINDE_VERBLIJF = date(2026, 5, 31)
NA_VERBLIJF = date(2026, 6, 1)


def test_einde_verblijf_na_verhuizing_draagt_de_ambulante_hulp_niet_over(route):
    """R-D3: Zara (Zwolle) has ambulant care from Zwolle and a stay from 2 March to 31 May. She
    moves to Deventer on 1 April, during the stay: correctly no handover, Zwolle (the address
    before the stay) stays responsible for all care. From 1 June the stay is over and the rule
    names Deventer, but the handover is opened only by ``Verhuisd`` (``overdracht.services
    .bij_verhuizing``); nothing reacts to the end of a stay. Zwolle's ambulant allocation runs on
    for months for a child Zwolle is no longer responsible for, no handover and no worklist item
    exists for either municipality, and Deventer never allocates."""
    kind = route["jeugdige_zwolle"]
    ambulant = gestart(route)
    wonen(route, einddatum=EINDE_VERBLIJF)
    registreer_verhuizing(jeugdige=kind, gemeente=route["deventer"], per=date(2026, 4, 1))
    # during the stay nothing passes: no handover on the moving day itself (the day after the
    # stay is the day the rule names Deventer, so the handover opens for that day already)
    assert not Overdracht.objects.filter(verhuisdatum=date(2026, 4, 1)).exists()

    # the facts after the stay: Deventer is responsible, Zwolle's ambulant care still runs
    assert verantwoordelijke_gemeente(kind, NA_VERBLIJF).gemeente_id == route["deventer"].pk
    assert list(lopende_ambulante_toewijzingen(kind.pk, route["zwolle"].pk, NA_VERBLIJF)) == [ambulant]

    # what R-D3 requires: the running ambulant care is handed over to Deventer
    overdracht = Overdracht.objects.filter(jeugdige=kind, naar_gemeente=route["deventer"]).first()
    assert overdracht is not None, "no handover after the stay ended: Zwolle keeps paying for a Deventer child"
    assert [r.toewijzing_id for r in overdracht.regels.all()] == [ambulant.pk]
