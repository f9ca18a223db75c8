#!/usr/bin/env bash
# Runs the whole pipeline on this machine: the four services as separate processes against local RabbitMQ
# and FerretDB. Ctrl-C stops them all. More throughput: start more ocr/table processes (same queues).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash deploy/local/services-up.sh
[ -d dist ] || npx tsc -p .
pids=()
for service in upload/src ocr/src table-extraction/src normalisation/src; do
  node "dist/services/$service/main.js" & pids+=($!)
done
trap 'kill "${pids[@]}" 2>/dev/null; wait' INT TERM
echo "docpipe running: http://127.0.0.1:${HTTP_PORT:-8080}/"
wait
