/* search.h - one search box over everything ttdn holds: documents, report
 * texts, activities, plan tasks and bodies, with what the user may read
 * filtered in the query itself (so totals and pages never count what the
 * user cannot open), facets, and highlighted titles and snippets. */
#ifndef TT_CORE_SEARCH_H
#define TT_CORE_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "core/ctx.h"
#include "text/search.h"

#define SEARCH_LIMIT_DEFAULT 20
#define SEARCH_LIMIT_MAX 100
#define SEARCH_OFFSET_MAX 10000

typedef struct search_params {
	const char *q;        /* what the user typed */
	const char *type;     /* document|report|activity|task|org, NULL = all */
	int year;             /* 0 = any */
	const char *org_code; /* NULL = any */
	const char *doc_kind; /* NULL = any */
	int limit, offset;
} search_params;

typedef struct {
	const char *type, *url;
	const char *title;   /* HTML: escaped, matches in <mark> */
	const char *snippet; /* HTML: escaped, matches in <mark>; "" when none */
	int64_t id;
	double score;
} search_item;

typedef struct {
	const char *key;   /* type, year, org code or document kind code */
	const char *label; /* a Vietnamese label (types and bodies), else NULL */
	int64_t n;
} search_facet;

typedef struct {
	int64_t total;    /* at most ST_SEARCH_CAP */
	int total_capped; /* more matched than the cap: total is the cap, newest first */
	search_item *items;
	size_t nitems;
	/* each facet counts the matches under the other filters */
	search_facet *type, *year, *org, *doc_kind;
	size_t ntype, nyear, norg, ndoc_kind;
} search_result;

/* The Vietnamese name of a result type; NULL for an unknown type. */
const char *search_type_label(const char *type);

/* Runs one search for the acting user. Bad input (q empty, longer than
 * SEARCH_QUERY_MAX_CHARS characters, not UTF-8, without a word; an unknown
 * type or body; limit or offset out of range) is TT_ERR_INVALID with a
 * Vietnamese ctx->error_detail; TT_ERR_UNAUTH without a user. Results live
 * in ctx->arena. */
tt_rc search_run(tt_ctx *ctx, const search_params *p, search_result *out);

#endif
