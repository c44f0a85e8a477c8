"""Bulk loading of young people through a staging table (issue 2 §7).

Rows go into a temporary staging table, by ``COPY`` on PostgreSQL and by ``executemany`` on
SQLite, and then into the real tables with ``INSERT … SELECT … ON CONFLICT DO NOTHING``. That
makes a second run with the same seed a no-op (idempotent), and it never holds more than one
chunk in memory. (``WHERE true`` before ``ON CONFLICT`` avoids SQLite's parsing ambiguity.)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import connection, transaction

STAGING_COLUMNS = (
    ("bsn", "varchar(9)"),
    ("voornamen", "varchar(200)"),
    ("achternaam", "varchar(200)"),
    ("geboortedatum", "date"),
    ("geslacht", "varchar(1)"),
    ("gemeente_id", "bigint"),
    ("woon_begindatum", "date"),
    ("vorige_gemeente_id", "bigint"),
    ("vorige_einddatum", "date"),
    ("aanbieder_id", "bigint"),
    ("verwijzer_id", "bigint"),
    ("zorg_begindatum", "date"),
)
_NAMES = ", ".join(name for name, _ in STAGING_COLUMNS)

_INSERTS = (
    # young people; the BSN is the natural key
    """INSERT INTO jeugdigen_jeugdige (bsn, voornamen, achternaam, geboortedatum, geslacht, aangemaakt)
       SELECT bsn, voornamen, achternaam, geboortedatum, geslacht, %s FROM stg_jeugdige
       WHERE true ON CONFLICT DO NOTHING""",
    # earlier residence, for those who moved (woonplaatsbeginsel history)
    """INSERT INTO jeugdigen_woonplaats (jeugdige_id, gemeente_id, begindatum, einddatum)
       SELECT j.id, s.vorige_gemeente_id, s.geboortedatum, s.vorige_einddatum
       FROM stg_jeugdige s JOIN jeugdigen_jeugdige j ON j.bsn = s.bsn
       WHERE s.vorige_gemeente_id IS NOT NULL
       ON CONFLICT DO NOTHING""",
    # current residence
    """INSERT INTO jeugdigen_woonplaats (jeugdige_id, gemeente_id, begindatum, einddatum)
       SELECT j.id, s.gemeente_id, s.woon_begindatum, NULL
       FROM stg_jeugdige s JOIN jeugdigen_jeugdige j ON j.bsn = s.bsn
       WHERE true ON CONFLICT DO NOTHING""",
    # the provider in care gets sight of the young person (R-P1)
    """INSERT INTO jeugdigen_betrokkenheid (jeugdige_id, aanbieder_id, verwijzer_id, bron, begindatum, einddatum)
       SELECT j.id, s.aanbieder_id, NULL, 'toewijzing', s.zorg_begindatum, NULL
       FROM stg_jeugdige s JOIN jeugdigen_jeugdige j ON j.bsn = s.bsn
       WHERE s.aanbieder_id IS NOT NULL AND NOT EXISTS (
           SELECT 1 FROM jeugdigen_betrokkenheid b WHERE b.jeugdige_id = j.id AND b.aanbieder_id = s.aanbieder_id)""",
    # and so does the referrer
    """INSERT INTO jeugdigen_betrokkenheid (jeugdige_id, aanbieder_id, verwijzer_id, bron, begindatum, einddatum)
       SELECT j.id, NULL, s.verwijzer_id, 'verwijzing', s.zorg_begindatum, NULL
       FROM stg_jeugdige s JOIN jeugdigen_jeugdige j ON j.bsn = s.bsn
       WHERE s.verwijzer_id IS NOT NULL AND NOT EXISTS (
           SELECT 1 FROM jeugdigen_betrokkenheid b WHERE b.jeugdige_id = j.id AND b.verwijzer_id = s.verwijzer_id)""",
)


def _fill_staging(cursor, rows: Sequence[tuple]) -> None:
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY stg_jeugdige ({_NAMES}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        placeholders = ", ".join("%s" for _ in STAGING_COLUMNS)
        cursor.executemany(f"INSERT INTO stg_jeugdige ({_NAMES}) VALUES ({placeholders})", rows)


def laad_jeugdigen(rows: Sequence[tuple], *, aangemaakt: datetime) -> int:
    """Load one chunk of staging rows; returns the number of young people newly inserted."""
    columns = ", ".join(f"{name} {kind}" for name, kind in STAGING_COLUMNS)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS stg_jeugdige")
        cursor.execute(f"CREATE TEMPORARY TABLE stg_jeugdige ({columns})")
        _fill_staging(cursor, rows)
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE stg_jeugdige")
        cursor.execute(_INSERTS[0], [aangemaakt])
        nieuw = cursor.rowcount
        for statement in _INSERTS[1:]:
            cursor.execute(statement)
        cursor.execute("DROP TABLE stg_jeugdige")
    return nieuw
