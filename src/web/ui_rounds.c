/* ui_rounds.c - pages of reporting rounds: the list, the creation form,
 * a round's completeness (with a chart) and its consolidated view, and the
 * CSV export. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cal.h"
#include "core/activity.h"
#include "core/org.h"
#include "core/period.h"
#include "core/perm.h"
#include "core/round.h"
#include "core/remind.h"
#include "render/svg.h"
#include "text/number.h"
#include "text/vn.h"
#include "web/page.h"
#include "web/routes.h"
#include "web/web_int.h"

tt_rc ui_rounds(http_req *r)
{
	st_round *x;
	size_t n;
	tt_rc rc = round_list(&r->ctx, &x, &n);
	if (rc)
		return rc;
	page_begin(r, _("Đợt báo cáo"));
	P(r, "<h1>");
	T(r, _("Đợt báo cáo"));
	P(r, "</h1>");
	page_flash(r);
	if (perm_may(&r->ctx, PERM_CREATE_ROUND, 0)) {
		P(r, "<p class=\"actions\"><a class=\"button\" href=\"/rounds/new\">");
		T(r, _("Tạo đợt báo cáo mới"));
		P(r, "</a><a class=\"button secondary\" href=\"/schedules\">");
		T(r, _("Lịch báo cáo định kỳ"));
		P(r, "</a></p>");
	}
	if (!n) {
		P(r, "<p class=\"card\">");
		T(r, _("Chưa có đợt báo cáo nào."));
		P(r, "</p>");
		return page_end(r);
	}
	P(r, "<div class=\"table-wrap\"><table class=\"responsive\"><thead><tr><th>");
	T(r, _("Tiêu đề"));
	P(r, "</th><th>");
	T(r, _("Đơn vị điều phối"));
	P(r, "</th><th>");
	T(r, _("Kỳ báo cáo"));
	P(r, "</th><th>");
	T(r, _("Hạn nộp"));
	P(r, "</th><th class=\"num\">");
	T(r, _("Đã gửi"));
	P(r, "</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		P(r, "<tr><td data-label=\"");
		A(r, _("Tiêu đề"));
		P(r, "\"><a href=\"/rounds/%lld\">", (long long)x[i].id);
		T(r, x[i].title);
		P(r, "</a></td><td data-label=\"");
		A(r, _("Đơn vị điều phối"));
		P(r, "\">");
		T(r, x[i].owner_name);
		P(r, "</td><td data-label=\"");
		A(r, _("Kỳ báo cáo"));
		P(r, "\">");
		DS(r, x[i].period_start);
		P(r, " – ");
		DS(r, x[i].period_end);
		P(r, "</td><td data-label=\"");
		A(r, _("Hạn nộp"));
		P(r, "\">");
		DS(r, x[i].due);
		P(r, "</td><td class=\"num\" data-label=\"");
		A(r, _("Đã gửi"));
		P(r, "\">");
		NUM(r, x[i].submitted);
		P(r, "/");
		NUM(r, x[i].expected);
		P(r, "</td></tr>");
	}
	P(r, "</tbody></table></div>");
	return page_end(r);
}

/* The counts of a new round: one row per count with its name, unit and
 * type; rows left without a name are ignored. What was posted comes back
 * as typed when the form is shown again. */
static void count_rows(http_req *r)
{
	static const char *const names[] = {N_("Đoàn ra"), N_("Đoàn vào"),
	                                    N_("Phóng viên nước ngoài được đón tiếp")};
	static const char *const units[] = {N_("đoàn"), N_("đoàn"), N_("người")};
	const char **pn = NULL, **pu = NULL, **pt = NULL, **pi = NULL;
	size_t nn = http_form_all(r, "count_name", &pn), nu = http_form_all(r, "count_unit", &pu),
	       ntp = http_form_all(r, "count_type", &pt), ni = http_form_all(r, "count_indicator", &pi);
	size_t nind;
	const activity_indicator *inds = activity_indicators(&nind);
	int posted = http_form(r, "title") != NULL;
	size_t rows = posted ? nn + 3 : 8;
	if (rows > ROUND_MAX_ITEMS)
		rows = ROUND_MAX_ITEMS;
	P(r, "<fieldset id=\"count-rows\"><legend>");
	T(r, _("Các chỉ tiêu số liệu"));
	P(r, "</legend><p class=\"muted\">");
	T(r, _("Mỗi dòng một chỉ tiêu; bỏ trống tên để không dùng dòng đó. Chỉ tiêu đếm người, đoàn, "
	       "cuộc… là số nguyên; kinh phí, tỷ lệ… là số thập phân (viết 350,5)."));
	P(r, " ");
	T(r, _("Chỉ tiêu có gợi ý từ sổ hoạt động: báo cáo của mỗi đơn vị hiện số tính từ các hoạt động của "
	       "đơn vị "
	       "và các đơn vị trực thuộc trong kỳ; để trống đơn vị tính thì lấy đơn vị của chỉ tiêu đó."));
	P(r, "</p>");
	for (size_t i = 0; i < rows; i++) {
		const char *name = posted ? (i < nn ? pn[i] : "") : (i < 3 ? _(names[i]) : "");
		const char *unit = posted ? (i < nu ? pu[i] : "") : (i < 3 ? _(units[i]) : "");
		int decimal = posted && i < ntp && !strcmp(pt[i], "decimal");
		P(r, "<div class=\"count-row\"><div><label for=\"cn%zu\">", i + 1);
		T(r, _("Tên chỉ tiêu"));
		P(r, " %zu</label><input type=\"text\" id=\"cn%zu\" name=\"count_name\" value=\"", i + 1,
		  i + 1);
		A(r, name);
		P(r, "\"></div><div><label for=\"cu%zu\">", i + 1);
		T(r, _("Đơn vị tính"));
		P(r, "</label><input type=\"text\" id=\"cu%zu\" name=\"count_unit\" value=\"", i + 1);
		A(r, unit);
		P(r, "\"></div><div><label for=\"ct%zu\">", i + 1);
		T(r, _("Kiểu số"));
		P(r, "</label><select id=\"ct%zu\" name=\"count_type\"><option value=\"integer\"%s>", i + 1,
		  decimal ? "" : " selected");
		T(r, _("Số nguyên (1.200)"));
		P(r, "</option><option value=\"decimal\"%s>", decimal ? " selected" : "");
		T(r, _("Số thập phân (350,5)"));
		P(r, "</option></select></div><div><label for=\"ci%zu\">", i + 1);
		T(r, _("Gợi ý từ sổ hoạt động"));
		P(r, "</label><select id=\"ci%zu\" name=\"count_indicator\"><option value=\"\">", i + 1);
		T(r, _("— không, đơn vị tự nhập —"));
		P(r, "</option>");
		const char *chosen = posted && i < ni ? pi[i] : "";
		for (size_t k = 0; k < nind; k++) {
			P(r, "<option value=\"");
			A(r, inds[k].key);
			P(r, "\"%s>", !strcmp(chosen, inds[k].key) ? " selected" : "");
			T(r, inds[k].name);
			P(r, " (");
			T(r, inds[k].unit);
			P(r, ")</option>");
		}
		P(r, "</select></div></div>");
	}
	P(r, "</fieldset>");
}

/* The plans a new round may be tied to (round_plan_choices). */
static void plan_select(http_req *r)
{
	st_plan *p = NULL;
	size_t n = 0, shown = 0;
	const char *chosen = http_form(r, "plan_id");
	if (round_plan_choices(&r->ctx, &p, &n))
		n = 0;
	r->ctx.error_detail = NULL;
	P(r, "<label for=\"plan_id\">");
	T(r, _("Gắn với kế hoạch (không bắt buộc)"));
	P(r, "</label><select id=\"plan_id\" name=\"plan_id\"><option value=\"\">");
	T(r, _("— Không gắn kế hoạch —"));
	P(r, "</option>");
	for (size_t i = 0; i < n; i++) {
		char idbuf[24];
		snprintf(idbuf, sizeof idbuf, "%lld", (long long)p[i].id);
		P(r, "<option value=\"%s\"%s>", idbuf, chosen && !strcmp(chosen, idbuf) ? " selected" : "");
		T(r, p[i].title);
		P(r, "</option>");
		shown++;
	}
	P(r, "</select><p class=\"muted\">");
	T(r, shown ? _("Khi gắn với kế hoạch, mỗi đơn vị báo cáo thêm tiến độ các nhiệm vụ mình chủ trì; báo "
	               "cáo tổng hợp có bảng tình hình thực hiện kế hoạch.")
	           : _("Chưa có kế hoạch đang thực hiện nào của đơn vị để gắn."));
	P(r, "</p>");
}

/* The legal periods (Decree 09/2019) of this year and the year before,
 * by year and kind. Choosing one fills the period's days (app.js); without
 * JavaScript the chosen key is sent and the days come from it. */
static void period_select(http_req *r)
{
	static const period_kind order[] = {PERIOD_YEAR, PERIOD_HALF_YEAR, PERIOD_NINE_MONTHS, PERIOD_QUARTER,
	                                    PERIOD_MONTH};
	const char *chosen = http_form(r, "period");
	char today[CAL_DATE_LEN];
	cal_vn_date(r->ctx.now, today);
	int year = (int)strtol(today, NULL, 10); /* "2026-03-10" -> 2026 */
	P(r, "<label for=\"period\">");
	T(r, _("Kỳ báo cáo theo Nghị định 09/2019/NĐ-CP"));
	P(r, "</label><select id=\"period\" name=\"period\" data-period><option value=\"\">");
	T(r, _("— Tự nhập ngày bên dưới —"));
	P(r, "</option>");
	for (int y = year; y >= year - 1; y--) {
		P(r, "<optgroup label=\"");
		A(r, arena_printf(&r->arena, _("Năm %d"), y));
		P(r, "\">");
		for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
			period p[PERIOD_MAX];
			size_t n = period_list(order[k], y, p);
			for (size_t i = 0; i < n; i++) {
				P(r, "<option value=\"%s\" data-start=\"%s\" data-end=\"%s\"%s>", p[i].key,
				  p[i].start, p[i].end,
				  chosen && !strcmp(chosen, p[i].key) ? " selected" : "");
				T(r, p[i].label);
				P(r, " (%.2s/%.2s/%.4s – %.2s/%.2s/%.4s)</option>", p[i].start + 8,
				  p[i].start + 5, p[i].start, p[i].end + 8, p[i].end + 5, p[i].end);
			}
		}
		P(r, "</optgroup>");
	}
	P(r, "</select><p class=\"muted\">");
	T(r, _("Chọn kỳ để điền sẵn ngày chốt số liệu (từ ngày 15 tháng trước đến ngày 14); hoặc để trống "
	       "và tự nhập ngày."));
	P(r, "</p>");
}

static void new_form(http_req *r, const char *error)
{
	st_org *children = NULL;
	size_t nc = 0;
	static const char *const kinds[] = {"department", "press",    "other",
	                                    "commune",    "province", "ministry"};
	st_org_query q = {.parent_id = r->user.org_id, .at = "2099-01-01", .limit = 1000};
	org_find(&r->ctx, &q, &children, &nc);
	const char **ticks = NULL; /* the bodies ticked when the form comes back */
	size_t nticked = http_form_all(r, "org", &ticks);
	page_begin(r, _("Tạo đợt báo cáo"));
	P(r, "<h1>");
	T(r, _("Tạo đợt báo cáo"));
	P(r, "</h1>");
	if (error) {
		P(r, "<p class=\"alert\" role=\"alert\">");
		T(r, error);
		P(r, "</p>");
	}
	P(r, "<form method=\"post\" action=\"/rounds\" class=\"card stack\">");
	page_csrf(r);
	P(r, "<label for=\"title\">");
	T(r, _("Tiêu đề"));
	P(r, "</label><input type=\"text\" id=\"title\" name=\"title\" required value=\"");
	A(r, http_form(r, "title") ? http_form(r, "title") : "");
	P(r, "\">");
	period_select(r);
	P(r, "<label for=\"period_start\">");
	T(r, _("Kỳ báo cáo từ ngày"));
	P(r, "</label>");
	web_date_input(r, "period_start", http_form(r, "period_start"), 0);
	P(r, "<label for=\"period_end\">");
	T(r, _("đến ngày"));
	P(r, "</label>");
	web_date_input(r, "period_end", http_form(r, "period_end"), 0);
	P(r, "<label for=\"due\">");
	T(r, _("Hạn nộp"));
	P(r, "</label>");
	web_date_input(r, "due", http_form(r, "due"), 1);
	plan_select(r);
	P(r, "<label for=\"sections\">");
	T(r, _("Các mục nội dung (mỗi dòng một mục)"));
	P(r, "</label><textarea id=\"sections\" name=\"sections\" rows=\"5\">");
	T(r, http_form(r, "sections") ? http_form(r, "sections")
	                              : _("Kết quả thực hiện\nĐánh giá chung\nPhương hướng, nhiệm vụ thời "
	                                  "gian tới\nKiến nghị, đề xuất"));
	P(r, "</textarea>");
	count_rows(r);
	if (nc) {
		/* A search through the bodies and a tick for those it shows
		 * (with JavaScript; without it the lists are all there). */
		P(r, "<div class=\"org-tools\" id=\"org-tools\" hidden><label for=\"org-search\">");
		T(r, _("Tìm đơn vị trong danh sách (gõ không dấu cũng được)"));
		P(r, "</label><input type=\"search\" id=\"org-search\" autocomplete=\"off\" placeholder=\"");
		A(r, _("ví dụ: phường, Sơn Tịnh"));
		P(r, "\"><div class=\"actions\"><button type=\"button\" class=\"secondary\" id=\"select-shown\">");
		T(r, _("Chọn các đơn vị đang hiện"));
		P(r, "</button><button type=\"button\" class=\"secondary\" id=\"unselect-shown\">");
		T(r, _("Bỏ chọn các đơn vị đang hiện"));
		P(r, "</button></div><p class=\"muted\" id=\"org-count\" aria-live=\"polite\" data-template=\"");
		A(r, _("Đang hiện {shown}/{all} đơn vị; đã chọn {ticked}."));
		P(r, "\"></p></div>");
	}
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		size_t count = 0;
		for (size_t i = 0; i < nc; i++)
			count += !strcmp(children[i].kind, kinds[k]);
		if (!count)
			continue;
		P(r, "<fieldset><legend>");
		T(r, org_kind_label(kinds[k]));
		P(r,
		  " (%zu)</legend><label class=\"muted\"><input type=\"checkbox\" data-select-all=\"%s\"> ",
		  count, kinds[k]);
		T(r, _("Chọn tất cả"));
		P(r, " ");
		T(r, org_kind_label(kinds[k]));
		P(r, " ");
		T(r, _("thuộc"));
		P(r, " ");
		T(r, r->user.org_name ? r->user.org_name : "");
		P(r, "</label><ul class=\"checks\">");
		for (size_t i = 0; i < nc; i++) {
			if (strcmp(children[i].kind, kinds[k]))
				continue;
			int ticked = 0;
			for (size_t j = 0; j < nticked && !ticked; j++)
				ticked = !strcmp(ticks[j], children[i].code);
			P(r, "<li><label><input type=\"checkbox\" name=\"org\" data-group=\"%s\" value=\"",
			  kinds[k]);
			A(r, children[i].code);
			P(r, "\"%s> ", ticked ? " checked" : "");
			T(r, children[i].name);
			P(r, "</label></li>");
		}
		P(r, "</ul></fieldset>");
	}
	size_t nprov = web_round_form_provinces(r, ticks, nticked);
	if (!nc && !nprov) {
		P(r, "<p class=\"alert\">");
		T(r, _("Đơn vị của bạn chưa có đơn vị trực thuộc để yêu cầu báo cáo."));
		P(r, "</p>");
	}
	P(r, "<div class=\"actions\"><button type=\"submit\">");
	T(r, _("Tạo đợt báo cáo"));
	P(r, "</button><a class=\"button secondary\" href=\"/rounds\">");
	T(r, _("Hủy"));
	P(r, "</a></div></form>");
	page_end(r);
}

tt_rc ui_round_new(http_req *r)
{
	tt_rc rc = perm_check(&r->ctx, PERM_CREATE_ROUND, 0);
	if (rc)
		return rc;
	new_form(r, NULL);
	return TT_OK;
}

/* s without its leading and trailing blanks (s is changed). */
static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		s[--len] = '\0';
	return s;
}

/* Splits a textarea into trimmed non-empty lines (arena). */
static size_t lines(http_req *r, const char *text, char ***out)
{
	size_t cap = 1, n = 0;
	for (const char *p = text ? text : ""; *p; p++)
		cap += *p == '\n';
	char **v = arena_alloc(&r->arena, cap * sizeof *v);
	char *copy = arena_strdup(&r->arena, text ? text : "");
	if (!v || !copy) {
		*out = NULL;
		return 0;
	}
	char *p = copy;
	while (p) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		size_t len = strlen(p);
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\r' || p[len - 1] == '\t'))
			p[--len] = '\0';
		if (len)
			v[n++] = p;
		p = nl ? nl + 1 : NULL;
	}
	*out = v;
	return n;
}

tt_rc ui_round_create(http_req *r)
{
	char **sl;
	const char **orgs;
	const char **names, **units, **types, **inds;
	size_t ns = lines(r, http_form(r, "sections"), &sl), nc = 0;
	size_t nnames = http_form_all(r, "count_name", &names),
	       nunits = http_form_all(r, "count_unit", &units),
	       ntypes = http_form_all(r, "count_type", &types),
	       ninds = http_form_all(r, "count_indicator", &inds);
	size_t no = http_form_all(r, "org", &orgs);
	st_section *sec = arena_alloc(&r->arena, (ns + 1) * sizeof *sec);
	st_count *cnt = arena_alloc(&r->arena, (nnames + 1) * sizeof *cnt);
	if (!sec || !cnt)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < ns; i++) {
		sec[i].key = arena_printf(&r->arena, "s%zu", i + 1);
		sec[i].heading = sl[i];
	}
	for (size_t i = 0; i < nnames; i++) {
		char *name = arena_strdup(&r->arena, names[i]),
		     *unit = arena_strdup(&r->arena, i < nunits ? units[i] : "");
		if (!name || !unit)
			return TT_ERR_NOMEM;
		name = trim(name);
		if (!*name)
			continue;
		cnt[nc].key = arena_printf(&r->arena, "c%zu", nc + 1);
		cnt[nc].name = name;
		cnt[nc].unit = trim(unit);
		cnt[nc].type = i < ntypes ? types[i] : NULL;
		cnt[nc].indicator = i < ninds && *inds[i] ? inds[i] : NULL;
		/* With an indicator the kind is the indicator's unless decimal
		 * is chosen (the select starts at integer). */
		if (cnt[nc].indicator && cnt[nc].type && strcmp(cnt[nc].type, "decimal"))
			cnt[nc].type = NULL;
		nc++;
	}
	const char **codes = orgs;
	size_t ncodes = no;
	round_spec spec = {
	    .title = http_form(r, "title"),
	    .period_start = http_form(r, "period_start"),
	    .period_end = http_form(r, "period_end"),
	    .due = http_form(r, "due"),
	    .org_codes = codes,
	    .norgs = ncodes,
	    .sections = sec,
	    .nsections = ns,
	    .counts = cnt,
	    .ncounts = nc,
	};
	const char *plan = http_form(r, "plan_id");
	if (plan && *plan) {
		char *end;
		long long v = strtoll(plan, &end, 10);
		if (*end || v <= 0 || *plan < '0' || *plan > '9') {
			new_form(r, _("Kế hoạch được chọn không hợp lệ."));
			r->status = 400;
			return TT_OK;
		}
		spec.plan_id = v;
	}
	int64_t id;
	/* A legal period chosen, or the days typed the Vietnamese way (one
	 * that could be another day is refused); both must agree. */
	const char *key = http_form(r, "period");
	period per;
	int by_period = key && *key;
	if (by_period && period_from_key(key, &per)) {
		new_form(r, _("Kỳ báo cáo được chọn không hợp lệ."));
		r->status = 400;
		return TT_OK;
	}
	int typed = !by_period; /* the days are required unless a period stands for them */
	tt_rc rc = web_form_date(r, "period_start", _("Kỳ báo cáo từ ngày"), typed, 0, &spec.period_start);
	if (!rc)
		rc = web_form_date(r, "period_end", _("Kỳ báo cáo đến ngày"), typed, 0, &spec.period_end);
	if (!rc && by_period) {
		if ((spec.period_start && strcmp(spec.period_start, per.start)) ||
		    (spec.period_end && strcmp(spec.period_end, per.end)))
			rc = ctx_fail(
			    &r->ctx, TT_ERR_INVALID,
			    _("Ngày đã nhập không khớp với kỳ “%s” (%.2s/%.2s/%.4s – "
			      "%.2s/%.2s/%.4s). Vui lòng chọn kỳ hoặc tự nhập ngày, không dùng cả hai."),
			    per.label, per.start + 8, per.start + 5, per.start, per.end + 8, per.end + 5,
			    per.end);
		spec.period_start = per.start;
		spec.period_end = per.end;
	}
	if (!rc)
		rc = web_form_date(r, "due", _("Hạn nộp"), 1, 0, &spec.due);
	if (!rc)
		rc = round_create(&r->ctx, &spec, &id);
	if (rc == TT_ERR_INVALID || rc == TT_ERR_UTF8 || rc == TT_ERR_TOO_LARGE) {
		new_form(r, r->ctx.error_detail ? r->ctx.error_detail : tt_rc_message(rc));
		r->status = 400;
		return TT_OK;
	}
	if (rc)
		return rc;
	return http_redirect(r, arena_printf(&r->arena, "/rounds/%lld?msg=created", (long long)id));
}

static const char *const state_class[] = {"on_time", "late", "not_due", "overdue"};

/* "35%" of a part of n (n = 0: "0%"), rounded to a whole percent. */
static void pct(http_req *r, int part, size_t n)
{
	P(r, "%d%%", n ? (int)((100.0 * part) / (double)n + 0.5) : 0);
}

tt_rc ui_round_remind(http_req *r)
{
	int64_t id;
	remind_result res;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = remind_run(&r->ctx, id, &res)))
		return rc;
	return http_redirect(r, arena_printf(&r->arena, "/rounds/%lld?msg=reminded&n=%d&f=%d", (long long)id,
	                                     res.mails, res.failed));
}

static tt_rc refused_on_round(http_req *r, tt_rc rc);

/* A rate as "66,7%" (one decimal, Vietnamese comma). */
void web_rate_pct(http_req *r, double v)
{
	char b[32];
	snprintf(b, sizeof b, "%.1f%%", v);
	char *dot = strchr(b, '.');
	if (dot)
		*dot = ',';
	P(r, "%s", b);
}

/* The coordinator's changes of a round: edit, close or reopen, delete. */
static void round_manage_forms(http_req *r, const st_round *x, const st_report *rep, size_t n)
{
	long long id = (long long)x->id;
	int sent = 0;
	for (size_t i = 0; i < n; i++)
		sent += strcmp(rep[i].status, "draft") != 0;
	P(r, "<div class=\"actions\" id=\"round-actions\">");
	P(r, "<form method=\"post\" action=\"/rounds/%lld/%s\" class=\"inline\">", id,
	  round_open(x) ? "close" : "reopen");
	page_csrf(r);
	if (round_open(x)) {
		P(r, "<button type=\"submit\" class=\"secondary\" id=\"close-round\" data-confirm=\"");
		A(r, _("Đóng đợt báo cáo? Các đơn vị sẽ không lưu, gửi báo cáo được nữa (có thể mở lại sau)."));
		P(r, "\">");
		T(r, _("Đóng đợt"));
	} else {
		P(r, "<button type=\"submit\" class=\"secondary\" id=\"reopen-round\">");
		T(r, _("Mở lại đợt"));
	}
	P(r, "</button></form>");
	if (!sent) {
		P(r, "<form method=\"post\" action=\"/rounds/%lld/delete\" class=\"inline\">", id);
		page_csrf(r);
		P(r, "<button type=\"submit\" class=\"danger\" id=\"delete-round\" data-confirm=\"");
		A(r, _("Xóa hẳn đợt báo cáo này cùng các bản nháp của đơn vị? Không hoàn tác được."));
		P(r, "\">");
		T(r, _("Xóa đợt"));
		P(r, "</button></form>");
	}
	P(r, "</div><details class=\"round-edit\" id=\"round-edit\"><summary>");
	T(r, _("Sửa đợt"));
	P(r, "</summary><form method=\"post\" action=\"/rounds/%lld/edit\" class=\"stack\">", id);
	page_csrf(r);
	P(r, "<label for=\"edit-title\">");
	T(r, _("Tiêu đề"));
	P(r, "</label><input id=\"edit-title\" name=\"title\" required maxlength=\"500\" value=\"");
	A(r, x->title);
	P(r, "\"><label for=\"edit-due\">");
	T(r, _("Hạn nộp chung (gia hạn cho mọi đơn vị)"));
	P(r, "</label><input type=\"date\" id=\"edit-due\" name=\"due\" required value=\"");
	A(r, x->due);
	P(r, "\"><label for=\"edit-orgs\">");
	T(r, _("Đơn vị được yêu cầu báo cáo (mỗi dòng một mã; bỏ dòng để bỏ đơn vị chưa gửi)"));
	P(r, "</label><textarea id=\"edit-orgs\" name=\"orgs\" rows=\"6\">");
	for (size_t i = 0; i < n; i++) {
		T(r, rep[i].org_code);
		P(r, "\n");
	}
	P(r, "</textarea><div class=\"actions\"><button type=\"submit\" id=\"save-round\">");
	T(r, _("Lưu thay đổi"));
	P(r, "</button></div></form></details>");
}

tt_rc ui_round_edit(http_req *r)
{
	int64_t id;
	tt_rc rc = web_round_id(r, &id);
	if (rc)
		return rc;
	round_change ch = {.title = http_form(r, "title"), .due = http_form(r, "due")};
	const char *orgs = http_form(r, "orgs");
	if (orgs) {
		char **codes;
		ch.norgs = lines(r, orgs, &codes);
		ch.org_codes = (const char *const *)codes;
		ch.set_orgs = 1;
	}
	if (ch.due && !*ch.due)
		ch.due = NULL;
	if ((rc = round_update(&r->ctx, id, &ch)))
		return refused_on_round(r, rc);
	return http_redirect(r, arena_printf(&r->arena, "/rounds/%lld?msg=round_saved", (long long)id));
}

/* A change of the round's state from its page: back to the round with
 * msg, or the page again with the refusal. */
static tt_rc round_state_change(http_req *r, tt_rc (*change)(tt_ctx *, int64_t), const char *msg)
{
	int64_t id;
	tt_rc rc = web_round_id(r, &id);
	if (rc)
		return rc;
	if ((rc = change(&r->ctx, id)))
		return refused_on_round(r, rc);
	return http_redirect(r, arena_printf(&r->arena, "/rounds/%lld?msg=%s", (long long)id, msg));
}

tt_rc ui_round_close(http_req *r)
{
	return round_state_change(r, round_close, "closed");
}

tt_rc ui_round_reopen(http_req *r)
{
	return round_state_change(r, round_reopen, "reopened");
}

tt_rc ui_round_delete(http_req *r)
{
	int64_t id;
	tt_rc rc = web_round_id(r, &id);
	if (rc)
		return rc;
	if ((rc = round_delete(&r->ctx, id)))
		return refused_on_round(r, rc);
	return http_redirect(r, "/rounds?msg=deleted");
}

static tt_rc round_page(http_req *r, const char *error);

tt_rc ui_round(http_req *r)
{
	return round_page(r, NULL);
}

/* A refused change of the round: its page again with the message above
 * (other failures go to the error page). */
static tt_rc refused_on_round(http_req *r, tt_rc rc)
{
	if (rc != TT_ERR_INVALID && rc != TT_ERR_CONFLICT && rc != TT_ERR_UTF8 && rc != TT_ERR_TOO_LARGE)
		return rc;
	const char *msg = r->ctx.error_detail ? r->ctx.error_detail : tt_rc_message(rc);
	r->ctx.error_detail = NULL;
	tt_rc rc2 = round_page(r, msg);
	if (!rc2)
		r->status = http_status_of(rc);
	return rc2;
}

static tt_rc round_page(http_req *r, const char *error)
{
	int64_t id;
	st_round x;
	st_report *rep;
	size_t n;
	int manage;
	char now[CAL_ISO_LEN];
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = round_get(&r->ctx, id, &x, &manage)) || (rc = round_reports(&r->ctx, id, &rep, &n)))
		return rc;
	cal_iso_utc(r->ctx.now, now);
	const char *state_label[] = {_("Nộp đúng hạn"), _("Nộp muộn"), _("Chưa gửi, còn hạn"),
	                             _("Quá hạn chưa nộp")};
	int counts[4] = {0}, started = 0, returned = 0, fresh = 0;
	for (size_t i = 0; i < n; i++) {
		counts[round_report_state(round_report_due(&x, &rep[i]), &rep[i], now)]++;
		if (!strcmp(rep[i].status, "returned"))
			returned++;
		else if (!strcmp(rep[i].status, "draft"))
			*(rep[i].updated_at ? &started : &fresh) += 1;
	}
	page_begin(r, x.title);
	P(r, "<h1>");
	T(r, x.title);
	P(r, "</h1>");
	page_flash(r);
	if (error) {
		P(r, "<p class=\"alert\" role=\"alert\" id=\"form-error\">");
		T(r, error);
		P(r, "</p>");
	}
	P(r, "<section class=\"card\"><dl class=\"meta\"><dt>");
	T(r, _("Đơn vị điều phối"));
	P(r, "</dt><dd>");
	T(r, x.owner_name);
	P(r, "</dd><dt>");
	T(r, _("Kỳ báo cáo"));
	P(r, "</dt><dd>");
	DS(r, x.period_start);
	P(r, " – ");
	DS(r, x.period_end);
	P(r, "</dd><dt>");
	T(r, _("Hạn nộp"));
	P(r, "</dt><dd>");
	D(r, x.due);
	P(r, "</dd></dl>");
	if (!round_open(&x)) {
		P(r, "<p class=\"closed-note\" id=\"round-closed\">");
		T(r, _("Đợt báo cáo đã đóng: các đơn vị không lưu, gửi báo cáo được nữa."));
		P(r, "</p>");
	}
	web_round_levels(r, &x, manage);
	if (perm_may(&r->ctx, PERM_MANAGE_ROUND, x.owner_org_id)) {
		P(r, "<form method=\"post\" action=\"/rounds/%lld/remind\" class=\"inline\">", (long long)id);
		page_csrf(r);
		P(r, "<button type=\"submit\" name=\"remind\" value=\"1\">");
		T(r, _("Nhắc nhở"));
		P(r, "</button> <small>");
		T(r, _("Gửi thư nhắc các đơn vị chưa nộp (mỗi đơn vị tối đa một lần mỗi giờ)."));
		P(r, "</small></form>");
	}
	if (manage)
		round_manage_forms(r, &x, rep, n);
	P(r, "</section>");
	round_completeness seen;
	/* Completeness is for those who run the round (or read above it). */
	int oversee = manage || round_completeness_get(&r->ctx, id, &seen) == TT_OK;
	r->ctx.error_detail = NULL;
	if (oversee) {
		int submitted = counts[0] + counts[1];
		P(r, "<h2>");
		T(r, _("Tình hình nộp báo cáo"));
		P(r, "</h2><div class=\"grid stats\"><div class=\"stat\" id=\"completeness\"><b>");
		NUM(r, submitted);
		P(r, "/");
		NUM(r, (double)n);
		P(r, "</b>");
		T(r, _("đơn vị đã gửi"));
		P(r, " <span class=\"pct\">");
		pct(r, submitted, n);
		P(r, "</span>");
		/* Rates as DHIS2 shows them, on the cards already there. */
		round_rates_t rt;
		int rates = round_rates(&r->ctx, id, &rt) == TT_OK;
		r->ctx.error_detail = NULL;
		if (rates) {
			P(r, "<small class=\"rate-line\" id=\"rate\">");
			T(r, _("Tỷ lệ nộp"));
			P(r, " <span class=\"rate\">");
			web_rate_pct(r, rt.rate);
			P(r, "</span> · ");
			T(r, _("Đã duyệt"));
			P(r, " <span class=\"badge approved\" id=\"approved-count\">");
			NUM(r, rt.approved);
			P(r, "</span></small>");
		}
		P(r, "</div>");
		for (int s = 0; s < 4; s++) {
			P(r, "<div class=\"stat %s\" id=\"state-%s\"><b>", state_class[s], state_class[s]);
			NUM(r, counts[s]);
			P(r, "</b>");
			T(r, state_label[s]);
			P(r, " <span class=\"pct\">");
			pct(r, counts[s], n);
			P(r, "</span>");
			if (s == 0 && rates) {
				P(r, "<small class=\"rate-line\" id=\"on-time-rate\">");
				T(r, _("Tỷ lệ nộp đúng hạn"));
				P(r, " <span class=\"rate\">");
				web_rate_pct(r, rt.on_time_rate);
				P(r, "</span></small>");
			}
			P(r, "</div>");
		}
		P(r, "</div>");
		P(r, "<p class=\"muted\" id=\"drafts\">");
		T(r, _("Trong các báo cáo chưa gửi:"));
		P(r, " <b>");
		NUM(r, started);
		P(r, "</b> ");
		T(r, _("đơn vị đã lưu nháp"));
		P(r, ", <b>");
		NUM(r, returned);
		P(r, "</b> ");
		T(r, _("bị trả lại"));
		P(r, ", <b>");
		NUM(r, fresh);
		P(r, "</b> ");
		T(r, _("chưa bắt đầu"));
		P(r, ".</p>");
		svg_segment seg[4] = {
		    {state_label[0], counts[0], "#2e7d32"},
		    {state_label[1], counts[1], "#ef8f00"},
		    {state_label[2], counts[2], "#8a96a8"},
		    {state_label[3], counts[3], "#c62828"},
		};
		svg_stacked_bar(&r->out, _("Tình hình nộp báo cáo"), seg, 4);
		P(r, "<ul class=\"legend\">");
		for (int s = 0; s < 4; s++) {
			P(r, "<li class=\"%s\"><i></i>", state_class[s]);
			T(r, state_label[s]);
			P(r, " (");
			NUM(r, counts[s]);
			P(r, ")</li>");
		}
		P(r, "</ul><p class=\"actions\"><a class=\"button\" href=\"/rounds/%lld/consolidated\">",
		  (long long)id);
		T(r, _("Xem báo cáo tổng hợp"));
		P(r, "</a><a class=\"button secondary\" id=\"completeness-xlsx\" href=\"/rounds/%lld/completeness.xlsx\">",
		  (long long)id);
		T(r, _("Tải Excel tình hình nộp"));
		P(r, "</a></p>");
	}
	P(r, "<h2>");
	T(r, _("Báo cáo của các đơn vị"));
	P(r, "</h2><div class=\"table-wrap\"><table class=\"responsive\" id=\"reports\"><thead><tr><th>");
	T(r, _("Đơn vị"));
	P(r, "</th><th>");
	T(r, _("Trạng thái"));
	P(r, "</th><th>");
	T(r, _("Hạn nộp"));
	P(r, "</th><th>");
	T(r, _("Thời điểm"));
	P(r, "</th></tr></thead><tbody>");
	static const char *const due_label[] = {N_("Đúng hạn"), N_("Muộn"), N_("Còn hạn"), N_("Quá hạn")};
	for (size_t i = 0; i < n; i++) {
		const char *due = round_report_due(&x, &rep[i]);
		int s = round_report_state(due, &rep[i], now);
		const char *cls, *label = page_report_label(round_report_status(&rep[i]), rep[i].updated_at, &cls);
		P(r, "<tr data-org=\"");
		A(r, rep[i].org_code);
		P(r, "\"><td data-label=\"");
		A(r, _("Đơn vị"));
		P(r, "\"><a href=\"/rounds/%lld/reports/", (long long)id);
		U(r, rep[i].org_code);
		P(r, "\">");
		T(r, rep[i].org_name);
		P(r, "</a> <span class=\"no-print muted\"><a class=\"docx\" href=\"/rounds/%lld/reports/",
		  (long long)id);
		U(r, rep[i].org_code);
		P(r, ".docx\">Word</a> · <a class=\"pdf\" href=\"/rounds/%lld/reports/", (long long)id);
		U(r, rep[i].org_code);
		P(r, ".pdf\">PDF</a></span></td><td data-label=\"");
		A(r, _("Trạng thái"));
		P(r, "\"><span class=\"badge %s report-status\">", cls);
		T(r, label);
		P(r, "</span>");
		if (manage && !strcmp(rep[i].status, "submitted") && !rep[i].approved_at) {
			P(r, "<form method=\"post\" class=\"row-action\" action=\"/rounds/%lld/reports/", (long long)id);
			U(r, rep[i].org_code);
			P(r, "/approve\">");
			page_csrf(r);
			P(r, "<input type=\"hidden\" name=\"back\" value=\"round\"><button type=\"submit\" "
			     "class=\"approve\" data-confirm=\"");
			A(r, _("Duyệt báo cáo này? Sau khi duyệt, báo cáo được khóa và không trả lại được."));
			P(r, "\">");
			T(r, _("Duyệt"));
			P(r, "</button></form>");
		}
		P(r, "</td><td data-label=\"");
		A(r, _("Hạn nộp"));
		P(r, "\"><span class=\"badge %s due-state\">", state_class[s]);
		T(r, _(due_label[s]));
		P(r, "</span>");
		if (rep[i].due && due == rep[i].due) {
			P(r, " <small class=\"own-due\">");
			T(r, _("gia hạn đến"));
			P(r, " ");
			D(r, rep[i].due);
			P(r, "</small>");
		}
		if (manage && strcmp(rep[i].status, "submitted")) {
			P(r, " <a class=\"extend-link no-print\" href=\"/rounds/%lld/reports/", (long long)id);
			U(r, rep[i].org_code);
			P(r, "#extend-form\">");
			T(r, _("Gia hạn"));
			P(r, "</a>");
		}
		P(r, "</td><td data-label=\"");
		A(r, _("Thời điểm"));
		P(r, "\">");
		if (rep[i].submitted_at) {
			T(r, _("Gửi"));
			P(r, " ");
			DS(r, rep[i].submitted_at);
		} else if (rep[i].updated_at) {
			T(r, _("Lưu nháp"));
			P(r, " ");
			DS(r, rep[i].updated_at);
		} else
			P(r, "—");
		P(r, "</td></tr>");
	}
	P(r, "</tbody></table></div>");
	return page_end(r);
}

static const char *count_name(const round_consolidated *c, const char *key)
{
	for (size_t i = 0; i < c->ncounts; i++)
		if (!strcmp(c->counts[i].key, key))
			return c->counts[i].name;
	return key;
}

/* Vietnamese groups thousands with dots and writes decimals after a
 * comma: 1.234.917,5 */
static void number(http_req *r, double v)
{
	vn_number_format(&r->out, v);
}

/* The sums as small multiples: one bar chart per unit (đoàn, người, triệu
 * đồng…), so that different measures never share an axis; each value
 * written as the table writes it ("350,5", "1.200"). */
static void unit_charts(http_req *r, const round_consolidated *c)
{
	size_t n = c->nsums < c->ncounts ? c->nsums : c->ncounts;
	svg_segment *seg = arena_alloc(&r->arena, (n + 1) * sizeof *seg);
	char *done = arena_alloc(&r->arena, n + 1);
	if (!seg || !done || !n)
		return;
	memset(done, 0, n + 1);
	P(r, "<div class=\"unit-charts\">");
	for (size_t i = 0; i < n; i++) {
		if (done[i])
			continue;
		const char *unit = c->counts[i].unit;
		size_t k = 0;
		for (size_t j = i; j < n; j++) {
			if (done[j] || strcmp(c->counts[j].unit, unit))
				continue;
			tt_buf t;
			buf_init(&t, 64);
			const char *shown = vn_number_format(&t, c->sums[j].value)
			                        ? NULL
			                        : arena_strdup(&r->arena, t.data ? t.data : "");
			buf_free(&t);
			seg[k++] = (svg_segment){c->counts[j].name, c->sums[j].value, "#1f5fa8", shown};
			done[j] = 1;
		}
		const char *title = *unit ? unit : _("không có đơn vị tính");
		P(r, "<figure class=\"unit-chart\"><figcaption>");
		T(r, _("Đơn vị tính"));
		P(r, ": ");
		T(r, title);
		P(r, "</figcaption>");
		svg_bars(&r->out, arena_printf(&r->arena, "%s (%s)", _("Số liệu tổng hợp"), title), seg, k);
		P(r, "</figure>");
	}
	P(r, "</div>");
}

/* The execution table of the round's plan: one row per task and lead
 * body, with the body's status as a chip with its text. */
static void execution_table(http_req *r, const plan_view *v)
{
	P(r, "<h2 id=\"execution\">");
	T(r, _("Tình hình thực hiện kế hoạch"));
	P(r, "</h2><p class=\"muted\"><a href=\"/plans/%lld\">", (long long)v->plan.id);
	T(r, v->plan.title);
	P(r, "</a> · ");
	T(r, _("tính đến ngày"));
	P(r, " ");
	DS(r, v->at);
	P(r, "</p>");
	web_plan_counts(r, v->counts);
	P(r, "<div class=\"table-wrap\"><table class=\"responsive\" id=\"execution-table\"><thead><tr><th>");
	T(r, _("Nhiệm vụ"));
	P(r, "</th><th>");
	T(r, _("Đơn vị chủ trì và tình trạng"));
	P(r, "</th></tr></thead><tbody>");
	for (size_t i = 0; i < v->ntasks; i++) {
		const plan_task_view *tv = &v->tasks[i];
		const st_org **orgs;
		size_t n = round_lead_orgs(&r->arena, tv, &orgs);
		P(r, "<tr data-task=\"%lld\" data-status=\"%s\"><td data-label=\"", (long long)tv->task.id,
		  plan_status_name(tv->status));
		A(r, _("Nhiệm vụ"));
		P(r, "\"><b>");
		T(r, tv->task.label);
		P(r, "</b> <span class=\"task-text\">");
		T(r, tv->task.text);
		P(r, "</span>");
		if (tv->task.tf_text) {
			P(r, "<span class=\"muted\">");
			T(r, tv->task.tf_text);
			P(r, "</span>");
		}
		P(r, "</td><td data-label=\"");
		A(r, _("Đơn vị chủ trì"));
		P(r, "\"><ul class=\"leads\">");
		if (!n) {
			P(r, "<li data-status=\"%s\"><i>", plan_status_name(tv->status));
			T(r, _("Chưa xác định đơn vị chủ trì"));
			P(r, "</i> ");
			web_plan_chip(r, tv->status);
			P(r, "</li>");
		}
		for (size_t k = 0; k < n; k++) {
			const st_plan_progress *g = NULL;
			plan_status s = round_lead_status(v, tv, orgs[k]->id, &g);
			P(r, "<li data-org=\"");
			A(r, orgs[k]->code);
			P(r, "\" data-status=\"%s\"><span class=\"lead-name\">", plan_status_name(s));
			T(r, orgs[k]->name);
			P(r, "</span> ");
			web_plan_chip(r, s);
			if (g && g->done_on) {
				P(r, " <span class=\"muted\">");
				DS(r, g->done_on);
				P(r, "</span>");
			}
			if (g && g->note && *g->note) {
				P(r, "<span class=\"lead-note\">");
				TB(r, g->note);
				P(r, "</span>");
			}
			P(r, "</li>");
		}
		P(r, "</ul></td></tr>");
	}
	P(r, "</tbody></table></div>");
}

/* Whether body row i and count k of the consolidated view differ from the
 * register: a count that names an indicator, whose reported number (none
 * reads as 0) is not the register's. */
static int register_differs(const round_consolidated *c, size_t i, size_t k)
{
	const round_register_cell *cell = &c->cells[i * c->ncounts + k];
	if (!cell->indicator)
		return 0;
	return round_differs(c->rows[i].has[k] ? c->rows[i].values[k] : 0, cell->value) ||
	       (!c->rows[i].has[k] && cell->sources);
}

/* Where the reported numbers differ from the activity register, body by
 * body: reported, register, difference and the body's note. */
static void register_table(http_req *r, const round_consolidated *c)
{
	size_t shown = 0;
	P(r, "<h2 id=\"register\">");
	T(r, _("Đối chiếu với sổ hoạt động"));
	P(r, "</h2><p class=\"muted\">");
	T(r, _("Số sổ hoạt động tính từ các hoạt động của đơn vị và các đơn vị trực thuộc có ngày bắt đầu "
	       "trong kỳ "
	       "báo cáo, tính đến lúc này; số báo cáo là số đơn vị đã gửi (giữ nguyên khi bản ghi được sửa "
	       "sau)."));
	P(r, "</p>");
	for (size_t i = 0; i < c->nrows; i++)
		for (size_t k = 0; k < c->ncounts; k++) {
			if (!register_differs(c, i, k))
				continue;
			const round_register_cell *cell = &c->cells[i * c->ncounts + k];
			if (!shown++) {
				P(r, "<div class=\"table-wrap\"><table id=\"register-diff\" "
				     "class=\"responsive\"><thead><tr><th>");
				T(r, _("Đơn vị"));
				P(r, "</th><th>");
				T(r, _("Chỉ tiêu"));
				P(r, "</th><th class=\"num\">");
				T(r, _("Báo cáo"));
				P(r, "</th><th class=\"num\">");
				T(r, _("Sổ hoạt động"));
				P(r, "</th><th class=\"num\">");
				T(r, _("Chênh lệch"));
				P(r, "</th><th>");
				T(r, _("Ghi chú của đơn vị"));
				P(r, "</th></tr></thead><tbody>");
			}
			P(r, "<tr data-org=\"");
			A(r, c->rows[i].org_code);
			P(r, "\" data-key=\"");
			A(r, c->counts[k].key);
			P(r, "\"><td data-label=\"");
			A(r, _("Đơn vị"));
			P(r, "\"><b>");
			T(r, c->rows[i].org_name);
			P(r, "</b></td><td data-label=\"");
			A(r, _("Chỉ tiêu"));
			P(r, "\">");
			T(r, c->counts[k].name);
			P(r, "</td><td class=\"num\" data-label=\"");
			A(r, _("Báo cáo"));
			P(r, "\">");
			if (c->rows[i].has[k])
				number(r, c->rows[i].values[k]);
			else {
				P(r, "<i class=\"muted\">");
				T(r, _("(để trống)"));
				P(r, "</i>");
			}
			P(r, "</td><td class=\"num\" data-label=\"");
			A(r, _("Sổ hoạt động"));
			P(r, "\"><span>");
			number(r, cell->value);
			P(r, " <span class=\"muted\">(");
			number(r, (double)cell->sources);
			P(r, " ");
			T(r, _("bản ghi"));
			P(r, ")</span></span></td><td class=\"num\" data-label=\"");
			A(r, _("Chênh lệch"));
			P(r, "\">");
			double d =
			    round_difference(c->rows[i].has[k] ? c->rows[i].values[k] : 0, cell->value);
			if (d > 0)
				P(r, "+");
			number(r, d);
			P(r, "</td><td data-label=\"");
			A(r, _("Ghi chú của đơn vị"));
			P(r, "\">");
			if (cell->note)
				TB(r, cell->note);
			P(r, "</td></tr>");
		}
	if (shown)
		P(r, "</tbody></table></div>");
	else {
		P(r, "<p id=\"register-match\">");
		T(r, _("Số liệu các đơn vị đã gửi khớp với sổ hoạt động."));
		P(r, "</p>");
	}
}

/* The consolidated page: totals first, then the body x count table and the
 * bodies' texts a page of CONSOLIDATE_PAGE bodies at a time, with a search
 * by body name, so a round of every commune stays a light page. */
tt_rc ui_round_consolidated(http_req *r)
{
	int64_t id;
	round_consolidated c;
	tt_buf key;
	const char *q = http_query(r, "q"), *pg = http_query(r, "page");
	long page = pg ? strtol(pg, NULL, 10) : 1;
	if (page < 1 || page > 100000)
		page = 1;
	st_pivot_query sel = {.limit = CONSOLIDATE_PAGE, .offset = (int)((page - 1) * CONSOLIDATE_PAGE)};
	buf_init(&key, 1024);
	tt_rc rc = web_round_id(r, &id);
	if (!rc && q && *q && !(rc = vn_search_key(q, strlen(q), &key)))
		sel.q_key = key.data;
	if (!rc)
		rc = round_consolidate(&r->ctx, id, &sel, &c);
	buf_free(&key);
	sel.q_key = NULL;
	if (rc)
		return rc;
	size_t pages = (c.matched + CONSOLIDATE_PAGE - 1) / CONSOLIDATE_PAGE;
	page_begin(r, _("Báo cáo tổng hợp"));
	P(r, "<h1>");
	T(r, _("Báo cáo tổng hợp"));
	P(r, ": ");
	T(r, c.round.title);
	P(r, "</h1><p class=\"muted\">");
	T(r, _("Tổng hợp từ"));
	P(r, " ");
	number(r, c.submitted);
	P(r, "/");
	number(r, c.expected);
	P(r, " ");
	T(r, _("báo cáo đã gửi"));
	P(r,
	  ".</p><p class=\"actions\"><a class=\"button secondary\" href=\"/rounds/%lld/consolidated.csv\">",
	  (long long)id);
	T(r, _("Tải CSV"));
	P(r, "</a><a class=\"button secondary\" id=\"consolidated-xlsx\" href=\"/rounds/%lld/consolidated.xlsx\">",
	  (long long)id);
	T(r, _("Tải Excel"));
	P(r,
	  "</a><a class=\"button secondary\" id=\"consolidated-docx\" "
	  "href=\"/rounds/%lld/consolidated.docx\">",
	  (long long)id);
	T(r, _("Tải về Word"));
	P(r,
	  "</a><a class=\"button secondary\" id=\"consolidated-pdf\" href=\"/rounds/%lld/consolidated.pdf\">",
	  (long long)id);
	T(r, _("Tải về PDF"));
	P(r, "</a>");
	int manage = 0;
	st_round own;
	if (round_get(&r->ctx, id, &own, &manage) == TT_OK && manage) {
		/* The narrative the coordinator writes from the bodies' texts. */
		P(r, "<a class=\"button\" id=\"consolidated-text\" href=\"/rounds/%lld/consolidated/text\">",
		  (long long)id);
		T(r, _("Soạn bản tổng hợp trước khi xuất"));
		P(r, "</a>");
	}
	P(r, "<a class=\"button secondary\" href=\"/api/v1/rounds/%lld/consolidated\">", (long long)id);
	T(r, _("Tải JSON"));
	P(r, "</a><a class=\"button secondary\" href=\"/rounds/%lld\">", (long long)id);
	T(r, _("Về đợt báo cáo"));
	P(r, "</a></p>");
	web_round_drill(r, id);
	if (c.ncounts) {
		P(r, "<h2>");
		T(r, _("Số liệu tổng hợp"));
		P(r, "</h2><div class=\"table-wrap\"><table id=\"sums\"><thead><tr><th>");
		T(r, _("Chỉ tiêu"));
		P(r, "</th><th class=\"num\">");
		T(r, _("Tổng"));
		P(r, "</th><th>");
		T(r, _("Đơn vị tính"));
		P(r, "</th></tr></thead><tbody>");
		for (size_t i = 0; i < c.nsums; i++) {
			P(r, "<tr data-key=\"");
			A(r, c.sums[i].key);
			P(r, "\"><td>");
			T(r, count_name(&c, c.sums[i].key));
			P(r, "</td><td class=\"num\">");
			number(r, c.sums[i].value);
			P(r, "</td><td>");
			T(r, i < c.ncounts ? c.counts[i].unit : "");
			P(r, "</td></tr>");
		}
		P(r, "</tbody></table></div>");
		unit_charts(r, &c);
	}
	if (c.plan)
		execution_table(r, c.plan);
	/* The bodies: a search, then one page of the table and of the texts. */
	P(r, "<h2 id=\"bodies\">");
	T(r, _("Số liệu theo đơn vị"));
	P(r,
	  "</h2><form method=\"get\" action=\"/rounds/%lld/consolidated#bodies\" class=\"card stack\" "
	  "role=\"search\"><label for=\"q\">",
	  (long long)id);
	T(r, _("Tìm đơn vị"));
	P(r, "</label><input type=\"search\" id=\"q\" name=\"q\" value=\"");
	A(r, q ? q : "");
	P(r, "\"><div class=\"actions\"><button type=\"submit\">");
	T(r, _("Tìm"));
	P(r, "</button></div></form><p class=\"muted\" id=\"bodies-range\">");
	if (c.matched) {
		T(r, _("Đơn vị"));
		P(r, " ");
		number(r, (double)sel.offset + (c.nrows ? 1 : 0));
		P(r, "–");
		number(r, (double)sel.offset + (double)c.nrows);
		P(r, " / ");
		number(r, (double)c.matched);
	} else
		T(r, q && *q ? _("Không có đơn vị đã gửi báo cáo nào khớp với tìm kiếm.")
		             : _("Chưa có đơn vị nào gửi báo cáo."));
	P(r, "</p>");
	if (c.ncounts && c.nrows) {
		P(r, "<div class=\"table-wrap\"><table id=\"by-body\"><thead><tr><th>");
		T(r, _("Đơn vị"));
		P(r, "</th>");
		for (size_t k = 0; k < c.ncounts; k++) {
			P(r, "<th class=\"num\">");
			T(r, c.counts[k].name);
			P(r, "</th>");
		}
		P(r, "</tr></thead><tbody>");
		for (size_t i = 0; i < c.nrows; i++) {
			P(r, "<tr><th scope=\"row\">");
			T(r, c.rows[i].org_name);
			if (c.rows[i].parent_name) {
				/* Commune names repeat across provinces. */
				P(r, "<br><span class=\"muted\">");
				T(r, c.rows[i].parent_name);
				P(r, "</span>");
			}
			P(r, "</th>");
			for (size_t k = 0; k < c.ncounts; k++) {
				P(r, "<td class=\"num\">");
				if (c.rows[i].has[k])
					number(r, c.rows[i].values[k]);
				P(r, "</td>");
			}
			P(r, "</tr>");
		}
		P(r, "</tbody></table></div>");
	}
	if (c.nindicators && c.nrows)
		register_table(r, &c);
	if (pages > 1) {
		P(r, "<nav class=\"pager actions\" aria-label=\"");
		A(r, _("Trang"));
		P(r, "\">");
		const char *qs = q && *q ? arena_printf(&r->arena, "q=%s&", page_url_escape(r, q)) : "";
		if (page > 1)
			P(r,
			  "<a class=\"button secondary\" rel=\"prev\" href=\"?%spage=%ld#bodies\">← %s</a>",
			  qs, page - 1, _("Trang trước"));
		P(r, "<span>%s %ld/%zu</span>", _("Trang"), page, pages);
		if ((size_t)page < pages)
			P(r,
			  "<a class=\"button secondary\" rel=\"next\" href=\"?%spage=%ld#bodies\">%s →</a>",
			  qs, page + 1, _("Trang sau"));
		P(r, "</nav>");
	}
	for (size_t s = 0; s < c.nsections; s++) {
		P(r, "<section class=\"card merged\"><h2>%zu. ", s + 1);
		T(r, c.sections[s].heading);
		P(r, "</h2>");
		size_t shown = 0;
		for (size_t i = 0; i < c.ntexts; i++) {
			if (strcmp(c.texts[i].section_key, c.sections[s].key))
				continue;
			shown++;
			P(r, "<p class=\"org\"><b>");
			T(r, c.texts[i].org_name);
			P(r, ":</b> ");
			TB(r, c.texts[i].text);
			P(r, "</p>");
		}
		if (!shown) {
			P(r, "<p class=\"muted\">");
			T(r, _("Chưa có nội dung."));
			P(r, "</p>");
		}
		P(r, "</section>");
	}
	return page_end(r);
}

/* The one writer of a text cell of the CSV export: quoted when needed
 * (RFC 4180), and a cell that a spreadsheet would run as a formula (it
 * starts with = + - @, a tab or a carriage return) gets a leading
 * apostrophe, so it shows as text. */
static void csv_field(tt_buf *b, const char *s)
{
	const char *guard = *s && strchr("=+-@\t\r", *s) ? "'" : "";
	if (!strpbrk(s, ",\"\r\n")) {
		buf_adds(b, guard);
		buf_adds(b, s);
		return;
	}
	buf_addc(b, '"');
	buf_adds(b, guard);
	for (; *s; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

/* The execution table after the counts, past an empty line: one line per
 * task and lead body. */
static void execution_csv(http_req *r, tt_buf *b, const plan_view *v)
{
	buf_adds(b, "\r\n");
	csv_field(b, _("Tình hình thực hiện kế hoạch"));
	buf_addc(b, ',');
	csv_field(b, v->plan.title);
	buf_addc(b, ',');
	csv_field(b, _("tính đến ngày"));
	buf_addc(b, ',');
	csv_field(b, v->at);
	buf_adds(b, "\r\n");
	static const char *const heads[] = {N_("Nhiệm vụ"),      N_("Nội dung nhiệm vụ"), N_("Mã đơn vị"),
	                                    N_("Đơn vị chủ trì"), N_("Tình trạng"),         N_("Ngày hoàn thành"),
	                                    N_("Ghi chú")};
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
		if (i)
			buf_addc(b, ',');
		csv_field(b, _(heads[i]));
	}
	buf_adds(b, "\r\n");
	for (size_t i = 0; i < v->ntasks; i++) {
		const plan_task_view *tv = &v->tasks[i];
		const st_org **orgs;
		size_t n = round_lead_orgs(&r->arena, tv, &orgs);
		for (size_t k = 0; k < (n ? n : 1); k++) {
			const st_plan_progress *g = NULL;
			plan_status s = n ? round_lead_status(v, tv, orgs[k]->id, &g) : tv->status;
			csv_field(b, tv->task.label);
			buf_addc(b, ',');
			csv_field(b, tv->task.text);
			buf_addc(b, ',');
			csv_field(b, n ? orgs[k]->code : "");
			buf_addc(b, ',');
			csv_field(b, n ? orgs[k]->name : "");
			buf_addc(b, ',');
			csv_field(b, plan_status_label(s));
			buf_addc(b, ',');
			csv_field(b, g && g->done_on ? g->done_on : "");
			buf_addc(b, ',');
			csv_field(b, g && g->note ? g->note : "");
			buf_adds(b, "\r\n");
		}
	}
}

/* The differences from the activity register after the counts, past an
 * empty line: one line per body and count that differs. */
static void register_csv(tt_buf *b, const round_consolidated *c)
{
	buf_adds(b, "\r\n");
	csv_field(b, _("Đối chiếu với sổ hoạt động"));
	buf_adds(b, "\r\n");
	static const char *const heads[] = {N_("Mã đơn vị"),  N_("Tên đơn vị"),   N_("Chỉ tiêu"),
	                                    N_("Báo cáo"),    N_("Sổ hoạt động"), N_("Chênh lệch"),
	                                    N_("Số bản ghi"), N_("Ghi chú")};
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
		if (i)
			buf_addc(b, ',');
		csv_field(b, _(heads[i]));
	}
	buf_adds(b, "\r\n");
	for (size_t i = 0; i < c->nrows; i++)
		for (size_t k = 0; k < c->ncounts; k++) {
			if (!register_differs(c, i, k))
				continue;
			const round_register_cell *cell = &c->cells[i * c->ncounts + k];
			double rep = c->rows[i].has[k] ? c->rows[i].values[k] : 0;
			csv_field(b, c->rows[i].org_code);
			buf_addc(b, ',');
			csv_field(b, c->rows[i].org_name);
			buf_addc(b, ',');
			csv_field(b, c->counts[k].name);
			buf_addc(b, ',');
			if (c->rows[i].has[k])
				buf_printf(b, "%.15g", rep);
			buf_printf(b, ",%.15g,%.15g,%lld,", cell->value, round_difference(rep, cell->value),
			           (long long)cell->sources);
			csv_field(b, cell->note ? cell->note : "");
			buf_adds(b, "\r\n");
		}
}

tt_rc ui_round_consolidated_csv(http_req *r)
{
	int64_t id;
	round_consolidated c;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = round_consolidate(&r->ctx, id, NULL, &c)))
		return rc;
	tt_buf *b = &r->out;
	buf_reset(b);
	const char *hdr = http_query(r, "header");
	int codes = hdr && !strcmp(hdr, "codes");
	buf_adds(b, "\xEF\xBB\xBF"); /* BOM so spreadsheet programs read UTF-8 */
	if (codes)
		buf_adds(b, "org_code,org_name");
	else {
		/* For people: the round named on top, then Vietnamese headers. */
		csv_field(b, _("Đợt báo cáo"));
		buf_addc(b, ',');
		csv_field(b, c.round.title);
		buf_adds(b, "\r\n");
		csv_field(b, _("Kỳ báo cáo"));
		buf_addc(b, ',');
		csv_field(b, arena_printf(&r->arena, "%.2s/%.2s/%.4s – %.2s/%.2s/%.4s", c.round.period_start + 8,
		                          c.round.period_start + 5, c.round.period_start, c.round.period_end + 8,
		                          c.round.period_end + 5, c.round.period_end));
		buf_adds(b, "\r\n");
		csv_field(b, _("Hạn nộp"));
		buf_addc(b, ',');
		csv_field(b, arena_printf(&r->arena, "%.2s/%.2s/%.4s", c.round.due + 8, c.round.due + 5, c.round.due));
		buf_adds(b, "\r\n");
		csv_field(b, _("Số báo cáo đã gửi"));
		buf_printf(b, ",%d/%d\r\n\r\n", c.submitted, c.expected);
		csv_field(b, _("Mã đơn vị"));
		buf_addc(b, ',');
		csv_field(b, _("Tên đơn vị"));
	}
	for (size_t k = 0; k < c.ncounts; k++) {
		buf_addc(b, ',');
		csv_field(b, codes || !*c.counts[k].unit
		                 ? c.counts[k].name
		                 : arena_printf(&r->arena, "%s (%s)", c.counts[k].name, c.counts[k].unit));
	}
	buf_adds(b, "\r\n");
	for (size_t i = 0; i < c.nrows; i++) {
		csv_field(b, c.rows[i].org_code);
		buf_addc(b, ',');
		csv_field(b, c.rows[i].org_name);
		for (size_t k = 0; k < c.ncounts; k++) {
			buf_addc(b, ',');
			if (c.rows[i].has[k])
				buf_printf(b, "%.15g", c.rows[i].values[k]);
		}
		buf_adds(b, "\r\n");
	}
	buf_adds(b, ",TỔNG CỘNG");
	for (size_t k = 0; k < c.nsums; k++)
		buf_printf(b, ",%.15g", c.sums[k].value);
	buf_adds(b, "\r\n");
	if (c.nindicators)
		register_csv(b, &c);
	if (c.plan)
		execution_csv(r, b, c.plan);
	r->status = 200;
	r->content_type = "text/csv; charset=utf-8";
	http_set_header(
	    r, "Content-Disposition",
	    arena_printf(&r->arena, "attachment; filename=\"tong-hop-dot-%lld.csv\"", (long long)id));
	return TT_OK;
}
