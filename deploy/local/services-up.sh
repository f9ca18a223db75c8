#!/usr/bin/env bash
# Makes sure what the tests and a local run need is up on this machine: RabbitMQ and FerretDB (over the
# local PostgreSQL). Idempotent; used by `npm test` and `.ci/run`. Honours AMQP_URL and MONGODB_URL: a broker or
# database elsewhere is only checked for, never started here.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

# host and port of a URL such as amqp://user:pass@host:5672/vhost
host_port() {
  local rest=${1#*://}
  rest=${rest##*@}
  rest=${rest%%/*}
  rest=${rest%%\?*}
  case $rest in
    *:*) echo "${rest%%:*} ${rest##*:}" ;;
    *) echo "$rest $2" ;;
  esac
}
reachable() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
is_local() { [ "$1" = 127.0.0.1 ] || [ "$1" = localhost ]; }

read -r amqp_host amqp_port <<<"$(host_port "${AMQP_URL:-amqp://127.0.0.1:5672}" 5672)"
if ! reachable "$amqp_host" "$amqp_port"; then
  is_local "$amqp_host" || { echo "RabbitMQ at $amqp_host:$amqp_port (AMQP_URL) is not reachable" >&2; exit 1; }
  echo "starting RabbitMQ"
  rabbitmq-server -detached
  for _ in $(seq 60); do reachable "$amqp_host" "$amqp_port" && break; sleep 1; done
  reachable "$amqp_host" "$amqp_port" || { echo "RabbitMQ did not start" >&2; exit 1; }
fi

read -r mongo_host mongo_port <<<"$(host_port "${MONGODB_URL:-mongodb://127.0.0.1:27017}" 27017)"
if is_local "$mongo_host"; then
  FERRETDB_PORT=$mongo_port bash "$here/ferretdb.sh"
elif ! reachable "$mongo_host" "$mongo_port"; then
  echo "MongoDB at $mongo_host:$mongo_port (MONGODB_URL) is not reachable" >&2; exit 1
fi
