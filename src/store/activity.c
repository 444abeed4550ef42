/* activity.c - the activity register in portable SQL (see store_int.h):
 * activities, their countries, the numbers indicators sum and their
 * attachments. The subtree of a body is a recursive CTE over org.parent_id,
 * as elsewhere in the store. */
#include <stdint.h>
#include <string.h>

#include "store/store_int.h"

#define ACT_COLS                                                                                             \
	"a.id, a.org_id, o.code, o.name, a.type, a.title, a.start_on, a.end_on, a.place, a.description, "    \
	"a.people, a.plan_task_id, t.plan_id, a.in_plan, a.fields, a.recorded_by, u.login, a.recorded_at, "  \
	"a.updated_at, a.version "                                                                           \
	"FROM activity a JOIN org o ON o.id = a.org_id "                                                     \
	"LEFT JOIN plan_task t ON t.id = a.plan_task_id LEFT JOIN account u ON u.id = a.recorded_by "

/* ?1 the body (0: all), ?2 1 for its subtree. */
#define SUBTREE                                                                                              \
	"WITH RECURSIVE sub(id) AS (SELECT CAST(?1 AS BIGINT) WHERE ?1 <> 0 "                                \
	"  UNION SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id WHERE ?2 = 1) "

#define FILTER                                                                                               \
	"WHERE (?1 = 0 OR a.org_id IN (SELECT id FROM sub)) "                                                \
	"AND (CAST(?3 AS TEXT) IS NULL OR a.type = ?3) "                                                     \
	"AND (CAST(?4 AS TEXT) IS NULL OR a.start_on >= ?4) "                                                \
	"AND (CAST(?5 AS TEXT) IS NULL OR a.start_on <= ?5) "                                                \
	"AND (CAST(?6 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM activity_country ac "                        \
	"  WHERE ac.activity_id = a.id AND ac.code = ?6)) "                                                  \
	"AND (CAST(?7 AS BIGINT) = 0 OR a.plan_task_id = ?7) "

static tt_rc activity_row(tt_arena *ar, db_stmt *st, void *elem)
{
	st_activity *a = elem;
	a->id = db_col_int64(st, 0);
	a->org_id = db_col_int64(st, 1);
	a->org_code = store_col_text(ar, st, 2);
	a->org_name = store_col_text(ar, st, 3);
	a->type = store_col_text(ar, st, 4);
	a->title = store_col_text(ar, st, 5);
	a->start_on = store_col_text(ar, st, 6);
	a->end_on = store_col_text(ar, st, 7);
	a->place = store_col_text(ar, st, 8);
	a->description = store_col_text(ar, st, 9);
	a->people = db_col_null(st, 10) ? -1 : db_col_int64(st, 10);
	a->plan_task_id = db_col_null(st, 11) ? 0 : db_col_int64(st, 11);
	a->plan_id = db_col_null(st, 12) ? 0 : db_col_int64(st, 12);
	a->in_plan = db_col_int(st, 13);
	a->fields = store_col_text(ar, st, 14);
	a->recorded_by = db_col_null(st, 15) ? 0 : db_col_int64(st, 15);
	a->recorded_by_login = store_col_text(ar, st, 16);
	a->recorded_at = store_col_text(ar, st, 17);
	a->updated_at = store_col_text(ar, st, 18);
	a->version = db_col_int64(st, 19);
	return a->org_code && a->type && a->title && a->start_on && a->fields ? TT_OK : TT_ERR_NOMEM;
}

static tt_rc put_details(store *s, int64_t id, const char *const *countries, size_t nc,
                         const st_activity_number *num, size_t nn)
{
	tt_rc rc = TT_OK;
	for (size_t i = 0; i < nc && !rc; i++) {
		db_stmt *st = store_prep(s, "INSERT INTO activity_country(activity_id, code) VALUES (?1, ?2) "
		                            "ON CONFLICT DO NOTHING");
		if (!st)
			return TT_ERR_DB;
		db_bind_int64(st, 1, id);
		store_bind_text(st, 2, countries[i]);
		rc = store_step_done(s, st);
	}
	for (size_t i = 0; i < nn && !rc; i++) {
		db_stmt *st =
		    store_prep(s, "INSERT INTO activity_number(activity_id, key, value) VALUES (?1, ?2, ?3)");
		if (!st)
			return TT_ERR_DB;
		db_bind_int64(st, 1, id);
		store_bind_text(st, 2, num[i].key);
		db_bind_double(st, 3, num[i].value);
		rc = store_step_done(s, st);
	}
	return rc;
}

static void bind_common(db_stmt *st, const st_activity *a)
{
	store_bind_text(st, 2, a->type);
	store_bind_text(st, 3, a->title);
	store_bind_text(st, 4, a->start_on);
	store_bind_text(st, 5, a->end_on);
	store_bind_text(st, 6, a->place);
	store_bind_text(st, 7, a->description);
	if (a->people >= 0)
		db_bind_int64(st, 8, a->people);
	else
		db_bind_null(st, 8);
	db_bind_int64(st, 9, a->plan_task_id);
	db_bind_int64(st, 10, a->in_plan ? 1 : 0);
	store_bind_text(st, 11, a->fields ? a->fields : "{}");
}

tt_rc store_activity_add(store *s, const st_activity *a, const char *const *countries, size_t nc,
                         const st_activity_number *num, size_t nn, int64_t *id)
{
	char now[21];
	store_now(s, now);
	db_stmt *st = store_prep(
	    s, "INSERT INTO activity(org_id, type, title, start_on, end_on, place, description, people, "
	       "plan_task_id, in_plan, fields, recorded_by, recorded_at, updated_at) "
	       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULLIF(?9, 0), ?10, ?11, NULLIF(?12, 0), ?13, ?13) "
	       "RETURNING id");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, a->org_id);
	bind_common(st, a);
	db_bind_int64(st, 12, a->recorded_by);
	store_bind_text(st, 13, now);
	int64_t aid = 0;
	tt_rc rc = store_step_id(s, st, &aid);
	if (!rc)
		rc = put_details(s, aid, countries, nc, num, nn);
	if (!rc)
		rc = store_search_reindex(s, "activity", aid);
	if (!rc && id)
		*id = aid;
	return rc;
}

tt_rc store_activity_get(store *s, tt_arena *a, int64_t id, st_activity *out)
{
	db_stmt *st = store_prep(s, "SELECT " ACT_COLS "WHERE a.id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	return store_collect_one(s, a, st, sizeof *out, activity_row, out);
}

static tt_rc code_row(tt_arena *a, db_stmt *st, void *elem)
{
	const char **c = elem;
	*c = store_col_text(a, st, 0);
	return *c ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_activity_countries(store *s, tt_arena *a, int64_t id, const char ***out, size_t *n)
{
	db_stmt *st = store_prep(s, "SELECT code FROM activity_country WHERE activity_id = ?1 ORDER BY code");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	return store_collect(s, a, st, sizeof(const char *), code_row, (void **)out, n);
}

static void bind_query(db_stmt *st, const st_activity_query *q)
{
	db_bind_int64(st, 1, q->org_id);
	db_bind_int64(st, 2, q->subtree ? 1 : 0);
	store_bind_text(st, 3, q->type);
	store_bind_text(st, 4, q->from);
	store_bind_text(st, 5, q->to);
	store_bind_text(st, 6, q->country);
	db_bind_int64(st, 7, q->plan_task_id);
}

tt_rc store_activity_find(store *s, tt_arena *a, const st_activity_query *q, st_activity **out, size_t *n,
                          int64_t *total)
{
	db_stmt *st = store_prep(s, SUBTREE "SELECT count(*), 0 FROM activity a " FILTER);
	if (!st)
		return TT_ERR_DB;
	bind_query(st, q);
	int64_t count = 0, zero = 0;
	tt_rc rc = store_step_pair64(s, st, &count, &zero);
	if (rc)
		return rc;
	st = store_prep(s, SUBTREE "SELECT " ACT_COLS FILTER
	                           "ORDER BY a.start_on DESC, a.id DESC LIMIT ?8 OFFSET ?9");
	if (!st)
		return TT_ERR_DB;
	bind_query(st, q);
	db_bind_int64(st, 8, q->limit > 0 ? q->limit : 50);
	db_bind_int64(st, 9, q->offset > 0 ? q->offset : 0);
	if (!(rc = store_collect(s, a, st, sizeof(st_activity), activity_row, (void **)out, n)))
		*total = count;
	return rc;
}

tt_rc store_activity_update(store *s, const st_activity *a, int64_t expect_version,
                            const char *const *countries, size_t nc, const st_activity_number *num, size_t nn)
{
	char now[21];
	store_now(s, now);
	db_stmt *st = store_prep(
	    s, "UPDATE activity SET type = ?2, title = ?3, start_on = ?4, end_on = ?5, place = ?6, "
	       "description = ?7, people = ?8, plan_task_id = NULLIF(?9, 0), in_plan = ?10, fields = ?11, "
	       "updated_at = ?12, version = version + 1 "
	       "WHERE id = ?1 AND (CAST(?13 AS BIGINT) = 0 OR version = ?13)");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, a->id);
	bind_common(st, a);
	store_bind_text(st, 12, now);
	db_bind_int64(st, 13, expect_version);
	tt_rc rc = store_step_done(s, st);
	if (!rc && store_changes(s) == 0)
		return TT_ERR_CONFLICT;
	if (!rc && (st = store_prep(s, "DELETE FROM activity_country WHERE activity_id = ?1"))) {
		db_bind_int64(st, 1, a->id);
		rc = store_step_done(s, st);
	} else if (!rc)
		rc = TT_ERR_DB;
	if (!rc && (st = store_prep(s, "DELETE FROM activity_number WHERE activity_id = ?1"))) {
		db_bind_int64(st, 1, a->id);
		rc = store_step_done(s, st);
	} else if (!rc)
		rc = TT_ERR_DB;
	if (!rc)
		rc = put_details(s, a->id, countries, nc, num, nn);
	if (!rc)
		rc = store_search_reindex(s, "activity", a->id);
	return rc;
}

static tt_rc id_row(tt_arena *a, db_stmt *st, void *elem)
{
	*(int64_t *)elem = db_col_int64(st, 0);
	return TT_OK;
}

static tt_rc delete_blob(store *s, int64_t blob_id)
{
	db_stmt *st = store_prep(s, "DELETE FROM blob WHERE id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, blob_id);
	return store_step_done(s, st);
}

tt_rc store_activity_delete(store *s, tt_arena *a, int64_t id)
{
	db_stmt *st = store_prep(s, "SELECT blob_id FROM activity_attachment WHERE activity_id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	int64_t *blobs = NULL;
	size_t nb = 0;
	tt_rc rc = store_collect(s, a, st, sizeof(int64_t), id_row, (void **)&blobs, &nb);
	if (rc)
		return rc;
	if (!(st = store_prep(s, "DELETE FROM activity WHERE id = ?1")))
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	if ((rc = store_step_done(s, st)))
		return rc;
	if (store_changes(s) == 0)
		return TT_ERR_NOT_FOUND;
	for (size_t i = 0; i < nb && !rc; i++)
		rc = delete_blob(s, blobs[i]);
	if (!rc)
		rc = store_search_reindex(s, "activity", id);
	return rc;
}

tt_rc store_activity_sum(store *s, const char *type, const char *key, int64_t org_id, const char *from,
                         const char *to, double *value, int64_t *sources)
{
	db_stmt *st;
	if (!key)
		st = store_prep(s, SUBTREE "SELECT count(*), count(*) FROM activity a "
		                           "WHERE a.org_id IN (SELECT id FROM sub) AND a.type = ?3 "
		                           "AND a.start_on >= ?4 AND a.start_on <= ?5");
	else
		st = store_prep(s, SUBTREE "SELECT coalesce(sum(n.value), 0), count(*) FROM activity a "
		                           "JOIN activity_number n ON n.activity_id = a.id AND n.key = ?6 "
		                           "WHERE a.org_id IN (SELECT id FROM sub) AND a.type = ?3 "
		                           "AND a.start_on >= ?4 AND a.start_on <= ?5");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, org_id);
	db_bind_int64(st, 2, 1);
	store_bind_text(st, 3, type);
	store_bind_text(st, 4, from);
	store_bind_text(st, 5, to);
	if (key)
		store_bind_text(st, 6, key);
	int r = db_step(st);
	tt_rc rc = TT_OK;
	if (r == DB_ROW) {
		*value = db_col_double(st, 0);
		*sources = db_col_int64(st, 1);
	} else
		rc = r == DB_DONE ? TT_ERR_NOT_FOUND : store_fail(s, r);
	store_done(st);
	return rc;
}

static tt_rc group_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_activity_group *g = elem;
	g->key = store_col_text(a, st, 0);
	g->name = store_col_text(a, st, 1);
	g->count = db_col_int64(st, 2);
	g->people = db_col_null(st, 3) ? 0 : db_col_int64(st, 3);
	return g->key && g->name ? TT_OK : TT_ERR_NOMEM;
}

#define STATS_WHERE                                                                                          \
	"WHERE (?1 = 0 OR a.org_id IN (SELECT id FROM sub)) "                                                \
	"AND (CAST(?3 AS TEXT) IS NULL OR a.start_on >= ?3) "                                                \
	"AND (CAST(?4 AS TEXT) IS NULL OR a.start_on <= ?4) "
#define STATS_AGG "count(*), coalesce(sum(a.people), 0) "

tt_rc store_activity_stats(store *s, tt_arena *a, const char *group, int64_t org_id, const char *from,
                           const char *to, st_activity_group **out, size_t *n)
{
	db_stmt *st;
	if (!strcmp(group, "type"))
		st = store_prep(s, SUBTREE "SELECT a.type, a.type, " STATS_AGG "FROM activity a " STATS_WHERE
		                           "GROUP BY a.type ORDER BY count(*) DESC, a.type");
	else if (!strcmp(group, "country"))
		st = store_prep(s, SUBTREE
		                "SELECT c.code, c.code, " STATS_AGG
		                "FROM activity a JOIN activity_country c ON c.activity_id = a.id " STATS_WHERE
		                "GROUP BY c.code ORDER BY count(*) DESC, c.code");
	else if (!strcmp(group, "month"))
		st = store_prep(s, SUBTREE
		                "SELECT substr(a.start_on, 1, 7), substr(a.start_on, 1, 7), " STATS_AGG
		                "FROM activity a " STATS_WHERE
		                "GROUP BY substr(a.start_on, 1, 7) ORDER BY substr(a.start_on, 1, 7)");
	else if (!strcmp(group, "org"))
		st = store_prep(s, SUBTREE "SELECT o.code, o.name, " STATS_AGG
		                           "FROM activity a JOIN org o ON o.id = a.org_id " STATS_WHERE
		                           "GROUP BY o.code, o.name ORDER BY count(*) DESC, o.code");
	else
		return TT_ERR_INVALID;
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, org_id);
	db_bind_int64(st, 2, 1);
	store_bind_text(st, 3, from);
	store_bind_text(st, 4, to);
	return store_collect(s, a, st, sizeof(st_activity_group), group_row, (void **)out, n);
}

static tt_rc attachment_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_activity_attachment *t = elem;
	t->id = db_col_int64(st, 0);
	t->activity_id = db_col_int64(st, 1);
	t->blob_id = db_col_int64(st, 2);
	t->filename = store_col_text(a, st, 3);
	t->content_type = store_col_text(a, st, 4);
	t->size = db_col_int64(st, 5);
	t->added_by = db_col_null(st, 6) ? 0 : db_col_int64(st, 6);
	t->added_at = store_col_text(a, st, 7);
	return t->filename && t->content_type ? TT_OK : TT_ERR_NOMEM;
}

#define ATT_COLS "id, activity_id, blob_id, filename, content_type, size, added_by, added_at "

tt_rc store_activity_attachment_add(store *s, const st_activity_attachment *att, int64_t *id)
{
	char now[21];
	store_now(s, now);
	db_stmt *st = store_prep(s, "INSERT INTO activity_attachment(activity_id, blob_id, filename, "
	                            "content_type, size, added_by, added_at) "
	                            "VALUES (?1, ?2, ?3, ?4, ?5, NULLIF(?6, 0), ?7) RETURNING id");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, att->activity_id);
	db_bind_int64(st, 2, att->blob_id);
	store_bind_text(st, 3, att->filename);
	store_bind_text(st, 4, att->content_type);
	db_bind_int64(st, 5, att->size);
	db_bind_int64(st, 6, att->added_by);
	store_bind_text(st, 7, now);
	return store_step_id(s, st, id);
}

tt_rc store_activity_attachments(store *s, tt_arena *a, int64_t activity_id, st_activity_attachment **out,
                                 size_t *n)
{
	db_stmt *st =
	    store_prep(s, "SELECT " ATT_COLS "FROM activity_attachment WHERE activity_id = ?1 ORDER BY id");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, activity_id);
	return store_collect(s, a, st, sizeof(st_activity_attachment), attachment_row, (void **)out, n);
}

tt_rc store_activity_attachment_get(store *s, tt_arena *a, int64_t activity_id, int64_t id,
                                    st_activity_attachment *out)
{
	db_stmt *st =
	    store_prep(s, "SELECT " ATT_COLS "FROM activity_attachment WHERE activity_id = ?1 AND id = ?2");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, activity_id);
	db_bind_int64(st, 2, id);
	return store_collect_one(s, a, st, sizeof *out, attachment_row, out);
}

tt_rc store_activity_attachment_delete(store *s, int64_t activity_id, int64_t id)
{
	db_stmt *st = store_prep(s, "DELETE FROM activity_attachment WHERE activity_id = ?1 AND id = ?2 "
	                            "RETURNING blob_id");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, activity_id);
	db_bind_int64(st, 2, id);
	int64_t blob = 0;
	tt_rc rc = store_step_id(s, st, &blob);
	if (!rc)
		rc = delete_blob(s, blob);
	return rc;
}

tt_rc store_activity_task_plan(store *s, int64_t task_id, int64_t *plan_id)
{
	db_stmt *st = store_prep(s, "SELECT plan_id, 0 FROM plan_task WHERE id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, task_id);
	int64_t p = 0, zero = 0;
	tt_rc rc = store_step_pair64(s, st, &p, &zero);
	if (!rc)
		*plan_id = p;
	return rc;
}
