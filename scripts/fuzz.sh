#!/usr/bin/env bash
# fuzz.sh - build and run the libFuzzer targets in fuzz/ (parser, .docx
# reader, the search tokenizer and query parser, and the HTTP body
# parsers: URL decoder, urlencoded forms, multipart parts).
#
#   scripts/fuzz.sh --smoke     build, then run each target a few seconds (make check)
#   scripts/fuzz.sh [SECONDS]   run each target SECONDS (default 300; make fuzz)
#
# Builds from the sources itself with clang (src/base and src/text, plus the
# connection-free src/web/form.c for the HTTP targets; no storage) into
# build/fuzz/. Each target starts from its
# committed seed corpus fuzz/corpus/<target>/ and grows a working copy in
# build/fuzz/corpus/<target>/; crashes are written to build/fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."

secs=300
http_secs=
case "${1:-}" in
--smoke) secs=20 http_secs=8 ;;
"") ;;
*[!0-9]*) echo "usage: scripts/fuzz.sh [--smoke | SECONDS]" >&2; exit 2 ;;
*) secs=$1 ;;
esac

CC=${FUZZ_CC:-clang}
command -v "$CC" >/dev/null || { echo "fuzz.sh: $CC not found (apt-get install clang libclang-rt-14-dev)" >&2; exit 1; }
PKGS="jansson libutf8proc libzip libxml-2.0"
CFLAGS="-std=c17 -D_GNU_SOURCE -Isrc -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined $(pkg-config --cflags $PKGS)"
LIBS="$(pkg-config --libs $PKGS) -lcsv -lm"
out=build/fuzz
mkdir -p "$out"

status=0
for target in parse docx table url form multipart search; do
	bin=$out/fuzz_$target
	extra=
	t=$secs
	case $target in url | form | multipart) extra=src/web/form.c t=${http_secs:-$secs} ;; esac
	echo "fuzz.sh: building $bin"
	# shellcheck disable=SC2086
	$CC $CFLAGS -o "$bin" fuzz/fuzz_$target.c src/base/*.c src/text/*.c $extra $LIBS
	work=$out/corpus/$target
	mkdir -p "$work"
	echo "fuzz.sh: running fuzz_$target for ${t}s"
	# -rss_limit_mb bounds memory: the readers must hold their caps.
	if ! ASAN_OPTIONS=detect_leaks=1 "$bin" -max_total_time="$t" -rss_limit_mb=2048 -max_len=65536 \
		-timeout=10 -artifact_prefix="$out/crash-$target-" -print_final_stats=1 \
		"$work" "fuzz/corpus/$target" >"$out/fuzz_$target.log" 2>&1; then
		echo "fuzz.sh: fuzz_$target FAILED; see $out/fuzz_$target.log" >&2
		tail -40 "$out/fuzz_$target.log" >&2
		status=1
	else
		grep -E "stat::number_of_executed_units|cov:" "$out/fuzz_$target.log" | tail -2
		echo "fuzz.sh: fuzz_$target ok"
	fi
done
exit $status
