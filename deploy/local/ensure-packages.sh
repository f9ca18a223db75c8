#!/usr/bin/env bash
# Installs from Debian's packages what the tests and a local run need and this machine lacks: RabbitMQ,
# PostgreSQL (under FerretDB), Go (to build FerretDB), Chromium (the browser tests), poppler, ImageMagick, img2pdf
# and CJK fonts (render.py's scans of the shared reports), docker-compose (the compose file is parsed, not run).
# Idempotent: on a machine that has them, it only checks. Used by `npm test` and `.ci/run`; needs root (or sudo)
# only when something is missing.
set -euo pipefail

if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
  echo "not a Debian machine: the tests need RabbitMQ, PostgreSQL, Go, Chromium (/usr/bin/chromium), poppler, ImageMagick, img2pdf and CJK fonts installed by hand" >&2
  exit 0
fi

need_apt=()
command -v rabbitmq-server >/dev/null || need_apt+=(rabbitmq-server)
command -v pg_ctlcluster >/dev/null || need_apt+=(postgresql)
command -v psql >/dev/null || need_apt+=(postgresql-client)
command -v go >/dev/null || [ -x /usr/local/go/bin/go ] || need_apt+=(golang-go)
command -v python3 >/dev/null || need_apt+=(python3)
command -v docker-compose >/dev/null || need_apt+=(docker-compose)
for pkg in chromium poppler-utils imagemagick img2pdf fonts-noto-cjk fonts-arphic-uming; do
  dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need_apt+=("$pkg")
done
[ ${#need_apt[@]} -eq 0 ] && exit 0

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "missing Debian packages: ${need_apt[*]}; install them as root (apt-get install ${need_apt[*]})" >&2; exit 1; }
  sudo=(sudo)
fi
echo "installing ${need_apt[*]}"
"${sudo[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${need_apt[@]}"
