#!/usr/bin/env bash
# Makes sure what the tests and a local run need is up on this machine: RabbitMQ and FerretDB (over the
# local PostgreSQL). Idempotent; used by `npm test` and `.ci/run`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if ! (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; then
  echo "starting RabbitMQ"
  rabbitmq-server -detached
  for _ in $(seq 60); do (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null && break; sleep 1; done
  (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null || { echo "RabbitMQ did not start" >&2; exit 1; }
fi
bash "$here/ferretdb.sh"
