#!/usr/bin/env bash
# The console's browser tests drive Debian's Chromium (never a browser Playwright downloads).
# Installs it when missing; CONSOLE_CHROMIUM points elsewhere if needed.
set -euo pipefail
bin="${CONSOLE_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$bin" ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "ensure-chromium: $bin is missing; install it with: sudo apt-get install -y chromium" >&2
  exit 1
fi
echo "ensure-chromium: installing Debian's chromium (apt-get)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
test -x "$bin"
