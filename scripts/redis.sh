# Sourced by scripts/test when no CELERY_BROKER_URL is given (issue 17 part B): installs Redis
# from Debian's packages if needed, starts a throw-away server on 127.0.0.1 (no persistence) and
# exports CELERY_BROKER_URL for the task tests with real worker processes.
set -euo pipefail

REDIS_POORT=${REDIS_POORT:-63790}

if ! command -v redis-server >/dev/null; then
  echo "== Redis installeren (Debian-pakket redis-server)"
  apt_installeer redis-server
fi

# A folder of our own: a fresh mktemp -d (not a predictable /tmp name another user could have
# made first), unless REDIS_MAP names one; a given folder's earlier server is stopped first.
if [ -n "${REDIS_MAP:-}" ]; then
  if [ -f "$REDIS_MAP/redis.pid" ]; then
    kill "$(cat "$REDIS_MAP/redis.pid")" 2>/dev/null || true
  fi
  rm -rf "$REDIS_MAP"
  mkdir -p "$REDIS_MAP"
  _redis_tijdelijk=""
else
  REDIS_MAP=$(mktemp -d "${TMPDIR:-/tmp}/jeugdregie-redis.XXXXXXXX")
  _redis_tijdelijk="$REDIS_MAP"
fi
redis-server --bind 127.0.0.1 --port "$REDIS_POORT" --dir "$REDIS_MAP" --save "" --appendonly no \
  --daemonize yes --pidfile "$REDIS_MAP/redis.pid" --logfile "$REDIS_MAP/redis.log"
for _ in $(seq 50); do
  redis-cli -h 127.0.0.1 -p "$REDIS_POORT" ping >/dev/null 2>&1 && break
  sleep 0.1
done

# A plain variable, so the EXIT trap still finds the server when REDIS_MAP was a prefix assignment.
_redis_pid="$REDIS_MAP/redis.pid"
stop_redis() {
  if [ -f "$_redis_pid" ]; then kill "$(cat "$_redis_pid")" 2>/dev/null || true; fi
  if [ -n "$_redis_tijdelijk" ]; then rm -rf "$_redis_tijdelijk"; fi
}
if [ ! -f "$_redis_pid" ]; then  # e.g. the port is taken: never leave tests on someone else's server
  echo "Redis is niet gestart op poort $REDIS_POORT (log: $REDIS_MAP/redis.log)" >&2
  stop_redis
  return 1 2>/dev/null || exit 1
fi
export CELERY_BROKER_URL="redis://127.0.0.1:$REDIS_POORT/0"
echo "== Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2) draait op 127.0.0.1:$REDIS_POORT"
