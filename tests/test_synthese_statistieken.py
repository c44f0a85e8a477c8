"""The synthetic region on PostgreSQL refreshes the planner's statistics after each bulk load,
before the next step reads what was loaded. The hand-in CI of issue 20 hung on this: the family
step's anti-join (residents without family rows) ran on tables the planner still took for empty
and chose nested loops over whole tables; the e2e fixture's region never finished."""

from datetime import date

import pytest
from django.db import connection

from jeugdregie.synthese import regio

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

TABELLEN = ("jeugdigen_jeugdige", "jeugdigen_woonplaats", "gezin_gezinslid", "toewijzingen_toewijzing")


def _geschat() -> dict[str, float]:
    """The planner's row estimate per table (-1: never analyzed, PostgreSQL 14+)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, reltuples FROM pg_class WHERE relname = ANY(%s)", [list(TABELLEN)])
        return dict(cursor.fetchall())


def test_elke_stap_leest_met_statistieken_van_wat_geladen_is(catalogus, monkeypatch):
    gezien: dict[str, dict[str, float]] = {}

    def bij(naam, stap):
        def omhulsel(*args, **kwargs):
            gezien[naam] = _geschat()
            return stap(*args, **kwargs)

        return omhulsel

    monkeypatch.setattr(regio, "geef_gezinnen", bij("gezinnen", regio.geef_gezinnen))
    monkeypatch.setattr(regio, "genereer_trajecten", bij("trajecten", regio.genereer_trajecten))
    monkeypatch.setattr(regio, "maak_beschikkingen", bij("beschikkingen", regio.maak_beschikkingen))
    regio.genereer_regio(peildatum=date(2026, 6, 30), schaal=0.02, seed=7, melden=lambda _t: None)
    assert gezien["gezinnen"]["jeugdigen_woonplaats"] > 0 and gezien["gezinnen"]["jeugdigen_jeugdige"] > 0
    assert gezien["trajecten"]["gezin_gezinslid"] > 0
    assert gezien["beschikkingen"]["toewijzingen_toewijzing"] > 0
    assert min(_geschat().values()) > 0  # and the steps after the region (demo users, nightly work)
