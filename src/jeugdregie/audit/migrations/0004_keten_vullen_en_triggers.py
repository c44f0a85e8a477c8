"""R-P6: chain the rows written before the chain existed, then protect the new table too.

1. Existing rows get their chain hash in id order (on PostgreSQL the UPDATE trigger of 0002 is
   switched off for this one statement series; migrations run as the table owner).
2. PostgreSQL: the children of an export (``audit_auditregeljeugdige``) refuse UPDATE and DELETE
   like the rows themselves.
3. SQLite: triggers refuse UPDATE on both tables. DELETE is left to the chain (a removed row
   breaks it), because Django's test flush on SQLite empties tables with DELETE.
"""

from django.db import migrations

from jeugdregie.audit import keten

PG_JEUGDIGE = """
CREATE TRIGGER audit_auditregeljeugdige_geen_update BEFORE UPDATE ON audit_auditregeljeugdige
    FOR EACH ROW EXECUTE FUNCTION audit_auditregel_alleen_toevoegen();
CREATE TRIGGER audit_auditregeljeugdige_geen_delete BEFORE DELETE ON audit_auditregeljeugdige
    FOR EACH ROW EXECUTE FUNCTION audit_auditregel_alleen_toevoegen();
"""
PG_JEUGDIGE_TERUG = """
DROP TRIGGER IF EXISTS audit_auditregeljeugdige_geen_update ON audit_auditregeljeugdige;
DROP TRIGGER IF EXISTS audit_auditregeljeugdige_geen_delete ON audit_auditregeljeugdige;
"""
SQLITE = [
    f"""CREATE TRIGGER {tabel}_geen_update BEFORE UPDATE ON {tabel}
    BEGIN SELECT RAISE(ABORT, '{tabel} is append-only: UPDATE is niet toegestaan'); END;"""
    for tabel in ("audit_auditregel", "audit_auditregeljeugdige")
]
SQLITE_TERUG = [f"DROP TRIGGER IF EXISTS {t}_geen_update" for t in ("audit_auditregel", "audit_auditregeljeugdige")]


def keten_vullen(apps, schema_editor):
    AuditRegel = apps.get_model("audit", "AuditRegel")
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute("ALTER TABLE audit_auditregel DISABLE TRIGGER audit_auditregel_geen_update")
    vorige = keten.BEGIN
    for regel in AuditRegel.objects.order_by("id").iterator(chunk_size=2000):
        vorige = keten.schakel(vorige, {veld: getattr(regel, veld) for veld in keten.VELDEN})
        AuditRegel.objects.filter(pk=regel.pk).update(ketenhash=vorige)
    if postgres:
        schema_editor.execute("ALTER TABLE audit_auditregel ENABLE TRIGGER audit_auditregel_geen_update")


def triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_JEUGDIGE, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE:
            schema_editor.execute(sql, params=None)


def triggers_terug(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_JEUGDIGE_TERUG, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_TERUG:
            schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_keten_en_jeugdigen")]
    operations = [
        migrations.RunPython(keten_vullen, migrations.RunPython.noop),
        migrations.RunPython(triggers, triggers_terug),
    ]
