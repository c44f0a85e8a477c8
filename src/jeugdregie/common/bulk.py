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
            # One array, not a row per id, and the sequence looked up once (not per row).
            cursor.execute(
                "SELECT array_agg(nextval(q.s)) FROM (SELECT pg_get_serial_sequence(%s, 'id')::regclass AS s) q, "
                "generate_series(1, %s)",
                [tabel, aantal],
            )
            return cursor.fetchone()[0]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(tabel)}")
        hoogste = cursor.fetchone()[0]
    return list(range(hoogste + 1, hoogste + 1 + aantal))


def nieuwe_id_reeksen(*gevraagd: tuple[type, int]) -> list[list[int]]:
    """Fresh primary keys for several models at once, as ``nieuwe_ids`` per (model, aantal):
    on PostgreSQL in one round trip (one sub-select per sequence), elsewhere one by one."""
    if connection.vendor != "postgresql" or sum(1 for _, aantal in gevraagd if aantal) < 2:
        return [nieuwe_ids(model, aantal) for model, aantal in gevraagd]
    delen = ", ".join(
        "(SELECT array_agg(nextval(q.s)) FROM (SELECT pg_get_serial_sequence(%s, 'id')::regclass AS s) q, "
        "generate_series(1, %s))"
        for _ in gevraagd
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {delen}", [w for model, aantal in gevraagd for w in (model._meta.db_table, aantal)])
        return [list(reeks or []) for reeks in cursor.fetchone()]


def voeg_nieuwe_toe(objecten: Sequence, uniek: Sequence[str], *, blok: int = 250) -> list:
    """Insert unsaved model instances with ``INSERT … ON CONFLICT (uniek) DO NOTHING``, a few
    hundred per statement; returns the instances that were inserted, with their primary key
    set. An instance whose key exists already (or appears earlier in ``objecten``) is left out:
    the caller decides whether that is a replay or a conflict. On PostgreSQL a concurrent
    transaction inserting the same key makes this one wait for it, then leaves the row out."""
    if not objecten:
        return []
    meta = type(objecten[0])._meta
    velden = [veld for veld in meta.concrete_fields if not veld.primary_key]
    sleutel = [meta.get_field(naam) for naam in uniek]
    qn = connection.ops.quote_name
    kolommen = ", ".join(qn(veld.column) for veld in velden)
    sleutelkolommen = ", ".join(qn(veld.column) for veld in sleutel)
    rij = f"({', '.join(['%s'] * len(velden))})"
    ingevoegd: dict[tuple, int] = {}
    with connection.cursor() as cursor:
        for begin in range(0, len(objecten), blok):
            deel = objecten[begin : begin + blok]
            cursor.execute(
                f"INSERT INTO {qn(meta.db_table)} ({kolommen}) VALUES {', '.join([rij] * len(deel))} "
                f"ON CONFLICT ({sleutelkolommen}) DO NOTHING RETURNING {qn(meta.pk.column)}, {sleutelkolommen}",
                [veld.get_db_prep_save(veld.pre_save(obj, True), connection) for obj in deel for veld in velden],
            )
            for pk, *waarden in cursor.fetchall():
                ingevoegd[tuple(waarden)] = pk
    nieuw = []
    for obj in objecten:
        pk = ingevoegd.pop(tuple(getattr(obj, veld.attname) for veld in sleutel), None)
        if pk is not None:
            obj.pk = pk
            obj._state.adding = False  # the row exists, as after Model.from_db
            obj._state.db = connection.alias
            nieuw.append(obj)
    return nieuw


def werk_velden_bij(objecten: Sequence, velden: Sequence[str]) -> None:
    """Write ``velden`` of saved model instances (one model), as ``bulk_update`` does: on
    PostgreSQL one ``UPDATE … FROM unnest(…)`` with one array per column (as many parameters as
    columns, whatever the number of rows: no ``CASE WHEN`` per row to build and parse, benchmark
    W2); elsewhere Django's ``bulk_update``."""
    if not objecten:
        return
    model = type(objecten[0])
    if connection.vendor != "postgresql":
        model._default_manager.bulk_update(objecten, velden, batch_size=500)
        return
    meta, qn = model._meta, connection.ops.quote_name
    pk = meta.pk
    kolommen = [meta.get_field(naam) for naam in velden]
    rijen = [[pk.get_db_prep_value(o.pk, connection) for o in objecten]] + [
        [veld.get_db_prep_save(getattr(o, veld.attname), connection) for o in objecten] for veld in kolommen
    ]
    typen = [pk.cast_db_type(connection)] + [veld.cast_db_type(connection) for veld in kolommen]
    namen = ["pk_"] + [f"k{i}" for i in range(len(kolommen))]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {qn(meta.db_table)} t SET "
            + ", ".join(f"{qn(veld.column)} = v.{naam}" for veld, naam in zip(kolommen, namen[1:], strict=True))
            + f" FROM unnest({', '.join(f'%s::{typ}[]' for typ in typen)}) AS v({', '.join(namen)}) "
            # t.pk = ANY: the rows by index, not a hash of the whole table
            + f"WHERE t.{qn(pk.column)} = v.pk_ AND t.{qn(pk.column)} = ANY(%s)",
            [*rijen, rijen[0]],
        )
