"""R-P6 on PostgreSQL: the application's database role may only insert and read the audit log.

The schema owner (the role ``manage.py migrate`` runs as) owns every table, the audit triggers
included; only an owner can ALTER the table, drop or disable a trigger, or grant itself more.
The application connects as a separate role that owns nothing and gets:

- SELECT, INSERT, UPDATE, DELETE on the other tables and USAGE/SELECT/UPDATE on their sequences;
- only SELECT and INSERT on the audit tables and USAGE/SELECT on their sequences: no UPDATE,
  DELETE, TRUNCATE, REFERENCES or TRIGGER.

``ken_rechten_toe`` is idempotent; run it (``manage.py audit rechten``) as the owner after every
``migrate``, since tables created later are not covered by earlier grants.
"""

from __future__ import annotations

from django.db import connection

AUDITTABELLEN = ("audit_auditregel", "audit_auditregeljeugdige")


class RolFout(Exception):
    """The application role cannot be given these rights safely."""


def _q(naam: str) -> str:
    return connection.ops.quote_name(naam)


def ken_rechten_toe(rol: str, *, maak_aan: bool = False) -> list[str]:
    """Grant ``rol`` the application's rights; returns the statements executed."""
    if connection.vendor != "postgresql":
        raise RolFout("Databaserollen bestaan alleen op PostgreSQL; op SQLite beschermt de hashketen het auditlog.")
    uitgevoerd: list[str] = []
    with connection.cursor() as cursor:

        def doe(sql: str) -> None:
            cursor.execute(sql)
            uitgevoerd.append(sql)

        cursor.execute("SELECT current_user, current_schema()")
        eigenaar, schema = cursor.fetchone()
        if rol == eigenaar:
            raise RolFout(f"De applicatierol {rol} is ook de eigenaar van het schema; kies een aparte rol.")
        cursor.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = %s", [rol])
        rij = cursor.fetchone()
        if rij is None:
            if not maak_aan:
                raise RolFout(f"De rol {rol} bestaat niet; maak hem aan (CREATE ROLE … LOGIN) of gebruik --maak-aan.")
            doe(f"CREATE ROLE {_q(rol)} NOLOGIN")
        elif rij[0]:
            raise RolFout(f"De rol {rol} is superuser en omzeilt elke beperking; gebruik een gewone rol.")
        cursor.execute("SELECT pg_has_role(%s, %s, 'USAGE')", [rol, eigenaar])
        if cursor.fetchone()[0]:
            raise RolFout(f"De rol {rol} erft de rechten van eigenaar {eigenaar}; trek dat lidmaatschap in.")
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s AND tableowner = %s", [schema, rol])
        eigen = [r[0] for r in cursor.fetchall()]
        if eigen:
            raise RolFout(f"De rol {rol} is eigenaar van {', '.join(eigen)}; maak de schema-eigenaar eigenaar.")

        r, s = _q(rol), _q(schema)
        doe(f"GRANT USAGE ON SCHEMA {s} TO {r}")
        doe(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {r}")
        doe(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {s} TO {r}")
        for tabel in AUDITTABELLEN:
            doe(f"REVOKE ALL ON TABLE {_q(tabel)} FROM {r}")
            doe(f"GRANT SELECT, INSERT ON TABLE {_q(tabel)} TO {r}")
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [tabel])
            reeks = cursor.fetchone()[0]
            if reeks:
                doe(f"REVOKE ALL ON SEQUENCE {reeks} FROM {r}")
                doe(f"GRANT USAGE, SELECT ON SEQUENCE {reeks} TO {r}")
    return uitgevoerd
