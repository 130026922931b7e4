# shellcheck shell=bash
# Redis: a daemon with its own config and directory under $SERVICES_DIR/redis, no persistence.
# Sourced by start.sh / stop.sh after common.sh.

REDIS_DIR="$SERVICES_DIR/redis"
REDIS_PID_FILE="$REDIS_DIR/redis.pid"
REDIS_LOG="$REDIS_DIR/redis.log"
REDIS_URL="redis://$SERVICES_HOST:$REDIS_PORT"

redis_answers() {
  [ "$(timeout 3 redis-cli -h "$SERVICES_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]
}

redis_write_config() {
  cat >"$REDIS_DIR/redis.conf" <<CONF
bind $SERVICES_HOST
port $REDIS_PORT
daemonize yes
pidfile $REDIS_PID_FILE
logfile $REDIS_LOG
dir $REDIS_DIR
save ""
appendonly no
databases 16
CONF
}

redis_start() {
  if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then apt_install redis-server; fi
  if redis_answers; then log "redis: reusing the server on port $REDIS_PORT"; return; fi
  port_open "$REDIS_PORT" && fail "port $REDIS_PORT is taken by something that is not Redis (set RECSYS_REDIS_PORT)"
  mkdir -p "$REDIS_DIR"
  redis_write_config
  log "redis: starting on port $REDIS_PORT"
  # daemonize forks and calls setsid itself, so the server outlives the caller.
  redis-server "$REDIS_DIR/redis.conf" 9>&- || fail "redis-server failed" "$REDIS_LOG"
  wait_until "redis" "$REDIS_LOG" redis_answers
  log "redis: ready on port $REDIS_PORT"
}

redis_stop() {
  pid_alive "$REDIS_PID_FILE" || { log "redis: not running"; rm -f "$REDIS_PID_FILE"; return 0; }
  log "redis: stopping"
  local pid
  pid="$(cat "$REDIS_PID_FILE")"
  kill "$pid" 2>/dev/null || true # SIGTERM: a clean shutdown (nothing is saved: save "")
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$REDIS_PID_FILE"
}
