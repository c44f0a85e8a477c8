"""The bulk helpers of the declaration intake (benchmark W2, issue 18): fresh ids for several
models in one round trip, and the collector settings every Django process gets."""

from __future__ import annotations

import gc

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jeugdregie.budgetten.models import Budgetmutatie
from jeugdregie.common.bulk import nieuwe_id_reeksen, nieuwe_ids
from jeugdregie.declaraties.models import Declaratieregel


@pytest.mark.django_db(transaction=True)
def test_nieuwe_id_reeksen_geeft_per_model_zoveel_verse_ids_als_gevraagd():
    with CaptureQueriesContext(connection) as vragen:
        regels, mutaties, geen = nieuwe_id_reeksen((Declaratieregel, 3), (Budgetmutatie, 2), (Declaratieregel, 0))
    assert len(regels) == 3 and len(mutaties) == 2 and geen == []
    assert len(set(regels)) == 3 and len(set(mutaties)) == 2
    if connection.vendor == "postgresql":  # one round trip for both sequences, each id taken from it
        assert len(vragen.captured_queries) == 1
        assert min(nieuwe_ids(Declaratieregel, 1)) > max(regels)
        assert min(nieuwe_ids(Budgetmutatie, 1)) > max(mutaties)


def test_de_collector_draait_met_de_ingestelde_drempel_en_bevroren_opstartobjecten():
    assert gc.get_threshold()[0] == settings.JEUGDREGIE_GC_DREMPEL
    assert gc.get_freeze_count() > 0  # the objects of start-up are out of the collector's walks
