"""The catalogue of ``data/`` for the ``catalogus`` fixture (conftest.py): loaded by the real
loader once per test process, copied into every later test's empty tables.

Most tests start from the catalogue (``route`` asks for it). ``laad_catalogus`` reads five CSV
files and writes some 220 rows through ``get_or_create`` and ``registreer_tarief``: about 900
queries, two thirds of the setup time of a test that uses ``route``. The first load of a process
into empty catalogue tables runs the real loader and keeps the rows it wrote; a later load into
empty tables inserts those same rows again with ``bulk_create`` (one insert per table) and moves
the tables' id sequences past them, as ``loaddata`` does. Tables that already hold a row (a
test that loaded the catalogue itself, a module's committed demo region) get the real loader.

The copy writes only the catalogue's tables, as the loader does (tests/test_catalogus_kopie.py
proves the copy and the loader leave the same rows in every table); the loader's own tests
(tests/test_catalogus.py) run the real loader in every test.
"""

from __future__ import annotations

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Model

from jeugdregie.catalogus.loader import laad_catalogus
from jeugdregie.catalogus.models import Functie, KeuzebudgetJaar, KeuzebudgetNiveau, Product, Tarief, Tariefgroep

# Every table the loader writes, a table after the tables it points to.
CATALOGUSMODELLEN: list[type[Model]] = [
    Tariefgroep,
    Functie,
    Product,
    Tarief,
    KeuzebudgetJaar,
    KeuzebudgetJaar.duurzaam_uitgesloten.through,
    KeuzebudgetNiveau,
]

# Per model the rows of the first load of this process (attribute name -> value, id included).
_rijen: dict[type[Model], list[dict]] | None = None


def _leeg() -> bool:
    return not any(model._base_manager.exists() for model in CATALOGUSMODELLEN)


@transaction.atomic
def laad_catalogus_eenmaal() -> bool:
    """Load the catalogue; True when it was copied from this process's first load."""
    global _rijen
    leeg = _leeg()
    if not leeg or _rijen is None:
        laad_catalogus()
        if leeg:
            _rijen = {
                model: list(model._base_manager.values(*(veld.attname for veld in model._meta.concrete_fields)))
                for model in CATALOGUSMODELLEN
            }
        return False
    for model, rijen in _rijen.items():
        model._base_manager.bulk_create([model(**rij) for rij in rijen])
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), CATALOGUSMODELLEN):
            cursor.execute(sql)
    return True
