/* db_sqlite.c - the embedded SQLite engine.
 *
 * Each connection runs in WAL mode with foreign keys on, a busy timeout and
 * synchronous=FULL, so a write that was acknowledged survives a crash of the
 * process or the machine. Write transactions are BEGIN IMMEDIATE: they take
 * the write lock at once, so a read-then-write sequence cannot deadlock. */
#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/log.h"
#include "store/fts_vn.h"
#include "store/store_int.h"

typedef struct {
	db_stmt base;
	sqlite3_stmt *st;
} sq_stmt;

static sqlite3 *db_of(store *s)
{
	return s->conn;
}

static sqlite3_stmt *raw(db_stmt *b)
{
	return ((sq_stmt *)b)->st;
}

static tt_rc mkdir_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash || slash == path)
		return TT_OK;
	char dir[PATH_MAX];
	size_t n = (size_t)(slash - path);
	if (n >= sizeof dir)
		return TT_ERR_INVALID;
	memcpy(dir, path, n);
	dir[n] = '\0';
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0750) && errno != EEXIST)
			return TT_ERR_IO;
		*p = '/';
	}
	if (mkdir(dir, 0750) && errno != EEXIST)
		return TT_ERR_IO;
	return TT_OK;
}

/* A violated constraint, by kind: only a UNIQUE or PRIMARY KEY violation
 * means "this already exists" (TT_ERR_CONFLICT); a CHECK or FOREIGN KEY
 * violation is a wrong value; a NOT NULL violation is a bug of ours (a
 * NULL where the schema wants a value, e.g. after a failed allocation),
 * never a conflict. */
static tt_rc constraint_rc(int src)
{
	switch (src) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY: return TT_ERR_CONFLICT;
	case SQLITE_CONSTRAINT_CHECK:
	case SQLITE_CONSTRAINT_FOREIGNKEY: return TT_ERR_INVALID;
	default: return TT_ERR_DB;
	}
}

/* Maps an SQLite result code to a tt_rc and keeps the message for logs. */
static tt_rc sq_classify(store *s, int src)
{
	snprintf(s->err, sizeof s->err, "%s", db_of(s) ? sqlite3_errmsg(db_of(s)) : sqlite3_errstr(src));
	tt_rc rc;
	switch (src & 0xff) {
	case SQLITE_CONSTRAINT: rc = constraint_rc(src); break;
	case SQLITE_NOMEM: rc = TT_ERR_NOMEM; break;
	case SQLITE_TOOBIG: rc = TT_ERR_TOO_LARGE; break;
	default: rc = TT_ERR_DB;
	}
	if (rc == TT_ERR_DB)
		log_error("store: %s", s->err);
	s->last_rc = rc;
	return rc;
}

static tt_rc sq_exec(store *s, const char *sql)
{
	char *msg = NULL;
	int src = sqlite3_exec(db_of(s), sql, NULL, NULL, &msg);
	if (src != SQLITE_OK) {
		tt_rc rc = sq_classify(s, src);
		snprintf(s->err, sizeof s->err, "%s", msg ? msg : sqlite3_errstr(src));
		sqlite3_free(msg);
		return rc;
	}
	return TT_OK;
}

static tt_rc sq_open(store *s, const char *location)
{
	tt_rc rc;
	sqlite3 *db = NULL;
	if (strcmp(location, ":memory:") && (rc = mkdir_parent(location))) {
		snprintf(s->err, sizeof s->err, "%s: cannot create its folder", location);
		return rc;
	}
	int src = sqlite3_open_v2(location, &db,
	                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	s->conn = db;
	if (src != SQLITE_OK) {
		snprintf(s->err, sizeof s->err, "%s: %s", location, db ? sqlite3_errmsg(db) : "open failed");
		log_error("store: %s", s->err);
		return TT_ERR_DB;
	}
	sqlite3_busy_timeout(db, 10000);
	sqlite3_extended_result_codes(db, 1);
	if (fts_vn_register(db) != SQLITE_OK) {
		snprintf(s->err, sizeof s->err, "%s: the search tokenizer needs FTS5", location);
		log_error("store: %s", s->err);
		return TT_ERR_DB;
	}
	if ((rc = sq_exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
	                     "PRAGMA temp_store=MEMORY")))
		return rc;
	return TT_OK;
}

static void sq_close(store *s)
{
	sqlite3_close(db_of(s));
	s->conn = NULL;
}

static db_stmt *sq_prepare(store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int src = sqlite3_prepare_v3(db_of(s), sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (src != SQLITE_OK) {
		sq_classify(s, src);
		log_error("store: prepare failed: %s", s->err);
		return NULL;
	}
	sq_stmt *w = malloc(sizeof *w);
	if (!w) {
		sqlite3_finalize(st);
		s->last_rc = TT_ERR_NOMEM;
		return NULL;
	}
	w->base.s = s;
	w->st = st;
	return &w->base;
}

static void sq_finalize(db_stmt *b)
{
	if (!b)
		return;
	sqlite3_finalize(raw(b));
	free(b);
}

static void sq_reset(db_stmt *b)
{
	sqlite3_reset(raw(b));
	sqlite3_clear_bindings(raw(b));
}

static void sq_bind_text(db_stmt *b, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(raw(b), i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(raw(b), i);
}

static void sq_bind_int64(db_stmt *b, int i, int64_t v)
{
	sqlite3_bind_int64(raw(b), i, v);
}

static void sq_bind_double(db_stmt *b, int i, double v)
{
	sqlite3_bind_double(raw(b), i, v);
}

static void sq_bind_blob(db_stmt *b, int i, const void *p, size_t n)
{
	sqlite3_bind_blob64(raw(b), i, p ? p : "", n, SQLITE_STATIC);
}

static void sq_bind_null(db_stmt *b, int i)
{
	sqlite3_bind_null(raw(b), i);
}

static int sq_step(db_stmt *b)
{
	int src = sqlite3_step(raw(b));
	if (src == SQLITE_ROW)
		return DB_ROW;
	if (src == SQLITE_DONE) {
		b->s->changes = sqlite3_changes64(db_of(b->s));
		return DB_DONE;
	}
	sq_classify(b->s, src);
	return DB_ERROR;
}

static int sq_col_null(db_stmt *b, int i)
{
	return sqlite3_column_type(raw(b), i) == SQLITE_NULL;
}

static int64_t sq_col_int64(db_stmt *b, int i)
{
	return sqlite3_column_int64(raw(b), i);
}

static double sq_col_double(db_stmt *b, int i)
{
	return sqlite3_column_double(raw(b), i);
}

static const char *sq_col_text(db_stmt *b, int i, size_t *len)
{
	const unsigned char *t = sqlite3_column_text(raw(b), i);
	if (t && len)
		*len = (size_t)sqlite3_column_bytes(raw(b), i);
	return (const char *)t;
}

static const void *sq_col_blob(db_stmt *b, int i, size_t *len)
{
	const void *p = sqlite3_column_blob(raw(b), i);
	*len = (size_t)sqlite3_column_bytes(raw(b), i);
	return p;
}

static tt_rc sq_begin(store *s)
{
	return sq_exec(s, "BEGIN IMMEDIATE");
}

static tt_rc sq_commit(store *s)
{
	return sq_exec(s, "COMMIT");
}

static void sq_rollback(store *s)
{
	if (!sqlite3_get_autocommit(db_of(s)))
		sqlite3_exec(db_of(s), "ROLLBACK", NULL, NULL, NULL);
}

/* Every GET runs in a read transaction: BEGIN and COMMIT are prepared once
 * per connection (through the statement cache) rather than parsed each time. */
static tt_rc sq_read_begin(store *s)
{
	db_stmt *st = store_prep(s, "BEGIN");
	return st ? store_step_done(s, st) : store_fail(s, DB_ERROR);
}

static void sq_read_end(store *s)
{
	if (sqlite3_get_autocommit(db_of(s)))
		return;
	db_stmt *st = store_prep(s, "COMMIT");
	if (!st || store_step_done(s, st) != TT_OK)
		sqlite3_exec(db_of(s), "ROLLBACK", NULL, NULL, NULL);
}

static tt_rc sq_version_get(store *s, int *version)
{
	sqlite3_stmt *st = NULL;
	int src = sqlite3_prepare_v2(db_of(s), "PRAGMA user_version", -1, &st, NULL);
	if (src != SQLITE_OK)
		return sq_classify(s, src);
	*version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return TT_OK;
}

static tt_rc sq_version_set(store *s, int version)
{
	char pragma[48];
	snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", version);
	return sq_exec(s, pragma);
}

const db_engine db_sqlite_engine = {
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .prepare = sq_prepare,
    .finalize = sq_finalize,
    .reset = sq_reset,
    .bind_text = sq_bind_text,
    .bind_int64 = sq_bind_int64,
    .bind_double = sq_bind_double,
    .bind_blob = sq_bind_blob,
    .bind_null = sq_bind_null,
    .step = sq_step,
    .col_null = sq_col_null,
    .col_int64 = sq_col_int64,
    .col_double = sq_col_double,
    .col_text = sq_col_text,
    .col_blob = sq_col_blob,
    .exec = sq_exec,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .read_begin = sq_read_begin,
    .read_end = sq_read_end,
    .version_get = sq_version_get,
    .version_set = sq_version_set,
    .migrations = store_sqlite_migrations,
};
