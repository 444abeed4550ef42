/* layout.c - the sections and counts of a round or of a schedule, which
 * keep the same rows in tables of their own. */
#include "store/store_int.h"

static const struct {
	const char *clear_sec, *clear_cnt, *put_sec, *put_cnt, *get_sec, *get_cnt;
} layout_sql[] = {
    [STORE_LAYOUT_ROUND] =
        {
            "DELETE FROM round_section WHERE round_id = ?1",
            "DELETE FROM round_count WHERE round_id = ?1",
            "INSERT INTO round_section(round_id, pos, key, heading) VALUES (?1, ?2, ?3, ?4)",
            "INSERT INTO round_count(round_id, pos, key, name, unit, type, indicator) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            "SELECT key, heading FROM round_section WHERE round_id = ?1 ORDER BY pos",
            "SELECT key, name, unit, type, indicator FROM round_count WHERE round_id = ?1 "
            "ORDER BY pos",
        },
    [STORE_LAYOUT_SCHEDULE] =
        {
            "DELETE FROM schedule_section WHERE schedule_id = ?1",
            "DELETE FROM schedule_count WHERE schedule_id = ?1",
            "INSERT INTO schedule_section(schedule_id, pos, key, heading) VALUES (?1, ?2, ?3, ?4)",
            "INSERT INTO schedule_count(schedule_id, pos, key, name, unit, type, indicator) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            "SELECT key, heading FROM schedule_section WHERE schedule_id = ?1 ORDER BY pos",
            "SELECT key, name, unit, type, indicator FROM schedule_count WHERE schedule_id = ?1 "
            "ORDER BY pos",
        },
};

static tt_rc run_with_id(store *s, const char *sql, int64_t id)
{
	db_stmt *st = store_prep(s, sql);
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	return store_step_done(s, st);
}

tt_rc store_layout_put(store *s, store_layout_of of, int64_t id, int replace, const st_section *sec,
                       size_t nsec, const st_count *cnt, size_t ncnt)
{
	tt_rc rc = TT_OK;
	db_stmt *st;
	if (replace) {
		if ((rc = run_with_id(s, layout_sql[of].clear_sec, id)) ||
		    (rc = run_with_id(s, layout_sql[of].clear_cnt, id)))
			return rc;
	}
	for (size_t i = 0; i < nsec && !rc; i++) {
		if (!(st = store_prep(s, layout_sql[of].put_sec)))
			return TT_ERR_DB;
		db_bind_int64(st, 1, id);
		db_bind_int64(st, 2, (int64_t)i);
		store_bind_text(st, 3, sec[i].key);
		store_bind_text(st, 4, sec[i].heading);
		rc = store_step_done(s, st);
	}
	for (size_t i = 0; i < ncnt && !rc; i++) {
		if (!(st = store_prep(s, layout_sql[of].put_cnt)))
			return TT_ERR_DB;
		db_bind_int64(st, 1, id);
		db_bind_int64(st, 2, (int64_t)i);
		store_bind_text(st, 3, cnt[i].key);
		store_bind_text(st, 4, cnt[i].name);
		store_bind_text(st, 5, cnt[i].unit ? cnt[i].unit : "");
		store_bind_text(st, 6, cnt[i].type ? cnt[i].type : "integer");
		store_bind_text(st, 7, cnt[i].indicator);
		rc = store_step_done(s, st);
	}
	return rc;
}

static tt_rc section_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_section *x = elem;
	x->key = store_col_text(a, st, 0);
	x->heading = store_col_text(a, st, 1);
	return x->key && x->heading ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_layout_sections(store *s, tt_arena *a, store_layout_of of, int64_t id, st_section **out,
                            size_t *n)
{
	db_stmt *st = store_prep(s, layout_sql[of].get_sec);
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	return store_collect(s, a, st, sizeof(st_section), section_row, (void **)out, n);
}

static tt_rc count_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_count *x = elem;
	x->key = store_col_text(a, st, 0);
	x->name = store_col_text(a, st, 1);
	x->unit = store_col_text(a, st, 2);
	x->type = store_col_text(a, st, 3);
	x->indicator = store_col_text(a, st, 4); /* NULL: none */
	return x->key && x->name && x->unit && x->type ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_layout_counts(store *s, tt_arena *a, store_layout_of of, int64_t id, st_count **out, size_t *n)
{
	db_stmt *st = store_prep(s, layout_sql[of].get_cnt);
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	return store_collect(s, a, st, sizeof(st_count), count_row, (void **)out, n);
}
