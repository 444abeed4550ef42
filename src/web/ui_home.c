/* ui_home.c - the home page: my open rounds and their deadlines, and for a
 * coordinator the rounds they run with their progress. */
#include <string.h>

#include "base/cal.h"
#include "core/perm.h"
#include "core/plan.h"
#include "core/round.h"
#include "web/page.h"
#include "web/routes.h"

tt_rc ui_home(http_req *r)
{
	st_round *rounds;
	size_t n;
	char now[CAL_ISO_LEN];
	tt_rc rc = round_list(&r->ctx, &rounds, &n);
	if (rc)
		return rc;
	cal_iso_utc(r->ctx.now, now);
	page_begin(r, _("Trang chủ"));
	P(r, "<h1>");
	T(r, _("Xin chào"));
	P(r, ", ");
	T(r, *r->user.name ? r->user.name : r->user.login);
	P(r, "</h1><p class=\"muted\">");
	T(r, page_role_label(r->user.role));
	P(r, " · ");
	T(r, r->user.org_name);
	P(r, " · ");
	T(r, _("Hôm nay là"));
	P(r, " ");
	D(r, now);
	P(r, "</p>");

	/* Plan tasks my body leads, for those who report on them. */
	if (perm_may(&r->ctx, PERM_POST_PROGRESS, r->user.org_id)) {
		plan_org_task *tasks;
		size_t ntasks;
		int counts[PLAN_STATUS_COUNT];
		if (plan_tasks_of_org(&r->ctx, r->user.org_id, NULL, &tasks, &ntasks, counts) == TT_OK &&
		    ntasks) {
			P(r, "<p class=\"card my-tasks\" id=\"my-tasks\"><a href=\"/my-tasks\">");
			T(r, _("Việc của đơn vị tôi"));
			P(r, "</a>: ");
			NUM(r, (double)ntasks);
			P(r, " ");
			T(r, _("nhiệm vụ chủ trì"));
			P(r, ", <span class=\"%s\" id=\"my-overdue\"><b>", counts[PLAN_OVERDUE] ? "overdue-count" : "");
			NUM(r, counts[PLAN_OVERDUE]);
			P(r, "</b> ");
			T(r, _("quá hạn"));
			P(r, "</span></p>");
		}
		r->ctx.error_detail = NULL;
	}

	/* Reports my body must write. */
	size_t mine = 0;
	for (size_t i = 0; i < n; i++) {
		st_report rep;
		if (round_own_report(&r->ctx, rounds[i].id, &rep) != TT_OK)
			continue;
		if (!mine++) {
			P(r, "<h2>");
			T(r, _("Báo cáo của đơn vị tôi"));
			P(r, "</h2><div class=\"table-wrap\"><table class=\"responsive\"><thead><tr><th>");
			T(r, _("Đợt báo cáo"));
			P(r, "</th><th>");
			T(r, _("Hạn nộp"));
			P(r, "</th><th>");
			T(r, _("Trạng thái"));
			P(r, "</th></tr></thead><tbody>");
		}
		const char *due = round_report_due(&rounds[i], &rep);
		int state = round_report_state(due, &rep, now);
		P(r, "<tr><td data-label=\"");
		A(r, _("Đợt báo cáo"));
		P(r, "\"><a href=\"/rounds/%lld/reports/", (long long)rounds[i].id);
		U(r, r->user.org_code);
		P(r, "\">");
		T(r, rounds[i].title);
		P(r, "</a></td><td data-label=\"");
		A(r, _("Hạn nộp"));
		P(r, "\">");
		D(r, due);
		if (state == 3) {
			P(r, " <span class=\"badge overdue\">");
			T(r, _("Quá hạn"));
			P(r, "</span>");
		}
		P(r, "</td><td data-label=\"");
		A(r, _("Trạng thái"));
		const char *cls, *label = page_report_label(round_report_status(&rep), rep.updated_at, &cls);
		P(r, "\"><span class=\"badge %s\">", cls);
		T(r, label);
		P(r, "</span></td></tr>");
	}
	if (mine)
		P(r, "</tbody></table></div>");

	/* Rounds I run or read. */
	size_t owned = 0;
	for (size_t i = 0; i < n; i++) {
		if (!perm_may(&r->ctx, PERM_LIST_OWNED_ROUNDS, 0))
			break;
		/* Rounds run within my body's subtree, which I manage or oversee. */
		if (!perm_may(&r->ctx, PERM_VIEW_CONSOLIDATED, rounds[i].owner_org_id))
			continue;
		if (!owned++) {
			P(r, "<h2>");
			T(r, _("Đợt báo cáo đơn vị tôi điều phối"));
			P(r, "</h2><div class=\"table-wrap\"><table class=\"responsive\"><thead><tr><th>");
			T(r, _("Đợt báo cáo"));
			P(r, "</th><th>");
			T(r, _("Hạn nộp"));
			P(r, "</th><th class=\"num\">");
			T(r, _("Đã gửi"));
			P(r, "</th></tr></thead><tbody>");
		}
		P(r, "<tr><td data-label=\"");
		A(r, _("Đợt báo cáo"));
		P(r, "\"><a href=\"/rounds/%lld\">", (long long)rounds[i].id);
		T(r, rounds[i].title);
		P(r, "</a></td><td data-label=\"");
		A(r, _("Hạn nộp"));
		P(r, "\">");
		D(r, rounds[i].due);
		P(r, "</td><td class=\"num\" data-label=\"");
		A(r, _("Đã gửi"));
		P(r, "\">");
		NUM(r, rounds[i].submitted);
		P(r, "/");
		NUM(r, rounds[i].expected);
		P(r, "</td></tr>");
	}
	if (owned)
		P(r, "</tbody></table></div>");
	if (!mine && !owned) {
		P(r, "<p class=\"card\">");
		T(r, _("Hiện chưa có đợt báo cáo nào liên quan đến đơn vị của bạn."));
		P(r, "</p>");
	}
	if (perm_may(&r->ctx, PERM_CREATE_ROUND, 0)) {
		P(r, "<p class=\"actions\"><a class=\"button\" href=\"/rounds/new\">");
		T(r, _("Tạo đợt báo cáo mới"));
		P(r, "</a></p>");
	}
	return page_end(r);
}
