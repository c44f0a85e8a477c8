"""The suite's copy of the catalogue (tests/catalogus_kopie.py, the ``catalogus`` fixture) is
what the loader writes: the same rows in every table, and new rows still get free ids. Tests
that start from the catalogue prove what they prove against the loader's catalogue."""

from __future__ import annotations

from django.core.management.color import no_style
from django.db import connection

from jeugdregie.catalogus.loader import laad_catalogus
from jeugdregie.catalogus.models import Product, Tariefgroep

from .catalogus_kopie import CATALOGUSMODELLEN, laad_catalogus_eenmaal
from .inhoud import inhoud


def _leegmaken() -> None:
    for model in reversed(CATALOGUSMODELLEN):
        model._base_manager.all().delete()


def test_kopie_schrijft_dezelfde_rijen_als_de_lader(db):
    """Given the catalogue loaded once in this process, when the tables are emptied and the
    catalogue is loaded again, the copy writes exactly the rows of every table that the real
    loader writes into the same empty tables."""
    laad_catalogus_eenmaal()
    _leegmaken()
    leeg = inhoud()

    assert laad_catalogus_eenmaal() is True  # the copy, not the loader
    kopie = inhoud()
    _leegmaken()
    assert inhoud() == leeg
    laad_catalogus()

    assert inhoud() == kopie
    assert len(kopie["catalogus.Product"]) == 27


def test_na_de_kopie_krijgt_een_nieuwe_rij_een_vrij_id(db):
    """Given id sequences set back to the start, when the catalogue is copied, a new product and
    tariff group still get an id after the copied rows (the copy moves the sequences on)."""
    laad_catalogus_eenmaal()
    _leegmaken()
    tabellen = [{"table": model._meta.db_table, "column": "id"} for model in CATALOGUSMODELLEN]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_by_name_sql(no_style(), tabellen):
            cursor.execute(sql)

    assert laad_catalogus_eenmaal() is True

    groep = Tariefgroep.objects.create(nummer=99, naam="Nieuw", opleidingsniveau="hbo", fwg="55")
    product = Product.objects.create(code="99Z99", naam="Nieuw product", tariefgroep=groep)
    assert groep.pk > max(Tariefgroep.objects.exclude(pk=groep.pk).values_list("pk", flat=True))
    assert product.pk > max(Product.objects.exclude(pk=product.pk).values_list("pk", flat=True))
    assert Tariefgroep.objects.count() == 8
