#!/usr/bin/env bash
# Throw-away PostgreSQL 15 cluster for tests and migration diffs (never for real data).
# Usage: scripts/pg.sh start|stop|url. Listens only on 127.0.0.1:54329 with trust auth,
# so it must never hold anything worth protecting. Start when running is a no-op.
set -euo pipefail

PGBIN=/usr/lib/postgresql/15/bin
PGDATA=${PLAYGATE_PG_DIR:-/tmp/playgate-pg}
PGPORT=${PLAYGATE_PG_PORT:-54329}
URL="postgresql://postgres@127.0.0.1:${PGPORT}/postgres"

as_postgres() { runuser -u postgres -- "$@"; }

install_pg() {
  [ -x "$PGBIN/initdb" ] && return
  echo "pg.sh: installing postgresql" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  # The Debian package starts its own cluster on 5432; we want only ours.
  if command -v pg_ctlcluster >/dev/null; then
    pg_lsclusters -h 2>/dev/null | while read -r ver name _; do
      pg_ctlcluster "$ver" "$name" stop 2>/dev/null || true
    done
  fi
  command -v systemctl >/dev/null && systemctl disable --now postgresql 2>/dev/null || true
}

running() { [ -f "$PGDATA/postmaster.pid" ] && as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; }

start() {
  install_pg
  if running; then return; fi
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    mkdir -p "$PGDATA" && chown postgres:postgres "$PGDATA" && chmod 700 "$PGDATA"
    as_postgres "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  # Socket dir under PGDATA: /var/run/postgresql may not exist when the package is not set up.
  as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 30 start \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA -c fsync=off -c max_connections=200" >/dev/null
}

stop() {
  if running; then as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null; fi
}

case "${1:-}" in
  start) start; echo "$URL" ;;
  stop) stop ;;
  url) echo "$URL" ;;
  status) running ;;
  *) echo "usage: $0 start|stop|url|status" >&2; exit 2 ;;
esac
