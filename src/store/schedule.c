/* schedule.c - schedules (the reporting regimes that open rounds), the
 * link of a round to the schedule period it was opened for, and the
 * reporting hierarchy of bodies (org_report_to), in portable SQL. */
#include <string.h>

#include "store/store_int.h"

#define SCHEDULE_COLS                                                                                        \
	"x.id, x.owner_org_id, o.code, o.name, x.title, x.kinds, x.due_days, x.up_due_days, x.active, "      \
	"x.starts_on, x.created_by, x.created_at, x.version FROM schedule x JOIN org o ON o.id = "           \
	"x.owner_org_id "

static tt_rc schedule_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_schedule *x = elem;
	x->id = db_col_int64(st, 0);
	x->owner_org_id = db_col_int64(st, 1);
	x->owner_code = store_col_text(a, st, 2);
	x->owner_name = store_col_text(a, st, 3);
	x->title = store_col_text(a, st, 4);
	x->kinds = store_col_text(a, st, 5);
	x->due_days = db_col_int(st, 6);
	x->up_due_days = db_col_null(st, 7) ? 0 : db_col_int(st, 7);
	x->active = db_col_int(st, 8);
	x->starts_on = store_col_text(a, st, 9);
	x->created_by = db_col_int64(st, 10);
	x->created_at = store_col_text(a, st, 11);
	x->version = db_col_int64(st, 12);
	return x->owner_code && x->title && x->kinds && x->starts_on && x->created_at ? TT_OK : TT_ERR_NOMEM;
}

/* Writes the sections, counts and bodies of schedule id (after clearing
 * the old ones when replace). */
static tt_rc put_children(store *s, int64_t id, int replace, const st_section *sec, size_t nsec,
                          const st_count *cnt, size_t ncnt, const int64_t *org_ids, size_t norg)
{
	tt_rc rc = store_layout_put(s, STORE_LAYOUT_SCHEDULE, id, replace, sec, nsec, cnt, ncnt);
	db_stmt *st;
	if (!rc && replace) {
		if (!(st = store_prep(s, "DELETE FROM schedule_org WHERE schedule_id = ?1")))
			return TT_ERR_DB;
		db_bind_int64(st, 1, id);
		rc = store_step_done(s, st);
	}
	for (size_t i = 0; i < norg && !rc; i++) {
		if (!(st = store_prep(
		          s, "INSERT INTO schedule_org(schedule_id, pos, org_id) VALUES (?1, ?2, ?3)")))
			return TT_ERR_DB;
		db_bind_int64(st, 1, id);
		db_bind_int64(st, 2, (int64_t)i);
		db_bind_int64(st, 3, org_ids[i]);
		rc = store_step_done(s, st);
	}
	return rc;
}

static void bind_up_due_days(db_stmt *st, int i, int days)
{
	if (days > 0)
		db_bind_int64(st, i, days);
	else
		db_bind_null(st, i);
}

tt_rc store_schedule_add(store *s, const st_schedule *x, const st_section *sec, size_t nsec,
                         const st_count *cnt, size_t ncnt, const int64_t *org_ids, size_t norg, int64_t *id)
{
	char now[21];
	store_now(s, now);
	db_stmt *st = store_prep(s, "INSERT INTO schedule(owner_org_id, title, kinds, due_days, up_due_days, "
	                            "active, starts_on, created_by, created_at) VALUES (?1, ?2, ?3, ?4, "
	                            "CAST(?5 AS BIGINT), ?6, ?7, NULLIF(?8, 0), ?9) RETURNING id");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, x->owner_org_id);
	store_bind_text(st, 2, x->title);
	store_bind_text(st, 3, x->kinds);
	db_bind_int64(st, 4, x->due_days);
	bind_up_due_days(st, 5, x->up_due_days);
	db_bind_int64(st, 6, x->active ? 1 : 0);
	store_bind_text(st, 7, x->starts_on);
	db_bind_int64(st, 8, x->created_by);
	store_bind_text(st, 9, now);
	int64_t sid = 0;
	tt_rc rc = store_step_id(s, st, &sid);
	if (!rc)
		rc = put_children(s, sid, 0, sec, nsec, cnt, ncnt, org_ids, norg);
	if (!rc && id)
		*id = sid;
	return rc;
}

tt_rc store_schedule_update(store *s, const st_schedule *x, const st_section *sec, size_t nsec,
                            const st_count *cnt, size_t ncnt, const int64_t *org_ids, size_t norg)
{
	db_stmt *st = store_prep(s, "UPDATE schedule SET title = ?2, kinds = ?3, due_days = ?4, "
	                            "up_due_days = CAST(?5 AS BIGINT), active = ?6, version = version + 1 "
	                            "WHERE id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, x->id);
	store_bind_text(st, 2, x->title);
	store_bind_text(st, 3, x->kinds);
	db_bind_int64(st, 4, x->due_days);
	bind_up_due_days(st, 5, x->up_due_days);
	db_bind_int64(st, 6, x->active ? 1 : 0);
	tt_rc rc = store_step_done(s, st);
	if (!rc && store_changes(s) == 0)
		return TT_ERR_NOT_FOUND;
	return rc ? rc : put_children(s, x->id, 1, sec, nsec, cnt, ncnt, org_ids, norg);
}

tt_rc store_schedule_delete(store *s, int64_t id)
{
	static const char *const steps[] = {
	    "UPDATE round_schedule SET schedule_id = NULL WHERE schedule_id = ?1",
	    "DELETE FROM schedule_section WHERE schedule_id = ?1",
	    "DELETE FROM schedule_count WHERE schedule_id = ?1",
	    "DELETE FROM schedule_org WHERE schedule_id = ?1",
	    "DELETE FROM schedule WHERE id = ?1",
	};
	tt_rc rc = TT_OK;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0] && !rc; i++) {
		db_stmt *st = store_prep(s, steps[i]);
		if (!st)
			return TT_ERR_DB;
		db_bind_int64(st, 1, id);
		rc = store_step_done(s, st);
	}
	if (!rc && store_changes(s) == 0)
		return TT_ERR_NOT_FOUND;
	return rc;
}

tt_rc store_schedule_get(store *s, tt_arena *a, int64_t id, st_schedule *out)
{
	db_stmt *st = store_prep(s, "SELECT " SCHEDULE_COLS "WHERE x.id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	return store_collect_one(s, a, st, sizeof *out, schedule_row, out);
}

tt_rc store_schedule_list(store *s, tt_arena *a, int64_t within_id, int active_only, st_schedule **out,
                          size_t *n)
{
	db_stmt *st =
	    store_prep(s, "WITH RECURSIVE sub(id) AS (SELECT CAST(?1 AS BIGINT) UNION "
	                  "SELECT o.id FROM org o JOIN sub ON o.parent_id = sub.id) "
	                  "SELECT " SCHEDULE_COLS "WHERE (?1 = 0 OR x.owner_org_id IN (SELECT id FROM sub)) "
	                  "AND (?2 = 0 OR x.active = 1) ORDER BY x.id");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, within_id);
	db_bind_int64(st, 2, active_only ? 1 : 0);
	return store_collect(s, a, st, sizeof(st_schedule), schedule_row, (void **)out, n);
}

tt_rc store_schedule_sections(store *s, tt_arena *a, int64_t id, st_section **out, size_t *n)
{
	return store_layout_sections(s, a, STORE_LAYOUT_SCHEDULE, id, out, n);
}

tt_rc store_schedule_counts(store *s, tt_arena *a, int64_t id, st_count **out, size_t *n)
{
	return store_layout_counts(s, a, STORE_LAYOUT_SCHEDULE, id, out, n);
}

tt_rc store_schedule_orgs(store *s, tt_arena *a, int64_t id, st_org **out, size_t *n)
{
	db_stmt *st =
	    store_prep(s, "SELECT " STORE_ORG_COLS "FROM schedule_org x JOIN org o ON o.id = x.org_id "
	                  "LEFT JOIN org p ON p.id = o.parent_id WHERE x.schedule_id = ?1 ORDER BY x.pos");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	return store_collect(s, a, st, sizeof(st_org), store_org_row, (void **)out, n);
}

tt_rc store_round_schedule_add(store *s, int64_t round_id, int64_t schedule_id, const char *period_key,
                               const char *up_due)
{
	db_stmt *st = store_prep(s, "INSERT INTO round_schedule(round_id, schedule_id, period_key, up_due) "
	                            "VALUES (?1, ?2, ?3, ?4)");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, round_id);
	db_bind_int64(st, 2, schedule_id);
	store_bind_text(st, 3, period_key);
	store_bind_text(st, 4, up_due);
	return store_step_done(s, st);
}

tt_rc store_round_schedule_get(store *s, tt_arena *a, int64_t round_id, int64_t *schedule_id,
                               const char **period_key, const char **up_due)
{
	db_stmt *st =
	    store_prep(s, "SELECT schedule_id, period_key, up_due FROM round_schedule WHERE round_id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, round_id);
	int src = db_step(st);
	tt_rc rc = TT_OK;
	if (src == DB_ROW) {
		*schedule_id = db_col_int64(st, 0);
		*period_key = store_col_text(a, st, 1);
		*up_due = store_col_text(a, st, 2);
		if (!*period_key)
			rc = TT_ERR_NOMEM;
	} else
		rc = src == DB_DONE ? TT_ERR_NOT_FOUND : store_fail(s, src);
	store_done(st);
	return rc;
}

tt_rc store_schedule_round(store *s, int64_t schedule_id, const char *period_key, int64_t *round_id)
{
	db_stmt *st = store_prep(s, "SELECT COALESCE(round_id, -1) FROM round_schedule "
	                            "WHERE schedule_id = ?1 AND period_key = ?2");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, schedule_id);
	store_bind_text(st, 2, period_key);
	return store_step_int64(s, st, round_id);
}

static tt_rc schedule_round_row(tt_arena *a, db_stmt *st, void *out)
{
	st_schedule_round *x = out;
	x->round_id = db_col_int64(st, 0);
	x->period_key = store_col_text(a, st, 1);
	return x->period_key ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_schedule_rounds(store *s, tt_arena *a, int64_t schedule_id, st_schedule_round **out,
                            size_t *n)
{
	db_stmt *st = store_prep(s, "SELECT rs.round_id, rs.period_key FROM round_schedule rs "
	                            "JOIN round r ON r.id = rs.round_id WHERE rs.schedule_id = ?1 "
	                            "ORDER BY r.period_end, r.period_start, r.id");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, schedule_id);
	return store_collect(s, a, st, sizeof(st_schedule_round), schedule_round_row, (void **)out, n);
}

tt_rc store_round_find_period(store *s, int64_t owner_id, const char *start, const char *end,
                              int64_t *round_id)
{
	db_stmt *st = store_prep(s, "SELECT id FROM round WHERE owner_org_id = ?1 AND period_start = ?2 "
	                            "AND period_end = ?3 ORDER BY id DESC LIMIT 1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, owner_id);
	store_bind_text(st, 2, start);
	store_bind_text(st, 3, end);
	return store_step_int64(s, st, round_id);
}

tt_rc store_org_report_to_add(store *s, int64_t org_id, int64_t parent_id)
{
	db_stmt *st = store_prep(s, "INSERT INTO org_report_to(org_id, parent_id) VALUES (?1, ?2) "
	                            "ON CONFLICT (org_id, parent_id) DO NOTHING");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, org_id);
	db_bind_int64(st, 2, parent_id);
	return store_step_done(s, st);
}

tt_rc store_org_reaches(store *s, int64_t upper_id, int64_t org_id, int *yes)
{
	/* up: org_id and the bodies above it; tops: the bodies they report
	 * to, and the bodies above those. */
	db_stmt *st =
	    store_prep(s, "WITH RECURSIVE up(id) AS (SELECT CAST(?2 AS BIGINT) UNION "
	                  "SELECT o.parent_id FROM org o JOIN up ON o.id = up.id "
	                  "WHERE o.parent_id IS NOT NULL), "
	                  "tops(id) AS (SELECT l.parent_id FROM org_report_to l JOIN up ON l.org_id = up.id "
	                  "UNION SELECT o.parent_id FROM org o JOIN tops ON o.id = tops.id "
	                  "WHERE o.parent_id IS NOT NULL) "
	                  "SELECT EXISTS (SELECT 1 FROM tops WHERE id = ?1)");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, upper_id);
	db_bind_int64(st, 2, org_id);
	int64_t v = 0;
	tt_rc rc = store_step_int64(s, st, &v);
	if (!rc)
		*yes = (int)v;
	return rc;
}

tt_rc store_org_reporting(store *s, tt_arena *a, int64_t parent_id, const char *kind, const char *at,
                          st_org **out, size_t *n)
{
	db_stmt *st =
	    store_prep(s, "WITH RECURSIVE sub(id) AS (SELECT CAST(?1 AS BIGINT) UNION "
	                  "SELECT o.id FROM org o JOIN sub ON o.parent_id = sub.id) "
	                  "SELECT " STORE_ORG_COLS "FROM org o LEFT JOIN org p ON p.id = o.parent_id "
	                  "WHERE o.id IN (SELECT l.org_id FROM org_report_to l "
	                  "WHERE l.parent_id IN (SELECT id FROM sub)) "
	                  "AND (CAST(?2 AS TEXT) IS NULL OR o.kind = ?2) "
	                  "AND (o.valid_from IS NULL OR o.valid_from <= ?3) "
	                  "AND (o.valid_to IS NULL OR o.valid_to >= ?3) ORDER BY o.sort_key, o.id");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, parent_id);
	store_bind_text(st, 2, kind);
	store_bind_text(st, 3, at);
	return store_collect(s, a, st, sizeof(st_org), store_org_row, (void **)out, n);
}
