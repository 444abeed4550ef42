/* search.c - the search of search.h: the query parsed (text/search.c),
 * the rights of the user turned into the parameters of store_search (the
 * same rules as core/perm.c, core/round.c and core/plan.c apply to the
 * pages), then totals, facets and highlighting. */
#include "core/search.h"

#include <stdlib.h>
#include <string.h>

#include "core/perm.h"

static const struct {
	const char *type, *label;
} types[] = {
    {"document", "Văn bản"}, {"report", "Báo cáo"},      {"activity", "Hoạt động"},
    {"task", "Nhiệm vụ"},    {"org", "Cơ quan, đơn vị"},
};

#define NTYPES (sizeof types / sizeof types[0])
#define ORG_FACETS 20
#define SNIPPET_WORDS 32

const char *search_type_label(const char *type)
{
	for (size_t i = 0; type && i < NTYPES; i++)
		if (!strcmp(types[i].type, type))
			return types[i].label;
	return NULL;
}

static tt_rc bad_query(tt_ctx *ctx, tt_rc rc)
{
	switch (rc) {
	case TT_ERR_INVALID: return ctx_fail(ctx, TT_ERR_INVALID, "Hãy nhập từ cần tìm.");
	case TT_ERR_TOO_LARGE:
		return ctx_fail(ctx, TT_ERR_INVALID, "Từ cần tìm dài quá %d ký tự; hãy rút gọn.",
		                SEARCH_QUERY_MAX_CHARS);
	case TT_ERR_UTF8: return ctx_fail(ctx, TT_ERR_INVALID, "Từ cần tìm không phải văn bản UTF-8 hợp lệ.");
	case TT_ERR_PARSE:
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Từ cần tìm phải có ít nhất một chữ hoặc số, và không quá %d từ hay cụm từ.",
		                SEARCH_QUERY_MAX_TERMS);
	default: return rc;
	}
}

/* One facet's counts: the groups that pass every filter but skip's. */
typedef struct {
	const char *type, *doc_kind;
	int year;
	int64_t org_id;
} filters;

enum { F_TYPE, F_YEAR, F_ORG, F_KIND, F_NONE };

static int passes(const st_search_group *g, const filters *f, int skip)
{
	return (skip == F_TYPE || !f->type || !strcmp(g->kind, f->type)) &&
	       (skip == F_YEAR || !f->year || g->year == f->year) &&
	       (skip == F_ORG || !f->org_id || g->org_id == f->org_id) &&
	       (skip == F_KIND || !f->doc_kind || (g->doc_kind && !strcmp(g->doc_kind, f->doc_kind)));
}

typedef struct {
	int64_t num; /* year or org id */
	const char *str;
	int64_t n;
} tally;

static int by_count(const void *a, const void *b)
{
	const tally *x = a, *y = b;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	if (x->num != y->num)
		return x->num > y->num ? -1 : 1;
	return x->str && y->str ? strcmp(x->str, y->str) : 0;
}

static int by_year(const void *a, const void *b)
{
	const tally *x = a, *y = b;
	return x->num > y->num ? -1 : x->num < y->num;
}

/* Sums the groups passing the filters (but dim's) by the dimension dim. */
static tally *count_by(tt_ctx *ctx, const st_search_group *g, size_t ng, const filters *f, int dim, size_t *n)
{
	tally *t = arena_alloc(ctx->arena, (ng + 1) * sizeof *t);
	if (!t)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < ng; i++) {
		if (!passes(&g[i], f, dim))
			continue;
		int64_t num = dim == F_YEAR ? g[i].year : dim == F_ORG ? g[i].org_id : 0;
		const char *str = dim == F_TYPE ? g[i].kind : dim == F_KIND ? g[i].doc_kind : NULL;
		if ((dim == F_YEAR || dim == F_ORG) && !num)
			continue;
		if ((dim == F_TYPE || dim == F_KIND) && !str)
			continue;
		size_t j = 0;
		while (j < k && !(t[j].num == num && (!str || !strcmp(t[j].str, str))))
			j++;
		if (j == k)
			t[k++] = (tally){num, str, 0};
		t[j].n += g[i].n;
	}
	qsort(t, k, sizeof *t, dim == F_YEAR ? by_year : by_count);
	*n = k;
	return t;
}

static tt_rc facets(tt_ctx *ctx, const st_search_group *g, size_t ng, const filters *f, search_result *r)
{
	size_t n;
	tally *t;
	if (!(t = count_by(ctx, g, ng, f, F_TYPE, &n)) ||
	    !(r->type = arena_alloc(ctx->arena, (n + 1) * sizeof *r->type)))
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		r->type[i] = (search_facet){t[i].str, search_type_label(t[i].str), t[i].n};
	r->ntype = n;
	if (!(t = count_by(ctx, g, ng, f, F_YEAR, &n)) ||
	    !(r->year = arena_alloc(ctx->arena, (n + 1) * sizeof *r->year)))
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		if (!(r->year[i].key = arena_printf(ctx->arena, "%lld", (long long)t[i].num)))
			return TT_ERR_NOMEM;
		r->year[i].label = NULL;
		r->year[i].n = t[i].n;
	}
	r->nyear = n;
	if (!(t = count_by(ctx, g, ng, f, F_KIND, &n)) ||
	    !(r->doc_kind = arena_alloc(ctx->arena, (n + 1) * sizeof *r->doc_kind)))
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		r->doc_kind[i] = (search_facet){t[i].str, NULL, t[i].n};
	r->ndoc_kind = n;
	if (!(t = count_by(ctx, g, ng, f, F_ORG, &n)) ||
	    !(r->org = arena_alloc(ctx->arena, (n + 1) * sizeof *r->org)))
		return TT_ERR_NOMEM;
	size_t k = 0;
	for (size_t i = 0; i < n && k < ORG_FACETS; i++) {
		st_org o;
		tt_rc rc = store_org_get_id(ctx->db, ctx->arena, t[i].num, &o);
		if (rc == TT_ERR_NOT_FOUND)
			continue;
		if (rc)
			return rc;
		r->org[k++] = (search_facet){o.code, o.name, t[i].n};
	}
	r->norg = k;
	return TT_OK;
}

/* ST_SEARCH_CAP, or TTDN_SEARCH_CAP (tests: a few documents exceed it). */
static int64_t search_cap(void)
{
	const char *e = getenv("TTDN_SEARCH_CAP");
	char *end;
	long long v = e && *e ? strtoll(e, &end, 10) : 0;
	return e && *e && !*end && v > 0 && v <= ST_SEARCH_CAP ? v : ST_SEARCH_CAP;
}

tt_rc search_run(tt_ctx *ctx, const search_params *p, search_result *out)
{
	if (!ctx->user && !perm_is_system(ctx))
		return TT_ERR_UNAUTH;
	search_query *q = arena_alloc(ctx->arena, sizeof *q);
	if (!q)
		return TT_ERR_NOMEM;
	tt_rc rc = search_query_parse(ctx->arena, p->q, q);
	if (rc)
		return bad_query(ctx, rc);
	if (p->type && !search_type_label(p->type))
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Loại kết quả phải là document, report, activity, task hoặc org.");
	if (p->year && (p->year < 1900 || p->year > 2200))
		return ctx_fail(ctx, TT_ERR_INVALID, "Năm phải từ 1900 đến 2200.");
	if (p->limit < 1 || p->limit > SEARCH_LIMIT_MAX)
		return ctx_fail(ctx, TT_ERR_INVALID, "Số kết quả mỗi trang phải từ 1 đến %d.",
		                SEARCH_LIMIT_MAX);
	if (p->offset < 0 || p->offset > SEARCH_OFFSET_MAX)
		return ctx_fail(ctx, TT_ERR_INVALID, "Vị trí bắt đầu phải từ 0 đến %d.", SEARCH_OFFSET_MAX);
	filters f = {.type = p->type, .year = p->year, .doc_kind = p->doc_kind};
	if (p->org_code) {
		st_org o;
		rc = store_org_get(ctx->db, ctx->arena, p->org_code, &o);
		if (rc == TT_ERR_NOT_FOUND)
			return ctx_fail(ctx, TT_ERR_INVALID, "Không có cơ quan, đơn vị mã %s.", p->org_code);
		if (rc)
			return rc;
		f.org_id = o.id;
	}
	st_search_query sq = {
	    .q = q,
	    .kind = p->type,
	    .year = p->year,
	    .org_id = f.org_id,
	    .doc_kind = p->doc_kind,
	    .unbounded = perm_unbounded(ctx),
	    .user_org_id = ctx->user ? ctx->user->org_id : 0,
	    .owned_rounds = perm_may(ctx, PERM_LIST_OWNED_ROUNDS, 0),
	    .limit = p->limit,
	    .offset = p->offset,
	    .cap = search_cap(),
	};
	st_search_result sr;
	if ((rc = store_search(ctx->db, ctx->arena, &sq, &sr)))
		return rc;
	st_search_hit *h = sr.hits;
	st_search_group *g = sr.groups;
	size_t nh = sr.nhits, ng = sr.ngroups;
	search_result r;
	memset(&r, 0, sizeof r);
	r.total = sr.total;
	r.total_capped = sr.capped;
	if (!(r.items = arena_alloc(ctx->arena, (nh + 1) * sizeof *r.items)))
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < nh; i++) {
		search_item *it = &r.items[i];
		it->type = h[i].kind;
		it->url = h[i].url;
		it->id = h[i].ref_id;
		it->score = h[i].score;
		if ((rc = search_highlight(ctx->arena, h[i].title, q, 0, &it->title)) ||
		    (rc = search_highlight(ctx->arena, h[i].body, q, SNIPPET_WORDS, &it->snippet)))
			return rc;
	}
	r.nitems = nh;
	if ((rc = facets(ctx, g, ng, &f, &r)))
		return rc;
	*out = r;
	return TT_OK;
}
