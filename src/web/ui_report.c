/* ui_report.c - one body's report in a round: fill in, save a draft,
 * submit; read-only once submitted; returned with the coordinator's
 * comment.
 *
 * The form keeps what people type: it carries the report's version, so a
 * save made from an old copy is refused and shown beside what is stored
 * now (nothing typed is lost); a number that cannot be read leaves every
 * field as typed, with the error next to the field. Numbers are read and
 * shown the Vietnamese way (1.200; 350,5). */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/round.h"
#include "text/number.h"
#include "web/page.h"
#include "web/routes.h"
#include "web/web_int.h"

/* What the form shows besides the stored report. */
typedef struct {
	const char *error;               /* alert at the top, or NULL */
	int64_t version;                 /* carried in the hidden field */
	int posted;                      /* fields show what was posted */
	const char **count_error;        /* per count, or NULL */
	const round_report_view *stored; /* a conflict: what is stored now */
} report_form;

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

/* A stored value as the form shows it ("" when there is none). */
static const char *value_text(http_req *r, const round_report_view *v, const char *key)
{
	double d;
	tt_buf b;
	if (!value_of(v, key, &d))
		return "";
	buf_init(&b, 64);
	const char *s = vn_number_format(&b, d) ? "" : arena_strdup(&r->arena, b.data ? b.data : "");
	buf_free(&b);
	return s ? s : "";
}

static const char *posted_field(http_req *r, const char *prefix, const char *key)
{
	return http_form(r, arena_printf(&r->arena, "%s.%s", prefix, key));
}

/* Two texts are the same when they differ only in line endings. */
static int same_text(const char *a, const char *b)
{
	while (*a || *b) {
		if (*a == '\r') {
			a++;
			continue;
		}
		if (*b == '\r') {
			b++;
			continue;
		}
		if (*a != *b)
			return 0;
		a++;
		b++;
	}
	return 1;
}

static void show_report(http_req *r, int64_t id, const round_report_view *v, const report_form *f)
{
	const round_report_view *st = f->stored;
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
	web_export_form(r,
	                arena_printf(&r->arena, "/rounds/%lld/reports/%s/export", (long long)id,
	                             page_url_escape(r, v->report.org_code)),
	                v->report.org_id);
	if (f->error) {
		P(r, "<p class=\"alert\" role=\"alert\" id=\"form-error\">");
		T(r, f->error);
		P(r, "</p>");
	}
	if (st) {
		P(r, "<div class=\"alert conflict-help\" role=\"alert\" id=\"conflict\"><p><b>");
		T(r, _("Báo cáo vừa được người khác lưu trong lúc bạn đang sửa, nên thay đổi của bạn chưa "
		       "được lưu."));
		P(r, "</b></p><p>");
		T(r, _("Những gì bạn đã gõ vẫn còn nguyên trong các ô bên dưới. Ở mục nào hai bản khác nhau, "
		       "bản đang lưu được hiện bên cạnh để bạn so sánh. Hãy chỉnh lại các ô cho đúng (có thể "
		       "chép phần cần giữ từ bản đang lưu), rồi bấm \"Lưu nháp\" một lần nữa: khi đó nội "
		       "dung trong các ô sẽ thay bản đang lưu."));
		if (st->report.updated_at) {
			P(r, " ");
			T(r, _("Bản đang lưu được lưu lúc"));
			P(r, " ");
			DS(r, st->report.updated_at);
			P(r, ".");
		}
		P(r, "</p></div>");
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
	P(r, "\" class=\"stack\" novalidate>");
	page_csrf(r);
	P(r, "<input type=\"hidden\" name=\"version\" value=\"%" PRId64 "\">", f->version);
	for (size_t i = 0; i < v->nsections; i++) {
		const char *key = v->sections[i].key;
		const char *posted = f->posted ? posted_field(r, "section", key) : NULL;
		const char *typed = posted ? posted : text_of(v, key);
		const char *stored = st ? text_of(st, key) : NULL;
		int differs = stored && !same_text(stored, typed);
		P(r, "<section class=\"card\"><label for=\"s-");
		A(r, key);
		P(r, "\">%zu. ", i + 1);
		T(r, v->sections[i].heading);
		P(r, "</label>");
		if (differs) {
			P(r,
			  "<div class=\"conflict-pair\"><div class=\"theirs\"><p class=\"conflict-label\">");
			T(r, _("Bản đang lưu (người khác vừa lưu)"));
			P(r, "</p><div class=\"stored-text\" id=\"stored-s-");
			A(r, key);
			P(r, "\">");
			if (*stored)
				TB(r, stored);
			else {
				P(r, "<i>");
				T(r, _("(để trống)"));
				P(r, "</i>");
			}
			P(r, "</div></div><div class=\"mine\"><p class=\"conflict-label\">");
			T(r, _("Bản bạn vừa gõ (chưa lưu)"));
			P(r, "</p>");
		}
		P(r, "<textarea id=\"s-");
		A(r, key);
		P(r, "\" name=\"section.");
		A(r, key);
		P(r, "\" rows=\"6\"%s>", dis);
		T(r, typed);
		P(r, "</textarea>");
		if (differs)
			P(r, "</div></div>");
		P(r, "</section>");
	}
	if (v->ncounts) {
		P(r, "<section class=\"card\"><h2>");
		T(r, _("Số liệu"));
		P(r, "</h2><p class=\"muted\">");
		T(r, _("Viết số theo cách thông thường: 1.200 hoặc 1 200 là một nghìn hai trăm; 350,5 là ba "
		       "trăm năm mươi phẩy năm."));
		P(r, "</p>");
		for (size_t i = 0; i < v->ncounts; i++) {
			const st_count *c = &v->counts[i];
			const char *posted = f->posted ? posted_field(r, "count", c->key) : NULL;
			const char *typed = posted ? posted : value_text(r, v, c->key);
			const char *err = f->count_error ? f->count_error[i] : NULL;
			const char *stored = st ? value_text(r, st, c->key) : NULL;
			P(r, "<div class=\"field\"><label for=\"c-");
			A(r, c->key);
			P(r, "\">");
			T(r, c->name);
			if (*c->unit) {
				P(r, " (");
				T(r, c->unit);
				P(r, ")");
			}
			if (round_count_integer(c)) {
				P(r, " <span class=\"muted\">");
				T(r, _("số nguyên"));
				P(r, "</span>");
			}
			P(r,
			  "</label><input type=\"text\" inputmode=\"decimal\" autocomplete=\"off\" id=\"c-");
			A(r, c->key);
			P(r, "\" name=\"count.");
			A(r, c->key);
			P(r, "\" value=\"");
			A(r, typed);
			P(r, "\"");
			if (err) {
				P(r, " aria-invalid=\"true\" aria-describedby=\"e-");
				A(r, c->key);
				P(r, "\"");
			}
			P(r, "%s>", dis);
			if (err) {
				P(r, "<p class=\"field-error\" id=\"e-");
				A(r, c->key);
				P(r, "\">");
				T(r, err);
				P(r, "</p>");
			}
			if (stored && strcmp(stored, typed)) {
				P(r, "<p class=\"stored-value\" id=\"stored-c-");
				A(r, c->key);
				P(r, "\">");
				T(r, _("Bản đang lưu:"));
				P(r, " <b>");
				if (*stored)
					T(r, stored);
				else
					T(r, _("(để trống)"));
				P(r, "</b></p>");
			}
			P(r, "</div>");
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
	report_form f = {.version = v.report.version};
	show_report(r, id, &v, &f);
	return TT_OK;
}

/* The version the form was opened at; -1 when the field is missing or
 * not a number, which never matches. */
static int64_t form_version(http_req *r)
{
	const char *s = http_form(r, "version");
	char *end;
	if (!s || *s < '0' || *s > '9')
		return -1;
	long long v = strtoll(s, &end, 10);
	return *end || v <= 0 ? -1 : v;
}

tt_rc ui_report_save(http_req *r)
{
	int64_t id;
	round_report_view v;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = round_report_get(&r->ctx, id, r->params[1], &v)))
		return rc;
	int64_t version = form_version(r);
	report_form f = {.version = version, .posted = 1};
	st_text *t = arena_alloc(&r->arena, (v.nsections + 1) * sizeof *t);
	st_value *val = arena_alloc(&r->arena, (v.ncounts + 1) * sizeof *val);
	const char **errs = arena_alloc(&r->arena, (v.ncounts + 1) * sizeof *errs);
	size_t nt = 0, nv = 0, nbad = 0;
	if (!t || !val || !errs)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < v.nsections; i++) {
		const char *s = posted_field(r, "section", v.sections[i].key);
		if (s) {
			t[nt].key = v.sections[i].key;
			t[nt].text = s;
			nt++;
		}
	}
	for (size_t i = 0; i < v.ncounts; i++) {
		const st_count *c = &v.counts[i];
		const char *s = posted_field(r, "count", c->key), *why = NULL;
		errs[i] = NULL;
		if (!s)
			continue;
		if (vn_number_blank(s)) { /* an emptied field removes the figure */
			val[nv] = (st_value){.key = c->key, .clear = 1};
			nv++;
			continue;
		}
		double d;
		if (vn_number_parse(s, round_count_integer(c), &d, &why)) {
			errs[i] = why;
			nbad++;
			continue;
		}
		if (d > ROUND_MAX_COUNT) {
			errs[i] = _("Số quá lớn.");
			nbad++;
			continue;
		}
		val[nv] = (st_value){.key = c->key, .value = d};
		nv++;
	}
	if (nbad) {
		f.count_error = errs;
		f.error = nbad == 1
		              ? _("Một số liệu chưa đọc được, nên báo cáo chưa được lưu. Hãy sửa ô "
		                  "được đánh dấu rồi lưu lại; nội dung khác vẫn giữ nguyên.")
		              : _("Một số số liệu chưa đọc được, nên báo cáo chưa được lưu. Hãy sửa các "
		                  "ô được đánh dấu rồi lưu lại; nội dung khác vẫn giữ nguyên.");
		show_report(r, id, &v, &f);
		r->status = 400;
		return TT_OK;
	}
	const char *action = http_form(r, "action");
	int submit = action && !strcmp(action, "submit");
	if (version < 0)
		rc = ctx_fail(&r->ctx, TT_ERR_PRECONDITION, "%s",
		              _("Biểu mẫu thiếu phiên bản của báo cáo; hãy tải lại trang."));
	else
		rc = round_report_save_if(&r->ctx, id, r->params[1], version, t, nt, val, nv);
	if (!rc && submit)
		rc = round_report_submit(&r->ctx, id, r->params[1]);
	if (rc == TT_ERR_PRECONDITION) {
		/* Show what is stored now beside what was typed, and carry the
		 * new version so that saving again from this page applies. */
		round_report_view now;
		tt_rc rc2 = round_report_get(&r->ctx, id, r->params[1], &now);
		if (rc2)
			return rc2;
		f.version = now.report.version;
		f.stored = &now;
		show_report(r, id, &now, &f);
		r->status = 409;
		return TT_OK;
	}
	if (rc == TT_ERR_INVALID || rc == TT_ERR_UTF8 || rc == TT_ERR_TOO_LARGE || rc == TT_ERR_CONFLICT) {
		f.error = r->ctx.error_detail ? r->ctx.error_detail : tt_rc_message(rc);
		show_report(r, id, &v, &f);
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
