# Sourced by scripts/test when no DATABASE_URL is given: installs PostgreSQL from Debian's
# packages if needed, starts a throw-away cluster on 127.0.0.1 and exports DATABASE_URL.
# The role `jeugdregie` owns the schema (it runs migrate) and may create roles, so the R-P6 test
# can create an application role with insert-and-read rights on the audit log.
set -euo pipefail

PG_POORT=${PG_POORT:-54329}
PG_MAP=${PG_MAP:-/tmp/jeugdregie-pg-$PG_POORT}

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "== PostgreSQL installeren (Debian-pakket postgresql)"
  apt_installeer postgresql
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

als_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ -f "$PG_MAP/data/postmaster.pid" ]; then
  als_pg "$pg_bin/pg_ctl" -D "$PG_MAP/data" -m immediate stop >/dev/null 2>&1 || true
fi
rm -rf "$PG_MAP"
mkdir -p "$PG_MAP"
[ "$(id -u)" -eq 0 ] && chown postgres "$PG_MAP"
als_pg "$pg_bin/initdb" -D "$PG_MAP/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
als_pg "$pg_bin/pg_ctl" -D "$PG_MAP/data" -l "$PG_MAP/server.log" -w start \
  -o "-p $PG_POORT -k $PG_MAP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
als_pg "$pg_bin/psql" -h 127.0.0.1 -p "$PG_POORT" -U postgres -q \
  -c "CREATE ROLE jeugdregie LOGIN PASSWORD 'jeugdregie' CREATEDB CREATEROLE" \
  -c "CREATE DATABASE jeugdregie OWNER jeugdregie"

# A plain variable, so the EXIT trap still finds the cluster when PG_MAP was given as a prefix
# assignment to `source` (bash restores such variables when `source` returns).
_pg_data="$PG_MAP/data"
stop_postgres() { als_pg "$pg_bin/pg_ctl" -D "$_pg_data" -m fast stop >/dev/null 2>&1 || true; }
trap stop_postgres EXIT
export DATABASE_URL="postgres://jeugdregie:jeugdregie@127.0.0.1:$PG_POORT/jeugdregie"
# The client tools of the same major version, for scripts/backup and scripts/herstel (their test).
export PG_BIN="$pg_bin"
echo "== PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') draait op 127.0.0.1:$PG_POORT"
