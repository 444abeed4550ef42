/* document.c - imported documents, their original files and citations in
 * SQLite. Citation links are resolved when read, by folded symbol and date,
 * so a document imported later links the ones that cited it at once. */
#include <string.h>

#include "store/store_int.h"

#define DOC_COLS                                                                                             \
	"d.id, d.sha256, d.filename, d.format, d.encoding, d.kind, d.symbol, d.symbol_key, d.number, "       \
	"d.issuer_code, d.place, d.date, d.year, d.title, d.size, d.imported_at, d.corrected_at "

static tt_rc doc_row(tt_arena *a, sqlite3_stmt *st, void *elem)
{
	st_document *d = elem;
	d->id = sqlite3_column_int64(st, 0);
	d->sha256 = store_col_text(a, st, 1);
	d->filename = store_col_text(a, st, 2);
	d->format = store_col_text(a, st, 3);
	d->encoding = store_col_text(a, st, 4);
	d->kind = store_col_text(a, st, 5);
	d->symbol = store_col_text(a, st, 6);
	d->symbol_key = store_col_text(a, st, 7);
	d->number = sqlite3_column_type(st, 8) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 8);
	d->issuer_code = store_col_text(a, st, 9);
	d->place = store_col_text(a, st, 10);
	d->date = store_col_text(a, st, 11);
	d->year = sqlite3_column_int(st, 12);
	d->title = store_col_text(a, st, 13);
	d->size = (size_t)sqlite3_column_int64(st, 14);
	d->imported_at = store_col_text(a, st, 15);
	d->corrected_at = store_col_text(a, st, 16);
	return d->sha256 && d->filename && d->kind ? TT_OK : TT_ERR_NOMEM;
}

static tt_rc doc_full_row(tt_arena *a, sqlite3_stmt *st, void *elem)
{
	st_document *d = elem;
	tt_rc rc = doc_row(a, st, elem);
	d->text = store_col_text(a, st, 17);
	d->parsed = store_col_text(a, st, 18);
	return rc ? rc : d->text && d->parsed ? TT_OK : TT_ERR_NOMEM;
}

static void bind_number(sqlite3_stmt *st, int i, int64_t v)
{
	if (v < 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

/* The id of the stored document with this content hash: TT_OK with *id,
 * TT_ERR_NOT_FOUND, or an engine error. */
static tt_rc find_by_hash(store *s, const char *sha256, int64_t *id)
{
	sqlite3_stmt *st = store_prep(s, "SELECT id FROM document WHERE sha256 = ?1");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, sha256);
	int src = sqlite3_step(st);
	tt_rc rc = TT_OK;
	if (src == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else
		rc = src == SQLITE_DONE ? TT_ERR_NOT_FOUND : store_fail(s, src);
	store_done(st);
	return rc;
}

tt_rc store_document_add(store *s, const st_document *d, const void *original, size_t original_len,
                         const st_citation *c, size_t nc, int64_t user_id, int64_t *id)
{
	char now[21];
	store_now(now);
	int64_t existing = 0;
	tt_rc rc = find_by_hash(s, d->sha256, &existing);
	if (rc == TT_OK) {
		if (id)
			*id = existing;
		return TT_ERR_CONFLICT;
	}
	if (rc != TT_ERR_NOT_FOUND)
		return rc;
	sqlite3_stmt *st;
	st = store_prep(
	    s,
	    "INSERT INTO document(sha256, filename, format, encoding, kind, symbol, symbol_key, number, "
	    "issuer_code, place, date, year, title, text, parsed, original, size, imported_at, imported_by) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, NULLIF(?12, 0), ?13, ?14, ?15, ?16, ?17, "
	    "?18, NULLIF(?19, 0))");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, d->sha256);
	store_bind_text(st, 2, d->filename);
	store_bind_text(st, 3, d->format);
	store_bind_text(st, 4, d->encoding);
	store_bind_text(st, 5, d->kind);
	store_bind_text(st, 6, d->symbol);
	store_bind_text(st, 7, d->symbol_key);
	bind_number(st, 8, d->number);
	store_bind_text(st, 9, d->issuer_code);
	store_bind_text(st, 10, d->place);
	store_bind_text(st, 11, d->date);
	sqlite3_bind_int(st, 12, d->year);
	store_bind_text(st, 13, d->title);
	store_bind_text(st, 14, d->text);
	store_bind_text(st, 15, d->parsed);
	sqlite3_bind_blob64(st, 16, original, original_len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 17, (sqlite3_int64)original_len);
	store_bind_text(st, 18, now);
	sqlite3_bind_int64(st, 19, user_id);
	rc = store_step_done(s, st);
	if (rc == TT_ERR_CONFLICT) {
		/* Only the content hash is unique: another connection stored the
		 * same file since the look-up above (outside a write transaction). */
		if (find_by_hash(s, d->sha256, &existing) == TT_OK) {
			if (id)
				*id = existing;
			return TT_ERR_CONFLICT;
		}
		return TT_ERR_DB;
	}
	if (rc)
		return rc;
	int64_t did = sqlite3_last_insert_rowid(s->db);
	for (size_t i = 0; i < nc && !rc; i++) {
		st = store_prep(
		    s,
		    "INSERT INTO document_citation(document_id, pos, kind, symbol, symbol_key, date, text) "
		    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
		if (!st)
			return TT_ERR_DB;
		sqlite3_bind_int64(st, 1, did);
		sqlite3_bind_int(st, 2, (int)i);
		store_bind_text(st, 3, c[i].kind);
		store_bind_text(st, 4, c[i].symbol);
		store_bind_text(st, 5, c[i].symbol_key);
		store_bind_text(st, 6, c[i].date);
		store_bind_text(st, 7, c[i].text);
		rc = store_step_done(s, st);
	}
	if (!rc && id)
		*id = did;
	return rc;
}

tt_rc store_document_get(store *s, tt_arena *a, int64_t id, st_document *out)
{
	sqlite3_stmt *st =
	    store_prep(s, "SELECT " DOC_COLS ", d.text, d.parsed FROM document d WHERE d.id = ?1");
	if (!st)
		return TT_ERR_DB;
	sqlite3_bind_int64(st, 1, id);
	return store_collect_one(s, a, st, sizeof *out, doc_full_row, out);
}

tt_rc store_document_original(store *s, tt_arena *a, int64_t id, const void **data, size_t *len)
{
	sqlite3_stmt *st = store_prep(s, "SELECT original FROM document WHERE id = ?1");
	if (!st)
		return TT_ERR_DB;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	tt_rc rc = TT_OK;
	if (src == SQLITE_ROW) {
		size_t n = (size_t)sqlite3_column_bytes(st, 0);
		void *p = arena_alloc(a, n ? n : 1);
		if (!p)
			rc = TT_ERR_NOMEM;
		else {
			if (n)
				memcpy(p, sqlite3_column_blob(st, 0), n);
			*data = p;
			*len = n;
		}
	} else
		rc = src == SQLITE_DONE ? TT_ERR_NOT_FOUND : store_fail(s, src);
	store_done(st);
	return rc;
}

tt_rc store_document_find(store *s, tt_arena *a, const st_document_query *q, st_document **out, size_t *n)
{
	/* q_key is literal text: the LIKE wildcards % and _ and the escape
	 * character in it are escaped, so "%" finds only keys containing "%". */
	sqlite3_stmt *st = store_prep(
	    s, "SELECT " DOC_COLS "FROM document d WHERE (?1 IS NULL OR d.kind = ?1) "
	       "AND (?2 IS NULL OR d.issuer_code = ?2) AND (?3 = 0 OR d.year = ?3) "
	       "AND (?4 IS NULL OR vn_key(coalesce(d.symbol, '') || ' ' || coalesce(d.title, '') || ' ' || "
	       "d.filename) "
	       "LIKE '%' || replace(replace(replace(?4, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%' "
	       "ESCAPE '\\') "
	       "ORDER BY coalesce(d.date, d.year || '-00-00', '') DESC, d.id DESC LIMIT ?5 OFFSET ?6");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, q->kind);
	store_bind_text(st, 2, q->issuer_code);
	sqlite3_bind_int(st, 3, q->year);
	store_bind_text(st, 4, q->q_key && *q->q_key ? q->q_key : NULL);
	sqlite3_bind_int(st, 5, q->limit > 0 ? q->limit : 100);
	sqlite3_bind_int(st, 6, q->offset > 0 ? q->offset : 0);
	return store_collect(s, a, st, sizeof(st_document), doc_row, (void **)out, n);
}

tt_rc store_document_update(store *s, const st_document *d)
{
	char now[21];
	store_now(now);
	sqlite3_stmt *st =
	    store_prep(s, "UPDATE document SET kind = ?2, symbol = ?3, symbol_key = ?4, number = ?5, "
	                  "issuer_code = ?6, place = ?7, date = ?8, year = NULLIF(?9, 0), title = ?10, "
	                  "parsed = ?11, corrected_at = ?12 WHERE id = ?1");
	if (!st)
		return TT_ERR_DB;
	sqlite3_bind_int64(st, 1, d->id);
	store_bind_text(st, 2, d->kind);
	store_bind_text(st, 3, d->symbol);
	store_bind_text(st, 4, d->symbol_key);
	bind_number(st, 5, d->number);
	store_bind_text(st, 6, d->issuer_code);
	store_bind_text(st, 7, d->place);
	store_bind_text(st, 8, d->date);
	sqlite3_bind_int(st, 9, d->year);
	store_bind_text(st, 10, d->title);
	store_bind_text(st, 11, d->parsed);
	store_bind_text(st, 12, now);
	tt_rc rc = store_step_done(s, st);
	if (!rc && sqlite3_changes(s->db) == 0)
		rc = TT_ERR_NOT_FOUND;
	return rc;
}

static tt_rc citation_row(tt_arena *a, sqlite3_stmt *st, void *elem)
{
	st_citation *c = elem;
	c->kind = store_col_text(a, st, 0);
	c->symbol = store_col_text(a, st, 1);
	c->symbol_key = store_col_text(a, st, 2);
	c->date = store_col_text(a, st, 3);
	c->text = store_col_text(a, st, 4);
	c->target_id = sqlite3_column_int64(st, 5);
	c->target_title = store_col_text(a, st, 6);
	c->cited_count = sqlite3_column_int(st, 7);
	return c->symbol && c->symbol_key ? TT_OK : TT_ERR_NOMEM;
}

/* The target of a citation: same folded symbol; when both dates are known
 * they must agree (symbols repeat across years for official letters). */
#define CITATION_TARGET                                                                                      \
	"(SELECT t.id FROM document t WHERE t.symbol_key = c.symbol_key "                                    \
	"AND (c.date IS NULL OR t.date IS NULL OR t.date = c.date) ORDER BY t.id LIMIT 1)"

tt_rc store_document_citations(store *s, tt_arena *a, int64_t id, st_citation **out, size_t *n)
{
	sqlite3_stmt *st =
	    store_prep(s, "SELECT c.kind, c.symbol, c.symbol_key, c.date, c.text, "
	                  "coalesce(" CITATION_TARGET ", 0), "
	                  "(SELECT t.title FROM document t WHERE t.id = " CITATION_TARGET "), 0 "
	                  "FROM document_citation c WHERE c.document_id = ?1 ORDER BY c.pos");
	if (!st)
		return TT_ERR_DB;
	sqlite3_bind_int64(st, 1, id);
	return store_collect(s, a, st, sizeof(st_citation), citation_row, (void **)out, n);
}

tt_rc store_document_cited_by(store *s, tt_arena *a, int64_t id, st_document **out, size_t *n)
{
	sqlite3_stmt *st =
	    store_prep(s, "SELECT " DOC_COLS "FROM document d WHERE d.id IN ("
	                  "SELECT c.document_id FROM document_citation c, document t "
	                  "WHERE t.id = ?1 AND c.symbol_key = t.symbol_key AND c.document_id <> t.id "
	                  "AND (c.date IS NULL OR t.date IS NULL OR t.date = c.date)) "
	                  "ORDER BY coalesce(d.date, '') DESC, d.id DESC");
	if (!st)
		return TT_ERR_DB;
	sqlite3_bind_int64(st, 1, id);
	return store_collect(s, a, st, sizeof(st_document), doc_row, (void **)out, n);
}

tt_rc store_document_missing(store *s, tt_arena *a, int limit, st_citation **out, size_t *n)
{
	sqlite3_stmt *st =
	    store_prep(s, "SELECT c.kind, c.symbol, c.symbol_key, c.date, min(c.text), 0, NULL, count(*) "
	                  "FROM document_citation c WHERE NOT EXISTS (SELECT 1 FROM document t "
	                  "WHERE t.symbol_key = c.symbol_key) "
	                  "GROUP BY c.symbol_key, c.date ORDER BY count(*) DESC, c.symbol LIMIT ?1");
	if (!st)
		return TT_ERR_DB;
	sqlite3_bind_int(st, 1, limit > 0 ? limit : 100);
	return store_collect(s, a, st, sizeof(st_citation), citation_row, (void **)out, n);
}
