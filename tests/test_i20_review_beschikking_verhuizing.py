"""Review of issue 20: the letter of every toegang decision (R-D1) and the handover (R-D3).

These tests are findings: they state what the rule requires and fail while the product breaks it.
"""

from datetime import date

import pytest

from jeugdregie.beschikkingen.models import Beschikking, WachtendeBeschikking
from jeugdregie.jeugdigen.services import registreer_verhuizing
from jeugdregie.overdracht.models import Overdracht
from jeugdregie.overdracht.services import beeindig_oude_toewijzing, bevestig_verhuisdatum
from jeugdregie.verwijzingen.models import Gebeurtenis

from .builders.gezin import ouder_met_gezag
from .builders.route import gestart
from .klok import op_de_dag


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_beeindiging_bij_verhuizing_krijgt_geen_beschikking(route, django_capture_on_commit_callbacks):
    """R-D1: each decision of the toegang about a child (allocation, adjustment, withdrawal, ...)
    produces a letter with the objection clause. Ending Zara's allocation because she moved
    (``toewijzingen/services/beeindigen.py``: the granted period is cut from its end date to the
    day before the move, event ``toewijzing_beeindigd``) is such a decision: it takes away care
    the family was granted, and the family may object to it. ``beschikkingen.constants
    .SOORT_PER_GEBEURTENIS`` has no entry for ``toewijzing_beeindigd``, so no letter is made and
    nothing waits for one: the family learns of it only from the provider. (When the allocation
    had not started, the same handover withdraws it and *does* get a letter.)"""
    ouder_met_gezag(route["jeugdige_zwolle"])
    with django_capture_on_commit_callbacks(execute=True):
        toewijzing = gestart(route)
    assert Beschikking.objects.filter(jeugdige=route["jeugdige_zwolle"]).count() == 1  # the allocation's letter

    registreer_verhuizing(jeugdige=route["jeugdige_zwolle"], gemeente=route["deventer"], per=date(2026, 6, 1))
    regel = Overdracht.objects.get().regels.get()
    bevestig_verhuisdatum(overdracht=regel.overdracht, door=route["gebruikers"]["toegang_andere_gemeente"])
    with op_de_dag(date(2026, 6, 2)), django_capture_on_commit_callbacks(execute=True):
        beeindig_oude_toewijzing(regel=regel, door=route["gebruikers"]["toegang"])
    toewijzing.refresh_from_db()
    assert toewijzing.einddatum == date(2026, 5, 31)

    gebeurtenis = Gebeurtenis.objects.get(gebeurtenis="toewijzing_beeindigd")
    assert (
        Beschikking.objects.filter(gebeurtenis=gebeurtenis).exists()
        or WachtendeBeschikking.objects.filter(gebeurtenis=gebeurtenis).exists()
    ), "the end of granted care at a move reaches the family in no letter"
