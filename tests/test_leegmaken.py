"""After a flush (the teardown of a test with committed data) the suite copies the content types
and permissions of the migrated database back (tests/leegmaken.py) instead of sending
post_migrate: the copy leaves the rows the receivers create, in every table."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.management.commands import flush
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection

from .builders.route import gestart
from .inhoud import inhoud
from .leegmaken import MODELLEN, _rijen, _rijen_van, leeg_sql, na_leegmaken


def _leeg() -> None:
    Permission.objects.all().delete()
    ContentType.objects.all().delete()
    ContentType.objects.clear_cache()


def test_kopie_na_leegmaken_is_wat_post_migrate_maakt(db):
    """Given no content types and permissions, when the copy fills them, every table holds what
    the post_migrate receivers write into the same empty tables; flush uses the copy."""
    _leeg()
    emit_post_migrate_signal(0, False, "default")
    echt = inhoud()
    _leeg()

    assert na_leegmaken(0, False, "default") is True

    assert inhoud() == echt
    assert Permission.objects.filter(codename="view_gebruiker", content_type__app_label="accounts").exists()
    assert flush.emit_post_migrate_signal is na_leegmaken


def test_zonder_lege_tabellen_stuurt_de_kopie_het_signaal(db):
    """Given content types left in the table, the copy inserts nothing and lets the receivers
    add what is missing."""
    Permission.objects.filter(content_type__app_label="catalogus").delete()

    assert na_leegmaken(0, False, "default") is False

    assert Permission.objects.filter(codename="view_product", content_type__app_label="catalogus").exists()


def _met_rijen() -> list[str]:
    return [m._meta.label for m in apps.get_models(include_auto_created=True) if m._base_manager.exists()]


def _flush() -> None:
    """Django's flush as a test with committed data ends (TransactionTestCase._fixture_teardown)."""
    call_command("flush", verbosity=0, interactive=False, reset_sequences=False, allow_cascade=False)


@pytest.mark.django_db(transaction=True)
def test_leegmaken_laat_alleen_de_kopie_staan(route):
    """Given committed rows in many tables, the audit log among them (on PostgreSQL its triggers
    refuse DELETE, R-P2), when Django's flush runs as after a test with committed data, then it
    names only the tables with rows (never the content types and permissions), and afterwards no
    table holds a row except those two, which are the copy."""
    gestart(route)
    met_rijen = {m._meta.db_table for m in apps.get_models(include_auto_created=True) if m._base_manager.exists()}
    assert "audit_auditregel" in met_rijen and len(met_rijen) > 20

    genoemd = set(re.findall(r'"(\w+)"', " ".join(leeg_sql(no_style(), connection, reset_sequences=False))))

    bewaard = {m._meta.db_table for m in MODELLEN}
    samen = {"audit_auditregeljeugdige"} if connection.vendor == "postgresql" else set()  # truncated together
    assert genoemd == met_rijen - bewaard | samen
    _flush()

    assert flush.sql_flush is leeg_sql
    assert sorted(_met_rijen()) == sorted(m._meta.label for m in MODELLEN)
    assert all(_rijen_van(model, "default") == _rijen["default"][model] for model in MODELLEN)


@pytest.mark.django_db(transaction=True)
def test_leegmaken_zet_gewijzigde_rechten_terug(route):
    """Given a permission a test renamed and one it deleted, the flush empties those tables too
    and the copy puts back what the migrations made."""
    Permission.objects.filter(codename="view_product").update(name="anders")
    Permission.objects.filter(codename="view_gebruiker").delete()

    _flush()

    assert sorted(_met_rijen()) == sorted(m._meta.label for m in MODELLEN)
    assert all(_rijen_van(model, "default") == _rijen["default"][model] for model in MODELLEN)


@pytest.mark.django_db(transaction=True)
def test_leegmaken_zet_verwijderde_inhoudstypen_terug_ook_zonder_andere_rijen():
    """Found in review: with every content type deleted (and so every permission) and no other
    row, the flush still names those tables, so the copy is put back after it."""
    _flush()  # whatever the migrations left goes too
    ContentType.objects.all().delete()
    ContentType.objects.clear_cache()
    assert _met_rijen() == []

    _flush()

    assert sorted(_met_rijen()) == sorted(m._meta.label for m in MODELLEN)
    assert all(_rijen_van(model, "default") == _rijen["default"][model] for model in MODELLEN)
