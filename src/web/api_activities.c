/* api_activities.c - JSON API of the activity register: the types with
 * their fields, the countries, the indicators and their values, the
 * activities (filtered and paged, one read, written, deleted), their
 * statistics and their attachments. The shapes are in docs/api.md. */
#include <stdlib.h>
#include <string.h>

#include "core/activity.h"
#include "core/country.h"
#include "core/org.h"
#include "web/kit.h"
#include "web/routes.h"
#include "web/web_int.h"

tt_rc web_activity_id(http_req *r, int i, int64_t *id)
{
	const char *s = r->params[i];
	char *end;
	const char *msg = i ? "Không có tệp đính kèm này." : "Không có hoạt động này.";
	if (!s || !*s || *s == '-' || *s == '+')
		return ctx_fail(&r->ctx, TT_ERR_NOT_FOUND, "%s", msg);
	long long v = strtoll(s, &end, 10);
	if (*end || v <= 0)
		return ctx_fail(&r->ctx, TT_ERR_NOT_FOUND, "%s", msg);
	*id = v;
	return TT_OK;
}

tt_rc web_activity_org(http_req *r, const char *code, int64_t *id)
{
	*id = 0;
	if (!code || !*code)
		return TT_OK;
	st_org o;
	tt_rc rc = org_get(&r->ctx, code, &o);
	if (rc == TT_ERR_NOT_FOUND)
		return ctx_fail(&r->ctx, TT_ERR_INVALID, "Đơn vị \"%s\" (org) không có trong danh mục.",
		                code);
	if (!rc)
		*id = o.id;
	return rc;
}

json_t *web_activity_type_json(const activity_type *t)
{
	json_t *fields = json_array();
	for (size_t i = 0; i < t->nfields; i++) {
		const activity_field *f = &t->fields[i];
		json_t *o = json_pack("{s:s, s:s, s:s, s:b}", "key", f->key, "label", f->label, "kind",
		                      activity_kind_name(f->kind), "required", f->required);
		if (f->kind == AF_TEXT && f->has_max)
			json_object_set_new(o, "max_length", json_integer((json_int_t)f->max));
		else if (f->kind == AF_INTEGER || f->kind == AF_DECIMAL) {
			if (f->has_min)
				json_object_set_new(o, "min", web_number(f->min));
			if (f->has_max)
				json_object_set_new(o, "max", web_number(f->max));
		}
		if (f->kind == AF_ENUM) {
			json_t *c = json_array();
			for (size_t j = 0; j < f->nchoices; j++)
				json_array_append_new(c, json_pack("{s:s, s:s}", "value", f->choices[j].key,
				                                   "label", f->choices[j].label));
			json_object_set_new(o, "values", c);
		}
		json_array_append_new(fields, o);
	}
	return json_pack("{s:s, s:s, s:b, s:s?, s:o}", "key", t->key, "label", t->label, "people", t->people,
	                 "people_label", t->people ? t->people_label : NULL, "fields", fields);
}

tt_rc api_activity_types(http_req *r)
{
	size_t n;
	const activity_type *t = activity_types(&n);
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, web_activity_type_json(&t[i]));
	return http_send_json(r, 200, a);
}

tt_rc api_countries(http_req *r)
{
	size_t n;
	const country *c = country_all(&n);
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "code", c[i].code, "name", c[i].name,
		                                   "name_en", c[i].name_en));
	return http_send_json(r, 200, a);
}

static json_t *indicator_json(const activity_indicator *x)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s?}", "key", x->key, "name", x->name, "unit",
	                 x->unit, "type", x->kind, "definition", x->definition, "activity_type", x->type,
	                 "field", x->field);
}

tt_rc api_indicators(http_req *r)
{
	size_t n;
	const activity_indicator *x = activity_indicators(&n);
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, indicator_json(&x[i]));
	return http_send_json(r, 200, a);
}

tt_rc api_indicator_value(http_req *r)
{
	const char *org = NULL, *from = NULL, *to = NULL;
	const kit_field in[] = {
	    {.name = "org", .type = KIT_TEXT, .required = 1, .max_len = 100, .text = &org},
	    {.name = "from", .type = KIT_TEXT, .required = 1, .max_len = 10, .text = &from},
	    {.name = "to", .type = KIT_TEXT, .required = 1, .max_len = 10, .text = &to},
	};
	int64_t org_id;
	double v;
	int64_t sources;
	const activity_indicator *x = activity_indicator_get(r->params[0]);
	if (!x)
		return ctx_fail(&r->ctx, TT_ERR_NOT_FOUND, "Không có chỉ tiêu này.");
	tt_rc rc = kit_query(r, in, sizeof in / sizeof in[0]);
	if (rc || (rc = web_activity_org(r, org, &org_id)) ||
	    (rc = activity_indicator_value(&r->ctx, x->key, org_id, from, to, &v, &sources)))
		return rc;
	json_t *o = indicator_json(x);
	json_object_set_new(o, "org", json_string(org));
	json_object_set_new(o, "from", json_string(from));
	json_object_set_new(o, "to", json_string(to));
	json_object_set_new(o, "value", web_number(v));
	json_object_set_new(o, "sources", json_integer(sources));
	return http_send_json(r, 200, o);
}

tt_rc web_activity_query(http_req *r, st_activity_query *q)
{
	const char *type = NULL, *org = NULL, *from = NULL, *to = NULL, *ctry = NULL;
	long long task = 0, limit = 50, offset = 0;
	int subtree = 1;
	const kit_field in[] = {
	    {.name = "type", .type = KIT_TEXT, .max_len = 50, .text = &type},
	    {.name = "org", .type = KIT_TEXT, .max_len = 100, .text = &org},
	    {.name = "subtree", .type = KIT_BOOL, .flag = &subtree},
	    {.name = "from", .type = KIT_TEXT, .max_len = 10, .text = &from},
	    {.name = "to", .type = KIT_TEXT, .max_len = 10, .text = &to},
	    {.name = "country", .type = KIT_TEXT, .max_len = 100, .text = &ctry},
	    {.name = "plan_task", .type = KIT_INT, .min = 1, .max = INT64_MAX, .num = &task},
	    {.name = "limit", .type = KIT_INT, .min = 1, .max = ACTIVITY_MAX_PAGE, .clamp = 1, .num = &limit},
	    {.name = "offset", .type = KIT_INT, .min = 0, .max = 1000000000, .num = &offset},
	};
	tt_rc rc = kit_query(r, in, sizeof in / sizeof in[0]);
	int64_t org_id = 0;
	if (rc || (rc = web_activity_org(r, org, &org_id)))
		return rc;
	*q = (st_activity_query){.org_id = org_id,
	                         .subtree = subtree,
	                         .type = type && *type ? type : NULL,
	                         .from = from && *from ? from : NULL,
	                         .to = to && *to ? to : NULL,
	                         .country = ctry && *ctry ? ctry : NULL,
	                         .plan_task_id = task,
	                         .limit = (int)limit,
	                         .offset = (int)offset};
	return TT_OK;
}

/* One row of a list: the record without attachments. */
static json_t *row_json(http_req *r, const st_activity *a)
{
	activity_view v = {.a = *a};
	activity_countries(&r->ctx, a->id, &v.countries, &v.ncountries);
	json_t *o = activity_json(&v);
	json_object_del(o, "attachments");
	json_object_del(o, "can_edit");
	return o;
}

tt_rc api_activities_list(http_req *r)
{
	st_activity_query q;
	st_activity *a;
	size_t n;
	int64_t total;
	tt_rc rc = web_activity_query(r, &q);
	if (rc || (rc = activity_list(&r->ctx, &q, &a, &n, &total)))
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, row_json(r, &a[i]));
	return http_send_json(r, 200,
	                      json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", (json_int_t)total,
	                                "limit", q.limit, "offset", q.offset));
}

static tt_rc send_activity(http_req *r, int status, int64_t id)
{
	activity_view v;
	tt_rc rc = activity_get(&r->ctx, id, &v);
	if (rc)
		return rc;
	return http_send_json(r, status, activity_json(&v));
}

tt_rc api_activities_create(http_req *r)
{
	json_t *body = NULL;
	activity_input in;
	int64_t id = 0;
	tt_rc rc = http_json_body(r, &body);
	if (!rc && !(rc = activity_input_json(&r->ctx, body, &in)))
		rc = activity_create(&r->ctx, &in, &id);
	json_decref(body);
	if (rc)
		return rc;
	return send_activity(r, 201, id);
}

tt_rc api_activity_get(http_req *r)
{
	int64_t id = 0;
	tt_rc rc = web_activity_id(r, 0, &id);
	return rc ? rc : send_activity(r, 200, id);
}

tt_rc api_activity_put(http_req *r)
{
	int64_t id = 0;
	json_t *body = NULL;
	activity_input in;
	tt_rc rc = web_activity_id(r, 0, &id);
	if (!rc && !(rc = http_json_body(r, &body)) && !(rc = activity_input_json(&r->ctx, body, &in)))
		rc = activity_update(&r->ctx, id, &in);
	json_decref(body);
	return rc ? rc : send_activity(r, 200, id);
}

tt_rc api_activity_delete(http_req *r)
{
	int64_t id = 0;
	tt_rc rc = web_activity_id(r, 0, &id);
	if (rc || (rc = activity_delete(&r->ctx, id)))
		return rc;
	return http_send_json(r, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "deleted", 1));
}

tt_rc api_activities_stats(http_req *r)
{
	const char *group = NULL, *org = NULL, *from = NULL, *to = NULL;
	const kit_field in[] = {
	    {.name = "group", .type = KIT_TEXT, .required = 1, .max_len = 10, .text = &group},
	    {.name = "org", .type = KIT_TEXT, .max_len = 100, .text = &org},
	    {.name = "from", .type = KIT_TEXT, .max_len = 10, .text = &from},
	    {.name = "to", .type = KIT_TEXT, .max_len = 10, .text = &to},
	};
	int64_t org_id = 0;
	st_activity_group *g;
	size_t n;
	tt_rc rc = kit_query(r, in, sizeof in / sizeof in[0]);
	if (rc || (rc = web_activity_org(r, org, &org_id)) ||
	    (rc = activity_stats(&r->ctx, group, org_id, from && *from ? from : NULL, to && *to ? to : NULL,
	                         &g, &n)))
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:I, s:I}", "key", g[i].key, "name", g[i].name,
		                                   "count", (json_int_t)g[i].count, "people",
		                                   (json_int_t)g[i].people));
	return http_send_json(r, 200, json_pack("{s:s, s:o}", "group", group, "groups", a));
}

tt_rc api_activity_attach(http_req *r)
{
	int64_t id = 0;
	tt_rc rc = web_activity_id(r, 0, &id);
	if (rc)
		return rc;
	if (!r->nfiles)
		return ctx_fail(&r->ctx, TT_ERR_INVALID, "Chưa chọn tệp nào để đính kèm.");
	json_t *ids = json_array();
	for (size_t i = 0; i < r->nfiles && !rc; i++) {
		int64_t att = 0;
		if (!(rc =
		          activity_attachment_add(&r->ctx, id, r->files[i].filename, r->files[i].path, &att)))
			json_array_append_new(ids, json_integer(att));
	}
	if (rc) {
		json_decref(ids);
		return rc;
	}
	activity_view v;
	if ((rc = activity_get(&r->ctx, id, &v))) {
		json_decref(ids);
		return rc;
	}
	json_t *o = activity_json(&v);
	json_object_set_new(o, "added", ids);
	return http_send_json(r, 201, o);
}

tt_rc web_activity_send_attachment(http_req *r, int64_t id, int64_t att_id)
{
	st_activity_attachment a;
	tt_rc rc = activity_attachment_get(&r->ctx, id, att_id, &a);
	if (rc || (rc = http_send_blob(r, a.content_type, a.blob_id, a.size)))
		return rc;
	/* The stored name is user input: keep only safe characters in the header. */
	tt_buf name;
	buf_init(&name, 256);
	for (const char *p = a.filename; *p && name.len < 200; p++)
		buf_addc(&name, (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		                        (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_'
		                    ? *p
		                    : '_');
	http_set_header(
	    r, "Content-Disposition",
	    arena_printf(&r->arena, "attachment; filename=\"%s\"", name.data ? name.data : "tep"));
	http_set_header(r, "X-Content-Type-Options", "nosniff");
	buf_free(&name);
	return TT_OK;
}

tt_rc api_activity_attachment(http_req *r)
{
	int64_t id = 0, att = 0;
	tt_rc rc = web_activity_id(r, 0, &id);
	if (rc || (rc = web_activity_id(r, 1, &att)))
		return rc;
	return web_activity_send_attachment(r, id, att);
}

tt_rc api_activity_attachment_delete(http_req *r)
{
	int64_t id = 0, att = 0;
	tt_rc rc = web_activity_id(r, 0, &id);
	if (rc || (rc = web_activity_id(r, 1, &att)) || (rc = activity_attachment_delete(&r->ctx, id, att)))
		return rc;
	return send_activity(r, 200, id);
}
