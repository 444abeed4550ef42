#!/bin/sh
# lint_layers.sh - the invariants of the web layer: pages and API handlers
# never decide on a role string themselves (core/perm.c does) and never
# call the store (core read models do). The only store calls allowed in
# src/web/ are the per-thread connection and the request's read
# transaction in server.c. Exits 1 and lists the offending lines.
cd "$(dirname "$0")/.." || exit 2
fail=0

roles=$(grep -nE 'strc(ase)?cmp\([^;]*role|role[^;]*strc(ase)?cmp|"(admin|coordinator|reporter|viewer)"' src/web/*.c)
if [ -n "$roles" ]; then
	echo "src/web compares role strings; ask core/perm.h (perm_may/perm_check) instead:"
	echo "$roles"
	fail=1
fi

store=$(grep -nE '\bstore_[a-z_]+\(' src/web/*.c |
	grep -vE '\bstore_(open|close|read_begin|read_end|set_now)\(' |
	grep -vE '\bstore_key_free\(')
if [ -n "$store" ]; then
	echo "src/web calls the store; add or use a core function instead:"
	echo "$store"
	fail=1
fi

if [ "$fail" = 0 ]; then
	echo "lint_layers: src/web asks core for rules and data"
fi
exit $fail
