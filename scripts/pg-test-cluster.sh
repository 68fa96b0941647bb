#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests: trust auth, 127.0.0.1 only, data in /tmp.
#   scripts/pg-test-cluster.sh start   # prints the URL, e.g. postgres://postgres@127.0.0.1:55432/postgres
#   scripts/pg-test-cluster.sh stop    # stops it and deletes its data directory
#   scripts/pg-test-cluster.sh url     # prints the URL only
# PG_TEST_PORT (default 55432) and PG_TEST_DIR (default /tmp/vb-pg-<port>) override the location. initdb refuses
# to run as root, so as root the cluster runs as the unprivileged `postgres` system user (created by Debian's
# postgresql package); otherwise it runs as the current user.
set -euo pipefail

port="${PG_TEST_PORT:-55432}"
dir="${PG_TEST_DIR:-/tmp/vb-pg-$port}"
url="postgres://postgres@127.0.0.1:$port/postgres"
# The cluster owner may not be allowed into the checkout (e.g. a clone under /root).
cd /tmp

find_bin() {
  if [ -n "${PG_BIN:-}" ]; then
    echo "$PG_BIN"
    return
  fi
  local candidate
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/initdb" ]; then
      echo "$candidate"
      return
    fi
  done
  if command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return
  fi
  echo "pg-test-cluster: PostgreSQL binaries not found (apt-get install -y postgresql)" >&2
  exit 1
}

# Runs a command as the cluster owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  local bin
  bin="$(find_bin)"
  if [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    echo "$url"
    return
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
  fi
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || {
      cat "$dir/initdb.log" >&2
      exit 1
    }
  # Test settings: no durability needed, enough connections for parallel test files and two app instances.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || {
    cat "$dir/server.log" >&2
    exit 1
  }
  echo "$url"
}

stop() {
  local bin
  bin="$(find_bin)"
  if [ -d "$dir/data" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) echo "$url" ;;
  *)
    echo "usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac
