#!/usr/bin/env bash
# Makes sure redis-server (the Debian package) is on PATH: the scale-out tests start their own throw-away instance
# on a free loopback port (tests/Unico.IdCloud.Redis.Tests). Installs the package only when it is missing.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
  redis-server --version
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends redis-server >/dev/null
# The package may start a system service on 6379; the tests never use it.
redis-server --version
