/* user.c - accounts, sessions, login attempts and the audit trail in SQLite. */
#include <string.h>

#include "store/store_int.h"

#define USER_COLS                                                                                            \
	"u.id, u.login, u.name, u.pwhash, u.role, u.org_id, o.code, o.name, u.disabled, u.created_at, u.email "       \
	"FROM account u JOIN org o ON o.id = u.org_id "

static tt_rc user_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_user *u = elem;
	u->id = db_col_int64(st, 0);
	u->login = store_col_text(a, st, 1);
	u->name = store_col_text(a, st, 2);
	u->pwhash = store_col_text(a, st, 3);
	u->role = store_col_text(a, st, 4);
	u->org_id = db_col_int64(st, 5);
	u->org_code = store_col_text(a, st, 6);
	u->org_name = store_col_text(a, st, 7);
	u->disabled = db_col_int(st, 8);
	u->created_at = store_col_text(a, st, 9);
	u->email = db_col_null(st, 10) ? NULL : store_col_text(a, st, 10);
	return u->login && u->pwhash && u->role && u->org_code ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_user_add(store *s, const st_user *u, int64_t *id)
{
	char now[21];
	store_now(s, now);
	db_stmt *st = store_prep(s, "INSERT INTO account(login, name, pwhash, org_id, role, created_at, email) "
	                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, CAST(?7 AS TEXT)) RETURNING id");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, u->login);
	store_bind_text(st, 2, u->name ? u->name : "");
	store_bind_text(st, 3, u->pwhash);
	db_bind_int64(st, 4, u->org_id);
	store_bind_text(st, 5, u->role);
	store_bind_text(st, 6, now);
	if (u->email && *u->email)
		store_bind_text(st, 7, u->email);
	else
		db_bind_null(st, 7);
	return store_step_id(s, st, id);
}

tt_rc store_user_by_login(store *s, tt_arena *a, const char *login, st_user *out)
{
	db_stmt *st = store_prep(s, "SELECT " USER_COLS "WHERE u.login = ?1");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, login);
	return store_collect_one(s, a, st, sizeof *out, user_row, out);
}

tt_rc store_user_get(store *s, tt_arena *a, int64_t id, st_user *out)
{
	db_stmt *st = store_prep(s, "SELECT " USER_COLS "WHERE u.id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	return store_collect_one(s, a, st, sizeof *out, user_row, out);
}

tt_rc store_user_list(store *s, tt_arena *a, st_user **out, size_t *n)
{
	db_stmt *st = store_prep(s, "SELECT " USER_COLS "ORDER BY o.sort_key, u.login");
	if (!st)
		return TT_ERR_DB;
	return store_collect(s, a, st, sizeof(st_user), user_row, (void **)out, n);
}

tt_rc store_user_admins(store *s, tt_arena *a, int limit, st_user **out, size_t *n)
{
	db_stmt *st = store_prep(s, "SELECT " USER_COLS "WHERE u.role = 'admin' AND u.disabled = 0 "
	                            "ORDER BY o.sort_key, u.name, u.login LIMIT ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, limit > 0 ? limit : 50);
	return store_collect(s, a, st, sizeof(st_user), user_row, (void **)out, n);
}

tt_rc store_user_set_password(store *s, int64_t id, const char *pwhash)
{
	db_stmt *st = store_prep(s, "UPDATE account SET pwhash = ?2 WHERE id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	store_bind_text(st, 2, pwhash);
	tt_rc rc = store_step_done(s, st);
	if (!rc && store_changes(s) == 0)
		rc = TT_ERR_NOT_FOUND;
	return rc;
}

tt_rc store_user_set_role(store *s, int64_t id, const char *role, int disabled)
{
	db_stmt *st = store_prep(s, "UPDATE account SET role = ?2, disabled = ?3 WHERE id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	store_bind_text(st, 2, role);
	db_bind_int64(st, 3, disabled);
	tt_rc rc = store_step_done(s, st);
	if (!rc && store_changes(s) == 0)
		rc = TT_ERR_NOT_FOUND;
	return rc;
}

tt_rc store_user_set_email(store *s, int64_t id, const char *email)
{
	db_stmt *st = store_prep(s, "UPDATE account SET email = CAST(?2 AS TEXT) WHERE id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	if (email && *email)
		store_bind_text(st, 2, email);
	else
		db_bind_null(st, 2);
	tt_rc rc = store_step_done(s, st);
	if (!rc && store_changes(s) == 0)
		rc = TT_ERR_NOT_FOUND;
	return rc;
}

tt_rc store_session_add(store *s, const char *token_hash, int64_t user_id, const char *csrf,
                        const char *expires_at)
{
	char now[21];
	store_now(s, now);
	db_stmt *st = store_prep(s, "INSERT INTO session(token_hash, user_id, csrf, created_at, expires_at) "
	                            "VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, token_hash);
	db_bind_int64(st, 2, user_id);
	store_bind_text(st, 3, csrf);
	store_bind_text(st, 4, now);
	store_bind_text(st, 5, expires_at);
	return store_step_done(s, st);
}

typedef struct {
	st_user user;
	const char *csrf;
} session_row_t;

static tt_rc session_row(tt_arena *a, db_stmt *st, void *elem)
{
	session_row_t *r = elem;
	tt_rc rc = user_row(a, st, &r->user);
	r->csrf = store_col_text(a, st, 11);
	return rc ? rc : r->csrf ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_session_get(store *s, tt_arena *a, const char *token_hash, st_user *user, const char **csrf)
{
	char now[21];
	store_now(s, now);
	db_stmt *st = store_prep(
	    s, "SELECT u.id, u.login, u.name, u.pwhash, u.role, u.org_id, o.code, o.name, u.disabled, "
	       "u.created_at, u.email, s.csrf FROM session s JOIN account u ON u.id = s.user_id "
	       "JOIN org o ON o.id = u.org_id "
	       "WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND u.disabled = 0");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, token_hash);
	store_bind_text(st, 2, now);
	session_row_t r;
	tt_rc rc = store_collect_one(s, a, st, sizeof r, session_row, &r);
	if (!rc) {
		*user = r.user;
		*csrf = r.csrf;
	}
	return rc;
}

tt_rc store_session_delete(store *s, const char *token_hash)
{
	db_stmt *st = store_prep(s, "DELETE FROM session WHERE token_hash = ?1");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, token_hash);
	return store_step_done(s, st);
}

tt_rc store_session_delete_user(store *s, int64_t user_id, const char *keep_hash)
{
	db_stmt *st = store_prep(
	    s, "DELETE FROM session WHERE user_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR token_hash <> ?2)");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, user_id);
	store_bind_text(st, 2, keep_hash);
	return store_step_done(s, st);
}

tt_rc store_login_attempt_add(store *s, const char *ip, const char *login, int ok, int64_t *id)
{
	char now[21];
	store_now(s, now);
	db_stmt *st = store_prep(
	    s, "INSERT INTO login_attempt(ip, login, at, ok) VALUES (?1, ?2, ?3, ?4) RETURNING id");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, ip);
	store_bind_text(st, 2, login);
	store_bind_text(st, 3, now);
	db_bind_int64(st, 4, ok);
	return store_step_id(s, st, id);
}

tt_rc store_login_attempt_succeeded(store *s, int64_t id)
{
	db_stmt *st = store_prep(s, "UPDATE login_attempt SET ok = 1 WHERE id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	return store_step_done(s, st);
}

tt_rc store_login_attempt_prune(store *s, const char *before)
{
	db_stmt *st = store_prep(s, "DELETE FROM login_attempt WHERE at < ?1");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, before);
	return store_step_done(s, st);
}

tt_rc store_login_failures(store *s, const char *ip, const char *login, const char *since, int *pair,
                           int *total)
{
	/* pair: failures of this login from this address after its last
	 * success from there; total: failures from this address, any login. */
	db_stmt *st = store_prep(
	    s, "SELECT (SELECT count(*) FROM login_attempt WHERE ip = ?1 AND login = ?2 AND at >= ?3 "
	       "          AND ok = 0 AND id > coalesce((SELECT max(id) FROM login_attempt "
	       "          WHERE ip = ?1 AND login = ?2 AND ok = 1), 0)), "
	       "(SELECT count(*) FROM login_attempt WHERE ip = ?1 AND at >= ?3 AND ok = 0)");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, ip);
	store_bind_text(st, 2, login);
	store_bind_text(st, 3, since);
	return store_step_pair(s, st, pair, total);
}

tt_rc store_audit_add(store *s, const st_audit *e)
{
	char now[21];
	store_now(s, now);
	db_stmt *st =
	    store_prep(s, "INSERT INTO audit(at, user_id, login, action, entity, entity_id, before, after) "
	                  "VALUES (?1, NULLIF(?2, 0), ?3, ?4, ?5, ?6, ?7, ?8)");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, now);
	db_bind_int64(st, 2, e->user_id);
	store_bind_text(st, 3, e->login);
	store_bind_text(st, 4, e->action);
	store_bind_text(st, 5, e->entity);
	store_bind_text(st, 6, e->entity_id);
	store_bind_text(st, 7, e->before);
	store_bind_text(st, 8, e->after);
	return store_step_done(s, st);
}

static tt_rc audit_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_audit *e = elem;
	e->id = db_col_int64(st, 0);
	e->at = store_col_text(a, st, 1);
	e->user_id = db_col_int64(st, 2);
	e->login = store_col_text(a, st, 3);
	e->action = store_col_text(a, st, 4);
	e->entity = store_col_text(a, st, 5);
	e->entity_id = store_col_text(a, st, 6);
	e->before = store_col_text(a, st, 7);
	e->after = store_col_text(a, st, 8);
	return e->at && e->action ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_audit_list(store *s, tt_arena *a, int limit, int offset, st_audit **out, size_t *n)
{
	db_stmt *st = store_prep(s, "SELECT id, at, user_id, login, action, entity, entity_id, before, after "
	                            "FROM audit ORDER BY id DESC LIMIT ?1 OFFSET ?2");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, limit > 0 ? limit : 100);
	db_bind_int64(st, 2, offset > 0 ? offset : 0);
	return store_collect(s, a, st, sizeof(st_audit), audit_row, (void **)out, n);
}
