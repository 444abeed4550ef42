/* ui_docout.c - official documents as files: a body's report in a round and
 * a plan, as Word (.docx, written by render/official.c) and PDF (the .docx
 * converted by LibreOffice). The same handlers answer under /api/v1/ with
 * the session. Query parameters override the export settings (docout.h);
 * the body's own people saving different ones make them remembered.
 *
 * PDF conversions are slow (seconds) and heavy (a LibreOffice each), so at
 * most PDF_SLOTS run at a time; a request beyond that gets 503 with
 * Retry-After at once rather than holding a server thread waiting. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/docout.h"
#include "render/official.h"
#include "text/reader.h"
#include "web/page.h"
#include "web/routes.h"
#include "web/web_int.h"

#define PDF_SLOTS 2
#define DOCX_TYPE "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

static pthread_mutex_t pdf_lock = PTHREAD_MUTEX_INITIALIZER;
static int pdf_running;

static void read_override(http_req *r, docout_override *ov)
{
	memset(ov, 0, sizeof *ov);
	ov->number = http_query(r, "number");
	ov->date = http_query(r, "date");
	ov->place = http_query(r, "place");
	ov->authority = http_query(r, "authority");
	ov->signer_title = http_query(r, "signer_title");
	ov->signer_name = http_query(r, "signer_name");
	ov->recipients = http_query(r, "recipients");
}

/* Answers with the .docx in r->out, or its PDF. name has no extension. */
static tt_rc send(http_req *r, int pdf, const char *name)
{
	if (pdf) {
		pthread_mutex_lock(&pdf_lock);
		int mine = pdf_running < PDF_SLOTS;
		if (mine)
			pdf_running++;
		pthread_mutex_unlock(&pdf_lock);
		if (!mine) {
			/* Answered here rather than returned, so the error keeps its
			 * Retry-After (the server's error path drops headers). */
			ctx_fail(&r->ctx, TT_ERR_BUSY,
			         "Máy chủ đang chuyển văn bản khác sang PDF; xin thử lại sau ít giây.");
			buf_reset(&r->out);
			tt_rc rc = r->is_api || !strncmp(r->path, "/api/", 5) ? http_json_error(r, TT_ERR_BUSY)
			                                                       : page_error(r, TT_ERR_BUSY);
			http_set_header(r, "Retry-After", "10");
			return rc;
		}
		tt_buf pdfb;
		buf_init(&pdfb, 50u << 20);
		reader_info info;
		memset(&info, 0, sizeof info);
		tt_rc rc = reader_convert(r->out.data, r->out.len, "docx", "pdf", &pdfb, &info);
		pthread_mutex_lock(&pdf_lock);
		pdf_running--;
		pthread_mutex_unlock(&pdf_lock);
		if (rc) {
			buf_free(&pdfb);
			buf_reset(&r->out);
			if (rc == TT_ERR_UNSUPPORTED)
				return ctx_fail(
				    &r->ctx, rc,
				    "Máy chủ chưa cài LibreOffice nên chưa xuất được PDF. Hãy tải bản Word "
				    "(.docx), hoặc nhờ quản trị cài gói libreoffice-writer-nogui.");
			return ctx_fail(&r->ctx, rc,
			                "Không chuyển được văn bản sang PDF; hãy tải bản Word (.docx).");
		}
		buf_reset(&r->out);
		if ((rc = buf_add(&r->out, pdfb.data ? pdfb.data : "", pdfb.len))) {
			buf_free(&pdfb);
			return rc;
		}
		buf_free(&pdfb);
	}
	r->status = 200;
	r->content_type = pdf ? "application/pdf" : DOCX_TYPE;
	http_set_header(
	    r, "Content-Disposition",
	    arena_printf(&r->arena, "attachment; filename=\"%s.%s\"", name, pdf ? "pdf" : "docx"));
	http_set_header(r, "Cache-Control", "no-store");
	return TT_OK;
}

/* An org code as it may go in a file name. */
static const char *file_part(http_req *r, const char *s)
{
	char *o = arena_strdup(&r->arena, s);
	if (!o)
		return "";
	for (char *p = o; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      *p == '-'))
			*p = '_';
	return o;
}

static tt_rc report_file(http_req *r, int pdf)
{
	int64_t id;
	docout_override ov;
	docout_report d;
	tt_rc rc = web_round_id(r, &id);
	if (rc)
		return rc;
	read_override(r, &ov);
	if ((rc = docout_report_get(&r->ctx, id, r->params[1], &ov, &d)))
		return rc;
	buf_reset(&r->out);
	if ((rc = official_report_docx(&r->ctx, &d, &r->out)))
		return rc;
	return send(r, pdf,
	            arena_printf(&r->arena, "bao-cao-%s-dot-%lld", file_part(r, d.view.report.org_code),
	                         (long long)id));
}

static tt_rc plan_file(http_req *r, int pdf)
{
	int64_t id;
	docout_override ov;
	docout_plan d;
	tt_rc rc = web_plan_id(r, 0, &id);
	if (rc)
		return rc;
	read_override(r, &ov);
	if ((rc = docout_plan_get(&r->ctx, id, &ov, &d)))
		return rc;
	buf_reset(&r->out);
	if ((rc = official_plan_docx(&r->ctx, &d, &r->out)))
		return rc;
	return send(r, pdf, arena_printf(&r->arena, "ke-hoach-%lld", (long long)id));
}

static tt_rc consolidated_file(http_req *r, int pdf)
{
	int64_t id;
	docout_override ov;
	docout_consolidated d;
	tt_rc rc = web_round_id(r, &id);
	if (rc)
		return rc;
	read_override(r, &ov);
	const char *acts = http_query(r, "activities");
	if (acts && strcmp(acts, "0") && strcmp(acts, "1"))
		return ctx_fail(&r->ctx, TT_ERR_INVALID,
		                "Tham số activities chỉ nhận 1 (kèm danh sách hoạt động) hoặc 0.");
	if ((rc = docout_consolidated_get(&r->ctx, id, &ov, acts && !strcmp(acts, "1"), &d)))
		return rc;
	buf_reset(&r->out);
	if ((rc = official_consolidated_docx(&r->ctx, &d, &r->out)))
		return rc;
	return send(r, pdf, arena_printf(&r->arena, "bao-cao-tong-hop-dot-%lld", (long long)id));
}

/* The activity list of the list page's filters as a PHỤ LỤC in Word. */
tt_rc ui_activities_docx(http_req *r)
{
	st_activity_query q;
	docout_override ov;
	docout_activities d;
	tt_rc rc = web_activity_export_query(r, &q);
	if (rc)
		return rc;
	read_override(r, &ov);
	if ((rc = docout_activities_get(&r->ctx, &q, &ov, &d)))
		return rc;
	buf_reset(&r->out);
	if ((rc = official_activities_docx(&r->ctx, &d, &r->out)))
		return rc;
	return send(r, 0, "danh-sach-hoat-dong");
}

tt_rc ui_consolidated_docx(http_req *r)
{
	return consolidated_file(r, 0);
}
tt_rc ui_consolidated_pdf(http_req *r)
{
	return consolidated_file(r, 1);
}
tt_rc ui_report_docx(http_req *r)
{
	return report_file(r, 0);
}
tt_rc ui_report_pdf(http_req *r)
{
	return report_file(r, 1);
}
tt_rc ui_plan_docx(http_req *r)
{
	return plan_file(r, 0);
}
tt_rc ui_plan_pdf(http_req *r)
{
	return plan_file(r, 1);
}

/* ---- the export form (pages) ---- */

static void read_form(http_req *r, docout_override *ov)
{
	memset(ov, 0, sizeof *ov);
	ov->number = http_form(r, "number");
	ov->date = http_form(r, "date");
	ov->place = http_form(r, "place");
	ov->authority = http_form(r, "authority");
	ov->signer_title = http_form(r, "signer_title");
	ov->signer_name = http_form(r, "signer_name");
	ov->recipients = http_form(r, "recipients");
}

static void query_add(http_req *r, tt_buf *b, const char *key, const char *v)
{
	if (!v || !*v)
		return;
	buf_addc(b, b->len && strchr(b->data, '?') ? '&' : '?');
	buf_adds(b, key);
	buf_addc(b, '=');
	buf_adds(b, page_url_escape(r, v));
}

/* Saves the settings when asked, then sends the browser to the file with
 * the values in its query (the file itself is a plain GET). */
static tt_rc export_post(http_req *r, const char *base, int64_t org_id)
{
	docout_override ov;
	read_form(r, &ov);
	const char *fmt = http_form(r, "format");
	int pdf = fmt && !strcmp(fmt, "pdf");
	tt_rc rc;
	if (http_form(r, "remember") && (rc = docout_settings_save(&r->ctx, org_id, &ov)))
		return rc;
	tt_buf b;
	buf_init(&b, 8192);
	buf_adds(&b, base);
	buf_adds(&b, pdf ? ".pdf" : ".docx");
	query_add(r, &b, "number", ov.number);
	query_add(r, &b, "date", ov.date);
	query_add(r, &b, "place", ov.place);
	query_add(r, &b, "authority", ov.authority);
	query_add(r, &b, "signer_title", ov.signer_title);
	query_add(r, &b, "signer_name", ov.signer_name);
	query_add(r, &b, "recipients", ov.recipients);
	const char *url = arena_strdup(&r->arena, b.data ? b.data : base);
	buf_free(&b);
	return http_redirect(r, url);
}

tt_rc ui_report_export(http_req *r)
{
	int64_t id;
	round_report_view v;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = round_report_get(&r->ctx, id, r->params[1], &v)))
		return rc;
	return export_post(r,
	                   arena_printf(&r->arena, "/rounds/%lld/reports/%s", (long long)id,
	                                page_url_escape(r, v.report.org_code)),
	                   v.report.org_id);
}

tt_rc ui_plan_export(http_req *r)
{
	int64_t id;
	plan_view v;
	tt_rc rc = web_plan_id(r, 0, &id);
	if (rc || (rc = plan_get(&r->ctx, id, NULL, &v)))
		return rc;
	return export_post(r, arena_printf(&r->arena, "/plans/%lld", (long long)id), v.plan.owner_org_id);
}

/* The export form: number, date, place, signer and recipients, filled
 * with what the body saved; the two buttons download Word or PDF. */
void web_export_form(http_req *r, const char *action, int64_t org_id)
{
	docout_settings s;
	if (docout_settings_saved(&r->ctx, org_id, &s))
		memset(&s, 0, sizeof s);
	P(r, "<details class=\"card no-print\" id=\"export\"><summary>");
	T(r, _("Tải về Word / PDF"));
	P(r, "</summary><form method=\"post\" action=\"");
	A(r, action);
	P(r, "\" class=\"export-form\">");
	page_csrf(r);
	static const struct {
		const char *name, *label, *hint;
	} fields[] = {
	    {"number", N_("Số văn bản"), N_("để trống để văn thư ghi số")},
	    {"date", N_("Ngày ban hành"), N_("ngày/tháng/năm; để trống là hôm nay")},
	    {"place", N_("Địa danh"), N_("để trống là tên tỉnh")},
	    {"authority", N_("Thẩm quyền ký"), N_("ví dụ: KT. GIÁM ĐỐC; để trống khi người đứng đầu ký")},
	    {"signer_title", N_("Chức danh người ký"), N_("ví dụ: PHÓ GIÁM ĐỐC")},
	    {"signer_name", N_("Họ tên người ký"), NULL},
	};
	const char *vals[] = {NULL, NULL, s.place, s.authority, s.signer_title, s.signer_name};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		P(r, "<label>");
		T(r, _(fields[i].label));
		if (!strcmp(fields[i].name, "date")) {
			P(r, " ");
			web_date_input_named(r, "export-date", "date", NULL, 0);
			P(r, "</label>");
		} else {
			P(r, " <input name=\"%s\" id=\"export-%s\" value=\"", fields[i].name, fields[i].name);
			A(r, vals[i] ? vals[i] : "");
			P(r, "\"></label>");
		}
		if (fields[i].hint) {
			P(r, "<small class=\"muted\">");
			T(r, _(fields[i].hint));
			P(r, "</small>");
		}
	}
	P(r, "<label>");
	T(r, _("Nơi nhận (mỗi dòng một nơi; để trống là cơ quan nhận báo cáo và \"Lưu: VT\")"));
	P(r, " <textarea name=\"recipients\" id=\"export-recipients\" rows=\"4\">");
	T(r, s.recipients ? s.recipients : "");
	P(r, "</textarea></label>");
	/* Only those who may change what the body remembers see the box. */
	if (docout_may_save(&r->ctx, org_id)) {
		P(r, "<label><input type=\"checkbox\" name=\"remember\" value=\"1\" checked> ");
		T(r, _("Ghi nhớ địa danh, người ký và nơi nhận cho lần sau"));
		P(r, "</label>");
	}
	P(r, "<p><button name=\"format\" value=\"docx\" id=\"export-docx\">");
	T(r, _("Tải về Word (.docx)"));
	P(r, "</button> <button name=\"format\" value=\"pdf\" id=\"export-pdf\">");
	T(r, _("Tải về PDF"));
	P(r, "</button></p></form></details>");
}
