"""Bulk loading of young people through a staging table (issue 2 §7).

Rows go into a temporary staging table, by ``COPY`` on PostgreSQL and by ``executemany`` on
SQLite, and then into the real tables with ``INSERT … SELECT … ON CONFLICT DO NOTHING``. That
makes a second run with the same seed a no-op (idempotent), and it never holds more than one
chunk in memory. (``WHERE true`` before ``ON CONFLICT`` avoids SQLite's parsing ambiguity.)

The trajectories (trajecten.py) use ``Tabel``: rows get their ids up front (after the current
highest id), go straight into the real tables in one transaction (``COPY`` / ``executemany``),
and the PostgreSQL id sequences are moved past them afterwards (``herstel_reeksen``). Their
idempotence comes from a marker check in trajecten.py, not from ``ON CONFLICT``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from datetime import datetime

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max

from jeugdregie.common.bulk import schrijf_rijen

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
    # contact data (issue 15 §2; synthese/adressen.py)
    ("straatnaam", "varchar(24)"),
    ("huisnummer", "integer"),
    ("huisletter", "varchar(1)"),
    ("postcode", "varchar(8)"),
    ("plaatsnaam", "varchar(80)"),
    ("adres_begindatum", "date"),
    ("telefoon_1", "varchar(15)"),
    ("telefoon_2", "varchar(15)"),
    ("post_straatnaam", "varchar(24)"),
    ("post_huisnummer", "integer"),
    ("post_postcode", "varchar(8)"),
    ("post_plaatsnaam", "varchar(80)"),
    ("post_begindatum", "date"),
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
    # woonadres (COD757 01) and correspondence address (02); NL, dates set by the generator
    """INSERT INTO jeugdigen_adres (jeugdige_id, soort, straatnaam, huisnummer, huisletter, huisnummertoevoeging,
           aanduiding, postcode, plaatsnaam, land, begindatum, einddatum)
       SELECT j.id, '01', s.straatnaam, s.huisnummer, s.huisletter, '', '', s.postcode, s.plaatsnaam, 'NL',
              s.adres_begindatum, NULL
       FROM stg_jeugdige s JOIN jeugdigen_jeugdige j ON j.bsn = s.bsn
       WHERE s.straatnaam IS NOT NULL ON CONFLICT DO NOTHING""",
    """INSERT INTO jeugdigen_adres (jeugdige_id, soort, straatnaam, huisnummer, huisletter, huisnummertoevoeging,
           aanduiding, postcode, plaatsnaam, land, begindatum, einddatum)
       SELECT j.id, '02', s.post_straatnaam, s.post_huisnummer, '', '', '', s.post_postcode, s.post_plaatsnaam,
              'NL', s.post_begindatum, NULL
       FROM stg_jeugdige s JOIN jeugdigen_jeugdige j ON j.bsn = s.bsn
       WHERE s.post_straatnaam IS NOT NULL ON CONFLICT DO NOTHING""",
    """INSERT INTO jeugdigen_telefoonnummer (jeugdige_id, nummer, landnummer, volgorde, begindatum, einddatum)
       SELECT j.id, s.telefoon_1, '0031', 1, s.adres_begindatum, NULL
       FROM stg_jeugdige s JOIN jeugdigen_jeugdige j ON j.bsn = s.bsn
       WHERE s.telefoon_1 IS NOT NULL ON CONFLICT DO NOTHING""",
    """INSERT INTO jeugdigen_telefoonnummer (jeugdige_id, nummer, landnummer, volgorde, begindatum, einddatum)
       SELECT j.id, s.telefoon_2, '0031', 2, s.adres_begindatum, NULL
       FROM stg_jeugdige s JOIN jeugdigen_jeugdige j ON j.bsn = s.bsn
       WHERE s.telefoon_2 IS NOT NULL ON CONFLICT DO NOTHING""",
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


# --- Trajectories: rows with ids assigned up front, loaded straight into the real tables ---


def hoogste_id(model) -> int:
    return model.objects.aggregate(m=Max("pk"))["m"] or 0


class Tabel:
    """Rows for one model, built in Python with their primary keys assigned up front (so rows
    can refer to each other before anything is written). ``rij`` takes the fields of ``velden``
    positionally (the fast path for big tables); ``voeg_toe`` takes keyword fields. Fields left
    out get their model default, or NULL. Every ``BLOK`` rows are written at once, so memory
    stays flat; call this only inside one transaction (foreign keys are checked at commit)."""

    BLOK = 10_000

    def __init__(self, model, velden: Sequence[str] = ()) -> None:
        self.model = model
        self.velden = tuple(velden)
        self.rijen: list[tuple | dict] = []
        self.geschreven = 0
        self._volgend = hoogste_id(model) + 1

    def __len__(self) -> int:
        return self.geschreven + len(self.rijen)

    def nieuw_id(self) -> int:
        self._volgend += 1
        return self._volgend - 1

    def rij(self, *waarden, pk: int | None = None) -> int:
        pk = self.nieuw_id() if pk is None else pk
        self.rijen.append((pk, *waarden))
        if len(self.rijen) >= self.BLOK:
            self._schrijf_blok()
        return pk

    def voeg_toe(self, pk: int | None = None, **waarden) -> int:
        pk = self.nieuw_id() if pk is None else pk
        waarden["id"] = pk
        self.rijen.append(waarden)
        if len(self.rijen) >= self.BLOK:
            self._schrijf_blok()
        return pk

    def laad(self) -> int:
        """Write the remaining rows; returns how many rows this table wrote in all."""
        self._schrijf_blok()
        return self.geschreven

    def _schrijf_blok(self) -> None:
        """COPY on PostgreSQL, executemany on SQLite."""
        if not self.rijen:
            return
        velden = list(self.model._meta.concrete_fields)
        namen = [f.attname for f in velden]
        positie = {naam: i for i, naam in enumerate(("id", *self.velden))}
        bronnen = [positie.get(naam) for naam in namen]
        standaard = [_standaard(f) for f in velden]
        omzetten = [(i, o) for i, o in enumerate(_omzetter(f) for f in velden) if o is not None]

        def als_rij(rij) -> list:
            if isinstance(rij, dict):
                waarden = [rij.get(naam, std) for naam, std in zip(namen, standaard, strict=True)]
            else:
                waarden = [std if i is None else rij[i] for i, std in zip(bronnen, standaard, strict=True)]
            for i, omzetter in omzetten:
                if waarden[i] is not None:
                    waarden[i] = omzetter(waarden[i])
            return waarden

        kolommen = [f.column for f in velden]
        schrijf_rijen(self.model._meta.db_table, kolommen, (als_rij(r) for r in self.rijen))
        self.geschreven += len(self.rijen)
        self.rijen = []


def _standaard(field):
    """The model default; blank text fields get "" as Django would."""
    return field.get_default()


def _omzetter(field):
    if isinstance(field, models.DateTimeField):
        return functools.lru_cache(maxsize=2**16)(connection.ops.adapt_datetimefield_value)
    if isinstance(field, models.JSONField):
        return json.dumps
    return None


def herstel_reeksen(modellen: Sequence) -> None:
    """After inserting explicit ids: move PostgreSQL's id sequences past them (SQLite's
    AUTOINCREMENT follows by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(modellen))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def ververs_statistieken(modellen: Sequence | None = None) -> None:
    """After a bulk load on PostgreSQL: ANALYZE the tables (``None``: every table of the
    database), so the planner knows their size before autovacuum does (inside the loading
    transaction ANALYZE samples its own new rows too). Without it a fresh table looks empty and a
    join over it takes a plan for a few rows: the family step's anti-join of residents without
    family rows ran for minutes as nested loops over the whole tables (hand-in CI of issue 20)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if modellen is None:
            cursor.execute("ANALYZE")
            return
        for model in modellen:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
