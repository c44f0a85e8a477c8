"""``veld__any=[…]`` (common/lookups.py): the same rows as ``__in``, on SQLite and PostgreSQL, as
one array parameter on PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jeugdregie.organisaties.models import Aanbieder, Gemeente

from .factories import AanbiederFactory, GemeenteFactory

pytestmark = pytest.mark.django_db


def test_any_geeft_dezelfde_rijen_als_in():
    gemeenten = GemeenteFactory.create_batch(4)
    gevraagd = [gemeenten[0].pk, gemeenten[2].pk, 10**9]
    namen = [gemeenten[1].naam, gemeenten[3].naam, "Nergens"]
    assert set(Gemeente.objects.filter(pk__any=gevraagd)) == set(Gemeente.objects.filter(pk__in=gevraagd))
    assert set(Gemeente.objects.filter(naam__any=namen)) == {gemeenten[1], gemeenten[3]}
    assert not Gemeente.objects.filter(pk__any=[]).exists()


def test_any_op_een_verwijzende_sleutel():
    aanbieders = AanbiederFactory.create_batch(3)
    regio_ids = {aanbieders[0].regio_id}  # any iterable, e.g. a set of ids
    verwacht = set(Aanbieder.objects.filter(regio_id__in=regio_ids))
    assert verwacht and set(Aanbieder.objects.filter(regio__any=regio_ids)) == verwacht


def test_any_is_een_parameter_op_postgresql():
    gemeenten = GemeenteFactory.create_batch(3)
    with CaptureQueriesContext(connection) as vastgelegd:
        list(Gemeente.objects.filter(pk__any=[g.pk for g in gemeenten]))
    sql = vastgelegd.captured_queries[-1]["sql"]
    if connection.vendor == "postgresql":
        assert "= ANY(" in sql and " IN (" not in sql
    else:
        assert " IN (" in sql
