#!/usr/bin/env bash
# Starts the local PostgreSQL cluster and creates the test role and database (idempotent).
# Prints the connection string, and nothing else, on stdout: every other message goes to stderr, because
# callers capture stdout (pg_ctlcluster says "Removed stale pid file." after a machine restart).
set -euo pipefail
exec 3>&1 1>&2
VER=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
  # 3>&- : the server must not inherit the pipe our caller reads, or the caller waits for it forever.
  pg_lsclusters -h | grep -q "^$VER main" || pg_createcluster "$VER" main 3>&-
  if ! pg_ctlcluster "$VER" main start 3>&-; then
    # A killed server leaves socket lock files naming a dead PID; clear those and try once more.
    for lock in /var/run/postgresql/.s.PGSQL.*.lock; do
      [ -e "$lock" ] || continue
      state=$(ps -o stat= -p "$(head -1 "$lock")" 2>/dev/null || true)   # gone, or a zombie: dead
      [[ -z "$state" || "$state" == Z* ]] && rm -f "$lock"
    done
    pg_ctlcluster "$VER" main start 3>&-
  fi
fi
PORT=$(pg_lsclusters -h | awk '$4 == "online" { print $3; exit }')
for i in $(seq 1 30); do runuser -u postgres -- pg_isready -q -p "$PORT" && break; sleep 1; done
psql_admin() { runuser -u postgres -- psql -p "$PORT" -qtA "$@"; }
psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname='broadsheet'" | grep -q 1 \
  || psql_admin -c "CREATE ROLE broadsheet LOGIN PASSWORD 'broadsheet' CREATEDB"
psql_admin -c "SELECT 1 FROM pg_database WHERE datname='broadsheet_test'" | grep -q 1 \
  || psql_admin -c "CREATE DATABASE broadsheet_test OWNER broadsheet"
# Test databases left behind by an interrupted run (a test drops its own when it ends).
for db in $(psql_admin -c "SELECT datname FROM pg_database WHERE datname LIKE 'bs\_test\_%'"); do
  psql_admin -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" || true
done
URL="postgres://broadsheet:broadsheet@127.0.0.1:$PORT/broadsheet_test"
# Prove the URL works over TCP with the password before handing it out.
psql "$URL" -qtAc 'SELECT 1' | grep -q 1 || { echo "pg-setup: cannot connect to $URL" >&2; exit 1; }
echo "$URL" >&3
