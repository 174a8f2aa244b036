#!/bin/sh
# First start: a cluster whose TCP logins need a password (SCRAM), the role
# BERTH_DB_USER with BERTH_DB_PASSWORD and its database. Then PostgreSQL on
# 127.0.0.1:PGPORT only (the container shares the host's network namespace).
set -eu
: "${BERTH_DB_PASSWORD:?BERTH_DB_PASSWORD is required}"
user="${BERTH_DB_USER:-berth}" db="${BERTH_DB_NAME:-berth}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  initdb -D "$PGDATA" --username=postgres --auth-local=peer --auth-host=scram-sha-256 --encoding=UTF8 >/dev/null
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -c unix_socket_directories=/tmp" -w start >/dev/null
  psql -X -q -v ON_ERROR_STOP=1 -h /tmp -U postgres -d postgres -v pw="$BERTH_DB_PASSWORD" -v role="$user" -v db="$db" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'pw';
CREATE DATABASE :"db" OWNER :"role";
SQL
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
fi
exec postgres -D "$PGDATA" -c listen_addresses=127.0.0.1 -c port="$PGPORT" -c unix_socket_directories=/tmp
