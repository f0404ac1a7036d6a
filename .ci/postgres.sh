#!/usr/bin/env bash
# A PostgreSQL server for the tests of cxdesk's bureau roles on a shared database (issue 8).
#
# Installs PostgreSQL from Debian's packages if it is missing, makes it listen on 127.0.0.1
# only, starts it, and creates a test role and database (the role may create databases: the
# tests make a fresh database from a migrated template for every bureau they open).
# Idempotent: on a machine where it already ran, it only makes sure the server is up.
#
# Prints exactly one line on standard output, the test URL; everything else goes to stderr:
#     export CXDESK_TEST_PG_URL="$(bash .ci/postgres.sh)"
# Needs root (CI runs as root); elsewhere run it with sudo.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

USER_NAME=${CXDESK_TEST_PG_USER:-cxdesk_test}
PASSWORD=${CXDESK_TEST_PG_PASSWORD:-pw4tests-local}
DB_NAME=${CXDESK_TEST_PG_DB:-cxdesk_test}
PORT=${CXDESK_TEST_PG_PORT:-5432}

{
  if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
  fi
  version=$(ls /usr/lib/postgresql | sort -V | tail -1)
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
    pg_createcluster "$version" main --port "$PORT"
  fi
  # Loopback only: this server is for the tests of this machine and nobody else.  The
  # settings go into a file of their own in conf.d (read after postgresql.conf).
  pg_conftool "$version" main remove listen_addresses || true
  conf_dir=/etc/postgresql/$version/main/conf.d
  mkdir -p "$conf_dir"
  wanted=$(printf "listen_addresses = '127.0.0.1'\nport = %s" "$PORT")
  changed=no
  if [ "$(cat "$conf_dir/cxdesk-test.conf" 2>/dev/null)" != "$wanted" ]; then
    printf '%s\n' "$wanted" > "$conf_dir/cxdesk-test.conf"
    changed=yes
  fi
  status=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}')
  if [ "$status" = online ] && [ "$changed" = yes ]; then
    pg_ctlcluster "$version" main restart  # listen_addresses and port need a restart
  elif [ "$status" != online ]; then
    pg_ctlcluster "$version" main start
  fi
  for _ in $(seq 1 30); do
    if runuser -u postgres -- pg_isready -q -h 127.0.0.1 -p "$PORT"; then break; fi
    sleep 1
  done
  runuser -u postgres -- pg_isready -h 127.0.0.1 -p "$PORT"

  psql_admin() { runuser -u postgres -- psql -p "$PORT" -v ON_ERROR_STOP=1 -qtA "$@"; }
  if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$USER_NAME'")" != 1 ]; then
    psql_admin -c "CREATE ROLE $USER_NAME LOGIN CREATEDB PASSWORD '$PASSWORD'"
  else
    psql_admin -c "ALTER ROLE $USER_NAME LOGIN CREATEDB PASSWORD '$PASSWORD'"
  fi
  if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != 1 ]; then
    psql_admin -c "CREATE DATABASE $DB_NAME OWNER $USER_NAME"
  fi
} >&2

echo "postgresql+psycopg://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$DB_NAME"
