"""The rollup's engine (issue 18, ADR 0011): what it must not leak, and expressions that must
mean the same in DuckDB as on PostgreSQL (the indicators are compiled in PostgreSQL's dialect)."""

import importlib.abc
import importlib.util
import sys
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

import duckdb
import pytest
from django.db import connection
from django.db.models import Value

from jeugdregie.beheersing.indicatoren.velden import Uren
from jeugdregie.beheersing.services import rekenkern

SECONDEN = [*range(0, 7300, 9), 522, 3618, 36 * 10**4 + 18, 17]
BEGIN = datetime(2025, 3, 30, 0, 30, tzinfo=ZoneInfo("UTC"))  # the night summer time begins


def test_rekenkern_noemt_het_wachtwoord_niet_als_de_database_onbereikbaar_is(transactional_db, monkeypatch):
    """Found in review: DuckDB's error on a failed ATTACH repeats the connection string with the
    password; the engine's error names only what to check, and keeps no original."""
    doel = "dbname='x' host='127.0.0.1' port='1' user='u' password='ge\\'heim' connect_timeout='1'"
    monkeypatch.setattr(rekenkern, "_aansluiting", lambda: (doel, "postgres"))
    with pytest.raises(rekenkern.RekenkernFout) as fout:
        rekenkern.Rekenkern([], {}, ([], None))
    tekst = f"{fout.value!s} {fout.value.__context__!r} {fout.value.__cause__!r}"
    assert "heim" not in tekst and "DATABASE_URL" in tekst


def test_duckdb_zoekt_pandas_niet_bij_elke_opdracht(monkeypatch):
    """Found measuring the rebuild: DuckDB asks for pandas at every statement, and without pandas
    installed Python searched the import path again each time (~1,750 times per rebuild). With
    the engine loaded, a statement no longer makes Python search for it."""
    if importlib.util.find_spec("pandas") is not None:
        pytest.skip("pandas is geïnstalleerd: DuckDB importeert het één keer")
    gezocht = []

    class Zoeker(importlib.abc.MetaPathFinder):
        def find_spec(self, naam, pad, doel=None):
            if naam.split(".")[0] == "pandas":
                gezocht.append(naam)
            return None

    monkeypatch.setattr(sys, "meta_path", [Zoeker(), *sys.meta_path])
    duck = duckdb.connect()
    for _ in range(5):
        assert duck.execute("SELECT ?::DATE", [date(2026, 12, 8)]).fetchall() == [(date(2026, 12, 8),)]
    assert gezocht == []
    # a name DuckDB looks up among the caller's Python variables (a replacement scan) still gives
    # DuckDB's own error, with pandas marked absent
    lijst = [1, 2]
    with pytest.raises(duckdb.Error, match="lijst"):
        duck.execute("SELECT * FROM lijst")
    assert lijst == [1, 2]


def _verwacht(seconden: int) -> Decimal:
    return (Decimal(seconden) / 3600).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_uren_rondt_in_duckdb_half_weg_van_nul_zoals_postgresql():
    """Found in review: ROUND(EXTRACT(EPOCH …) / 3600, 2) rounds 522 s (0.145 h) to 0.14 in DuckDB,
    whose EXTRACT is a double; ``Uren`` now rounds whole microseconds in integers."""

    class Compiler:
        def compile(self, expressie):
            return expressie.value, []

    class Moment:
        def __init__(self, waarde):
            self.value = waarde

    eind, begin = Moment("e"), Moment("b")
    uren = Uren(Value(0), Value(0))
    uren.source_expressions = [eind, begin]
    sql, _ = uren.as_postgresql(Compiler(), None)
    duck = duckdb.connect()
    duck.execute("SET TimeZone = 'UTC'")  # as the engine: moments subtract as absolute time (PostgreSQL's way)
    rijen = [(BEGIN + timedelta(seconds=s), BEGIN) for s in SECONDEN]
    duck.execute("CREATE TABLE t (e TIMESTAMPTZ, b TIMESTAMPTZ)")
    duck.executemany("INSERT INTO t VALUES (?, ?)", rijen)
    uitkomst = [Decimal(str(u)).quantize(Decimal("0.01")) for (u,) in duck.execute(f"SELECT {sql} FROM t").fetchall()]
    assert uitkomst == [_verwacht(s) for s in SECONDEN]


@pytest.mark.django_db
def test_uren_is_op_postgresql_gelijk_aan_de_gewone_afronding():
    """On PostgreSQL the integer form equals ROUND(EXTRACT(EPOCH FROM …) / 3600, 2) (numeric, exact)."""
    if connection.vendor != "postgresql":
        pytest.skip("vraagt PostgreSQL; draait in de PostgreSQL-ronde van scripts/test")
    seconden = "EXTRACT(EPOCH FROM (e - b))"
    nieuw = f"(SIGN({seconden}) * FLOOR((ABS(ROUND({seconden} * 1000000)) * 100 + 1800000000) / 3600000000) / 100)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM (SELECT now() + make_interval(secs => s) AS e, now() AS b "
            f"FROM generate_series(-7300, 7300, 1) s) t WHERE {nieuw} <> ROUND({seconden} / 3600, 2)"
        )
        assert cursor.fetchone()[0] == 0
