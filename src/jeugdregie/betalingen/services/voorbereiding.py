"""The set-based SQL that prepares a payment batch (SPEC §8): link the month's declarations,
make one post per provider, and total the batch.

Plain SQL with positional parameters, because measured on national data (bench/declaraties.py
W4) compiling the ORM statements cost more than the database work. The statements are written
once, as fragments, and put together two ways:

- ``vul``: three statements that run on PostgreSQL and SQLite alike, for a batch row that
  exists (a new batch on SQLite, and a rejected batch prepared again);
- ``maak_in_een``: on PostgreSQL, a new batch in one statement (data-modifying ``WITH``, which
  SQLite lacks): the batch row, the link, the posts, the totals and the event row. A second
  batch for the same municipality and month fails on the unique constraint, as a second
  ``INSERT`` of the row does in ``vul``'s route.

Which lines a batch pays is the definition of ``regels.betaalde_regels``; the reconciliation
(``aansluiting.py``) compares the posts with it before a batch can be approved."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import cast

from django.db import connection

from jeugdregie.common.money import euro
from jeugdregie.declaraties.constants import DebetCredit, RegelStatus
from jeugdregie.declaraties.models import Declaratie, Declaratieregel
from jeugdregie.organisaties.models import Aanbieder, Gemeente

from ..constants import BatchStatus, Gebeurtenissoort
from ..models import Batchdeclaratie, Batchgebeurtenis, Betaalbatch, Betaalpost
from .regels import maandgrenzen

#: Link the month's declarations that are in no batch yet to ``{batch}``: a ``Batchdeclaratie``
#: row each. The one-to-one key makes a declaration's second link impossible; ``ON CONFLICT DO
#: NOTHING`` skips a declaration that a concurrent transaction linked first (as the guarded
#: UPDATE of the old column did) instead of failing. Parameters: municipality, begin, end
#: (``regels.maandgrenzen``, half-open).
_KOPPEL = """
INSERT INTO {t_koppeling} (betaalbatch_id, declaratie_id)
SELECT {batch}, d.id FROM {t_declaratie} d
WHERE d.gemeente_id = %s AND d.ingediend_op >= %s AND d.ingediend_op < %s
AND NOT EXISTS (SELECT 1 FROM {t_koppeling} k WHERE k.declaratie_id = d.id)
ON CONFLICT (declaratie_id) DO NOTHING"""

#: One post per provider in ``{batch}``: Σ debit − Σ credit of the approved lines of the
#: declarations ``{gekoppeld}`` (their ids). The IBAN is looked up once per post, after
#: grouping. Parameters: credit, approved.
_POSTEN = """
INSERT INTO {t_post} (batch_id, aanbieder_id, bedrag, aantal_regels, iban)
SELECT {batch}, p.aanbieder_id, p.bedrag, p.aantal, (SELECT a.iban FROM {t_aanbieder} a WHERE a.id = p.aanbieder_id)
FROM (
    SELECT r.aanbieder_id, SUM(CASE WHEN r.debet_credit = %s THEN -r.bedrag ELSE r.bedrag END) AS bedrag,
           COUNT(*) AS aantal
    FROM {t_regel} r JOIN {gekoppeld} g ON g.id = r.declaratie_id
    WHERE r.status = %s
    GROUP BY r.aanbieder_id
) p"""

#: The batch totals: the sums over the posts ``{posten}``.
_TOTALEN = "SELECT COALESCE(SUM(bedrag), 0) AS som_bedrag, COALESCE(SUM(aantal_regels), 0) AS som_regels FROM {posten}"


def _tabel(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _sql(tekst: str, **delen: str) -> str:
    return tekst.strip().format(
        t_aanbieder=_tabel(Aanbieder),
        t_batch=_tabel(Betaalbatch),
        t_declaratie=_tabel(Declaratie),
        t_gebeurtenis=_tabel(Batchgebeurtenis),
        t_koppeling=_tabel(Batchdeclaratie),
        t_post=_tabel(Betaalpost),
        t_regel=_tabel(Declaratieregel),
        **delen,
    )


def _grenzen(jaar: int, maand: int) -> list:
    """The month's bounds [begin, end) as query parameters for the database in use."""
    return [connection.ops.adapt_datetimefield_value(grens) for grens in maandgrenzen(jaar, maand)]


def _bedrag(waarde) -> Decimal:
    # SQLite returns the sum of a decimal column as a float; str() keeps the cents exact.
    return euro(str(waarde))


def vul(batch: Betaalbatch) -> int:
    """Link, posts and totals for an existing batch row, in three statements; sets the batch's
    totals and returns the number of declarations linked."""
    gekoppeld_sql = f"(SELECT declaratie_id AS id FROM {_tabel(Batchdeclaratie)} WHERE betaalbatch_id = %s)"
    eigen_posten = f"{_tabel(Betaalpost)} WHERE batch_id = %s"
    with connection.cursor() as cursor:
        cursor.execute(_sql(_KOPPEL, batch="%s"), [batch.pk, batch.gemeente_id, *_grenzen(batch.jaar, batch.maand)])
        gekoppeld = cursor.rowcount
        cursor.execute(
            _sql(_POSTEN, batch="%s", gekoppeld=gekoppeld_sql),
            [batch.pk, DebetCredit.CREDIT, batch.pk, RegelStatus.GOEDGEKEURD],
        )
        cursor.execute(
            _sql(
                "UPDATE {t_batch} SET totaal = t.som_bedrag, aantal_regels = t.som_regels FROM ({totalen}) t "
                "WHERE id = %s RETURNING totaal, aantal_regels",
                totalen=_sql(_TOTALEN, posten=eigen_posten),
            ),
            [batch.pk, batch.pk],
        )
        totaal, aantal = cursor.fetchone()
    batch.totaal, batch.aantal_regels = _bedrag(totaal), aantal
    return gekoppeld


def in_een_statement() -> bool:
    """Whether the database can prepare a new batch in one statement (``maak_in_een``)."""
    return connection.vendor == "postgresql"


#: A new batch in one statement (PostgreSQL). The batch id comes from the table's sequence; the
#: foreign keys to it are checked at commit (Django makes them deferrable). The event row is
#: what ``gebeurtenissen.registreer`` writes for a preparation, and only for a batch with lines:
#: an empty one is refused and rolled back by the caller.
_IN_EEN = """
WITH batch AS (SELECT nextval(pg_get_serial_sequence(%s, 'id')) AS id),
gekoppeld AS ({koppel} RETURNING declaratie_id AS id),
posten AS ({posten} RETURNING bedrag, aantal_regels),
totalen AS ({totalen}),
rij AS (
    INSERT INTO {t_batch} (id, {kolommen})
    SELECT batch.id, {waarden} FROM batch, totalen
),
gebeurtenis AS (
    INSERT INTO {t_gebeurtenis} (batch_id, gebeurtenis, door_id, tijdstip, gegevens)
    SELECT batch.id, %s, %s, %s, jsonb_build_object(
        'totaal', totalen.som_bedrag::text, 'aantal_regels', totalen.som_regels,
        'declaraties', (SELECT COUNT(*) FROM gekoppeld))
    FROM batch, totalen WHERE totalen.som_regels > 0
)
SELECT batch.id, totalen.som_bedrag, totalen.som_regels FROM batch, totalen"""

#: Columns of the batch row that the statement computes rather than takes as a parameter.
_BEREKEND = {"totaal": "totalen.som_bedrag", "aantal_regels": "totalen.som_regels"}


def maak_in_een(*, gemeente: Gemeente, jaar: int, maand: int, door, nu: datetime) -> Betaalbatch:
    """A new batch with its posts, totals and event row (PostgreSQL only, ``in_een_statement``).
    Raises ``IntegrityError`` when the municipality has a batch for the month already."""
    batch = Betaalbatch(
        gemeente=gemeente,
        jaar=jaar,
        maand=maand,
        status=BatchStatus.VOORBEREID,
        voorbereid_door=door,
        voorbereid_op=nu,
    )
    velden = [veld for veld in Betaalbatch._meta.concrete_fields if not veld.primary_key]
    kolommen = ", ".join(connection.ops.quote_name(cast(str, veld.column)) for veld in velden)  # concrete: a column
    waarden = ", ".join(_BEREKEND.get(veld.name, "%s") for veld in velden)
    rij = [veld.get_db_prep_save(getattr(batch, veld.attname), connection) for veld in velden]
    sql = _sql(
        _IN_EEN,
        koppel=_sql(_KOPPEL, batch="(SELECT id FROM batch)"),
        posten=_sql(_POSTEN, batch="(SELECT id FROM batch)", gekoppeld="gekoppeld"),
        totalen=_sql(_TOTALEN, posten="posten"),
        kolommen=kolommen,
        waarden=waarden,
    )
    parameters = [
        Betaalbatch._meta.db_table,
        gemeente.pk,
        *_grenzen(jaar, maand),
        DebetCredit.CREDIT,
        RegelStatus.GOEDGEKEURD,
        *(waarde for veld, waarde in zip(velden, rij, strict=True) if veld.name not in _BEREKEND),
        Gebeurtenissoort.VOORBEREID,
        door.pk,
        nu,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        batch.pk, totaal, aantal = cursor.fetchone()
    batch.totaal, batch.aantal_regels = _bedrag(totaal), aantal
    batch._state.adding = False  # the row exists, as after Model.from_db
    batch._state.db = connection.alias
    return batch
