"""Backup and restore (issue 14 §6, R-P6): scripts/backup and scripts/herstel on a real
PostgreSQL server. The restored database has the same money and audit rows, bit for bit, and an
intact audit chain. PostgreSQL only: pg_dump/pg_restore do not apply to SQLite (there a copy of
the file is the backup, docs/beheer/backup.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.models import AuditRegel, AuditRegelJeugdige
from jeugdregie.audit.services import jeugdigen_in, log
from jeugdregie.betalingen.models import Batchdeclaratie, Betaalbatch, Betaalpost
from jeugdregie.budgetten.models import Budgetmutatie, Budgetstand
from jeugdregie.declaraties.models import Declaratie, Declaratieregel

from .builders.declaraties import declareer, regel
from .builders.route import gestart

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

REPO = Path(__file__).resolve().parent.parent

#: Money tables and the audit log, each compared by row count and a digest over its rows in id order.
MODELLEN = (
    Declaratie,
    Declaratieregel,
    Budgetstand,
    Budgetmutatie,
    Betaalbatch,
    Batchdeclaratie,
    Betaalpost,
    AuditRegel,
    AuditRegelJeugdige,
)
TABELLEN = tuple(m._meta.db_table for m in MODELLEN)


def _url(naam: str) -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{naam}"


def _draai(script: str, *args: str, database: str) -> subprocess.CompletedProcess:
    omgeving = {
        **os.environ,
        "DATABASE_URL": _url(database),
        "PYTHON_JEUGDREGIE": sys.executable,
        "DJANGO_SETTINGS_MODULE": "jeugdregie.config.settings.test",
    }
    return subprocess.run(
        [str(REPO / "scripts" / script), *args], cwd=REPO, env=omgeving, capture_output=True, text=True, timeout=300
    )


def _controlesommen(database: str) -> dict[str, tuple[int, str]]:
    with psycopg.connect(_url(database)) as verbinding, verbinding.cursor() as cursor:
        uitkomst = {}
        for tabel in TABELLEN:
            cursor.execute(f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM {tabel} t")
            uitkomst[tabel] = cursor.fetchone()
        return uitkomst


@pytest.fixture
def herstel_db():
    naam = f"{connection.settings_dict['NAME']}_herstel"
    _verwijder(naam)
    yield naam
    _verwijder(naam)


def _verwijder(naam: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')


def _vul(route) -> None:
    """Declarations with approved and rejected lines (ledger bookings) and audit rows, among
    them an export naming two young people."""
    toewijzing = gestart(route)
    declareer(route, [regel(toewijzing, "R1"), regel(toewijzing, "R2", maand=(2026, 3))], nummer="D-1")
    declareer(route, [regel(toewijzing, "R3", uren="900", maand=(2026, 5))], nummer="D-2")  # over budget
    log(
        actie=Actie.EXPORTEREN,
        objecttype="jeugdigen.Jeugdige",
        door=route["gebruikers"]["toegang"],
        jeugdigen=jeugdigen_in([route["jeugdige_zwolle"], route["jeugdige_deventer"]]),
    )


def test_backup_en_herstel_geven_dezelfde_geld_en_auditgegevens(route, tmp_path, herstel_db):
    """R-P6: scripts/backup dumps the database (custom format, sha256, chain head); scripts/herstel
    restores it into a fresh database. Money tables and the audit log have identical row counts
    and digests, the restored audit chain verifies, and its triggers still refuse UPDATE."""
    _vul(route)
    bron = connection.settings_dict["NAME"]
    assert Declaratieregel.objects.count() == 3 and Budgetmutatie.objects.count() >= 2
    assert AuditRegel.objects.count() >= 2
    bestand = tmp_path / "jeugdregie.dump"

    backup = _draai("backup", str(bestand), database=bron)
    assert backup.returncode == 0, backup.stderr
    assert bestand.exists() and (tmp_path / "jeugdregie.dump.sha256").exists()
    assert f"auditketen: {AuditRegel.objects.count()} regels" in backup.stdout

    herstel = _draai("herstel", str(bestand), database=herstel_db)
    assert herstel.returncode == 0, herstel.stdout + herstel.stderr
    assert f"OK: {AuditRegel.objects.count()} auditregels, keten intact" in herstel.stdout
    assert herstel.stdout.rstrip().endswith(f"OK: {herstel_db} hersteld en geverifieerd")

    voor, na = _controlesommen(bron), _controlesommen(herstel_db)
    assert na == voor
    assert voor["declaraties_declaratieregel"][0] == 3 and voor["audit_auditregeljeugdige"][0] == 2
    with (
        psycopg.connect(_url(herstel_db)) as verbinding,
        verbinding.cursor() as cursor,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"),
    ):
        cursor.execute("UPDATE audit_auditregel SET details = 'weg'")


def test_herstel_weigert_bestaande_database_en_beschadigde_backup(route, tmp_path, herstel_db):
    """R-P6: herstel never writes into an existing database, and refuses a dump that differs
    from its sha256; nothing is created then."""
    _vul(route)
    bestand = tmp_path / "jeugdregie.dump"
    assert _draai("backup", str(bestand), database=connection.settings_dict["NAME"]).returncode == 0

    bestaand = _draai("herstel", str(bestand), database=connection.settings_dict["NAME"])
    assert bestaand.returncode == 1
    assert "bestaat al; herstel altijd in een nieuwe, lege database" in bestaand.stderr

    with bestand.open("r+b") as f:
        f.seek(-10, os.SEEK_END)
        f.write(b"beschadigd")
    beschadigd = _draai("herstel", str(bestand), database=herstel_db)
    assert beschadigd.returncode == 1
    assert "wijkt af van zijn sha256; niet hersteld" in beschadigd.stderr
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [herstel_db])
        assert cursor.fetchone() == (0,)
