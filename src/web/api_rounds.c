/* api_rounds.c - JSON API of reporting rounds and reports. The shapes are
 * documented in docs/api.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cal.h"
#include "core/org.h"
#include "core/period.h"
#include "core/remind.h"
#include "core/round.h"
#include "core/schedule.h"
#include "web/kit.h"
#include "web/page.h"
#include "web/routes.h"
#include "web/web_int.h"

tt_rc web_round_id(http_req *r, int64_t *id)
{
	const char *s = r->params[0];
	char *end;
	if (!s || !*s || *s == '-' || *s == '+')
		return ctx_fail(&r->ctx, TT_ERR_NOT_FOUND, "Không có đợt báo cáo này.");
	long long v = strtoll(s, &end, 10);
	if (*end || v <= 0)
		return ctx_fail(&r->ctx, TT_ERR_NOT_FOUND, "Không có đợt báo cáo này.");
	*id = v;
	return TT_OK;
}

static json_t *round_json(const st_round *x)
{
	json_t *j =
	    json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:o}", "id", (json_int_t)x->id,
	              "title", x->title, "period_start", x->period_start, "period_end", x->period_end, "due",
	              x->due, "owner_code", x->owner_code, "owner_name", x->owner_name, "created_at",
	              x->created_at, "expected", x->expected, "submitted", x->submitted, "plan_id",
	              x->plan_id ? json_integer((json_int_t)x->plan_id) : json_null());
	if (j) {
		json_object_set_new(j, "closed", json_boolean(x->closed_at != NULL));
		json_object_set_new(j, "closed_at", x->closed_at ? json_string(x->closed_at) : json_null());
	}
	return j;
}

tt_rc api_rounds_list(http_req *r)
{
	st_round *x;
	size_t n;
	tt_rc rc = round_list(&r->ctx, &x, &n);
	if (rc)
		return rc;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, round_json(&x[i]));
	return http_send_json(r, 200, arr);
}

tt_rc api_periods(http_req *r)
{
	const char *kind = NULL;
	char today[CAL_DATE_LEN];
	cal_vn_date(r->ctx.now, today);
	long long year = strtoll(today, NULL, 10); /* "2026-03-10" -> 2026 */
	const kit_field in[] = {
	    {.name = "kind", .type = KIT_TEXT, .required = 1, .max_len = 20, .text = &kind},
	    {.name = "year", .type = KIT_INT, .min = PERIOD_YEAR_MIN, .max = PERIOD_YEAR_MAX, .num = &year},
	};
	tt_rc rc = kit_query(r, in, sizeof in / sizeof in[0]);
	if (rc)
		return rc;
	period_kind k;
	if (period_kind_parse(kind, &k))
		return ctx_fail(&r->ctx, TT_ERR_INVALID,
		                "Tham số \"kind\" phải là month, quarter, half_year, nine_months hoặc year.");
	period p[PERIOD_MAX];
	size_t n = period_list(k, (int)year, p);
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:s}", "key", p[i].key, "kind",
		                                   period_kind_name(p[i].kind), "label", p[i].label, "start",
		                                   p[i].start, "end", p[i].end));
	return http_send_json(r, 200, a);
}

/* Reads a required string member, with a message naming it. */
static tt_rc member_string(http_req *r, json_t *o, const char *key, const char **out)
{
	json_t *v = json_object_get(o, key);
	if (!json_is_string(v))
		return ctx_fail(&r->ctx, TT_ERR_INVALID, "Trường \"%s\" phải là chuỗi.", key);
	*out = json_string_value(v);
	return TT_OK;
}

tt_rc api_rounds_create(http_req *r)
{
	json_t *body;
	tt_rc rc = http_json_body(r, &body);
	if (rc)
		return rc;
	round_spec spec = {0};
	json_t *orgs = json_object_get(body, "orgs"), *sections = json_object_get(body, "sections"),
	       *counts = json_object_get(body, "counts");
	if (!json_is_object(body)) {
		rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "Nội dung phải là một đối tượng JSON.");
		goto out;
	}
	/* The period: a key of GET /api/v1/periods, or its two days. */
	json_t *pkey = json_object_get(body, "period");
	period per;
	if (pkey && !json_is_null(pkey)) {
		if (json_object_get(body, "period_start") || json_object_get(body, "period_end")) {
			rc = ctx_fail(&r->ctx, TT_ERR_INVALID,
			              "Chỉ gửi một trong hai: \"period\" (mã kỳ) hoặc \"period_start\" và "
			              "\"period_end\".");
			goto out;
		}
		if (period_from_key(json_string_value(pkey), &per)) {
			rc = ctx_fail(&r->ctx, TT_ERR_INVALID,
			              "Trường \"period\" phải là mã kỳ báo cáo, ví dụ \"2026-H1\", "
			              "\"2026-Q1\", \"2026-M03\", \"2026-9M\" hoặc \"2026-Y\".");
			goto out;
		}
		spec.period_start = per.start;
		spec.period_end = per.end;
	} else if ((rc = member_string(r, body, "period_start", &spec.period_start)) ||
	           (rc = member_string(r, body, "period_end", &spec.period_end)))
		goto out;
	if ((rc = member_string(r, body, "title", &spec.title)) ||
	    (rc = member_string(r, body, "due", &spec.due)))
		goto out;
	json_t *past = json_object_get(body, "allow_past_due");
	if (past && !json_is_boolean(past)) {
		rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "Trường \"allow_past_due\" phải là true hoặc false.");
		goto out;
	}
	spec.allow_past_due = json_is_true(past);
	/* "Tất cả tỉnh, thành phố": the provinces reporting to the user's
	 * body in office at the period's start (core/schedule.h). */
	if (json_is_string(orgs) && !strcmp(json_string_value(orgs), "all_provinces")) {
		st_org *po;
		size_t npo;
		if (!ctx_date_valid(spec.period_start)) {
			rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "Kỳ báo cáo phải là ngày hợp lệ dạng YYYY-MM-DD.");
			goto out;
		}
		if ((rc = ministry_provinces(&r->ctx, spec.period_start, &po, &npo)))
			goto out;
		if (npo == 0) {
			rc = ctx_fail(&r->ctx, TT_ERR_INVALID,
			              "Không có tỉnh, thành phố nào báo cáo lên đơn vị của bạn trong kỳ này.");
			goto out;
		}
		orgs = json_array();
		for (size_t i = 0; i < npo; i++)
			json_array_append_new(orgs, json_string(po[i].code));
		json_object_set_new(body, "orgs", orgs);
	}
	if (!json_is_array(orgs) || (sections && !json_is_array(sections)) ||
	    (counts && !json_is_array(counts))) {
		rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "orgs, sections và counts phải là mảng.");
		goto out;
	}
	size_t no = json_array_size(orgs), ns = json_array_size(sections), nc = json_array_size(counts);
	if (no > ROUND_MAX_ORGS || ns > ROUND_MAX_ITEMS || nc > ROUND_MAX_ITEMS) {
		rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "Quá nhiều đơn vị, mục hoặc chỉ tiêu.");
		goto out;
	}
	const char **codes = arena_alloc(&r->arena, (no + 1) * sizeof *codes);
	st_section *sec = arena_alloc(&r->arena, (ns + 1) * sizeof *sec);
	st_count *cnt = arena_alloc(&r->arena, (nc + 1) * sizeof *cnt);
	if (!codes || !sec || !cnt) {
		rc = TT_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < no; i++)
		if (!(codes[i] = json_string_value(json_array_get(orgs, i)))) {
			rc = ctx_fail(&r->ctx, TT_ERR_INVALID,
			              "Mỗi phần tử của orgs phải là mã đơn vị (chuỗi).");
			goto out;
		}
	for (size_t i = 0; i < ns; i++) {
		json_t *s = json_array_get(sections, i);
		if ((rc = member_string(r, s, "key", &sec[i].key)) ||
		    (rc = member_string(r, s, "heading", &sec[i].heading)))
			goto out;
	}
	for (size_t i = 0; i < nc; i++) {
		json_t *c = json_array_get(counts, i);
		if ((rc = member_string(r, c, "key", &cnt[i].key)) ||
		    (rc = member_string(r, c, "name", &cnt[i].name)))
			goto out;
		json_t *unit = json_object_get(c, "unit");
		if (unit && !json_is_string(unit) && !json_is_null(unit)) {
			rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "Trường \"unit\" phải là chuỗi.");
			goto out;
		}
		cnt[i].unit = json_string_value(unit);
		json_t *type = json_object_get(c, "type");
		if (type && !json_is_string(type) && !json_is_null(type)) {
			rc = ctx_fail(&r->ctx, TT_ERR_INVALID,
			              "Trường \"type\" phải là \"integer\" hoặc \"decimal\".");
			goto out;
		}
		cnt[i].type = json_string_value(type);
		json_t *ind = json_object_get(c, "indicator");
		if (ind && !json_is_string(ind) && !json_is_null(ind)) {
			rc = ctx_fail(&r->ctx, TT_ERR_INVALID,
			              "Trường \"indicator\" phải là mã chỉ tiêu của sổ hoạt động (chuỗi), "
			              "ví dụ \"foreign_press.people\".");
			goto out;
		}
		cnt[i].indicator = json_string_value(ind);
	}
	json_t *plan = json_object_get(body, "plan_id");
	if (plan && !json_is_null(plan) && (!json_is_integer(plan) || json_integer_value(plan) <= 0)) {
		rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "Trường \"plan_id\" phải là số kế hoạch (số nguyên dương).");
		goto out;
	}
	spec.plan_id = json_is_integer(plan) ? (int64_t)json_integer_value(plan) : 0;
	spec.org_codes = codes;
	spec.norgs = no;
	spec.sections = sec;
	spec.nsections = ns;
	spec.counts = cnt;
	spec.ncounts = nc;
	int64_t id;
	if (!(rc = round_create(&r->ctx, &spec, &id)))
		rc = http_send_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
out:
	json_decref(body);
	return rc;
}

tt_rc api_round_get(http_req *r)
{
	int64_t id;
	st_round x;
	st_section *sec;
	st_count *cnt;
	size_t ns, nc;
	int manage;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = round_get(&r->ctx, id, &x, &manage)) ||
	    (rc = round_layout(&r->ctx, id, &sec, &ns, &cnt, &nc)))
		return rc;
	json_t *j = round_json(&x), *js = json_array(), *jc = json_array();
	for (size_t i = 0; i < ns; i++)
		json_array_append_new(js,
		                      json_pack("{s:s, s:s}", "key", sec[i].key, "heading", sec[i].heading));
	for (size_t i = 0; i < nc; i++)
		json_array_append_new(jc, json_pack("{s:s, s:s, s:s, s:s, s:s?}", "key", cnt[i].key, "name",
		                                    cnt[i].name, "unit", cnt[i].unit, "type", cnt[i].type,
		                                    "indicator", cnt[i].indicator));
	json_object_set_new(j, "sections", js);
	json_object_set_new(j, "counts", jc);
	json_object_set_new(j, "manage", json_boolean(manage));
	web_round_schedule_json(r, id, j);
	return http_send_json(r, 200, j);
}

tt_rc api_round_reports(http_req *r)
{
	int64_t id;
	st_report *rep;
	size_t n;
	st_round x;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = round_get(&r->ctx, id, &x, NULL)) || (rc = round_reports(&r->ctx, id, &rep, &n)))
		return rc;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s, s:s?}", "org_code",
		                                     rep[i].org_code, "org_name", rep[i].org_name, "status",
		                                     round_report_status(&rep[i]), "submitted_at",
		                                     rep[i].submitted_at, "return_comment", rep[i].return_comment,
		                                     "due", round_report_due(&x, &rep[i]), "approved_at",
		                                     rep[i].approved_at));
	return http_send_json(r, 200, arr);
}

/* A number as JSON: integers stay integers. */
json_t *web_number(double v)
{
	if (v == floor(v) && fabs(v) < 9e15)
		return json_integer((json_int_t)v);
	return json_real(v);
}

static const char *report_etag(http_req *r, const st_report *rep)
{
	return arena_printf(&r->arena, "\"r%lld-v%lld\"", (long long)rep->id, (long long)rep->version);
}

tt_rc api_report_get(http_req *r)
{
	int64_t id;
	round_report_view v;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = round_report_get(&r->ctx, id, r->params[1], &v)))
		return rc;
	json_t *sections = json_object(), *counts = json_object(), *types = json_object();
	for (size_t i = 0; i < v.ntexts; i++)
		json_object_set_new(sections, v.texts[i].key, json_string(v.texts[i].text));
	for (size_t i = 0; i < v.nvalues; i++)
		json_object_set_new(counts, v.values[i].key, web_number(v.values[i].value));
	for (size_t i = 0; i < v.ncounts; i++)
		json_object_set_new(types, v.counts[i].key, json_string(v.counts[i].type));
	json_t *suggestions = json_object(), *notes = json_object();
	for (size_t i = 0; i < v.ncounts; i++) {
		const round_suggestion *sg = &v.suggestions[i];
		if (!sg->indicator && !sg->below)
			continue;
		json_t *reg =
		    sg->indicator
		        ? json_pack("{s:s, s:o, s:I, s:s}", "indicator", sg->indicator, "suggested",
		                    web_number(sg->value), "sources", (json_int_t)sg->sources, "records",
		                    web_records_url(r, &v.round, v.report.org_code, sg->type))
		        : NULL;
		if (sg->below) {
			/* Drafted from below: the sum of the body's own round; the
			 * register's suggestion, when the count names one, beside it. */
			json_t *o = web_below_suggestion(r, &v, sg);
			if (reg)
				json_object_set_new(o, "register", reg);
			json_object_set_new(suggestions, v.counts[i].key, o);
		} else
			json_object_set_new(suggestions, v.counts[i].key, reg);
	}
	for (size_t i = 0; i < v.nnotes; i++)
		json_object_set_new(notes, v.notes[i].key, json_string(v.notes[i].text));
	json_t *tasks = json_array();
	for (size_t i = 0; i < v.ntasks; i++) {
		const round_task *t = &v.tasks[i];
		const st_plan_progress *g = t->progress;
		json_array_append_new(
		    tasks,
		    json_pack("{s:I, s:s, s:s, s:s, s:o}", "id", (json_int_t)t->tv->task.id, "label",
		              t->tv->task.label, "text", t->tv->task.text, "status", plan_status_name(t->status),
		              "progress",
		              g ? json_pack("{s:s, s:s?, s:s?, s:s?}", "state", g->state, "done_on", g->done_on,
		                            "note", g->note, "at", g->at)
		                : json_null()));
	}
	http_set_header(r, "ETag", report_etag(r, &v.report));
	json_t *j;
	j = json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s?, s:I, s:o, s:o, s:o, s:b, s:b, s:o, s:o}", "org_code",
	              v.report.org_code, "org_name", v.report.org_name, "status", round_report_status(&v.report),
	              "submitted_at", v.report.submitted_at, "return_comment", v.report.return_comment,
	              "updated_at", v.report.updated_at, "version", (json_int_t)v.report.version, "sections",
	              sections, "counts", counts, "count_types", types, "can_edit", v.can_edit, "can_return",
	              v.can_return, "plan_id",
	              v.plan ? json_integer((json_int_t)v.plan->plan.id) : json_null(), "tasks", tasks);
	if (j) {
		json_object_set_new(j, "suggestions", suggestions);
		json_object_set_new(j, "notes", notes);
		json_t *drafts = json_object();
		for (size_t i = 0; i < v.ndrafts; i++)
			json_object_set_new(drafts, v.drafts[i].key, json_string(v.drafts[i].text));
		json_object_set_new(j, "drafts", drafts);
		json_object_set_new(j, "from_round", v.below ? web_below_round(r, v.below) : json_null());
		web_report_life_json(j, &v);
	} else {
		json_decref(suggestions);
		json_decref(notes);
	}
	return http_send_json(r, 200, j);
}

json_t *web_below_round(http_req *r, const st_round *below)
{
	return json_pack("{s:I, s:s, s:i, s:s}", "id", (json_int_t)below->id, "title", below->title,
	                 "submitted", below->submitted, "url",
	                 arena_printf(&r->arena, "/rounds/%lld/consolidated", (long long)below->id));
}

const char *web_below_text(http_req *r, const round_report_view *v, const round_suggestion *sg)
{
	return arena_printf(&r->arena, "từ %lld báo cáo của đợt \"%s\"", (long long)sg->below_reports,
	                    v->below->title);
}

json_t *web_below_suggestion(http_req *r, const round_report_view *v, const round_suggestion *sg)
{
	return json_pack("{s:o, s:I, s:s, s:o, s:s?}", "suggested", web_number(sg->below_value), "sources",
	                 (json_int_t)sg->below_reports, "text", web_below_text(r, v, sg), "from_round",
	                 web_below_round(r, v->below), "indicator", sg->indicator);
}

const char *web_records_url(http_req *r, const st_round *x, const char *org_code, const char *type)
{
	return arena_printf(&r->arena, "/activities?org=%s&from=%s&to=%s&type=%s",
	                    page_url_escape(r, org_code), x->period_start, x->period_end, type);
}

/* The version a PUT's If-Match names: 0 without the header (last write
 * wins), -1 when it names another report, version or form, which can
 * never match. "*" matches any existing report. */
static int64_t if_match_version(http_req *r, int64_t report_id)
{
	const char *h = http_header(r, "If-Match");
	long long rid, ver;
	int used = 0;
	if (!h)
		return 0;
	while (*h == ' ')
		h++;
	if (!strcmp(h, "*"))
		return 0;
	if (sscanf(h, "\"r%lld-v%lld\"%n", &rid, &ver, &used) != 2 || h[used] || rid != report_id || ver <= 0)
		return -1;
	return ver;
}

/* An optional string member: NULL when missing or null; *bad when of
 * another type. */
static const char *opt_string(json_t *o, const char *key, int *bad)
{
	json_t *v = json_object_get(o, key);
	if (v && !json_is_null(v) && !json_is_string(v))
		*bad = 1;
	return json_string_value(v);
}

/* The "progress" array of a report PUT: [{"task", "state", "done_on",
 * "note"}...] (arena copies; body is released after). */
static tt_rc progress_of(http_req *r, json_t *arr, round_progress **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!arr || json_is_null(arr))
		return TT_OK;
	if (!json_is_array(arr) || json_array_size(arr) > PLAN_MAX_TASKS)
		return ctx_fail(&r->ctx, TT_ERR_INVALID,
		                "progress phải là mảng [{\"task\", \"state\", \"done_on\", \"note\"}].");
	size_t k = json_array_size(arr);
	round_progress *p = arena_alloc(&r->arena, (k + 1) * sizeof *p);
	if (!p)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < k; i++) {
		json_t *e = json_array_get(arr, i), *task = json_object_get(e, "task");
		int bad = 0;
		const char *state = opt_string(e, "state", &bad), *done = opt_string(e, "done_on", &bad),
		           *note = opt_string(e, "note", &bad);
		if (!json_is_object(e) || !json_is_integer(task) || json_integer_value(task) <= 0 || bad ||
		    !state)
			return ctx_fail(&r->ctx, TT_ERR_INVALID,
			                "Mỗi phần tử của progress cần \"task\" (số nhiệm vụ), \"state\" "
			                "(chuỗi), và có thể có \"done_on\" (YYYY-MM-DD), \"note\" (chuỗi).");
		p[i] = (round_progress){.task_id = (int64_t)json_integer_value(task),
		                        .state = arena_strdup(&r->arena, state),
		                        .done_on = done ? arena_strdup(&r->arena, done) : NULL,
		                        .note = note ? arena_strdup(&r->arena, note) : NULL};
	}
	*out = p;
	*n = k;
	return TT_OK;
}

tt_rc api_report_put(http_req *r)
{
	int64_t id;
	json_t *body;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = http_json_body(r, &body)))
		return rc;
	json_t *sections = json_object_get(body, "sections"), *counts = json_object_get(body, "counts"),
	       *notes = json_object_get(body, "notes");
	if (!json_is_object(body) || (sections && !json_is_object(sections)) ||
	    (counts && !json_is_object(counts)) || (notes && !json_is_object(notes))) {
		json_decref(body);
		return ctx_fail(&r->ctx, TT_ERR_INVALID,
		                "sections, counts và notes phải là đối tượng {khóa: giá trị}.");
	}
	round_progress *pg = NULL;
	size_t np = 0;
	if ((rc = progress_of(r, json_object_get(body, "progress"), &pg, &np))) {
		json_decref(body);
		return rc;
	}
	size_t nt = json_object_size(sections), nv = json_object_size(counts), nn = json_object_size(notes),
	       i = 0;
	st_text *t = arena_alloc(&r->arena, (nt + 1) * sizeof *t);
	st_value *v = arena_alloc(&r->arena, (nv + 1) * sizeof *v);
	st_text *nts = arena_alloc(&r->arena, (nn + 1) * sizeof *nts);
	const char *key;
	json_t *val;
	if (!t || !v || !nts) {
		json_decref(body);
		return TT_ERR_NOMEM;
	}
	json_object_foreach(sections, key, val)
	{
		if (!json_is_string(val)) {
			rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "Nội dung mục \"%s\" phải là chuỗi.", key);
			json_decref(body);
			return rc;
		}
		t[i].key = arena_strdup(&r->arena, key);
		t[i].text = arena_strdup(&r->arena, json_string_value(val));
		i++;
	}
	i = 0;
	json_object_foreach(counts, key, val)
	{
		if (!json_is_number(val)) {
			rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "Chỉ tiêu \"%s\" phải là số.", key);
			json_decref(body);
			return rc;
		}
		v[i] = (st_value){.key = arena_strdup(&r->arena, key), .value = json_number_value(val)};
		i++;
	}
	i = 0;
	json_object_foreach(notes, key, val)
	{
		if (!json_is_string(val) && !json_is_null(val)) {
			rc = ctx_fail(&r->ctx, TT_ERR_INVALID,
			              "Ghi chú của chỉ tiêu \"%s\" phải là chuỗi (hoặc null để xóa).", key);
			json_decref(body);
			return rc;
		}
		nts[i].key = arena_strdup(&r->arena, key);
		nts[i].text = arena_strdup(&r->arena, json_is_string(val) ? json_string_value(val) : "");
		i++;
	}
	json_decref(body);
	int64_t version = 0;
	if (http_header(r, "If-Match")) {
		/* The report id in the tag is checked against the report first. */
		round_report_view cur;
		if ((rc = round_report_get(&r->ctx, id, r->params[1], &cur)))
			return rc;
		version = if_match_version(r, cur.report.id);
	}
	if (version < 0)
		return ctx_fail(&r->ctx, TT_ERR_PRECONDITION,
		                "Báo cáo đã thay đổi kể từ phiên bản bạn gửi kèm (If-Match); hãy tải lại "
		                "(GET) rồi gửi lại với ETag mới.");
	if ((rc = round_report_save_all(&r->ctx, id, r->params[1], version, t, nt, v, nv, nts, nn, pg, np)))
		return rc;
	return api_report_get(r);
}

tt_rc api_report_submit(http_req *r)
{
	int64_t id;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = round_report_submit(&r->ctx, id, r->params[1])))
		return rc;
	return api_report_get(r);
}

tt_rc api_report_return(http_req *r)
{
	int64_t id;
	json_t *body;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = http_json_body(r, &body)))
		return rc;
	/* A missing comment is checked after permissions, in the domain. */
	rc = round_report_return(&r->ctx, id, r->params[1],
	                         json_string_value(json_object_get(body, "comment")));
	json_decref(body);
	return rc ? rc : api_report_get(r);
}

/* Reminds now the bodies of the round that have not submitted, as the round
 * page's "Nhắc nhở" button does (remind_run: at most once an hour each). */
tt_rc api_round_remind(http_req *r)
{
	int64_t id;
	remind_result res;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = remind_run(&r->ctx, id, &res)))
		return rc;
	return http_send_json(r, 200,
	                      json_pack("{s:i, s:i, s:i}", "reports", res.reports, "mails", res.mails, "failed",
	                                res.failed));
}

tt_rc api_round_completeness(http_req *r)
{
	int64_t id;
	round_completeness c;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = round_completeness_get(&r->ctx, id, &c)))
		return rc;
	return http_send_json(r, 200,
	                      json_pack("{s:i, s:i, s:i, s:i, s:i}", "expected", c.expected,
	                                "submitted_on_time", c.submitted_on_time, "submitted_late",
	                                c.submitted_late, "not_due", c.not_due, "overdue", c.overdue));
}

json_t *web_consolidated_json(tt_arena *a, const round_consolidated *c)
{
	json_t *counts = json_object(), *sections = json_object(), *per_org = json_array();
	for (size_t i = 0; i < c->nsums; i++)
		json_object_set_new(counts, c->sums[i].key, web_number(c->sums[i].value));
	for (size_t i = 0; i < c->nsections; i++)
		json_object_set_new(sections, c->sections[i].key, json_array());
	for (size_t i = 0; i < c->ntexts; i++) {
		json_t *arr = json_object_get(sections, c->texts[i].section_key);
		if (arr)
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "org_code",
			                                     c->texts[i].org_code, "org_name",
			                                     c->texts[i].org_name, "text", c->texts[i].text));
	}
	for (size_t i = 0; i < c->nrows; i++) {
		const st_pivot_row *row = &c->rows[i];
		json_t *vals = json_object();
		for (size_t k = 0; k < c->ncounts; k++)
			if (row->has[k])
				json_object_set_new(vals, c->counts[k].key, web_number(row->values[k]));
		json_t *reg = json_object();
		for (size_t k = 0; k < c->ncounts; k++) {
			const round_register_cell *cell = &c->cells[i * c->ncounts + k];
			if (!cell->indicator)
				continue;
			json_t *e = json_pack(
			    "{s:o, s:o, s:I, s:o, s:s?}", "reported",
			    row->has[k] ? web_number(row->values[k]) : json_null(), "register",
			    web_number(cell->value), "sources", (json_int_t)cell->sources, "difference",
			    row->has[k] ? web_number(round_difference(row->values[k], cell->value))
			                : json_null(),
			    "note", cell->note);
			json_object_set_new(reg, c->counts[k].key, e);
		}
		json_array_append_new(per_org,
		                      json_pack("{s:s, s:s, s:o, s:o}", "org_code", row->org_code, "org_name",
		                                row->org_name, "counts", vals, "register", reg));
	}
	return json_pack("{s:I, s:s, s:o, s:o, s:o, s:o}", "round_id", (json_int_t)c->round.id, "title",
	                 c->round.title, "counts", counts, "sections", sections, "by_org", per_org, "plan",
	                 c->plan ? web_execution_json(a, c->plan) : json_null());
}

json_t *web_execution_json(tt_arena *a, const plan_view *v)
{
	json_t *tasks = json_array();
	for (size_t i = 0; i < v->ntasks; i++) {
		const plan_task_view *tv = &v->tasks[i];
		const st_org **orgs;
		size_t n = round_lead_orgs(a, tv, &orgs);
		json_t *leads = json_array();
		for (size_t k = 0; k < n; k++) {
			const st_plan_progress *g;
			plan_status s = round_lead_status(v, tv, orgs[k]->id, &g);
			json_array_append_new(
			    leads, json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s?}", "org_code", orgs[k]->code,
			                     "org_name", orgs[k]->name, "status", plan_status_name(s), "state",
			                     g ? g->state : NULL, "done_on", g ? g->done_on : NULL, "note",
			                     g ? g->note : NULL));
		}
		json_array_append_new(tasks, json_pack("{s:I, s:s, s:s, s:s, s:o}", "id", (json_int_t)tv->task.id,
		                                       "label", tv->task.label, "text", tv->task.text, "status",
		                                       plan_status_name(tv->status), "leads", leads));
	}
	return json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)v->plan.id, "title", v->plan.title, "at",
	                 v->at, "tasks", tasks);
}

tt_rc api_round_consolidated(http_req *r)
{
	int64_t id;
	round_consolidated c;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = round_consolidate(&r->ctx, id, NULL, &c)))
		return rc;
	return http_send_json(r, 200, web_consolidated_json(&r->arena, &c));
}

/* ---- the life of a round ---- */

void web_report_life_json(json_t *j, const round_report_view *v)
{
	json_t *tl = json_array();
	for (size_t i = 0; i < v->nevents; i++) {
		const st_report_event *e = &v->events[i];
		json_array_append_new(tl, json_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:i}", "kind", e->kind, "at", e->at,
		                                    "note", e->note, "login", e->login, "user_name", e->user_name,
		                                    "count", e->n));
	}
	json_object_set_new(j, "timeline", tl);
	json_object_set_new(j, "due", json_string(round_report_due(&v->round, &v->report)));
	json_object_set_new(j, "approved_at", v->report.approved_at ? json_string(v->report.approved_at) : json_null());
	json_object_set_new(j, "round_closed", json_boolean(!round_open(&v->round)));
	json_object_set_new(j, "can_approve", json_boolean(v->can_approve));
	json_object_set_new(j, "can_unapprove", json_boolean(v->can_unapprove));
	json_object_set_new(j, "can_extend", json_boolean(v->can_extend));
}

/* The sections and counts of a PUT or POST body into arena arrays. */
static tt_rc layout_of(http_req *r, json_t *sections, json_t *counts, st_section **sec_out, size_t *ns_out,
                       st_count **cnt_out, size_t *nc_out)
{
	tt_rc rc;
	if ((sections && !json_is_array(sections)) || (counts && !json_is_array(counts)))
		return ctx_fail(&r->ctx, TT_ERR_INVALID, "sections và counts phải là mảng.");
	size_t ns = json_array_size(sections), nc = json_array_size(counts);
	if (ns > ROUND_MAX_ITEMS || nc > ROUND_MAX_ITEMS)
		return ctx_fail(&r->ctx, TT_ERR_INVALID, "Tối đa %d mục và %d chỉ tiêu.", ROUND_MAX_ITEMS,
		                ROUND_MAX_ITEMS);
	st_section *sec = arena_alloc(&r->arena, (ns + 1) * sizeof *sec);
	st_count *cnt = arena_alloc(&r->arena, (nc + 1) * sizeof *cnt);
	if (!sec || !cnt)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < ns; i++) {
		json_t *x = json_array_get(sections, i);
		if ((rc = member_string(r, x, "key", &sec[i].key)) ||
		    (rc = member_string(r, x, "heading", &sec[i].heading)))
			return rc;
	}
	for (size_t i = 0; i < nc; i++) {
		json_t *c = json_array_get(counts, i);
		int bad = 0;
		if ((rc = member_string(r, c, "key", &cnt[i].key)) || (rc = member_string(r, c, "name", &cnt[i].name)))
			return rc;
		cnt[i].unit = opt_string(c, "unit", &bad);
		cnt[i].type = opt_string(c, "type", &bad);
		cnt[i].indicator = opt_string(c, "indicator", &bad);
		if (bad)
			return ctx_fail(&r->ctx, TT_ERR_INVALID,
			                "Các trường \"unit\", \"type\", \"indicator\" của chỉ tiêu phải là chuỗi.");
	}
	*sec_out = sec;
	*ns_out = ns;
	*cnt_out = cnt;
	*nc_out = nc;
	return TT_OK;
}

tt_rc api_round_put(http_req *r)
{
	int64_t id;
	json_t *body;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = http_json_body(r, &body)))
		return rc;
	round_change ch = {0};
	if (!json_is_object(body)) {
		rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "Nội dung phải là một đối tượng JSON.");
		goto out;
	}
	int bad = 0;
	ch.title = opt_string(body, "title", &bad);
	ch.due = opt_string(body, "due", &bad);
	if (bad) {
		rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "Trường \"title\" và \"due\" phải là chuỗi.");
		goto out;
	}
	json_t *past = json_object_get(body, "allow_past_due");
	if (past && !json_is_boolean(past)) {
		rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "Trường \"allow_past_due\" phải là true hoặc false.");
		goto out;
	}
	ch.allow_past_due = json_is_true(past);
	json_t *sections = json_object_get(body, "sections"), *counts = json_object_get(body, "counts"),
	       *orgs = json_object_get(body, "orgs");
	if (sections || counts) {
		st_section *sec = NULL;
		st_count *cnt = NULL;
		if ((rc = layout_of(r, sections, counts, &sec, &ch.nsections, &cnt, &ch.ncounts)))
			goto out;
		if (!sections || !counts) {
			/* One of the two sent: the other stays as it is. */
			st_section *s0;
			st_count *c0;
			size_t n0s, n0c;
			if ((rc = round_layout(&r->ctx, id, &s0, &n0s, &c0, &n0c)))
				goto out;
			if (!sections) {
				sec = s0;
				ch.nsections = n0s;
			} else {
				cnt = c0;
				ch.ncounts = n0c;
			}
		}
		ch.layout = 1;
		ch.sections = sec;
		ch.counts = cnt;
	}
	if (orgs) {
		if (!json_is_array(orgs) || json_array_size(orgs) > ROUND_MAX_ORGS) {
			rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "orgs phải là mảng mã đơn vị.");
			goto out;
		}
		size_t no = json_array_size(orgs);
		const char **codes = arena_alloc(&r->arena, (no + 1) * sizeof *codes);
		if (!codes) {
			rc = TT_ERR_NOMEM;
			goto out;
		}
		for (size_t i = 0; i < no; i++)
			if (!(codes[i] = json_string_value(json_array_get(orgs, i)))) {
				rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "Mỗi phần tử của orgs phải là mã đơn vị (chuỗi).");
				goto out;
			}
		ch.set_orgs = 1;
		ch.org_codes = codes;
		ch.norgs = no;
	}
	rc = round_update(&r->ctx, id, &ch);
out:
	json_decref(body);
	return rc ? rc : api_round_get(r);
}

tt_rc api_round_delete(http_req *r)
{
	int64_t id;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = round_delete(&r->ctx, id)))
		return rc;
	return http_send_json(r, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "deleted", 1));
}

tt_rc api_round_close(http_req *r)
{
	int64_t id;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = round_close(&r->ctx, id)))
		return rc;
	return api_round_get(r);
}

tt_rc api_round_reopen(http_req *r)
{
	int64_t id;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = round_reopen(&r->ctx, id)))
		return rc;
	return api_round_get(r);
}

json_t *web_rates_json(const round_rates_t *x)
{
	return json_pack("{s:i, s:i, s:f, s:i, s:f, s:i}", "expected", x->expected, "submitted", x->submitted,
	                 "rate", round(x->rate * 10) / 10, "on_time", x->on_time, "on_time_rate",
	                 round(x->on_time_rate * 10) / 10, "approved", x->approved);
}

tt_rc api_round_rates(http_req *r)
{
	int64_t id;
	const char *by = NULL;
	const kit_field in[] = {{.name = "by", .type = KIT_TEXT, .max_len = 10, .text = &by}};
	round_rates_t t;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = kit_query(r, in, 1)) || (rc = round_rates(&r->ctx, id, &t)))
		return rc;
	json_t *j = web_rates_json(&t);
	if (by) {
		round_rates_row *rows;
		size_t n;
		if ((rc = round_rates_by(&r->ctx, id, by, &rows, &n))) {
			json_decref(j);
			return rc;
		}
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++) {
			json_t *e = web_rates_json(&rows[i].rates);
			json_object_set_new(e, "key", json_string(rows[i].key));
			json_object_set_new(e, "name", json_string(strcmp(by, "level") ? rows[i].name
			                                                              : org_kind_label(rows[i].key)));
			if (rows[i].subtree_rounds) {
				json_t *sub = web_rates_json(&rows[i].subtree);
				json_object_set_new(sub, "rounds", json_integer(rows[i].subtree_rounds));
				json_object_set_new(e, "subtree", sub);
			}
			json_array_append_new(arr, e);
		}
		json_object_set_new(j, "by", json_string(by));
		json_object_set_new(j, "rows", arr);
	}
	return http_send_json(r, 200, j);
}

tt_rc api_report_extend(http_req *r)
{
	int64_t id;
	json_t *body;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = http_json_body(r, &body)))
		return rc;
	json_t *due = json_object_get(body, "due");
	if (due && !json_is_string(due))
		rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "Trường \"due\" phải là ngày dạng YYYY-MM-DD.");
	else
		rc = round_report_extend(&r->ctx, id, r->params[1], json_string_value(due));
	json_decref(body);
	return rc ? rc : api_report_get(r);
}

tt_rc api_report_approve(http_req *r)
{
	int64_t id;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = round_report_approve(&r->ctx, id, r->params[1])))
		return rc;
	return api_report_get(r);
}

tt_rc api_report_unapprove(http_req *r)
{
	int64_t id;
	json_t *body;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = http_json_body(r, &body)))
		return rc;
	json_t *reason = json_object_get(body, "reason");
	if (reason && !json_is_string(reason) && !json_is_null(reason))
		rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "Trường \"reason\" phải là chuỗi.");
	else
		rc = round_report_unapprove(&r->ctx, id, r->params[1], json_string_value(reason));
	json_decref(body);
	return rc ? rc : api_report_get(r);
}
