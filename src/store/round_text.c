/* round_text.c - the consolidated text of a round as its coordinator
 * edited it (table round_text), with the version each save checks. */
#include <stdint.h>
#include <string.h>

#include "store/store_int.h"

static tt_rc text_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_round_text *t = elem;
	t->key = store_col_text(a, st, 0);
	t->text = store_col_text(a, st, 1);
	t->version = db_col_int64(st, 2);
	t->updated_at = store_col_text(a, st, 3);
	return t->key && t->text ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_round_text_list(store *s, tt_arena *a, int64_t round_id, st_round_text **out, size_t *n)
{
	db_stmt *st = store_prep(s, "SELECT section_key, text, version, updated_at FROM round_text "
	                            "WHERE round_id = ?1 ORDER BY section_key");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, round_id);
	return store_collect(s, a, st, sizeof(st_round_text), text_row, (void **)out, n);
}

tt_rc store_round_text_put(store *s, int64_t round_id, const char *key, const char *text,
                           int64_t expect_version, int64_t user_id)
{
	char now[21];
	store_now(s, now);
	db_stmt *st;
	if (!expect_version)
		st = store_prep(s, "INSERT INTO round_text(round_id, section_key, text, version, updated_at, "
		                   "updated_by) VALUES (?1, ?2, ?3, 1, ?4, NULLIF(?5, 0)) "
		                   "ON CONFLICT(round_id, section_key) DO NOTHING");
	else
		st = store_prep(s, "UPDATE round_text SET text = ?3, version = version + 1, updated_at = ?4, "
		                   "updated_by = NULLIF(?5, 0) WHERE round_id = ?1 AND section_key = ?2 "
		                   "AND version = ?6");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, round_id);
	store_bind_text(st, 2, key);
	store_bind_text(st, 3, text);
	store_bind_text(st, 4, now);
	db_bind_int64(st, 5, user_id);
	if (expect_version)
		db_bind_int64(st, 6, expect_version);
	tt_rc rc = store_step_done(s, st);
	if (!rc && store_changes(s) == 0)
		rc = TT_ERR_CONFLICT;
	return rc;
}
