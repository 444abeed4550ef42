# ttdn - GNU Makefile. `make` builds ./ttdn; see README.md for the rest.
.DEFAULT_GOAL := all
SHELL := /bin/bash

PKGS := libmicrohttpd sqlite3 jansson libutf8proc libsodium libzip libxml-2.0 libcurl libpq xlsxwriter \
	libical zlib
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo dev)

CC ?= cc
ifeq ($(origin CC),default)
CC := gcc
endif
WARN := -Wall -Wextra -Wshadow -Wno-unused-parameter -Wno-missing-field-initializers -Wformat=2 -Wvla
BASE_CFLAGS := -std=c17 -D_GNU_SOURCE -Isrc $(WARN) -pthread -DTTDN_VERSION='"$(VERSION)"' \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lpthread -lm

# Two flavours share the sources: release (build/release) and the sanitizer
# build that `make check` uses (build/asan).
FLAVOUR ?= release
ifeq ($(FLAVOUR),asan)
OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
else
OPT := -O2 -g
endif
B := build/$(FLAVOUR)

SRC := $(filter-out src/cli/main.c,$(wildcard src/*/*.c))
OBJ := $(SRC:%.c=$(B)/%.o)
DEP := $(OBJ:.o=.d) $(B)/src/cli/main.d
EMBED := $(wildcard src/store/migrations/*.sql src/store/migrations/*/*.sql) $(wildcard src/web/assets/*) \
	$(wildcard data/*.csv)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

.PHONY: pot all ttdn run check check-unit check-http check-browser bench fuzz lint format clean deps asan
all: ttdn

ttdn: $(B)/ttdn
ifeq ($(FLAVOUR),release)
	@cp $(B)/ttdn ./ttdn.tmp && mv -f ./ttdn.tmp ./ttdn
endif

$(B)/libttdn.a: $(OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(B)/ttdn: $(B)/src/cli/main.o $(B)/libttdn.a
	$(CC) $(OPT) -pthread -o $@ $^ $(LIBS)

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(OPT) -MMD -MP -c -o $@ $<

# Files pulled in with .incbin are dependencies of the objects that embed them.
$(B)/src/store/migrate.o $(B)/src/web/assets.o $(B)/src/core/data.o: $(EMBED)

$(B)/tests/%: tests/unit/%.c $(B)/libttdn.a
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(OPT) -o $@ $< $(B)/libttdn.a $(LIBS) $(shell pkg-config --libs cmocka)

# The search benchmark (bench/search.sh) measures ttdn's own search code.
$(B)/bench/search_bench: bench/search_bench.c $(B)/libttdn.a
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(OPT) -o $@ $< $(B)/libttdn.a $(LIBS)

deps:
	@scripts/deps.sh

asan:
	@$(MAKE) --no-print-directory FLAVOUR=asan build/asan/ttdn $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)

# Sets up a fresh machine, builds, creates var/ttdn.db with real data on the
# first start, and serves on http://127.0.0.1:8080.
run: deps
	@$(MAKE) --no-print-directory all
	@scripts/run.sh

check: deps
	@$(MAKE) --no-print-directory asan
	@scripts/check.sh

check-unit check-http check-browser: asan
	@scripts/check.sh $(@:check-%=%)

bench: deps all
	@scripts/bench.sh

fuzz:
	@scripts/fuzz.sh $(FUZZ_SECONDS)

lint:
	scripts/lint_layers.sh
	cppcheck --quiet --enable=warning,performance,portability --inline-suppr --error-exitcode=1 \
		--suppress=missingIncludeSystem -Isrc src

# The translation template of the interface texts (msgids are Vietnamese).
pot:
	@mkdir -p po
	xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --language=C -o po/ttdn.pot src/web/*.c

format:
	clang-format -i $(wildcard src/*/*.c src/*/*.h tests/unit/*.c)

clean:
	rm -rf build ttdn

-include $(DEP)
