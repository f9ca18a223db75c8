#!/usr/bin/env bash
# Runs the whole pipeline on this machine: the four services as separate processes against local RabbitMQ
# and FerretDB, supervised (a service that exits is restarted with backoff). Ctrl-C stops them all.
# More throughput: start more ocr/table processes (same queues).
# `npm start` runs this as `exec bash ...` and it execs the supervisor: npm's child is the supervisor itself, so
# the SIGTERM npm passes on reaches it (a `sh -c` in between died of it and left everything running).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash deploy/local/services-up.sh
[ -d dist ] || npx tsc -p .
echo "docpipe starting: http://127.0.0.1:${HTTP_PORT:-8080}/"
exec node dist/cli/supervise.js
