#!/usr/bin/env bash
# Builds FerretDB v1.24.0 from its Go module (once) and starts it over the local PostgreSQL, idempotently.
# Why a build dir: `go install ...@v1.24.0` stops on the proxy's deprecation lookup, and the module as
# published lacks build/version/version.txt, without which the binary panics at start; so we build from a
# writable copy of the module with that one file added.
set -euo pipefail

VERSION=v1.24.0
# The Go of the official tarball, where Debian's golang-go is not installed.
export PATH="$PATH:/usr/local/go/bin"
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=${DOCPIPE_LOCAL_DIR:-$HOME/.cache/docpipe}
BIN=$ROOT/bin/ferretdb
PORT=${FERRETDB_PORT:-27017}
PG_URL=${FERRETDB_POSTGRESQL_URL:-postgres://postgres@127.0.0.1:5432/ferretdb}

build() {
  [ -x "$BIN" ] && "$BIN" --version 2>&1 | grep -q "$VERSION" && return 0
  echo "building FerretDB $VERSION (about a minute)"
  local work=$ROOT/build
  rm -rf "$work" && mkdir -p "$work" "$ROOT/bin"
  cd "$work"
  go mod init docpipe-ferretdb-build >/dev/null 2>&1
  go get "github.com/FerretDB/FerretDB@$VERSION" >/dev/null 2>&1 || go get "github.com/FerretDB/FerretDB/cmd/ferretdb@$VERSION"
  go get "github.com/FerretDB/FerretDB/cmd/ferretdb@$VERSION" >/dev/null 2>&1 || true
  local src
  src=$(go env GOMODCACHE)/github.com/\!ferret\!d\!b/\!ferret\!d\!b@$VERSION
  cp -r "$src" module && chmod -R u+w module
  echo "$VERSION" > module/build/version/version.txt
  go mod edit -replace "github.com/FerretDB/FerretDB=./module"
  go build -o "$BIN" github.com/FerretDB/FerretDB/cmd/ferretdb
  cd - >/dev/null
}

postgres_up() {
  pg_isready -q -h 127.0.0.1 -p 5432 && return 0
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && return 0; sleep 1; done
  echo "PostgreSQL did not start" >&2; return 1
}

start() {
  # The database FERRETDB_POSTGRESQL_URL names (its path), created if missing.
  local db=${PG_URL##*/}
  db=${db%%\?*}
  psql -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE \"$db\"" >/dev/null
  # FerretDB 1.x uses none of its own indexes for a find: GIN twins it can use (see the file). Idempotent, so an
  # instance already running gets them too (built once for the collections it has).
  psql -h 127.0.0.1 -U postgres -d "$db" -v ON_ERROR_STOP=1 -q -f "$HERE/ferretdb-indexes.sql" >/dev/null
  if (exec 3<>/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null; then echo "FerretDB already listening on $PORT"; return 0; fi
  mkdir -p "$ROOT/state"
  setsid "$BIN" --handler=postgresql --postgresql-url="$PG_URL" --listen-addr="127.0.0.1:$PORT" \
    --state-dir="$ROOT/state" --telemetry=disable --debug-addr=- --log-level=WARN \
    >>"$ROOT/ferretdb.log" 2>&1 < /dev/null &
  for _ in $(seq 30); do
    (exec 3<>/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null && { echo "FerretDB listening on $PORT"; return 0; }
    sleep 1
  done
  echo "FerretDB did not start; see $ROOT/ferretdb.log" >&2; tail -20 "$ROOT/ferretdb.log" >&2; return 1
}

build
postgres_up
start
