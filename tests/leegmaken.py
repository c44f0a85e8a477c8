"""What Django does after emptying the database behind a test with committed data
(``transaction=True``, the browser tests), done with a copy (the ``django_db_setup`` fixture of
conftest.py installs it for the session).

Django's ``flush`` empties every table and sends ``post_migrate`` "as if the database had been
migrated from scratch". Its two receivers (contenttypes and auth) then create every content type
and permission again, app by app: about 430 queries, most of such a test's teardown. The rows
they create are the rows they created right after the migrations, so the copy keeps those
(``bewaar``, once per test database) and, when both tables are empty after a flush, inserts them
again with one insert per table. Otherwise (tables not empty, no copy yet) it sends the signal
itself. tests/test_leegmaken.py proves the copy leaves the rows the receivers create.
"""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.core.management.sql import emit_post_migrate_signal
from django.db import connections, transaction
from django.db.models import Model

# The tables post_migrate fills, a table after the table it points to.
MODELLEN: list[type[Model]] = [ContentType, Permission]

# Per database alias, per model: the rows after the migrations (attribute name -> value).
_rijen: dict[str, dict[type[Model], list[dict]]] = {}


def bewaar(db: str = "default") -> None:
    """Keep the content types and permissions the receivers created after the migrations."""
    _rijen[db] = {
        model: list(model._base_manager.using(db).values(*(veld.attname for veld in model._meta.concrete_fields)))
        for model in MODELLEN
    }


def na_leegmaken(verbosity: int, interactive: bool, db: str, **kwargs) -> bool:
    """In place of ``emit_post_migrate_signal`` after a flush; True when the rows were copied."""
    rijen = _rijen.get(db)
    if rijen is None or any(model._base_manager.using(db).exists() for model in MODELLEN):
        emit_post_migrate_signal(verbosity, interactive, db, **kwargs)
        return False
    with transaction.atomic(using=db):
        for model, model_rijen in rijen.items():
            model._base_manager.using(db).bulk_create([model(**rij) for rij in model_rijen])
        with connections[db].cursor() as cursor:
            for sql in connections[db].ops.sequence_reset_sql(no_style(), MODELLEN):
                cursor.execute(sql)
    ContentType.objects.clear_cache()
    return True
