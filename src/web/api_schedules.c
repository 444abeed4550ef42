/* api_schedules.c - JSON API of schedules (reporting regimes), round copy,
 * the ministry's drill-down and provinces, and an indicator compared
 * across the 2025 merger. Shapes in docs/api.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cal.h"
#include "core/round.h"
#include "core/schedule.h"
#include "web/kit.h"
#include "web/page.h"
#include "web/routes.h"
#include "web/web_int.h"

static tt_rc schedule_id(http_req *r, int64_t *id)
{
	const char *s = r->params[0];
	char *end;
	if (!s || !*s || *s == '-' || *s == '+')
		return ctx_fail(&r->ctx, TT_ERR_NOT_FOUND, "Không có lịch báo cáo này.");
	long long v = strtoll(s, &end, 10);
	if (*end || v <= 0)
		return ctx_fail(&r->ctx, TT_ERR_NOT_FOUND, "Không có lịch báo cáo này.");
	*id = v;
	return TT_OK;
}

static json_t *kinds_json(const char *kinds)
{
	json_t *a = json_array();
	while (kinds && *kinds) {
		const char *comma = strchr(kinds, ',');
		size_t len = comma ? (size_t)(comma - kinds) : strlen(kinds);
		json_array_append_new(a, json_stringn(kinds, len));
		kinds = comma ? comma + 1 : NULL;
	}
	return a;
}

static json_t *schedule_json(const st_schedule *x)
{
	return json_pack("{s:I, s:s, s:o, s:i, s:o, s:b, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)x->id,
	                 "title", x->title, "kinds", kinds_json(x->kinds), "due_days", x->due_days,
	                 "up_due_days", x->up_due_days ? json_integer(x->up_due_days) : json_null(), "active",
	                 x->active, "starts_on", x->starts_on, "owner_code", x->owner_code, "owner_name",
	                 x->owner_name, "created_at", x->created_at, "version", (json_int_t)x->version);
}

tt_rc api_schedules_list(http_req *r)
{
	st_schedule *x;
	size_t n;
	tt_rc rc = schedule_list(&r->ctx, &x, &n);
	if (rc)
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, schedule_json(&x[i]));
	return http_send_json(r, 200, a);
}

static tt_rc bad(http_req *r, const char *msg)
{
	return ctx_fail(&r->ctx, TT_ERR_INVALID, "%s", msg);
}

/* Reads a schedule from a JSON body (the shape of GET, without ids). */
static tt_rc read_spec(http_req *r, json_t *body, schedule_spec *spec)
{
	tt_arena *a = &r->arena;
	memset(spec, 0, sizeof *spec);
	if (!json_is_object(body))
		return bad(r, "Nội dung phải là một đối tượng JSON.");
	json_t *title = json_object_get(body, "title"), *kinds = json_object_get(body, "kinds"),
	       *orgs = json_object_get(body, "orgs"), *sections = json_object_get(body, "sections"),
	       *counts = json_object_get(body, "counts"), *due = json_object_get(body, "due_days"),
	       *up = json_object_get(body, "up_due_days"), *active = json_object_get(body, "active");
	if (!json_is_string(title))
		return bad(r, "Trường \"title\" phải là chuỗi (tên lịch báo cáo).");
	spec->title = json_string_value(title);
	if (!json_is_array(kinds))
		return bad(r, "Trường \"kinds\" phải là mảng loại kỳ, ví dụ [\"half_year\", \"year\"].");
	if (!json_is_array(orgs))
		return bad(r, "Trường \"orgs\" phải là mảng mã đơn vị.");
	if ((sections && !json_is_array(sections)) || (counts && !json_is_array(counts)))
		return bad(r, "sections và counts phải là mảng.");
	if (!json_is_integer(due))
		return bad(r, "Trường \"due_days\" phải là số ngày (số nguyên) sau ngày chốt số liệu.");
	if (up && !json_is_null(up) && !json_is_integer(up))
		return bad(r, "Trường \"up_due_days\" phải là số ngày (số nguyên) hoặc null.");
	if (active && !json_is_boolean(active))
		return bad(r, "Trường \"active\" phải là true hoặc false.");
	json_int_t dd = json_integer_value(due), ud = json_is_integer(up) ? json_integer_value(up) : 0;
	if (dd < -100000 || dd > 100000 || ud < -100000 || ud > 100000)
		return bad(r, "Số ngày quá lớn.");
	spec->due_days = (int)dd;
	spec->up_due_days = (int)ud;
	spec->active = active ? json_is_true(active) : 1;
	size_t nk = json_array_size(kinds), no = json_array_size(orgs), ns = json_array_size(sections),
	       nc = json_array_size(counts);
	if (nk > 5 || no > ROUND_MAX_ORGS || ns > ROUND_MAX_ITEMS || nc > ROUND_MAX_ITEMS)
		return bad(r, "Quá nhiều loại kỳ, đơn vị, mục hoặc chỉ tiêu.");
	const char **k = arena_alloc(a, (nk + 1) * sizeof *k),
	           **codes = arena_alloc(a, (no + 1) * sizeof *codes);
	st_section *sec = arena_alloc(a, (ns + 1) * sizeof *sec);
	st_count *cnt = arena_alloc(a, (nc + 1) * sizeof *cnt);
	if (!k || !codes || !sec || !cnt)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < nk; i++)
		if (!(k[i] = json_string_value(json_array_get(kinds, i))))
			return bad(r, "Mỗi phần tử của kinds phải là chuỗi: month, quarter, half_year, "
			              "nine_months, year.");
	for (size_t i = 0; i < no; i++)
		if (!(codes[i] = json_string_value(json_array_get(orgs, i))))
			return bad(r, "Mỗi phần tử của orgs phải là mã đơn vị (chuỗi).");
	for (size_t i = 0; i < ns; i++) {
		json_t *s = json_array_get(sections, i);
		sec[i].key = json_string_value(json_object_get(s, "key"));
		sec[i].heading = json_string_value(json_object_get(s, "heading"));
		if (!sec[i].key || !sec[i].heading)
			return bad(r, "Mỗi mục cần \"key\" và \"heading\" (chuỗi).");
	}
	for (size_t i = 0; i < nc; i++) {
		json_t *c = json_array_get(counts, i);
		cnt[i].key = json_string_value(json_object_get(c, "key"));
		cnt[i].name = json_string_value(json_object_get(c, "name"));
		if (!cnt[i].key || !cnt[i].name)
			return bad(r, "Mỗi chỉ tiêu cần \"key\" và \"name\" (chuỗi).");
		static const char *const opt[] = {"unit", "type", "indicator"};
		for (size_t j = 0; j < 3; j++) {
			json_t *v = json_object_get(c, opt[j]);
			if (v && !json_is_string(v) && !json_is_null(v))
				return ctx_fail(&r->ctx, TT_ERR_INVALID,
				                "Trường \"%s\" của chỉ tiêu phải là chuỗi.", opt[j]);
		}
		cnt[i].unit = json_string_value(json_object_get(c, "unit"));
		cnt[i].type = json_string_value(json_object_get(c, "type"));
		cnt[i].indicator = json_string_value(json_object_get(c, "indicator"));
	}
	spec->kinds = k;
	spec->nkinds = nk;
	spec->org_codes = codes;
	spec->norgs = no;
	spec->sections = sec;
	spec->nsections = ns;
	spec->counts = cnt;
	spec->ncounts = nc;
	return TT_OK;
}

tt_rc api_schedules_create(http_req *r)
{
	json_t *body;
	tt_rc rc = http_json_body(r, &body);
	if (rc)
		return rc;
	schedule_spec spec;
	int64_t id;
	if (!(rc = read_spec(r, body, &spec)) && !(rc = schedule_create(&r->ctx, &spec, &id)))
		rc = http_send_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
	json_decref(body);
	return rc;
}

tt_rc api_schedule_get(http_req *r)
{
	int64_t id;
	schedule_view v;
	tt_rc rc = schedule_id(r, &id);
	if (rc || (rc = schedule_get(&r->ctx, id, &v)))
		return rc;
	json_t *j = schedule_json(&v.schedule), *js = json_array(), *jc = json_array(), *jo = json_array();
	for (size_t i = 0; i < v.nsections; i++)
		json_array_append_new(
		    js, json_pack("{s:s, s:s}", "key", v.sections[i].key, "heading", v.sections[i].heading));
	for (size_t i = 0; i < v.ncounts; i++)
		json_array_append_new(jc,
		                      json_pack("{s:s, s:s, s:s, s:s, s:s?}", "key", v.counts[i].key, "name",
		                                v.counts[i].name, "unit", v.counts[i].unit, "type",
		                                v.counts[i].type, "indicator", v.counts[i].indicator));
	for (size_t i = 0; i < v.norgs; i++)
		json_array_append_new(jo, json_string(v.orgs[i].code));
	json_object_set_new(j, "sections", js);
	json_object_set_new(j, "counts", jc);
	json_object_set_new(j, "orgs", jo);
	json_object_set_new(j, "can_edit", json_boolean(v.can_edit));
	return http_send_json(r, 200, j);
}

tt_rc api_schedule_rates(http_req *r)
{
	int64_t id;
	schedule_rate *x;
	size_t n;
	tt_rc rc = schedule_id(r, &id);
	if (rc || (rc = schedule_rates(&r->ctx, id, &x, &n)))
		return rc;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *e = web_rates_json(&x[i].rates);
		json_object_set_new(e, "round_id", json_integer((json_int_t)x[i].round_id));
		json_object_set_new(e, "period", json_string(x[i].period_key));
		json_object_set_new(e, "label", json_string(x[i].label));
		json_array_append_new(arr, e);
	}
	return http_send_json(r, 200, json_pack("{s:I, s:o}", "schedule_id", (json_int_t)id, "rounds", arr));
}

tt_rc api_schedule_put(http_req *r)
{
	int64_t id;
	json_t *body = NULL;
	tt_rc rc = schedule_id(r, &id);
	if (rc || (rc = http_json_body(r, &body)))
		return rc;
	schedule_spec spec;
	if (!(rc = read_spec(r, body, &spec)) && !(rc = schedule_update(&r->ctx, id, &spec)))
		rc = api_schedule_get(r);
	json_decref(body);
	return rc;
}

tt_rc api_schedule_delete(http_req *r)
{
	int64_t id;
	tt_rc rc = schedule_id(r, &id);
	if (rc || (rc = schedule_delete(&r->ctx, id)))
		return rc;
	return http_send_json(r, 200, json_pack("{s:b}", "deleted", 1));
}

tt_rc api_round_copy(http_req *r)
{
	int64_t id, nid;
	round_copy_spec cs = {0};
	int past = 0;
	const kit_field in[] = {
	    {.name = "period", .type = KIT_TEXT, .max_len = 20, .text = &cs.period_key},
	    {.name = "period_start", .type = KIT_TEXT, .max_len = 20, .text = &cs.period_start},
	    {.name = "period_end", .type = KIT_TEXT, .max_len = 20, .text = &cs.period_end},
	    {.name = "due", .type = KIT_TEXT, .max_len = 20, .text = &cs.due},
	    {.name = "allow_past_due", .type = KIT_BOOL, .flag = &past},
	};
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = kit_json(r, in, sizeof in / sizeof in[0])))
		return rc;
	if (cs.period_key && (cs.period_start || cs.period_end))
		return bad(
		    r, "Chỉ gửi một trong hai: \"period\" (mã kỳ) hoặc \"period_start\" và \"period_end\".");
	cs.allow_past_due = past;
	if ((rc = round_copy(&r->ctx, id, &cs, &nid)))
		return rc;
	return http_send_json(r, 201, json_pack("{s:I}", "id", (json_int_t)nid));
}

tt_rc api_round_drill(http_req *r)
{
	int64_t id;
	round_drill_row *rows;
	size_t n;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = round_drill(&r->ctx, id, &rows, &n)))
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		const round_drill_row *x = &rows[i];
		json_t *o = json_pack("{s:s, s:s, s:s, s:s?}", "org_code", x->report.org_code, "org_name",
		                      x->report.org_name, "status", x->report.status, "submitted_at",
		                      x->report.submitted_at);
		json_object_set_new(
		    o, "own_round",
		    x->own_round_id ? json_pack("{s:I, s:i, s:i}", "id", (json_int_t)x->own_round_id,
		                                "expected", x->own_expected, "submitted", x->own_submitted)
		                    : json_null());
		json_array_append_new(a, o);
	}
	return http_send_json(r, 200, a);
}

tt_rc api_ministry_provinces(http_req *r)
{
	const char *at = NULL;
	char today[CAL_DATE_LEN];
	cal_vn_date(r->ctx.now, today);
	const kit_field in[] = {{.name = "at", .type = KIT_TEXT, .max_len = 20, .text = &at}};
	st_org *o;
	size_t n;
	tt_rc rc = kit_query(r, in, 1);
	if (rc || (rc = ministry_provinces(&r->ctx, at ? at : today, &o, &n)))
		return rc;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "code", o[i].code, "name", o[i].name));
	return http_send_json(r, 200, a);
}

/* "2024,2025" into years[]; returns how many, or -1 when malformed. */
static int parse_years(const char *s, int *years, int cap)
{
	int n = 0;
	while (s && *s) {
		char *end;
		if (*s < '0' || *s > '9' || n == cap)
			return -1;
		long y = strtol(s, &end, 10);
		if (y < PERIOD_YEAR_MIN || y > PERIOD_YEAR_MAX || (*end && *end != ','))
			return -1;
		years[n++] = (int)y;
		s = *end ? end + 1 : end;
	}
	return n;
}

tt_rc web_indicator_compare(http_req *r, int *years, size_t *ny, const char **at,
                            indicator_compare_row **rows, size_t *n)
{
	const char *ys = NULL;
	char today[CAL_DATE_LEN];
	cal_vn_date(r->ctx.now, today);
	*at = NULL;
	const kit_field in[] = {
	    {.name = "years", .type = KIT_TEXT, .required = 1, .max_len = 60, .text = &ys},
	    {.name = "at", .type = KIT_TEXT, .max_len = 20, .text = at}};
	tt_rc rc = kit_query(r, in, 2);
	if (rc)
		return rc;
	int k = parse_years(ys, years, 10);
	if (k <= 0)
		return bad(r,
		           "Tham số \"years\" là các năm cách nhau bởi dấu phẩy, ví dụ years=2024,2025 (tối "
		           "đa 10 năm).");
	if (!*at)
		*at = arena_strdup(&r->arena, today);
	*ny = (size_t)k;
	return indicator_compare(&r->ctx, r->params[0], years, *ny, *at, rows, n);
}

tt_rc api_indicator_compare(http_req *r)
{
	int years[10];
	size_t ny, n;
	const char *at;
	indicator_compare_row *rows;
	tt_rc rc = web_indicator_compare(r, years, &ny, &at, &rows, &n);
	if (rc)
		return rc;
	json_t *jy = json_array(), *jr = json_array();
	for (size_t y = 0; y < ny; y++)
		json_array_append_new(jy, json_integer(years[y]));
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_object(), *s = json_object();
		for (size_t y = 0; y < ny; y++) {
			char key[8];
			snprintf(key, sizeof key, "%d", years[y]);
			json_object_set_new(v, key, json_real(rows[i].values[y]));
			json_object_set_new(s, key, json_string(rows[i].sources[y]));
		}
		json_array_append_new(jr, json_pack("{s:s, s:s, s:o, s:o}", "code", rows[i].code, "name",
		                                    rows[i].name, "values", v, "sources", s));
	}
	return http_send_json(
	    r, 200,
	    json_pack("{s:s, s:s, s:o, s:o}", "indicator", r->params[0], "at", at, "years", jy, "rows", jr));
}

void web_round_schedule_json(http_req *r, int64_t round_id, json_t *j)
{
	int64_t sid = 0;
	const char *key = NULL, *up_due = NULL;
	if (round_schedule_info(&r->ctx, round_id, &sid, &key, &up_due))
		key = up_due = NULL, sid = 0;
	json_object_set_new(j, "schedule_id", sid ? json_integer((json_int_t)sid) : json_null());
	json_object_set_new(j, "period_key", key ? json_string(key) : json_null());
	json_object_set_new(j, "up_due", up_due ? json_string(up_due) : json_null());
}
