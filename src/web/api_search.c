/* api_search.c - GET /api/v1/search: one search over documents, report
 * texts, activities, plan tasks and bodies (core/search.h), and the
 * reading of its query parameters that the /search page shares. */
#include <jansson.h>

#include "core/search.h"
#include "web/kit.h"
#include "web/routes.h"
#include "web/web_int.h"

tt_rc web_search_params(http_req *r, search_params *p)
{
	long long year = 0, limit = SEARCH_LIMIT_DEFAULT, offset = 0;
	const kit_field in[] = {
	    /* The core counts characters (at most 200) and says so in its words. */
	    {.name = "q", .type = KIT_TEXT, .max_len = 4 * SEARCH_QUERY_MAX_CHARS + 4, .text = &p->q},
	    {.name = "type", .type = KIT_TEXT, .max_len = 16, .text = &p->type},
	    {.name = "year", .type = KIT_INT, .min = 1900, .max = 2200, .num = &year},
	    {.name = "org", .type = KIT_TEXT, .max_len = 64, .text = &p->org_code},
	    {.name = "doc_kind", .type = KIT_TEXT, .max_len = 16, .text = &p->doc_kind},
	    {.name = "limit", .type = KIT_INT, .min = 1, .max = SEARCH_LIMIT_MAX, .num = &limit},
	    {.name = "offset", .type = KIT_INT, .max = SEARCH_OFFSET_MAX, .num = &offset},
	};
	p->q = p->type = p->org_code = p->doc_kind = NULL;
	tt_rc rc = kit_query(r, in, sizeof in / sizeof in[0]);
	if (rc)
		return rc;
	p->year = (int)year;
	p->limit = (int)limit;
	p->offset = (int)offset;
	return TT_OK;
}

static json_t *facet_json(const search_facet *f, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s?, s:I}", "key", f[i].key, "label", f[i].label,
		                                   "count", (json_int_t)f[i].n));
	return a;
}

tt_rc api_search(http_req *r)
{
	search_params p;
	search_result res;
	tt_rc rc = web_search_params(r, &p);
	if (rc || (rc = search_run(&r->ctx, &p, &res)))
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < res.nitems; i++) {
		const search_item *it = &res.items[i];
		json_array_append_new(items, json_pack("{s:s, s:I, s:s, s:s, s:s, s:f}", "type", it->type,
		                                       "id", (json_int_t)it->id, "title", it->title, "url",
		                                       it->url, "snippet", it->snippet, "score", it->score));
	}
	json_t *facets = json_pack("{s:o, s:o, s:o, s:o}", "type", facet_json(res.type, res.ntype), "year",
	                           facet_json(res.year, res.nyear), "org", facet_json(res.org, res.norg),
	                           "doc_kind", facet_json(res.doc_kind, res.ndoc_kind));
	return http_send_json(r, 200,
	                      json_pack("{s:I, s:b, s:i, s:i, s:o, s:o}", "total", (json_int_t)res.total,
	                                "total_capped", res.total_capped, "limit", p.limit, "offset",
	                                p.offset, "items", items, "facets", facets));
}
