/* ui_activities.c - the activity register pages: the list with its filters
 * (type, body, a period in dd/mm/yyyy, country) and paging, as a table that
 * becomes cards on a phone; the record form (common fields, then the
 * type's own fields drawn from the type table, countries typed as codes or
 * Vietnamese names, the plan task chosen among the tasks the body leads);
 * and one record with its fields, plan task, attachments (upload,
 * download, delete) and deletion. */
#include <stdlib.h>
#include <string.h>

#include "core/activity.h"
#include "core/country.h"
#include "core/perm.h"
#include "core/plan.h"
#include "text/date.h"
#include "web/kit.h"
#include "web/page.h"
#include "web/routes.h"
#include "web/web_int.h"

#define PAGE_SIZE 50


/* "2025-03-04" as "04/03/2025" for a form field ("" for NULL). */
static const char *form_day(http_req *r, const char *iso)
{
	if (!iso || strlen(iso) != 10)
		return iso ? iso : "";
	return arena_printf(&r->arena, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

static void countries_text(http_req *r, const char *const *codes, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const country *c = country_get(codes[i]);
		if (i)
			P(r, ", ");
		T(r, c ? c->name : codes[i]);
	}
}

static void country_datalist(http_req *r)
{
	size_t n;
	const country *c = country_all(&n);
	P(r, "<datalist id=\"countries\">");
	for (size_t i = 0; i < n; i++) {
		P(r, "<option value=\"");
		A(r, c[i].name);
		P(r, "\">%s</option>", c[i].code);
	}
	P(r, "</datalist>");
}

static void type_options(http_req *r, const char *selected, int any)
{
	size_t n;
	const activity_type *t = activity_types(&n);
	if (any) {
		P(r, "<option value=\"\">");
		T(r, _("Tất cả"));
		P(r, "</option>");
	}
	for (size_t i = 0; i < n; i++) {
		P(r, "<option value=\"%s\"%s>", t[i].key,
		  selected && !strcmp(selected, t[i].key) ? " selected" : "");
		T(r, t[i].label);
		P(r, "</option>");
	}
}

static void text_input(http_req *r, const char *id, const char *label, const char *value, const char *extra)
{
	P(r, "<div><label for=\"%s\">", id);
	T(r, label);
	P(r, "</label><input type=\"text\" id=\"%s\" name=\"%s\" value=\"", id, id);
	A(r, value ? value : "");
	P(r, "\"%s></div>", extra ? extra : "");
}

/* ---- the list ---- */

tt_rc ui_activities(http_req *r)
{
	const char *type = http_query(r, "type"), *org = http_query(r, "org"), *from = http_query(r, "from"),
	           *to = http_query(r, "to"), *ctry = http_query(r, "country"), *pg = http_query(r, "page");
	const char *error = NULL;
	st_activity_query q = {.subtree = 1, .limit = PAGE_SIZE};
	tt_rc rc = http_check_query(r);
	if (rc)
		return rc;
	long page = 1;
	if (pg && *pg) {
		char *end;
		page = strtol(pg, &end, 10);
		if (*end || page < 1 || page > 100000)
			page = 1;
	}
	q.offset = (int)((page - 1) * PAGE_SIZE);
	q.type = type && *type ? type : NULL;
	if (q.type && !activity_type_get(q.type))
		error = _("Loại hoạt động không có.");
	if (!error && from && *from && !(q.from = web_typed_day(r, from)))
		error = _("Ngày \"từ\" phải là ngày có thật, viết dd/mm/yyyy.");
	if (!error && to && *to && !(q.to = web_typed_day(r, to)))
		error = _("Ngày \"đến\" phải là ngày có thật, viết dd/mm/yyyy.");
	if (!error && ctry && *ctry) {
		const country *c = country_find(ctry);
		if (!c)
			error =
			    _("Không tìm thấy quốc gia này; gõ tên tiếng Việt hoặc mã hai chữ (JP, KR...).");
		else
			q.country = c->code;
	}
	if (!error && org && *org && (rc = web_activity_org(r, org, &q.org_id))) {
		if (rc != TT_ERR_INVALID)
			return rc;
		error = r->ctx.error_detail;
		r->ctx.error_detail = NULL;
	}
	st_activity *a = NULL;
	size_t n = 0;
	int64_t total = 0;
	if (!error && (rc = activity_list(&r->ctx, &q, &a, &n, &total))) {
		if (rc != TT_ERR_INVALID && rc != TT_ERR_FORBIDDEN)
			return rc;
		error = r->ctx.error_detail ? r->ctx.error_detail : tt_rc_message(rc);
		r->ctx.error_detail = NULL;
	}
	page_begin(r, _("Hoạt động đối ngoại"));
	P(r, "<h1>");
	T(r, _("Hoạt động đối ngoại"));
	P(r, "</h1>");
	page_flash(r);
	if (r->authed && perm_may(&r->ctx, PERM_RECORD_ACTIVITY, r->user.org_id)) {
		P(r, "<p><a class=\"button\" href=\"/activities/new\">");
		T(r, _("Ghi hoạt động mới"));
		P(r, "</a> <a class=\"button secondary\" href=\"/activities/import\">");
		T(r, _("Nhập từ Excel/CSV"));
		P(r, "</a></p>");
	}
	P(r, "<p class=\"views\"><a href=\"/activities/stats\">");
	T(r, _("Thống kê, biểu đồ"));
	P(r, "</a> · <a href=\"/activities/calendar\">");
	T(r, _("Lịch theo tháng"));
	/* The same list in Excel, as a PHỤ LỤC in Word, and in CSV. */
	static const struct {
		const char *ext, *id, *label;
	} exports[] = {{"xlsx", NULL, N_("Tải danh sách (Excel)")},
	               {"docx", "activities-docx", N_("Tải phụ lục (Word)")},
	               {"csv", NULL, N_("Tải danh sách (CSV)")}};
	for (size_t x = 0; x < sizeof exports / sizeof exports[0]; x++) {
		P(r, "</a> · <a");
		if (exports[x].id)
			P(r, " id=\"%s\"", exports[x].id);
		P(r, " href=\"/activities.%s?type=", exports[x].ext);
		U(r, type ? type : "");
		P(r, "&amp;org=");
		U(r, org ? org : "");
		P(r, "&amp;from=");
		U(r, from ? from : "");
		P(r, "&amp;to=");
		U(r, to ? to : "");
		P(r, "&amp;country=");
		U(r, ctry ? ctry : "");
		P(r, "\">");
		T(r, _(exports[x].label));
	}
	P(r, "</a></p>");
	P(r, "<form method=\"get\" action=\"/activities\" class=\"card filters\" role=\"search\">"
	     "<div><label for=\"type\">");
	T(r, _("Loại hoạt động"));
	P(r, "</label><select id=\"type\" name=\"type\">");
	type_options(r, q.type, 1);
	P(r, "</select></div>");
	text_input(r, "org", _("Đơn vị (mã)"), org, NULL);
	text_input(r, "from", _("Từ ngày (dd/mm/yyyy)"), from,
	           " inputmode=\"numeric\" placeholder=\"dd/mm/yyyy\" maxlength=\"10\"");
	text_input(r, "to", _("Đến ngày (dd/mm/yyyy)"), to,
	           " inputmode=\"numeric\" placeholder=\"dd/mm/yyyy\" maxlength=\"10\"");
	text_input(r, "country", _("Quốc gia"), ctry, " list=\"countries\"");
	country_datalist(r);
	P(r, "<div class=\"actions\"><button type=\"submit\">");
	T(r, _("Lọc"));
	P(r, "</button></div></form>");
	if (error) {
		P(r, "<p class=\"error\" role=\"alert\">");
		T(r, error);
		P(r, "</p>");
		r->status = 400;
		return page_end(r);
	}
	P(r, "<p>");
	T(r, arena_printf(&r->arena, _("%lld hoạt động"), (long long)total));
	P(r, "</p>");
	if (n) {
		static const char *heads[] = {N_("Ngày"),   N_("Loại"),     N_("Hoạt động"),
		                              N_("Đơn vị"), N_("Quốc gia"), N_("Số người")};
		const char *h[6];
		for (size_t i = 0; i < 6; i++)
			h[i] = _(heads[i]);
		kit_table_t t;
		kit_table(r, &t, "activities", h, 6);
		for (size_t i = 0; i < n; i++) {
			const activity_type *ty = activity_type_get(a[i].type);
			const char **codes = NULL;
			size_t nc = 0;
			activity_countries(&r->ctx, a[i].id, &codes, &nc);
			kit_row(r, &t);
			kit_cell_begin(r, &t, 0, 0);
			DS(r, a[i].start_on);
			if (a[i].end_on && strcmp(a[i].end_on, a[i].start_on)) {
				P(r, " – ");
				DS(r, a[i].end_on);
			}
			kit_cell_end(r);
			kit_cell(r, &t, 1, ty ? ty->label : a[i].type);
			kit_cell_begin(r, &t, 2, 0);
			P(r, "<a href=\"/activities/%lld\">", (long long)a[i].id);
			T(r, a[i].title);
			P(r, "</a>");
			kit_cell_end(r);
			kit_cell(r, &t, 3, a[i].org_name);
			kit_cell_begin(r, &t, 4, 0);
			countries_text(r, codes, nc);
			kit_cell_end(r);
			if (a[i].people >= 0)
				kit_cell_num(r, &t, 5, (double)a[i].people);
			else
				kit_cell(r, &t, 5, "");
		}
		kit_table_end(r, &t);
	}
	/* paging keeps the filters */
	if (page > 1 || (int64_t)page * PAGE_SIZE < total) {
		const char *keep =
		    arena_printf(&r->arena, "type=%s&org=%s&from=%s&to=%s&country=%s",
		                 page_url_escape(r, type ? type : ""), page_url_escape(r, org ? org : ""),
		                 page_url_escape(r, from ? from : ""), page_url_escape(r, to ? to : ""),
		                 page_url_escape(r, ctry ? ctry : ""));
		P(r, "<nav class=\"pager\" aria-label=\"");
		A(r, _("Trang"));
		P(r, "\">");
		if (page > 1) {
			P(r, "<a href=\"/activities?");
			A(r, keep);
			P(r, "&amp;page=%ld\">", page - 1);
			T(r, _("← Trang trước"));
			P(r, "</a> ");
		}
		if ((int64_t)page * PAGE_SIZE < total) {
			P(r, "<a href=\"/activities?");
			A(r, keep);
			P(r, "&amp;page=%ld\">", page + 1);
			T(r, _("Trang sau →"));
			P(r, "</a>");
		}
		P(r, "</nav>");
	}
	return page_end(r);
}

/* ---- the form ---- */

/* The tasks of active plans that the user's body leads: the choices of the
 * plan task. */
static void task_select(http_req *r, int64_t selected)
{
	st_plan *p = NULL;
	size_t n = 0;
	P(r, "<label for=\"plan_task_id\">");
	T(r, _("Nhiệm vụ trong kế hoạch"));
	P(r, "</label><select id=\"plan_task_id\" name=\"plan_task_id\"><option value=\"\">");
	T(r, _("Không gắn với nhiệm vụ nào"));
	P(r, "</option>");
	if (!plan_list(&r->ctx, &p, &n)) {
		for (size_t i = 0; i < n && i < 20; i++) {
			plan_view v;
			if (strcmp(p[i].state, "active") || plan_get(&r->ctx, p[i].id, NULL, &v))
				continue;
			P(r, "<optgroup label=\"");
			A(r, p[i].title);
			P(r, "\">");
			for (size_t j = 0; j < v.ntasks; j++) {
				const plan_task_view *tv = &v.tasks[j];
				if (!tv->can_progress && tv->task.id != selected)
					continue;
				P(r, "<option value=\"%lld\"%s>", (long long)tv->task.id,
				  tv->task.id == selected ? " selected" : "");
				T(r, tv->task.label);
				P(r, ". ");
				size_t len = strlen(tv->task.text);
				T(r, len > 120 ? arena_printf(&r->arena, "%.117s...", tv->task.text)
				               : tv->task.text);
				P(r, "</option>");
			}
			P(r, "</optgroup>");
		}
	}
	r->ctx.error_detail = NULL;
	P(r, "</select>");
}

/* The text a form field shows for value v of an own field. */
static const char *field_value_text(http_req *r, const activity_field *f, json_t *v)
{
	if (!v || json_is_null(v))
		return "";
	if (json_is_string(v))
		return f->kind == AF_DATE ? form_day(r, json_string_value(v)) : json_string_value(v);
	if (json_is_integer(v))
		return arena_printf(&r->arena, "%lld", (long long)json_integer_value(v));
	if (json_is_real(v))
		return arena_printf(&r->arena, "%.15g", json_real_value(v));
	return "";
}

/* The form for an activity of type t; values holds the activity as JSON
 * (the API shape) or what the user typed; id 0 for a new one. */
static tt_rc activity_form(http_req *r, const activity_type *t, json_t *values, int64_t id, const char *error)
{
	page_begin(r, id ? _("Sửa hoạt động") : _("Ghi hoạt động mới"));
	P(r, "<h1>");
	T(r, id ? _("Sửa hoạt động") : _("Ghi hoạt động mới"));
	P(r, ": ");
	T(r, t->label);
	P(r, "</h1>");
	if (error) {
		P(r, "<p class=\"error\" role=\"alert\">");
		T(r, error);
		P(r, "</p>");
	}
	if (id)
		P(r,
		  "<form method=\"post\" action=\"/activities/%lld\" class=\"card stack\" "
		  "id=\"activity-form\">",
		  (long long)id);
	else
		P(r,
		  "<form method=\"post\" action=\"/activities\" class=\"card stack\" id=\"activity-form\">");
	page_csrf(r);
	P(r, "<input type=\"hidden\" name=\"type\" value=\"%s\">", t->key);
	json_t *ver = json_object_get(values, "version");
	if (json_is_integer(ver))
		P(r, "<input type=\"hidden\" name=\"version\" value=\"%lld\">",
		  (long long)json_integer_value(ver));
	const char *s = json_string_value(json_object_get(values, "title"));
	text_input(r, "title", _("Tên hoạt động"), s, " required maxlength=\"500\"");
	P(r, "<div class=\"split\"><div>");
	text_input(r, "start_on", _("Ngày bắt đầu (dd/mm/yyyy)"),
	           form_day(r, json_string_value(json_object_get(values, "start_on"))),
	           " required inputmode=\"numeric\" placeholder=\"dd/mm/yyyy\" maxlength=\"10\"");
	P(r, "</div><div>");
	text_input(r, "end_on", _("Ngày kết thúc (dd/mm/yyyy)"),
	           form_day(r, json_string_value(json_object_get(values, "end_on"))),
	           " inputmode=\"numeric\" placeholder=\"dd/mm/yyyy\" maxlength=\"10\"");
	P(r, "</div></div>");
	text_input(r, "place", _("Địa điểm"), json_string_value(json_object_get(values, "place")),
	           " maxlength=\"500\"");
	if (t->people) {
		json_t *pv = json_object_get(values, "people");
		text_input(r, "people", t->people_label,
		           json_is_integer(pv)
		               ? arena_printf(&r->arena, "%lld", (long long)json_integer_value(pv))
		               : json_string_value(pv),
		           " inputmode=\"numeric\"");
	}
	/* countries as Vietnamese names, comma separated */
	tt_buf cs;
	buf_init(&cs, 1 << 14);
	json_t *cv = json_object_get(values, "countries"), *e;
	size_t i;
	if (json_is_string(cv))
		buf_adds(&cs, json_string_value(cv));
	else
		json_array_foreach(cv, i, e)
		{
			const char *name = json_string_value(json_object_get(e, "name"));
			buf_printf(&cs, "%s%s", i ? ", " : "", name ? name : "");
		}
	text_input(r, "countries", _("Quốc gia (tên hoặc mã, cách nhau dấu phẩy)"), cs.data ? cs.data : "",
	           " list=\"countries\"");
	buf_free(&cs);
	country_datalist(r);
	P(r, "<label for=\"description\">");
	T(r, _("Mô tả"));
	P(r, "</label><textarea id=\"description\" name=\"description\" rows=\"4\">");
	T(r, json_string_value(json_object_get(values, "description")));
	P(r, "</textarea>");
	json_t *task = json_object_get(values, "plan_task");
	int64_t task_id = json_is_integer(json_object_get(task, "id"))
	                      ? json_integer_value(json_object_get(task, "id"))
	                  : json_is_integer(task) ? json_integer_value(task)
	                                          : 0;
	task_select(r, task_id);
	/* the type's own fields */
	json_t *fields = json_object_get(values, "fields");
	P(r, "<fieldset><legend>");
	T(r, _("Thông tin riêng của loại hoạt động"));
	P(r, "</legend>");
	for (size_t k = 0; k < t->nfields; k++) {
		const activity_field *f = &t->fields[k];
		json_t *v = json_object_get(fields, f->key);
		const char *label = f->required ? arena_printf(&r->arena, "%s *", f->label) : f->label;
		const char *fid = arena_printf(&r->arena, "f_%s", f->key);
		if (f->kind == AF_ENUM) {
			const char *cur = json_string_value(v);
			P(r, "<label for=\"%s\">", fid);
			T(r, label);
			P(r, "</label><select id=\"%s\" name=\"%s\"><option value=\"\"></option>", fid, fid);
			for (size_t c = 0; c < f->nchoices; c++) {
				P(r, "<option value=\"");
				A(r, f->choices[c].key);
				P(r, "\"%s>", cur && !strcmp(cur, f->choices[c].key) ? " selected" : "");
				T(r, f->choices[c].label);
				P(r, "</option>");
			}
			P(r, "</select>");
		} else if (f->kind == AF_BOOL) {
			P(r, "<label><input type=\"checkbox\" name=\"%s\" value=\"1\"%s> ", fid,
			  json_is_true(v) || (json_is_string(v) && !strcmp(json_string_value(v), "1"))
			      ? " checked"
			      : "");
			T(r, label);
			P(r, "</label>");
		} else if (f->kind == AF_TEXT && f->has_max && f->max > 500) {
			P(r, "<label for=\"%s\">", fid);
			T(r, label);
			P(r, "</label><textarea id=\"%s\" name=\"%s\" rows=\"3\">", fid, fid);
			T(r, field_value_text(r, f, v));
			P(r, "</textarea>");
		} else {
			const char *extra =
			    f->kind == AF_DATE
			        ? " inputmode=\"numeric\" placeholder=\"dd/mm/yyyy\" maxlength=\"10\""
			    : f->kind == AF_TEXT ? ""
			                         : " inputmode=\"decimal\"";
			text_input(r, fid, label, field_value_text(r, f, v), extra);
		}
	}
	P(r, "</fieldset><div class=\"actions\"><button type=\"submit\">");
	T(r, _("Lưu hoạt động"));
	P(r, "</button></div></form>");
	return page_end(r);
}

tt_rc ui_activity_new(http_req *r)
{
	const char *type = http_query(r, "type");
	const activity_type *t = activity_type_get(type);
	tt_rc rc = perm_check(&r->ctx, PERM_RECORD_ACTIVITY, r->user.org_id);
	if (rc)
		return rc;
	if (t) {
		json_t *empty = json_object();
		rc = activity_form(r, t, empty, 0, NULL);
		json_decref(empty);
		return rc;
	}
	page_begin(r, _("Ghi hoạt động mới"));
	P(r, "<h1>");
	T(r, _("Ghi hoạt động mới"));
	P(r, "</h1><form method=\"get\" action=\"/activities/new\" class=\"card stack\" "
	     "id=\"type-choice\"><label for=\"type\">");
	T(r, _("Loại hoạt động"));
	P(r, "</label><select id=\"type\" name=\"type\">");
	type_options(r, NULL, 0);
	P(r, "</select><div class=\"actions\"><button type=\"submit\">");
	T(r, _("Tiếp tục"));
	P(r, "</button></div></form>");
	return page_end(r);
}

/* The posted form as the API's JSON shape; a value the form cannot read
 * (a date not written dd/mm/yyyy, a number with letters, an unknown
 * country name) is TT_ERR_INVALID with a message. *values gets what was
 * typed, to show the form again. */
static tt_rc form_json(http_req *r, const activity_type *t, json_t **out, json_t **values)
{
	json_t *o = json_object(), *shown = json_object();
	tt_rc rc = TT_OK;
	*out = o;
	*values = shown;
	json_object_set_new(o, "type", json_string(t->key));
	static const char *const plain[] = {"title", "place", "description"};
	for (size_t i = 0; i < 3; i++) {
		const char *v = http_form(r, plain[i]);
		if (v) {
			json_object_set_new(o, plain[i], json_string(v));
			json_object_set_new(shown, plain[i], json_string(v));
		}
	}
	const char *ver = http_form(r, "version");
	if (ver && *ver) {
		long long n = strtoll(ver, NULL, 10);
		json_object_set_new(o, "version", json_integer(n));
		json_object_set_new(shown, "version", json_integer(n));
	}
	static const char *const days[] = {"start_on", "end_on"};
	static const char *const day_labels[] = {N_("Ngày bắt đầu"), N_("Ngày kết thúc")};
	for (size_t i = 0; i < 2; i++) {
		const char *v = http_form(r, days[i]);
		if (!v || !*v)
			continue;
		const char *iso = web_typed_day(r, v);
		json_object_set_new(shown, days[i], json_string(iso ? iso : v));
		if (!iso && !rc)
			rc = ctx_fail(&r->ctx, TT_ERR_INVALID, _("%s phải là ngày có thật, viết dd/mm/yyyy."),
			              _(day_labels[i]));
		else if (iso)
			json_object_set_new(o, days[i], json_string(iso));
	}
	const char *people = http_form(r, "people");
	if (t->people && people && *people) {
		json_object_set_new(shown, "people", json_string(people));
		char *end;
		long long n = strtoll(people, &end, 10);
		if (*end && !rc)
			rc = ctx_fail(&r->ctx, TT_ERR_INVALID, _("%s phải là số nguyên."), t->people_label);
		else
			json_object_set_new(o, "people", json_integer(n));
	}
	const char *ctry = http_form(r, "countries");
	json_t *codes = json_array();
	json_object_set_new(o, "countries", codes);
	if (ctry) {
		json_object_set_new(shown, "countries", json_string(ctry));
		const char *p = ctry;
		while (*p) {
			size_t len = strcspn(p, ",;");
			char *one = arena_strndup(&r->arena, p, len);
			char *a = one, *z = one + strlen(one);
			while (*a == ' ')
				a++;
			while (z > a && z[-1] == ' ')
				*--z = 0;
			if (*a) {
				const country *c = country_find(a);
				if (c)
					json_array_append_new(codes, json_string(c->code));
				else if (!rc)
					rc = ctx_fail(&r->ctx, TT_ERR_INVALID,
					              _("Không tìm thấy quốc gia \"%s\"; gõ tên tiếng Việt "
					                "hoặc mã hai chữ."),
					              a);
			}
			p += len + (p[len] ? 1 : 0);
		}
	}
	const char *task = http_form(r, "plan_task_id");
	if (task && *task) {
		long long n = strtoll(task, NULL, 10);
		json_object_set_new(o, "plan_task_id", json_integer(n));
		json_object_set_new(shown, "plan_task", json_integer(n));
	}
	json_t *fields = json_object(), *fshown = json_object();
	json_object_set_new(o, "fields", fields);
	json_object_set_new(shown, "fields", fshown);
	for (size_t k = 0; k < t->nfields; k++) {
		const activity_field *f = &t->fields[k];
		const char *v = http_form(r, arena_printf(&r->arena, "f_%s", f->key));
		if (f->kind == AF_BOOL) {
			json_object_set_new(fields, f->key, json_boolean(v && !strcmp(v, "1")));
			json_object_set_new(fshown, f->key, json_boolean(v && !strcmp(v, "1")));
			continue;
		}
		if (!v || !*v)
			continue;
		json_object_set_new(fshown, f->key, json_string(v));
		if (f->kind == AF_DATE) {
			const char *iso = web_typed_day(r, v);
			if (!iso && !rc)
				rc = ctx_fail(&r->ctx, TT_ERR_INVALID,
				              _("%s phải là ngày có thật, viết dd/mm/yyyy."), f->label);
			if (iso)
				json_object_set_new(fields, f->key, json_string(iso));
		} else if (f->kind == AF_INTEGER || f->kind == AF_DECIMAL) {
			/* Vietnamese writing: "1.700.000" or "1.700.000,5"; also "1700000.5" */
			tt_buf b;
			buf_init(&b, 64);
			int comma = strchr(v, ',') != NULL;
			int dots = 0;
			for (const char *c = v; *c; c++)
				dots += *c == '.';
			for (const char *c = v; *c; c++) {
				if (*c == ' ' || (*c == '.' && (comma || dots > 1)))
					continue;
				buf_addc(&b, *c == ',' ? '.' : *c);
			}
			char *end;
			const char *num = b.data ? b.data : "";
			double d = strtod(num, &end);
			int bad = !*num || *end;
			if (bad && !rc)
				rc = ctx_fail(&r->ctx, TT_ERR_INVALID, _("%s phải là số."), f->label);
			else if (!bad && f->kind == AF_INTEGER && d == (double)(long long)d)
				json_object_set_new(fields, f->key, json_integer((json_int_t)d));
			else if (!bad)
				json_object_set_new(fields, f->key, json_real(d));
			buf_free(&b);
		} else
			json_object_set_new(fields, f->key, json_string(v));
	}
	return rc;
}

/* Creates (id 0) or updates an activity from the posted form. */
static tt_rc save(http_req *r, int64_t id)
{
	const activity_type *t = activity_type_get(http_form(r, "type"));
	if (!t)
		return ctx_fail(&r->ctx, TT_ERR_INVALID, _("Loại hoạt động không có."));
	json_t *o = NULL, *shown = NULL;
	activity_input in;
	tt_rc rc = form_json(r, t, &o, &shown);
	if (!rc)
		rc = activity_input_json(&r->ctx, o, &in);
	if (!rc)
		rc = id ? activity_update(&r->ctx, id, &in) : activity_create(&r->ctx, &in, &id);
	json_decref(o);
	if (rc == TT_ERR_INVALID || rc == TT_ERR_CONFLICT) {
		const char *error = r->ctx.error_detail ? r->ctx.error_detail : tt_rc_message(rc);
		r->ctx.error_detail = NULL;
		tt_rc prc = activity_form(r, t, shown, id, error);
		json_decref(shown);
		if (!prc)
			r->status = http_status_of(rc);
		return prc;
	}
	json_decref(shown);
	if (rc)
		return rc;
	return http_redirect(r,
	                     arena_printf(&r->arena, "/activities/%lld?msg=activity_saved", (long long)id));
}

tt_rc ui_activity_create(http_req *r)
{
	return save(r, 0);
}

tt_rc ui_activity_update(http_req *r)
{
	int64_t id = 0;
	tt_rc rc = web_activity_id(r, 0, &id);
	return rc ? rc : save(r, id);
}

tt_rc ui_activity_edit(http_req *r)
{
	int64_t id = 0;
	activity_view v;
	tt_rc rc = web_activity_id(r, 0, &id);
	if (rc || (rc = activity_get(&r->ctx, id, &v)))
		return rc;
	if ((rc = perm_check(&r->ctx, PERM_RECORD_ACTIVITY, v.a.org_id)))
		return rc;
	json_t *j = activity_json(&v);
	rc = activity_form(r, activity_type_get(v.a.type), j, id, NULL);
	json_decref(j);
	return rc;
}

/* ---- one record ---- */

static void row(http_req *r, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	P(r, "<dt>");
	T(r, label);
	P(r, "</dt><dd>");
	TB(r, value);
	P(r, "</dd>");
}

tt_rc ui_activity(http_req *r)
{
	int64_t id = 0;
	activity_view v;
	tt_rc rc = web_activity_id(r, 0, &id);
	if (rc || (rc = activity_get(&r->ctx, id, &v)))
		return rc;
	const st_activity *a = &v.a;
	const activity_type *t = activity_type_get(a->type);
	page_begin(r, a->title);
	P(r, "<p class=\"crumbs\"><a href=\"/activities\">");
	T(r, _("Hoạt động đối ngoại"));
	P(r, "</a></p><h1>");
	T(r, a->title);
	P(r, "</h1>");
	page_flash(r);
	P(r, "<dl class=\"card facts\">");
	row(r, _("Loại hoạt động"), t ? t->label : a->type);
	P(r, "<dt>");
	T(r, _("Đơn vị"));
	P(r, "</dt><dd><a href=\"/orgs/");
	U(r, a->org_code);
	P(r, "\">");
	T(r, a->org_name);
	P(r, "</a></dd><dt>");
	T(r, _("Thời gian"));
	P(r, "</dt><dd>");
	DS(r, a->start_on);
	if (a->end_on && strcmp(a->end_on, a->start_on)) {
		P(r, " – ");
		DS(r, a->end_on);
	}
	P(r, "</dd>");
	row(r, _("Địa điểm"), a->place);
	if (t && t->people && a->people >= 0)
		row(r, t->people_label, arena_printf(&r->arena, "%lld", (long long)a->people));
	if (v.ncountries) {
		P(r, "<dt>");
		T(r, _("Quốc gia"));
		P(r, "</dt><dd>");
		countries_text(r, v.countries, v.ncountries);
		P(r, "</dd>");
	}
	row(r, _("Mô tả"), a->description);
	json_t *fields = json_loads(a->fields ? a->fields : "{}", 0, NULL);
	for (size_t k = 0; t && k < t->nfields; k++) {
		const activity_field *f = &t->fields[k];
		json_t *fv = json_object_get(fields, f->key);
		if (!fv)
			continue;
		P(r, "<dt>");
		T(r, f->label);
		P(r, "</dt><dd>");
		if (f->kind == AF_ENUM) {
			const char *l = activity_choice_label(f, json_string_value(fv));
			T(r, l ? l : json_string_value(fv));
		} else if (f->kind == AF_DATE)
			DS(r, json_string_value(fv));
		else if (f->kind == AF_BOOL)
			T(r, json_is_true(fv) ? _("Có") : _("Không"));
		else if (json_is_number(fv))
			NUM(r, json_number_value(fv));
		else
			TB(r, json_string_value(fv));
		P(r, "</dd>");
	}
	json_decref(fields);
	P(r, "<dt>");
	T(r, _("Nhiệm vụ kế hoạch"));
	P(r, "</dt><dd>");
	if (a->plan_task_id && a->plan_id) {
		P(r, "<a href=\"/plans/%lld#task-%lld\">", (long long)a->plan_id, (long long)a->plan_task_id);
		if (v.task_label) {
			T(r, v.task_label);
			P(r, ". ");
		}
		T(r, v.task_text ? v.task_text : _("Xem kế hoạch"));
		P(r, "</a>");
	} else
		T(r, a->in_plan ? _("Trong kế hoạch") : _("Ngoài kế hoạch"));
	P(r, "</dd><dt>");
	T(r, _("Người ghi"));
	P(r, "</dt><dd>");
	T(r, a->recorded_by_login ? a->recorded_by_login : "");
	P(r, ", ");
	DS(r, a->recorded_at);
	P(r, "</dd></dl>");
	if (v.can_edit) {
		P(r, "<p class=\"actions\"><a class=\"button\" href=\"/activities/%lld/edit\">",
		  (long long)id);
		T(r, _("Sửa"));
		P(r, "</a></p>");
	}
	/* attachments */
	P(r, "<h2>");
	T(r, _("Tệp đính kèm"));
	P(r, "</h2>");
	if (!v.nattachments) {
		P(r, "<p>");
		T(r, _("Chưa có tệp nào."));
		P(r, "</p>");
	} else {
		P(r, "<ul class=\"attachments\">");
		for (size_t i = 0; i < v.nattachments; i++) {
			const st_activity_attachment *t2 = &v.attachments[i];
			P(r, "<li><a href=\"/activities/%lld/attachments/%lld\">", (long long)id,
			  (long long)t2->id);
			T(r, t2->filename);
			P(r, "</a> (");
			NUM(r, t2->size >= 1024 ? (double)(t2->size / 1024) : (double)t2->size);
			P(r, " %s)", t2->size >= 1024 ? "KB" : "B");
			if (v.can_edit) {
				P(r,
				  " <form method=\"post\" class=\"inline\" "
				  "action=\"/activities/%lld/attachments/%lld/delete\">",
				  (long long)id, (long long)t2->id);
				page_csrf(r);
				P(r, "<button type=\"submit\" class=\"link\">");
				T(r, _("Xóa tệp"));
				P(r, "</button></form>");
			}
			P(r, "</li>");
		}
		P(r, "</ul>");
	}
	if (v.can_edit) {
		P(r, "<form method=\"post\" action=\"/activities/%lld/attachments?csrf=", (long long)id);
		A(r, r->csrf ? r->csrf : "");
		P(r, "\" enctype=\"multipart/form-data\" class=\"card stack\"><label for=\"file\">");
		T(r, _("Đính kèm tệp, ảnh (tối đa 50 MB mỗi tệp)"));
		P(r, "</label><input type=\"file\" id=\"file\" name=\"file\" multiple required>"
		     "<div class=\"actions\"><button type=\"submit\">");
		T(r, _("Tải lên"));
		P(r, "</button></div></form>");
		P(r, "<form method=\"post\" action=\"/activities/%lld/delete\">", (long long)id);
		page_csrf(r);
		P(r, "<button type=\"submit\" class=\"danger\" data-confirm=\"");
		A(r, _("Xóa hẳn hoạt động này?"));
		P(r, "\">");
		T(r, _("Xóa hoạt động"));
		P(r, "</button></form>");
	}
	return page_end(r);
}

tt_rc ui_activity_delete(http_req *r)
{
	int64_t id = 0;
	tt_rc rc = web_activity_id(r, 0, &id);
	if (rc || (rc = activity_delete(&r->ctx, id)))
		return rc;
	return http_redirect(r, "/activities?msg=activity_deleted");
}

tt_rc ui_activity_attach(http_req *r)
{
	int64_t id = 0;
	tt_rc rc = web_activity_id(r, 0, &id);
	if (rc)
		return rc;
	if (!r->nfiles)
		return ctx_fail(&r->ctx, TT_ERR_INVALID, _("Chưa chọn tệp nào để đính kèm."));
	for (size_t i = 0; i < r->nfiles && !rc; i++) {
		int64_t att;
		rc = activity_attachment_add(&r->ctx, id, r->files[i].filename, r->files[i].path, &att);
	}
	return rc ? rc
	          : http_redirect(r, arena_printf(&r->arena, "/activities/%lld?msg=attached", (long long)id));
}

tt_rc ui_activity_attachment(http_req *r)
{
	int64_t id = 0, att = 0;
	tt_rc rc = web_activity_id(r, 0, &id);
	if (rc || (rc = web_activity_id(r, 1, &att)))
		return rc;
	return web_activity_send_attachment(r, id, att);
}

tt_rc ui_activity_attachment_delete(http_req *r)
{
	int64_t id = 0, att = 0;
	tt_rc rc = web_activity_id(r, 0, &id);
	if (rc || (rc = web_activity_id(r, 1, &att)) || (rc = activity_attachment_delete(&r->ctx, id, att)))
		return rc;
	return http_redirect(
	    r, arena_printf(&r->arena, "/activities/%lld?msg=attachment_deleted", (long long)id));
}
