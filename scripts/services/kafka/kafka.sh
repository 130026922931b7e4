# shellcheck shell=bash
# Apache Kafka 3.9.2 in KRaft mode from Maven Central jars: data, log and pid under $SERVICES_DIR/kafka,
# jars cached in $HOME/.cache/kafka-broker/libs-3.9.2. Sourced by start.sh / stop.sh after common.sh.

KAFKA_CONFIG_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KAFKA_VERSION=3.9.2
KAFKA_LIBS="${RECSYS_KAFKA_LIBS:-$HOME/.cache/kafka-broker/libs-$KAFKA_VERSION}"
KAFKA_DIR="$SERVICES_DIR/kafka"
KAFKA_PID_FILE="$KAFKA_DIR/kafka.pid"
KAFKA_LOG="$KAFKA_DIR/kafka.out"
KAFKA_BROKERS="$SERVICES_HOST:$KAFKA_PORT"
# Any 22-character base64url 16-byte UUID; fixed, since the data directory is wiped on every start.
KAFKA_CLUSTER_ID=4L6g3nShT-eMCtK--X86sw
KAFKA_STOP_TIMEOUT_SECONDS=30

# kafka_answers: sends a Kafka ApiVersions v0 request (correlation id 42) and checks the reply's id,
# so a port held by something else does not pass for a broker.
kafka_answers() {
  local reply
  reply="$(timeout 3 bash -c "exec 3<>/dev/tcp/$SERVICES_HOST/$KAFKA_PORT &&
    printf '\\x00\\x00\\x00\\x0c\\x00\\x12\\x00\\x00\\x00\\x00\\x00\\x2a\\x00\\x02ck' >&3 &&
    head -c 8 <&3 | od -An -tx1" 2>/dev/null | tr -d ' \n')"
  [ "${reply:8:8}" = 0000002a ]
}

kafka_jars_complete() {
  [ -f "$KAFKA_LIBS/.complete" ] \
    || { [ -f "$KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar" ] && [ -f "$KAFKA_LIBS/kafka-clients-$KAFKA_VERSION.jar" ] \
      && [ -f "$KAFKA_LIBS/kafka-metadata-$KAFKA_VERSION.jar" ] && [ -f "$KAFKA_LIBS/reload4j-1.2.25.jar" ]; }
}

kafka_resolve_jars() {
  command -v java >/dev/null || fail "java (17+) is needed to run Kafka"
  kafka_jars_complete && return 0
  command -v mvn >/dev/null || fail "mvn is needed once to download the Kafka jars into $KAFKA_LIBS"
  log "kafka: resolving the $KAFKA_VERSION jars from Maven Central into $KAFKA_LIBS"
  mkdir -p "$KAFKA_LIBS"
  local mvn_log="$KAFKA_LIBS.mvn.log"
  mvn -B -f "$KAFKA_CONFIG_DIR/pom.xml" "-DoutputDirectory=$KAFKA_LIBS" dependency:copy-dependencies \
    >"$mvn_log" 2>&1 || fail "mvn could not resolve the Kafka jars" "$mvn_log"
  touch "$KAFKA_LIBS/.complete"
}

# Builds the effective config: the project's file plus the ports and data directory of this run.
kafka_write_config() {
  cp "$KAFKA_CONFIG_DIR/server.properties" "$KAFKA_DIR/server.properties"
  cat >>"$KAFKA_DIR/server.properties" <<CONF

# appended by scripts/services/kafka/kafka.sh
listeners=PLAINTEXT://$SERVICES_HOST:$KAFKA_PORT,CONTROLLER://$SERVICES_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$SERVICES_HOST:$KAFKA_PORT
controller.quorum.voters=1@$SERVICES_HOST:$KAFKA_CONTROLLER_PORT
log.dirs=$KAFKA_DIR/data
CONF
}

kafka_java() {
  java -Dlog4j.configuration="file:$KAFKA_CONFIG_DIR/log4j.properties" -cp "$KAFKA_LIBS/*" "$@"
}

# kafka_launch: starts the broker in the background; kafka_wait_ready checks on it later, so the JVM
# boots while PostgreSQL and Redis start.
kafka_launch() {
  KAFKA_REUSED=
  if kafka_answers; then KAFKA_REUSED=1; log "kafka: reusing the broker on port $KAFKA_PORT"; return; fi
  port_open "$KAFKA_PORT" && fail "port $KAFKA_PORT is taken by something that is not Kafka (set RECSYS_KAFKA_PORT)"
  kafka_stop_ours # a broker of ours that no longer answers
  kafka_resolve_jars
  # A throw-away broker: fresh data on every start, so old test topics never pile up.
  rm -rf "$KAFKA_DIR"
  mkdir -p "$KAFKA_DIR/data"
  kafka_write_config
  kafka_java -Xmx256m kafka.tools.StorageTool format -t "$KAFKA_CLUSTER_ID" -c "$KAFKA_DIR/server.properties" \
    >"$KAFKA_DIR/format.log" 2>&1 || fail "kafka storage format failed" "$KAFKA_DIR/format.log"
  kafka_spawn
}

# kafka_spawn: runs the broker on the config and data already in $KAFKA_DIR (kafka_launch prepares them).
kafka_spawn() {
  log "kafka: starting on port $KAFKA_PORT (controller $KAFKA_CONTROLLER_PORT)"
  # The flags of bin/kafka-run-class.sh with a smaller heap; setsid so it outlives the caller's group.
  # The child writes its own pid (exec keeps it), which stays right whether or not setsid has to fork.
  # shellcheck disable=SC2016 # $$ and $@ belong to the child shell
  KAFKA_PID_FILE="$KAFKA_PID_FILE" setsid bash -c 'echo $$ >"$KAFKA_PID_FILE"; exec "$@"' kafka \
    java -Xms256m -Xmx512m -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 \
    -Djava.awt.headless=true -Dlog4j.configuration="file:$KAFKA_CONFIG_DIR/log4j.properties" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_DIR/server.properties" >"$KAFKA_LOG" 2>&1 </dev/null 9>&- &
  wait_until "kafka pid file" "$KAFKA_LOG" test -s "$KAFKA_PID_FILE"
}

kafka_ready() {
  pid_alive "$KAFKA_PID_FILE" || fail "kafka exited during start-up" "$KAFKA_LOG"
  grep -q "Kafka Server started" "$KAFKA_LOG" && kafka_answers
}

kafka_wait_ready() {
  [ -n "$KAFKA_REUSED" ] && return 0
  wait_until "kafka" "$KAFKA_LOG" kafka_ready
  log "kafka: ready on port $KAFKA_PORT"
}

# Stops the broker named in our pid file (never another process that reused the pid).
kafka_stop_ours() {
  pid_alive "$KAFKA_PID_FILE" || { rm -f "$KAFKA_PID_FILE"; return 0; }
  local pid
  pid="$(cat "$KAFKA_PID_FILE")"
  if ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka'; then
    rm -f "$KAFKA_PID_FILE"
    return 0
  fi
  log "kafka: stopping (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true # a controlled shutdown
  local deadline=$((SECONDS + KAFKA_STOP_TIMEOUT_SECONDS))
  while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    log "kafka: still running after ${KAFKA_STOP_TIMEOUT_SECONDS}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$KAFKA_PID_FILE"
}

kafka_stop() {
  pid_alive "$KAFKA_PID_FILE" || { log "kafka: not running"; rm -f "$KAFKA_PID_FILE"; return 0; }
  kafka_stop_ours
}

# kafka_restart_keeping_data: stops our broker and starts it again on the same data directory (a broker
# restart as production sees it; kafka_launch instead wipes the data for a fresh test broker).
kafka_restart_keeping_data() {
  [ -f "$KAFKA_DIR/server.properties" ] || fail "no broker of ours in $KAFKA_DIR to restart"
  kafka_stop_ours
  KAFKA_REUSED=
  kafka_spawn
  kafka_wait_ready
}
