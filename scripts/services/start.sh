#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Starts the real services the integration and e2e tests use, all on 127.0.0.1, and prints the
# environment to use on stdout (logs go to stderr):
#   eval "$(scripts/services/start.sh)"
# Idempotent: a service that already answers with our settings is reused. Data, logs and pid files live
# in ${RECSYS_SERVICES_DIR:-$HOME/.cache/recsys-services}; ports: RECSYS_PG_PORT (5432),
# RECSYS_REDIS_PORT (6379), RECSYS_KAFKA_PORT (9092), RECSYS_KAFKA_CONTROLLER_PORT (9093).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/common.sh"
source "$HERE/postgres.sh"
source "$HERE/redis.sh"
source "$HERE/kafka/kafka.sh"
source "$HERE/chromium.sh"

started_at=$SECONDS
with_services_lock
kafka_launch
pg_start
redis_start
kafka_wait_ready
chromium_ensure_installed

cat >"$SERVICES_DIR/env" <<ENV
export DATABASE_URL=$PG_URL
export REDIS_URL=$REDIS_URL
export KAFKA_BROKERS=$KAFKA_BROKERS
export CHROMIUM_PATH=$CHROMIUM_PATH
ENV
log "all services answer ($((SECONDS - started_at))s); environment (also in $SERVICES_DIR/env):"
cat "$SERVICES_DIR/env"
