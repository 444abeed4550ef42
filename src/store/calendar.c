/* calendar.c - what the calendar feed keeps and reads: each user's feed
 * token as a hash (calendar_token), the user a hash belongs to, and the
 * reports a body has yet to submit. */
#include "store/store_int.h"

tt_rc store_calendar_set(store *s, int64_t user_id, const char *token_hash, const char *nonce)
{
	char now[21];
	store_now(s, now);
	db_stmt *st = store_prep(s, "INSERT INTO calendar_token(user_id, token_hash, nonce, created_at) "
	                            "VALUES (?1, ?2, ?3, ?4) "
	                            "ON CONFLICT(user_id) DO UPDATE SET token_hash = excluded.token_hash, "
	                            "nonce = excluded.nonce, created_at = excluded.created_at");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, user_id);
	store_bind_text(st, 2, token_hash);
	store_bind_text(st, 3, nonce);
	store_bind_text(st, 4, now);
	return store_step_done(s, st);
}

typedef struct {
	const char *created_at, *nonce;
} created_row_t;

static tt_rc created_row(tt_arena *a, db_stmt *st, void *elem)
{
	created_row_t *c = elem;
	c->created_at = store_col_text(a, st, 0);
	c->nonce = store_col_text(a, st, 1);
	return c->created_at && c->nonce ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_calendar_created(store *s, tt_arena *a, int64_t user_id, const char **created_at,
                             const char **nonce)
{
	db_stmt *st = store_prep(s, "SELECT created_at, nonce FROM calendar_token WHERE user_id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, user_id);
	created_row_t c;
	tt_rc rc = store_collect_one(s, a, st, sizeof c, created_row, &c);
	if (!rc) {
		*created_at = c.created_at;
		*nonce = c.nonce;
	}
	return rc;
}

typedef struct {
	int64_t user_id;
	const char *hash;
} owner_row_t;

static tt_rc owner_row(tt_arena *a, db_stmt *st, void *elem)
{
	owner_row_t *o = elem;
	o->user_id = db_col_int64(st, 0);
	o->hash = store_col_text(a, st, 1);
	return o->hash ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_calendar_owner(store *s, tt_arena *a, const char *token_hash, int64_t *user_id,
                           const char **stored_hash)
{
	db_stmt *st = store_prep(s, "SELECT c.user_id, c.token_hash FROM calendar_token c "
	                            "JOIN account u ON u.id = c.user_id "
	                            "WHERE c.token_hash = ?1 AND u.disabled = 0");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, token_hash);
	owner_row_t o;
	tt_rc rc = store_collect_one(s, a, st, sizeof o, owner_row, &o);
	if (!rc) {
		*user_id = o.user_id;
		*stored_hash = o.hash;
	}
	return rc;
}

tt_rc store_calendar_reports(store *s, tt_arena *a, int64_t org_id, st_remind_report **out, size_t *n)
{
	db_stmt *st =
	    store_prep(s, "SELECT p.id, p.round_id, p.org_id, o.code, o.name, r.title, r.period_start, "
	                  "r.period_end, r.due FROM report p JOIN round r ON r.id = p.round_id "
	                  "JOIN org o ON o.id = p.org_id "
	                  "WHERE p.org_id = ?1 AND p.status <> 'submitted' ORDER BY r.due, p.round_id");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, org_id);
	return store_collect(s, a, st, sizeof(st_remind_report), store_remind_row, (void **)out, n);
}
