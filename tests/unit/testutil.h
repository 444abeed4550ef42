/* testutil.h - shared set-up for unit tests that need a real SQLite file. */
#ifndef TT_TESTUTIL_H
#define TT_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/auth.h"
#include "core/ctx.h"
#include "store/store.h"

typedef struct {
	char dir[64];
	char path[96];
	store *db;
	tt_arena arena;
	tt_ctx ctx;
} test_db;

/* Creates a fresh database file in a temporary folder, migrated. */
static inline test_db *test_db_new(void)
{
	test_db *t = calloc(1, sizeof *t);
	if (!t)
		abort();
	snprintf(t->dir, sizeof t->dir, "/tmp/ttdn-unit-XXXXXX");
	if (!mkdtemp(t->dir))
		abort();
	snprintf(t->path, sizeof t->path, "%s/t.db", t->dir);
	if (store_open(t->path, &t->db) || store_migrate(t->db, NULL))
		abort();
	arena_init(&t->arena, 0);
	/* Like the command line: the system, unless a test sets a user. */
	ctx_start_system(&t->ctx, t->db, &t->arena);
	auth_init();
	return t;
}

static inline void test_db_free(test_db *t)
{
	char cmd[160];
	store_close(t->db);
	arena_free(&t->arena);
	snprintf(cmd, sizeof cmd, "rm -rf %s", t->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", t->dir);
	free(t);
}

#endif
