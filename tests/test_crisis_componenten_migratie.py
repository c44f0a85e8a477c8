"""R-C5: migration verantwoording 0002 turns every year set with the single availability amount into
one component of that amount, so the split of an existing year stays the same."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from jeugdregie.organisaties.constants import AanbiederCategorie
from jeugdregie.organisaties.models import Contract

from .factories import AanbiederFactory, GemeenteFactory

VOOR = [("verantwoording", "0001_initial")]
NA = [("verantwoording", "0002_beschikbaarheidscomponenten")]


def _migreer(doel):
    executor = MigrationExecutor(connection)
    executor.migrate(doel)
    executor.loader.build_graph()
    return executor.loader.project_state(doel).apps


@pytest.mark.django_db(transaction=True)
def test_bestaand_jaar_wordt_een_component_met_de_crisisdienst_als_ontvanger():
    """R-C5: the single amount becomes one component "Beschikbaarheid crisisfunctie" of the same
    amount; its payee is the region's crisis service when there is exactly one."""
    gemeente = GemeenteFactory()
    dienst = AanbiederFactory(categorie=AanbiederCategorie.CRISIS)
    Contract.objects.create(aanbieder=dienst, regio=gemeente.regio, nummer="C-MIG", begindatum=date(2022, 1, 1))
    try:
        oud = _migreer(VOOR)
        bekostiging = oud.get_model("verantwoording", "Crisisbekostiging").objects.create(
            regio_id=gemeente.regio_id, jaar=2025, beschikbaarheid=Decimal("974000.00"), tarief_interventie=650
        )
        nieuw = _migreer(NA)
        componenten = nieuw.get_model("verantwoording", "Beschikbaarheidscomponent").objects.filter(
            bekostiging_id=bekostiging.pk
        )
        assert list(componenten.values_list("naam", "bedrag", "ontvanger_id")) == [
            ("Beschikbaarheid crisisfunctie", Decimal("974000.00"), dienst.pk)
        ]
    finally:
        _migreer(MigrationExecutor(connection).loader.graph.leaf_nodes())
