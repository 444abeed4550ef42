/* remind.c - what reminders by e-mail read and claim: the reports not yet
 * submitted, the addresses of their bodies' reporters, and the row that
 * says a reminder went out (its unique key decides between two runs). */
#include "store/store_int.h"

tt_rc store_remind_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_remind_report *r = elem;
	r->report_id = db_col_int64(st, 0);
	r->round_id = db_col_int64(st, 1);
	r->org_id = db_col_int64(st, 2);
	r->org_code = store_col_text(a, st, 3);
	r->org_name = store_col_text(a, st, 4);
	r->title = store_col_text(a, st, 5);
	r->period_start = store_col_text(a, st, 6);
	r->period_end = store_col_text(a, st, 7);
	r->due = store_col_text(a, st, 8);
	return r->org_code && r->title && r->due && r->period_start && r->period_end ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_remind_reports(store *s, tt_arena *a, int64_t round_id, st_remind_report **out, size_t *n)
{
	db_stmt *st =
	    store_prep(s, "SELECT p.id, p.round_id, p.org_id, o.code, o.name, r.title, r.period_start, "
	                  "r.period_end, CASE WHEN p.due > r.due THEN p.due ELSE r.due END FROM report p JOIN round r ON r.id = p.round_id "
	                  "JOIN org o ON o.id = p.org_id "
	                  "WHERE p.status <> 'submitted' AND r.closed_at IS NULL "
	                  "AND (CAST(?1 AS BIGINT) = 0 OR p.round_id = ?1) "
	                  "ORDER BY p.round_id, o.sort_key, p.id");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, round_id);
	return store_collect(s, a, st, sizeof(st_remind_report), store_remind_row, (void **)out, n);
}

static tt_rc email_row(tt_arena *a, db_stmt *st, void *elem)
{
	const char **e = elem;
	*e = store_col_text(a, st, 0);
	return *e ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_remind_emails(store *s, tt_arena *a, int64_t org_id, const char ***out, size_t *n)
{
	db_stmt *st =
	    store_prep(s, "SELECT DISTINCT email FROM account WHERE org_id = ?1 AND role = 'reporter' "
	                  "AND disabled = 0 AND email IS NOT NULL AND email <> '' ORDER BY email");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, org_id);
	return store_collect(s, a, st, sizeof(const char *), email_row, (void **)out, n);
}

tt_rc store_remind_claim(store *s, int64_t report_id, const char *kind, const char *sent_at,
                         const char *again_before, int *claimed)
{
	db_stmt *st = store_prep(s, "INSERT INTO reminder_sent(report_id, kind, sent_at) VALUES (?1, ?2, ?3) "
	                            "ON CONFLICT(report_id, kind) DO UPDATE SET sent_at = excluded.sent_at "
	                            "WHERE reminder_sent.sent_at < CAST(?4 AS TEXT)");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, report_id);
	store_bind_text(st, 2, kind);
	store_bind_text(st, 3, sent_at);
	if (again_before)
		store_bind_text(st, 4, again_before);
	else
		db_bind_null(st, 4);
	tt_rc rc = store_step_done(s, st);
	*claimed = !rc && store_changes(s) > 0;
	return rc;
}
