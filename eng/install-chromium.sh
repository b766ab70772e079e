#!/usr/bin/env bash
# Installs Debian's chromium for the web sample's browser test (tests/Unico.IdCloud.WebSample.Tests), when missing.
# Playwright drives this system browser (ExecutablePath /usr/bin/chromium): it never downloads a browser of its own.
# Needs root (CI and the development machines run as root); waits for a dpkg lock held by another apt run.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium
/usr/bin/chromium --version
