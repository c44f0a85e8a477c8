"""R-P2: on PostgreSQL the database itself refuses UPDATE and DELETE on the audit log.

Row-level BEFORE triggers raise an exception. TRUNCATE is not covered (it needs table
ownership, which the production application role should not have). SQLite has no such
guarantee; there the application-level guard in models.py is the only one.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION audit_auditregel_alleen_toevoegen() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_auditregel is append-only: % is niet toegestaan', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_auditregel_geen_update BEFORE UPDATE ON audit_auditregel
    FOR EACH ROW EXECUTE FUNCTION audit_auditregel_alleen_toevoegen();
CREATE TRIGGER audit_auditregel_geen_delete BEFORE DELETE ON audit_auditregel
    FOR EACH ROW EXECUTE FUNCTION audit_auditregel_alleen_toevoegen();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS audit_auditregel_geen_update ON audit_auditregel;
DROP TRIGGER IF EXISTS audit_auditregel_geen_delete ON audit_auditregel;
DROP FUNCTION IF EXISTS audit_auditregel_alleen_toevoegen();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
