"""Issue 16 §2: the link between a declaration and its payment batch moved from
``Declaratie.betaalbatch`` to ``betalingen.Batchdeclaratie``. The migrations keep every link,
forwards and backwards, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from jeugdregie.accounts.constants import Rol
from jeugdregie.betalingen.models import Batchdeclaratie

from .factories import AanbiederFactory, GebruikerFactory, GemeenteFactory

VOOR = [("betalingen", "0002_batchgebeurtenis"), ("declaraties", "0005_afkeur_r_b7_r_b8")]
NA = [("betalingen", "0003_batchdeclaratie"), ("declaraties", "0006_zonder_betaalbatch")]


def _migreer(doel):
    """Migrate to ``doel`` and return the historical models of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(doel)
    executor.loader.build_graph()
    return executor.loader.project_state(doel).apps


def _declaratie(apps, aanbieder, gemeente, nummer: str, batch=None):
    return apps.get_model("declaraties", "Declaratie").objects.create(
        aanbieder_id=aanbieder.pk,
        gemeente_id=gemeente.pk,
        nummer=nummer,
        bron="api",
        inhoud_hash="0" * 64,
        ingediend_op=datetime(2026, 5, 10, 12, tzinfo=timezone.get_default_timezone()),
        periode_einde=date(2026, 4, 30),
        dagen_na_periode=10,
        ingediend_bedrag=Decimal("100.00"),
        goedgekeurd_bedrag=Decimal("100.00"),
        betaalbatch_id=getattr(batch, "pk", None),
    )


@pytest.mark.django_db(transaction=True)
def test_koppeling_declaratie_betaalbatch_overleeft_de_migratie():
    """Given two declarations in a batch and one in none under the old schema; when migrated
    forwards, each linked declaration has its Batchdeclaratie row and the other has none; when
    migrated back, the old column holds the same links again."""
    gemeente, aanbieder = GemeenteFactory(), AanbiederFactory()
    maker = GebruikerFactory(rol=Rol.FINANCIEEL, gemeente=gemeente)
    try:
        oud = _migreer(VOOR)
        batch = oud.get_model("betalingen", "Betaalbatch").objects.create(
            gemeente_id=gemeente.pk, jaar=2026, maand=5, voorbereid_door_id=maker.pk, voorbereid_op=timezone.now()
        )
        eerste = _declaratie(oud, aanbieder, gemeente, "M-1", batch)
        tweede = _declaratie(oud, aanbieder, gemeente, "M-2", batch)
        los = _declaratie(oud, aanbieder, gemeente, "M-3")

        _migreer(NA)
        koppelingen = sorted(Batchdeclaratie.objects.values_list("declaratie_id", "betaalbatch_id"))
        assert koppelingen == [(eerste.pk, batch.pk), (tweede.pk, batch.pk)]
        assert not Batchdeclaratie.objects.filter(declaratie_id=los.pk).exists()

        terug = _migreer(VOOR)
        kolom = terug.get_model("declaraties", "Declaratie").objects.order_by("nummer")
        assert list(kolom.values_list("nummer", "betaalbatch_id")) == [
            ("M-1", batch.pk),
            ("M-2", batch.pk),
            ("M-3", None),
        ]
    finally:
        _migreer(NA)
