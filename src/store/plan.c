/* plan.c - plans, their groups and tasks, the bodies tasks name and the
 * progress lead bodies report, in portable SQL (see store_int.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

#define PLAN_COLS                                                                                            \
	"p.id, p.owner_org_id, o.code, o.name, p.title, p.period_start, p.period_end, p.document_id, "       \
	"p.state, p.created_by, p.created_at, p.version, "                                                   \
	"(SELECT count(*) FROM plan_task t WHERE t.plan_id = p.id) "                                         \
	"FROM plan p JOIN org o ON o.id = p.owner_org_id "

static tt_rc plan_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_plan *p = elem;
	p->id = db_col_int64(st, 0);
	p->owner_org_id = db_col_int64(st, 1);
	p->owner_code = store_col_text(a, st, 2);
	p->owner_name = store_col_text(a, st, 3);
	p->title = store_col_text(a, st, 4);
	p->period_start = store_col_text(a, st, 5);
	p->period_end = store_col_text(a, st, 6);
	p->document_id = db_col_null(st, 7) ? 0 : db_col_int64(st, 7);
	p->state = store_col_text(a, st, 8);
	p->created_by = db_col_null(st, 9) ? 0 : db_col_int64(st, 9);
	p->created_at = store_col_text(a, st, 10);
	p->version = db_col_int64(st, 11);
	p->ntasks = db_col_int(st, 12);
	return p->owner_code && p->title && p->state ? TT_OK : TT_ERR_NOMEM;
}

static tt_rc add_task(store *s, int64_t plan_id, int64_t group_id, int pos, const st_plan_task *t,
                      int64_t *id)
{
	db_stmt *st = store_prep(s, "INSERT INTO plan_task(plan_id, group_id, pos, label, text, tf_kind, "
	                            "tf_start, tf_end, tf_text, expected_output, notes) "
	                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, plan_id);
	db_bind_int64(st, 2, group_id);
	db_bind_int64(st, 3, pos);
	store_bind_text(st, 4, t->label ? t->label : "");
	store_bind_text(st, 5, t->text ? t->text : "");
	store_bind_text(st, 6, t->tf_kind ? t->tf_kind : "unknown");
	store_bind_text(st, 7, t->tf_start);
	store_bind_text(st, 8, t->tf_end);
	store_bind_text(st, 9, t->tf_text);
	store_bind_text(st, 10, t->expected_output);
	store_bind_text(st, 11, t->notes);
	tt_rc rc = store_step_id(s, st, id);
	return rc ? rc : store_search_reindex(s, "task", *id);
}

static tt_rc add_body(store *s, int64_t task_id, const char *role, int pos, const char *text, int64_t org_id,
                      int grp)
{
	db_stmt *st = store_prep(s, "INSERT INTO plan_task_body(task_id, role, pos, text, org_id, grp) "
	                            "VALUES (?1, ?2, ?3, ?4, NULLIF(?5, 0), ?6)");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, task_id);
	store_bind_text(st, 2, role);
	db_bind_int64(st, 3, pos);
	store_bind_text(st, 4, text);
	db_bind_int64(st, 5, org_id);
	db_bind_int64(st, 6, grp);
	return store_step_done(s, st);
}

tt_rc store_plan_add(store *s, const st_plan *p, const st_plan_group *g, size_t ng, const st_plan_task *t,
                     size_t nt, const st_plan_body *b, size_t nb, int64_t *id)
{
	char now[21];
	store_now(s, now);
	db_stmt *st =
	    store_prep(s, "INSERT INTO plan(owner_org_id, title, period_start, period_end, document_id, "
	                  "state, created_by, created_at) "
	                  "VALUES (?1, ?2, ?3, ?4, NULLIF(?5, 0), ?6, NULLIF(?7, 0), ?8) RETURNING id");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, p->owner_org_id);
	store_bind_text(st, 2, p->title);
	store_bind_text(st, 3, p->period_start);
	store_bind_text(st, 4, p->period_end);
	db_bind_int64(st, 5, p->document_id);
	store_bind_text(st, 6, p->state ? p->state : "draft");
	db_bind_int64(st, 7, p->created_by);
	store_bind_text(st, 8, now);
	int64_t pid = 0;
	tt_rc rc = store_step_id(s, st, &pid);
	if (rc)
		return rc;
	int64_t *gids = ng ? calloc(ng, sizeof *gids) : NULL;
	int64_t *tids = nt ? calloc(nt, sizeof *tids) : NULL;
	if ((ng && !gids) || (nt && !tids)) {
		rc = TT_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < ng && !rc; i++) {
		st = store_prep(
		    s, "INSERT INTO plan_group(plan_id, pos, label, heading) VALUES (?1, ?2, ?3, ?4) "
		       "RETURNING id");
		if (!st) {
			rc = TT_ERR_DB;
			goto out;
		}
		db_bind_int64(st, 1, pid);
		db_bind_int64(st, 2, (int64_t)i);
		store_bind_text(st, 3, g[i].label ? g[i].label : "");
		store_bind_text(st, 4, g[i].heading ? g[i].heading : "");
		rc = store_step_id(s, st, &gids[i]);
	}
	for (size_t i = 0; i < nt && !rc; i++) {
		if (t[i].group_ix >= ng) {
			rc = TT_ERR_INVALID;
			break;
		}
		rc = add_task(s, pid, gids[t[i].group_ix], (int)i, &t[i], &tids[i]);
	}
	for (size_t i = 0; i < nb && !rc; i++) {
		if (b[i].task_ix >= nt) {
			rc = TT_ERR_INVALID;
			break;
		}
		rc = add_body(s, tids[b[i].task_ix], b[i].role, b[i].pos, b[i].text, b[i].org_id, b[i].grp);
	}
out:
	free(gids);
	free(tids);
	if (!rc && id)
		*id = pid;
	return rc;
}

/* The place after the last group or task of a plan. */
static tt_rc next_pos(store *s, const char *sql, int64_t plan_id, int *pos)
{
	db_stmt *st = store_prep(s, sql);
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, plan_id);
	int next = 0, zero = 0;
	tt_rc rc = store_step_pair(s, st, &next, &zero);
	if (!rc)
		*pos = next;
	return rc;
}

tt_rc store_plan_group_add(store *s, int64_t plan_id, const st_plan_group *g, int64_t *id)
{
	int pos = 0;
	tt_rc rc = next_pos(s, "SELECT coalesce(max(pos) + 1, 0), 0 FROM plan_group WHERE plan_id = ?1", plan_id,
	                    &pos);
	if (rc)
		return rc;
	db_stmt *st = store_prep(
	    s, "INSERT INTO plan_group(plan_id, pos, label, heading) VALUES (?1, ?2, ?3, ?4) RETURNING id");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, plan_id);
	db_bind_int64(st, 2, pos);
	store_bind_text(st, 3, g->label ? g->label : "");
	store_bind_text(st, 4, g->heading ? g->heading : "");
	return store_step_id(s, st, id);
}

tt_rc store_plan_task_add(store *s, const st_plan_task *t, const st_plan_body *b, size_t nb, int64_t *id)
{
	int pos = 0;
	int64_t tid = 0;
	tt_rc rc = next_pos(s, "SELECT coalesce(max(pos) + 1, 0), 0 FROM plan_task WHERE plan_id = ?1",
	                    t->plan_id, &pos);
	if (rc || (rc = add_task(s, t->plan_id, t->group_id, pos, t, &tid)))
		return rc;
	for (size_t i = 0; i < nb && !rc; i++)
		rc = add_body(s, tid, b[i].role, b[i].pos, b[i].text, b[i].org_id, b[i].grp);
	if (!rc && id)
		*id = tid;
	return rc;
}

tt_rc store_plan_get(store *s, tt_arena *a, int64_t id, st_plan *out)
{
	db_stmt *st = store_prep(s, "SELECT " PLAN_COLS "WHERE p.id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	return store_collect_one(s, a, st, sizeof *out, plan_row, out);
}

tt_rc store_plan_of_document(store *s, int64_t document_id, int64_t *plan_id)
{
	db_stmt *st = store_prep(s, "SELECT coalesce(max(id), 0), count(*) FROM plan WHERE document_id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, document_id);
	int64_t id = 0, n = 0;
	tt_rc rc = store_step_pair64(s, st, &id, &n);
	if (!rc && !n)
		rc = TT_ERR_NOT_FOUND;
	if (!rc)
		*plan_id = id;
	return rc;
}

tt_rc store_plan_list(store *s, tt_arena *a, int64_t within_id, int64_t org_id, st_plan **out, size_t *n)
{
	db_stmt *st = store_prep(
	    s, "WITH RECURSIVE sub(id) AS (SELECT CAST(?1 AS BIGINT) WHERE ?1 <> 0 "
	       "  UNION SELECT c.id FROM org c JOIN sub ON c.parent_id = sub.id) "
	       "SELECT " PLAN_COLS
	       "WHERE (?1 = 0 AND CAST(?2 AS BIGINT) = 0) OR p.owner_org_id IN (SELECT id FROM sub) "
	       "OR p.owner_org_id = ?2 OR p.id IN (SELECT t.plan_id FROM plan_task t "
	       "  JOIN plan_task_body b ON b.task_id = t.id WHERE b.org_id = ?2) "
	       "ORDER BY p.period_start DESC, p.id DESC LIMIT 500");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, within_id);
	db_bind_int64(st, 2, org_id);
	return store_collect(s, a, st, sizeof(st_plan), plan_row, (void **)out, n);
}

tt_rc store_plan_names_org(store *s, int64_t plan_id, int64_t org_id, const char *role, int *yes)
{
	db_stmt *st =
	    store_prep(s, "SELECT count(*), 0 FROM plan_task t JOIN plan_task_body b ON b.task_id = t.id "
	                  "WHERE t.plan_id = ?1 AND b.org_id = ?2 "
	                  "AND (CAST(?3 AS TEXT) IS NULL OR b.role = ?3)");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, plan_id);
	db_bind_int64(st, 2, org_id);
	store_bind_text(st, 3, role);
	int count = 0, zero = 0;
	tt_rc rc = store_step_pair(s, st, &count, &zero);
	if (!rc)
		*yes = count > 0;
	return rc;
}

static tt_rc group_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_plan_group *g = elem;
	g->id = db_col_int64(st, 0);
	g->label = store_col_text(a, st, 1);
	g->heading = store_col_text(a, st, 2);
	return g->label && g->heading ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_plan_groups(store *s, tt_arena *a, int64_t plan_id, st_plan_group **out, size_t *n)
{
	db_stmt *st =
	    store_prep(s, "SELECT id, label, heading FROM plan_group WHERE plan_id = ?1 ORDER BY pos");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, plan_id);
	return store_collect(s, a, st, sizeof(st_plan_group), group_row, (void **)out, n);
}

#define TASK_COLS                                                                                            \
	"id, plan_id, group_id, label, text, tf_kind, tf_start, tf_end, tf_text, expected_output, notes, "   \
	"version FROM plan_task "

static tt_rc task_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_plan_task *t = elem;
	t->id = db_col_int64(st, 0);
	t->plan_id = db_col_int64(st, 1);
	t->group_id = db_col_int64(st, 2);
	t->label = store_col_text(a, st, 3);
	t->text = store_col_text(a, st, 4);
	t->tf_kind = store_col_text(a, st, 5);
	t->tf_start = store_col_text(a, st, 6);
	t->tf_end = store_col_text(a, st, 7);
	t->tf_text = store_col_text(a, st, 8);
	t->expected_output = store_col_text(a, st, 9);
	t->notes = store_col_text(a, st, 10);
	t->version = db_col_int64(st, 11);
	return t->label && t->text && t->tf_kind ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_plan_tasks(store *s, tt_arena *a, int64_t plan_id, st_plan_task **out, size_t *n)
{
	db_stmt *st = store_prep(s, "SELECT " TASK_COLS "WHERE plan_id = ?1 ORDER BY pos");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, plan_id);
	return store_collect(s, a, st, sizeof(st_plan_task), task_row, (void **)out, n);
}

tt_rc store_plan_task_get(store *s, tt_arena *a, int64_t plan_id, int64_t task_id, st_plan_task *out)
{
	db_stmt *st = store_prep(s, "SELECT " TASK_COLS "WHERE plan_id = ?1 AND id = ?2");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, plan_id);
	db_bind_int64(st, 2, task_id);
	return store_collect_one(s, a, st, sizeof *out, task_row, out);
}

static tt_rc body_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_plan_body *b = elem;
	b->task_id = db_col_int64(st, 0);
	b->role = store_col_text(a, st, 1);
	b->pos = db_col_int(st, 2);
	b->text = store_col_text(a, st, 3);
	b->org_id = db_col_null(st, 4) ? 0 : db_col_int64(st, 4);
	b->org_code = store_col_text(a, st, 5);
	b->org_name = store_col_text(a, st, 6);
	b->grp = db_col_int(st, 7);
	return b->role && b->text ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_plan_bodies(store *s, tt_arena *a, int64_t plan_id, int64_t task_id, st_plan_body **out,
                        size_t *n)
{
	db_stmt *st =
	    store_prep(s, "SELECT b.task_id, b.role, b.pos, b.text, b.org_id, o.code, o.name, b.grp "
	                  "FROM plan_task_body b JOIN plan_task t ON t.id = b.task_id "
	                  "LEFT JOIN org o ON o.id = b.org_id "
	                  "WHERE t.plan_id = ?1 AND (CAST(?2 AS BIGINT) = 0 OR b.task_id = ?2) "
	                  "ORDER BY t.pos, b.role DESC, b.pos, o.sort_key, b.id");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, plan_id);
	db_bind_int64(st, 2, task_id);
	return store_collect(s, a, st, sizeof(st_plan_body), body_row, (void **)out, n);
}

static tt_rc progress_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_plan_progress *p = elem;
	p->id = db_col_int64(st, 0);
	p->task_id = db_col_int64(st, 1);
	p->org_id = db_col_int64(st, 2);
	p->org_code = store_col_text(a, st, 3);
	p->org_name = store_col_text(a, st, 4);
	p->state = store_col_text(a, st, 5);
	p->done_on = store_col_text(a, st, 6);
	p->note = store_col_text(a, st, 7);
	p->at = store_col_text(a, st, 8);
	p->user_id = db_col_null(st, 9) ? 0 : db_col_int64(st, 9);
	p->evidence_activity_id = db_col_null(st, 10) ? 0 : db_col_int64(st, 10);
	p->evidence_activity_org_id = db_col_null(st, 11) ? 0 : db_col_int64(st, 11);
	p->evidence_activity_title = store_col_text(a, st, 12);
	p->evidence_document_id = db_col_null(st, 13) ? 0 : db_col_int64(st, 13);
	p->evidence_document_symbol = store_col_text(a, st, 14);
	p->evidence_document_title = store_col_text(a, st, 15);
	return p->org_code && p->state && p->at ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_plan_progress_latest(store *s, tt_arena *a, int64_t plan_id, st_plan_progress **out, size_t *n)
{
	db_stmt *st =
	    store_prep(s, "SELECT g.id, g.task_id, g.org_id, o.code, o.name, g.state, g.done_on, g.note, "
	                  "g.at, g.user_id, a.id, a.org_id, a.title, d.id, d.symbol, d.title "
	                  "FROM plan_progress g JOIN org o ON o.id = g.org_id "
	                  "LEFT JOIN activity a ON a.id = g.evidence_activity_id "
	                  "LEFT JOIN document d ON d.id = g.evidence_document_id "
	                  "WHERE g.id IN (SELECT max(x.id) FROM plan_progress x "
	                  "  JOIN plan_task t ON t.id = x.task_id WHERE t.plan_id = ?1 "
	                  "  GROUP BY x.task_id, x.org_id) "
	                  "ORDER BY g.task_id, g.org_id");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, plan_id);
	return store_collect(s, a, st, sizeof(st_plan_progress), progress_row, (void **)out, n);
}

tt_rc store_plan_progress_add(store *s, const st_plan_progress *p, int64_t *id)
{
	char now[21];
	store_now(s, now);
	db_stmt *st =
	    store_prep(s, "INSERT INTO plan_progress(task_id, org_id, state, done_on, note, at, user_id, "
	                  "evidence_activity_id, evidence_document_id) "
	                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULLIF(?7, 0), NULLIF(?8, 0), NULLIF(?9, 0)) RETURNING id");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, p->task_id);
	db_bind_int64(st, 2, p->org_id);
	store_bind_text(st, 3, p->state);
	store_bind_text(st, 4, p->done_on);
	store_bind_text(st, 5, p->note);
	store_bind_text(st, 6, now);
	db_bind_int64(st, 7, p->user_id);
	db_bind_int64(st, 8, p->evidence_activity_id);
	db_bind_int64(st, 9, p->evidence_document_id);
	int64_t pid = 0;
	tt_rc rc = store_step_id(s, st, &pid);
	if (!rc && id)
		*id = pid;
	return rc;
}

tt_rc store_plan_update(store *s, int64_t id, int64_t expect_version, const char *title,
                        const char *period_start, const char *period_end, const char *state)
{
	db_stmt *st = store_prep(s, "UPDATE plan SET title = COALESCE(CAST(?3 AS TEXT), title), "
	                            "period_start = COALESCE(CAST(?4 AS TEXT), period_start), "
	                            "period_end = COALESCE(CAST(?5 AS TEXT), period_end), "
	                            "state = COALESCE(CAST(?6 AS TEXT), state), version = version + 1 "
	                            "WHERE id = ?1 AND (CAST(?2 AS BIGINT) = 0 OR version = ?2)");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, expect_version);
	store_bind_text(st, 3, title);
	store_bind_text(st, 4, period_start);
	store_bind_text(st, 5, period_end);
	store_bind_text(st, 6, state);
	tt_rc rc = store_step_done(s, st);
	if (!rc && store_changes(s) == 0)
		rc = TT_ERR_CONFLICT;
	if (!rc && period_start) /* the year of its tasks */
		rc = store_search_reindex_plan(s, id);
	return rc;
}

tt_rc store_plan_task_update(store *s, const st_plan_task *t, int64_t expect_version)
{
	db_stmt *st =
	    store_prep(s, "UPDATE plan_task SET text = ?3, tf_kind = ?4, tf_start = ?5, tf_end = ?6, "
	                  "tf_text = ?7, expected_output = ?8, notes = ?9, version = version + 1 "
	                  "WHERE id = ?1 AND (CAST(?2 AS BIGINT) = 0 OR version = ?2)");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, t->id);
	db_bind_int64(st, 2, expect_version);
	store_bind_text(st, 3, t->text);
	store_bind_text(st, 4, t->tf_kind ? t->tf_kind : "unknown");
	store_bind_text(st, 5, t->tf_start);
	store_bind_text(st, 6, t->tf_end);
	store_bind_text(st, 7, t->tf_text);
	store_bind_text(st, 8, t->expected_output);
	store_bind_text(st, 9, t->notes);
	tt_rc rc = store_step_done(s, st);
	if (!rc && store_changes(s) == 0)
		rc = TT_ERR_CONFLICT;
	if (!rc)
		rc = store_search_reindex(s, "task", t->id);
	return rc;
}

tt_rc store_plan_body_resolve(store *s, tt_arena *a, int64_t task_id, const char *role, int pos,
                              const int64_t *org_ids, size_t n, const char **text)
{
	db_stmt *st =
	    store_prep(s, "SELECT text FROM plan_task_body WHERE task_id = ?1 AND role = ?2 AND pos = ?3 "
	                  "ORDER BY id LIMIT 1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, task_id);
	store_bind_text(st, 2, role);
	db_bind_int64(st, 3, pos);
	int step = db_step(st);
	if (step == DB_ERROR) {
		tt_rc e = store_fail(s, step);
		store_done(st);
		return e;
	}
	if (step != DB_ROW) {
		store_done(st);
		return TT_ERR_NOT_FOUND;
	}
	const char *t = store_col_text(a, st, 0);
	store_done(st);
	if (!t)
		return TT_ERR_NOMEM;
	st = store_prep(s, "DELETE FROM plan_task_body WHERE task_id = ?1 AND role = ?2 AND pos = ?3");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, task_id);
	store_bind_text(st, 2, role);
	db_bind_int64(st, 3, pos);
	tt_rc rc = store_step_done(s, st);
	for (size_t i = 0; i < n && !rc; i++)
		rc = add_body(s, task_id, role, pos, t, org_ids[i], n > 1);
	if (!rc && n == 0)
		rc = add_body(s, task_id, role, pos, t, 0, 0);
	if (!rc)
		*text = t;
	return rc;
}
