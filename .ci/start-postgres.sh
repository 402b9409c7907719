#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for the store tests (trust auth, 127.0.0.1 only) and prints its connection string.
# Usage: .ci/start-postgres.sh [PORT] [stop]   (installs the postgresql package with apt when missing; "stop" stops that cluster)
set -euo pipefail
port="${1:-55432}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi
dir="/tmp/verdict-pg-$port"
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
if [ "${2:-}" = stop ]; then run "'$bin/pg_ctl' -D '$dir' -m fast stop" >&2 || true; exit 0; fi
if [ ! -f "$dir/PG_VERSION" ]; then
  mkdir -p "$dir" && { [ "$(id -u)" != 0 ] || chown postgres "$dir"; }
  run "'$bin/initdb' -D '$dir' -U verdict --auth=trust -E UTF8 >/dev/null"
fi
if ! run "'$bin/pg_ctl' -D '$dir' status" >/dev/null 2>&1; then
  run "'$bin/pg_ctl' -D '$dir' -l '$dir/server.log' -w -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off\" start" >&2
fi
echo "Host=127.0.0.1;Port=$port;Username=verdict;Database=postgres"
