/* document.c - imported documents, their original files (as blobs) and
 * citations. Citation links are resolved when read, by folded symbol and date,
 * so a document imported later links the ones that cited it at once. */
#include <string.h>

#include "store/store_int.h"
#include "text/vn.h"

#define DOC_COLS                                                                                             \
	"d.id, d.sha256, d.filename, d.format, d.encoding, d.kind, d.symbol, d.symbol_key, d.number, "       \
	"d.issuer_code, d.place, d.date, d.year, d.title, d.size, d.imported_at, d.corrected_at "

/* The folded text that document search matches: number and symbol, title
 * and file name (see vn_search_key). */
static tt_rc doc_search_key(const st_document *d, tt_buf *out)
{
	tt_buf raw;
	buf_init(&raw, 0);
	tt_rc rc = buf_printf(&raw, "%s %s %s", d->symbol ? d->symbol : "", d->title ? d->title : "",
	                      d->filename ? d->filename : "");
	if (!rc)
		rc = vn_search_key(raw.data, raw.len, out);
	if (!rc && !out->data)
		rc = buf_add(out, "", 0);
	buf_free(&raw);
	return rc;
}

static tt_rc doc_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_document *d = elem;
	d->id = db_col_int64(st, 0);
	d->sha256 = store_col_text(a, st, 1);
	d->filename = store_col_text(a, st, 2);
	d->format = store_col_text(a, st, 3);
	d->encoding = store_col_text(a, st, 4);
	d->kind = store_col_text(a, st, 5);
	d->symbol = store_col_text(a, st, 6);
	d->symbol_key = store_col_text(a, st, 7);
	d->number = db_col_null(st, 8) ? -1 : db_col_int64(st, 8);
	d->issuer_code = store_col_text(a, st, 9);
	d->place = store_col_text(a, st, 10);
	d->date = store_col_text(a, st, 11);
	d->year = db_col_int(st, 12);
	d->title = store_col_text(a, st, 13);
	d->size = (size_t)db_col_int64(st, 14);
	d->imported_at = store_col_text(a, st, 15);
	d->corrected_at = store_col_text(a, st, 16);
	return d->sha256 && d->filename && d->kind ? TT_OK : TT_ERR_NOMEM;
}

static tt_rc doc_full_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_document *d = elem;
	tt_rc rc = doc_row(a, st, elem);
	d->text = store_col_text(a, st, 17);
	d->parsed = store_col_text(a, st, 18);
	return rc ? rc : d->text && d->parsed ? TT_OK : TT_ERR_NOMEM;
}

static void bind_number(db_stmt *st, int i, int64_t v)
{
	if (v < 0)
		db_bind_null(st, i);
	else
		db_bind_int64(st, i, v);
}

tt_rc store_document_by_hash(store *s, const char *sha256, int64_t *id)
{
	db_stmt *st = store_prep(s, "SELECT id FROM document WHERE sha256 = ?1");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, sha256);
	int src = db_step(st);
	tt_rc rc = TT_OK;
	if (src == DB_ROW)
		*id = db_col_int64(st, 0);
	else
		rc = src == DB_DONE ? TT_ERR_NOT_FOUND : store_fail(s, src);
	store_done(st);
	return rc;
}

tt_rc store_document_add(store *s, const st_document *d, int64_t original_blob_id, size_t original_len,
                         const st_citation *c, size_t nc, int64_t user_id, int64_t *id)
{
	char now[21];
	store_now(s, now);
	int64_t existing = 0;
	tt_rc rc = store_document_by_hash(s, d->sha256, &existing);
	if (rc == TT_OK) {
		if (id)
			*id = existing;
		return TT_ERR_CONFLICT;
	}
	if (rc != TT_ERR_NOT_FOUND)
		return rc;
	db_stmt *st;
	st = store_prep(
	    s, "INSERT INTO document(sha256, filename, format, encoding, kind, symbol, symbol_key, number, "
	       "issuer_code, place, date, year, title, text, parsed, original, original_blob_id, size, "
	       "imported_at, "
	       "imported_by, search_key) "
	       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, NULLIF(?12, 0), ?13, ?14, ?15, '', "
	       "NULLIF(?16, 0), ?17, "
	       "?18, NULLIF(?19, 0), ?20) RETURNING id");
	if (!st)
		return TT_ERR_DB;
	tt_buf key;
	buf_init(&key, 0);
	tt_rc krc = doc_search_key(d, &key);
	if (krc) {
		buf_free(&key);
		return krc;
	}
	store_bind_text(st, 20, key.data);
	buf_free(&key);
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
	db_bind_int64(st, 12, d->year);
	store_bind_text(st, 13, d->title);
	store_bind_text(st, 14, d->text);
	store_bind_text(st, 15, d->parsed);
	db_bind_int64(st, 16, original_blob_id);
	db_bind_int64(st, 17, (int64_t)original_len);
	store_bind_text(st, 18, now);
	db_bind_int64(st, 19, user_id);
	int64_t did = 0;
	rc = store_step_id(s, st, &did);
	if (rc == TT_ERR_CONFLICT) {
		/* Only the content hash is unique: another connection stored the
		 * same file since the look-up above (outside a write transaction). */
		if (store_document_by_hash(s, d->sha256, &existing) == TT_OK) {
			if (id)
				*id = existing;
			return TT_ERR_CONFLICT;
		}
		return TT_ERR_DB;
	}
	if (rc)
		return rc;
	for (size_t i = 0; i < nc && !rc; i++) {
		st = store_prep(
		    s,
		    "INSERT INTO document_citation(document_id, pos, kind, symbol, symbol_key, date, text) "
		    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
		if (!st)
			return TT_ERR_DB;
		db_bind_int64(st, 1, did);
		db_bind_int64(st, 2, (int)i);
		store_bind_text(st, 3, c[i].kind);
		store_bind_text(st, 4, c[i].symbol);
		store_bind_text(st, 5, c[i].symbol_key);
		store_bind_text(st, 6, c[i].date);
		store_bind_text(st, 7, c[i].text);
		rc = store_step_done(s, st);
	}
	if (!rc)
		rc = store_search_reindex(s, "document", did);
	if (!rc && id)
		*id = did;
	return rc;
}

tt_rc store_document_get(store *s, tt_arena *a, int64_t id, st_document *out)
{
	db_stmt *st = store_prep(s, "SELECT " DOC_COLS ", d.text, d.parsed FROM document d WHERE d.id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	return store_collect_one(s, a, st, sizeof *out, doc_full_row, out);
}

tt_rc store_document_original(store *s, int64_t id, int64_t *blob_id, int64_t *size)
{
	db_stmt *st =
	    store_prep(s, "SELECT b.id, b.size FROM document d JOIN blob b ON b.id = d.original_blob_id "
	                  "WHERE d.id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	return store_step_pair64(s, st, blob_id, size);
}

tt_rc store_document_find(store *s, tt_arena *a, const st_document_query *q, st_document **out, size_t *n)
{
	db_stmt *st = store_prep(
	    s, "SELECT " DOC_COLS "FROM document d WHERE (CAST(?1 AS TEXT) IS NULL OR d.kind = ?1) "
	       "AND (CAST(?2 AS TEXT) IS NULL OR d.issuer_code = ?2) AND (?3 = 0 OR d.year = ?3) "
	       "AND (CAST(?4 AS TEXT) IS NULL OR d.search_key LIKE ?4 ESCAPE '\\') "
	       "ORDER BY coalesce(d.date, d.year || '-00-00', '') DESC, d.id DESC LIMIT ?5 OFFSET ?6");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, q->kind);
	store_bind_text(st, 2, q->issuer_code);
	db_bind_int64(st, 3, q->year);
	tt_buf pat;
	buf_init(&pat, 0);
	if (q->q_key && *q->q_key && store_like_pattern(&pat, q->q_key)) {
		buf_free(&pat);
		return TT_ERR_NOMEM;
	}
	store_bind_text(st, 4, pat.data);
	buf_free(&pat);
	db_bind_int64(st, 5, q->limit > 0 ? q->limit : 100);
	db_bind_int64(st, 6, q->offset > 0 ? q->offset : 0);
	return store_collect(s, a, st, sizeof(st_document), doc_row, (void **)out, n);
}

tt_rc store_document_update(store *s, const st_document *d, const char *expect_corrected)
{
	char now[21];
	store_now(s, now);
	db_stmt *st =
	    store_prep(s, "UPDATE document SET kind = ?2, symbol = ?3, symbol_key = ?4, number = ?5, "
	                  "issuer_code = ?6, place = ?7, date = ?8, year = NULLIF(?9, 0), title = ?10, "
	                  "parsed = ?11, corrected_at = ?12, search_key = ?13 WHERE id = ?1 "
	                  "AND (CAST(?14 AS TEXT) IS NULL OR COALESCE(corrected_at, '') = ?14)");
	if (!st)
		return TT_ERR_DB;
	tt_buf key;
	buf_init(&key, 0);
	tt_rc krc = doc_search_key(d, &key);
	if (krc) {
		buf_free(&key);
		return krc;
	}
	store_bind_text(st, 13, key.data);
	buf_free(&key);
	db_bind_int64(st, 1, d->id);
	store_bind_text(st, 2, d->kind);
	store_bind_text(st, 3, d->symbol);
	store_bind_text(st, 4, d->symbol_key);
	bind_number(st, 5, d->number);
	store_bind_text(st, 6, d->issuer_code);
	store_bind_text(st, 7, d->place);
	store_bind_text(st, 8, d->date);
	db_bind_int64(st, 9, d->year);
	store_bind_text(st, 10, d->title);
	store_bind_text(st, 11, d->parsed);
	store_bind_text(st, 12, now);
	store_bind_text(st, 14, expect_corrected);
	tt_rc rc = store_step_done(s, st);
	if (!rc && store_changes(s) == 0)
		rc = expect_corrected ? TT_ERR_PRECONDITION : TT_ERR_NOT_FOUND;
	if (!rc)
		rc = store_search_reindex(s, "document", d->id);
	return rc;
}

static tt_rc citation_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_citation *c = elem;
	c->kind = store_col_text(a, st, 0);
	c->symbol = store_col_text(a, st, 1);
	c->symbol_key = store_col_text(a, st, 2);
	c->date = store_col_text(a, st, 3);
	c->text = store_col_text(a, st, 4);
	c->target_id = db_col_int64(st, 5);
	c->target_title = store_col_text(a, st, 6);
	c->cited_count = db_col_int(st, 7);
	return c->symbol && c->symbol_key ? TT_OK : TT_ERR_NOMEM;
}

/* The target of a citation: same folded symbol; when both dates are known
 * they must agree (symbols repeat across years for official letters). */
#define CITATION_TARGET                                                                                      \
	"(SELECT t.id FROM document t WHERE t.symbol_key = c.symbol_key "                                    \
	"AND (c.date IS NULL OR t.date IS NULL OR t.date = c.date) ORDER BY t.id LIMIT 1)"

/* A document's citations of one cited document, taken together: a symbol
 * named again without its date ("Kế hoạch số 215/KH-UBND nêu trên") is the
 * same citation as the dated one in the same document. Rows: document_id,
 * pos, kind, symbol, symbol_key, text and date (the effective one). */
#define CITATION_ROWS(where)                                                                                 \
	"(SELECT c0.document_id, c0.pos, c0.kind, c0.symbol, c0.symbol_key, c0.text, "                     \
	"coalesce(c0.date, (SELECT max(c1.date) FROM document_citation c1 "                                  \
	"WHERE c1.document_id = c0.document_id AND c1.symbol_key = c0.symbol_key)) AS date "                 \
	"FROM document_citation c0 " where ")"

/* One row per cited document of document ?1, in the order of first
 * mention, with how often it is named. */
#define CITATION_GROUPS                                                                                      \
	"(SELECT min(r.pos) AS pos, min(r.kind) AS kind, min(r.symbol) AS symbol, r.symbol_key, "            \
	"r.date, min(r.text) AS text, count(*) AS n FROM " CITATION_ROWS("WHERE c0.document_id = ?1")        \
	" r GROUP BY r.symbol_key, r.date)"

tt_rc store_document_citation_count(store *s, int64_t id, int64_t *n)
{
	db_stmt *st = store_prep(s, "SELECT count(*) FROM " CITATION_GROUPS " g");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	int src = db_step(st);
	tt_rc rc = src == DB_ROW ? TT_OK : store_fail(s, src);
	if (!rc)
		*n = db_col_int64(st, 0);
	store_done(st);
	return rc;
}

tt_rc store_document_citations(store *s, tt_arena *a, int64_t id, int limit, int offset, st_citation **out,
                               size_t *n)
{
	db_stmt *st = store_prep(
	    s, "SELECT c.kind, c.symbol, c.symbol_key, c.date, c.text, "
	       "coalesce(" CITATION_TARGET ", 0), "
	       "(SELECT t.title FROM document t WHERE t.id = " CITATION_TARGET "), c.n "
	       "FROM " CITATION_GROUPS " c ORDER BY c.pos LIMIT ?2 OFFSET ?3");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, limit > 0 ? limit : 1000);
	db_bind_int64(st, 3, offset > 0 ? offset : 0);
	return store_collect(s, a, st, sizeof(st_citation), citation_row, (void **)out, n);
}

tt_rc store_document_cited_by(store *s, tt_arena *a, int64_t id, st_document **out, size_t *n)
{
	db_stmt *st =
	    store_prep(s, "SELECT " DOC_COLS "FROM document d WHERE d.id IN ("
	                  "SELECT c.document_id FROM document_citation c, document t "
	                  "WHERE t.id = ?1 AND c.symbol_key = t.symbol_key AND c.document_id <> t.id "
	                  "AND (c.date IS NULL OR t.date IS NULL OR t.date = c.date)) "
	                  "ORDER BY coalesce(d.date, '') DESC, d.id DESC");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	return store_collect(s, a, st, sizeof(st_document), doc_row, (void **)out, n);
}

tt_rc store_document_missing(store *s, tt_arena *a, int limit, st_citation **out, size_t *n)
{
	db_stmt *st = store_prep(
	    s, "SELECT min(c.kind), min(c.symbol), c.symbol_key, c.date, min(c.text), 0, NULL, "
	       "count(DISTINCT c.document_id) FROM " CITATION_ROWS("") " c WHERE NOT EXISTS (SELECT 1 "
	       "FROM document t WHERE t.symbol_key = c.symbol_key) "
	       "GROUP BY c.symbol_key, c.date ORDER BY count(DISTINCT c.document_id) DESC, min(c.symbol) "
	       "LIMIT ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, limit > 0 ? limit : 100);
	return store_collect(s, a, st, sizeof(st_citation), citation_row, (void **)out, n);
}
