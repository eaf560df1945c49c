#!/usr/bin/env bash
# Starts the local PostgreSQL cluster and creates the test role and database (idempotent).
# Prints the connection string on stdout.
set -euo pipefail
VER=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
  pg_lsclusters -h | grep -q "^$VER main" || pg_createcluster "$VER" main >/dev/null
  pg_ctlcluster "$VER" main start
fi
for i in $(seq 1 30); do runuser -u postgres -- pg_isready -q && break; sleep 1; done
runuser -u postgres -- psql -qtAc "SELECT 1 FROM pg_roles WHERE rolname='broadsheet'" | grep -q 1 \
  || runuser -u postgres -- psql -qc "CREATE ROLE broadsheet LOGIN PASSWORD 'broadsheet' CREATEDB" >/dev/null
runuser -u postgres -- psql -qtAc "SELECT 1 FROM pg_database WHERE datname='broadsheet_test'" | grep -q 1 \
  || runuser -u postgres -- psql -qc "CREATE DATABASE broadsheet_test OWNER broadsheet" >/dev/null
echo "postgres://broadsheet:broadsheet@127.0.0.1:5432/broadsheet_test"
