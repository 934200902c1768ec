#!/usr/bin/env bash
# System packages the tests and the demo need on Debian 12 (run as root; idempotent).
# chromium + xvfb: the UI tests; softhsm2 + opensc: a real PKCS#11 module and its tools;
# sqlite3: the CLI the import benchmark compares against; poppler-utils + python3-fonttools: the
# independent readers the certificate PDF and its embedded font are checked with.
set -euo pipefail
packages=(chromium xvfb xauth softhsm2 opensc sqlite3 poppler-utils python3-fonttools)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing Debian packages: ${missing[*]} (run this script as root)" >&2
    exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
