# shellcheck shell=bash
# Shared helpers for start.sh and stop.sh (sourced, not executed).
# Logs go to stderr so that start.sh's stdout carries only the environment to use.

SERVICES_DIR="${RECSYS_SERVICES_DIR:-$HOME/.cache/recsys-services}"
SERVICES_HOST=127.0.0.1
PG_PORT="${RECSYS_PG_PORT:-5432}"
REDIS_PORT="${RECSYS_REDIS_PORT:-6379}"
KAFKA_PORT="${RECSYS_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${RECSYS_KAFKA_CONTROLLER_PORT:-9093}"
# How long one service may take to answer before start.sh gives up.
READY_TIMEOUT_SECONDS="${RECSYS_SERVICES_TIMEOUT_SECONDS:-120}"

log() { printf '[services] %s\n' "$*" >&2; }

# fail MESSAGE [LOG_FILE]: print the message (and the log's last lines) and exit non-zero.
fail() {
  log "ERROR: $1"
  if [ -n "${2:-}" ] && [ -f "$2" ]; then
    log "last lines of $2:"
    tail -n 60 "$2" >&2
  fi
  exit 1
}

# port_open PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$SERVICES_HOST/$1" 2>/dev/null
}

# apt_install PACKAGE...: installs Debian packages, refreshing the index only if the first try fails.
apt_install() {
  [ "$(id -u)" -eq 0 ] || fail "missing $*; install it (apt-get install $*) or run as root"
  log "installing $* with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "$@" >&2 || { apt-get update -q >&2 && apt-get install -y -q "$@" >&2; } \
    || fail "apt-get install $* failed"
}

# wait_until DESCRIPTION LOG_FILE COMMAND...: polls COMMAND every 0.5 s until it succeeds or the timeout.
wait_until() {
  local description="$1" log_file="$2"
  shift 2
  local deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || fail "$description did not answer within ${READY_TIMEOUT_SECONDS}s" "$log_file"
    sleep 0.5
  done
}

# pid_alive PID_FILE: true when the file names a running process.
pid_alive() {
  [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# with_services_lock: serialises start.sh/stop.sh runs (several test runs may start at once).
# Daemons must be launched with 9>&- so they do not inherit (and hold) the lock.
with_services_lock() {
  mkdir -p "$SERVICES_DIR"
  exec 9>"$SERVICES_DIR/.lock"
  flock -w 600 9 || fail "could not take $SERVICES_DIR/.lock within 600s"
}
