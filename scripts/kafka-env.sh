#!/usr/bin/env bash
# Prepares the Apache Kafka broker the Kafka source/sink tests start (KRaft mode, no ZooKeeper):
#
#   .kafka-broker/libs/  the jars of org.apache.kafka:kafka_2.13 and an slf4j binding, copied
#                        from Maven Central by Maven (scripts/kafka/pom.xml). No tarball, no Docker.
#
# Reuses the folder when it already holds the pinned version. Progress goes to stderr; the last
# line on stdout is the libs folder, so callers can do
#   LIBS=$(scripts/kafka-env.sh | tail -n 1); java -cp "$LIBS/*" kafka.Kafka server.properties
#
# Environment:
#   TIDEMARK_KAFKA_DIR  overrides the folder (default <repo>/.kafka-broker)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
POM="$ROOT/scripts/kafka/pom.xml"
DIR="${TIDEMARK_KAFKA_DIR:-$ROOT/.kafka-broker}"
LIBS="$DIR/libs"

log() { echo "kafka-env: $*" >&2; }
now_ms() { date +%s%3N; }

if ! command -v java >/dev/null 2>&1 && [ -z "${JAVA_HOME:-}" ]; then
  log "no Java runtime found; the Kafka broker needs Java 11 or newer (install openjdk-17-jre-headless)."
  exit 1
fi
if ! command -v mvn >/dev/null 2>&1; then
  log "Maven (mvn) not found; it fetches the Kafka broker jars from Maven Central (install maven)."
  exit 1
fi

KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM" | head -n 1)"
if [ -z "$KAFKA_VERSION" ]; then
  log "cannot read <kafka.version> from $POM"
  exit 1
fi

# Several test files may call this at once: serialise on a lock inside the folder.
mkdir -p "$DIR"
exec 9>"$DIR/.kafka-env.lock"
flock 9

# The marker is written only after a complete copy, so an interrupted download is redone.
MARKER="$DIR/.version"
if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$KAFKA_VERSION" ] && [ -f "$LIBS/kafka_2.13-$KAFKA_VERSION.jar" ]; then
  log "reusing $LIBS (Kafka $KAFKA_VERSION)"
else
  started=$(now_ms)
  log "copying Kafka $KAFKA_VERSION jars from Maven Central into $LIBS"
  rm -rf "$LIBS" "$MARKER"
  mvn -q -B -f "$POM" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIBS" >&2
  if [ ! -f "$LIBS/kafka_2.13-$KAFKA_VERSION.jar" ]; then
    log "Maven finished but $LIBS/kafka_2.13-$KAFKA_VERSION.jar is missing"
    exit 1
  fi
  echo "$KAFKA_VERSION" > "$MARKER"
  log "copy took $(( ($(now_ms) - started) / 1000 )) s"
fi

echo "$LIBS"
