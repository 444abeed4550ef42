/* store.c - what both engines share: choosing the engine, the statement
 * cache, row collection, transactions, migrations and settings. Everything
 * engine-specific goes through s->eng (store_int.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/cal.h"
#include "base/clock.h"
#include "base/log.h"
#include "store/store_int.h"
#include "text/vn.h"

static int is_pg_location(const char *location)
{
	return !strncmp(location, "postgresql://", 13) || !strncmp(location, "postgres://", 11);
}

tt_rc store_open(const char *location, store **out)
{
	store *s = calloc(1, sizeof *s);
	if (!s)
		return TT_ERR_NOMEM;
	s->eng = is_pg_location(location) ? &db_pg_engine : &db_sqlite_engine;
	tt_rc rc = s->eng->open(s, location);
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
		s->eng->finalize(s->cache[i].st);
	if (s->conn)
		s->eng->close(s);
	free(s);
}

const char *store_errmsg(store *s)
{
	return s->err;
}

const char *store_engine_name(store *s)
{
	return s->eng->name;
}

tt_rc store_fail(store *s, int step_result)
{
	(void)step_result;
	return s->last_rc ? s->last_rc : TT_ERR_DB;
}

tt_rc store_exec(store *s, const char *sql)
{
	return s->eng->exec(s, sql);
}

db_stmt *store_prep(store *s, const char *sql)
{
	for (int i = 0; i < s->ncache; i++)
		if (s->cache[i].sql == sql)
			return s->cache[i].st;
	db_stmt *st = s->eng->prepare(s, sql);
	if (!st)
		return NULL;
	if (s->ncache < STORE_CACHE) {
		s->cache[s->ncache].sql = sql;
		s->cache[s->ncache].st = st;
		s->ncache++;
	} else {
		/* Cache full (more distinct statements than expected): evict the
		 * oldest so the connection keeps working. */
		s->eng->finalize(s->cache[0].st);
		memmove(&s->cache[0], &s->cache[1], sizeof s->cache[0] * (STORE_CACHE - 1));
		s->cache[STORE_CACHE - 1].sql = sql;
		s->cache[STORE_CACHE - 1].st = st;
	}
	return st;
}

void store_done(db_stmt *st)
{
	if (st)
		st->s->eng->reset(st);
}

void store_bind_text(db_stmt *st, int i, const char *v)
{
	st->s->eng->bind_text(st, i, v);
}

const char *store_col_text(tt_arena *a, db_stmt *st, int i)
{
	size_t len = 0;
	const char *t = st->s->eng->col_text(st, i, &len);
	if (!t)
		return NULL;
	return arena_strndup(a, t, len);
}

tt_rc store_collect(store *s, tt_arena *a, db_stmt *st, size_t elem_size, store_row_fn fn, void **out,
                    size_t *n)
{
	size_t cap = 16, len = 0;
	char *v = arena_alloc(a, cap * elem_size);
	tt_rc rc = v ? TT_OK : TT_ERR_NOMEM;
	int src = DB_DONE;
	while (!rc && (src = db_step(st)) == DB_ROW) {
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
	if (!rc && src != DB_DONE)
		rc = store_fail(s, src);
	store_done(st);
	if (!rc) {
		*out = v;
		*n = len;
	}
	return rc;
}

tt_rc store_collect_one(store *s, tt_arena *a, db_stmt *st, size_t elem_size, store_row_fn fn, void *out)
{
	int src = db_step(st);
	tt_rc rc;
	char tmp[512];
	if (elem_size > sizeof tmp) {
		store_done(st);
		return TT_ERR_INVALID;
	}
	memset(tmp, 0, elem_size);
	if (src == DB_ROW)
		rc = fn(a, st, tmp);
	else
		rc = src == DB_DONE ? TT_ERR_NOT_FOUND : store_fail(s, src);
	store_done(st);
	if (!rc)
		memcpy(out, tmp, elem_size);
	return rc;
}

tt_rc store_step_done(store *s, db_stmt *st)
{
	int src = db_step(st);
	/* A change with RETURNING yields rows; run it to the end. */
	while (src == DB_ROW)
		src = db_step(st);
	store_done(st);
	return src == DB_DONE ? TT_OK : store_fail(s, src);
}

tt_rc store_step_pair64(store *s, db_stmt *st, int64_t *a, int64_t *b)
{
	int src = db_step(st);
	tt_rc rc = TT_OK;
	if (src == DB_ROW) {
		*a = db_col_int64(st, 0);
		*b = db_col_int64(st, 1);
	} else
		rc = src == DB_DONE ? TT_ERR_NOT_FOUND : store_fail(s, src);
	store_done(st);
	return rc;
}

tt_rc store_step_pair(store *s, db_stmt *st, int *a, int *b)
{
	int64_t x = 0, y = 0;
	tt_rc rc = store_step_pair64(s, st, &x, &y);
	if (!rc) {
		*a = (int)x;
		*b = (int)y;
	}
	return rc;
}

tt_rc store_step_int64(store *s, db_stmt *st, int64_t *v)
{
	int src = db_step(st);
	tt_rc rc = TT_OK;
	*v = 0;
	if (src == DB_ROW)
		*v = db_col_int64(st, 0);
	else if (src != DB_DONE)
		rc = store_fail(s, src);
	store_done(st);
	return rc;
}

tt_rc store_step_id(store *s, db_stmt *st, int64_t *id)
{
	int src = db_step(st);
	tt_rc rc = TT_OK;
	int64_t v = 0;
	if (src == DB_ROW) {
		v = db_col_int64(st, 0);
		src = db_step(st);
	} else if (src == DB_DONE)
		rc = TT_ERR_NOT_FOUND;
	if (!rc && src != DB_DONE)
		rc = store_fail(s, src);
	store_done(st);
	if (!rc && id)
		*id = v;
	return rc;
}

tt_rc store_like_pattern(tt_buf *out, const char *text)
{
	tt_rc rc = buf_addc(out, '%');
	for (const char *p = text; !rc && *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			rc = buf_addc(out, '\\');
		if (!rc)
			rc = buf_addc(out, *p);
	}
	return rc ? rc : buf_addc(out, '%');
}

tt_rc store_begin(store *s)
{
	return s->eng->begin(s);
}

tt_rc store_commit(store *s)
{
	return s->eng->commit(s);
}

void store_rollback(store *s)
{
	s->eng->rollback(s);
}

tt_rc store_read_begin(store *s)
{
	return s->eng->read_begin(s);
}

void store_read_end(store *s)
{
	s->eng->read_end(s);
}

void store_set_now(store *s, time_t now)
{
	s->now = now;
}

time_t store_time(store *s)
{
	return s->now ? s->now : clock_now();
}

void store_now(store *s, char buf[21])
{
	cal_iso_utc(store_time(s), buf);
}

typedef tt_rc (*key_fn)(const char *s, size_t n, tt_buf *out);

/* Sets one key column of every row that select_sql returns (id, text) with
 * update_sql (?1 id, ?2 key). */
static tt_rc backfill(store *s, const char *select_sql, const char *update_sql, key_fn fn)
{
	tt_arena a;
	size_t n = 0;
	tt_buf key;
	arena_init(&a, 0);
	buf_init(&key, 0);
	typedef struct {
		int64_t id;
		const char *text;
	} row;
	row *v = NULL;
	size_t cap = 0;
	tt_rc rc = TT_OK;
	db_stmt *sel = store_prep(s, select_sql), *upd = store_prep(s, update_sql);
	int src = DB_DONE;
	if (!sel || !upd)
		rc = TT_ERR_DB;
	while (!rc && (src = db_step(sel)) == DB_ROW) {
		if (n == cap) {
			row *w = arena_alloc(&a, (cap = cap ? cap * 2 : 256) * sizeof *w);
			if (!w) {
				rc = TT_ERR_NOMEM;
				break;
			}
			if (n)
				memcpy(w, v, n * sizeof *w);
			v = w;
		}
		v[n].id = db_col_int64(sel, 0);
		v[n].text = store_col_text(&a, sel, 1);
		n++;
	}
	if (!rc && src != DB_DONE)
		rc = store_fail(s, src);
	if (sel)
		store_done(sel);
	for (size_t i = 0; !rc && i < n; i++) {
		const char *t = v[i].text ? v[i].text : "";
		buf_reset(&key);
		if (!(rc = fn(t, strlen(t), &key))) {
			db_bind_int64(upd, 1, v[i].id);
			store_bind_text(upd, 2, key.data ? key.data : "");
			rc = store_step_done(s, upd);
		}
	}
	buf_free(&key);
	arena_free(&a);
	return rc;
}

/* Fills the stored sort and search keys of rows written before those
 * columns existed (SQL cannot compute them: the folding is done in C). */
static tt_rc backfill_keys(store *s)
{
	tt_rc rc = backfill(s, "SELECT id, name FROM org WHERE sort_key = ''",
	                    "UPDATE org SET sort_key = ?2 WHERE id = ?1", vn_sort_key);
	if (!rc)
		rc = backfill(
		    s,
		    "SELECT id, coalesce(symbol, '') || ' ' || coalesce(title, '') || ' ' || filename "
		    "FROM document WHERE search_key = ''",
		    "UPDATE document SET search_key = ?2 WHERE id = ?1", vn_search_key);
	return rc;
}

tt_rc store_migrate(store *s, int *applied)
{
	size_t n;
	const store_migration *m = s->eng->migrations(&n);
	int count = 0, have = 0, search_new = 0;
	tt_rc rc = store_begin(s);
	if (rc)
		return rc;
	if ((rc = s->eng->version_get(s, &have)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (m[i].version <= have)
			continue;
		if ((rc = store_exec(s, m[i].sql))) {
			log_error("migration %03d_%s failed: %s", m[i].version, m[i].name, s->err);
			goto out;
		}
		if ((rc = s->eng->version_set(s, m[i].version)))
			goto out;
		/* a migration named search* makes the index anew */
		search_new |= !strncmp(m[i].name, "search", 6);
		count++;
	}
	if (count && (rc = backfill_keys(s)))
		goto out;
	if (count && (rc = store_blob_backfill_documents(s)))
		goto out;
	/* The search index of what was stored before it existed, or before
	 * its format changed. */
	if (search_new && (rc = store_search_rebuild(s)))
		goto out;
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
	db_stmt *st = store_prep(s, "SELECT value FROM setting WHERE key = ?1");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, key);
	int src = db_step(st);
	tt_rc rc = TT_OK;
	if (src == DB_ROW) {
		const char *v = store_col_text(a, st, 0);
		if (v)
			*value = v;
		else
			rc = TT_ERR_NOMEM;
	} else
		rc = src == DB_DONE ? TT_ERR_NOT_FOUND : store_fail(s, src);
	store_done(st);
	return rc;
}

tt_rc store_setting_set(store *s, const char *key, const char *value)
{
	db_stmt *st = store_prep(s, "INSERT INTO setting(key, value) VALUES (?1, ?2) "
	                            "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, key);
	store_bind_text(st, 2, value);
	return store_step_done(s, st);
}
