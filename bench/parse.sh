#!/usr/bin/env bash
# bench/parse.sh - parser throughput (text MB/s, .docx docs/s) beside a
# baseline measured in the same run, then the parser's accuracy on the
# labelled corpus (ttdn parse --score). Needs `make` first (links
# build/release/libttdn.a, runs build/release/ttdn). The 10-page .docx is generated once with
# python3-docx into build/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${TTDN_SHARED:-../shared}
[ -f build/release/libttdn.a ] || { echo "bench/parse.sh: run make first" >&2; exit 1; }
mkdir -p build/bench
PKGS="libmicrohttpd sqlite3 jansson libutf8proc libsodium libzip libxml-2.0 libcurl"
# shellcheck disable=SC2046
${CC:-gcc} -std=c17 -D_GNU_SOURCE -O2 -Isrc $(pkg-config --cflags $PKGS) -o build/bench/parse_bench \
	bench/parse_bench.c build/release/libttdn.a $(pkg-config --libs $PKGS) -lpthread -lm
docx=build/bench/ten_pages.docx
if [ ! -f "$docx" ]; then
	/usr/bin/python3 - "$SHARED"/seeds/002_*.txt "$docx" <<'PY'
import sys, docx
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
d = docx.Document()
t = d.add_table(rows=1, cols=2)
t.cell(0, 0).text = 'ỦY BAN NHÂN DÂN\nTỈNH KON TUM\nSố: 215/KH-UBND'
t.cell(0, 1).text = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nKon Tum, ngày 28 tháng 01 năm 2019'
body = [l for l in lines[6:] if l.strip()]
# About ten A4 pages: the seed body (~5 pages) twice.
for l in body[:-20] + body[2:-20] + body[-20:]:
    d.add_paragraph(l)
d.save(sys.argv[2])
PY
fi
build/bench/parse_bench "$SHARED/seeds" "$docx"

# Accuracy beside speed: per-field precision and recall of the header over
# the labelled corpus of portal copies (tests/data/corpus). Goal: 95% on
# every header field.
echo
build/release/ttdn parse --score tests/data/corpus | tee build/bench/parse_score.txt
awk 'NR > 2 && $2 ~ /%$/ { p = $2 + 0; r = $3 + 0; if (p < 95 || r < 95) bad = bad " " $1 }
     END { if (bad == "") print "goal >= 95% precision and recall on every header field: PASS";
           else print "goal >= 95% precision and recall on every header field: FAIL (" substr(bad, 2) ")" }' \
	build/bench/parse_score.txt
