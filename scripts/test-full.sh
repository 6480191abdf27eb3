#!/usr/bin/env bash
# npm run test:full — the whole suite as CI runs it:
#   1. the unit and HTTP tests against a real PostgreSQL 15 (a throwaway server, started and removed here);
#   2. the web UI build;
#   3. the end-to-end tests in Debian's Chromium, against the app on the same PostgreSQL.
# `npm test` runs the same unit suite on PGlite. Override the PostgreSQL binaries with PG_BIN.
set -euo pipefail

cd "$(dirname "$0")/.."

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
if [[ ! -x "$PG_BIN/initdb" ]]; then
  echo "test-full: PostgreSQL binaries not found in $PG_BIN (set PG_BIN)" >&2
  exit 1
fi

PG_DIR="$(mktemp -d -t kiseki-pg-XXXXXX)"
PG_DATA="$PG_DIR/data"
PG_LOG="$PG_DIR/server.log"

# initdb refuses to run as root: as root, run the server as the `postgres` user.
as_pg_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

stop_postgres() {
  if [[ -f "$PG_DATA/postmaster.pid" ]]; then
    as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_DIR"
}
trap stop_postgres EXIT

if [[ "$(id -u)" -eq 0 ]]; then
  chown postgres: "$PG_DIR"
  chmod 700 "$PG_DIR"
fi

PG_PORT="$(node -e "const s = require('node:net').createServer(); s.listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });")"

echo "test-full: starting PostgreSQL ($("$PG_BIN/postgres" --version)) on 127.0.0.1:$PG_PORT"
as_pg_owner "$PG_BIN/initdb" -D "$PG_DATA" --username=postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 \
  -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { cat "$PG_LOG" >&2; exit 1; }

echo "test-full: unit and HTTP tests on PostgreSQL"
TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres" npx vitest run --project unit

echo "test-full: building the web UI"
npm run build:web

echo "test-full: end-to-end tests in Chromium (on PostgreSQL)"
TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres" npx vitest run --project e2e
