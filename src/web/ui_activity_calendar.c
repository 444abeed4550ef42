/* ui_activity_calendar.c - the month calendar of the activity register:
 * weeks from Monday with Vietnamese weekday names, every activity on each
 * of its days (a multi-day one on every day it spans), links to the
 * records, the previous and next month. On a narrow screen the grid gives
 * way to a list by day (app.css). Filters by type and body as the list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/cal.h"
#include "core/activity.h"
#include "web/kit.h"
#include "web/page.h"
#include "web/routes.h"
#include "web/web_int.h"

#define CAL_MAX 2000 /* activities read for one month */

static int days_in(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0) ? 29 : d[m - 1];
}

static void iso_day(char out[CAL_DATE_LEN], int y, int m, int d)
{
	snprintf(out, CAL_DATE_LEN, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 13u, (unsigned)d % 32u);
}

/* 0 = Monday .. 6 = Sunday. */
static int weekday(int y, int m, int d)
{
	static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
	if (m < 3)
		y--;
	int w = (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7; /* 0 = Sunday */
	return (w + 6) % 7;
}

static const char *const weekdays[] = {N_("Thứ Hai"), N_("Thứ Ba"), N_("Thứ Tư"), N_("Thứ Năm"),
                                       N_("Thứ Sáu"), N_("Thứ Bảy"), N_("Chủ Nhật")};

static void day_items(http_req *r, const st_activity *a, size_t n, const char *day)
{
	for (size_t i = 0; i < n; i++) {
		const char *end = a[i].end_on && *a[i].end_on ? a[i].end_on : a[i].start_on;
		if (strcmp(a[i].start_on, day) > 0 || strcmp(end, day) < 0)
			continue;
		int first = !strcmp(a[i].start_on, day), multi = strcmp(end, a[i].start_on) != 0;
		P(r, "<li class=\"%s\"><a href=\"/activities/%lld\">", multi ? (first ? "span first" : "span") : "",
		  (long long)a[i].id);
		T(r, a[i].title);
		P(r, "</a>");
		if (multi) {
			P(r, " <small>");
			T(r, arena_printf(&r->arena, _("(%.2s/%.2s–%.2s/%.2s)"), a[i].start_on + 8, a[i].start_on + 5,
			                  end + 8, end + 5));
			P(r, "</small>");
		}
		P(r, "</li>");
	}
}

static int has_items(const st_activity *a, size_t n, const char *day)
{
	for (size_t i = 0; i < n; i++) {
		const char *end = a[i].end_on && *a[i].end_on ? a[i].end_on : a[i].start_on;
		if (strcmp(a[i].start_on, day) <= 0 && strcmp(end, day) >= 0)
			return 1;
	}
	return 0;
}

tt_rc ui_activity_calendar(http_req *r)
{
	const char *month = http_query(r, "month"), *type = http_query(r, "type"), *org = http_query(r, "org");
	tt_rc rc = http_check_query(r);
	if (rc)
		return rc;
	int y, m;
	char today[CAL_DATE_LEN];
	cal_vn_date(time(NULL), today);
	const char *error = NULL;
	if (month && *month) {
		char tail;
		if (sscanf(month, "%4d-%2d%c", &y, &m, &tail) != 2 || strlen(month) != 7 || y < 1900 || y > 2200 ||
		    m < 1 || m > 12) {
			error = _("Tháng phải viết YYYY-MM, ví dụ 2025-03.");
			month = NULL;
		}
	}
	if (!month || !*month) {
		y = (today[0] - '0') * 1000 + (today[1] - '0') * 100 + (today[2] - '0') * 10 + (today[3] - '0');
		m = (today[5] - '0') * 10 + (today[6] - '0');
	}
	char first[CAL_DATE_LEN], last[CAL_DATE_LEN], back[CAL_DATE_LEN];
	iso_day(first, y, m, 1);
	iso_day(last, y, m, days_in(y, m));
	/* Activities that start up to two months before and are still running. */
	cal_add_days(first, -62, back);
	st_activity_query q = {.subtree = 1, .from = back, .to = last, .limit = ACTIVITY_MAX_PAGE};
	if (type && *type) {
		if (activity_type_get(type))
			q.type = type;
		else if (!error)
			error = _("Loại hoạt động không có.");
	}
	if (!error && org && *org && (rc = web_activity_org(r, org, &q.org_id))) {
		if (rc != TT_ERR_INVALID)
			return rc;
		error = r->ctx.error_detail;
		r->ctx.error_detail = NULL;
	}
	st_activity *all = NULL;
	size_t n = 0;
	while (!error && n < CAL_MAX) {
		st_activity *a;
		size_t k;
		int64_t total;
		q.offset = (int)n;
		if ((rc = activity_list(&r->ctx, &q, &a, &k, &total))) {
			if (rc != TT_ERR_INVALID && rc != TT_ERR_FORBIDDEN)
				return rc;
			error = r->ctx.error_detail ? r->ctx.error_detail : tt_rc_message(rc);
			r->ctx.error_detail = NULL;
			break;
		}
		st_activity *grown = arena_alloc(&r->arena, (n + k + 1) * sizeof *grown);
		if (!grown)
			return TT_ERR_NOMEM;
		if (n)
			memcpy(grown, all, n * sizeof *grown);
		memcpy(grown + n, a, k * sizeof *grown);
		all = grown;
		n += k;
		if (!k || (int64_t)n >= total)
			break;
	}
	int py = m == 1 ? y - 1 : y, pm = m == 1 ? 12 : m - 1, ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;
	const char *keep = arena_printf(&r->arena, "%s%s%s%s", q.type ? "&type=" : "", q.type ? q.type : "",
	                                q.org_id && org ? "&org=" : "", q.org_id && org ? org : "");
	page_begin(r, _("Lịch hoạt động đối ngoại"));
	P(r, "<p><a href=\"/activities\">");
	T(r, _("← Hoạt động đối ngoại"));
	P(r, "</a></p><h1>");
	T(r, arena_printf(&r->arena, _("Lịch hoạt động tháng %d/%d"), m, y));
	P(r, "</h1>");
	if (error) {
		P(r, "<p class=\"error\" role=\"alert\">");
		T(r, error);
		P(r, "</p>");
		r->status = 400;
	}
	P(r, "<nav class=\"cal-nav\" aria-label=\"");
	A(r, _("Chuyển tháng"));
	P(r, "\"><a rel=\"prev\" href=\"/activities/calendar?month=%04d-%02d", py % 10000, pm % 13);
	A(r, keep);
	P(r, "\">");
	T(r, arena_printf(&r->arena, _("← Tháng %d/%d"), pm, py));
	P(r, "</a> <a href=\"/activities/calendar");
	if (*keep) {
		P(r, "?");
		A(r, keep + 1);
	}
	P(r, "\">");
	T(r, _("Tháng này"));
	P(r, "</a> <a rel=\"next\" href=\"/activities/calendar?month=%04d-%02d", ny % 10000, nm % 13);
	A(r, keep);
	P(r, "\">");
	T(r, arena_printf(&r->arena, _("Tháng %d/%d →"), nm, ny));
	P(r, "</a></nav>");
	/* the grid (wide screens) */
	P(r, "<table class=\"cal-grid\"><thead><tr>");
	for (int i = 0; i < 7; i++) {
		P(r, "<th scope=\"col\">");
		T(r, _(weekdays[i]));
		P(r, "</th>");
	}
	P(r, "</tr></thead><tbody><tr>");
	int lead = weekday(y, m, 1), dn = days_in(y, m);
	for (int i = 0; i < lead; i++)
		P(r, "<td class=\"out\"></td>");
	for (int d = 1; d <= dn; d++) {
		char day[CAL_DATE_LEN];
		iso_day(day, y, m, d);
		int col = (lead + d - 1) % 7;
		if (col == 0 && d > 1)
			P(r, "</tr><tr>");
		P(r, "<td%s><div class=\"day\">%d</div><ul>", !strcmp(day, today) ? " class=\"today\"" : "", d);
		day_items(r, all, n, day);
		P(r, "</ul></td>");
	}
	for (int c = (lead + dn) % 7; c && c < 7; c++)
		P(r, "<td class=\"out\"></td>");
	P(r, "</tr></tbody></table>");
	/* the list by day (narrow screens) */
	P(r, "<ol class=\"cal-list\">");
	int any = 0;
	for (int d = 1; d <= dn; d++) {
		char day[CAL_DATE_LEN];
		iso_day(day, y, m, d);
		if (!has_items(all, n, day))
			continue;
		any = 1;
		P(r, "<li><h2>");
		T(r, arena_printf(&r->arena, "%s, %02d/%02d/%d", _(weekdays[weekday(y, m, d)]), d, m, y));
		P(r, "</h2><ul>");
		day_items(r, all, n, day);
		P(r, "</ul></li>");
	}
	P(r, "</ol>");
	if (!any) {
		P(r, "<p class=\"cal-empty\">");
		T(r, _("Tháng này chưa có hoạt động nào."));
		P(r, "</p>");
	}
	return page_end(r);
}
