"""The rollup's engine (issue 18, ADR 0011): DuckDB, embedded in the process, computes the cells
from the transactional database, which it reads through its sqlite or postgres extension (the
pinned ``duckdb-ext-*`` wheels; nothing is downloaded at run time).

The indicators stay defined once, as Django querysets (``indicatoren/``). The partial-cell
query of an indicator (``rollup._deelcellen``) is compiled by Django's PostgreSQL compiler,
whichever database runs, and DuckDB — whose SQL follows PostgreSQL's — executes it. It reads
in-memory copies of just the tables and columns those queries name, taken once per run: one
read of the source for all indicators, columnar and on every core. On SQLite the copy casts
what SQLite stores loosely to the types PostgreSQL has (a decimal exactly, a moment as UTC).

DuckDB reads through its own connection, so it sees what is *committed*: the rollup runs after
the intake's commit, in a background worker or a command, never inside a request or a writing
transaction. The cells go back through Django's connection, in the caller's transaction
(``voeg_toe``), without passing through Python's objects where the database can take a file: on
SQLite the engine writes them into a scratch SQLite file that Django's connection has attached
and copies with one ``INSERT … SELECT``; on PostgreSQL the engine writes a CSV file that goes in
by ``COPY``."""

from __future__ import annotations

import contextlib
import importlib.util
import re
import shutil
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path

import duckdb
import duckdb_ext
from django.apps import apps
from django.conf import settings
from django.db import connection, models
from django.db.backends.postgresql.base import DatabaseWrapper as PostgresWrapper
from django.db.models import QuerySet

from jeugdregie.common.sqlitebestand import BESTAND

from ..constants import ALLE, Periodesoort
from ..indicatoren.basis import GROEPERINGEN, KOLOM

# DuckDB's Python client asks for pandas at every statement and fetch (to recognise its values);
# pandas is not installed, and Python searched sys.path for it again each time (~1,750 times per
# full rebuild). Python is told once that it is absent, as if an import of it had failed.
if importlib.util.find_spec("pandas") is None:
    sys.modules.setdefault("pandas", None)  # type: ignore[arg-type]

_TABEL = re.compile(r'(?:FROM|JOIN)\s+"(\w+)"')
_NAAM = re.compile(r'"(\w+)"')
_PARAMETER = re.compile(r"%%|%s")


MAP = "jeugdregie-rekenkern-"  # prefix of a run's directory in the temp dir
OUD = 24 * 3600  # seconds after which a run's directory is a killed run's


def _ruim_op() -> None:
    """Remove the directories (and files) runs of a killed process left in the temp dir."""
    grens = time.time() - OUD
    for pad in Path(tempfile.gettempdir()).glob(f"{MAP}*"):
        with contextlib.suppress(OSError):
            if pad.stat().st_mtime < grens:
                shutil.rmtree(pad) if pad.is_dir() else pad.unlink()


class RekenkernFout(Exception):
    """The engine cannot read the database (e.g. an in-memory SQLite database)."""


def _dialect() -> PostgresWrapper:
    """A PostgreSQL connection object that is never opened: it only compiles querysets."""
    instellingen = {**connection.settings_dict, "ENGINE": "django.db.backends.postgresql", "OPTIONS": {}}
    return PostgresWrapper(instellingen, alias="rekenkern")


def _waarde(parameter):
    """A query parameter as DuckDB takes it: choices as their text, psycopg's Int4 as an int."""
    if isinstance(parameter, Enum):
        return parameter.value
    if isinstance(parameter, int) and not isinstance(parameter, bool):
        return int(parameter)
    if isinstance(parameter, str):
        return str(parameter)
    return parameter


def compileer(queryset: QuerySet, dialect: PostgresWrapper) -> tuple[str, list]:
    """The queryset's SQL in PostgreSQL's dialect with DuckDB's ``?`` placeholders."""
    sql, params = queryset.query.get_compiler(connection=dialect).as_sql()
    sql = _PARAMETER.sub(lambda m: "%" if m.group() == "%%" else "?", sql)
    return sql, [_waarde(p) for p in params]


def tabellen_van(queryset: QuerySet) -> list[str]:
    """Every table the queryset's SQL reads, once per FROM or JOIN (subqueries included)."""
    return _TABEL.findall(compileer(queryset, _dialect())[0])


def _aansluiting() -> tuple[str, str]:
    """(ATTACH target, type) of Django's default database."""
    instellingen = connection.settings_dict
    if connection.vendor == "sqlite":
        naam = str(instellingen["NAME"])
        if naam == ":memory:" or "mode=memory" in naam:
            raise RekenkernFout(
                "De rekenkern leest de database uit een bestand; "
                "een SQLite-database in het geheugen kan hij niet lezen."
            )
        return naam, "sqlite"
    delen = {
        "dbname": instellingen["NAME"],
        "host": instellingen.get("HOST"),
        "port": instellingen.get("PORT"),
        "user": instellingen.get("USER"),
        "password": instellingen.get("PASSWORD"),
    }
    # libpq's own keys from Django's OPTIONS (TLS, timeouts, service files), as psycopg passes them
    delen |= {k: v for k, v in instellingen.get("OPTIONS", {}).items() if k in _LIBPQ}

    def citeer(waarde) -> str:
        return "'" + str(waarde).replace("\\", "\\\\").replace("'", "\\'") + "'"

    return " ".join(f"{k}={citeer(v)}" for k, v in delen.items() if v), "postgres"


_LIBPQ = {
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "sslpassword",
    "sslcrl",
    "connect_timeout",
    "options",
    "service",
    "passfile",
    "target_session_attrs",
    "application_name",
}


_DATABASE: duckdb.DuckDBPyConnection | None = None
_GELADEN: set[str] = set()
_SLOT = threading.Lock()


def _database(soort: str) -> duckdb.DuckDBPyConnection:
    """The process's DuckDB database (in memory), created once with the memory limit, threads
    and spill directory of the settings, with the extension for ``soort`` loaded once (loading
    it costs ~0.1 s; each run opens a cursor on this database)."""
    global _DATABASE
    with _SLOT:
        if _DATABASE is None:
            instellingen: dict[str, str | bool | int | float | list[str]] = {
                "temp_directory": str(Path(tempfile.gettempdir()) / "jeugdregie-rekenkern"),
                "memory_limit": settings.JEUGDREGIE_REKENKERN_GEHEUGEN,
            }
            if settings.JEUGDREGIE_REKENKERN_DRADEN:
                instellingen["threads"] = settings.JEUGDREGIE_REKENKERN_DRADEN
            _DATABASE = duckdb.connect(config=instellingen)
            duckdb_ext.init(_DATABASE)
        if soort not in _GELADEN:
            _DATABASE.execute(f"LOAD {soort}")
            _GELADEN.add(soort)
        return _DATABASE


def _letterlijk(waarde: date | str) -> str:
    """A date or a text as an SQL literal, for a query handed to the source as text."""
    if isinstance(waarde, date):
        return f"'{waarde.isoformat()}'"
    return "'" + str(waarde).replace("'", "''") + "'"


def _kolom(veld: models.Field, sqlite: bool) -> str:
    """A column of the copy; from SQLite with PostgreSQL's type (SQLite stores a decimal as a
    float or text, a boolean as 0/1 and a moment as UTC text without its zone)."""
    naam = f'"{veld.column}"'
    if not sqlite:
        return naam
    if isinstance(veld, models.DecimalField):
        return f"CAST({naam} AS DECIMAL({veld.max_digits}, {veld.decimal_places})) AS {naam}"
    if isinstance(veld, models.BooleanField):
        return f"CAST({naam} AS BOOLEAN) AS {naam}"
    if isinstance(veld, models.DateTimeField):
        return f"timezone('UTC', CAST({naam} AS TIMESTAMP)) AS {naam}"
    if isinstance(veld, models.DateField):
        return f"CAST({naam} AS DATE) AS {naam}"
    if isinstance(veld, (models.IntegerField, models.ForeignKey, models.AutoField)):
        return f"CAST({naam} AS BIGINT) AS {naam}"
    return f"CAST({naam} AS VARCHAR) AS {naam}"


Reeksen = Sequence[tuple[date, date]]
CIJFER = "beheersing_cijfer"
_SLEUTEL = (
    "indicator",
    "periodesoort",
    "periode",
    "gemeente_id",
    "aanbieder_id",
    "categorie",
    "inkoop",
    "bekostiging",
)
_KOLOMMEN = (*_SLEUTEL, "teller", "noemer")
_VOLGORDE = "periodesoort, periode, gemeente_id NULLS FIRST, aanbieder_id NULLS FIRST, categorie, inkoop, bekostiging"


@dataclass(frozen=True)
class Cellen:
    """One indicator's cells computed by ``Rekenkern.cellen``: the engine's table holding them,
    the periods they cover per kind (first and last start) and their number."""

    tabel: str
    perioden: dict[str, tuple[date, date]]
    aantal: int


class Rekenkern:
    """One run's DuckDB: open with the partial-cell querysets it will execute (their tables and
    columns are copied in) and the stored cells it may replace, then per indicator ``cellen``
    and ``voeg_toe`` of all of them or of their ``verschil``, and ``vergeet``. The engine is used
    by one thread at a time (``slot``): the rollup computes the next indicator while another
    thread writes the previous one, and the database takes the written cells in the meantime."""

    def __init__(self, querysets: Sequence[QuerySet], perioden: dict[str, tuple[str, Reeksen]], stand: tuple):
        """``perioden``: per table the date column and the ranges (inclusive) of its rows the run
        needs (a refresh reads only the years it recomputes); other tables are copied whole.
        ``stand``: (indicator codes, period ranges or None for all) of the stored cells to copy,
        so ``verschil`` can name only the cells that changed."""
        self.dialect = _dialect()
        # Each partial-cell queryset compiled once per run (the copy names its tables and columns,
        # ``cellen`` executes it): by the queryset's identity, the queryset kept so its id stays its own.
        self._vertaald: dict[int, tuple[QuerySet, str, list]] = {}
        self.slot = threading.RLock()
        self.nummer = 0  # of the engine's tables of cells: one per ``cellen``
        doel, soort = _aansluiting()
        self.sqlite = soort == "sqlite"
        if self.sqlite and (connection.settings_dict.get("OPTIONS") or {}).get("transaction_mode") not in (
            None,
            "DEFERRED",
        ):
            # The writing connection attaches the engine's scratch file and reads the table the
            # engine wrote there in its transaction; BEGIN IMMEDIATE would take the file first.
            raise RekenkernFout(
                "De rekenkern schrijft op SQLite via een kladbestand en vraagt transacties die pas bij de eerste "
                "schrijfactie vergrendelen: laat OPTIONS['transaction_mode'] leeg of zet het op DEFERRED."
            )
        if connection.in_atomic_block or not connection.get_autocommit():
            # The engine reads what is committed and the rollup writes from a thread of its own:
            # an open transaction's work would be invisible to both (and on SQLite lock them out).
            raise RekenkernFout(
                "De rekenkern rekent met wat vastgelegd is en draait buiten een transactie: start de rollup na de "
                "commit (de achtergrondtaak of het commando 'beheersing')."
            )
        # The run's files (the scratch database, the CSV files) in a directory only this user
        # reads; runs of a killed process leave theirs, removed by a later run after a day.
        _ruim_op()
        self.map = Path(tempfile.mkdtemp(prefix=MAP))
        # A connection of its own (its temporary tables are its own and go when it closes) to the
        # process's one DuckDB database, which loaded the extension once.
        self.duck = _database(soort).cursor()
        # Moments subtract as absolute time, as on PostgreSQL: in another time zone DuckDB takes
        # the calendar's days, and a night summer time begins would count an hour more.
        self.duck.execute("SET TimeZone = 'UTC'")
        self.bron = f"bron_{uuid.uuid4().hex}"  # attached databases are the process's: a name per run
        fout = None
        self._bestand = BESTAND if self.sqlite else contextlib.nullcontext()
        self._bestand.__enter__()  # released when the source is detached (_ontkoppel)
        try:
            self.duck.execute(f"ATTACH '{doel.replace(chr(39), chr(39) * 2)}' AS {self.bron} (TYPE {soort}, READ_ONLY)")
        except duckdb.Error as uitzondering:  # its message repeats the connection string, password and all
            fout = type(uitzondering).__name__
        if fout:  # raised outside the handler: the original is not even kept as the context
            self._bestand.__exit__(None, None, None)
            self.duck.close()
            shutil.rmtree(self.map, ignore_errors=True)
            raise RekenkernFout(
                f"De rekenkern kon de database niet openen ({fout}); controleer DATABASE_URL en of de database "
                "bereikbaar is."
            )
        # One read transaction: on PostgreSQL the tables as of one moment. On SQLite each table
        # is read at its own moment; a change committed in between has queued its months, so the
        # next refresh of the queue repairs what this run read half.
        try:
            self.duck.execute("BEGIN")
            self._kopieer([self._vertaal(qs)[0] for qs in querysets], perioden)
            schrijvingen = self._schrijvingen()
            self._kopieer_stand(*stand)
            # The copied cells are what the rollup holds only if no write of cells committed while
            # they were copied (every write counts itself in ``schrijvingen``, in its transaction).
            self.schrijvingen_bij_kopie = schrijvingen if self._schrijvingen() == schrijvingen else None
            self.duck.execute("COMMIT")
        finally:
            self._ontkoppel()
        self._open_uitvoer()

    def _vertaal(self, queryset: QuerySet) -> tuple[str, list]:
        if id(queryset) not in self._vertaald:
            self._vertaald[id(queryset)] = (queryset, *compileer(queryset, self.dialect))
        _qs, sql, params = self._vertaald[id(queryset)]
        return sql, params

    def _open_uitvoer(self) -> None:
        """Where the cells go on their way into ``Cijfer``. On SQLite a scratch SQLite file of
        this run: the engine writes a table there per write, the writing connection has it
        attached (``verbind``). On PostgreSQL (``None``) a CSV file per write."""
        self.uitvoer: Path | None = None
        if not self.sqlite:
            return
        pad = self.map / "uit.sqlite3"
        self.duck.execute(f"ATTACH '{pad}' AS uit_{self.bron} (TYPE sqlite)")
        self.uitvoer = pad

    def _bijlagen(self) -> set[str]:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA database_list")
            return {naam for _seq, naam, _pad in cursor.fetchall()}

    def verbind(self) -> None:
        """Attach the scratch file to this thread's Django connection (SQLite only), before the
        write's transaction: SQLite attaches nothing inside one."""
        if self.uitvoer is not None and f"uit_{self.bron}" not in self._bijlagen():
            with connection.cursor() as cursor:
                cursor.execute(f"ATTACH DATABASE %s AS uit_{self.bron}", [str(self.uitvoer)])

    def _sluit_uitvoer(self) -> None:
        """Detach the scratch file (from the engine and from this thread's connection; a
        writing thread closes its own connection) and remove it."""
        if self.uitvoer is None:
            return
        with contextlib.suppress(duckdb.Error):
            self.duck.execute(f"DETACH DATABASE IF EXISTS uit_{self.bron}")
        if f"uit_{self.bron}" in self._bijlagen():
            with connection.cursor() as cursor:
                cursor.execute(f"DETACH DATABASE uit_{self.bron}")
        self.uitvoer = None

    def _ontkoppel(self) -> None:
        """Detach the source, also after a failed copy: the process's database keeps no
        connection to it."""
        try:
            with contextlib.suppress(duckdb.Error):  # committed: no transaction open
                self.duck.execute("ROLLBACK")  # a failed copy leaves its read transaction open
            self.duck.execute(f"DETACH DATABASE IF EXISTS {self.bron}")
        finally:
            self._bestand.__exit__(None, None, None)

    def _bron(self, tabel: str) -> str:
        return f'{self.bron}."{tabel}"' if self.sqlite else f'{self.bron}.public."{tabel}"'

    def _schrijvingen(self) -> int | None:
        tabel = self._bron("beheersing_verversing")
        rij = self.duck.execute(f"SELECT schrijvingen FROM {tabel} WHERE id = 1").fetchone()
        return int(rij[0]) if rij else None

    def _lees(
        self, tabel: str, velden: Sequence[models.Field], waar: str, waarden: list, *, index: bool = False
    ) -> str:
        """SELECT of ``velden`` of ``tabel`` under ``waar`` (its ``?`` are ``waarden``: dates or
        texts). From SQLite a filtered read goes to SQLite itself (``sqlite_query``: only the
        matching rows cross over); a whole table is scanned by DuckDB. From PostgreSQL DuckDB
        scans the table in parallel and PostgreSQL takes the filter pushed down — unless
        ``index``: a selective filter that PostgreSQL answers from its index in the run's read
        transaction (``postgres_query``), rather than by scanning the whole table."""
        kolommen = ", ".join(_kolom(v, self.sqlite) for v in velden)
        if waar and (self.sqlite or index):
            binnen = ", ".join(f'"{v.column}"' for v in velden)
            for waarde in waarden:  # neither sqlite_query nor postgres_query takes parameters
                waar = waar.replace("?", _letterlijk(waarde), 1)
            naam = f'"{tabel}"' if self.sqlite else f'public."{tabel}"'
            query = f"SELECT {binnen} FROM {naam} WHERE {waar}".replace("'", "''")
            functie = "sqlite_query" if self.sqlite else "postgres_query"
            return f"SELECT {kolommen} FROM {functie}('{self.bron}', '{query}')"
        return f"SELECT {kolommen} FROM {self._bron(tabel)}" + (f" WHERE {waar}" if waar else "")

    def _kopieer(self, sqls: Sequence[str], perioden: dict[str, tuple[str, Reeksen]]) -> None:
        modellen = {model._meta.db_table: model for model in apps.get_models()}
        namen = {naam for sql in sqls for naam in _NAAM.findall(sql)}
        for tabel in sorted({t for sql in sqls for t in _TABEL.findall(sql)}):
            velden = [v for v in modellen[tabel]._meta.concrete_fields if v.column in namen]
            waar, waarden = "", []
            if tabel in perioden:
                kolom, reeksen = perioden[tabel]
                waar = " OR ".join(f'"{kolom}" BETWEEN ? AND ?' for _ in reeksen)
                waarden = [d for reeks in reeksen for d in reeks]
            sql = self._lees(tabel, velden, waar, waarden)
            self.duck.execute(f'CREATE TEMPORARY TABLE "{tabel}" AS {sql}', [] if self.sqlite and waar else waarden)

    def _kopieer_stand(self, codes: Sequence[str], perioden: Sequence[tuple[str, date, date]] | None) -> None:
        """The stored cells of ``codes``: of every period for a full rebuild (``perioden`` None:
        the rollup's table scanned in one pass by DuckDB, not by its index row by row), else of
        the periods the run recomputes — per kind the first and last start — read through the
        rollup's index by the source itself (a refresh of one month reads its month, quarter and
        year, not the whole rollup)."""
        model = apps.get_model("beheersing", "Cijfer")
        velden = [
            v for n in ("id", *_SLEUTEL, "teller", "noemer") if isinstance(v := model._meta.get_field(n), models.Field)
        ]
        waar = "indicator IN (" + ", ".join("?" for _ in codes) + ")"
        waarden: list = list(codes)
        if perioden is None:
            lezen = f"SELECT * FROM ({self._lees(CIJFER, velden, '', [])}) WHERE {waar}"
        elif not codes or not perioden:
            lezen, waarden = f"SELECT * FROM ({self._lees(CIJFER, velden, '', [])}) WHERE false", []
        else:
            waar += " AND (" + " OR ".join("(periodesoort = ? AND periode BETWEEN ? AND ?)" for _ in perioden) + ")"
            waarden += [w for periode in perioden for w in periode]
            lezen, waarden = self._lees(CIJFER, velden, waar, waarden, index=True), []
        self.duck.execute(f"CREATE TEMPORARY TABLE stand AS {lezen}", waarden)
        self.opgeslagen = {code for (code,) in self.duck.execute("SELECT DISTINCT indicator FROM stand").fetchall()}

    def cellen(
        self,
        code: str,
        deelcellen: QuerySet,
        onderscheiden: tuple[bool, bool],
        perioden: dict[str, tuple[date, date]],
        groeperingen: Sequence[tuple[str, ...]] = GROEPERINGEN,
    ) -> Cellen:
        """Compute the indicator's cells ``(indicator, periodesoort, periode, gemeente_id,
        aanbieder_id, categorie, teller, noemer)`` of every grouping, for the periods of each
        kind in ``perioden`` (first and last start, inclusive), from the partial cells: ``SUM`` of
        sums and plain counts, ``COUNT(DISTINCT key)`` of a distinct count (its partial cells carry
        a 0/1 per key), into a table of their own that ``verschil`` and ``voeg_toe`` read.
        ``groeperingen``: the groupings the source has (a dimension in none of them is NULL)."""
        sql, params = self._vertaal(deelcellen)
        with self.slot:
            return self._cellen(code, sql, params, onderscheiden, perioden, groeperingen)

    def _cellen(self, code, sql, params, onderscheiden, perioden, groeperingen) -> Cellen:
        self.nummer += 1
        tabel = f"nieuw_{self.nummer}"
        self.duck.execute(f"CREATE OR REPLACE TEMPORARY TABLE deel AS {sql}", params)
        sommen = [
            f"COUNT(DISTINCT k) FILTER (WHERE {c} = 1)" if o else f"SUM({c})"
            for c, o in zip(("t", "n"), onderscheiden, strict=True)
        ]
        dims = ", ".join(KOLOM.values())
        # A source without a municipality (``Bron.gemeente`` None) is never grouped by it.
        gemeente = "CAST(NULL AS BIGINT)"
        if any("gemeente" in g for g in groeperingen):
            gemeente = "CASE WHEN GROUPING(d_gemeente) = 0 THEN d_gemeente END"
        categorie = "COALESCE(CAST(? AS VARCHAR), ?)"  # a source without a category: always ""
        if any("categorie" in g for g in groeperingen):
            categorie = "CASE WHEN GROUPING(d_categorie) = 0 THEN COALESCE(d_categorie, ?) ELSE ? END"
        # The split by purchasing level and funding variant (issue 22): "" = all, and always ""
        # for a source without it (it is in none of its groupings).
        splitsing = {
            d: f"CASE WHEN GROUPING({KOLOM[d]}) = 0 THEN CAST({KOLOM[d]} AS VARCHAR) ELSE '{ALLE}' END"
            if any(d in g for g in groeperingen)
            else f"'{ALLE}'"
            for d in ("inkoop", "bekostiging")
        }
        delen, waarden = [], []
        for soort, (eerste, laatste) in perioden.items():
            sets = ", ".join("(" + ", ".join([f"p_{soort}", *(KOLOM[d] for d in g)]) + ")" for g in groeperingen)
            bron = "deel"
            if any(onderscheiden) and soort != Periodesoort.MAAND:
                # A distinct count's partial cells first per quarter or year (a key counts in the
                # period if it counts in one of its months; sums add up): fewer rows to count.
                paren = zip(("t", "n"), onderscheiden, strict=True)
                per = ", ".join(f"MAX({c}) AS {c}" if o else f"SUM({c}) AS {c}" for c, o in paren)
                bron = f"(SELECT p_{soort}, {dims}, k, {per} FROM deel GROUP BY p_{soort}, {dims}, k)"
            delen.append(
                f"SELECT ? AS indicator, ? AS periodesoort, p_{soort} AS periode, "
                f"{gemeente} AS gemeente_id, "
                "CASE WHEN GROUPING(d_aanbieder) = 0 THEN d_aanbieder END AS aanbieder_id, "
                f"{categorie} AS categorie, "
                f"{splitsing['inkoop']} AS inkoop, {splitsing['bekostiging']} AS bekostiging, "
                f"CAST(COALESCE({sommen[0]}, 0) AS DECIMAL(20, 4)) AS teller, "
                f"CAST(COALESCE({sommen[1]}, 0) AS DECIMAL(20, 4)) AS noemer FROM {bron} "
                f"WHERE p_{soort} BETWEEN ? AND ? GROUP BY GROUPING SETS ({sets})"
            )
            waarden += [code, str(Periodesoort(soort)), ALLE, ALLE, eerste, laatste]
        self.duck.execute(f"CREATE TEMPORARY TABLE {tabel} AS {' UNION ALL '.join(delen)}", waarden)
        (aantal,) = self.duck.execute(f"SELECT count(*) FROM {tabel}").fetchall()[0]
        return Cellen(tabel, perioden, int(aantal))

    def _als_tekst(self) -> str:
        if not self.sqlite:
            return ", ".join(_KOLOMMEN)
        return (
            "indicator, periodesoort, strftime(periode, '%Y-%m-%d') AS periode, gemeente_id, aanbieder_id, categorie, "
            "inkoop, bekostiging, "
            "CAST(teller AS VARCHAR) AS teller, CAST(noemer AS VARCHAR) AS noemer"
        )

    def verschil(self, code: str, cellen: Cellen) -> tuple[list[int], str]:
        """Against the stored cells copied at the reading, of ``code`` in the periods of
        ``cellen``: the ids of the stored cells that changed or are gone, and the table of the
        cells that are new or changed (for ``voeg_toe``). Each side numbers its equal rows (a
        multiset), so nothing is lost. With no stored cells of ``code`` every cell is new."""
        if code not in self.opgeslagen:
            return [], cellen.tabel
        with self.slot:
            return self._verschil(code, cellen)

    def _verschil(self, code: str, cellen: Cellen) -> tuple[list[int], str]:
        binnen = " OR ".join(
            f"(periodesoort = '{soort}' AND periode BETWEEN DATE '{eerste}' AND DATE '{laatste}')"
            for soort, (eerste, laatste) in cellen.perioden.items()
        )
        rij = f"ROW_NUMBER() OVER (PARTITION BY {', '.join(_SLEUTEL)}, teller, noemer) AS r"
        gelijk = " AND ".join(f"a.{k} IS NOT DISTINCT FROM b.{k}" for k in (*_KOLOMMEN, "r"))
        self.duck.execute(
            f"CREATE OR REPLACE TEMPORARY TABLE oud AS SELECT *, {rij} FROM stand WHERE indicator = ? AND ({binnen})",
            [code],
        )
        self.duck.execute(f"CREATE OR REPLACE TEMPORARY TABLE nieuw_r AS SELECT *, {rij} FROM {cellen.tabel}")
        weg = self.duck.execute(f"SELECT a.id FROM oud a ANTI JOIN nieuw_r b ON {gelijk} ORDER BY a.id").fetchall()
        erbij = f"erbij_{cellen.tabel}"
        nieuw = f"SELECT a.* EXCLUDE (r) FROM nieuw_r a ANTI JOIN oud b ON {gelijk}"
        self.duck.execute(f"CREATE OR REPLACE TEMPORARY TABLE {erbij} AS {nieuw}")
        return [i for (i,) in weg], erbij

    def voeg_toe(self, tabel: str, vrij: threading.Event | None = None) -> None:
        """The cells of the engine's ``tabel`` (a ``Cellen.tabel`` or what ``verschil`` named)
        into ``Cijfer`` through this thread's Django connection, in the caller's transaction,
        sorted as the rollup's index. On SQLite from the scratch file (``verbind`` first): the
        engine writes a table there, the connection copies it with one ``INSERT … SELECT``. On
        PostgreSQL by ``COPY`` of a CSV file the engine wrote (text is quoted, so an empty
        category stays an empty text and an empty id is NULL). ``vrij`` is set once the engine
        has written the file: the rollup computes the next indicator while the database takes
        these cells."""
        kolommen = ", ".join(_KOLOMMEN)
        gesorteerd = f"SELECT {self._als_tekst()} FROM {tabel} ORDER BY {_VOLGORDE}"
        if self.uitvoer is not None:
            doel = f"uit_{self.bron}.{tabel}"
            with self.slot:
                self.duck.execute(f"CREATE TABLE {doel} AS {gesorteerd}")
            if vrij:
                vrij.set()
            with connection.cursor() as cursor:
                cursor.execute(f"INSERT INTO {CIJFER} ({kolommen}) SELECT {kolommen} FROM {doel}")
                # Dropped by this connection, in this transaction (the engine does not touch the
                # file until the next write): the scratch file holds one write's cells at a time.
                cursor.execute(f"DROP TABLE {doel}")
            return
        pad = self.map / f"{tabel}.csv"
        try:
            with self.slot:
                self.duck.execute(
                    f"COPY ({gesorteerd}) TO '{pad}' (FORMAT csv, HEADER false, FORCE_QUOTE (indicator, periodesoort, "
                    "categorie, inkoop, bekostiging))"
                )
            if vrij:
                vrij.set()
            with (
                connection.cursor() as cursor,
                cursor.cursor.copy(f"COPY {CIJFER} ({kolommen}) FROM STDIN (FORMAT csv)") as copy,
                open(pad, "rb") as bestand,
            ):
                while blok := bestand.read(1 << 20):
                    copy.write(blok)
        finally:
            pad.unlink(missing_ok=True)

    def vergeet(self, cellen: Cellen) -> None:
        """Drop the engine's tables of ``cellen`` once they are written."""
        with self.slot:
            for tabel in (cellen.tabel, f"erbij_{cellen.tabel}"):
                self.duck.execute(f"DROP TABLE IF EXISTS {tabel}")

    def sluit(self) -> None:
        with self.slot:
            try:
                self._sluit_uitvoer()
            finally:
                self.duck.close()
                shutil.rmtree(self.map, ignore_errors=True)

    def __enter__(self) -> Rekenkern:
        return self

    def __exit__(self, *fout) -> None:
        self.sluit()
