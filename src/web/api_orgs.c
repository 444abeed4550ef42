/* api_orgs.c - JSON API of the registry of bodies. */
#include <stdlib.h>
#include <string.h>

#include "core/org.h"
#include "web/kit.h"
#include "web/routes.h"

static json_t *org_json(const st_org *o)
{
	return json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s?}", "code", o->code, "name", o->name, "kind",
	                 o->kind, "parent_code", o->parent_code, "valid_from", o->valid_from, "valid_to",
	                 o->valid_to);
}

static json_t *orgs_json(const st_org *o, size_t n, int brief)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, brief ? json_pack("{s:s, s:s, s:s}", "code", o[i].code, "name",
		                                             o[i].name, "kind", o[i].kind)
		                                 : org_json(&o[i]));
	return arr;
}

tt_rc api_orgs(http_req *r)
{
	st_org *o;
	size_t n;
	const char *kind = NULL, *at = NULL, *q = NULL, *parent = NULL;
	long long limit = 50, offset = 0;
	const kit_field in[] = {
	    {.name = "kind", .type = KIT_TEXT, .max_len = 32, .text = &kind},
	    {.name = "at", .type = KIT_TEXT, .max_len = 10, .text = &at},
	    {.name = "q", .type = KIT_TEXT, .max_len = 500, .text = &q},
	    {.name = "parent", .type = KIT_TEXT, .max_len = 64, .text = &parent},
	    {.name = "limit", .type = KIT_INT, .max = 1000, .clamp = 1, .num = &limit},
	    {.name = "offset", .type = KIT_INT, .max = 1 << 30, .num = &offset},
	};
	tt_rc krc = kit_query(r, in, sizeof in / sizeof in[0]);
	if (krc)
		return krc;
	if (kind && *kind && !org_kind_valid(kind))
		return ctx_fail(&r->ctx, TT_ERR_INVALID, "Loại đơn vị '%s' không hợp lệ.", kind);
	if (at && *at && !ctx_date_valid(at))
		return ctx_fail(&r->ctx, TT_ERR_INVALID, "Tham số at phải có dạng YYYY-MM-DD.");
	tt_rc rc = org_search(&r->ctx, q, at && *at ? at : NULL, kind && *kind ? kind : NULL, parent,
	                      (int)limit, (int)offset, &o, &n);
	if (rc)
		return rc;
	return http_send_json(r, 200, orgs_json(o, n, 0));
}

tt_rc api_org(http_req *r)
{
	st_org o;
	tt_rc rc = org_get(&r->ctx, r->params[0], &o);
	if (rc)
		return rc;
	const char **aliases;
	size_t nal;
	if ((rc = org_aliases(&r->ctx, o.id, &aliases, &nal)))
		return rc;
	json_t *j = org_json(&o), *al = json_array();
	for (size_t i = 0; i < nal; i++)
		json_array_append_new(al, json_string(aliases[i]));
	json_object_set_new(j, "aliases", al);
	return http_send_json(r, 200, j);
}

tt_rc api_org_successors(http_req *r)
{
	st_org o, *s;
	size_t n;
	tt_rc rc = org_get(&r->ctx, r->params[0], &o);
	if (rc || (rc = org_successors(&r->ctx, o.id, 1, &s, &n)))
		return rc;
	return http_send_json(r, 200, orgs_json(s, n, 1));
}

tt_rc api_org_history(http_req *r)
{
	st_org o, *pred, *succ;
	size_t np, ns;
	tt_rc rc = org_get(&r->ctx, r->params[0], &o);
	if (rc || (rc = org_predecessors(&r->ctx, o.id, &pred, &np)) ||
	    (rc = org_successors(&r->ctx, o.id, 0, &succ, &ns)))
		return rc;
	return http_send_json(r, 200,
	                      json_pack("{s:o, s:o, s:o}", "org", org_json(&o), "predecessors",
	                                orgs_json(pred, np, 0), "successors", orgs_json(succ, ns, 0)));
}
