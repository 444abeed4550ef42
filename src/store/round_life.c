/* round_life.c - what changes a round after it is made: edits of its title,
 * due date, layout and bodies, closing and reopening, deletion, approval of
 * reports and each report's timeline. Every change that depends on a state
 * names that state in its WHERE clause, so of two racing requests only one
 * applies. */
#include <stdint.h>
#include <string.h>

#include "store/store_int.h"

tt_rc store_report_event_add(store *s, int64_t report_id, int64_t user_id, const char *kind, const char *day,
                             const char *note)
{
	char now[21];
	store_now(s, now);
	db_stmt *st;
	tt_rc rc;
	if (!strcmp(kind, "saved")) {
		/* Fold into the latest entry when it is a save by the same user
		 * on the same day. */
		st = store_prep(s, "UPDATE report_event SET at = ?2, n = n + 1 WHERE id = "
		                   "(SELECT max(id) FROM report_event WHERE report_id = ?1) "
		                   "AND kind = 'saved' AND day = ?3 AND coalesce(user_id, 0) = ?4");
		if (!st)
			return TT_ERR_DB;
		db_bind_int64(st, 1, report_id);
		store_bind_text(st, 2, now);
		store_bind_text(st, 3, day);
		db_bind_int64(st, 4, user_id);
		if ((rc = store_step_done(s, st)))
			return rc;
		if (store_changes(s) > 0)
			return TT_OK;
	}
	st = store_prep(s, "INSERT INTO report_event(report_id, at, day, user_id, kind, note) "
	                   "VALUES (?1, ?2, ?3, NULLIF(?4, 0), ?5, ?6)");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, report_id);
	store_bind_text(st, 2, now);
	store_bind_text(st, 3, day);
	db_bind_int64(st, 4, user_id);
	store_bind_text(st, 5, kind);
	store_bind_text(st, 6, note);
	return store_step_done(s, st);
}

tt_rc store_round_event_add(store *s, int64_t round_id, int64_t user_id, const char *kind, const char *day,
                            const char *note)
{
	char now[21];
	store_now(s, now);
	db_stmt *st = store_prep(s, "INSERT INTO report_event(report_id, at, day, user_id, kind, note) "
	                            "SELECT id, ?2, ?3, NULLIF(?4, 0), ?5, ?6 FROM report "
	                            "WHERE round_id = ?1 AND approved_at IS NULL ORDER BY id");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, round_id);
	store_bind_text(st, 2, now);
	store_bind_text(st, 3, day);
	db_bind_int64(st, 4, user_id);
	store_bind_text(st, 5, kind);
	store_bind_text(st, 6, note);
	return store_step_done(s, st);
}

static tt_rc event_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_report_event *e = elem;
	e->id = db_col_int64(st, 0);
	e->at = store_col_text(a, st, 1);
	e->kind = store_col_text(a, st, 2);
	e->note = store_col_text(a, st, 3);
	e->login = store_col_text(a, st, 4);
	e->user_name = store_col_text(a, st, 5);
	e->n = db_col_int(st, 6);
	return e->at && e->kind ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_report_events(store *s, tt_arena *a, int64_t report_id, st_report_event **out, size_t *n)
{
	db_stmt *st =
	    store_prep(s, "SELECT e.id, e.at, e.kind, e.note, u.login, u.name, e.n FROM report_event e "
	                  "LEFT JOIN account u ON u.id = e.user_id WHERE e.report_id = ?1 "
	                  "ORDER BY e.id LIMIT 1000");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, report_id);
	return store_collect(s, a, st, sizeof(st_report_event), event_row, (void **)out, n);
}

tt_rc store_report_approve(store *s, int64_t report_id, int approve, int64_t user_id)
{
	char now[21];
	store_now(s, now);
	db_stmt *st =
	    approve ? store_prep(s, "UPDATE report SET approved_at = ?2, approved_by = NULLIF(?3, 0), "
	                            "updated_at = ?2, updated_by = NULLIF(?3, 0), version = version + 1 "
	                            "WHERE id = ?1 AND status = 'submitted' AND approved_at IS NULL")
	            : store_prep(s, "UPDATE report SET approved_at = NULL, approved_by = NULL, "
	                            "updated_at = ?2, updated_by = NULLIF(?3, 0), version = version + 1 "
	                            "WHERE id = ?1 AND status = 'submitted' AND approved_at IS NOT NULL");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, report_id);
	store_bind_text(st, 2, now);
	db_bind_int64(st, 3, user_id);
	tt_rc rc = store_step_done(s, st);
	if (!rc && store_changes(s) == 0)
		rc = TT_ERR_CONFLICT;
	return rc;
}

tt_rc store_report_set_due(store *s, int64_t report_id, const char *due)
{
	db_stmt *st = store_prep(s, "UPDATE report SET due = ?2 WHERE id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, report_id);
	store_bind_text(st, 2, due);
	return store_step_done(s, st);
}

tt_rc store_round_set_closed(store *s, int64_t round_id, int close)
{
	char now[21];
	store_now(s, now);
	db_stmt *st =
	    close
	        ? store_prep(s, "UPDATE round SET closed_at = ?2 WHERE id = ?1 AND closed_at IS NULL")
	        : store_prep(s, "UPDATE round SET closed_at = NULL WHERE id = ?1 AND closed_at IS NOT NULL");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, round_id);
	if (close)
		store_bind_text(st, 2, now);
	tt_rc rc = store_step_done(s, st);
	if (!rc && store_changes(s) == 0)
		rc = TT_ERR_CONFLICT;
	return rc;
}

tt_rc store_round_update(store *s, int64_t round_id, const char *title, const char *due)
{
	db_stmt *st = store_prep(s, "UPDATE round SET title = ?2, due = ?3 WHERE id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, round_id);
	store_bind_text(st, 2, title);
	store_bind_text(st, 3, due);
	return store_step_done(s, st);
}

tt_rc store_round_set_layout(store *s, int64_t round_id, const st_section *sec, size_t nsec,
                             const st_count *cnt, size_t ncnt)
{
	tt_rc rc = store_layout_put(s, STORE_LAYOUT_ROUND, round_id, 1, sec, nsec, cnt, ncnt);
	static const char *const orphans[] = {
	    "DELETE FROM report_text WHERE report_id IN (SELECT id FROM report WHERE round_id = ?1) "
	    "AND section_key NOT IN (SELECT key FROM round_section WHERE round_id = ?1)",
	    "DELETE FROM report_value WHERE report_id IN (SELECT id FROM report WHERE round_id = ?1) "
	    "AND count_key NOT IN (SELECT key FROM round_count WHERE round_id = ?1)",
	    "DELETE FROM report_note WHERE report_id IN (SELECT id FROM report WHERE round_id = ?1) "
	    "AND count_key NOT IN (SELECT key FROM round_count WHERE round_id = ?1)",
	};
	for (size_t i = 0; i < sizeof orphans / sizeof orphans[0] && !rc; i++) {
		db_stmt *st = store_prep(s, orphans[i]);
		if (!st)
			return TT_ERR_DB;
		db_bind_int64(st, 1, round_id);
		rc = store_step_done(s, st);
	}
	return rc;
}

tt_rc store_round_add_org(store *s, int64_t round_id, int64_t org_id)
{
	db_stmt *st = store_prep(s, "INSERT INTO report(round_id, org_id, status) VALUES (?1, ?2, 'draft') "
	                            "ON CONFLICT(round_id, org_id) DO NOTHING");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, round_id);
	db_bind_int64(st, 2, org_id);
	return store_step_done(s, st);
}


tt_rc store_round_remove_org(store *s, int64_t round_id, int64_t org_id)
{
	db_stmt *st =
	    store_prep(s, "DELETE FROM report WHERE round_id = ?1 AND org_id = ?2 AND status = 'draft'");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, round_id);
	db_bind_int64(st, 2, org_id);
	tt_rc rc = store_step_done(s, st);
	if (!rc && store_changes(s) == 0)
		rc = TT_ERR_CONFLICT;
	return rc ? rc : store_search_drop_gone_reports(s, round_id);
}

tt_rc store_round_sent(store *s, int64_t round_id, int *n)
{
	int all = 0;
	db_stmt *st =
	    store_prep(s, "SELECT count(*), coalesce(sum(CASE WHEN status <> 'draft' THEN 1 ELSE 0 END), 0) "
	                  "FROM report WHERE round_id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, round_id);
	return store_step_pair(s, st, &all, n);
}

tt_rc store_round_delete(store *s, int64_t round_id)
{
	db_stmt *st = store_prep(s, "DELETE FROM round WHERE id = ?1 AND NOT EXISTS "
	                            "(SELECT 1 FROM report WHERE round_id = ?1 AND status <> 'draft')");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, round_id);
	tt_rc rc = store_step_done(s, st);
	if (!rc && store_changes(s) == 0)
		rc = TT_ERR_CONFLICT;
	return rc ? rc : store_search_drop_gone_reports(s, round_id);
}
