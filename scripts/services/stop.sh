#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Stops the services that scripts/services/start.sh started (never a server it merely reused).
# Idempotent: stopping what is not running is not an error.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/common.sh"
source "$HERE/postgres.sh"
source "$HERE/redis.sh"
source "$HERE/kafka/kafka.sh"

with_services_lock
kafka_stop
redis_stop
pg_stop
log "stopped"
