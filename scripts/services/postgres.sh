# shellcheck shell=bash
# PostgreSQL: our own cluster under $SERVICES_DIR/postgres, run as the postgres OS user when we are root.
# Sourced by start.sh / stop.sh after common.sh.

PG_DIR="$SERVICES_DIR/postgres"
PG_DATA="$PG_DIR/data"
PG_SOCKET_DIR="$PG_DIR/run"
PG_LOG="$PG_DIR/postgres.log"
PG_URL="postgres://recsys:recsys@$SERVICES_HOST:$PG_PORT/recsys"

# as_pg_user COMMAND...: PostgreSQL refuses to run as root, so root runs it as the postgres user.
as_pg_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Finds the server binaries (Debian keeps them in /usr/lib/postgresql/<major>/bin, off the PATH).
pg_find_bin_dir() {
  local pg_ctl_path
  pg_ctl_path="$(command -v pg_ctl || true)"
  if [ -n "$pg_ctl_path" ]; then dirname "$(readlink -f "$pg_ctl_path")"; return; fi
  find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1
}

pg_credentials_work() {
  [ "$(PGPASSWORD=recsys PGCONNECT_TIMEOUT=3 psql "$PG_URL" -tAqc 'select 1' 2>/dev/null)" = 1 ]
}

pg_ensure_installed() {
  PG_BIN="$(pg_find_bin_dir)"
  if [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] && command -v psql >/dev/null; then return; fi
  apt_install postgresql
  # The package creates and may start its own "main" cluster; free the port for ours.
  pg_lsclusters --no-header 2>/dev/null | while read -r version name port status _; do
    if [ "$port" = "$PG_PORT" ] && [ "$status" = online ]; then pg_ctlcluster "$version" "$name" stop; fi
  done
  PG_BIN="$(pg_find_bin_dir)"
  [ -x "$PG_BIN/initdb" ] || fail "initdb not found after installing postgresql"
}

# The postgres user must be able to reach $PG_DIR: grant search (x) on any ancestor it cannot pass
# (for example a 0700 home directory); this lets it traverse, not list.
pg_grant_traverse() {
  [ "$(id -u)" -eq 0 ] || return 0
  local dir="" part
  local -a parts
  IFS=/ read -ra parts <<<"${PG_DIR#/}"
  for part in "${parts[@]}"; do # top-down: a directory is only reachable if its parents are
    dir="$dir/$part"
    if ! runuser -u postgres -- test -x "$dir"; then
      log "granting others search permission on $dir so the postgres user can reach $PG_DIR"
      chmod o+x "$dir"
    fi
  done
}

pg_prepare_dirs() {
  mkdir -p "$PG_DIR" "$PG_SOCKET_DIR"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PG_DIR" "$PG_SOCKET_DIR"; fi
  chmod 0700 "$PG_SOCKET_DIR"
  pg_grant_traverse
}

pg_init_cluster() {
  [ -f "$PG_DATA/PG_VERSION" ] && return 0
  rm -rf "$PG_DATA" # an interrupted initdb leaves a partial directory that initdb refuses
  log "initialising a PostgreSQL cluster in $PG_DATA"
  as_pg_user "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --no-locale \
    --auth-local=trust --auth-host=scram-sha-256 >"$PG_DIR/initdb.log" 2>&1 \
    || fail "initdb failed" "$PG_DIR/initdb.log"
  echo "include_if_exists = 'recsys-tests.conf'" >>"$PG_DATA/postgresql.conf"
}

# Rewritten on every start so that RECSYS_PG_PORT changes apply. Durability is off: test data only.
pg_write_settings() {
  cat >"$PG_DATA/recsys-tests.conf" <<CONF
listen_addresses = '$SERVICES_HOST'
port = $PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
max_connections = 200
shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PG_DATA/recsys-tests.conf"; fi
}

pg_provision_role() {
  as_pg_user psql -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qX >&2 <<'SQL' \
    || fail "could not create role/database recsys" "$PG_LOG"
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'recsys') THEN
    CREATE ROLE recsys LOGIN PASSWORD 'recsys' CREATEDB;
  END IF;
END $$;
SELECT 'CREATE DATABASE recsys OWNER recsys' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'recsys')
\gexec
SQL
}

pg_start() {
  if pg_credentials_work; then log "postgres: reusing the server on port $PG_PORT"; return; fi
  pg_ensure_installed
  if port_open "$PG_PORT" && ! as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    fail "port $PG_PORT is taken by a server where user recsys/recsys cannot log in (set RECSYS_PG_PORT)"
  fi
  pg_prepare_dirs
  pg_init_cluster
  pg_write_settings
  if ! as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    log "postgres: starting on port $PG_PORT"
    # setsid: the server must outlive the caller's process group (test runners kill theirs).
    as_pg_user setsid -w "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >&2 9>&- \
      || fail "postgres did not start" "$PG_LOG"
  fi
  pg_provision_role
  wait_until "postgres" "$PG_LOG" pg_credentials_work
  log "postgres: ready on port $PG_PORT"
}

pg_stop() {
  PG_BIN="$(pg_find_bin_dir)"
  if [ ! -f "$PG_DATA/postmaster.pid" ] || [ -z "$PG_BIN" ]; then log "postgres: not running"; return 0; fi
  log "postgres: stopping"
  as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >&2 || log "postgres: pg_ctl stop failed"
}
