"""Fast writing of many rows whose values are already checked: ``COPY`` on PostgreSQL,
``executemany`` on SQLite. Used by the declaration intake (benchmark W2) and the synthetic data
generators. Rows are sequences in the order of ``kolommen``; ids are given by the caller
(``nieuwe_ids``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection

CHUNK_RIJEN = 20_000


def schrijf_rijen(tabel: str, kolommen: Sequence[str], rijen: Iterable[Sequence]) -> None:
    namen = ", ".join(connection.ops.quote_name(k) for k in kolommen)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {connection.ops.quote_name(tabel)} ({namen}) FROM STDIN") as copy:
                for rij in rijen:
                    copy.write_row(rij)
            return
        sql = f"INSERT INTO {connection.ops.quote_name(tabel)} ({namen}) VALUES ({', '.join('%s' for _ in kolommen)})"
        blok: list[Sequence] = []
        for rij in rijen:
            blok.append(rij)
            if len(blok) == CHUNK_RIJEN:
                cursor.executemany(sql, blok)
                blok = []
        if blok:
            cursor.executemany(sql, blok)


def nieuwe_ids(model, aantal: int) -> list[int]:
    """``aantal`` fresh primary keys for ``model``. PostgreSQL: from its sequence (safe under
    concurrency). SQLite: after the highest id — call it only after this transaction has
    written (SQLite then holds the one write lock, so no one else can take the same ids)."""
    if aantal == 0:
        return []
    tabel = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [tabel, aantal]
            )
            return [rij[0] for rij in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(tabel)}")
        hoogste = cursor.fetchone()[0]
    return list(range(hoogste + 1, hoogste + 1 + aantal))
