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

The flush itself (``leeg_sql`` in place of ``sql_flush``) empties only the tables that hold rows,
and leaves the content types and permissions alone while they are exactly the copy: a test with
committed data fills a few dozen of the ~130 tables. On PostgreSQL Django truncates every table,
and a TRUNCATE costs per table (new files for the table and its indexes) even when it is empty;
there the tables with rows are emptied by DELETE (Django's foreign keys are checked at the
commit), except the audit log, whose triggers refuse a DELETE (R-P2) and which is truncated.
With ``reset_sequences`` or ``allow_cascade`` Django's own statements are used.
"""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.core.management.sql import emit_post_migrate_signal, sql_flush
from django.db import connections, transaction
from django.db.models import Model

# The tables post_migrate fills, a table after the table it points to.
MODELLEN: list[type[Model]] = [ContentType, Permission]

# Per database alias, per model: the rows after the migrations (attribute name -> value).
_rijen: dict[str, dict[type[Model], list[dict]]] = {}


# Tables whose rows PostgreSQL refuses to DELETE (the audit log's triggers, R-P2): truncated.
ALLEEN_TOEVOEGEN = {"audit_auditregel", "audit_auditregeljeugdige"}


def _rijen_van(model: type[Model], db: str) -> list[dict]:
    velden = [veld.attname for veld in model._meta.concrete_fields]
    return list(model._base_manager.using(db).order_by("pk").values(*velden))


def bewaar(db: str = "default") -> None:
    """Keep the content types and permissions the receivers created after the migrations."""
    _rijen[db] = {model: _rijen_van(model, db) for model in MODELLEN}


def _zoals_bewaard(db: str) -> bool:
    """Whether the content types and permissions are exactly the copy (a test may change them)."""
    rijen = _rijen.get(db)
    return rijen is not None and all(_rijen_van(model, db) == rijen[model] for model in MODELLEN)


BLOK = 100  # tables per statement (SQLite allows 500 terms in a compound SELECT)


def _met_rijen(connection, tabellen: list[str]) -> list[str]:
    """The tables of ``tabellen`` that hold a row, asked in a statement per ``BLOK`` tables."""
    naam = connection.ops.quote_name
    vragen = [f"SELECT {i} FROM (SELECT 1 FROM {naam(t)} LIMIT 1) AS t{i}" for i, t in enumerate(tabellen)]
    gevonden = []
    with connection.cursor() as cursor:
        for begin in range(0, len(vragen), BLOK):
            cursor.execute(" UNION ALL ".join(vragen[begin : begin + BLOK]))
            gevonden += [tabellen[i] for (i,) in cursor.fetchall()]
    return gevonden


def leeg_sql(style, connection, reset_sequences: bool = True, allow_cascade: bool = False) -> list[str]:
    """In place of ``sql_flush`` in the flush command: the statements that empty every table
    that holds rows, the content types and permissions only when they differ from the copy."""
    if reset_sequences or allow_cascade:
        return sql_flush(style, connection, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
    alle = connection.introspection.django_table_names(only_existing=True, include_views=False)
    kopie = [model._meta.db_table for model in MODELLEN]
    tabellen = _met_rijen(connection, [t for t in alle if t not in kopie])
    if not _zoals_bewaard(connection.alias):
        # named even when empty: the flush then has a statement, so Django calls ``na_leegmaken``
        tabellen = [t for t in kopie if t in alle] + tabellen
    if connection.vendor != "postgresql":
        return connection.ops.sql_flush(style, tabellen, reset_sequences=False)
    naam = connection.ops.quote_name
    # the audit log's tables point at each other: truncated together, or not at all
    afkappen = [f"TRUNCATE {', '.join(naam(t) for t in sorted(ALLEEN_TOEVOEGEN))}"]
    return [f"DELETE FROM {naam(t)}" for t in tabellen if t not in ALLEEN_TOEVOEGEN] + (
        afkappen if ALLEEN_TOEVOEGEN & set(tabellen) else []
    )


def na_leegmaken(verbosity: int, interactive: bool, db: str, **kwargs) -> bool:
    """In place of ``emit_post_migrate_signal`` after a flush; True when the rows were copied
    or were still the copy."""
    rijen = _rijen.get(db)
    if _zoals_bewaard(db):
        return True
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
