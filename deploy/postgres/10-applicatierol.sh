#!/usr/bin/env bash
# Runs once, when the postgres container initialises an empty data directory (compose.yaml
# mounts this folder at /docker-entrypoint-initdb.d). Creates the application role that the
# web processes, the worker and beat log in as; it owns nothing, and after every migrate
# `manage.py audit rechten` grants it what it may do (docs/beheer/backup.md §1).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v rol="jeugdregie_app" -v wachtwoord="$JEUGDREGIE_APP_DB_WACHTWOORD" <<'SQL'
CREATE ROLE :"rol" LOGIN PASSWORD :'wachtwoord';
SQL
