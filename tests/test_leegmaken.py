"""After a flush (the teardown of a test with committed data) the suite copies the content types
and permissions of the migrated database back (tests/leegmaken.py) instead of sending
post_migrate: the copy leaves the rows the receivers create, in every table."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.commands import flush
from django.core.management.sql import emit_post_migrate_signal

from .inhoud import inhoud
from .leegmaken import na_leegmaken


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
