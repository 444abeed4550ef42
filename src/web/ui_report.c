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
#include "text/date.h"
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
	const char **task_error;         /* per task of v->tasks, or NULL */
	const round_report_view *stored; /* a conflict: what is stored now */
	const char *empty;               /* a submit to confirm: what is left empty, or NULL */
} report_form;

static const char *text_of(const round_report_view *v, const char *key)
{
	for (size_t i = 0; i < v->ntexts; i++)
		if (!strcmp(v->texts[i].key, key))
			return v->texts[i].text;
	return "";
}

/* The draft of a section from the body's own round below, NULL: none. */
static const char *draft_of(const round_report_view *v, const char *key)
{
	for (size_t i = 0; i < v->ndrafts; i++)
		if (!strcmp(v->drafts[i].key, key))
			return v->drafts[i].text;
	return NULL;
}

/* Above a section's field: where its draft comes from; with a saved text
 * that is not the draft, the draft to read and a button that puts it in
 * the field (nothing is replaced by itself). */
static void show_draft(http_req *r, const round_report_view *v, const char *key, int prefilled)
{
	const char *draft = draft_of(v, key);
	if (!draft || !v->can_edit)
		return;
	P(r, "<div class=\"draft-below\" id=\"draft-");
	A(r, key);
	P(r, "\"><p class=\"muted\">");
	T(r, arena_printf(
	         &r->arena,
	         prefilled ? _("Dự thảo lấy từ bản tổng hợp của đợt \"%s\" (%d báo cáo đã gửi); hãy đọc, sửa "
	                       "rồi bấm Lưu nháp.")
	                   : _("Có dự thảo từ bản tổng hợp của đợt \"%s\" (%d báo cáo đã gửi)."),
	         v->below->title, v->below->submitted));
	P(r, " <a href=\"/rounds/%lld/consolidated\">", (long long)v->below->id);
	T(r, _("Xem đợt báo cáo đó"));
	P(r, "</a></p>");
	if (!prefilled) {
		P(r, "<details><summary>");
		T(r, _("Xem dự thảo"));
		P(r, "</summary><div class=\"stored-text\">");
		TB(r, draft);
		P(r, "</div></details><p><button type=\"button\" class=\"secondary use-suggestion\" "
		     "data-use=\"s-");
		A(r, key);
		P(r, "\" data-value=\"");
		A(r, draft);
		P(r, "\">");
		T(r, _("Dùng dự thảo thay nội dung trong ô"));
		P(r, "</button></p>");
	}
	P(r, "</div>");
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

static const char *note_of(const round_report_view *v, const char *key)
{
	for (size_t i = 0; i < v->nnotes; i++)
		if (!strcmp(v->notes[i].key, key))
			return v->notes[i].text;
	return "";
}

/* A number the Vietnamese way, in the arena ("" when out of memory). */
static const char *number_text(http_req *r, double d)
{
	tt_buf b;
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

static const char *progress_label(const char *state)
{
	if (!strcmp(state, "not_started"))
		return _("Chưa thực hiện");
	if (!strcmp(state, "in_progress"))
		return _("Đang thực hiện");
	if (!strcmp(state, "done"))
		return _("Đã hoàn thành");
	return state;
}

/* "dd/mm/yyyy" of a stored YYYY-MM-DD ("" for NULL). */
static const char *vn_day_text(http_req *r, const char *iso)
{
	if (!iso || strlen(iso) != 10)
		return "";
	return arena_printf(&r->arena, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

/* The tasks the body leads in the round's plan: a progress field for each
 * while the report can be edited, the progress as text otherwise. */
static void show_tasks(http_req *r, const round_report_view *v, const report_form *f)
{
	static const char *const states[] = {"not_started", "in_progress", "done"};
	if (!v->plan)
		return;
	P(r, "<section class=\"card\" id=\"plan-tasks\"><h2>");
	T(r, _("Tiến độ nhiệm vụ được giao chủ trì"));
	P(r, "</h2><p class=\"muted\">");
	T(r, _("Kế hoạch"));
	P(r, ": <a href=\"/plans/%lld\">", (long long)v->plan->plan.id);
	T(r, v->plan->plan.title);
	P(r, "</a>. ");
	T(r, _("Tình trạng tính đến ngày"));
	P(r, " ");
	DS(r, v->plan->at);
	P(r, ".</p>");
	if (!v->ntasks) {
		P(r, "<p class=\"muted\">");
		T(r, _("Đơn vị không chủ trì nhiệm vụ nào trong kế hoạch này."));
		P(r, "</p></section>");
		return;
	}
	for (size_t i = 0; i < v->ntasks; i++) {
		const round_task *t = &v->tasks[i];
		const st_plan_progress *g = t->progress;
		long long tid = (long long)t->tv->task.id;
		P(r, "<div class=\"task-progress\" id=\"task-%lld\"><p><b>", tid);
		T(r, t->tv->task.label);
		P(r, ".</b> ");
		T(r, t->tv->task.text);
		P(r, "</p><p>");
		web_plan_chip(r, t->status);
		if (t->tv->task.tf_text) {
			P(r, " <span class=\"muted\">");
			T(r, _("Thời gian:"));
			P(r, " ");
			T(r, t->tv->task.tf_text);
			P(r, "</span>");
		}
		P(r, "</p>");
		if (!v->can_edit) {
			P(r, "<p class=\"progress-text\">");
			if (g) {
				T(r, progress_label(g->state));
				if (g->done_on) {
					P(r, " ");
					T(r, _("ngày"));
					P(r, " ");
					DS(r, g->done_on);
				}
				if (g->note && *g->note) {
					P(r, ": ");
					TB(r, g->note);
				}
			} else
				T(r, _("Chưa cập nhật tiến độ."));
			P(r, "</p></div>");
			continue;
		}
		const char *ps = f->posted ? http_form(r, arena_printf(&r->arena, "progress.%lld.state", tid)) : NULL;
		const char *pd = f->posted ? http_form(r, arena_printf(&r->arena, "progress.%lld.done_on", tid)) : NULL;
		const char *pn = f->posted ? http_form(r, arena_printf(&r->arena, "progress.%lld.note", tid)) : NULL;
		const char *state = ps ? ps : g ? g->state : "";
		const char *done = pd ? pd : vn_day_text(r, g ? g->done_on : NULL);
		const char *note = pn ? pn : g && g->note ? g->note : "";
		const char *err = f->task_error ? f->task_error[i] : NULL;
		P(r, "<div class=\"progress-fields\"><div><label for=\"ps-%lld\">", tid);
		T(r, _("Tình trạng"));
		P(r, "</label><select id=\"ps-%lld\" name=\"progress.%lld.state\">", tid, tid);
		if (!g) {
			P(r, "<option value=\"\"%s>", *state ? "" : " selected");
			T(r, _("— chưa cập nhật —"));
			P(r, "</option>");
		}
		for (size_t k = 0; k < 3; k++) {
			P(r, "<option value=\"%s\"%s>", states[k], !strcmp(state, states[k]) ? " selected" : "");
			T(r, progress_label(states[k]));
			P(r, "</option>");
		}
		P(r, "</select></div><div><label for=\"pd-%lld\">", tid);
		T(r, _("Ngày hoàn thành (dd/mm/yyyy)"));
		P(r, "</label><input type=\"text\" inputmode=\"numeric\" placeholder=\"dd/mm/yyyy\" "
		     "maxlength=\"10\" autocomplete=\"off\" id=\"pd-%lld\" name=\"progress.%lld.done_on\" value=\"",
		  tid, tid);
		A(r, done);
		P(r, "\"");
		if (err)
			P(r, " aria-invalid=\"true\" aria-describedby=\"pe-%lld\"", tid);
		P(r, ">");
		if (err) {
			P(r, "<p class=\"field-error\" id=\"pe-%lld\">", tid);
			T(r, err);
			P(r, "</p>");
		}
		P(r, "</div></div><label for=\"pn-%lld\">", tid);
		T(r, _("Ghi chú tiến độ"));
		P(r, "</label><textarea id=\"pn-%lld\" name=\"progress.%lld.note\" rows=\"2\">", tid, tid);
		T(r, note);
		P(r, "</textarea></div>");
	}
	P(r, "</section>");
}

/* The register's suggestion beside count i: the value, how many records,
 * a link to them, and (while the form is editable: typed is not NULL) a
 * "Dùng số này" button that puts the value in the field; read-only, the
 * report's note on the count. */
static void show_suggestion(http_req *r, const round_report_view *v, size_t i, const char *typed)
{
	const round_suggestion *sg = &v->suggestions[i];
	const st_count *c = &v->counts[i];
	if (sg->below) {
		/* Drafted from below: the sum of the body's own round. */
		const char *bn = number_text(r, sg->below_value);
		P(r, "<p class=\"suggestion below\" id=\"below-");
		A(r, c->key);
		P(r, "\">");
		T(r, _("Tổng hợp từ các đơn vị:"));
		P(r, " <b class=\"suggested\">");
		T(r, bn);
		P(r, "</b> <span class=\"muted\">(");
		T(r, web_below_text(r, v, sg));
		P(r, ")</span> <a href=\"/rounds/%lld/consolidated\">", (long long)v->below->id);
		T(r, _("Xem đợt báo cáo đó"));
		P(r, "</a>");
		if (typed) {
			P(r, " <button type=\"button\" class=\"secondary use-suggestion\" data-use=\"c-");
			A(r, c->key);
			P(r, "\" data-value=\"");
			A(r, bn);
			P(r, "\">");
			T(r, _("Dùng số này"));
			P(r, "</button>");
		}
		P(r, "</p>");
	}
	if (!sg->indicator)
		return;
	const char *num = number_text(r, sg->value);
	P(r, "<p class=\"suggestion\" id=\"sg-");
	A(r, c->key);
	P(r, "\">");
	T(r, _("Sổ hoạt động:"));
	P(r, " <b class=\"suggested\">");
	T(r, num);
	P(r, "</b> <span class=\"muted\">(");
	T(r, arena_printf(&r->arena, _("từ %lld bản ghi"), (long long)sg->sources));
	P(r, ")</span> <a href=\"");
	A(r, web_records_url(r, &v->round, v->report.org_code, sg->type));
	P(r, "\">");
	T(r, _("Xem các bản ghi"));
	P(r, "</a>");
	if (typed) {
		P(r, " <button type=\"button\" class=\"secondary use-suggestion\" data-use=\"c-");
		A(r, c->key);
		P(r, "\" data-value=\"");
		A(r, num);
		P(r, "\" data-note=\"nf-");
		A(r, c->key);
		P(r, "\">");
		T(r, _("Dùng số này"));
		P(r, "</button>");
	}
	P(r, "</p>");
	const char *note = note_of(v, c->key);
	if (!typed && *note) {
		P(r, "<p class=\"report-note\" id=\"note-");
		A(r, c->key);
		P(r, "\"><b>");
		T(r, _("Ghi chú vì sao khác:"));
		P(r, "</b> ");
		TB(r, note);
		P(r, "</p>");
	}
}

/* The report's timeline, and the coordinator's approve, unapprove and
 * extend forms. */
static void report_life(http_req *r, int64_t id, const round_report_view *v)
{
	const char *base = arena_printf(&r->arena, "/rounds/%lld/reports/%s", (long long)id,
	                                page_url_escape(r, v->report.org_code));
	if (v->can_approve) {
		P(r, "<form method=\"post\" action=\"");
		A(r, base);
		P(r, "/approve\" class=\"card stack\" id=\"approve-form\">");
		page_csrf(r);
		P(r, "<p>");
		T(r, _("Duyệt báo cáo khi nội dung đã đạt: báo cáo được khóa, không trả lại được nữa."));
		P(r, "</p><div class=\"actions\"><button type=\"submit\" id=\"approve\" data-confirm=\"");
		A(r, _("Duyệt báo cáo này? Sau khi duyệt, báo cáo được khóa và không trả lại được."));
		P(r, "\">");
		T(r, _("Duyệt"));
		P(r, "</button></div></form>");
	}
	if (v->can_unapprove) {
		P(r, "<form method=\"post\" action=\"");
		A(r, base);
		P(r, "/unapprove\" class=\"card stack\" id=\"unapprove-form\">");
		page_csrf(r);
		P(r, "<label for=\"reason\">");
		T(r, _("Bỏ duyệt — lý do"));
		P(r, "</label><textarea id=\"reason\" name=\"reason\" rows=\"2\" required></textarea>"
		     "<div class=\"actions\"><button type=\"submit\" class=\"danger\" id=\"unapprove\">");
		T(r, _("Bỏ duyệt"));
		P(r, "</button></div></form>");
	}
	if (v->can_extend) {
		P(r, "<form method=\"post\" action=\"");
		A(r, base);
		P(r, "/extend\" class=\"card stack\" id=\"extend-form\">");
		page_csrf(r);
		P(r, "<label for=\"extend-due\">");
		T(r, _("Gia hạn nộp cho riêng đơn vị này đến ngày"));
		P(r, "</label><input type=\"date\" id=\"extend-due\" name=\"due\" required value=\"");
		A(r, round_report_due(&v->round, &v->report));
		P(r, "\"><div class=\"actions\"><button type=\"submit\" class=\"secondary\" id=\"extend\">");
		T(r, _("Gia hạn"));
		P(r, "</button></div></form>");
	}
	P(r, "<section class=\"card\" id=\"timeline\"><h2>");
	T(r, _("Diễn biến báo cáo"));
	P(r, "</h2>");
	if (!v->nevents) {
		P(r, "<p class=\"muted\">");
		T(r, _("Chưa có thay đổi nào."));
		P(r, "</p></section>");
		return;
	}
	P(r, "<ol class=\"timeline\">");
	for (size_t i = 0; i < v->nevents; i++) {
		const st_report_event *e = &v->events[i];
		static const struct {
			const char *kind, *label;
		} kinds[] = {
		    {"saved", N_("Lưu nháp")},          {"submitted", N_("Gửi báo cáo")},
		    {"resubmitted", N_("Gửi lại báo cáo")}, {"returned", N_("Trả lại để sửa")},
		    {"approved", N_("Duyệt báo cáo")},  {"unapproved", N_("Bỏ duyệt")},
		    {"extended", N_("Gia hạn nộp đến")},
		};
		const char *label = e->kind;
		for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
			if (!strcmp(kinds[k].kind, e->kind))
				label = _(kinds[k].label);
		P(r, "<li class=\"");
		A(r, e->kind);
		P(r, "\"><b>");
		T(r, label);
		P(r, "</b>");
		if (!strcmp(e->kind, "extended") && e->note) {
			P(r, " ");
			D(r, e->note);
		}
		if (e->n > 1)
			T(r, arena_printf(&r->arena, _(" (%d lần)"), e->n));
		P(r, " · ");
		DS(r, e->at);
		const char *who = e->user_name && *e->user_name ? e->user_name : e->login;
		if (who && *who) {
			P(r, " · ");
			T(r, who);
		}
		if (e->note && strcmp(e->kind, "extended")) {
			P(r, "<span class=\"why\">");
			T(r, _("Lý do:"));
			P(r, " ");
			T(r, e->note);
			P(r, "</span>");
		}
		P(r, "</li>");
	}
	P(r, "</ol></section>");
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
	P(r, " <span id=\"due\">");
	D(r, round_report_due(&v->round, &v->report));
	if (v->report.due && round_report_due(&v->round, &v->report) == v->report.due) {
		P(r, " (");
		T(r, _("đã gia hạn riêng"));
		P(r, ")");
	}
	P(r, "</span>");
	const char *cls, *label = page_report_label(round_report_status(&v->report), v->report.updated_at, &cls);
	P(r, " · <span class=\"badge %s\" id=\"status\">", cls);
	T(r, label);
	P(r, "</span>");
	if (v->report.submitted_at) {
		P(r, " ");
		T(r, _("lúc"));
		P(r, " ");
		DS(r, v->report.submitted_at);
	}
	P(r, "</p>");
	page_flash(r);
	if (!round_open(&v->round)) {
		P(r, "<p class=\"closed-note\" id=\"round-closed\">");
		T(r, _("Đợt báo cáo đã đóng: không lưu, gửi báo cáo được nữa."));
		P(r, "</p>");
	}
	web_export_form(r,
	                arena_printf(&r->arena, "/rounds/%lld/reports/%s/export", (long long)id,
	                             page_url_escape(r, v->report.org_code)),
	                v->report.org_id);
	if (f->error) {
		P(r, "<p class=\"alert\" role=\"alert\" id=\"form-error\">");
		T(r, f->error);
		P(r, "</p>");
	}
	if (f->empty) {
		P(r, "<div class=\"alert confirm-empty\" role=\"alert\" id=\"confirm-empty\"><p><b>");
		T(r, _("Báo cáo chưa được gửi: còn phần để trống."));
		P(r, "</b></p><p>");
		T(r, _("Để trống:"));
		P(r, " ");
		T(r, f->empty);
		P(r, ".</p><p>");
		T(r, _("Hãy điền tiếp rồi bấm \"Gửi báo cáo\", hoặc bấm \"Vẫn gửi khi còn để trống\" nếu đơn vị không có "
		       "nội dung, số liệu cho các phần này."));
		P(r, "</p></div>");
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
	P(r, "<form method=\"post\" action=\"/rounds/%lld/reports/", (long long)id);
	U(r, v->report.org_code);
	P(r, "\" class=\"stack\" novalidate");
	if (v->can_edit) {
		/* The browser keeps a copy of what is typed (app.js), restored
		 * with a notice after a closed tab, cleared when the form is sent. */
		P(r, " data-autosave=\"ttdn-report-%lld-", (long long)id);
		A(r, v->report.org_code);
		P(r, "\" data-restored=\"");
		A(r, _("Đã khôi phục nội dung bạn gõ dở lúc {time} nhưng chưa lưu (trình duyệt giữ lại). Hãy kiểm tra "
		       "rồi bấm \"Lưu nháp\"."));
		P(r, "\" data-discard=\"");
		A(r, _("Bỏ bản khôi phục"));
		P(r, "\"");
	}
	P(r, ">");
	page_csrf(r);
	P(r, "<input type=\"hidden\" name=\"version\" value=\"%" PRId64 "\">", f->version);
	for (size_t i = 0; i < v->nsections; i++) {
		const char *key = v->sections[i].key;
		const char *posted = f->posted ? posted_field(r, "section", key) : NULL;
		const char *typed = posted ? posted : text_of(v, key);
		/* Nothing saved yet: the draft from below is in the field, for a
		 * person to read and save. */
		int prefilled = !posted && !st && v->can_edit && ctx_blank(typed) && draft_of(v, key);
		if (prefilled)
			typed = draft_of(v, key);
		const char *stored = st ? text_of(st, key) : NULL;
		int differs = stored && !same_text(stored, typed);
		if (v->can_edit) {
			P(r, "<section class=\"card\"><label for=\"s-");
			A(r, key);
			P(r, "\">%zu. ", i + 1);
		} else
			P(r, "<section class=\"card\"><h2 class=\"section-heading\">%zu. ", i + 1);
		T(r, v->sections[i].heading);
		P(r, "</%s>", v->can_edit ? "label" : "h2");
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
		if (!v->can_edit) {
			/* Read-only: text to read, not a field that looks editable. */
			P(r, "<div class=\"report-text\" id=\"s-");
			A(r, key);
			P(r, "\">");
			if (*typed)
				TB(r, typed);
			else {
				P(r, "<i class=\"muted\">");
				T(r, _("(để trống)"));
				P(r, "</i>");
			}
			P(r, "</div>");
		} else {
			show_draft(r, v, key, prefilled);
			P(r, "<textarea id=\"s-");
			A(r, key);
			P(r, "\" name=\"section.");
			A(r, key);
			P(r, "\" rows=\"6\">");
			T(r, typed);
			P(r, "</textarea>");
		}
		if (differs)
			P(r, "</div></div>");
		P(r, "</section>");
	}
	if (v->ncounts) {
		P(r, "<section class=\"card\"><h2>");
		T(r, _("Số liệu"));
		P(r, "</h2>");
		if (v->can_edit) {
			P(r, "<p class=\"muted\">");
			T(r, _("Viết số theo cách thông thường: 1.200 hoặc 1 200 là một nghìn hai trăm; 350,5 là ba "
			       "trăm năm mươi phẩy năm."));
			P(r, "</p>");
		}
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
			if (v->can_edit && round_count_integer(c)) {
				P(r, " <span class=\"muted\">");
				T(r, _("số nguyên"));
				P(r, "</span>");
			}
			if (!v->can_edit) {
				P(r, "</label><p class=\"report-value\" id=\"c-");
				A(r, c->key);
				P(r, "\">");
				if (*typed)
					T(r, typed);
				else {
					P(r, "<i class=\"muted\">");
					T(r, _("(để trống)"));
					P(r, "</i>");
				}
				P(r, "</p>");
				show_suggestion(r, v, i, NULL);
				P(r, "</div>");
				continue;
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
			P(r, ">");
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
			show_suggestion(r, v, i, typed);
			if (v->suggestions[i].indicator) {
				/* The note is asked when the number differs from the
				 * suggestion (app.js shows and hides it as one types). */
				const char *pn = f->posted ? posted_field(r, "note", c->key) : NULL;
				const char *note = pn ? pn : note_of(v, c->key);
				double d;
				const char *why;
				int same =
				    vn_number_blank(typed) || (!vn_number_parse(typed, 0, &d, &why) &&
				                               !round_differs(d, v->suggestions[i].value));
				P(r, "<div class=\"note-field\" id=\"nf-");
				A(r, c->key);
				P(r, "\"%s><label for=\"n-", same && !*note ? " hidden" : "");
				A(r, c->key);
				P(r, "\">");
				T(r, _("Ghi chú vì sao khác"));
				P(r, "</label><textarea id=\"n-");
				A(r, c->key);
				P(r, "\" name=\"note.");
				A(r, c->key);
				P(r, "\" rows=\"2\">");
				T(r, note);
				P(r, "</textarea></div>");
			}
			P(r, "</div>");
		}
		P(r, "</section>");
	}
	show_tasks(r, v, f);
	if (v->can_edit) {
		P(r, "<div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"save\" "
		     "class=\"secondary\">");
		T(r, _("Lưu nháp"));
		P(r, "</button><button type=\"submit\" name=\"action\" value=\"submit\" data-confirm=\"");
		A(r, _("Gửi báo cáo? Sau khi gửi sẽ không sửa được nữa, trừ khi đơn vị điều phối trả lại."));
		P(r, "\">");
		T(r, _("Gửi báo cáo"));
		P(r, "</button>");
		if (f->empty) {
			P(r, "<button type=\"submit\" name=\"action\" value=\"submit_empty\" class=\"danger\" "
			     "id=\"submit-empty\">");
			T(r, _("Vẫn gửi khi còn để trống"));
			P(r, "</button>");
		}
		P(r, "</div>");
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
	report_life(r, id, v);
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
	st_text *notes = arena_alloc(&r->arena, (v.ncounts + 1) * sizeof *notes);
	size_t nnotes = 0;
	if (!notes)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < v.ncounts; i++) {
		const char *s = v.suggestions[i].indicator ? posted_field(r, "note", v.counts[i].key) : NULL;
		if (s)
			notes[nnotes++] = (st_text){.key = v.counts[i].key, .text = s};
	}
	round_progress *pg = arena_alloc(&r->arena, (v.ntasks + 1) * sizeof *pg);
	const char **terrs = arena_alloc(&r->arena, (v.ntasks + 1) * sizeof *terrs);
	size_t np = 0, tbad = 0;
	if (!pg || !terrs)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < v.ntasks; i++) {
		long long tid = (long long)v.tasks[i].tv->task.id;
		const char *st = http_form(r, arena_printf(&r->arena, "progress.%lld.state", tid));
		const char *dn = http_form(r, arena_printf(&r->arena, "progress.%lld.done_on", tid));
		const char *nn = http_form(r, arena_printf(&r->arena, "progress.%lld.note", tid));
		const char *iso = NULL;
		terrs[i] = NULL;
		if (!st || !*st)
			continue;
		if (dn && *dn && !(iso = web_typed_day(r, dn))) {
			terrs[i] = arena_printf(&r->arena,
			                        _("Ngày hoàn thành \"%s\" không hợp lệ; hãy viết theo dạng "
			                          "ngày/tháng/năm, ví dụ 15/10/2019."),
			                        dn);
			tbad++;
			continue;
		}
		pg[np++] = (round_progress){.task_id = v.tasks[i].tv->task.id, .state = st, .done_on = iso, .note = nn};
	}
	if (tbad && !nbad) {
		f.task_error = terrs;
		f.error = _("Ngày hoàn thành của nhiệm vụ chưa đọc được, nên báo cáo chưa được lưu. Hãy sửa ô được "
		            "đánh dấu rồi lưu lại; nội dung khác vẫn giữ nguyên.");
		show_report(r, id, &v, &f);
		r->status = 400;
		return TT_OK;
	}
	if (nbad) {
		f.task_error = terrs;
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
	const char *ce = http_form(r, "confirm_empty");
	int confirmed = (action && !strcmp(action, "submit_empty")) || (ce && !strcmp(ce, "1"));
	int submit = action && (!strcmp(action, "submit") || !strcmp(action, "submit_empty"));
	if (submit && !confirmed) {
		/* What the submitted report would leave empty: the posted fields,
		 * or what is stored for those not posted. */
		tt_buf e;
		buf_init(&e, 1024);
		for (size_t i = 0; i < v.nsections; i++) {
			const char *typed = posted_field(r, "section", v.sections[i].key);
			if (!typed)
				typed = text_of(&v, v.sections[i].key);
			if (typed[strspn(typed, " \t\r\n")])
				continue;
			if (e.len)
				buf_adds(&e, "; ");
			buf_printf(&e, "%s %zu (", _("mục"), i + 1);
			buf_adds(&e, v.sections[i].heading);
			buf_addc(&e, ')');
		}
		for (size_t i = 0; i < v.ncounts; i++) {
			const char *typed = posted_field(r, "count", v.counts[i].key);
			double d;
			if (typed ? !vn_number_blank(typed) : value_of(&v, v.counts[i].key, &d))
				continue;
			if (e.len)
				buf_adds(&e, "; ");
			buf_printf(&e, "%s \"", _("số liệu"));
			buf_adds(&e, v.counts[i].name);
			buf_addc(&e, '"');
		}
		if (e.len) {
			f.empty = arena_strdup(&r->arena, e.data);
			buf_free(&e);
			show_report(r, id, &v, &f);
			r->status = 200;
			return TT_OK;
		}
		buf_free(&e);
	}
	if (version < 0)
		rc = ctx_fail(&r->ctx, TT_ERR_PRECONDITION, "%s",
		              _("Biểu mẫu thiếu phiên bản của báo cáo; hãy tải lại trang."));
	else
		rc = round_report_save_all(&r->ctx, id, r->params[1], version, t, nt, val, nv, notes, nnotes,
		                           pg, np);
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

/* A refused approve, unapprove or extend: the report page again, with the
 * message above it (other failures go to the error page). */
static tt_rc refused_on_report(http_req *r, int64_t id, tt_rc rc)
{
	if (rc != TT_ERR_INVALID && rc != TT_ERR_CONFLICT && rc != TT_ERR_UTF8 && rc != TT_ERR_TOO_LARGE)
		return rc;
	const char *msg = r->ctx.error_detail ? r->ctx.error_detail : tt_rc_message(rc);
	round_report_view v;
	tt_rc rc2 = round_report_get(&r->ctx, id, r->params[1], &v);
	if (rc2)
		return rc2;
	report_form f = {.version = v.report.version, .error = msg};
	show_report(r, id, &v, &f);
	r->status = http_status_of(rc);
	return TT_OK;
}

static tt_rc back_to_report(http_req *r, int64_t id, const char *msg)
{
	return http_redirect(r, arena_printf(&r->arena, "/rounds/%lld/reports/%s?msg=%s", (long long)id,
	                                     page_url_escape(r, r->params[1]), msg));
}

tt_rc ui_report_approve(http_req *r)
{
	int64_t id;
	tt_rc rc = web_round_id(r, &id);
	if (rc)
		return rc;
	if ((rc = round_report_approve(&r->ctx, id, r->params[1])))
		return refused_on_report(r, id, rc);
	const char *back = http_form(r, "back");
	if (back && !strcmp(back, "round"))
		return http_redirect(r, arena_printf(&r->arena, "/rounds/%lld?msg=approved", (long long)id));
	return back_to_report(r, id, "approved");
}

tt_rc ui_report_unapprove(http_req *r)
{
	int64_t id;
	tt_rc rc = web_round_id(r, &id);
	if (rc)
		return rc;
	if ((rc = round_report_unapprove(&r->ctx, id, r->params[1], http_form(r, "reason"))))
		return refused_on_report(r, id, rc);
	return back_to_report(r, id, "unapproved");
}

tt_rc ui_report_extend(http_req *r)
{
	int64_t id;
	tt_rc rc = web_round_id(r, &id);
	if (rc)
		return rc;
	if ((rc = round_report_extend(&r->ctx, id, r->params[1], http_form(r, "due"))))
		return refused_on_report(r, id, rc);
	return back_to_report(r, id, "extended");
}
