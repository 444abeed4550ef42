/* copy.c - moving a deployment from one database to another (SQLite to
 * PostgreSQL, or back): every table, row by row in id order, inside one
 * write transaction on the target, then the row counts of both sides.
 *
 * The tables are listed here with their columns and types, parents before
 * children, so the copy works through the store interface of both engines
 * without knowing either one's catalogue. A table added by a migration gets
 * a line here; test_copy fails when a table is missing from the list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

typedef struct {
	const char *table;
	const char *columns; /* as written in SQL */
	const char *types;   /* one letter per column: i integer, r real, t text, b blob */
	const char *order;   /* ORDER BY, so ids arrive in order */
	int has_id;          /* an identity column "id" to advance after the copy */
} copy_table;

static const copy_table tables[] = {
    {"setting", "key, value", "tt", "key", 0},
    {"org", "id, code, name, kind, parent_id, valid_from, valid_to, search_key, sort_key", "itttitttt", "id",
     1},
    {"org_alias", "org_id, alias", "it", "org_id, alias", 0},
    {"org_successor", "pred_id, succ_id", "ii", "pred_id, succ_id", 0},
    {"account", "id, login, name, pwhash, org_id, role, disabled, created_at, email", "itttititt", "id", 1},
    {"session", "token_hash, user_id, csrf, created_at, expires_at",
     "titt"
     "t",
     "token_hash", 0},
    {"login_attempt", "id, ip, login, at, ok", "ittti", "id", 1},
    {"audit", "id, at, user_id, login, action, entity, entity_id, before, after",
     "itittt"
     "ttt",
     "id", 1},
    {"round", "id, title, period_start, period_end, due, owner_org_id, created_by, created_at, closed_at",
     "ittttiitt", "id", 1},
    {"round_section", "round_id, pos, key, heading", "iitt", "round_id, pos", 0},
    {"round_count", "round_id, pos, key, name, unit, type, indicator", "iittttt", "round_id, pos", 0},
    {"report",
     "id, round_id, org_id, status, submitted_at, return_comment, updated_at, updated_by, version, due, "
     "approved_at, approved_by",
     "iiittttiitti", "id", 1},
    {"report_text", "report_id, section_key, text", "itt", "report_id, section_key", 0},
    {"report_value", "report_id, count_key, value", "itr", "report_id, count_key", 0},
    {"report_note", "report_id, count_key, note", "itt", "report_id, count_key", 0},
    {"reminder_sent", "report_id, kind, sent_at", "itt", "report_id, kind", 0},
    {"report_event", "id, report_id, at, day, user_id, kind, note, n", "iittitti", "id", 1},
    {"blob", "id, size, sha256, created_at", "iitt", "id", 1},
    {"blob_chunk", "blob_id, seq, data", "iib", "blob_id, seq", 0},
    {"document",
     "id, sha256, filename, format, encoding, kind, symbol, symbol_key, number, issuer_code, place, date, "
     "year, title, text, parsed, original, original_blob_id, size, imported_at, imported_by, corrected_at, "
     "search_key",
     "ittttttti"
     "ttt"
     "i"
     "ttt"
     "b"
     "i"
     "i"
     "t"
     "i"
     "tt",
     "id", 1},
    {"document_citation", "document_id, pos, kind, symbol, symbol_key, date, text", "iittttt",
     "document_id, pos", 0},
    {"job",
     "id, kind, state, user_id, filename, size, data, progress, attempts, outcome, document_id, error_code, "
     "message, created_at, started_at, finished_at, worker_pid, heartbeat_at, data_blob_id",
     "ittitibiitittttt"
     "iti",
     "id", 1},
    {"plan",
     "id, owner_org_id, title, period_start, period_end, document_id, state, created_by, created_at, version",
     "iitttititi", "id", 1},
    {"plan_group", "id, plan_id, pos, label, heading", "iiitt", "id", 1},
    {"plan_task",
     "id, plan_id, group_id, pos, label, text, tf_kind, tf_start, tf_end, tf_text, expected_output, notes, "
     "version",
     "iiiitttttttti", "id", 1},
    {"plan_task_body", "id, task_id, role, pos, text, org_id, grp", "iititii", "id", 1},
    {"plan_progress", "id, task_id, org_id, state, done_on, note, at, user_id, evidence_activity_id, evidence_document_id",
     "iiittttiii", "id", 1},
    {"round_plan", "round_id, plan_id", "ii", "round_id", 0},
    {"activity",
     "id, org_id, type, title, start_on, end_on, place, description, people, plan_task_id, in_plan, fields, "
     "recorded_by, recorded_at, updated_at, version",
     "iitttttti"
     "iit"
     "itti",
     "id", 1},
    {"activity_country", "activity_id, code", "it", "activity_id, code", 0},
    {"activity_number", "activity_id, key, value", "itr", "activity_id, key", 0},
    {"activity_attachment", "id, activity_id, blob_id, filename, content_type, size, added_by, added_at",
     "iiittiit", "id", 1},
    {"doc_settings", "org_id, place, authority, signer_title, signer_name, recipients, updated_at", "itttttt",
     "org_id", 0},
    {"round_text", "round_id, section_key, text, version, updated_at, updated_by", "ittiti", "round_id, section_key",
     0},
    /* schedules, their rounds and the reporting hierarchy (021) */
    {"org_report_to", "org_id, parent_id", "ii", "org_id, parent_id", 0},
    {"schedule",
     "id, owner_org_id, title, kinds, due_days, up_due_days, active, starts_on, created_by, created_at, version",
     "iittiiititi", "id", 1},
    {"schedule_section", "schedule_id, pos, key, heading", "iitt", "schedule_id, pos", 0},
    {"schedule_count", "schedule_id, pos, key, name, unit, type, indicator", "iittttt", "schedule_id, pos", 0},
    {"schedule_org", "schedule_id, pos, org_id", "iii", "schedule_id, pos", 0},
    {"round_schedule", "round_id, schedule_id, period_key, up_due", "iitt", "round_id, schedule_id, period_key",
     0},
    /* calendar feed */
    {"calendar_token", "user_id, token_hash, nonce, created_at", "ittt", "user_id", 0},
};

#define NTABLES (sizeof tables / sizeof tables[0])

/* Search: derived from the tables above, so rebuilt on the target
 * (store_search_rebuild) in the copy's transaction rather than copied. */
static const char *const derived[] = {"search_doc",           "search_fts",         "search_fts_data",
                                      "search_fts_idx",       "search_fts_docsize", "search_fts_config",
                                      "search_exact",         "search_exact_data",  "search_exact_idx",
                                      "search_exact_docsize", "search_exact_config"};

size_t store_copy_derived(const char ***names)
{
	*names = (const char **)derived;
	return sizeof derived / sizeof derived[0];
}

size_t store_copy_tables(const char ***names)
{
	static const char *list[NTABLES];
	for (size_t i = 0; i < NTABLES; i++)
		list[i] = tables[i].table;
	*names = list;
	return NTABLES;
}

static tt_rc count_rows(store *s, const char *table, int64_t *n)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	db_stmt *st = s->eng->prepare(s, sql);
	if (!st)
		return store_fail(s, DB_ERROR);
	int src = db_step(st);
	tt_rc rc = src == DB_ROW ? TT_OK : store_fail(s, src);
	if (!rc)
		*n = db_col_int64(st, 0);
	s->eng->finalize(st);
	return rc;
}

/* Copies one table; both statements are built from the list above, so no
 * outside text reaches the SQL. */
static tt_rc copy_one(store *from, store *to, const copy_table *t, store_copy_progress cb, void *arg)
{
	char sel[1024], ins[1024], marks[256] = "";
	size_t ncol = strlen(t->types), k = 0, commas = 0;
	for (const char *p = t->columns; *p; p++)
		commas += *p == ',';
	if (commas + 1 != ncol) {
		snprintf(to->err, sizeof to->err, "copy list of %s: %zu columns, %zu types", t->table,
		         commas + 1, ncol);
		return TT_ERR_INVALID;
	}
	for (size_t i = 0; i < ncol; i++)
		k += (size_t)snprintf(marks + k, sizeof marks - k, "%s?%zu", i ? ", " : "", i + 1);
	snprintf(sel, sizeof sel, "SELECT %s FROM %s ORDER BY %s", t->columns, t->table, t->order);
	snprintf(ins, sizeof ins, "INSERT INTO %s(%s) VALUES (%s)", t->table, t->columns, marks);
	db_stmt *r = from->eng->prepare(from, sel);
	if (!r)
		return store_fail(from, DB_ERROR);
	db_stmt *w = to->eng->prepare(to, ins);
	if (!w) {
		from->eng->finalize(r);
		return store_fail(to, DB_ERROR);
	}
	tt_rc rc = TT_OK;
	int src;
	int64_t done = 0;
	while (!rc && (src = db_step(r)) == DB_ROW) {
		for (size_t i = 0; i < ncol; i++) {
			int c = (int)i, p = (int)i + 1;
			if (db_col_null(r, c)) {
				db_bind_null(w, p);
				continue;
			}
			switch (t->types[i]) {
			case 'i': db_bind_int64(w, p, db_col_int64(r, c)); break;
			case 'r': db_bind_double(w, p, db_col_double(r, c)); break;
			case 'b': {
				size_t len = 0;
				const void *b = db_col_blob(r, c, &len);
				db_bind_blob(w, p, b, len);
				break;
			}
			default: {
				size_t len = 0;
				const char *v = from->eng->col_text(r, c, &len);
				store_bind_text(w, p, v);
			}
			}
		}
		int ws = db_step(w);
		to->eng->reset(w);
		if (ws != DB_DONE)
			rc = store_fail(to, ws);
		else if (cb && ++done % 1000 == 0)
			cb(arg, t->table, done);
	}
	if (!rc && src != DB_DONE)
		rc = store_fail(from, src);
	from->eng->finalize(r);
	to->eng->finalize(w);
	if (!rc && t->has_id && to->eng->identity_sync)
		rc = to->eng->identity_sync(to, t->table);
	return rc;
}

/* Blob chunks go one per statement: a single SELECT of them all would make
 * libpq hold every original of a PostgreSQL source in memory at once. Only
 * the keys are listed first (16 bytes a chunk). */
static tt_rc copy_blob_chunks(store *from, store *to, store_copy_progress cb, void *arg)
{
	typedef struct {
		int64_t blob_id, seq;
	} key;
	key *keys = NULL;
	size_t n = 0, cap = 0;
	unsigned char *buf = malloc(STORE_BLOB_CHUNK);
	tt_rc rc = buf ? TT_OK : TT_ERR_NOMEM;
	db_stmt *r =
	    rc ? NULL : from->eng->prepare(from, "SELECT blob_id, seq FROM blob_chunk ORDER BY blob_id, seq");
	int src = DB_DONE;
	if (!rc && !r)
		rc = store_fail(from, DB_ERROR);
	while (!rc && (src = db_step(r)) == DB_ROW) {
		if (n == cap) {
			key *k = realloc(keys, (cap = cap ? cap * 2 : 1024) * sizeof *k);
			if (!k) {
				rc = TT_ERR_NOMEM;
				break;
			}
			keys = k;
		}
		keys[n].blob_id = db_col_int64(r, 0);
		keys[n].seq = db_col_int64(r, 1);
		n++;
	}
	if (!rc && src != DB_DONE)
		rc = store_fail(from, src);
	if (r)
		from->eng->finalize(r);
	db_stmt *w =
	    rc ? NULL
	       : to->eng->prepare(to, "INSERT INTO blob_chunk(blob_id, seq, data) VALUES (?1, ?2, ?3)");
	if (!rc && !w)
		rc = store_fail(to, DB_ERROR);
	for (size_t i = 0; !rc && i < n; i++) {
		size_t len = 0;
		if ((rc = store_blob_read(from, keys[i].blob_id, keys[i].seq, buf, STORE_BLOB_CHUNK, &len)))
			break;
		db_bind_int64(w, 1, keys[i].blob_id);
		db_bind_int64(w, 2, keys[i].seq);
		db_bind_blob(w, 3, buf, len);
		int ws = db_step(w);
		to->eng->reset(w);
		if (ws != DB_DONE)
			rc = store_fail(to, ws);
		else if (cb && (i + 1) % 1000 == 0)
			cb(arg, "blob_chunk", (int64_t)i + 1);
	}
	if (w)
		to->eng->finalize(w);
	free(keys);
	free(buf);
	return rc;
}

tt_rc store_copy(store *from, store *to, store_copy_count *counts, store_copy_progress cb, void *arg)
{
	tt_rc rc;
	for (size_t i = 0; i < NTABLES; i++) {
		int64_t n = 0;
		if ((rc = count_rows(to, tables[i].table, &n)))
			return rc;
		/* The target's own settings (e.g. a fresh install's) may exist. */
		if (n && strcmp(tables[i].table, "setting")) {
			snprintf(to->err, sizeof to->err, "the target already holds rows in %s",
			         tables[i].table);
			return TT_ERR_CONFLICT;
		}
	}
	if ((rc = store_read_begin(from)))
		return rc;
	if ((rc = store_begin(to))) {
		store_read_end(from);
		return rc;
	}
	if ((rc = store_exec(to, "DELETE FROM setting")))
		goto out;
	for (size_t i = 0; !rc && i < NTABLES; i++)
		rc = !strcmp(tables[i].table, "blob_chunk") ? copy_blob_chunks(from, to, cb, arg)
		                                            : copy_one(from, to, &tables[i], cb, arg);
	for (size_t i = 0; !rc && i < NTABLES; i++) {
		counts[i].table = tables[i].table;
		if (!(rc = count_rows(from, tables[i].table, &counts[i].from)))
			rc = count_rows(to, tables[i].table, &counts[i].to);
	}
	if (!rc)
		for (size_t i = 0; i < NTABLES; i++)
			if (counts[i].from != counts[i].to) {
				snprintf(to->err, sizeof to->err, "%s: %lld rows read, %lld written",
				         counts[i].table, (long long)counts[i].from, (long long)counts[i].to);
				rc = TT_ERR_DB;
				break;
			}
	if (!rc)
		rc = store_search_rebuild(to);
	if (!rc)
		rc = store_commit(to);
out:
	if (rc)
		store_rollback(to);
	store_read_end(from);
	return rc;
}
