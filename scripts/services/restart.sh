#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Restarts one service of a PRIVATE set (started by start.sh with its own RECSYS_SERVICES_DIR and ports),
# keeping its data: for outage tests and the chaos benchmark.
#   RECSYS_SERVICES_DIR=/tmp/x RECSYS_PG_PORT=... scripts/services/restart.sh postgres|redis|kafka
# It refuses to touch the shared set (the default directory): other test runs rely on it.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/common.sh"
source "$HERE/postgres.sh"
source "$HERE/redis.sh"
source "$HERE/kafka/kafka.sh"

[ "$(readlink -f "$SERVICES_DIR")" != "$(readlink -f "$HOME/.cache/recsys-services")" ] \
  || fail "refusing to restart the shared services; set RECSYS_SERVICES_DIR to a private set"
with_services_lock
case "${1:-}" in
  postgres) pg_stop && pg_start ;;
  redis) redis_stop && redis_start ;; # no persistence: Redis comes back empty, as after a crash
  kafka) kafka_restart_keeping_data ;;
  *) fail "usage: restart.sh postgres|redis|kafka" ;;
esac
