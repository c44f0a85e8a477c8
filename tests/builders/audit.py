"""Audit-log test helpers: what an attacker with the database owner's rights would do."""

from django.db import connection


def zonder_triggers(cursor) -> None:
    """What an attacker with the owner's rights would do first (inside the test transaction)."""
    if connection.vendor == "postgresql":
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending foreign-key checks may block ALTER
        cursor.execute("ALTER TABLE audit_auditregel DISABLE TRIGGER USER")
        cursor.execute("ALTER TABLE audit_auditregeljeugdige DISABLE TRIGGER USER")
    else:
        cursor.execute("DROP TRIGGER audit_auditregel_geen_update")
        cursor.execute("DROP TRIGGER audit_auditregeljeugdige_geen_update")
