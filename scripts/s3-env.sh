#!/usr/bin/env bash
# Prepares the Python environment that runs a real S3-compatible server for Tidemark's S3
# source tests: moto's standalone server (`python -m moto.server -H 127.0.0.1 -p PORT`),
# which speaks the S3 REST API (ListObjectsV2, GetObject, PutObject, buckets) in memory.
#
#   .venv-s3/  a venv with a pinned moto[server] from PyPI (nothing else is downloaded).
#
# Reuses the venv when it already holds the pinned version. Progress goes to stderr; the
# last line on stdout is the venv's python path, so callers can do
#   PY=$(scripts/s3-env.sh | tail -n 1)
#
# Environment:
#   TIDEMARK_MOTO_VERSION  overrides the pin (default below)
#   TIDEMARK_S3_VENV       overrides the venv folder
#   PYTHON                 the python3 used to create the venv (>= 3.9 for moto 5.x)
set -euo pipefail

MOTO_VERSION="${TIDEMARK_MOTO_VERSION:-5.2.1}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${TIDEMARK_S3_VENV:-$ROOT/.venv-s3}"
PY="$VENV/bin/python"
BASE_PYTHON="${PYTHON:-python3}"

log() { echo "s3-env: $*" >&2; }

if ! command -v "$BASE_PYTHON" >/dev/null 2>&1 && [ ! -x "$PY" ]; then
  log "no $BASE_PYTHON found; the S3 tests run moto (an S3-compatible server) from PyPI and need Python 3.9+ with venv and pip (apt-get install python3 python3-venv python3-pip)."
  exit 1
fi

# Two test files may call this at once: serialise on a lock inside the venv folder (the
# folder is created first; `python -m venv` accepts an existing empty one).
mkdir -p "$VENV"
exec 9>"$VENV/.s3-env.lock"
flock 9

installed_version() {
  "$PY" -c 'import importlib.metadata as m; print(m.version("moto"))' 2>/dev/null || true
}

# moto's server needs flask and werkzeug (the [server] extra) besides moto itself.
if [ -x "$PY" ] && [ "$(installed_version)" = "$MOTO_VERSION" ] && "$PY" -c 'import flask, flask_cors' 2>/dev/null; then
  log "reusing $VENV (moto $MOTO_VERSION)"
else
  if [ ! -x "$PY" ]; then
    if ! "$BASE_PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)'; then
      log "$BASE_PYTHON is older than 3.9; moto $MOTO_VERSION needs Python 3.9+ (set PYTHON=...)."
      exit 1
    fi
    log "creating $VENV"
    if ! "$BASE_PYTHON" -m venv "$VENV" >&2; then
      log "could not create a venv with $BASE_PYTHON (install python3-venv)."
      exit 1
    fi
  fi
  log "installing moto[server]==$MOTO_VERSION from PyPI"
  "$PY" -m pip install --disable-pip-version-check --no-input --quiet "moto[server]==$MOTO_VERSION" >&2
fi

version="$(installed_version)"
if [ "$version" != "$MOTO_VERSION" ]; then
  log "moto reports '$version', expected $MOTO_VERSION"
  exit 1
fi

echo "$PY"
