#!/usr/bin/env bash
# `make bench`: every benchmark in bench/*.sh, each printing its figures
# beside a baseline measured in the same run. Never part of `make check`.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
for b in bench/*.sh; do
  [ -x "$b" ] || continue
  echo "== $b"
  "$b" || { echo "$b failed"; status=1; }
done
exit $status
