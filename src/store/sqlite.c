/* sqlite.c - the embedded SQLite engine: connections, pragmas, statement
 * cache, transactions, migrations and settings.
 *
 * Each connection runs in WAL mode with foreign keys on, a busy timeout and
 * synchronous=FULL, so a write that was acknowledged survives a crash of the
 * process or the machine. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/log.h"
#include "store/store_int.h"
#include "text/vn.h"

static int vn_collation(void *arg, int an, const void *a, int bn, const void *b)
{
	return vn_collate(a, (size_t)an, b, (size_t)bn);
}

/* SQL function vn_key(text): the diacritic-free search key. */
static void sql_vn_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *t = (const char *)sqlite3_value_text(argv[0]);
	if (!t) {
		sqlite3_result_null(ctx);
		return;
	}
	tt_buf b;
	buf_init(&b, 0);
	if (vn_search_key(t, (size_t)sqlite3_value_bytes(argv[0]), &b) != TT_OK) {
		buf_free(&b);
		sqlite3_result_error(ctx, "invalid text", -1);
		return;
	}
	sqlite3_result_text(ctx, b.data ? b.data : "", (int)b.len, SQLITE_TRANSIENT);
	buf_free(&b);
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

tt_rc store_open(const char *location, store **out)
{
	tt_rc rc = TT_OK;
	if (!strncmp(location, "postgresql://", 13) || !strncmp(location, "postgres://", 11)) {
		log_error("the PostgreSQL engine is not part of this build");
		return TT_ERR_UNSUPPORTED;
	}
	if (strcmp(location, ":memory:") && (rc = mkdir_parent(location)))
		return rc;
	store *s = calloc(1, sizeof *s);
	if (!s)
		return TT_ERR_NOMEM;
	int src = sqlite3_open_v2(location, &s->db,
	                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (src != SQLITE_OK) {
		snprintf(s->err, sizeof s->err, "%s: %s", location,
		         s->db ? sqlite3_errmsg(s->db) : "open failed");
		log_error("store: %s", s->err);
		rc = TT_ERR_DB;
		goto out;
	}
	sqlite3_busy_timeout(s->db, 10000);
	sqlite3_extended_result_codes(s->db, 1);
	if ((rc = store_exec(s, "PRAGMA journal_mode=WAL")) ||
	    (rc = store_exec(s, "PRAGMA synchronous=FULL")) ||
	    (rc = store_exec(s, "PRAGMA foreign_keys=ON")) ||
	    (rc = store_exec(s, "PRAGMA temp_store=MEMORY")))
		goto out;
	if (sqlite3_create_collation(s->db, "VN", SQLITE_UTF8, NULL, vn_collation) != SQLITE_OK ||
	    sqlite3_create_function(s->db, "vn_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_vn_key,
	                            NULL, NULL) != SQLITE_OK) {
		rc = store_fail(s, sqlite3_errcode(s->db));
		goto out;
	}
out:
	if (rc) {
		store_close(s);
		return rc;
	}
	*out = s;
	return TT_OK;
}

void store_close(store *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->ncache; i++)
		sqlite3_finalize(s->cache[i].st);
	sqlite3_close(s->db);
	free(s);
}

const char *store_errmsg(store *s)
{
	return s->err;
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

tt_rc store_fail(store *s, int src)
{
	snprintf(s->err, sizeof s->err, "%s", sqlite3_errmsg(s->db));
	switch (src & 0xff) {
	case SQLITE_CONSTRAINT: {
		tt_rc rc = constraint_rc(src);
		if (rc == TT_ERR_DB)
			log_error("store: %s", s->err);
		return rc;
	}
	case SQLITE_NOMEM: return TT_ERR_NOMEM;
	case SQLITE_TOOBIG: return TT_ERR_TOO_LARGE;
	default: log_error("store: %s", s->err); return TT_ERR_DB;
	}
}

tt_rc store_exec(store *s, const char *sql)
{
	char *msg = NULL;
	int src = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
	if (src != SQLITE_OK) {
		snprintf(s->err, sizeof s->err, "%s", msg ? msg : sqlite3_errstr(src));
		sqlite3_free(msg);
		log_error("store: %s", s->err);
		return (src & 0xff) == SQLITE_CONSTRAINT ? constraint_rc(src)
		       : (src & 0xff) == SQLITE_NOMEM    ? TT_ERR_NOMEM
		                                         : TT_ERR_DB;
	}
	return TT_OK;
}

sqlite3_stmt *store_prep(store *s, const char *sql)
{
	for (int i = 0; i < s->ncache; i++)
		if (s->cache[i].sql == sql)
			return s->cache[i].st;
	sqlite3_stmt *st = NULL;
	int src = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (src != SQLITE_OK) {
		store_fail(s, src);
		log_error("store: prepare failed: %s", s->err);
		return NULL;
	}
	if (s->ncache < STORE_CACHE) {
		s->cache[s->ncache].sql = sql;
		s->cache[s->ncache].st = st;
		s->ncache++;
	} else {
		/* Cache full (more distinct statements than expected): evict the
		 * oldest so the connection keeps working. */
		sqlite3_finalize(s->cache[0].st);
		memmove(&s->cache[0], &s->cache[1], sizeof s->cache[0] * (STORE_CACHE - 1));
		s->cache[STORE_CACHE - 1].sql = sql;
		s->cache[STORE_CACHE - 1].st = st;
	}
	return st;
}

void store_done(sqlite3_stmt *st)
{
	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
}

void store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

const char *store_col_text(tt_arena *a, sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	if (!t)
		return NULL;
	return arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(st, i));
}

tt_rc store_collect(store *s, tt_arena *a, sqlite3_stmt *st, size_t elem_size, store_row_fn fn, void **out,
                    size_t *n)
{
	size_t cap = 16, len = 0;
	char *v = arena_alloc(a, cap * elem_size);
	tt_rc rc = v ? TT_OK : TT_ERR_NOMEM;
	int src = SQLITE_DONE;
	while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			char *w = arena_alloc(a, 2 * cap * elem_size);
			if (!w) {
				rc = TT_ERR_NOMEM;
				break;
			}
			memcpy(w, v, len * elem_size);
			v = w;
			cap *= 2;
		}
		memset(v + len * elem_size, 0, elem_size);
		rc = fn(a, st, v + len * elem_size);
		len++;
	}
	if (!rc && src != SQLITE_DONE)
		rc = store_fail(s, src);
	store_done(st);
	if (!rc) {
		*out = v;
		*n = len;
	}
	return rc;
}

tt_rc store_collect_one(store *s, tt_arena *a, sqlite3_stmt *st, size_t elem_size, store_row_fn fn, void *out)
{
	int src = sqlite3_step(st);
	tt_rc rc;
	char tmp[512];
	if (elem_size > sizeof tmp) {
		store_done(st);
		return TT_ERR_INVALID;
	}
	memset(tmp, 0, elem_size);
	if (src == SQLITE_ROW)
		rc = fn(a, st, tmp);
	else
		rc = src == SQLITE_DONE ? TT_ERR_NOT_FOUND : store_fail(s, src);
	store_done(st);
	if (!rc)
		memcpy(out, tmp, elem_size);
	return rc;
}

tt_rc store_step_done(store *s, sqlite3_stmt *st)
{
	int src = sqlite3_step(st);
	store_done(st);
	return src == SQLITE_DONE || src == SQLITE_ROW ? TT_OK : store_fail(s, src);
}

tt_rc store_begin(store *s)
{
	return store_exec(s, "BEGIN IMMEDIATE");
}

tt_rc store_commit(store *s)
{
	return store_exec(s, "COMMIT");
}

tt_rc store_read_begin(store *s)
{
	sqlite3_stmt *st = store_prep(s, "BEGIN");
	if (!st)
		return TT_ERR_DB;
	return store_step_done(s, st);
}

void store_read_end(store *s)
{
	if (sqlite3_get_autocommit(s->db))
		return;
	sqlite3_stmt *st = store_prep(s, "COMMIT");
	if (!st || store_step_done(s, st) != TT_OK)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

void store_rollback(store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

void store_now(char buf[21])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

tt_rc store_migrate(store *s, int *applied)
{
	size_t n;
	const store_migration *m = store_migrations(&n);
	int count = 0;
	tt_rc rc = store_begin(s);
	if (rc)
		return rc;
	sqlite3_stmt *st = NULL;
	int have = 0;
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		have = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	for (size_t i = 0; i < n; i++) {
		if (m[i].version <= have)
			continue;
		if ((rc = store_exec(s, m[i].sql))) {
			log_error("migration %03d_%s failed", m[i].version, m[i].name);
			goto out;
		}
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", m[i].version);
		if ((rc = store_exec(s, pragma)))
			goto out;
		count++;
	}
	rc = store_commit(s);
out:
	if (rc)
		store_rollback(s);
	else if (applied)
		*applied = count;
	return rc;
}

tt_rc store_setting_get(store *s, tt_arena *a, const char *key, const char **value)
{
	sqlite3_stmt *st = store_prep(s, "SELECT value FROM setting WHERE key = ?1");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, key);
	int src = sqlite3_step(st);
	tt_rc rc = TT_OK;
	if (src == SQLITE_ROW) {
		const char *v = store_col_text(a, st, 0);
		if (v)
			*value = v;
		else
			rc = TT_ERR_NOMEM;
	} else
		rc = src == SQLITE_DONE ? TT_ERR_NOT_FOUND : store_fail(s, src);
	store_done(st);
	return rc;
}

tt_rc store_setting_set(store *s, const char *key, const char *value)
{
	sqlite3_stmt *st = store_prep(s, "INSERT INTO setting(key, value) VALUES (?1, ?2) "
	                                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, key);
	store_bind_text(st, 2, value);
	int src = sqlite3_step(st);
	store_done(st);
	return src == SQLITE_DONE ? TT_OK : store_fail(s, src);
}
