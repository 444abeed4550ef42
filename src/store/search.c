/* search.c - the search index: one search_doc row per document, report,
 * activity, plan task and body, rewritten by the store's own write paths
 * in their transaction (store_search_reindex), and the search over it.
 *
 * The row is the same on both engines (its text kept compressed, for
 * snippets); each engine indexes it its own way: SQLite through the
 * contentless FTS5 tables search_fts (syllables, common pairs, symbols)
 * and search_exact (words as written, no positions) with the tokenizer
 * ttdn_vn, written here beside the row; PostgreSQL through the tsv column
 * written here from search_tsvector, under GIN. Only the MATCH clause differs, so the query
 * is written twice below; who may read what is the same SQL on both. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "store/store_int.h"
#include "text/search.h"

typedef st_search_row search_row;

static int is_pg(store *s)
{
	return s->eng == &db_pg_engine;
}

static void bind_id(db_stmt *st, int i, int64_t v)
{
	if (v > 0)
		db_bind_int64(st, i, v);
	else
		db_bind_null(st, i);
}

/* The text of a row is searched up to this many bytes (some 400 pages):
 * an enormous document (hundreds of thousands of citations) would hold
 * the write lock for its whole index. */
#define SEARCH_BODY_MAX ((size_t)1 << 20)

/* ---- the text as search_doc keeps it: zlib ---- */

/* text[0..n) deflated into *z (malloc'd, the caller frees it). */
static tt_rc text_deflate(const char *text, size_t n, unsigned char **z, size_t *zn)
{
	uLongf cap = compressBound((uLong)n);
	unsigned char *p = malloc(cap);
	if (!p)
		return TT_ERR_NOMEM;
	if (compress2(p, &cap, (const Bytef *)text, (uLong)n, Z_DEFAULT_COMPRESSION) != Z_OK) {
		free(p);
		return TT_ERR_NOMEM;
	}
	*z = p;
	*zn = cap;
	return TT_OK;
}

/* The stored text inflated into a (NUL-terminated), or NULL when z does
 * not inflate to len bytes (or memory ran out). */
static const char *text_inflate(tt_arena *a, const void *z, size_t zn, int64_t len)
{
	if (len < 0 || (uint64_t)len > SEARCH_BODY_MAX)
		return NULL;
	char *t = arena_alloc(a, (size_t)len + 1);
	if (!t)
		return NULL;
	uLongf out = (uLongf)len;
	if (len > 0 && (!z || uncompress((Bytef *)t, &out, z, (uLong)zn) != Z_OK || out != (uLongf)len))
		return NULL;
	t[len] = '\0';
	return t;
}

/* ---- SQLite's FTS5 tables, kept by hand (contentless: FTS5 keeps no
 * text, so taking a row out needs the very text it was given) ---- */

/* Adds a row to both tables, or with del takes it out. */
static tt_rc fts_put(store *s, int del, int64_t id, const char *title, const char *body)
{
	static const char *const sql[2][2] = {
	    {"INSERT INTO search_fts(rowid, body, title) VALUES (?1, ?2, ?3)",
	     "INSERT INTO search_exact(rowid, body, title) VALUES (?1, ?2, ?3)"},
	    {"INSERT INTO search_fts(search_fts, rowid, body, title) VALUES ('delete', ?1, ?2, ?3)",
	     "INSERT INTO search_exact(search_exact, rowid, body, title) VALUES ('delete', ?1, ?2, ?3)"}};
	tt_rc rc = TT_OK;
	for (int i = 0; !rc && i < 2; i++) {
		db_stmt *st = store_prep(s, sql[del][i]);
		if (!st)
			return TT_ERR_DB;
		db_bind_int64(st, 1, id);
		store_bind_text(st, 2, body);
		store_bind_text(st, 3, title);
		rc = store_step_done(s, st);
	}
	return rc;
}

/* The row of kind/ref_id, if any, taken out of the FTS5 tables: *id gets
 * its id (0: none). */
static tt_rc fts_forget(store *s, const char *kind, int64_t ref_id, int64_t *id)
{
	*id = 0;
	db_stmt *st =
	    store_prep(s, "SELECT id, title, body_z, body_len FROM search_doc WHERE kind = ?1 AND ref_id = ?2");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, kind);
	db_bind_int64(st, 2, ref_id);
	int src = db_step(st);
	if (src != DB_ROW) {
		store_done(st);
		return src == DB_DONE ? TT_OK : store_fail(s, src);
	}
	tt_arena a;
	arena_init(&a, 0);
	size_t zn = 0;
	*id = db_col_int64(st, 0);
	const char *title = store_col_text(&a, st, 1);
	const void *z = db_col_blob(st, 2, &zn);
	const char *body = text_inflate(&a, z, zn, db_col_int64(st, 3));
	store_done(st);
	tt_rc rc = TT_OK;
	if (!title || !body) {
		snprintf(s->err, sizeof s->err, "search_doc %lld: its text does not inflate", (long long)*id);
		rc = TT_ERR_DB;
	} else
		rc = fts_put(s, 1, *id, title, body);
	arena_free(&a);
	return rc;
}

static tt_rc drop_row(store *s, const char *kind, int64_t ref_id)
{
	int64_t id = 0;
	tt_rc rc = is_pg(s) ? TT_OK : fts_forget(s, kind, ref_id, &id);
	if (rc || (!is_pg(s) && !id))
		return rc;
	db_stmt *st = store_prep(s, "DELETE FROM search_doc WHERE kind = ?1 AND ref_id = ?2");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, kind);
	db_bind_int64(st, 2, ref_id);
	return store_step_done(s, st);
}

#define PUT_COLS                                                                                             \
	"kind, ref_id, parent_id, org_id, see_org_id, own_org_id, year, doc_kind, title, body_z, body_len, url"
#define PUT_SET                                                                                              \
	"ON CONFLICT(kind, ref_id) DO UPDATE SET parent_id = excluded.parent_id, org_id = excluded.org_id, " \
	"see_org_id = excluded.see_org_id, own_org_id = excluded.own_org_id, year = excluded.year, "         \
	"doc_kind = excluded.doc_kind, title = excluded.title, body_z = excluded.body_z, "                   \
	"body_len = excluded.body_len, url = excluded.url"

tt_rc store_search_put(store *s, const st_search_row *in)
{
	db_stmt *st;
	tt_buf tsv;
	buf_init(&tsv, 0);
	tt_rc rc = TT_OK;
	search_row cut = *in;
	const search_row *r = &cut;
	char *body = NULL;
	unsigned char *z = NULL;
	size_t zn = 0, n = in->body ? strlen(in->body) : 0;
	if (!cut.title)
		cut.title = "";
	if (!cut.body)
		cut.body = "";
	if (n > SEARCH_BODY_MAX) {
		n = SEARCH_BODY_MAX;
		while (n > 0 && ((unsigned char)in->body[n] & 0xC0) == 0x80)
			n--;
		if (!(body = malloc(n + 1)))
			return TT_ERR_NOMEM;
		memcpy(body, in->body, n);
		body[n] = '\0';
		cut.body = body;
	}
	int64_t old = 0, id = 0;
	if ((rc = text_deflate(r->body, n, &z, &zn)))
		goto out;
	if (is_pg(s)) {
		if ((rc = search_tsvector(r->title, r->body, &tsv)) || (rc = buf_addc(&tsv, '\0')))
			goto out;
		st = store_prep(s, "INSERT INTO search_doc(" PUT_COLS
		                   ", tsv) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
		                   "?9, ?10, ?11, ?12, CAST(?13 AS tsvector)) " PUT_SET
		                   ", tsv = excluded.tsv RETURNING id");
	} else {
		/* No RETURNING: SQLite runs a statement with RETURNING under a
		 * statement savepoint, and FTS5 writes its pending terms to disk
		 * at every savepoint, which would make a segment of each row. */
		if ((rc = fts_forget(s, r->kind, r->ref_id, &old)))
			goto out;
		if (!(id = old)) {
			if (!(st = store_prep(s, "SELECT coalesce(max(id), 0) + 1, 0 FROM search_doc"))) {
				rc = TT_ERR_DB;
				goto out;
			}
			int64_t zero;
			if ((rc = store_step_pair64(s, st, &id, &zero)))
				goto out;
		}
		st = old ? store_prep(s, "UPDATE search_doc SET parent_id = ?3, org_id = ?4, see_org_id = ?5, "
		                         "own_org_id = ?6, year = ?7, doc_kind = ?8, title = ?9, body_z = ?10, "
		                         "body_len = ?11, url = ?12 WHERE id = ?13")
		         : store_prep(s, "INSERT INTO search_doc(" PUT_COLS
		                         ", id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
	}
	if (!st) {
		rc = TT_ERR_DB;
		goto out;
	}
	store_bind_text(st, 1, r->kind);
	db_bind_int64(st, 2, r->ref_id);
	bind_id(st, 3, r->parent_id);
	bind_id(st, 4, r->org_id);
	bind_id(st, 5, r->see_org_id);
	bind_id(st, 6, r->own_org_id);
	if (r->year > 0)
		db_bind_int64(st, 7, r->year);
	else
		db_bind_null(st, 7);
	store_bind_text(st, 8, r->doc_kind);
	store_bind_text(st, 9, r->title);
	db_bind_blob(st, 10, z, zn);
	db_bind_int64(st, 11, (int64_t)n);
	store_bind_text(st, 12, r->url);
	if (is_pg(s)) {
		store_bind_text(st, 13, tsv.data);
		int src = db_step(st);
		if (src == DB_ROW)
			id = db_col_int64(st, 0);
		store_done(st);
		if (src == DB_DONE) {
			snprintf(s->err, sizeof s->err, "search_doc: no id returned");
			rc = TT_ERR_DB;
		} else if (src != DB_ROW)
			rc = store_fail(s, src);
	} else {
		db_bind_int64(st, 13, id);
		rc = store_step_done(s, st);
	}
	if (!rc && !is_pg(s))
		rc = fts_put(s, 0, id, r->title, r->body);
out:
	buf_free(&tsv);
	free(body);
	free(z);
	return rc;
}

static int year_of(const char *date)
{
	if (!date)
		return 0;
	int y = 0;
	for (int i = 0; i < 4; i++) {
		if (date[i] < '0' || date[i] > '9')
			return 0;
		y = y * 10 + (date[i] - '0');
	}
	return y;
}

/* Appends text and a blank line to b when text has something. */
static tt_rc add_part(tt_buf *b, const char *text)
{
	if (!text || !*text)
		return TT_OK;
	tt_rc rc = b->len ? buf_adds(b, "\n\n") : TT_OK;
	return rc ? rc : buf_adds(b, text);
}

static const char *buf_text(tt_arena *a, tt_buf *b)
{
	return arena_strndup(a, b->data ? b->data : "", b->len);
}

/* Steps st for its one row; *found = 0 when there is none. */
static tt_rc one_row(store *s, db_stmt *st, int *found)
{
	int src = db_step(st);
	*found = src == DB_ROW;
	return src == DB_ROW || src == DB_DONE ? TT_OK : store_fail(s, src);
}

static tt_rc index_document(store *s, tt_arena *a, int64_t id)
{
	db_stmt *st =
	    store_prep(s, "SELECT d.symbol, d.title, d.filename, d.text, d.year, d.kind, o.id "
	                  "FROM document d LEFT JOIN org o ON o.code = d.issuer_code WHERE d.id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	int found;
	tt_rc rc = one_row(s, st, &found);
	search_row r = {.kind = "document", .ref_id = id};
	if (!rc && found) {
		const char *symbol = store_col_text(a, st, 0), *title = store_col_text(a, st, 1),
		           *filename = store_col_text(a, st, 2);
		r.body = store_col_text(a, st, 3);
		r.year = db_col_null(st, 4) ? 0 : db_col_int(st, 4);
		r.doc_kind = store_col_text(a, st, 5);
		r.org_id = db_col_null(st, 6) ? 0 : db_col_int64(st, 6);
		const char *head = title && *title ? title : filename ? filename : "";
		r.title = symbol && *symbol ? arena_printf(a, "%s %s", symbol, head) : head;
		r.url = arena_printf(a, "/documents/%lld", (long long)id);
		if (!r.title || !r.url || !r.body)
			rc = TT_ERR_NOMEM;
	}
	store_done(st);
	if (rc)
		return rc;
	return found ? store_search_put(s, &r) : drop_row(s, "document", id);
}

static tt_rc index_report(store *s, tt_arena *a, int64_t id)
{
	db_stmt *st = store_prep(s, "SELECT r.round_id, r.org_id, o.code, o.name, rd.title, rd.period_start, "
	                            "rd.owner_org_id FROM report r JOIN org o ON o.id = r.org_id "
	                            "JOIN round rd ON rd.id = r.round_id WHERE r.id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	int found;
	tt_rc rc = one_row(s, st, &found);
	search_row r = {.kind = "report", .ref_id = id};
	if (!rc && found) {
		r.parent_id = db_col_int64(st, 0);
		r.org_id = r.own_org_id = db_col_int64(st, 1);
		const char *code = store_col_text(a, st, 2), *name = store_col_text(a, st, 3),
		           *round = store_col_text(a, st, 4);
		r.year = year_of(store_col_text(a, st, 5));
		r.see_org_id = db_col_int64(st, 6);
		r.title = arena_printf(a, "%s: %s", round ? round : "", name ? name : "");
		r.url = arena_printf(a, "/rounds/%lld/reports/%s", (long long)r.parent_id, code ? code : "");
		if (!r.title || !r.url)
			rc = TT_ERR_NOMEM;
	}
	store_done(st);
	tt_buf body;
	buf_init(&body, 0);
	if (!rc && found &&
	    (st = store_prep(s, "SELECT t.text FROM report_text t JOIN report r ON r.id = t.report_id "
	                        "LEFT JOIN round_section c ON c.round_id = r.round_id "
	                        "AND c.key = t.section_key WHERE t.report_id = ?1 "
	                        "ORDER BY c.pos, t.section_key"))) {
		db_bind_int64(st, 1, id);
		int src;
		while (!rc && (src = db_step(st)) == DB_ROW) {
			size_t len = 0;
			const char *t = s->eng->col_text(st, 0, &len);
			rc = add_part(&body, t);
		}
		if (!rc && src != DB_DONE)
			rc = store_fail(s, src);
		store_done(st);
		if (!rc && !(r.body = buf_text(a, &body)))
			rc = TT_ERR_NOMEM;
	} else if (!rc && found)
		rc = TT_ERR_DB;
	/* A report with no text yet has nothing to find. */
	int empty = !body.len;
	buf_free(&body);
	if (rc)
		return rc;
	return found && !empty ? store_search_put(s, &r) : drop_row(s, "report", id);
}

static tt_rc index_activity(store *s, tt_arena *a, int64_t id)
{
	db_stmt *st =
	    store_prep(s, "SELECT org_id, title, start_on, place, description FROM activity WHERE id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	int found;
	tt_rc rc = one_row(s, st, &found);
	search_row r = {.kind = "activity", .ref_id = id};
	tt_buf body;
	buf_init(&body, 0);
	if (!rc && found) {
		r.org_id = r.see_org_id = db_col_int64(st, 0);
		r.title = store_col_text(a, st, 1);
		r.year = year_of(store_col_text(a, st, 2));
		if (!(rc = add_part(&body, store_col_text(a, st, 3))) &&
		    !(rc = add_part(&body, store_col_text(a, st, 4))))
			r.body = buf_text(a, &body);
		r.url = arena_printf(a, "/activities/%lld", (long long)id);
		if (!rc && (!r.body || !r.url))
			rc = TT_ERR_NOMEM;
	}
	store_done(st);
	buf_free(&body);
	if (rc)
		return rc;
	return found ? store_search_put(s, &r) : drop_row(s, "activity", id);
}

static tt_rc index_task(store *s, tt_arena *a, int64_t id)
{
	db_stmt *st =
	    store_prep(s, "SELECT t.plan_id, t.label, t.text, t.expected_output, t.notes, p.owner_org_id, "
	                  "p.period_start FROM plan_task t JOIN plan p ON p.id = t.plan_id WHERE t.id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	int found;
	tt_rc rc = one_row(s, st, &found);
	search_row r = {.kind = "task", .ref_id = id};
	tt_buf body;
	buf_init(&body, 0);
	if (!rc && found) {
		r.parent_id = db_col_int64(st, 0);
		const char *label = store_col_text(a, st, 1), *text = store_col_text(a, st, 2);
		r.title = label && *label ? arena_printf(a, "%s %s", label, text ? text : "") : text;
		if (!(rc = add_part(&body, store_col_text(a, st, 3))) &&
		    !(rc = add_part(&body, store_col_text(a, st, 4))))
			r.body = buf_text(a, &body);
		r.org_id = r.see_org_id = db_col_int64(st, 5);
		r.year = year_of(store_col_text(a, st, 6));
		r.url = arena_printf(a, "/plans/%lld#task-%lld", (long long)r.parent_id, (long long)id);
		if (!rc && (!r.title || !r.body || !r.url))
			rc = TT_ERR_NOMEM;
	}
	store_done(st);
	buf_free(&body);
	if (rc)
		return rc;
	return found ? store_search_put(s, &r) : drop_row(s, "task", id);
}

static tt_rc index_org(store *s, tt_arena *a, int64_t id)
{
	db_stmt *st = store_prep(s, "SELECT code, name FROM org WHERE id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	int found;
	tt_rc rc = one_row(s, st, &found);
	search_row r = {.kind = "org", .ref_id = id, .org_id = id};
	const char *code = NULL;
	if (!rc && found) {
		code = store_col_text(a, st, 0);
		r.title = store_col_text(a, st, 1);
		r.url = arena_printf(a, "/orgs/%s", code ? code : "");
		if (!code || !r.title || !r.url)
			rc = TT_ERR_NOMEM;
	}
	store_done(st);
	tt_buf body;
	buf_init(&body, 0);
	if (!rc && found &&
	    (st = store_prep(s, "SELECT alias FROM org_alias WHERE org_id = ?1 ORDER BY alias"))) {
		db_bind_int64(st, 1, id);
		int src;
		while (!rc && (src = db_step(st)) == DB_ROW) {
			size_t len = 0;
			rc = add_part(&body, s->eng->col_text(st, 0, &len));
		}
		if (!rc && src != DB_DONE)
			rc = store_fail(s, src);
		store_done(st);
		if (!rc && !(rc = add_part(&body, code)) && !(r.body = buf_text(a, &body)))
			rc = TT_ERR_NOMEM;
	} else if (!rc && found)
		rc = TT_ERR_DB;
	buf_free(&body);
	if (rc)
		return rc;
	return found ? store_search_put(s, &r) : drop_row(s, "org", id);
}

tt_rc store_search_reindex(store *s, const char *kind, int64_t ref_id)
{
	tt_arena a;
	arena_init(&a, 0);
	tt_rc rc;
	if (!strcmp(kind, "document"))
		rc = index_document(s, &a, ref_id);
	else if (!strcmp(kind, "report"))
		rc = index_report(s, &a, ref_id);
	else if (!strcmp(kind, "activity"))
		rc = index_activity(s, &a, ref_id);
	else if (!strcmp(kind, "task"))
		rc = index_task(s, &a, ref_id);
	else if (!strcmp(kind, "org"))
		rc = index_org(s, &a, ref_id);
	else
		rc = TT_ERR_INVALID;
	arena_free(&a);
	return rc;
}

/* Steps st to its end, collecting the ids of its first column into *ids
 * (malloc'd, the caller frees it). */
static tt_rc collect_ids(store *s, db_stmt *st, int64_t **ids, size_t *n)
{
	size_t cap = 0;
	int src;
	tt_rc rc = TT_OK;
	*ids = NULL;
	*n = 0;
	while (!rc && (src = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			int64_t *w = realloc(*ids, (cap = cap ? cap * 2 : 1024) * sizeof *w);
			if (!w) {
				rc = TT_ERR_NOMEM;
				break;
			}
			*ids = w;
		}
		(*ids)[(*n)++] = db_col_int64(st, 0);
	}
	if (!rc && src != DB_DONE)
		rc = store_fail(s, src);
	return rc;
}

/* The rows of kind for each id, then frees ids. */
static tt_rc reindex_ids(store *s, const char *kind, int64_t *ids, size_t n, tt_rc rc)
{
	for (size_t i = 0; !rc && i < n; i++)
		rc = store_search_reindex(s, kind, ids[i]);
	free(ids);
	return rc;
}

/* The rows of kind whose ids sql lists for the id ?1. */
static tt_rc reindex_listed(store *s, const char *kind, const char *sql, int64_t arg)
{
	db_stmt *st = store_prep(s, sql);
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, arg);
	int64_t *ids;
	size_t n;
	tt_rc rc = collect_ids(s, st, &ids, &n);
	store_done(st);
	return reindex_ids(s, kind, ids, n, rc);
}

tt_rc store_search_reindex_plan(store *s, int64_t plan_id)
{
	return reindex_listed(s, "task", "SELECT id, 0 FROM plan_task WHERE plan_id = ?1 ORDER BY id", plan_id);
}

tt_rc store_search_drop_gone_reports(store *s, int64_t round_id)
{
	return reindex_listed(s, "report",
	                      "SELECT ref_id, 0 FROM search_doc WHERE kind = 'report' AND parent_id = ?1 "
	                      "AND NOT EXISTS (SELECT 1 FROM report r WHERE r.id = search_doc.ref_id) "
	                      "ORDER BY ref_id",
	                      round_id);
}

/* Every row of one kind again, from the ids sql lists. */
static tt_rc rebuild_kind(store *s, const char *kind, const char *sql)
{
	db_stmt *st = s->eng->prepare(s, sql);
	if (!st)
		return store_fail(s, DB_ERROR);
	int64_t *ids;
	size_t n;
	tt_rc rc = collect_ids(s, st, &ids, &n);
	s->eng->finalize(st);
	return reindex_ids(s, kind, ids, n, rc);
}

tt_rc store_search_rebuild(store *s)
{
	tt_rc rc = store_exec(s, "DELETE FROM search_doc");
	if (!rc && !is_pg(s))
		rc = store_exec(s, "INSERT INTO search_fts(search_fts) VALUES ('delete-all'); "
		                   "INSERT INTO search_exact(search_exact) VALUES ('delete-all')");
	if (!rc)
		rc = rebuild_kind(s, "org", "SELECT id FROM org ORDER BY id");
	if (!rc)
		rc = rebuild_kind(s, "document", "SELECT id FROM document ORDER BY id");
	if (!rc)
		rc = rebuild_kind(s, "report",
		                  "SELECT DISTINCT report_id FROM report_text ORDER BY report_id");
	if (!rc)
		rc = rebuild_kind(s, "activity", "SELECT id FROM activity ORDER BY id");
	if (!rc)
		rc = rebuild_kind(s, "task", "SELECT id FROM plan_task ORDER BY id");
	return rc;
}

/* ---- the search ---- */

/* Who may read a row (the rules of core/perm.c, core/round.c and
 * core/plan.c): ?3 the user's body, ?4 1 when unbounded, ?5 1 when the
 * user reads every report of rounds its subtree owns. Documents and bodies
 * are read by every user. A report row whose report is gone (a round
 * deleted without store_search_reindex) is never shown nor counted. */
#define SUBTREE                                                                                              \
	"WITH RECURSIVE sub(id) AS (SELECT CAST(?3 AS BIGINT) UNION SELECT o.id FROM org o JOIN sub ON "     \
	"o.parent_id = sub.id) "
#define MAY_READ                                                                                             \
	"(d.kind <> 'report' OR EXISTS (SELECT 1 FROM report r WHERE r.id = d.ref_id)) AND "                 \
	"(?4 = 1 OR d.kind IN ('document', 'org') "                                                          \
	"OR (d.kind = 'report' AND (d.own_org_id = ?3 OR (?5 = 1 AND d.see_org_id IN (SELECT id FROM "       \
	"sub)))) "                                                                                           \
	"OR (d.kind = 'activity' AND d.see_org_id IN (SELECT id FROM sub)) "                                 \
	"OR (d.kind = 'task' AND (d.see_org_id IN (SELECT id FROM sub) OR EXISTS (SELECT 1 FROM plan p "     \
	"JOIN plan_task t ON t.plan_id = p.id JOIN plan_task_body b ON b.task_id = t.id "                    \
	"WHERE p.id = d.parent_id AND p.state <> 'draft' AND b.org_id = ?3))))"
#define FILTERS                                                                                              \
	"AND (CAST(?6 AS TEXT) IS NULL OR d.kind = ?6) AND (CAST(?7 AS BIGINT) IS NULL OR d.year = ?7) "     \
	"AND (CAST(?8 AS BIGINT) IS NULL OR d.org_id = ?8) AND (CAST(?11 AS TEXT) IS NULL OR d.doc_kind = "  \
	"?11) "

/* SQLite: ?1 the MATCH expression, ?2 the exact one ("~" matches nothing).
 * A search is mostly one pass (SQ_ALL, see search_one_pass). The general
 * path, for filters over more than the cap matches: a query matching more
 * than the cap (st_search_query.cap) is not counted in full, and one
 * matching more than ST_SEARCH_RANK_CAP is not ranked: its newest matches
 * come first (SQ_NEWEST, streamed from the index in rowid order, the exact
 * flag looked up per row); facets count the newest cap matches
 * (SQ_GROUPS). Only a small match set is ranked (SQ_RANKED): exact
 * spellings first, then ttdn_rank (store/fts_vn.h; computed once a row:
 * ORDER BY 6). */
#define SQ_FROM "FROM search_fts JOIN search_doc d ON d.id = search_fts.rowid WHERE search_fts MATCH ?1 AND "
#define SQ_COLS "SELECT d.kind, d.ref_id, d.title, d.url, d.body_z, "
#define SQ_EXACT                                                                                             \
	"CASE WHEN EXISTS (SELECT 1 FROM search_exact WHERE search_exact MATCH ?2 "                          \
	"AND search_exact.rowid = d.id) THEN 1 ELSE 0 END"
#define SQ_RANKED                                                                                            \
	SUBTREE SQ_COLS "ttdn_rank(search_fts, -1, 1.0, 4.0), " SQ_EXACT " AS exact, d.year, d.org_id, "     \
	                "d.body_len " SQ_FROM MAY_READ FILTERS                                               \
	                "ORDER BY exact DESC, 6 DESC, d.id LIMIT ?9 OFFSET ?10"
#define SQ_NEWEST                                                                                            \
	SUBTREE SQ_COLS "0.0, " SQ_EXACT ", d.year, d.org_id, d.body_len " SQ_FROM MAY_READ FILTERS           \
	                "ORDER BY search_fts.rowid DESC LIMIT ?9 OFFSET ?10"
/* SQLite, one pass: the newest cap + 1 readable matches (?7), the first
 * ?6 of them ranked. */
#define SQ_ALL                                                                                               \
	SUBTREE "SELECT d.id, d.kind, d.year, d.org_id, d.doc_kind, ttdn_rank(search_fts, ?6, 1.0, 4.0) "     \
	        SQ_FROM MAY_READ " ORDER BY search_fts.rowid DESC LIMIT ?7"
#define SQ_GROUPS                                                                                            \
	SUBTREE "SELECT kind, year, org_id, doc_kind, count(*), min(id) FROM (SELECT d.kind, d.year, "       \
	        "d.org_id, d.doc_kind, d.id " SQ_FROM "CAST(?2 AS TEXT) IS NOT NULL AND " MAY_READ                           \
	        " ORDER BY search_fts.rowid DESC LIMIT ?6) m GROUP BY kind, year, org_id, doc_kind"
#define SQ_COUNT                                                                                             \
	SUBTREE "SELECT count(*) FROM (SELECT 1 " SQ_FROM "CAST(?2 AS TEXT) IS NOT NULL AND " MAY_READ        \
	        FILTERS "LIMIT ?9 OFFSET ?10) m"
#define PG_FROM "FROM search_doc d WHERE d.tsv @@ CAST(?1 AS tsquery) AND "
#define PG_RANKED                                                                                            \
	SUBTREE SQ_COLS "ts_rank(d.tsv, CAST(?1 AS tsquery)), "                                              \
	        "CASE WHEN d.tsv @@ CAST(?2 AS tsquery) THEN 1 ELSE 0 END AS exact, d.year, d.org_id, d.body_len " PG_FROM \
	        MAY_READ FILTERS "ORDER BY exact DESC, 6 DESC, d.id LIMIT ?9 OFFSET ?10"
#define PG_NEWEST                                                                                            \
	SUBTREE SQ_COLS "0.0, CASE WHEN d.tsv @@ CAST(?2 AS tsquery) THEN 1 ELSE 0 END, d.year, "            \
	                "d.org_id, d.body_len " PG_FROM MAY_READ FILTERS "ORDER BY d.id DESC LIMIT ?9 OFFSET ?10"
#define PG_GROUPS                                                                                            \
	SUBTREE "SELECT kind, year, org_id, doc_kind, count(*), min(id) FROM (SELECT d.kind, d.year, "       \
	        "d.org_id, d.doc_kind, d.id " PG_FROM "CAST(?2 AS TEXT) IS NOT NULL AND " MAY_READ                           \
	        " ORDER BY d.id DESC LIMIT ?6) m GROUP BY kind, year, org_id, doc_kind"
#define PG_COUNT                                                                                             \
	SUBTREE "SELECT count(*) FROM (SELECT 1 " PG_FROM "CAST(?2 AS TEXT) IS NOT NULL AND " MAY_READ        \
	        FILTERS "LIMIT ?9 OFFSET ?10) m"

static void bind_common(db_stmt *st, const st_search_query *q, const char *match, const char *exact)
{
	store_bind_text(st, 1, match);
	store_bind_text(st, 2, exact);
	db_bind_int64(st, 3, q->user_org_id);
	db_bind_int64(st, 4, q->unbounded ? 1 : 0);
	db_bind_int64(st, 5, q->owned_rounds ? 1 : 0);
}

static tt_rc hit_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_search_hit *h = elem;
	h->kind = store_col_text(a, st, 0);
	h->ref_id = db_col_int64(st, 1);
	h->title = store_col_text(a, st, 2);
	h->url = store_col_text(a, st, 3);
	size_t zn = 0;
	const void *z = db_col_blob(st, 4, &zn);
	h->score = db_col_double(st, 5);
	h->exact = db_col_int(st, 6);
	h->year = db_col_null(st, 7) ? 0 : db_col_int(st, 7);
	h->org_id = db_col_null(st, 8) ? 0 : db_col_int64(st, 8);
	if (!(h->body = text_inflate(a, z, zn, db_col_int64(st, 9))))
		return TT_ERR_DB; /* a damaged row, or no memory */
	return h->kind && h->title && h->url ? TT_OK : TT_ERR_NOMEM;
}

static tt_rc group_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_search_group *g = elem;
	g->kind = store_col_text(a, st, 0);
	g->year = db_col_null(st, 1) ? 0 : db_col_int(st, 1);
	g->org_id = db_col_null(st, 2) ? 0 : db_col_int64(st, 2);
	g->doc_kind = db_col_null(st, 3) ? NULL : store_col_text(a, st, 3);
	g->n = db_col_int64(st, 4);
	g->oldest = db_col_int64(st, 5);
	return g->kind ? TT_OK : TT_ERR_NOMEM;
}

/* Binds the filters ?6 ?7 ?8 ?11 of st_search_query. */
static void bind_filters(db_stmt *st, const st_search_query *q)
{
	store_bind_text(st, 6, q->kind);
	if (q->year > 0)
		db_bind_int64(st, 7, q->year);
	else
		db_bind_null(st, 7);
	bind_id(st, 8, q->org_id);
	store_bind_text(st, 11, q->doc_kind);
}

/* 1 when a match of kind, year, body and document kind passes q's filters. */
static int passes(const st_search_query *q, const char *kind, int year, int64_t org_id, const char *doc_kind)
{
	return (!q->kind || !strcmp(kind, q->kind)) && (q->year <= 0 || year == q->year) &&
	       (q->org_id <= 0 || org_id == q->org_id) &&
	       (!q->doc_kind || (doc_kind && !strcmp(doc_kind, q->doc_kind)));
}

/* ---- SQLite: one pass ---- */

typedef struct {
	int64_t id, org_id;
	const char *kind, *doc_kind;
	int year, ranked, exact;
	double score;
} match_row;

static tt_rc match_read(tt_arena *a, db_stmt *st, void *elem)
{
	match_row *m = elem;
	m->id = db_col_int64(st, 0);
	m->kind = store_col_text(a, st, 1);
	m->year = db_col_null(st, 2) ? 0 : db_col_int(st, 2);
	m->org_id = db_col_null(st, 3) ? 0 : db_col_int64(st, 3);
	m->doc_kind = db_col_null(st, 4) ? NULL : store_col_text(a, st, 4);
	m->ranked = !db_col_null(st, 5);
	m->score = m->ranked ? db_col_double(st, 5) : 0;
	m->exact = 0;
	return m->kind ? TT_OK : TT_ERR_NOMEM;
}

static int by_group(const void *x, const void *y)
{
	const match_row *a = *(const match_row *const *)x, *b = *(const match_row *const *)y;
	int c = strcmp(a->kind, b->kind);
	if (c)
		return c;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->org_id != b->org_id)
		return a->org_id < b->org_id ? -1 : 1;
	if (!a->doc_kind || !b->doc_kind)
		return !!a->doc_kind - !!b->doc_kind;
	return strcmp(a->doc_kind, b->doc_kind);
}

/* Exact spellings first, then rank, then the oldest. */
static int by_rank(const void *x, const void *y)
{
	const match_row *a = *(const match_row *const *)x, *b = *(const match_row *const *)y;
	if (a->exact != b->exact)
		return b->exact - a->exact;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* The groups of m[0..n), into arena arrays. */
static tt_rc group_matches(tt_arena *a, match_row *m, size_t n, st_search_group **out, size_t *ng)
{
	*out = NULL;
	*ng = 0;
	if (!n)
		return TT_OK;
	match_row **p = arena_alloc(a, n * sizeof *p);
	st_search_group *g = arena_alloc(a, n * sizeof *g);
	if (!p || !g)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		p[i] = &m[i];
	qsort(p, n, sizeof *p, by_group);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!i || by_group(&p[i - 1], &p[i])) {
			g[k++] = (st_search_group){.kind = p[i]->kind, .doc_kind = p[i]->doc_kind, .year = p[i]->year,
			                           .org_id = p[i]->org_id, .n = 0, .oldest = p[i]->id};
		}
		g[k - 1].n++;
		if (p[i]->id < g[k - 1].oldest)
			g[k - 1].oldest = p[i]->id;
	}
	*out = g;
	*ng = k;
	return TT_OK;
}

/* SQLite: one pass over the index (SQ_ALL) reads the newest cap + 1
 * readable matches with the ranks of the first ST_SEARCH_RANK_CAP; the
 * total, the groups and the order come from them in C, and the page's rows
 * are then read by id. FTS5 thus finds the matches once (a phrase of
 * common words is the costly part of a search). TT_ERR_NOT_FOUND, with out
 * untouched, when that pass cannot answer: more than the cap match and
 * filters are set, or the filtered matches are few enough to rank but not
 * all were ranked; the general path answers then. */
static tt_rc search_one_pass(store *s, tt_arena *a, const st_search_query *q, const char *match,
                             const char *exact, int has_exact, int64_t cap, st_search_result *out)
{
	int64_t rank_cap = cap < ST_SEARCH_RANK_CAP ? cap : ST_SEARCH_RANK_CAP;
	db_stmt *st = store_prep(s, SQ_ALL);
	if (!st)
		return TT_ERR_DB;
	bind_common(st, q, match, exact);
	db_bind_int64(st, 6, rank_cap);
	db_bind_int64(st, 7, cap + 1);
	match_row *m;
	size_t nm;
	tt_rc rc = store_collect(s, a, st, sizeof *m, match_read, (void **)&m, &nm);
	if (rc)
		return rc;
	int filtered = q->kind || q->year > 0 || q->org_id > 0 || q->doc_kind;
	if ((int64_t)nm > cap && filtered)
		return TT_ERR_NOT_FOUND;
	/* the groups count the newest cap */
	size_t kept = (int64_t)nm > cap ? (size_t)cap : nm, nf = 0;
	st_search_group *g;
	size_t ng;
	if ((rc = group_matches(a, m, kept, &g, &ng)))
		return rc;
	match_row **f = arena_alloc(a, (kept ? kept : 1) * sizeof *f);
	if (!f)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < kept; i++)
		if (passes(q, m[i].kind, m[i].year, m[i].org_id, m[i].doc_kind))
			f[nf++] = &m[i];
	int64_t n = filtered ? (int64_t)nf : (int64_t)nm;
	if (n <= rank_cap) {
		for (size_t i = 0; i < nf; i++)
			if (!f[i]->ranked)
				return TT_ERR_NOT_FOUND;
		for (size_t i = 0; has_exact && i < nf; i++) {
			if (!(st = store_prep(s, "SELECT 1 FROM search_exact WHERE search_exact MATCH ?2 AND rowid = ?1")))
				return TT_ERR_DB;
			db_bind_int64(st, 1, f[i]->id);
			store_bind_text(st, 2, exact);
			int found;
			if ((rc = one_row(s, st, &found)))
				return rc;
			store_done(st);
			f[i]->exact = found;
		}
		qsort(f, nf, sizeof *f, by_rank);
	}
	size_t from = q->offset > 0 ? (size_t)q->offset : 0, to = from;
	if (from < nf)
		to = q->limit > 0 && from + (size_t)q->limit < nf ? from + (size_t)q->limit : nf;
	st_search_hit *h = arena_alloc(a, (to > from ? to - from : 1) * sizeof *h);
	if (!h)
		return TT_ERR_NOMEM;
	size_t nh = 0;
	for (size_t i = from; i < to; i++) {
		if (!(st = store_prep(s, SQ_COLS "0.0, " SQ_EXACT ", d.year, d.org_id, d.body_len "
		                                 "FROM search_doc d WHERE d.id = ?1")))
			return TT_ERR_DB;
		db_bind_int64(st, 1, f[i]->id);
		store_bind_text(st, 2, exact);
		/* a row gone since the pass (a write between them) is left out */
		if ((rc = store_collect_one(s, a, st, sizeof *h, hit_row, &h[nh])) == TT_ERR_NOT_FOUND)
			continue;
		if (rc)
			return rc;
		h[nh++].score = f[i]->score;
	}
	out->hits = h;
	out->nhits = nh;
	out->groups = g;
	out->ngroups = ng;
	out->capped = n > cap;
	out->total = n > cap ? cap : n;
	return TT_OK;
}

tt_rc store_search(store *s, tt_arena *a, const st_search_query *q, st_search_result *out)
{
	const char *match, *exact;
	tt_rc rc = is_pg(s) ? search_query_tsquery(a, q->q, &match, &exact)
	                    : search_query_fts5(a, q->q, &match, &exact);
	if (rc)
		return rc;
	int64_t cap = q->cap > 0 ? q->cap : ST_SEARCH_CAP;
	/* No word typed with diacritics: an exact query that matches nothing. */
	int has_exact = exact != NULL;
	if (!exact)
		exact = is_pg(s) ? "'~'" : "\"~\"";
	if (!is_pg(s) && (rc = search_one_pass(s, a, q, match, exact, has_exact, cap, out)) != TT_ERR_NOT_FOUND)
		return rc;
	/* the groups of the newest cap + 1 readable matches: one pass tells
	 * whether more than the cap match, and the oldest of them is taken
	 * out of its group again, so that the groups count the newest cap */
	db_stmt *st = store_prep(s, is_pg(s) ? PG_GROUPS : SQ_GROUPS);
	if (!st)
		return TT_ERR_DB;
	bind_common(st, q, match, exact);
	db_bind_int64(st, 6, cap + 1);
	st_search_group *g;
	size_t ng;
	if ((rc = store_collect(s, a, st, sizeof *g, group_row, (void **)&g, &ng)))
		return rc;
	int64_t all = 0, n = 0;
	size_t oldest = 0;
	for (size_t i = 0; i < ng; i++) {
		all += g[i].n;
		if (g[i].oldest < g[oldest].oldest)
			oldest = i;
	}
	if (all > cap)
		g[oldest].n--;
	int filtered = q->kind || q->year > 0 || q->org_id > 0 || q->doc_kind;
	for (size_t i = 0; i < ng; i++)
		if (passes(q, g[i].kind, g[i].year, g[i].org_id, g[i].doc_kind))
			n += g[i].n;
	if (!filtered)
		n = all;
	/* more than the cap, and filters: the groups are of the newest matches
	 * only, so the matches under the filters are counted, up to cap + 1 */
	if (filtered && all > cap) {
		if (!(st = store_prep(s, is_pg(s) ? PG_COUNT : SQ_COUNT)))
			return TT_ERR_DB;
		bind_common(st, q, match, exact);
		bind_filters(st, q);
		db_bind_int64(st, 9, cap + 1);
		db_bind_int64(st, 10, 0);
		int found;
		if ((rc = one_row(s, st, &found)))
			return rc;
		n = found ? db_col_int64(st, 0) : 0;
		store_done(st);
	}
	int capped = n > cap;
	int64_t rank_cap = cap < ST_SEARCH_RANK_CAP ? cap : ST_SEARCH_RANK_CAP;
	const char *sql = n > rank_cap ? (is_pg(s) ? PG_NEWEST : SQ_NEWEST) : (is_pg(s) ? PG_RANKED : SQ_RANKED);
	if (!(st = store_prep(s, sql)))
		return TT_ERR_DB;
	bind_common(st, q, match, exact);
	bind_filters(st, q);
	/* a capped list ends at the cap, as its total does */
	int64_t limit = q->limit, left = cap > q->offset ? cap - q->offset : 0;
	db_bind_int64(st, 9, capped && limit > left ? left : limit);
	db_bind_int64(st, 10, q->offset);
	st_search_hit *h;
	size_t nh;
	if ((rc = store_collect(s, a, st, sizeof *h, hit_row, (void **)&h, &nh)))
		return rc;
	out->hits = h;
	out->nhits = nh;
	out->groups = g;
	out->ngroups = ng;
	out->capped = capped;
	out->total = capped ? cap : n;
	return TT_OK;
}
