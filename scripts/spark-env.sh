#!/usr/bin/env bash
# `npm run spark:env`: prepares the Python environment that runs Tidemark's PySpark exports
# and the conformance suite on a real Spark.
#
#   .venv-spark/  a venv with a pinned pyspark (the pip wheel bundles Spark's jars, so only
#                 PyPI and a Java 17+ runtime are needed — no Spark download).
#
# Reuses the venv when it already holds the pinned version. Progress goes to stderr; the
# last line on stdout is the venv's python path, so callers can do
#   PY=$(scripts/spark-env.sh | tail -n 1)
#
# Flags:
#   --check   also run a tiny local[2] job even when the venv was reused (always run after a
#             fresh install) and report how long the SparkSession took to start.
#   --connect also install pyspark's [connect] extras (pandas, pyarrow, grpcio, …), which a
#             Spark Connect client (`sc://host:port`) needs; the server is in pyspark's jars.
# Environment:
#   TIDEMARK_PYSPARK_VERSION  overrides the pin (default below)
#   TIDEMARK_SPARK_VENV       overrides the venv folder
#   PYTHON                    the python3 used to create the venv (>= 3.10 for pyspark 4.x)
set -euo pipefail

# 4.1.x: the newest line that still runs on Java 17 (Spark 4.x needs Java 17+).
PYSPARK_VERSION="${TIDEMARK_PYSPARK_VERSION:-4.1.4}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${TIDEMARK_SPARK_VENV:-$ROOT/.venv-spark}"
PY="$VENV/bin/python"
BASE_PYTHON="${PYTHON:-python3}"
CHECK=0
CONNECT=0
for arg in "$@"; do
  case "$arg" in
    --check) CHECK=1 ;;
    --connect) CONNECT=1 ;;
    *) echo "spark-env: unknown argument '$arg' (known: --check, --connect)" >&2; exit 2 ;;
  esac
done

log() { echo "spark-env: $*" >&2; }
now_ms() { date +%s%3N; }

# Java first: pyspark imports fine without it, but every SparkSession would fail later with a
# less helpful message.
if ! command -v java >/dev/null 2>&1 && [ -z "${JAVA_HOME:-}" ]; then
  log "no Java runtime found; Spark ${PYSPARK_VERSION%%.*}.x needs Java 17 or newer (install openjdk-17-jre-headless)."
  exit 1
fi
JAVA_BIN="java"
[ -n "${JAVA_HOME:-}" ] && JAVA_BIN="$JAVA_HOME/bin/java"
JAVA_MAJOR="$("$JAVA_BIN" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)"
if [ -n "$JAVA_MAJOR" ] && [ "$JAVA_MAJOR" -lt 17 ]; then
  log "Java $JAVA_MAJOR found; pyspark $PYSPARK_VERSION needs Java 17 or newer."
  exit 1
fi

# Two test runs may call this at once: serialise on a lock inside the venv folder (the
# folder is created first; `python -m venv` accepts an existing empty one).
mkdir -p "$VENV"
exec 9>"$VENV/.spark-env.lock"
flock 9

installed_version() {
  "$PY" -c 'import importlib.metadata as m; print(m.version("pyspark"))' 2>/dev/null || true
}

FRESH=0
if [ -x "$PY" ] && [ "$(installed_version)" = "$PYSPARK_VERSION" ]; then
  log "reusing $VENV (pyspark $PYSPARK_VERSION)"
else
  FRESH=1
  started=$(now_ms)
  if [ ! -x "$PY" ]; then
    if ! "$BASE_PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)'; then
      log "$BASE_PYTHON is older than 3.10; pyspark $PYSPARK_VERSION needs Python 3.10+ (set PYTHON=...)."
      exit 1
    fi
    log "creating $VENV"
    "$BASE_PYTHON" -m venv "$VENV"
  fi
  log "installing pyspark==$PYSPARK_VERSION from PyPI (about 450 MB the first time)"
  "$PY" -m pip install --disable-pip-version-check --no-input --quiet "pyspark==$PYSPARK_VERSION" >&2
  log "install took $(( ($(now_ms) - started) / 1000 )) s"
fi

version="$("$PY" -c 'import pyspark; print(pyspark.__version__)')"
if [ "$version" != "$PYSPARK_VERSION" ]; then
  log "pyspark reports $version, expected $PYSPARK_VERSION"
  exit 1
fi

# The modules pyspark.sql.connect imports (pyspark's setup.py `connect` extra).
if [ "$CONNECT" = 1 ] && ! "$PY" -c 'import pandas, pyarrow, grpc, grpc_status, google.protobuf' 2>/dev/null; then
  started=$(now_ms)
  log "installing pyspark[connect]==$PYSPARK_VERSION extras for Spark Connect clients"
  "$PY" -m pip install --disable-pip-version-check --no-input --quiet "pyspark[connect]==$PYSPARK_VERSION" >&2
  log "install took $(( ($(now_ms) - started) / 1000 )) s"
fi

if [ "$FRESH" = 1 ] || [ "$CHECK" = 1 ]; then
  log "running a tiny local[2] job"
  "$PY" - >&2 <<'PYEOF'
import time
t0 = time.time()
from pyspark.sql import SparkSession
spark = (SparkSession.builder.master("local[2]").appName("tidemark-spark-env-check")
         .config("spark.ui.enabled", "false").getOrCreate())
t1 = time.time()
spark.sparkContext.setLogLevel("ERROR")
total = spark.range(0, 1000, numPartitions=2).selectExpr("sum(id) AS s").collect()[0]["s"]
t2 = time.time()
spark.stop()
assert total == 499500, total
print(f"spark-env: SparkSession start {t1 - t0:.1f} s, first job {t2 - t1:.1f} s (sum = {total})")
PYEOF
fi

echo "$PY"
