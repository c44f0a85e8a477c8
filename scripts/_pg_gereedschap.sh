# Sourced by scripts/backup and scripts/herstel: finds the PostgreSQL client tools and checks
# DATABASE_URL. PG_BIN (set by scripts/postgres.sh) wins; otherwise the newest installed
# /usr/lib/postgresql/<major>/bin; otherwise whatever is on PATH. pg_dump must be at least the
# server's major version (see docs/beheer/backup.md).
set -euo pipefail

if [ -z "${PG_BIN:-}" ]; then
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
pg_tool() {
  if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/$1" ]; then echo "$PG_BIN/$1"; else command -v "$1"; fi
}
for _tool in pg_dump pg_restore psql createdb; do
  if ! pg_tool "$_tool" >/dev/null; then
    echo "FOUT: $_tool niet gevonden; installeer de PostgreSQL-clientprogramma's of zet PG_BIN." >&2
    exit 2
  fi
done

case "${DATABASE_URL:-}" in
  postgres://* | postgresql://*) ;;
  *)
    echo "FOUT: zet DATABASE_URL op de PostgreSQL-database (postgres://gebruiker:wachtwoord@host:poort/naam)." >&2
    exit 2
    ;;
esac

# The database name and the URL of the maintenance database "postgres" on the same server.
_zonder_query=${DATABASE_URL%%\?*}
_query=""
[ "$_zonder_query" != "$DATABASE_URL" ] && _query="?${DATABASE_URL#*\?}"
DB_NAAM=${_zonder_query##*/}
ONDERHOUD_URL="${_zonder_query%/*}/postgres$_query"
export DB_NAAM ONDERHOUD_URL

# The audit chain's head (count, last id, last hash); backup records it, herstel checks it.
ketenkop() {
  "$(pg_tool psql)" --no-psqlrc -X -A -t -v ON_ERROR_STOP=1 -d "$1" -c \
    "SELECT count(*) || ' ' || coalesce(max(id), 0) || ' ' || coalesce((SELECT ketenhash FROM audit_auditregel ORDER BY id DESC LIMIT 1), '-') FROM audit_auditregel"
}
