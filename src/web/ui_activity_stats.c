/* ui_activity_stats.c - the statistics of the activity register as
 * charts drawn on the server (render/svg.c): the countries activities
 * named most, activities by month, by type; filtered by period and body.
 * Every figure is written as text next to its bar (never colour alone). */
#include <stdlib.h>
#include <string.h>

#include "core/activity.h"
#include "render/html.h"
#include "render/svg.h"
#include "text/number.h"
#include "web/kit.h"
#include "web/page.h"
#include "web/routes.h"
#include "web/web_int.h"

#define TOP_COUNTRIES 10

static const char *vn_num(http_req *r, double v)
{
	tt_buf b;
	buf_init(&b, 64);
	vn_number_format(&b, v);
	const char *s = arena_strndup(&r->arena, b.data ? b.data : "0", b.len);
	buf_free(&b);
	return s;
}

/* The query string of the filters, for links ("&from=...&to=..."). */
static const char *filter_qs(http_req *r, const char *from, const char *to, const char *org)
{
	tt_buf b;
	buf_init(&b, 1024);
	if (from) {
		buf_adds(&b, "&from=");
		html_url(&b, from);
	}
	if (to) {
		buf_adds(&b, "&to=");
		html_url(&b, to);
	}
	if (org && *org) {
		buf_adds(&b, "&org=");
		html_url(&b, org);
	}
	const char *s = arena_strndup(&r->arena, b.data ? b.data : "", b.len);
	buf_free(&b);
	return s;
}

/* A label that fits the chart: at most max characters, then "…". */
static const char *short_label(http_req *r, const char *s, size_t max)
{
	size_t chars = 0, i = 0;
	for (; s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > max)
			break;
	return s[i] ? arena_printf(&r->arena, "%.*s…", (int)i, s) : s;
}

/* The figures of a chart as a table (full names, for reading and copying). */
static void figures(http_req *r, const st_activity_group *g, size_t n, const char *head)
{
	P(r, "<details><summary>");
	T(r, _("Bảng số liệu"));
	P(r, "</summary><table class=\"stats-table\"><thead><tr><th scope=\"col\">");
	T(r, head);
	P(r, "</th><th scope=\"col\">");
	T(r, _("Số hoạt động"));
	P(r, "</th><th scope=\"col\">");
	T(r, _("Số người tham gia"));
	P(r, "</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		P(r, "<tr><td>");
		T(r, g[i].name ? g[i].name : g[i].key);
		P(r, "</td><td class=\"n\">");
		NUM(r, (double)g[i].count);
		P(r, "</td><td class=\"n\">");
		NUM(r, (double)g[i].people);
		P(r, "</td></tr>");
	}
	P(r, "</tbody></table></details>");
}

static const char *const colors[] = {"#1f5fa8", "#2e7d32", "#b45309", "#7b3fa0", "#0e7490", "#9f1239"};

tt_rc ui_activity_stats(http_req *r)
{
	const char *from = NULL, *to = NULL, *org = http_query(r, "org");
	const char *error = NULL;
	int64_t org_id = 0;
	tt_rc rc = http_check_query(r);
	if (rc)
		return rc;
	if ((rc = web_form_date(r, "from", _("Từ ngày"), 0, 1, &from)) ||
	    (rc = web_form_date(r, "to", _("Đến ngày"), 0, 1, &to)) ||
	    (rc = web_activity_org(r, org, &org_id))) {
		if (rc != TT_ERR_INVALID)
			return rc;
		error = r->ctx.error_detail;
		r->ctx.error_detail = NULL;
		from = to = NULL;
		org_id = 0;
	}
	if (!error && from && to && strcmp(from, to) > 0)
		error = _("Ngày \"đến\" không được trước ngày \"từ\".");
	st_activity_group *g[3] = {0};
	size_t n[3] = {0};
	static const char *const groups[] = {"country", "month", "type"};
	for (int i = 0; i < 3 && !error; i++)
		if ((rc = activity_stats(&r->ctx, groups[i], org_id, from, to, &g[i], &n[i]))) {
			if (rc != TT_ERR_INVALID && rc != TT_ERR_FORBIDDEN)
				return rc;
			error = r->ctx.error_detail ? r->ctx.error_detail : tt_rc_message(rc);
			r->ctx.error_detail = NULL;
		}
	const char *qs = filter_qs(r, from, to, org);
	page_begin(r, _("Thống kê hoạt động đối ngoại"));
	P(r, "<p><a href=\"/activities\">");
	T(r, _("← Hoạt động đối ngoại"));
	P(r, "</a></p><h1>");
	T(r, _("Thống kê hoạt động đối ngoại"));
	P(r, "</h1><form method=\"get\" action=\"/activities/stats\" class=\"card filters\" role=\"search\">"
	     "<div><label for=\"from\">");
	T(r, _("Từ ngày"));
	P(r, "</label>");
	web_date_input(r, "from", from ? from : http_query(r, "from"), 0);
	P(r, "</div><div><label for=\"to\">");
	T(r, _("Đến ngày"));
	P(r, "</label>");
	web_date_input(r, "to", to ? to : http_query(r, "to"), 0);
	P(r, "</div><div><label for=\"org\">");
	T(r, _("Mã đơn vị (để trống: đơn vị của tôi và cấp dưới)"));
	P(r, "</label><input type=\"text\" id=\"org\" name=\"org\" maxlength=\"100\" value=\"");
	A(r, org ? org : "");
	P(r, "\"></div><div class=\"actions\"><button type=\"submit\">");
	T(r, _("Xem"));
	P(r, "</button></div></form>");
	if (error) {
		P(r, "<p class=\"error\" role=\"alert\">");
		T(r, error);
		P(r, "</p>");
		r->status = 400;
		return page_end(r);
	}
	int64_t total = 0, people = 0;
	for (size_t i = 0; i < n[2]; i++)
		total += g[2][i].count, people += g[2][i].people;
	P(r, "<p class=\"summary\" id=\"stats-total\">");
	T(r, arena_printf(&r->arena, _("Tổng cộng %s hoạt động, %s lượt người tham gia."), vn_num(r, (double)total),
	                  vn_num(r, (double)people)));
	P(r, "</p>");
	if (!total) {
		P(r, "<p>");
		T(r, _("Chưa có hoạt động nào trong khoảng này."));
		P(r, "</p>");
		return page_end(r);
	}
	/* countries */
	size_t nc = n[0] < TOP_COUNTRIES ? n[0] : TOP_COUNTRIES;
	P(r, "<section class=\"card\" id=\"chart-countries\"><h2>");
	T(r, _("Các quốc gia có nhiều hoạt động nhất"));
	P(r, "</h2>");
	if (nc) {
		svg_segment *seg = arena_alloc(&r->arena, nc * sizeof *seg);
		const char **href = arena_alloc(&r->arena, nc * sizeof *href);
		for (size_t i = 0; seg && href && i < nc; i++) {
			seg[i] = (svg_segment){short_label(r, g[0][i].name, 20), (double)g[0][i].count, colors[0],
			                       vn_num(r, (double)g[0][i].count)};
			href[i] = arena_printf(&r->arena, "/activities?country=%s%s", g[0][i].key, qs);
		}
		if (seg && href)
			svg_share_bars(&r->out, _("Số hoạt động theo quốc gia"), seg, href, nc);
		figures(r, g[0], n[0], _("Quốc gia"));
	} else {
		P(r, "<p>");
		T(r, _("Các hoạt động chưa ghi quốc gia."));
		P(r, "</p>");
	}
	P(r, "</section>");
	/* months */
	P(r, "<section class=\"card\" id=\"chart-months\"><h2>");
	T(r, _("Số hoạt động theo tháng"));
	P(r, "</h2><div class=\"scroll-x\">");
	svg_segment *ms = arena_alloc(&r->arena, (n[1] + 1) * sizeof *ms);
	for (size_t i = 0; ms && i < n[1]; i++) {
		const char *k = g[1][i].key; /* YYYY-MM */
		ms[i] = (svg_segment){strlen(k) == 7 ? arena_printf(&r->arena, "%.2s/%.4s", k + 5, k) : k,
		                      (double)g[1][i].count, colors[1], vn_num(r, (double)g[1][i].count)};
		g[1][i].name = ms[i].label;
	}
	if (ms)
		svg_columns(&r->out, _("Số hoạt động theo tháng"), ms, n[1]);
	P(r, "</div>");
	figures(r, g[1], n[1], _("Tháng"));
	P(r, "</section>");
	/* types */
	P(r, "<section class=\"card\" id=\"chart-types\"><h2>");
	T(r, _("Số hoạt động theo loại"));
	P(r, "</h2>");
	svg_segment *ts = arena_alloc(&r->arena, (n[2] + 1) * sizeof *ts);
	const char **th = arena_alloc(&r->arena, (n[2] + 1) * sizeof *th);
	for (size_t i = 0; ts && th && i < n[2]; i++) {
		ts[i] = (svg_segment){short_label(r, g[2][i].name, 20), (double)g[2][i].count, colors[2], vn_num(r, (double)g[2][i].count)};
		th[i] = arena_printf(&r->arena, "/activities?type=%s%s", g[2][i].key, qs);
	}
	if (ts && th)
		svg_share_bars(&r->out, _("Số hoạt động theo loại"), ts, th, n[2]);
	figures(r, g[2], n[2], _("Loại hoạt động"));
	P(r, "</section>");
	return page_end(r);
}
