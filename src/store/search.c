/* search.c - the search index: one search_doc row per document, report,
 * activity, plan task and body, rewritten by the store's own write paths
 * in their transaction (store_search_reindex), and the search over it.
 *
 * The row is the same on both engines; each engine indexes it its own way:
 * SQLite through the FTS5 tables search_fts (syllables, pairs, symbols)
 * and search_exact (words as written, no positions), kept by triggers with
 * the tokenizer ttdn_vn; PostgreSQL through the tsv column written here from
 * search_tsvector, under GIN. Only the MATCH clause differs, so the query
 * is written twice below; who may read what is the same SQL on both. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "text/search.h"

typedef struct {
	const char *kind;
	int64_t ref_id, parent_id, org_id, see_org_id, own_org_id;
	int year;
	const char *doc_kind, *title, *body, *url;
} search_row;

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

static tt_rc drop_row(store *s, const char *kind, int64_t ref_id)
{
	db_stmt *st = store_prep(s, "DELETE FROM search_doc WHERE kind = ?1 AND ref_id = ?2");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, kind);
	db_bind_int64(st, 2, ref_id);
	return store_step_done(s, st);
}

#define PUT_COLS "kind, ref_id, parent_id, org_id, see_org_id, own_org_id, year, doc_kind, title, body, url"
#define PUT_SET                                                                                              \
	"ON CONFLICT(kind, ref_id) DO UPDATE SET parent_id = excluded.parent_id, org_id = excluded.org_id, " \
	"see_org_id = excluded.see_org_id, own_org_id = excluded.own_org_id, year = excluded.year, "         \
	"doc_kind = excluded.doc_kind, title = excluded.title, body = excluded.body, url = excluded.url"

/* The text of a row is searched up to this many bytes (some 400 pages):
 * an enormous document (hundreds of thousands of citations) would hold
 * the write lock for its whole index. */
#define SEARCH_BODY_MAX ((size_t)1 << 20)

static tt_rc put_row(store *s, const search_row *in)
{
	db_stmt *st;
	tt_buf tsv;
	buf_init(&tsv, 0);
	tt_rc rc = TT_OK;
	search_row cut = *in;
	const search_row *r = &cut;
	char *body = NULL;
	size_t n = in->body ? strlen(in->body) : 0;
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
	if (is_pg(s)) {
		if ((rc = search_tsvector(r->title, r->body, &tsv)) || (rc = buf_addc(&tsv, '\0')))
			goto out;
		st = store_prep(s, "INSERT INTO search_doc(" PUT_COLS
		                   ", tsv) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
		                   "?9, ?10, ?11, CAST(?12 AS tsvector)) " PUT_SET ", tsv = excluded.tsv");
	} else
		st = store_prep(s, "INSERT INTO search_doc(" PUT_COLS
		                   ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
		                   "?10, ?11) " PUT_SET);
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
	store_bind_text(st, 9, r->title ? r->title : "");
	store_bind_text(st, 10, r->body ? r->body : "");
	store_bind_text(st, 11, r->url);
	if (is_pg(s))
		store_bind_text(st, 12, tsv.data);
	rc = store_step_done(s, st);
out:
	buf_free(&tsv);
	free(body);
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
	return found ? put_row(s, &r) : drop_row(s, "document", id);
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
	return found && !empty ? put_row(s, &r) : drop_row(s, "report", id);
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
	return found ? put_row(s, &r) : drop_row(s, "activity", id);
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
	return found ? put_row(s, &r) : drop_row(s, "task", id);
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
	return found ? put_row(s, &r) : drop_row(s, "org", id);
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

tt_rc store_search_reindex_plan(store *s, int64_t plan_id)
{
	db_stmt *st = store_prep(s, "SELECT id, 0 FROM plan_task WHERE plan_id = ?1 ORDER BY id");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, plan_id);
	int64_t *ids;
	size_t n;
	tt_rc rc = collect_ids(s, st, &ids, &n);
	store_done(st);
	return reindex_ids(s, "task", ids, n, rc);
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
 * A query matching more than the cap (st_search_query.cap) is not counted
 * in full, and one matching more than ST_SEARCH_RANK_CAP is not ranked:
 * its newest matches come first (SQ_NEWEST, streamed from the index in
 * rowid order, the exact flag looked up per row); facets count the newest
 * cap matches (SQ_GROUPS). Only a small match set is ranked (SQ_RANKED):
 * exact spellings first, then bm25 (computed once a row: ORDER BY 6). */
#define SQ_FROM "FROM search_fts JOIN search_doc d ON d.id = search_fts.rowid WHERE search_fts MATCH ?1 AND "
#define SQ_COLS "SELECT d.kind, d.ref_id, d.title, d.url, d.body, "
#define SQ_RANKED                                                                                            \
	SUBTREE SQ_COLS "-bm25(search_fts, 4.0, 1.0), "                                                      \
	        "CASE WHEN d.id IN (SELECT rowid FROM search_exact WHERE search_exact MATCH ?2) THEN 1 "     \
	        "ELSE 0 END AS exact, d.year, d.org_id " SQ_FROM MAY_READ FILTERS                            \
	        "ORDER BY exact DESC, 6 DESC, d.id LIMIT ?9 OFFSET ?10"
#define SQ_NEWEST                                                                                            \
	SUBTREE SQ_COLS "0.0, CASE WHEN EXISTS (SELECT 1 FROM search_exact WHERE search_exact MATCH ?2 "     \
	                "AND search_exact.rowid = d.id) THEN 1 ELSE 0 END, d.year, d.org_id " SQ_FROM MAY_READ \
	                FILTERS "ORDER BY search_fts.rowid DESC LIMIT ?9 OFFSET ?10"
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
	        "CASE WHEN d.tsv @@ CAST(?2 AS tsquery) THEN 1 ELSE 0 END AS exact, d.year, d.org_id " PG_FROM \
	        MAY_READ FILTERS "ORDER BY exact DESC, 6 DESC, d.id LIMIT ?9 OFFSET ?10"
#define PG_NEWEST                                                                                            \
	SUBTREE SQ_COLS "0.0, CASE WHEN d.tsv @@ CAST(?2 AS tsquery) THEN 1 ELSE 0 END, d.year, "            \
	                "d.org_id " PG_FROM MAY_READ FILTERS "ORDER BY d.id DESC LIMIT ?9 OFFSET ?10"
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
	h->body = store_col_text(a, st, 4);
	h->score = db_col_double(st, 5);
	h->exact = db_col_int(st, 6);
	h->year = db_col_null(st, 7) ? 0 : db_col_int(st, 7);
	h->org_id = db_col_null(st, 8) ? 0 : db_col_int64(st, 8);
	return h->kind && h->title && h->url && h->body ? TT_OK : TT_ERR_NOMEM;
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

tt_rc store_search(store *s, tt_arena *a, const st_search_query *q, st_search_result *out)
{
	const char *match, *exact;
	tt_rc rc = is_pg(s) ? search_query_tsquery(a, q->q, &match, &exact)
	                    : search_query_fts5(a, q->q, &match, &exact);
	if (rc)
		return rc;
	int64_t cap = q->cap > 0 ? q->cap : ST_SEARCH_CAP;
	/* No word typed with diacritics: an exact query that matches nothing. */
	if (!exact)
		exact = is_pg(s) ? "'~'" : "\"~\"";
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
		if ((!q->kind || !strcmp(g[i].kind, q->kind)) && (q->year <= 0 || g[i].year == q->year) &&
		    (q->org_id <= 0 || g[i].org_id == q->org_id) &&
		    (!q->doc_kind || (g[i].doc_kind && !strcmp(g[i].doc_kind, q->doc_kind))))
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
