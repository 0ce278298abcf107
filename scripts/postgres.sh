#!/usr/bin/env bash
# A throwaway PostgreSQL (Debian's `postgresql` package) on loopback, for tests and trials.
#   eval "$(scripts/postgres.sh start [DIR])"   starts it; exports GOV_ASSISTANT_TEST_DATABASE_URL
#   scripts/postgres.sh stop [DIR]               stops it
# Installs Debian's postgresql when it is missing (needs root or sudo). Runs as the `postgres`
# user when started by root (PostgreSQL refuses to run as root). Trust auth, loopback only.
set -euo pipefail
cmd=${1:-start}
dir=${2:-${TMPDIR:-/tmp}/gov-assistant-pg}
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "$cmd" = "stop" ]; then
  bin=$(pg_bin)
  [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$dir/data" -m fast stop >&2 || true
  exit 0
fi

if [ -z "$(pg_bin)" ]; then
  echo "==> installing Debian postgresql" >&2
  $SUDO apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q postgresql >&2
fi
bin=$(pg_bin)
mkdir -p "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
if [ -f "$dir/data/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  port=$(sed -n 4p "$dir/data/postmaster.pid")
else
  rm -rf "$dir/data"
  as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >&2
fi
echo "export GOV_ASSISTANT_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
