#!/usr/bin/env python
"""Does partitioning the declaration lines by month help W2 or W3 (issue 17 item 6)? PostgreSQL
only. Prints figures; asserts nothing; changes no model or migration.

    DATABASE_URL=postgres://… .venv/bin/python bench/partitie.py regionaal    # ≈1.25 M lines
    DATABASE_URL=postgres://… .venv/bin/python bench/partitie.py nationaal    # ≈29 M lines
    … bench/partitie.py nationaal --hergebruik     # a database loaded before (``<name>_<schaal>``)
    … bench/partitie.py nationaal --herhaal=3 --blokken=1 --zonder-statement
        # fewer repetitions (default 7); W2 on the first queue transaction(s) of 250 declarations
        # only (default: all); without the hand-written statement (on the partitioned table it
        # runs for minutes even regionally)
    … bench/partitie.py nationaal --hergebruik --herhaal=3 --bestaande-kopie --zonder-w2 --zonder-geschiedenis
        # W3 again on the copy (and W2 input) a previous, interrupted run left, without the
        # whole-history read (≈ 3 min a run nationally)
    … bench/partitie.py nationaal --hergebruik --bestaande-kopie --w2-herhaal=1 …
        # W2 once on each table, without a warm-up (one run on the partitioned copy takes minutes)
    … bench/partitie.py regionaal --hergebruik --clusteren
        # and at the end the month/quarter reads on the plain table clustered by month (as lines
        # arriving month by month lie), with an index on begindatum; rewrites the bench table

The data is that of the declarations benchmark (bench/declaratiedata.py, loaded by
``bench/declaratiefasen.py laad`` in a child process, as bench/declaraties.py does). Then, in
one child process (``meet``):

1. a copy of ``declaraties_declaratieregel`` as ``bench_regel_maand``, ``PARTITION BY RANGE
   (begindatum)`` with one partition per calendar month (a line lies within one month, so its
   first day places it) and a default partition, with the same indexes. A unique index must
   contain the partition key on PostgreSQL, so the primary key becomes ``(id, begindatum)`` and
   the two other unique indexes (TR314's ``(aanbieder_id, referentie)`` of approved lines, and
   ``credit_van_id``) become plain ones: the copy can be read like the original, but it could no
   longer enforce those rules — part of the answer. No foreign keys on the copy (none can point
   at it: nothing unique on ``id`` alone); the statement below runs with them deferred and is
   rolled back, so the original's are not checked either.
2. W2, the checks against earlier lines: the service's own read side (``laad_contexten``, every
   query the intake makes before it decides, in blocks of 250 declarations as the queue intake
   takes them) on the 2027-01 input, and the hand-written W2 statement of
   bench/declaratiefasen.py (checks and inserts, rolled back). The table is switched by setting
   ``Declaratieregel._meta.db_table`` (the ORM builds each query from it), so the queries are the
   application's, unchanged.
3. W3, the rollup's reads of the lines (``rollup._deelcellen``, the partial cells of an
   indicator: per month × municipality × provider × category): KOS01 for one month (the
   incremental refresh after approvals), for a quarter, for the whole history (the rebuild), and
   KOS02 (a distinct count of young people) for a quarter — executed by PostgreSQL, as the
   rollup did before its engine became DuckDB (issue 18, ADR 0011: DuckDB now reads a copy of
   the tables once per run, so partitions no longer matter to it). The scorecard and comparison pages
   read the rollup table ``beheersing_cijfer``, never the lines: partitioning cannot change them.

Each query runs on the plain and the partitioned table in turn (plain, partitioned, plain, …),
``HERHAAL`` times after a warm-up, so a busy machine slows both alike; min and median printed.
Then ``EXPLAIN (ANALYZE, BUFFERS)`` of one W3 and two W2 queries on each: partitions in the
plan, subplans removed (run-time pruning) and shared buffers touched; the full plans go to
``$TMPDIR/jeugdregie-bench-partitie-<schaal>.txt``. Last, the cheaper alternative for W3: the
month and quarter reads again on the plain table with an index ``(begindatum) WHERE status =
'goedgekeurd'`` (and with ``--clusteren`` also after ``CLUSTER`` on ``begindatum``). Everything
the bench made is dropped at the end, except the clustering.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
HERHAAL = next((int(a.split("=")[1]) for a in sys.argv if a.startswith("--herhaal=")), 7)
BLOKKEN = next((int(a.split("=")[1]) for a in sys.argv if a.startswith("--blokken=")), None)
STATEMENT = "--zonder-statement" not in sys.argv
W2 = "--zonder-w2" not in sys.argv
GESCHIEDENIS = "--zonder-geschiedenis" not in sys.argv
BESTAANDE_KOPIE = "--bestaande-kopie" in sys.argv
CLUSTEREN = "--clusteren" in sys.argv
W2_HERHAAL = next((int(a.split("=")[1]) for a in sys.argv if a.startswith("--w2-herhaal=")), HERHAAL)
GRENS = 300  # seconds: a statement that runs longer is cut off and printed as "> GRENS"
PLAT, MAAND = "declaraties_declaratieregel", "bench_regel_maand"
sys.path[:0] = [str(REPO), str(REPO / "src")]

from bench.declaraties import _database, _kind  # noqa: E402


def main(schaal: str, hergebruik: bool) -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Partitioneren is PostgreSQL: zet DATABASE_URL.")
    env = {
        **os.environ,
        "DATABASE_URL": _database(schaal, hergebruik),
        "DJANGO_SETTINGS_MODULE": "jeugdregie.config.settings.dev",
        "PYTHONPATH": f"{REPO / 'src'}:{REPO}",
    }
    if not hergebruik:
        for args in (("migrate", "--noinput"), ("laad_catalogus",)):
            subprocess.run([PYTHON, "manage.py", *args], cwd=REPO, env=env, check=True, capture_output=True)
        seconden, piek = _kind(env, str(REPO / "bench" / "declaratiefasen.py"), "laad", schaal)
        print(f"laden: {seconden:,.0f} s, piekgeheugen {piek:,.0f} MB", flush=True)
    opties = [a for a in sys.argv[1:] if a.startswith("--") and a != "--hergebruik"]
    seconden, piek = _kind(env, __file__, "meet", schaal, *opties)
    print(f"meten: {seconden:,.0f} s, piekgeheugen {piek:,.0f} MB", flush=True)


# --- the child process ------------------------------------------------------------------------------


def _maanden(van: date, tot: date):
    while van <= tot:
        volgende = date(van.year + van.month // 12, van.month % 12 + 1, 1)
        yield van, volgende
        van = volgende


def maak_kopie(cursor) -> float:
    """``bench_regel_maand``: the lines partitioned by the month of ``begindatum``."""
    begin = time.perf_counter()
    cursor.execute(f"DROP TABLE IF EXISTS {MAAND}")
    cursor.execute(f"CREATE TABLE {MAAND} (LIKE {PLAT} INCLUDING DEFAULTS) PARTITION BY RANGE (begindatum)")
    cursor.execute(f"SELECT min(begindatum), max(begindatum) FROM {PLAT}")
    eerste, laatste = cursor.fetchone()
    for van, tot in _maanden(eerste.replace(day=1), date(max(laatste.year, 2027), 12, 1)):
        cursor.execute(f"CREATE TABLE {MAAND}_{van:%Y%m} PARTITION OF {MAAND} FOR VALUES FROM ('{van}') TO ('{tot}')")
    cursor.execute(f"CREATE TABLE {MAAND}_overig PARTITION OF {MAAND} DEFAULT")
    cursor.execute(f"ALTER TABLE {MAAND} ALTER COLUMN id SET DEFAULT nextval('{PLAT}_id_seq')")  # for the statement
    cursor.execute(f"INSERT INTO {MAAND} SELECT * FROM {PLAT} ORDER BY id")
    cursor.execute(f"ALTER TABLE {MAAND} ADD PRIMARY KEY (id, begindatum)")
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT LIKE '%%pkey'", [PLAT]
    )
    for naam, definitie in cursor.fetchall():
        definitie = definitie.replace("CREATE UNIQUE INDEX", "CREATE INDEX")  # no partition key in it
        definitie = definitie.replace(f"INDEX {naam} ON", f"INDEX bench_{naam} ON").replace(f"public.{PLAT}", MAAND)
        cursor.execute(definitie)
    cursor.execute(f"ANALYZE {MAAND}")
    return time.perf_counter() - begin


def _tabel(naam: str):
    from jeugdregie.declaraties.models import Declaratieregel

    Declaratieregel._meta.db_table = naam
    for veld in Declaratieregel._meta.concrete_fields:  # Field.cached_col holds the table name
        veld.__dict__.pop("cached_col", None)


def _tekst(tijden: list[float], afgebroken: bool) -> str:
    teken = ">" if afgebroken else " "
    return f"{teken}{min(tijden) * 1000:>9.1f} / {teken}{statistics.median(tijden) * 1000:>9.1f} ms"


def _afwisselend(metingen: dict[str, tuple], label: str) -> None:
    """Time ``functie(tabel)`` on both tables in turn (``herhaal`` times, after an untimed warm-up
    when ``herhaal`` > 1); print min and median of each. A run cut off by ``GRENS`` seconds counts
    as ``GRENS`` and is printed with ">"."""
    for functie, herhaal in metingen.values():
        if herhaal > 1:
            for tabel in (PLAT, MAAND):
                functie(tabel)
    for naam, (functie, herhaal) in metingen.items():
        tijden: dict[str, list[float]] = {PLAT: [], MAAND: []}
        afgebroken: set[str] = set()
        for _ in range(herhaal):
            for tabel in (PLAT, MAAND):
                begin = time.perf_counter()
                if not functie(tabel):
                    afgebroken.add(tabel)
                tijden[tabel].append(time.perf_counter() - begin)

        verhouding = statistics.median(tijden[MAAND]) / statistics.median(tijden[PLAT])
        print(
            f"{label} {naam:<42} ({herhaal}×) plat {_tekst(tijden[PLAT], PLAT in afgebroken)}   "
            f"per maand {_tekst(tijden[MAAND], MAAND in afgebroken)}   "
            f"verhouding {'>' if afgebroken else ''}{verhouding:.2f}×",
            flush=True,
        )


def _w2_metingen(schaal) -> dict:
    from django.db import OperationalError, connection, transaction

    from bench import declaratiedata as data
    from bench.declaratiefasen import WACHTRIJ, _sql_invoer, _sql_statement
    from jeugdregie.common.tijd import datum_van
    from jeugdregie.declaraties.services.context import laad_contexten

    data.laad_tarieven()
    invoer = data.invoer_doelmaand(schaal)
    vandaag = datum_van(data.INGEDIEND)
    aanvragen = [(a, g, regels, vandaag) for (a, g), regels in invoer.items()]
    if BLOKKEN:
        aanvragen = aanvragen[: BLOKKEN * WACHTRIJ]
        invoer = {(a, g): regels for a, g, regels, _ in aanvragen}
    print(
        f"W2 invoer: {sum(len(r) for r in invoer.values()):,} regels in {len(aanvragen):,} declaraties "
        f"({WACHTRIJ} per transactie{', alleen de eerste ' + str(BLOKKEN) if BLOKKEN else ''})",
        flush=True,
    )
    _sql_invoer(invoer)
    statement = _sql_statement()
    parameters = {"ingediend": data.INGEDIEND, "vandaag": vandaag}

    def contexten(tabel: str) -> bool:
        _tabel(tabel)
        for eerste in range(0, len(aanvragen), WACHTRIJ):
            with transaction.atomic():  # the ledgers are read FOR UPDATE, as in the intake
                laad_contexten(aanvragen[eerste : eerste + WACHTRIJ])
                transaction.set_rollback(True)
        return True

    def sql(tabel: str) -> bool:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL statement_timeout = '{GRENS}s'")
            try:
                with transaction.atomic():
                    cursor.execute(statement.replace(PLAT, tabel), parameters)
                    cursor.fetchall()
            except OperationalError:  # cut off at GRENS seconds
                return False
            finally:
                transaction.set_rollback(True)
        return True

    metingen = {"laad_contexten (leesdeel van de service)": (contexten, W2_HERHAAL)}
    if STATEMENT:
        metingen["hand-geschreven statement (teruggedraaid)"] = (sql, 1)
    return metingen


def _w3_queryset(code: str, van: date, tot: date):
    from jeugdregie.beheersing.indicatoren.register import INDICATOREN
    from jeugdregie.beheersing.services.rollup import _deelcellen

    indicator = next(i for i in INDICATOREN if i.code == code)
    return _deelcellen(indicator, van, tot)


def _w3_metingen() -> dict:
    from django.db import connection, transaction

    # The settings the rollup's PostgreSQL transaction had before its engine became DuckDB
    # (issue 18, ADR 0011); the partial-cell query is still the indicator's, read on PostgreSQL.
    INSTELLINGEN = {"work_mem": "1GB", "jit": "off"}

    def meting(code: str, van: date, tot: date):
        def uitvoeren(tabel: str) -> bool:
            _tabel(tabel)
            sql, parameters = _w3_queryset(code, van, tot).query.sql_with_params()
            with transaction.atomic(), connection.cursor() as cursor:
                for naam, waarde in INSTELLINGEN.items():  # as the rollup's transaction sets them
                    cursor.execute(f"SET LOCAL {naam} = '{waarde}'")
                cursor.execute(sql, parameters)
                cursor.fetchall()
            return True

        return uitvoeren

    metingen = {
        "KOS01 één maand (2026-12, bijwerken)": (meting("KOS01", date(2026, 12, 1), date(2026, 12, 31)), HERHAAL),
        "KOS01 één kwartaal (2026-K4)": (meting("KOS01", date(2026, 10, 1), date(2026, 12, 31)), HERHAAL),
        "KOS02 één kwartaal (distinct jeugdige)": (meting("KOS02", date(2026, 10, 1), date(2026, 12, 31)), HERHAAL),
    }
    if GESCHIEDENIS:
        metingen["KOS01 hele geschiedenis (opnieuw bouwen)"] = (
            meting("KOS01", date(2022, 1, 1), date(2026, 12, 31)),
            3,
        )
    return metingen


def _uitleg(cursor, label: str, tabel: str, sql: str, parameters, verslag) -> None:
    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", parameters)
    plan = "\n".join(r[0] for r in cursor.fetchall())
    verslag.write(f"== {label} op {tabel}\n{plan}\n\n")
    scans = set(re.findall(rf"on ({re.escape(tabel)}\w*)", plan))
    weg = sum(int(n) for n in re.findall(r"Subplans Removed: (\d+)", plan))
    buffers = re.search(r"Buffers: ([^\n]*)", plan)
    tijd = re.search(r"Execution Time: ([\d.]+) ms", plan)
    print(
        f"  {label:<34} {tabel:<28} {len(scans):>3} tabel(len)/partitie(s) in het plan, {weg} bij uitvoering "
        f"gesnoeid; {buffers.group(1) if buffers else '-'}; {tijd.group(1) if tijd else '-'} ms",
        flush=True,
    )


def _alleen_plat(w3: dict, label: str) -> None:
    """The month and quarter reads of W3 on the plain table alone (after a change to it)."""
    for naam, (functie, herhaal) in list(w3.items())[:3]:
        functie(PLAT)
        tijden = []
        for _ in range(herhaal):
            begin = time.perf_counter()
            functie(PLAT)
            tijden.append(time.perf_counter() - begin)
        print(f"W3 {naam:<42} ({herhaal}×) {label} {_tekst(tijden, False)}", flush=True)


def meet(naam: str) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, transaction

    settings.DEBUG = False
    from bench import declaratiedata as data

    schaal = data.SCHALEN[naam]
    with connection.cursor() as cursor:
        if BESTAANDE_KOPIE:
            kopie_s = 0.0
        else:
            with transaction.atomic():
                kopie_s = maak_kopie(cursor)
        cursor.execute(
            "SELECT count(*), pg_relation_size(%s), pg_indexes_size(%s) FROM declaraties_declaratieregel", [PLAT, PLAT]
        )
        rijen, tabel_b, index_b = cursor.fetchone()
        cursor.execute(
            "SELECT sum(pg_relation_size(c.oid)), sum(pg_indexes_size(c.oid)), count(*) "
            "FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = %s::regclass",
            [MAAND],
        )
        maand_tabel_b, maand_index_b, partities = cursor.fetchone()
    print(f"schaal {naam}: {rijen:,} declaratieregels; kopie per maand gemaakt in {kopie_s:,.0f} s", flush=True)
    print(
        f"plat: tabel {tabel_b / 2**20:,.0f} MiB + indexen {index_b / 2**20:,.0f} MiB = "
        f"{(tabel_b + index_b) / rijen:,.0f} B per regel ({tabel_b / rijen:,.0f} B rij)",
        flush=True,
    )
    print(
        f"per maand: {partities} partities, tabel {maand_tabel_b / 2**20:,.0f} MiB + indexen "
        f"{maand_index_b / 2**20:,.0f} MiB = {(maand_tabel_b + maand_index_b) / rijen:,.0f} B per regel",
        flush=True,
    )
    print(f"tijden: min / mediaan van {HERHAAL}, afwisselend plat en per maand, na een warme ronde", flush=True)
    if W2:
        _afwisselend(_w2_metingen(schaal), "W2")
    w3 = _w3_metingen()
    _afwisselend(w3, "W3")
    pad = Path(tempfile.gettempdir()) / f"jeugdregie-bench-partitie-{naam}.txt"
    print(f"EXPLAIN (ANALYZE, BUFFERS) — volledige plannen in {pad}", flush=True)
    with pad.open("w") as verslag, connection.cursor() as cursor:
        cursor.execute("SELECT array_agg(DISTINCT toewijzing) FROM bench_invoer WHERE toewijzing IS NOT NULL")
        toewijzingen = cursor.fetchone()[0][:1000]
        for tabel in (PLAT, MAAND):
            _tabel(tabel)
            w3_sql, w3_parameters = _w3_queryset("KOS01", date(2026, 12, 1), date(2026, 12, 31)).query.sql_with_params()
            _uitleg(cursor, "W3 KOS01 één maand", tabel, w3_sql, w3_parameters, verslag)
            # The overlap lookup of laad_contexten (TR389) for 1,000 of the month's allocations.
            w2_sql = (
                "SELECT r.toewijzing_id, r.product_id, r.referentie, r.begindatum, r.einddatum, r.volume "
                f"FROM {tabel} r "
                f"WHERE r.status = 'goedgekeurd' AND r.debet_credit = 'D' AND r.toewijzing_id = ANY(%s) "
                f"AND r.einddatum >= '2026-12-01' AND r.begindatum <= '2027-01-31' "
                f"AND NOT EXISTS (SELECT 1 FROM {tabel} c WHERE c.credit_van_id = r.id)"
            )
            _uitleg(cursor, "W2 overlap (TR389), 1.000 toew.", tabel, w2_sql, [toewijzingen], verslag)
            w2_ref = (
                f"SELECT r.aanbieder_id, r.referentie FROM unnest(%s::bigint[], %s::text[]) AS v(a, ref) "
                f"JOIN {tabel} r ON r.aanbieder_id = v.a AND r.referentie = v.ref AND r.status = 'goedgekeurd'"
            )
            cursor.execute(
                "SELECT array_agg(aanbieder_id), array_agg(referentie) FROM (SELECT * FROM bench_invoer LIMIT 1000) x"
            )
            _uitleg(cursor, "W2 referentie (TR314), 1.000 paren", tabel, w2_ref, list(cursor.fetchone()), verslag)
    _tabel(PLAT)
    # The cheaper alternative for the month and quarter reads: one index on the plain table.
    with connection.cursor() as cursor:
        begin = time.perf_counter()
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS bench_regel_begindatum ON {PLAT} (begindatum) WHERE status = 'goedgekeurd'"
        )
        cursor.execute(f"ANALYZE {PLAT}")
        print(f"index op begindatum (goedgekeurd) in {time.perf_counter() - begin:,.0f} s", flush=True)
    _alleen_plat(w3, "plat + index op begindatum")
    if CLUSTEREN:
        # The bench loads the lines per allocation, so a month's lines lie on every page of the
        # table; in production they arrive month by month and lie together. CLUSTER puts them
        # so (it rewrites the bench database's table, nothing else).
        with connection.cursor() as cursor:
            begin = time.perf_counter()
            cursor.execute(f"CREATE INDEX bench_regel_begindatum_alle ON {PLAT} (begindatum)")
            cursor.execute(f"CLUSTER {PLAT} USING bench_regel_begindatum_alle")
            cursor.execute(f"DROP INDEX bench_regel_begindatum_alle; ANALYZE {PLAT}")
            print(f"gewone tabel op begindatum geclusterd in {time.perf_counter() - begin:,.0f} s", flush=True)
        _alleen_plat(w3, "plat, op maand geclusterd + index")

    with connection.cursor() as cursor:
        cursor.execute(
            f"DROP TABLE {MAAND}; DROP TABLE IF EXISTS bench_invoer; DROP INDEX IF EXISTS bench_regel_begindatum"
        )


if __name__ == "__main__":
    argumenten = [a for a in sys.argv[1:] if not a.startswith("--")]
    if argumenten and argumenten[0] == "meet":
        meet(argumenten[1])
    else:
        main(argumenten[0] if argumenten else "regionaal", "--hergebruik" in sys.argv)
