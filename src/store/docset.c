/* docset.c - the export settings of official documents, one row per body
 * (doc_settings). */
#include "store/store_int.h"

static tt_rc settings_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_doc_settings *d = elem;
	d->org_id = db_col_int64(st, 0);
	d->place = store_col_text(a, st, 1);
	d->authority = store_col_text(a, st, 2);
	d->signer_title = store_col_text(a, st, 3);
	d->signer_name = store_col_text(a, st, 4);
	d->recipients = store_col_text(a, st, 5);
	d->updated_at = store_col_text(a, st, 6);
	return d->place && d->authority && d->signer_title && d->signer_name && d->recipients ? TT_OK
	                                                                                      : TT_ERR_NOMEM;
}

tt_rc store_doc_settings_get(store *s, tt_arena *a, int64_t org_id, st_doc_settings *out)
{
	db_stmt *st = store_prep(s, "SELECT org_id, place, authority, signer_title, signer_name, recipients, "
	                            "updated_at FROM doc_settings WHERE org_id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, org_id);
	return store_collect_one(s, a, st, sizeof *out, settings_row, out);
}

tt_rc store_doc_settings_put(store *s, const st_doc_settings *d)
{
	char now[21];
	store_now(s, now);
	db_stmt *st =
	    store_prep(s, "INSERT INTO doc_settings(org_id, place, authority, signer_title, "
	                  "signer_name, recipients, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
	                  "ON CONFLICT(org_id) DO UPDATE SET place = excluded.place, "
	                  "authority = excluded.authority, signer_title = excluded.signer_title, "
	                  "signer_name = excluded.signer_name, recipients = excluded.recipients, "
	                  "updated_at = excluded.updated_at");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, d->org_id);
	store_bind_text(st, 2, d->place ? d->place : "");
	store_bind_text(st, 3, d->authority ? d->authority : "");
	store_bind_text(st, 4, d->signer_title ? d->signer_title : "");
	store_bind_text(st, 5, d->signer_name ? d->signer_name : "");
	store_bind_text(st, 6, d->recipients ? d->recipients : "");
	store_bind_text(st, 7, now);
	return store_step_done(s, st);
}
