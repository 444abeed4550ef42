/* store_int.h - private helpers shared by the SQLite engine's files. */
#ifndef TT_STORE_INT_H
#define TT_STORE_INT_H

#include <sqlite3.h>

#include "store/store.h"

#define STORE_CACHE 96

struct store {
	sqlite3 *db;
	struct {
		const char *sql; /* identity of a static SQL string */
		sqlite3_stmt *st;
	} cache[STORE_CACHE];
	int ncache;
	char err[256];
};

/* Returns a reset, ready statement for sql (a string literal: its address is
 * the cache key), or NULL with s->err set. */
sqlite3_stmt *store_prep(store *s, const char *sql);
/* Resets a statement after use so its read lock is released. */
void store_done(sqlite3_stmt *st);
tt_rc store_fail(store *s, int sqlite_rc);
tt_rc store_exec(store *s, const char *sql);

/* Reads one row into elem (an element of elem_size bytes). */
typedef tt_rc (*store_row_fn)(tt_arena *a, sqlite3_stmt *st, void *elem);
/* Steps st to the end, collecting rows into an arena array; resets st. */
tt_rc store_collect(store *s, tt_arena *a, sqlite3_stmt *st, size_t elem_size, store_row_fn fn, void **out,
                    size_t *n);
/* Steps st once expecting one row (TT_ERR_NOT_FOUND if none); resets st. */
tt_rc store_collect_one(store *s, tt_arena *a, sqlite3_stmt *st, size_t elem_size, store_row_fn fn,
                        void *out);
/* Steps a statement that returns no rows; resets st. */
tt_rc store_step_done(store *s, sqlite3_stmt *st);

void store_bind_text(sqlite3_stmt *st, int i, const char *v);
const char *store_col_text(tt_arena *a, sqlite3_stmt *st, int i);

/* The migrations compiled into the binary, in order. */
typedef struct {
	int version;
	const char *name;
	const char *sql;
} store_migration;
const store_migration *store_migrations(size_t *n);

#endif
