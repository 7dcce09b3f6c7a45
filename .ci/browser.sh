#!/usr/bin/env bash
# What the browser test (tests/test_web.py) needs: Debian's chromium and its chromedriver.
# Idempotent: quick when both are already installed. Runs as root (CI, developers).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
chromium --version
