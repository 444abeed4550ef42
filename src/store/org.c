/* org.c - the registry of bodies in SQLite: units, aliases, successor links
 * and tree queries. History is kept by validity dates and successor links,
 * never by deleting. */
#include <string.h>

#include "store/store_int.h"
#include "text/vn.h"

#define ORG_COLS STORE_ORG_COLS "FROM org o LEFT JOIN org p ON p.id = o.parent_id "

tt_rc store_org_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_org *o = elem;
	o->id = db_col_int64(st, 0);
	o->code = store_col_text(a, st, 1);
	o->name = store_col_text(a, st, 2);
	o->kind = store_col_text(a, st, 3);
	o->parent_id = db_col_int64(st, 4);
	o->parent_code = store_col_text(a, st, 5);
	o->parent_name = store_col_text(a, st, 6);
	o->valid_from = store_col_text(a, st, 7);
	o->valid_to = store_col_text(a, st, 8);
	return o->code && o->name && o->kind ? TT_OK : TT_ERR_NOMEM;
}

static tt_rc org_rows(store *s, tt_arena *a, db_stmt *st, st_org **out, size_t *n)
{
	return store_collect(s, a, st, sizeof(st_org), store_org_row, (void **)out, n);
}

static tt_rc org_one(store *s, tt_arena *a, db_stmt *st, st_org *out)
{
	return store_collect_one(s, a, st, sizeof(st_org), store_org_row, out);
}

tt_rc store_org_put(store *s, const st_org *o, const char *search_key, int64_t *id)
{
	db_stmt *st =
	    store_prep(s, "INSERT INTO org(code, name, kind, parent_id, valid_from, valid_to, search_key, "
	                  "sort_key) VALUES (?1, ?2, ?3, NULLIF(?4, 0), ?5, ?6, ?7, ?8) "
	                  "ON CONFLICT(code) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
	                  "parent_id = excluded.parent_id, valid_from = excluded.valid_from, "
	                  "valid_to = excluded.valid_to, search_key = excluded.search_key, "
	                  "sort_key = excluded.sort_key RETURNING id");
	if (!st)
		return TT_ERR_DB;
	tt_buf sort;
	buf_init(&sort, 0);
	tt_rc krc = vn_sort_key(o->name, strlen(o->name), &sort);
	if (krc) {
		buf_free(&sort);
		return krc;
	}
	store_bind_text(st, 1, o->code);
	store_bind_text(st, 2, o->name);
	store_bind_text(st, 3, o->kind);
	db_bind_int64(st, 4, o->parent_id);
	store_bind_text(st, 5, o->valid_from);
	store_bind_text(st, 6, o->valid_to);
	store_bind_text(st, 7, search_key);
	store_bind_text(st, 8, sort.data ? sort.data : "");
	buf_free(&sort);
	int src = db_step(st);
	tt_rc rc = TT_OK;
	int64_t oid = 0;
	if (src == DB_ROW)
		oid = db_col_int64(st, 0);
	else
		rc = store_fail(s, src);
	store_done(st);
	if (!rc)
		rc = store_search_reindex(s, "org", oid);
	if (!rc && id)
		*id = oid;
	return rc;
}

tt_rc store_org_get(store *s, tt_arena *a, const char *code, st_org *out)
{
	db_stmt *st = store_prep(s, "SELECT " ORG_COLS "WHERE o.code = ?1");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, code);
	return org_one(s, a, st, out);
}

tt_rc store_org_get_id(store *s, tt_arena *a, int64_t id, st_org *out)
{
	db_stmt *st = store_prep(s, "SELECT " ORG_COLS "WHERE o.id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	return org_one(s, a, st, out);
}

tt_rc store_org_find(store *s, tt_arena *a, const st_org_query *q, st_org **out, size_t *n)
{
	db_stmt *st = store_prep(
	    s, "WITH RECURSIVE sub(id) AS (SELECT CAST(?5 AS BIGINT) WHERE ?5 <> 0 "
	       "  UNION SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id) "
	       "SELECT " ORG_COLS "WHERE (CAST(?1 AS TEXT) IS NULL OR o.search_key LIKE ?1 ESCAPE '\\') "
	       "AND (CAST(?2 AS TEXT) IS NULL OR ((o.valid_from IS NULL OR o.valid_from <= ?2) "
	       "     AND (o.valid_to IS NULL OR o.valid_to >= ?2))) "
	       "AND (CAST(?3 AS TEXT) IS NULL OR o.kind = ?3) "
	       "AND (?4 = 0 OR o.parent_id = ?4) "
	       "AND (?5 = 0 OR o.id IN (SELECT id FROM sub)) "
	       "ORDER BY (o.valid_to IS NOT NULL), "
	       "  CASE o.kind WHEN 'ministry' THEN 0 WHEN 'province' THEN 1 WHEN 'department' THEN 2 "
	       "  WHEN 'press' THEN 3 WHEN 'other' THEN 4 WHEN 'district' THEN 5 ELSE 6 END, "
	       "  o.sort_key LIMIT ?6 OFFSET ?7");
	if (!st)
		return TT_ERR_DB;
	tt_buf pat;
	buf_init(&pat, 0);
	if (q->q_key && *q->q_key && store_like_pattern(&pat, q->q_key)) {
		buf_free(&pat);
		return TT_ERR_NOMEM;
	}
	store_bind_text(st, 1, pat.data);
	buf_free(&pat);
	store_bind_text(st, 2, q->at);
	store_bind_text(st, 3, q->kind);
	db_bind_int64(st, 4, q->parent_id);
	db_bind_int64(st, 5, q->within_id);
	db_bind_int64(st, 6, q->limit > 0 ? q->limit : 50);
	db_bind_int64(st, 7, q->offset > 0 ? q->offset : 0);
	return org_rows(s, a, st, out, n);
}

tt_rc store_org_count(store *s, const char *kind, const char *at, int64_t *n)
{
	db_stmt *st =
	    store_prep(s, "SELECT count(*) FROM org WHERE (CAST(?1 AS TEXT) IS NULL OR kind = ?1) "
	                  "AND (CAST(?2 AS TEXT) IS NULL OR ((valid_from IS NULL OR valid_from <= ?2) "
	                  "AND (valid_to IS NULL OR valid_to >= ?2)))");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, kind);
	store_bind_text(st, 2, at);
	int64_t v = 0;
	tt_rc rc = store_step_int64(s, st, &v);
	if (!rc)
		*n = v;
	return rc;
}

tt_rc store_org_alias_add(store *s, int64_t org_id, const char *alias)
{
	db_stmt *st =
	    store_prep(s, "INSERT INTO org_alias(org_id, alias) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, org_id);
	store_bind_text(st, 2, alias);
	int src = db_step(st);
	store_done(st);
	int64_t changed = store_changes(s);
	if (src != DB_DONE)
		return store_fail(s, src);
	return changed ? store_search_reindex(s, "org", org_id) : TT_OK;
}

static tt_rc alias_row(tt_arena *a, db_stmt *st, void *elem)
{
	const char **p = elem;
	*p = store_col_text(a, st, 0);
	return *p ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_org_alias_clear(store *s, int64_t org_id)
{
	db_stmt *st = store_prep(s, "DELETE FROM org_alias WHERE org_id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, org_id);
	tt_rc rc = store_step_done(s, st);
	return rc ? rc : store_search_reindex(s, "org", org_id);
}

tt_rc store_org_aliases(store *s, tt_arena *a, int64_t org_id, const char ***out, size_t *n)
{
	db_stmt *st = store_prep(s, "SELECT alias FROM org_alias WHERE org_id = ?1 ORDER BY alias");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, org_id);
	return store_collect(s, a, st, sizeof(const char *), alias_row, (void **)out, n);
}

tt_rc store_org_successor_add(store *s, int64_t pred_id, int64_t succ_id)
{
	db_stmt *st = store_prep(
	    s, "INSERT INTO org_successor(pred_id, succ_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, pred_id);
	db_bind_int64(st, 2, succ_id);
	int src = db_step(st);
	store_done(st);
	return src == DB_DONE ? TT_OK : store_fail(s, src);
}

tt_rc store_org_successors(store *s, tt_arena *a, int64_t id, int transitive, st_org **out, size_t *n)
{
	db_stmt *st;
	if (transitive)
		/* UNION (not UNION ALL) stops on cycles in bad data. */
		st = store_prep(
		    s, "WITH RECURSIVE chain(id) AS (SELECT succ_id FROM org_successor WHERE pred_id = ?1 "
		       "  UNION SELECT os.succ_id FROM org_successor os JOIN chain ON os.pred_id = chain.id) "
		       "SELECT " ORG_COLS "WHERE o.id IN (SELECT id FROM chain) "
		       "AND NOT EXISTS (SELECT 1 FROM org_successor x WHERE x.pred_id = o.id) "
		       "ORDER BY o.sort_key");
	else
		st = store_prep(s, "SELECT " ORG_COLS
		                   "WHERE o.id IN (SELECT succ_id FROM org_successor WHERE pred_id = ?1) "
		                   "ORDER BY o.sort_key");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	return org_rows(s, a, st, out, n);
}

tt_rc store_org_predecessors(store *s, tt_arena *a, int64_t id, st_org **out, size_t *n)
{
	db_stmt *st = store_prep(s, "SELECT " ORG_COLS "WHERE o.id IN (SELECT pred_id FROM org_successor "
	                            "WHERE succ_id = ?1) ORDER BY o.kind, o.sort_key");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	return org_rows(s, a, st, out, n);
}

tt_rc store_org_within(store *s, int64_t ancestor_id, int64_t org_id, int *yes)
{
	db_stmt *st = store_prep(s, "WITH RECURSIVE up(id) AS (SELECT CAST(?2 AS BIGINT) UNION "
	                            "SELECT o.parent_id FROM org o JOIN up ON o.id = up.id "
	                            "WHERE o.parent_id IS NOT NULL) "
	                            "SELECT EXISTS (SELECT 1 FROM up WHERE id = ?1)");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, ancestor_id);
	db_bind_int64(st, 2, org_id);
	int64_t v = 0;
	tt_rc rc = store_step_int64(s, st, &v);
	if (!rc)
		*yes = (int)v;
	return rc;
}
