#!/usr/bin/env bash
# The one test command (`npm test`): starts the real services, then runs every jest project (unit,
# integration, e2e) against them. Extra arguments go to jest (`npm test -- test/integration/foo`).
# Jest's JSON results go to $RECSYS_JEST_JSON (default: a fresh file under $TMPDIR); exits with jest's status.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

services_env="$(scripts/services/start.sh)"
eval "$services_env"
export DATABASE_URL REDIS_URL KAFKA_BROKERS CHROMIUM_PATH

results_file="${RECSYS_JEST_JSON:-$(mktemp "${TMPDIR:-/tmp}/recsys-jest-XXXXXX.json")}"
echo "[test] services: $DATABASE_URL $REDIS_URL $KAFKA_BROKERS" >&2
echo "[test] jest results: $results_file" >&2

# --forceExit: a driver's stray timer in one suite must not hang CI forever once every test has finished.
status=0
npx jest --maxWorkers=2 --forceExit --json --outputFile="$results_file" "$@" || status=$?
exit "$status"
