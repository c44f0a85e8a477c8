"""The audit log cannot be rewritten unnoticed (R-P6) and says why and on whose behalf (R-P2):
the hash chain and ``manage.py audit verifieer``, the database triggers, the application role
with insert-and-read rights only (PostgreSQL), ``doel``/``namens`` in every row, and exports
that name the children they contained."""

from __future__ import annotations

import importlib
import threading
from io import StringIO
from types import SimpleNamespace

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from jeugdregie.audit import keten
from jeugdregie.audit.constants import Actie
from jeugdregie.audit.context import SYSTEEM, audit_context
from jeugdregie.audit.models import AuditRegel, AuditRegelJeugdige
from jeugdregie.audit.services import jeugdigen_in, log, verifieer_keten
from jeugdregie.ijw.services.archief import technische_gebruiker

from .builders.audit import zonder_triggers
from .builders.ijw.kern import jw305
from .factories import JeugdigeFactory


def _verifieer() -> str:
    uit = StringIO()
    call_command("audit", "verifieer", stdout=uit)
    return uit.getvalue()


def _drie_regels(wereld) -> list[AuditRegel]:
    toegang = wereld["gebruikers"]["toegang"]
    return [
        log(actie=Actie.LEZEN, objecttype="jeugdigen.Jeugdige", door=toegang, jeugdige=wereld["jeugdige_zwolle"]),
        log(
            actie=Actie.EXPORTEREN,
            objecttype="jeugdigen.Jeugdige",
            door=toegang,
            jeugdigen=jeugdigen_in([wereld["jeugdige_zwolle"], wereld["jeugdige_deventer"]]),
        ),
        log(actie=Actie.ZOEKEN, objecttype="jeugdigen.Jeugdige", door=toegang, details="2 resultaten"),
    ]


def test_keten_is_intact_en_verifieer_meldt_het_aantal(wereld):
    """R-P6: each row is chained to the previous one; ``audit verifieer`` proves it and says OK
    with the count and the last hash."""
    regels = _drie_regels(wereld)
    vorige = keten.BEGIN
    for regel in AuditRegel.objects.order_by("id"):
        kinderen = [(j.client_id, j.client_pseudoniem) for j in regel.jeugdigen.all()]
        vorige = keten.schakel(vorige, {v: getattr(regel, v) for v in keten.VELDEN}, kinderen)
        assert regel.ketenhash == vorige
    assert _verifieer().strip() == f"OK: 3 auditregels, keten intact; laatste hash {regels[2].ketenhash}"


def test_gewijzigde_regel_wordt_bij_naam_genoemd(wereld):
    """R-P6: a row changed with raw SQL after the trigger is dropped (SQLite) or disabled
    (PostgreSQL) breaks the chain; ``verifieer`` names that row (id and time) and fails."""
    regels = _drie_regels(wereld)
    with connection.cursor() as cursor:
        zonder_triggers(cursor)
        cursor.execute("UPDATE audit_auditregel SET gebruikersnaam = 'iemand-anders' WHERE id = %s", [regels[1].pk])
    with pytest.raises(CommandError) as fout:
        _verifieer()
    tijd = regels[1].tijdstip.isoformat()
    assert str(fout.value) == (
        f"FOUT: de auditketen is verbroken bij auditregel id={regels[1].pk} (tijdstip {tijd}); "
        "1 regels ervoor zijn intact."
    )


def test_verwijderde_jeugdige_uit_een_export_wordt_opgemerkt(wereld):
    """R-P6: the children an export named are covered by its row's hash: removing one from the
    list breaks the chain at that export's row."""
    regels = _drie_regels(wereld)
    with connection.cursor() as cursor:
        zonder_triggers(cursor)
        cursor.execute(
            "DELETE FROM audit_auditregeljeugdige WHERE regel_id = %s AND client_id = %s",
            [regels[1].pk, wereld["jeugdige_deventer"].pk],
        )
    uitkomst = verifieer_keten()
    assert (uitkomst.breuk.id, uitkomst.aantal) == (regels[1].pk, 1)


def test_verwijderde_regel_breekt_de_keten_bij_de_volgende(wereld):
    """R-P6: a row deleted from the middle leaves its successor chained to a hash that is no
    longer there; ``verifieer`` names the successor."""
    regels = _drie_regels(wereld)
    with connection.cursor() as cursor:
        zonder_triggers(cursor)
        cursor.execute("DELETE FROM audit_auditregel WHERE id = %s", [regels[0].pk])
    uitkomst = verifieer_keten()
    assert (uitkomst.breuk.id, uitkomst.aantal) == (regels[1].pk, 0)


def test_database_weigert_update_op_auditlog_en_exportlijst(wereld):
    """R-P6: on both databases a trigger refuses UPDATE of an audit row and of an export's child
    list, even with raw SQL; nothing changes."""
    regels = _drie_regels(wereld)
    for sql in (
        "UPDATE audit_auditregel SET details = 'x'",
        "UPDATE audit_auditregeljeugdige SET client_id = 1",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditRegel.objects.get(pk=regels[2].pk).details == "2 resultaten"
    assert sorted(AuditRegelJeugdige.objects.values_list("client_id", flat=True)) == sorted(
        [wereld["jeugdige_zwolle"].pk, wereld["jeugdige_deventer"].pk]
    )
    assert verifieer_keten().intact


def test_migratie_ketent_bestaande_regels(wereld):
    """R-P6: rows written before the chain existed get it from migration 0004, in id order."""
    regels = _drie_regels(wereld)
    with connection.cursor() as cursor:
        zonder_triggers(cursor)
        cursor.execute("DELETE FROM audit_auditregeljeugdige")  # 0003 created the child table empty
        cursor.execute("UPDATE audit_auditregel SET ketenhash = ''")
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditregel ENABLE TRIGGER USER")
    assert not verifieer_keten().intact
    migratie = importlib.import_module("jeugdregie.audit.migrations.0004_keten_vullen_en_triggers")
    staat = MigrationExecutor(connection).loader.project_state(("audit", "0003_keten_en_jeugdigen"))
    # The migration's own statements through a stand-in for the schema editor (SQLite refuses
    # a real one inside the test transaction).
    schema_editor = SimpleNamespace(connection=connection, execute=lambda sql: connection.cursor().execute(sql))
    migratie.keten_vullen(staat.apps, schema_editor)
    uitkomst = verifieer_keten()
    assert (uitkomst.intact, uitkomst.aantal) == (True, 3)
    assert AuditRegel.objects.get(pk=regels[2].pk).ketenhash == uitkomst.laatste_hash


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_gelijktijdige_schrijvers_vormen_een_keten(wereld):
    """R-P6: writers on separate connections at once still form one chain (the advisory lock
    serialises reading the last hash and inserting)."""
    gebruiker, start = wereld["gebruikers"]["toegang"], threading.Barrier(4)

    def schrijf(nummer):
        try:
            start.wait()
            for i in range(10):
                with transaction.atomic():
                    log(actie=Actie.LEZEN, objecttype="jeugdigen.Jeugdige", door=gebruiker, details=f"{nummer}-{i}")
        finally:
            connection.close()

    threads = [threading.Thread(target=schrijf, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    uitkomst = verifieer_keten()
    assert (uitkomst.intact, uitkomst.aantal) == (True, 40)


# --- the application role (PostgreSQL) -----------------------------------------------------

APP_ROL = "jeugdregie_app_test"


def _app_verbinding() -> psycopg.Connection:
    instellingen = connection.settings_dict
    return psycopg.connect(
        host=instellingen["HOST"],
        port=instellingen["PORT"],
        dbname=instellingen["NAME"],
        user=APP_ROL,
        password="app-wachtwoord",
        autocommit=True,
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_applicatierol_mag_auditlog_alleen_aanvullen_en_lezen(wereld):
    """R-P6: after ``manage.py audit rechten`` the application role (a separate login that owns
    nothing) inserts and reads audit rows, and works on other tables, but cannot UPDATE, DELETE
    or TRUNCATE the audit log, nor drop, disable or alter its triggers or table."""
    _drie_regels(wereld)
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user")
        if not cursor.fetchone()[0]:
            pytest.skip("de testgebruiker mag geen rollen aanmaken (CREATEROLE); scripts/postgres.sh geeft dat recht")
        cursor.execute(f"DROP ROLE IF EXISTS {APP_ROL}")
        cursor.execute(f"CREATE ROLE {APP_ROL} LOGIN PASSWORD 'app-wachtwoord'")
    try:
        uit = StringIO()
        call_command("audit", "rechten", rol=APP_ROL, stdout=uit)
        assert uit.getvalue().endswith(f"OK: rol {APP_ROL} mag het auditlog alleen lezen en aanvullen.\n")
        with _app_verbinding() as app, app.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM audit_auditregel")
            assert cursor.fetchone() == (3,)
            cursor.execute(
                "INSERT INTO audit_auditregel (tijdstip, gebruikersnaam, rol, organisatie, namens, actie, objecttype,"
                " object_id, client_pseudoniem, doel, uitkomst, details, request_id, ketenhash)"
                " VALUES (now(), 'app', '', '', 'systeem', 'lezen', 'test', '', '', 'test', 'gelukt', '', '', '')"
                " RETURNING id"
            )
            nieuw = cursor.fetchone()[0]
            cursor.execute(
                "UPDATE jeugdigen_jeugdige SET voornamen = voornamen WHERE id = %s", [wereld["jeugdige_zwolle"].pk]
            )
            geweigerd = {
                "UPDATE": f"UPDATE audit_auditregel SET details = 'weg' WHERE id = {nieuw}",
                "DELETE": "DELETE FROM audit_auditregel",
                "TRUNCATE": "TRUNCATE audit_auditregel",
                "DELETE jeugdigen": "DELETE FROM audit_auditregeljeugdige",
                "DROP TRIGGER": "DROP TRIGGER audit_auditregel_geen_update ON audit_auditregel",
                "DISABLE TRIGGER": "ALTER TABLE audit_auditregel DISABLE TRIGGER USER",
                "ALTER TABLE": "ALTER TABLE audit_auditregel DROP COLUMN ketenhash",
            }
            for wat, sql in geweigerd.items():
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    cursor.execute(sql)
                    pytest.fail(f"{wat} had geweigerd moeten worden")
            cursor.execute(f"GRANT UPDATE ON audit_auditregel TO {APP_ROL}")  # PostgreSQL: only a warning
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                cursor.execute(geweigerd["UPDATE"])
        assert AuditRegel.objects.count() == 4
        assert AuditRegel.objects.get(pk=nieuw).details == ""
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {APP_ROL}")
            cursor.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {APP_ROL}")
            cursor.execute(f"REVOKE ALL ON SCHEMA public FROM {APP_ROL}")
            cursor.execute(f"DROP ROLE {APP_ROL}")


@pytest.mark.postgres
def test_rechten_weigert_eigenaar_en_onbekende_rol(db):
    """R-P6: the command refuses to make the schema owner the application role, and a missing
    role unless asked to create it."""
    eigenaar = connection.settings_dict["USER"]
    with pytest.raises(CommandError, match="ook de eigenaar"):
        call_command("audit", "rechten", rol=eigenaar)
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("audit", "rechten", rol="rol_die_niet_bestaat")


def test_rechten_alleen_op_postgresql(db):
    """R-P6: on SQLite there are no roles; the command says so instead of pretending."""
    if connection.vendor == "postgresql":
        pytest.skip("op PostgreSQL bewijst test_applicatierol_mag_auditlog_alleen_aanvullen_en_lezen de rechten")
    with pytest.raises(CommandError, match="alleen op PostgreSQL"):
        call_command("audit", "rechten", rol="jeugdregie_app")


# --- doel and namens, exports naming their children ----------------------------------------


def test_doel_en_namens_gevuld_na_typische_handelingen(client, wereld, stand_ijw):
    """R-P2, R-P6: after a page read, an API read, an export, an iJw message and a system task,
    no audit row has an empty ``doel`` or ``namens``; the export's row names the children it
    contained (internal id and pseudonym), and no row holds a BSN."""
    toegang, jeugdige = wereld["gebruikers"]["toegang"], wereld["jeugdige_zwolle"]
    tweede = JeugdigeFactory(gemeente=wereld["zwolle"], voornamen="Zoë", achternaam="Zwolsma")
    client.force_login(toegang)
    assert client.get(f"/jeugdigen/{jeugdige.pk}/").status_code == 200
    assert client.get(f"/api/v1/jeugdigen/{jeugdige.pk}/").status_code == 200
    assert client.get("/jeugdigen/?q=zwolsma&export=csv").status_code == 200
    client.force_login(wereld["gebruikers"]["aanbieder"])
    antwoord = client.post("/api/v1/ijw/berichten/", data=jw305(wereld), content_type="application/xml")
    assert antwoord.status_code == 200
    technische_gebruiker(wereld["aanbieder"])

    regels = list(AuditRegel.objects.order_by("id"))
    assert [r for r in regels if not r.doel or not r.namens] == []
    per_actie = {(r.actie, r.objecttype): r for r in regels}
    pagina = [r for r in regels if r.doel.endswith("(pagina jeugdigen:detail)")]
    assert [(r.actie, r.doel, r.namens) for r in pagina] == [
        ("lezen", "toegang tot jeugdhulp: dossier van de jeugdige (pagina jeugdigen:detail)", "gemeente Zwolle")
    ]
    api = [r for r in regels if r.doel.endswith("(API jeugdige-detail)")]
    assert [(r.actie, r.namens) for r in api] == [("lezen", "gemeente Zwolle")]
    export = per_actie[("exporteren", "jeugdigen.Jeugdige")]
    assert export.doel == "toegang tot jeugdhulp: dossier van de jeugdige (pagina jeugdigen:lijst)"
    assert sorted(export.jeugdigen.values_list("client_id", "client_pseudoniem")) == sorted(
        [(jeugdige.pk, jeugdige.pseudoniem), (tweede.pk, tweede.pseudoniem)]
    )
    bericht = per_actie[("aanmaken", "ijw.Bericht")]
    assert bericht.doel.startswith("iJw-berichtenverkeer met aanbieders (API ")
    assert bericht.namens == f"aanbieder {wereld['aanbieder']}"
    systeem = per_actie[("aanmaken", "accounts.Gebruiker")]
    assert (systeem.doel, systeem.namens) == ("gebruikers- en rechtenbeheer (systeem)", SYSTEEM)
    for regel in regels:
        rij = [str(getattr(regel, v)) for v in keten.VELDEN]
        rij += [str(j.client_pseudoniem) for j in regel.jeugdigen.all()]
        assert not any(j.bsn in waarde for waarde in rij for j in (jeugdige, tweede))
    assert verifieer_keten().intact


def test_technische_ijw_gebruiker_handelt_namens_de_aanbieder(wereld):
    """R-P6: the file-based iJw exchange acts as a technical user; its rows say on whose behalf."""
    gebruiker = technische_gebruiker(wereld["aanbieder"])
    regel = log(actie=Actie.AANMAKEN, objecttype="ijw.Bericht", door=gebruiker)
    assert (regel.doel, regel.namens) == (
        "iJw-berichtenverkeer met aanbieders (systeem)",
        f"iJw-uitwisseling namens aanbieder {wereld['aanbieder']}",
    )


def test_audit_context_geeft_doel_en_namens_aan_een_taak(db):
    """R-P6: a job states its purpose and authority once; explicit arguments still win."""
    with audit_context(doel="bewaartermijnen toepassen", namens="functioneel beheer regio"):
        taak = log(actie=Actie.VERWIJDEREN, objecttype="jeugdigen.Jeugdige")
        eigen = log(actie=Actie.LEZEN, objecttype="jeugdigen.Jeugdige", doel="controle")
    buiten = log(actie=Actie.LEZEN, objecttype="jeugdigen.Jeugdige")
    assert (taak.doel, taak.namens) == ("bewaartermijnen toepassen", "functioneel beheer regio")
    assert (eigen.doel, eigen.namens) == ("controle", "functioneel beheer regio")
    assert (buiten.doel, buiten.namens) == ("toegang tot jeugdhulp: dossier van de jeugdige (systeem)", SYSTEEM)


def test_export_van_auditlog_noemt_de_jeugdigen(client, wereld):
    """R-P6: the audit log's own export names the children whose rows it contained, and the
    beheerder finds that export when searching the log for one of them."""
    jeugdige = wereld["jeugdige_zwolle"]
    client.force_login(wereld["gebruikers"]["toegang"])
    client.get(f"/jeugdigen/{jeugdige.pk}/")
    client.force_login(wereld["gebruikers"]["beheerder"])
    assert client.get("/audit/?export=csv").status_code == 200
    export = AuditRegel.objects.get(actie=Actie.EXPORTEREN)
    assert list(export.jeugdigen.values_list("client_id", "client_pseudoniem")) == [(jeugdige.pk, jeugdige.pseudoniem)]
    pagina = client.get(f"/audit/?client_id={jeugdige.pk}")
    assert {r.pk for r in pagina.context["object_list"]} >= {export.pk}


def test_export_van_declaratie_noemt_de_jeugdigen_van_de_regels(client, route):
    """R-P6: a declaration's export is logged with the young people of its lines (id and
    pseudonym), never their BSN."""
    from .builders.declaraties import declareer, regel
    from .builders.route import gestart

    toewijzing = gestart(route)
    declaratie = declareer(route, [regel(toewijzing, "R1"), regel(toewijzing, "R2", maand=(2026, 3))])
    client.force_login(route["gebruikers"]["financieel"])
    assert client.get(f"/declaraties/{declaratie.pk}/?export=csv").status_code == 200
    export = AuditRegel.objects.get(actie=Actie.EXPORTEREN)
    jeugdige = toewijzing.jeugdige
    assert (export.objecttype, export.object_id, export.details) == (
        "declaraties.Declaratie",
        str(declaratie.pk),
        "2 regels als csv",
    )
    assert list(export.jeugdigen.values_list("client_id", "client_pseudoniem")) == [(jeugdige.pk, jeugdige.pseudoniem)]
    assert export.namens == f"gemeente {route['zwolle']}"


@pytest.fixture
def stand_ijw(monkeypatch):
    """The iJw handler stand-in of test_ijw_kern: the core receives and answers the message."""
    from jeugdregie.ijw.services import ontvangen

    from .builders.ijw.kern import Stand

    handler = Stand()
    monkeypatch.setattr(ontvangen, "verwerker", lambda berichttype: handler)
    return handler
