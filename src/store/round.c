/* round.c - reporting rounds, their reports, and the sums and texts the
 * consolidated view reads, in SQLite. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

#define ROUND_COLS                                                                                           \
	"r.id, r.title, r.period_start, r.period_end, r.due, r.owner_org_id, o.code, o.name, "               \
	"r.created_by, r.created_at, "                                                                       \
	"(SELECT count(*) FROM report x WHERE x.round_id = r.id), "                                          \
	"(SELECT count(*) FROM report x WHERE x.round_id = r.id AND x.status = 'submitted'), "              \
	"(SELECT rp.plan_id FROM round_plan rp WHERE rp.round_id = r.id), r.closed_at "                      \
	"FROM round r JOIN org o ON o.id = r.owner_org_id "

static tt_rc round_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_round *r = elem;
	r->id = db_col_int64(st, 0);
	r->title = store_col_text(a, st, 1);
	r->period_start = store_col_text(a, st, 2);
	r->period_end = store_col_text(a, st, 3);
	r->due = store_col_text(a, st, 4);
	r->owner_org_id = db_col_int64(st, 5);
	r->owner_code = store_col_text(a, st, 6);
	r->owner_name = store_col_text(a, st, 7);
	r->created_by = db_col_int64(st, 8);
	r->created_at = store_col_text(a, st, 9);
	r->expected = db_col_int(st, 10);
	r->submitted = db_col_int(st, 11);
	r->plan_id = db_col_int64(st, 12); /* NULL reads as 0: no plan */
	r->closed_at = store_col_text(a, st, 13);
	return r->title && r->due && r->owner_code ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_round_add(store *s, const st_round *r, const st_section *sec, size_t nsec, const st_count *cnt,
                      size_t ncnt, const int64_t *org_ids, size_t norg, int64_t *id)
{
	char now[21];
	store_now(s, now);
	db_stmt *st = store_prep(s, "INSERT INTO round(title, period_start, period_end, due, owner_org_id, "
	                            "created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, NULLIF(?6, 0), ?7) "
	                            "RETURNING id");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, r->title);
	store_bind_text(st, 2, r->period_start);
	store_bind_text(st, 3, r->period_end);
	store_bind_text(st, 4, r->due);
	db_bind_int64(st, 5, r->owner_org_id);
	db_bind_int64(st, 6, r->created_by);
	store_bind_text(st, 7, now);
	int64_t rid = 0;
	tt_rc rc = store_step_id(s, st, &rid);
	if (rc)
		return rc;
	if (r->plan_id) {
		st = store_prep(s, "INSERT INTO round_plan(round_id, plan_id) VALUES (?1, ?2)");
		if (!st)
			return TT_ERR_DB;
		db_bind_int64(st, 1, rid);
		db_bind_int64(st, 2, r->plan_id);
		rc = store_step_done(s, st);
	}
	if (!rc)
		rc = store_layout_put(s, STORE_LAYOUT_ROUND, rid, 0, sec, nsec, cnt, ncnt);
	for (size_t i = 0; i < norg && !rc; i++) {
		st = store_prep(s, "INSERT INTO report(round_id, org_id, status) VALUES (?1, ?2, 'draft')");
		if (!st)
			return TT_ERR_DB;
		db_bind_int64(st, 1, rid);
		db_bind_int64(st, 2, org_ids[i]);
		rc = store_step_done(s, st);
	}
	if (!rc && id)
		*id = rid;
	return rc;
}

tt_rc store_round_get(store *s, tt_arena *a, int64_t id, st_round *out)
{
	db_stmt *st = store_prep(s, "SELECT " ROUND_COLS "WHERE r.id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	return store_collect_one(s, a, st, sizeof *out, round_row, out);
}

tt_rc store_round_sections(store *s, tt_arena *a, int64_t round_id, st_section **out, size_t *n)
{
	return store_layout_sections(s, a, STORE_LAYOUT_ROUND, round_id, out, n);
}

tt_rc store_round_counts(store *s, tt_arena *a, int64_t round_id, st_count **out, size_t *n)
{
	return store_layout_counts(s, a, STORE_LAYOUT_ROUND, round_id, out, n);
}

tt_rc store_round_list_owned(store *s, tt_arena *a, int64_t within_id, st_round **out, size_t *n)
{
	db_stmt *st =
	    store_prep(s, "WITH RECURSIVE sub(id) AS (SELECT CAST(?1 AS BIGINT) WHERE ?1 <> 0 "
	                  "  UNION SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id) "
	                  "SELECT " ROUND_COLS "WHERE ?1 = 0 OR r.owner_org_id IN (SELECT id FROM sub) "
	                  "ORDER BY r.due DESC, r.id DESC LIMIT 500");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, within_id);
	return store_collect(s, a, st, sizeof(st_round), round_row, (void **)out, n);
}

tt_rc store_round_list_asked(store *s, tt_arena *a, int64_t org_id, st_round **out, size_t *n)
{
	db_stmt *st = store_prep(s, "SELECT " ROUND_COLS
	                            "WHERE r.id IN (SELECT round_id FROM report WHERE org_id = ?1) "
	                            "ORDER BY r.due DESC, r.id DESC LIMIT 500");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, org_id);
	return store_collect(s, a, st, sizeof(st_round), round_row, (void **)out, n);
}

#define REPORT_COLS                                                                                          \
	"p.id, p.round_id, p.org_id, o.code, o.name, p.status, p.submitted_at, p.return_comment, "           \
	"p.updated_at, p.version, p.due, p.approved_at, o.kind FROM report p JOIN org o ON o.id = p.org_id "

static tt_rc report_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_report *r = elem;
	r->id = db_col_int64(st, 0);
	r->round_id = db_col_int64(st, 1);
	r->org_id = db_col_int64(st, 2);
	r->org_code = store_col_text(a, st, 3);
	r->org_name = store_col_text(a, st, 4);
	r->status = store_col_text(a, st, 5);
	r->submitted_at = store_col_text(a, st, 6);
	r->return_comment = store_col_text(a, st, 7);
	r->updated_at = store_col_text(a, st, 8);
	r->version = db_col_int64(st, 9);
	r->due = store_col_text(a, st, 10);
	r->approved_at = store_col_text(a, st, 11);
	r->org_kind = store_col_text(a, st, 12);
	return r->org_code && r->status ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_report_list(store *s, tt_arena *a, int64_t round_id, st_report **out, size_t *n)
{
	db_stmt *st = store_prep(s, "SELECT " REPORT_COLS "WHERE p.round_id = ?1 ORDER BY o.sort_key");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, round_id);
	return store_collect(s, a, st, sizeof(st_report), report_row, (void **)out, n);
}

tt_rc store_report_get(store *s, tt_arena *a, int64_t round_id, const char *org_code, st_report *out)
{
	db_stmt *st = store_prep(s, "SELECT " REPORT_COLS "WHERE p.round_id = ?1 AND o.code = ?2");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, round_id);
	store_bind_text(st, 2, org_code);
	return store_collect_one(s, a, st, sizeof *out, report_row, out);
}

static tt_rc text_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_text *t = elem;
	t->key = store_col_text(a, st, 0);
	t->text = store_col_text(a, st, 1);
	return t->key && t->text ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_report_texts(store *s, tt_arena *a, int64_t report_id, st_text **out, size_t *n)
{
	db_stmt *st = store_prep(s, "SELECT section_key, text FROM report_text WHERE report_id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, report_id);
	return store_collect(s, a, st, sizeof(st_text), text_row, (void **)out, n);
}

static tt_rc value_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_value *v = elem;
	v->key = store_col_text(a, st, 0);
	v->value = db_col_double(st, 1);
	return v->key ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_report_values(store *s, tt_arena *a, int64_t report_id, st_value **out, size_t *n)
{
	db_stmt *st = store_prep(s, "SELECT count_key, value FROM report_value WHERE report_id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, report_id);
	return store_collect(s, a, st, sizeof(st_value), value_row, (void **)out, n);
}

tt_rc store_report_save(store *s, int64_t report_id, const char *expect_status, int64_t expect_version,
                        int64_t user_id, const st_text *t, size_t nt, const st_value *v, size_t nv)
{
	tt_rc rc;
	db_stmt *st;
	char now[21];
	store_now(s, now);
	/* Stamp first, and only in the expected status and version: nothing
	 * is written to a report that changed meanwhile. */
	st = store_prep(s, "UPDATE report SET updated_at = ?2, updated_by = NULLIF(?3, 0), "
	                   "version = version + 1 "
	                   "WHERE id = ?1 AND status = ?4 AND (CAST(?5 AS BIGINT) = 0 OR version = ?5)");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, report_id);
	store_bind_text(st, 2, now);
	db_bind_int64(st, 3, user_id);
	store_bind_text(st, 4, expect_status);
	db_bind_int64(st, 5, expect_version);
	if ((rc = store_step_done(s, st)))
		return rc;
	if (store_changes(s) == 0)
		return TT_ERR_CONFLICT;
	for (size_t i = 0; i < nt && !rc; i++) {
		st =
		    store_prep(s, "INSERT INTO report_text(report_id, section_key, text) VALUES (?1, ?2, ?3) "
		                  "ON CONFLICT(report_id, section_key) DO UPDATE SET text = excluded.text");
		if (!st)
			return TT_ERR_DB;
		db_bind_int64(st, 1, report_id);
		store_bind_text(st, 2, t[i].key);
		store_bind_text(st, 3, t[i].text);
		rc = store_step_done(s, st);
	}
	for (size_t i = 0; i < nv && !rc; i++) {
		if (v[i].clear) {
			st =
			    store_prep(s, "DELETE FROM report_value WHERE report_id = ?1 AND count_key = ?2");
			if (!st)
				return TT_ERR_DB;
			db_bind_int64(st, 1, report_id);
			store_bind_text(st, 2, v[i].key);
			rc = store_step_done(s, st);
			continue;
		}
		st =
		    store_prep(s, "INSERT INTO report_value(report_id, count_key, value) VALUES (?1, ?2, ?3) "
		                  "ON CONFLICT(report_id, count_key) DO UPDATE SET value = excluded.value");
		if (!st)
			return TT_ERR_DB;
		db_bind_int64(st, 1, report_id);
		store_bind_text(st, 2, v[i].key);
		db_bind_double(st, 3, v[i].value);
		rc = store_step_done(s, st);
	}
	if (!rc && nt)
		rc = store_search_reindex(s, "report", report_id);
	return rc;
}

tt_rc store_report_notes(store *s, tt_arena *a, int64_t report_id, st_text **out, size_t *n)
{
	db_stmt *st = store_prep(s, "SELECT count_key, note FROM report_note WHERE report_id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, report_id);
	return store_collect(s, a, st, sizeof(st_text), text_row, (void **)out, n);
}

tt_rc store_report_set_notes(store *s, int64_t report_id, const st_text *t, size_t n)
{
	tt_rc rc = TT_OK;
	for (size_t i = 0; i < n && !rc; i++) {
		db_stmt *st;
		if (!t[i].text || !*t[i].text)
			st = store_prep(s, "DELETE FROM report_note WHERE report_id = ?1 AND count_key = ?2");
		else
			st = store_prep(
			    s, "INSERT INTO report_note(report_id, count_key, note) VALUES (?1, ?2, ?3) "
			       "ON CONFLICT(report_id, count_key) DO UPDATE SET note = excluded.note");
		if (!st)
			return TT_ERR_DB;
		db_bind_int64(st, 1, report_id);
		store_bind_text(st, 2, t[i].key);
		if (t[i].text && *t[i].text)
			store_bind_text(st, 3, t[i].text);
		rc = store_step_done(s, st);
	}
	return rc;
}

tt_rc store_report_set_status(store *s, int64_t report_id, const char *from, const char *to,
                              const char *submitted_at, const char *return_comment, int64_t user_id)
{
	char now[21];
	store_now(s, now);
	db_stmt *st = store_prep(s, "UPDATE report SET status = ?2, submitted_at = ?3, return_comment = ?4, "
	                            "updated_at = ?5, updated_by = NULLIF(?6, 0), version = version + 1 "
	                            "WHERE id = ?1 AND status = ?7 AND approved_at IS NULL");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, report_id);
	store_bind_text(st, 2, to);
	store_bind_text(st, 3, submitted_at);
	store_bind_text(st, 4, return_comment);
	store_bind_text(st, 5, now);
	db_bind_int64(st, 6, user_id);
	store_bind_text(st, 7, from);
	tt_rc rc = store_step_done(s, st);
	if (!rc && store_changes(s) == 0)
		rc = TT_ERR_CONFLICT;
	return rc;
}

tt_rc store_round_sums(store *s, tt_arena *a, int64_t round_id, st_value **out, size_t *n)
{
	db_stmt *st =
	    store_prep(s, "SELECT c.key, coalesce(t.total, 0) FROM round_count c LEFT JOIN "
	                  "(SELECT v.count_key AS k, sum(v.value) AS total FROM report p "
	                  "JOIN report_value v ON v.report_id = p.id "
	                  "WHERE p.round_id = ?1 AND p.status = 'submitted' GROUP BY v.count_key) t "
	                  "ON t.k = c.key WHERE c.round_id = ?1 ORDER BY c.pos");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, round_id);
	return store_collect(s, a, st, sizeof(st_value), value_row, (void **)out, n);
}

static tt_rc merged_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_merged_text *m = elem;
	m->section_key = store_col_text(a, st, 0);
	m->org_code = store_col_text(a, st, 1);
	m->org_name = store_col_text(a, st, 2);
	m->text = store_col_text(a, st, 3);
	return m->section_key && m->org_code && m->text ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_round_tally(store *s, int64_t round_id, int *expected, int *submitted)
{
	db_stmt *st = store_prep(s, "SELECT count(*), coalesce(sum(CASE WHEN status = 'submitted' THEN 1 "
	                            "ELSE 0 END), 0) FROM report WHERE round_id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, round_id);
	return store_step_pair(s, st, expected, submitted);
}

/* Binds the selection of st_pivot_query as ?2 (pattern), ?3 (limit), ?4
 * (offset) of the statements below; a statement that has no ?3 and ?4
 * ignores them. */
static tt_rc bind_selection(db_stmt *st, const st_pivot_query *q)
{
	tt_buf pat;
	buf_init(&pat, 0);
	if (q->q_key && *q->q_key && store_like_pattern(&pat, q->q_key)) {
		buf_free(&pat);
		return TT_ERR_NOMEM;
	}
	store_bind_text(st, 2, pat.data);
	buf_free(&pat);
	db_bind_int64(st, 3, q->limit > 0 ? q->limit : INT32_MAX);
	db_bind_int64(st, 4, q->offset > 0 ? q->offset : 0);
	return TT_OK;
}

#define PIVOT_PAGE                                                                                           \
	"WITH page AS (SELECT p.id, o.code, o.name, o.sort_key, pp.name AS parent_name FROM report p "       \
	"JOIN org o ON o.id = p.org_id LEFT JOIN org pp ON pp.id = o.parent_id "                             \
	"WHERE p.round_id = ?1 AND p.status = 'submitted' "                                                  \
	"AND (CAST(?2 AS TEXT) IS NULL OR o.search_key LIKE ?2 ESCAPE '\\') "                                \
	"ORDER BY o.sort_key, p.id LIMIT ?3 OFFSET ?4) "

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static tt_rc page_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_pivot_row *r = elem;
	r->report_id = db_col_int64(st, 0);
	r->org_code = store_col_text(a, st, 1);
	r->org_name = store_col_text(a, st, 2);
	r->parent_name = store_col_text(a, st, 3);
	return r->org_code && r->org_name ? TT_OK : TT_ERR_NOMEM;
}

/* Three reads, none of them ordered beyond the page itself: how many
 * reports match, the page of reports in name order, and their values in
 * whatever order the engine finds cheapest, laid out here by report id
 * (binary search) and count key. */
tt_rc store_round_pivot(store *s, tt_arena *a, int64_t round_id, const st_count *counts, size_t ncounts,
                        const st_pivot_query *q, st_pivot_row **out, size_t *n, size_t *matched)
{
	tt_rc rc;
	st_pivot_row *rows;
	size_t len = 0;
	db_stmt *st =
	    store_prep(s, PIVOT_PAGE "SELECT id, code, name, parent_name FROM page ORDER BY sort_key, id");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, round_id);
	if ((rc = bind_selection(st, q)) ||
	    (rc = store_collect(s, a, st, sizeof *rows, page_row, (void **)&rows, &len))) {
		store_done(st);
		return rc;
	}
	size_t total = len;
	if (q->limit > 0 && (len == (size_t)q->limit || q->offset > 0)) {
		st = store_prep(s, "SELECT count(*) FROM report p JOIN org o ON o.id = p.org_id "
		                   "WHERE p.round_id = ?1 AND p.status = 'submitted' "
		                   "AND (CAST(?2 AS TEXT) IS NULL OR o.search_key LIKE ?2 ESCAPE '\\')");
		if (!st)
			return TT_ERR_DB;
		db_bind_int64(st, 1, round_id);
		if ((rc = bind_selection(st, q))) {
			store_done(st);
			return rc;
		}
		int src = db_step(st);
		if (src == DB_ROW)
			total = (size_t)db_col_int64(st, 0);
		store_done(st);
		if (src != DB_ROW)
			return store_fail(s, src);
	}
	/* (report id, row index) pairs sorted by id, for placing values. */
	int64_t *index = arena_alloc(a, (2 * len + 2) * sizeof *index);
	if (!index)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < len; i++) {
		rows[i].values = arena_alloc(a, (ncounts + 1) * sizeof *rows[i].values);
		rows[i].has = arena_alloc(a, ncounts + 1);
		if (!rows[i].values || !rows[i].has)
			return TT_ERR_NOMEM;
		memset(rows[i].has, 0, ncounts + 1);
		index[2 * i] = rows[i].report_id;
		index[2 * i + 1] = (int64_t)i;
	}
	qsort(index, len, 2 * sizeof *index, cmp_id);
	st = store_prep(s, PIVOT_PAGE "SELECT v.report_id, v.count_key, v.value FROM page "
	                              "JOIN report_value v ON v.report_id = page.id");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, round_id);
	if ((rc = bind_selection(st, q))) {
		store_done(st);
		return rc;
	}
	int src;
	size_t last = 0;
	while ((src = db_step(st)) == DB_ROW) {
		int64_t rid = db_col_int64(st, 0);
		const int64_t *hit = bsearch(&rid, index, len, 2 * sizeof *index, cmp_id);
		size_t len_key = 0;
		const char *key = s->eng->col_text(st, 1, &len_key);
		if (!hit || !key)
			continue;
		st_pivot_row *row = &rows[hit[1]];
		/* Values of one report mostly come in count order: try the next
		 * count first. */
		for (size_t t = 0; t < ncounts; t++) {
			size_t k = (last + t) % ncounts;
			if (!strcmp(counts[k].key, key)) {
				row->values[k] = db_col_double(st, 2);
				row->has[k] = 1;
				last = k + 1;
				break;
			}
		}
	}
	store_done(st);
	if (src != DB_DONE)
		return store_fail(s, src);
	*out = rows;
	*n = len;
	*matched = total;
	return TT_OK;
}

static tt_rc register_row(tt_arena *a, db_stmt *st, void *elem)
{
	(void)a;
	st_register_value *x = elem;
	x->report_id = db_col_int64(st, 0);
	x->value = db_col_double(st, 1);
	x->sources = db_col_int64(st, 2);
	return TT_OK;
}

/* The page of PIVOT_PAGE with each report's body, and every body below
 * each of them (rid: the report). */
#define REGISTER_PAGE                                                                                        \
	"WITH RECURSIVE page AS (SELECT p.id, p.org_id FROM report p JOIN org o ON o.id = p.org_id "         \
	"WHERE p.round_id = ?1 AND p.status = 'submitted' "                                                  \
	"AND (CAST(?2 AS TEXT) IS NULL OR o.search_key LIKE ?2 ESCAPE '\\') "                                \
	"ORDER BY o.sort_key, p.id LIMIT ?3 OFFSET ?4), "                                                    \
	"sub(rid, id) AS (SELECT id, org_id FROM page "                                                      \
	"  UNION ALL SELECT sub.rid, c.id FROM org c JOIN sub ON c.parent_id = sub.id) "

tt_rc store_round_register(store *s, tt_arena *a, int64_t round_id, const st_pivot_query *q, const char *type,
                           const char *field, const char *from, const char *to, st_register_value **out,
                           size_t *n)
{
	db_stmt *st;
	if (!field)
		st =
		    store_prep(s, REGISTER_PAGE "SELECT sub.rid, count(*), count(*) FROM sub "
		                                "JOIN activity a ON a.org_id = sub.id "
		                                "WHERE a.type = ?5 AND a.start_on >= ?6 AND a.start_on <= ?7 "
		                                "GROUP BY sub.rid");
	else
		st = store_prep(s,
		                REGISTER_PAGE "SELECT sub.rid, coalesce(sum(n.value), 0), count(*) FROM sub "
		                              "JOIN activity a ON a.org_id = sub.id "
		                              "JOIN activity_number n ON n.activity_id = a.id AND n.key = ?8 "
		                              "WHERE a.type = ?5 AND a.start_on >= ?6 AND a.start_on <= ?7 "
		                              "GROUP BY sub.rid");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, round_id);
	tt_rc rc = bind_selection(st, q);
	if (rc) {
		store_done(st);
		return rc;
	}
	store_bind_text(st, 5, type);
	store_bind_text(st, 6, from);
	store_bind_text(st, 7, to);
	if (field)
		store_bind_text(st, 8, field);
	return store_collect(s, a, st, sizeof(st_register_value), register_row, (void **)out, n);
}

static tt_rc note_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_report_note *x = elem;
	x->report_id = db_col_int64(st, 0);
	x->key = store_col_text(a, st, 1);
	x->note = store_col_text(a, st, 2);
	return x->key && x->note ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_round_notes(store *s, tt_arena *a, int64_t round_id, const st_pivot_query *q,
                        st_report_note **out, size_t *n)
{
	db_stmt *st = store_prep(s, PIVOT_PAGE "SELECT n.report_id, n.count_key, n.note FROM page "
	                                       "JOIN report_note n ON n.report_id = page.id");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, round_id);
	tt_rc rc = bind_selection(st, q);
	if (rc) {
		store_done(st);
		return rc;
	}
	return store_collect(s, a, st, sizeof(st_report_note), note_row, (void **)out, n);
}

tt_rc store_round_texts(store *s, tt_arena *a, int64_t round_id, const st_pivot_query *q,
                        st_merged_text **out, size_t *n)
{
	db_stmt *st =
	    store_prep(s, PIVOT_PAGE "SELECT t.section_key, page.code, page.name, t.text FROM page "
	                             "JOIN report_text t ON t.report_id = page.id "
	                             "JOIN round_section rs ON rs.round_id = ?1 AND rs.key = t.section_key "
	                             "WHERE trim(t.text) <> '' ORDER BY rs.pos, page.sort_key, page.id");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, round_id);
	tt_rc rc = bind_selection(st, q);
	if (rc) {
		store_done(st);
		return rc;
	}
	return store_collect(s, a, st, sizeof(st_merged_text), merged_row, (void **)out, n);
}
