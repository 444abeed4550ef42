/* ui_report.c - one body's report in a round: fill in, save a draft,
 * submit; read-only once submitted; returned with the coordinator's
 * comment. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/round.h"
#include "web/page.h"
#include "web/routes.h"
#include "web/web_int.h"

static const char *text_of(const round_report_view *v, const char *key)
{
	for (size_t i = 0; i < v->ntexts; i++)
		if (!strcmp(v->texts[i].key, key))
			return v->texts[i].text;
	return "";
}

static int value_of(const round_report_view *v, const char *key, double *out)
{
	for (size_t i = 0; i < v->nvalues; i++)
		if (!strcmp(v->values[i].key, key)) {
			*out = v->values[i].value;
			return 1;
		}
	return 0;
}

static void show_report(http_req *r, int64_t id, const round_report_view *v, const char *error)
{
	page_begin(r, v->report.org_name);
	P(r, "<h1>");
	T(r, _("Báo cáo"));
	P(r, ": ");
	T(r, v->report.org_name);
	P(r, "</h1><p class=\"muted\"><a href=\"/rounds/%lld\">", (long long)id);
	T(r, v->round.title);
	P(r, "</a> · ");
	T(r, _("Hạn nộp"));
	P(r, " ");
	D(r, v->round.due);
	P(r, " · <span class=\"badge %s\" id=\"status\">", v->report.status);
	T(r, page_status_label(v->report.status));
	P(r, "</span>");
	if (v->report.submitted_at) {
		P(r, " ");
		T(r, _("lúc"));
		P(r, " ");
		DS(r, v->report.submitted_at);
	}
	P(r, "</p>");
	page_flash(r);
	if (error) {
		P(r, "<p class=\"alert\" role=\"alert\">");
		T(r, error);
		P(r, "</p>");
	}
	if (!strcmp(v->report.status, "returned") && v->report.return_comment) {
		P(r, "<p class=\"alert\" id=\"return-comment\"><b>");
		T(r, _("Đơn vị điều phối trả lại báo cáo:"));
		P(r, "</b> ");
		T(r, v->report.return_comment);
		P(r, "</p>");
	}
	const char *dis = v->can_edit ? "" : " readonly";
	P(r, "<form method=\"post\" action=\"/rounds/%lld/reports/", (long long)id);
	U(r, v->report.org_code);
	P(r, "\" class=\"stack\">");
	page_csrf(r);
	for (size_t i = 0; i < v->nsections; i++) {
		P(r, "<section class=\"card\"><label for=\"s-");
		A(r, v->sections[i].key);
		P(r, "\">%zu. ", i + 1);
		T(r, v->sections[i].heading);
		P(r, "</label><textarea id=\"s-");
		A(r, v->sections[i].key);
		P(r, "\" name=\"section.");
		A(r, v->sections[i].key);
		P(r, "\" rows=\"6\"%s>", dis);
		const char *posted = http_form(r, arena_printf(&r->arena, "section.%s", v->sections[i].key));
		T(r, posted ? posted : text_of(v, v->sections[i].key));
		P(r, "</textarea></section>");
	}
	if (v->ncounts) {
		P(r, "<section class=\"card\"><h2>");
		T(r, _("Số liệu"));
		P(r, "</h2>");
		for (size_t i = 0; i < v->ncounts; i++) {
			double val;
			P(r, "<label for=\"c-");
			A(r, v->counts[i].key);
			P(r, "\">");
			T(r, v->counts[i].name);
			if (*v->counts[i].unit) {
				P(r, " (");
				T(r, v->counts[i].unit);
				P(r, ")");
			}
			P(r, "</label><input type=\"number\" min=\"0\" step=\"any\" inputmode=\"decimal\" "
			     "id=\"c-");
			A(r, v->counts[i].key);
			P(r, "\" name=\"count.");
			A(r, v->counts[i].key);
			P(r, "\" value=\"");
			const char *posted =
			    http_form(r, arena_printf(&r->arena, "count.%s", v->counts[i].key));
			if (posted)
				A(r, posted);
			else if (value_of(v, v->counts[i].key, &val))
				P(r, "%.15g", val);
			P(r, "\"%s>", dis);
		}
		P(r, "</section>");
	}
	if (v->can_edit) {
		P(r, "<div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"save\" "
		     "class=\"secondary\">");
		T(r, _("Lưu nháp"));
		P(r, "</button><button type=\"submit\" name=\"action\" value=\"submit\" data-confirm=\"");
		A(r, _("Gửi báo cáo? Sau khi gửi sẽ không sửa được nữa, trừ khi đơn vị điều phối trả lại."));
		P(r, "\">");
		T(r, _("Gửi báo cáo"));
		P(r, "</button></div>");
	}
	P(r, "</form>");
	if (v->can_return) {
		P(r, "<form method=\"post\" action=\"/rounds/%lld/reports/", (long long)id);
		U(r, v->report.org_code);
		P(r, "/return\" class=\"card stack\">");
		page_csrf(r);
		P(r, "<label for=\"comment\">");
		T(r, _("Trả lại để đơn vị sửa — lý do"));
		P(r, "</label><textarea id=\"comment\" name=\"comment\" rows=\"3\" required></textarea>"
		     "<div class=\"actions\"><button type=\"submit\" class=\"danger\">");
		T(r, _("Trả lại báo cáo"));
		P(r, "</button></div></form>");
	}
	page_end(r);
}

tt_rc ui_report(http_req *r)
{
	int64_t id;
	round_report_view v;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = round_report_get(&r->ctx, id, r->params[1], &v)))
		return rc;
	show_report(r, id, &v, NULL);
	return TT_OK;
}

tt_rc ui_report_save(http_req *r)
{
	int64_t id;
	round_report_view v;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = round_report_get(&r->ctx, id, r->params[1], &v)))
		return rc;
	st_text *t = arena_alloc(&r->arena, (v.nsections + 1) * sizeof *t);
	st_value *val = arena_alloc(&r->arena, (v.ncounts + 1) * sizeof *val);
	size_t nt = 0, nv = 0;
	if (!t || !val)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < v.nsections; i++) {
		const char *s = http_form(r, arena_printf(&r->arena, "section.%s", v.sections[i].key));
		if (s) {
			t[nt].key = v.sections[i].key;
			t[nt].text = s;
			nt++;
		}
	}
	for (size_t i = 0; i < v.ncounts; i++) {
		const char *s = http_form(r, arena_printf(&r->arena, "count.%s", v.counts[i].key));
		if (!s)
			continue;
		while (*s == ' ')
			s++;
		if (!*s) { /* an emptied field removes the figure */
			val[nv] = (st_value){.key = v.counts[i].key, .clear = 1};
			nv++;
			continue;
		}
		double d;
		if (round_count_parse(s, &d)) {
			show_report(r, id, &v,
			            arena_printf(&r->arena,
			                         "Chỉ tiêu \"%s\" phải là số không âm viết bằng chữ số, "
			                         "ví dụ 12 hoặc 12.5.",
			                         v.counts[i].name));
			r->status = 400;
			return TT_OK;
		}
		val[nv] = (st_value){.key = v.counts[i].key, .value = d};
		nv++;
	}
	rc = round_report_save(&r->ctx, id, r->params[1], t, nt, val, nv);
	const char *action = http_form(r, "action");
	int submit = action && !strcmp(action, "submit");
	if (!rc && submit)
		rc = round_report_submit(&r->ctx, id, r->params[1]);
	if (rc == TT_ERR_INVALID || rc == TT_ERR_UTF8 || rc == TT_ERR_TOO_LARGE || rc == TT_ERR_CONFLICT) {
		show_report(r, id, &v, r->ctx.error_detail ? r->ctx.error_detail : tt_rc_message(rc));
		r->status = http_status_of(rc);
		return TT_OK;
	}
	if (rc)
		return rc;
	return http_redirect(r,
	                     arena_printf(&r->arena, "/rounds/%lld/reports/%s?msg=%s", (long long)id,
	                                  page_url_escape(r, r->params[1]), submit ? "submitted" : "saved"));
}

tt_rc ui_report_return(http_req *r)
{
	int64_t id;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = round_report_return(&r->ctx, id, r->params[1], http_form(r, "comment"))))
		return rc;
	return http_redirect(r, arena_printf(&r->arena, "/rounds/%lld?msg=returned", (long long)id));
}
