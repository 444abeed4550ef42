/* ui_schedules.c - the schedules page (/schedules: the list and a new
 * schedule; /schedules/{id}: edit or delete one), the round copy button's
 * handler, and the table of an indicator across the 2025 merger. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cal.h"
#include "core/org.h"
#include "core/perm.h"
#include "core/schedule.h"
#include "render/svg.h"
#include "web/kit.h"
#include "web/page.h"
#include "web/routes.h"
#include "web/web_int.h"

static const char *const kind_names[] = {"month", "quarter", "half_year", "nine_months", "year"};

static const char *kind_label(const char *k)
{
	if (!strcmp(k, "month"))
		return _("Tháng");
	if (!strcmp(k, "quarter"))
		return _("Quý");
	if (!strcmp(k, "half_year"))
		return _("6 tháng");
	if (!strcmp(k, "nine_months"))
		return _("9 tháng");
	return _("Năm");
}

static int has_kind(const char *kinds, const char *k)
{
	size_t n = strlen(k);
	for (const char *p = kinds; p && *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == n && !strncmp(p, k, n))
			return 1;
		p = comma ? comma + 1 : NULL;
	}
	return 0;
}

/* The form of a new schedule (v NULL) or of schedule v. */
static void schedule_form(http_req *r, const schedule_view *v)
{
	const st_schedule *x = v ? &v->schedule : NULL;
	P(r, "<form method=\"post\" action=\"");
	if (x)
		P(r, "/schedules/%lld", (long long)x->id);
	else
		P(r, "/schedules");
	P(r, "\" class=\"card stack\" id=\"schedule-form\">");
	page_csrf(r);
	P(r, "<label for=\"title\">");
	T(r, _("Tên lịch báo cáo (tên kỳ được thêm vào sau, ví dụ “... 6 tháng đầu năm 2026”)"));
	P(r, "</label><input type=\"text\" id=\"title\" name=\"title\" required value=\"");
	A(r, x ? x->title : _("Báo cáo công tác thông tin đối ngoại"));
	P(r, "\"><fieldset><legend>");
	T(r, _("Các kỳ báo cáo (theo Nghị định 09/2019/NĐ-CP)"));
	P(r, "</legend><ul class=\"checks\">");
	for (size_t i = 0; i < 5; i++) {
		int on = x ? has_kind(x->kinds, kind_names[i]) : (i == 2 || i == 4);
		P(r, "<li><label><input type=\"checkbox\" name=\"kind\" value=\"%s\"%s> ", kind_names[i],
		  on ? " checked" : "");
		T(r, kind_label(kind_names[i]));
		P(r, "</label></li>");
	}
	P(r, "</ul></fieldset><label for=\"due_days\">");
	T(r, _("Hạn các đơn vị nộp: số ngày sau ngày chốt số liệu (D1)"));
	P(r,
	  "</label><input type=\"number\" id=\"due_days\" name=\"due_days\" min=\"1\" max=\"366\" required "
	  "value=\"%d\"><label for=\"up_due_days\">",
	  x ? x->due_days : 5);
	T(r, _("Hạn báo cáo lên cấp trên: số ngày sau ngày chốt số liệu (D2, để trống nếu không có)"));
	P(r, "</label><input type=\"number\" id=\"up_due_days\" name=\"up_due_days\" min=\"0\" max=\"366\" "
	     "value=\"");
	if (x && x->up_due_days)
		P(r, "%d", x->up_due_days);
	P(r, "\"><label><input type=\"checkbox\" name=\"active\" value=\"1\"%s> ",
	  !x || x->active ? " checked" : "");
	T(r, _("Đang áp dụng (tự mở đợt báo cáo vào ngày chốt số liệu)"));
	P(r, "</label><label for=\"sections\">");
	T(r, _("Các mục nội dung (mỗi dòng một mục)"));
	P(r, "</label><textarea id=\"sections\" name=\"sections\" rows=\"4\">");
	if (v)
		for (size_t i = 0; i < v->nsections; i++) {
			T(r, v->sections[i].heading);
			P(r, "\n");
		}
	else
		T(r, _("Kết quả thực hiện\nĐánh giá chung\nPhương hướng, nhiệm vụ thời gian tới\nKiến nghị, "
		       "đề xuất"));
	P(r, "</textarea><label for=\"counts\">");
	T(r, _("Các chỉ tiêu số liệu, mỗi dòng: tên | đơn vị tính | mã chỉ tiêu của sổ hoạt động (nếu có)"));
	P(r, "</label><textarea id=\"counts\" name=\"counts\" rows=\"3\">");
	if (v)
		for (size_t i = 0; i < v->ncounts; i++) {
			T(r, v->counts[i].name);
			P(r, " | ");
			T(r, v->counts[i].unit);
			if (v->counts[i].indicator) {
				P(r, " | ");
				T(r, v->counts[i].indicator);
			}
			P(r, "\n");
		}
	else
		T(r, _("Số đoàn nước ngoài vào | đoàn"));
	P(r, "</textarea><fieldset><legend>");
	T(r, _("Các đơn vị được yêu cầu báo cáo"));
	P(r, "</legend><ul class=\"checks\">");
	st_org *children = NULL, *prov = NULL;
	size_t nc = 0, np = 0;
	char today[CAL_DATE_LEN];
	cal_vn_date(r->ctx.now, today);
	st_org_query q = {.parent_id = r->user.org_id, .at = today, .limit = 1000};
	org_find(&r->ctx, &q, &children, &nc);
	ministry_provinces(&r->ctx, today, &prov, &np);
	for (int pass = 0; pass < 2; pass++) {
		const st_org *list = pass ? prov : children;
		size_t n = pass ? np : nc;
		for (size_t i = 0; i < n; i++) {
			int on = 0;
			for (size_t j = 0; v && j < v->norgs && !on; j++)
				on = !strcmp(v->orgs[j].code, list[i].code);
			P(r, "<li><label><input type=\"checkbox\" name=\"org\" value=\"");
			A(r, list[i].code);
			P(r, "\"%s> ", on ? " checked" : "");
			T(r, list[i].name);
			P(r, "</label></li>");
		}
	}
	P(r, "</ul>");
	if (!nc && !np) {
		P(r, "<p class=\"alert\">");
		T(r, _("Đơn vị của bạn chưa có đơn vị trực thuộc để yêu cầu báo cáo."));
		P(r, "</p>");
	}
	P(r, "</fieldset><div class=\"actions\"><button type=\"submit\">");
	T(r, x ? _("Lưu lịch báo cáo") : _("Lập lịch báo cáo"));
	P(r, "</button></div></form>");
}

tt_rc ui_schedules(http_req *r)
{
	st_schedule *x;
	size_t n;
	tt_rc rc = schedule_list(&r->ctx, &x, &n);
	if (rc)
		return rc;
	page_begin(r, _("Lịch báo cáo định kỳ"));
	P(r, "<h1>");
	T(r, _("Lịch báo cáo định kỳ"));
	P(r, "</h1><p class=\"muted\">");
	T(r, _("Mỗi lịch tự mở đợt báo cáo vào ngày chốt số liệu của từng kỳ (ngày 14 của tháng cuối kỳ), "
	       "hạn nộp tính từ ngày đó."));
	P(r, "</p><p><a href=\"/rounds\">");
	T(r, _("← Các đợt báo cáo"));
	P(r, "</a></p>");
	page_flash(r);
	static const char *const heads[] = {N_("Lịch báo cáo"), N_("Kỳ"), N_("Hạn nộp (D1)"),
	                                    N_("Hạn lên cấp trên (D2)"), N_("Trạng thái")};
	const char *h[5];
	for (size_t i = 0; i < 5; i++)
		h[i] = _(heads[i]);
	if (n) {
		kit_table_t t;
		kit_table(r, &t, "schedules", h, 5);
		for (size_t i = 0; i < n; i++) {
			kit_row(r, &t);
			kit_cell_begin(r, &t, 0, 0);
			P(r, "<a href=\"/schedules/%lld\">", (long long)x[i].id);
			T(r, x[i].title);
			P(r, "</a><br><span class=\"muted\">");
			T(r, x[i].owner_name);
			P(r, "</span>");
			kit_cell_end(r);
			kit_cell_begin(r, &t, 1, 0);
			for (size_t k = 0, first = 1; k < 5; k++)
				if (has_kind(x[i].kinds, kind_names[k])) {
					if (!first)
						P(r, ", ");
					T(r, kind_label(kind_names[k]));
					first = 0;
				}
			kit_cell_end(r);
			kit_cell(r, &t, 2,
			         arena_printf(&r->arena, _("%d ngày sau ngày chốt"), x[i].due_days));
			kit_cell(r, &t, 3,
			         x[i].up_due_days
			             ? arena_printf(&r->arena, _("%d ngày sau ngày chốt"), x[i].up_due_days)
			             : "—");
			kit_cell(r, &t, 4, x[i].active ? _("Đang áp dụng") : _("Tạm dừng"));
		}
		kit_table_end(r, &t);
	} else {
		P(r, "<p>");
		T(r, _("Chưa có lịch báo cáo nào."));
		P(r, "</p>");
	}
	if (perm_may(&r->ctx, PERM_CREATE_ROUND, 0)) {
		P(r, "<h2>");
		T(r, _("Lập lịch báo cáo mới"));
		P(r, "</h2>");
		schedule_form(r, NULL);
	}
	return page_end(r);
}

/* Reads the form into spec (arena). */
static tt_rc read_form(http_req *r, schedule_spec *spec)
{
	memset(spec, 0, sizeof *spec);
	const char **kinds, **orgs;
	spec->nkinds = http_form_all(r, "kind", &kinds);
	spec->kinds = kinds;
	spec->norgs = http_form_all(r, "org", &orgs);
	spec->org_codes = orgs;
	spec->title = http_form(r, "title");
	const char *dd = http_form(r, "due_days"), *ud = http_form(r, "up_due_days");
	char *end;
	long v = dd && *dd ? strtol(dd, &end, 10) : -1;
	if (!dd || !*dd || *end || v < 1 || v > SCHEDULE_MAX_DAYS)
		return ctx_fail(&r->ctx, TT_ERR_INVALID, _("Số ngày hạn nộp (D1) phải là số từ 1 đến %d."),
		                SCHEDULE_MAX_DAYS);
	spec->due_days = (int)v;
	if (ud && *ud) {
		v = strtol(ud, &end, 10);
		if (*end || v < 0 || v > SCHEDULE_MAX_DAYS)
			return ctx_fail(&r->ctx, TT_ERR_INVALID,
			                _("Số ngày hạn báo cáo lên cấp trên (D2) phải là số từ 0 đến %d."),
			                SCHEDULE_MAX_DAYS);
		spec->up_due_days = (int)v;
	}
	spec->active = http_form(r, "active") != NULL;
	/* sections: one per line; counts: name | unit | indicator */
	for (int pass = 0; pass < 2; pass++) {
		const char *text = http_form(r, pass ? "counts" : "sections");
		char *copy = arena_strdup(&r->arena, text ? text : "");
		size_t cap = 1;
		for (const char *p = copy; p && *p; p++)
			cap += *p == '\n';
		st_section *sec = arena_alloc(&r->arena, cap * sizeof *sec);
		st_count *cnt = arena_alloc(&r->arena, cap * sizeof *cnt);
		if (!copy || !sec || !cnt)
			return TT_ERR_NOMEM;
		size_t n = 0;
		for (char *line = copy; line;) {
			char *nl = strchr(line, '\n');
			if (nl)
				*nl = '\0';
			char *f[3] = {line, NULL, NULL};
			for (int k = 1; k < 3 && pass; k++)
				if ((f[k] = f[k - 1] ? strchr(f[k - 1], '|') : NULL))
					*f[k]++ = '\0';
			for (int k = 0; k < 3; k++) {
				if (!f[k])
					continue;
				while (*f[k] == ' ' || *f[k] == '\t')
					f[k]++;
				size_t len = strlen(f[k]);
				while (len && (f[k][len - 1] == ' ' || f[k][len - 1] == '\r' ||
				               f[k][len - 1] == '\t'))
					f[k][--len] = '\0';
			}
			if (*f[0]) {
				if (pass)
					cnt[n] = (st_count){.key = arena_printf(&r->arena, "c%zu", n + 1),
					                    .name = f[0],
					                    .unit = f[1] ? f[1] : "",
					                    .indicator = f[2] && *f[2] ? f[2] : NULL};
				else
					sec[n] = (st_section){.key = arena_printf(&r->arena, "s%zu", n + 1),
					                      .heading = f[0]};
				n++;
			}
			line = nl ? nl + 1 : NULL;
		}
		if (pass) {
			spec->counts = cnt;
			spec->ncounts = n;
		} else {
			spec->sections = sec;
			spec->nsections = n;
		}
	}
	return TT_OK;
}

tt_rc ui_schedule_create(http_req *r)
{
	schedule_spec spec;
	int64_t id;
	tt_rc rc = read_form(r, &spec);
	if (rc || (rc = schedule_create(&r->ctx, &spec, &id)))
		return rc;
	return http_redirect(r, arena_printf(&r->arena, "/schedules/%lld?msg=saved", (long long)id));
}

static tt_rc id_param(http_req *r, int64_t *id)
{
	char *end;
	const char *s = r->params[0];
	long long v = s && *s >= '0' && *s <= '9' ? strtoll(s, &end, 10) : 0;
	if (v <= 0 || *end)
		return ctx_fail(&r->ctx, TT_ERR_NOT_FOUND, _("Không có lịch báo cáo này."));
	*id = v;
	return TT_OK;
}

/* The regime over time: the rates of the rounds it opened as a line chart
 * and a table, oldest period first. */
static void schedule_rates_section(http_req *r, int64_t id)
{
	schedule_rate *x;
	size_t n;
	if (schedule_rates(&r->ctx, id, &x, &n) || n == 0)
		return;
	const char **label = arena_alloc(&r->arena, n * sizeof *label);
	double *rate = arena_alloc(&r->arena, n * sizeof *rate);
	double *on_time = arena_alloc(&r->arena, n * sizeof *on_time);
	if (!label || !rate || !on_time)
		return;
	for (size_t i = 0; i < n; i++) {
		label[i] = x[i].label;
		rate[i] = x[i].rates.rate;
		on_time[i] = x[i].rates.on_time_rate;
	}
	const svg_line lines[] = {{_("Tỷ lệ nộp"), "#1f5fa8", rate, NULL},
	                          {_("Tỷ lệ nộp đúng hạn"), "#2e7d32", on_time, "6 4"}};
	P(r, "<section class=\"card\" id=\"schedule-rates\"><h2>");
	T(r, _("Tỷ lệ nộp báo cáo qua các kỳ"));
	P(r, "</h2><div class=\"chart-scroll\">");
	svg_percent_lines(&r->out, _("Tỷ lệ nộp và nộp đúng hạn qua các kỳ"), label, n, lines, 2);
	P(r, "</div><div class=\"table-wrap\"><table><thead><tr><th>");
	T(r, _("Kỳ báo cáo"));
	P(r, "</th><th class=\"num\">");
	T(r, _("Phải nộp"));
	P(r, "</th><th class=\"num\">");
	T(r, _("Đã nộp"));
	P(r, "</th><th class=\"num\">");
	T(r, _("Tỷ lệ nộp"));
	P(r, "</th><th class=\"num\">");
	T(r, _("Đúng hạn"));
	P(r, "</th><th class=\"num\">");
	T(r, _("Tỷ lệ nộp đúng hạn"));
	P(r, "</th><th class=\"num\">");
	T(r, _("Đã duyệt"));
	P(r, "</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		const round_rates_t *t = &x[i].rates;
		P(r, "<tr><td><a href=\"/rounds/%lld\">", (long long)x[i].round_id);
		T(r, x[i].label);
		P(r, "</a></td><td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">",
		  t->expected, t->submitted);
		web_rate_pct(r, t->rate);
		P(r, "</td><td class=\"num\">%d</td><td class=\"num\">", t->on_time);
		web_rate_pct(r, t->on_time_rate);
		P(r, "</td><td class=\"num\">%d</td></tr>", t->approved);
	}
	P(r, "</tbody></table></div></section>");
}

tt_rc ui_schedule(http_req *r)
{
	int64_t id;
	schedule_view v;
	tt_rc rc = id_param(r, &id);
	if (rc || (rc = schedule_get(&r->ctx, id, &v)))
		return rc;
	page_begin(r, v.schedule.title);
	P(r, "<h1>");
	T(r, v.schedule.title);
	P(r, "</h1><p><a href=\"/schedules\">");
	T(r, _("← Lịch báo cáo định kỳ"));
	P(r, "</a></p>");
	page_flash(r);
	P(r, "<p class=\"muted\">");
	T(r, _("Lập bởi"));
	P(r, " ");
	T(r, v.schedule.owner_name);
	P(r, "; ");
	T(r, _("chỉ mở các kỳ có ngày chốt số liệu từ"));
	P(r, " ");
	DS(r, v.schedule.starts_on);
	P(r, ".</p>");
	schedule_rates_section(r, id);
	if (v.can_edit) {
		schedule_form(r, &v);
		P(r, "<form method=\"post\" action=\"/schedules/%lld/delete\" class=\"actions\">",
		  (long long)id);
		page_csrf(r);
		P(r, "<button type=\"submit\" class=\"secondary\">");
		T(r, _("Xóa lịch báo cáo (các đợt đã mở vẫn giữ nguyên)"));
		P(r, "</button></form>");
	}
	return page_end(r);
}

tt_rc ui_schedule_update(http_req *r)
{
	int64_t id;
	schedule_spec spec;
	tt_rc rc = id_param(r, &id);
	if (rc || (rc = read_form(r, &spec)) || (rc = schedule_update(&r->ctx, id, &spec)))
		return rc;
	return http_redirect(r, arena_printf(&r->arena, "/schedules/%lld?msg=saved", (long long)id));
}

tt_rc ui_schedule_delete(http_req *r)
{
	int64_t id;
	tt_rc rc = id_param(r, &id);
	if (rc || (rc = schedule_delete(&r->ctx, id)))
		return rc;
	return http_redirect(r, "/schedules");
}

tt_rc ui_round_copy(http_req *r)
{
	int64_t id, nid;
	round_copy_spec cs = {.period_key = http_form(r, "period")};
	tt_rc rc = web_round_id(r, &id);
	if (rc)
		return rc;
	if (!cs.period_key || !*cs.period_key)
		return ctx_fail(&r->ctx, TT_ERR_INVALID, _("Vui lòng chọn kỳ báo cáo cho đợt sao chép."));
	if ((rc = round_copy(&r->ctx, id, &cs, &nid)))
		return rc;
	return http_redirect(r, arena_printf(&r->arena, "/rounds/%lld", (long long)nid));
}

tt_rc ui_indicator_compare(http_req *r)
{
	int years[10];
	size_t ny, n;
	const char *at;
	indicator_compare_row *rows;
	tt_rc rc = web_indicator_compare(r, years, &ny, &at, &rows, &n);
	if (rc)
		return rc;
	const activity_indicator *ind = activity_indicator_get(r->params[0]);
	page_begin(r, _("So sánh chỉ tiêu qua các năm"));
	P(r, "<h1>");
	T(r, ind ? ind->name : r->params[0]);
	P(r, "</h1><p class=\"muted\">");
	T(r, _("Số của các tỉnh cũ được cộng vào tỉnh kế thừa tại ngày"));
	P(r, " ");
	DS(r, at);
	P(r, ". ");
	T(r, _("Năm tính theo Nghị định 09/2019/NĐ-CP (15/12 năm trước đến 14/12)."));
	P(r, "</p>");
	const char **h = arena_alloc(&r->arena, (ny + 2) * sizeof *h);
	if (!h)
		return TT_ERR_NOMEM;
	h[0] = _("Tỉnh, thành phố");
	for (size_t y = 0; y < ny; y++)
		h[y + 1] = arena_printf(&r->arena, "%d", years[y]);
	h[ny + 1] = _("Gồm số của");
	double max = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t y = 0; y < ny; y++)
			if (rows[i].values[y] > max)
				max = rows[i].values[y];
	kit_table_t t;
	kit_table(r, &t, "compare", h, ny + 2);
	for (size_t i = 0; i < n; i++) {
		kit_row(r, &t);
		kit_cell(r, &t, 0, rows[i].name);
		for (size_t y = 0; y < ny; y++) {
			kit_cell_begin(r, &t, y + 1, 1);
			NUM(r, rows[i].values[y]);
			/* a bar proportional to the largest value */
			P(r,
			  "<svg class=\"bar\" width=\"80\" height=\"8\" role=\"img\" "
			  "aria-hidden=\"true\"><rect "
			  "width=\"%d\" height=\"8\"></rect></svg>",
			  max > 0 ? (int)(80 * rows[i].values[y] / max) : 0);
			kit_cell_end(r);
		}
		kit_cell_begin(r, &t, ny + 1, 0);
		for (size_t y = 0; y < ny; y++)
			if (*rows[i].sources[y]) {
				P(r, "%d: ", years[y]);
				T(r, rows[i].sources[y]);
				P(r, "<br>");
			}
		kit_cell_end(r);
	}
	kit_table_end(r, &t);
	return page_end(r);
}

void web_round_levels(http_req *r, const st_round *x, int manage)
{
	int64_t sid = 0;
	const char *key = NULL, *up_due = NULL;
	if (round_schedule_info(&r->ctx, x->id, &sid, &key, &up_due) == TT_OK) {
		P(r, "<dl class=\"meta\" id=\"levels\">");
		if (sid) {
			P(r, "<dt>");
			T(r, _("Lịch báo cáo"));
			P(r, "</dt><dd><a href=\"/schedules/%lld\">", (long long)sid);
			T(r, key);
			P(r, "</a></dd>");
		}
		if (up_due) {
			P(r, "<dt>");
			T(r, _("Hạn báo cáo lên cấp trên"));
			P(r, "</dt><dd id=\"up-due\">");
			D(r, up_due);
			P(r, "</dd>");
		}
		P(r, "</dl>");
	}
	r->ctx.error_detail = NULL;
	if (!manage)
		return;
	web_round_drill(r, x->id);
	/* Copy to another period: the periods of the same kind around it. */
	period cur;
	period_kind kind = PERIOD_HALF_YEAR;
	int year = (int)strtol(x->period_end, NULL, 10);
	if (!schedule_period_of(x->period_start, x->period_end, &cur))
		kind = cur.kind;
	P(r, "<form method=\"post\" action=\"/rounds/%lld/copy\" class=\"inline\" id=\"copy-form\">",
	  (long long)x->id);
	page_csrf(r);
	P(r, "<label for=\"copy-period\">");
	T(r, _("Sao chép đợt này sang kỳ"));
	P(r, "</label> <select id=\"copy-period\" name=\"period\">");
	for (int y = year; y <= year + 1; y++) {
		period p[PERIOD_MAX];
		size_t np = period_list(kind, y, p);
		for (size_t i = 0; i < np; i++) {
			if (strcmp(p[i].end, x->period_end) <= 0)
				continue;
			P(r, "<option value=\"");
			A(r, p[i].key);
			P(r, "\">");
			T(r, p[i].label);
			P(r, "</option>");
		}
	}
	P(r, "</select> <button type=\"submit\" class=\"secondary\">");
	T(r, _("Sao chép"));
	P(r, "</button></form>");
}

size_t web_round_form_provinces(http_req *r, const char *const *ticks, size_t nticked)
{
	st_org *prov = NULL;
	size_t np = 0;
	char today[CAL_DATE_LEN];
	cal_vn_date(r->ctx.now, today);
	if (ministry_provinces(&r->ctx, today, &prov, &np) || !np) {
		r->ctx.error_detail = NULL;
		return 0;
	}
	P(r, "<fieldset id=\"provinces\"><legend>");
	T(r, _("Tỉnh, thành phố báo cáo lên đơn vị của bạn"));
	P(r, " (%zu)</legend><label class=\"muted\"><input type=\"checkbox\" data-select-all=\"reporting\"> ",
	  np);
	T(r, _("Tất cả tỉnh, thành phố"));
	P(r, "</label><ul class=\"checks\">");
	for (size_t i = 0; i < np; i++) {
		int ticked = 0;
		for (size_t j = 0; j < nticked && !ticked; j++)
			ticked = !strcmp(ticks[j], prov[i].code);
		P(r, "<li><label><input type=\"checkbox\" name=\"org\" data-group=\"reporting\" value=\"");
		A(r, prov[i].code);
		P(r, "\"%s> ", ticked ? " checked" : "");
		T(r, prov[i].name);
		P(r, "</label></li>");
	}
	P(r, "</ul></fieldset>");
	return np;
}

void web_round_drill(http_req *r, int64_t round_id)
{
	round_drill_row *rows;
	size_t n, own = 0;
	if (round_drill(&r->ctx, round_id, &rows, &n) == TT_OK)
		for (size_t i = 0; i < n; i++)
			own += rows[i].own_round_id != 0;
	r->ctx.error_detail = NULL;
	if (!own)
		return;
	P(r, "<details id=\"drill\" open><summary>");
	T(r, _("Xem theo đơn vị cấp dưới: báo cáo gửi lên và đợt báo cáo cùng kỳ của đơn vị"));
	P(r, " (%zu)</summary><ul>", own);
	for (size_t i = 0; i < n; i++) {
		if (!rows[i].own_round_id)
			continue;
		P(r, "<li>");
		T(r, rows[i].report.org_name);
		P(r, ": <a href=\"/rounds/%lld/reports/", (long long)round_id);
		U(r, rows[i].report.org_code);
		P(r, "\">");
		T(r, _("báo cáo gửi lên"));
		P(r, "</a> · <a href=\"/rounds/%lld/consolidated\">", (long long)rows[i].own_round_id);
		T(r, _("tổng hợp của các đơn vị"));
		P(r, "</a> (%d/%d ", rows[i].own_submitted, rows[i].own_expected);
		T(r, _("đơn vị đã gửi"));
		P(r, ")</li>");
	}
	P(r, "</ul></details>");
}
