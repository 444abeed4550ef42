/* ui_documents.c - pages of imported documents: the list with filters and
 * an upload form, the progress and results of the import jobs, one
 * document side by side with its text (fields can be corrected), its
 * citations and what cites it. */
#include <stdlib.h>
#include <string.h>

#include "core/document.h"
#include "core/job.h"
#include "core/perm.h"
#include "text/vn.h"
#include "web/kit.h"
#include "web/page.h"
#include "web/routes.h"
#include "web/web_int.h"

/* The types offered in the filter, with the names people call them by;
 * "other" (no administrative type) is "Khác". */
static const struct {
	const char *code, *name;
} doc_kinds[] = {
    {"BC", N_("Báo cáo")},      {"KH", N_("Kế hoạch")},    {"QĐ", N_("Quyết định")}, {"CV", N_("Công văn")},
    {"TB", N_("Thông báo")},    {"HD", N_("Hướng dẫn")},   {"CTr", N_("Chương trình")}, {"NQ", N_("Nghị quyết")},
    {"CT", N_("Chỉ thị")},      {"KL", N_("Kết luận")},    {"NĐ", N_("Nghị định")},  {"TT", N_("Thông tư")},
    {"TTr", N_("Tờ trình")},    {"BB", N_("Biên bản")},    {"PA", N_("Phương án")},  {"ĐA", N_("Đề án")},
    {"QC", N_("Quy chế")},      {"TTLT", N_("Thông tư liên tịch")}, {"other", N_("Khác")},
};

/* The Vietnamese name of a document type code; an unknown code as is. */
const char *doc_kind_name(const char *code)
{
	if (!code)
		return _("Khác");
	for (size_t i = 0; i < sizeof doc_kinds / sizeof doc_kinds[0]; i++)
		if (!strcmp(code, doc_kinds[i].code))
			return _(doc_kinds[i].name);
	return code;
}

static void doc_link(http_req *r, const st_document *d)
{
	P(r, "<a href=\"/documents/%lld\">", (long long)d->id);
	if (d->symbol) {
		T(r, d->symbol);
		P(r, " – ");
	}
	T(r, d->title ? d->title : d->filename);
	P(r, "</a>");
}

static void doc_table(http_req *r, const st_document *d, size_t n)
{
	const char *const heads[] = {_("Văn bản"), _("Loại"), _("Ngày"), _("Cơ quan ban hành")};
	kit_table_t t;
	kit_table(r, &t, "documents", heads, 4);
	for (size_t i = 0; i < n; i++) {
		kit_row(r, &t);
		kit_cell_begin(r, &t, 0, 0);
		doc_link(r, &d[i]);
		kit_cell_end(r);
		kit_cell(r, &t, 1, doc_kind_name(d[i].kind));
		kit_cell_begin(r, &t, 2, 0);
		if (d[i].date)
			DS(r, d[i].date);
		else if (d[i].year)
			P(r, "%d", d[i].year);
		kit_cell_end(r);
		kit_cell(r, &t, 3, d[i].issuer_code);
		P(r, "</tr>");
	}
	kit_table_end(r, &t);
}

tt_rc ui_documents(http_req *r)
{
	st_document_query q = {.limit = 200};
	st_document *d;
	st_citation *missing;
	size_t n, nm;
	tt_buf key;
	const char *kind = http_query(r, "kind"), *issuer = http_query(r, "issuer"),
	           *year = http_query(r, "year"), *text = http_query(r, "q");
	q.kind = kind && *kind ? kind : NULL;
	q.issuer_code = issuer && *issuer ? issuer : NULL;
	q.year = year ? (int)strtol(year, NULL, 10) : 0;
	buf_init(&key, 4096);
	tt_rc rc = TT_OK;
	if (text && *text && !(rc = vn_search_key(text, strlen(text), &key)))
		q.q_key = key.data;
	if (!rc)
		rc = document_find(&r->ctx, &q, &d, &n);
	if (!rc)
		rc = document_missing(&r->ctx, 30, &missing, &nm);
	buf_free(&key);
	if (rc)
		return rc;
	page_begin(r, _("Văn bản"));
	P(r, "<h1>");
	T(r, _("Văn bản đã nhập"));
	P(r, "</h1>");
	if (perm_may(&r->ctx, PERM_IMPORT_DOCUMENT, 0)) {
		/* The token rides in the action: an upload is checked before its body is read. */
		P(r, "<form method=\"post\" action=\"/documents?csrf=");
		A(r, r->csrf ? r->csrf : "");
		P(r, "\" enctype=\"multipart/form-data\" class=\"card stack\" "
		     "data-progress=\"upload-progress\">");
		page_csrf(r);
		P(r, "<label for=\"file\">");
		T(r, _("Nhập văn bản cũ (.docx, .doc, .odt, .rtf, .pdf, .txt; chọn được nhiều tệp)"));
		P(r, "</label><input type=\"file\" id=\"file\" name=\"file\" multiple required "
		     "accept=\".docx,.doc,.odt,.rtf,.pdf,.txt\"><div class=\"actions\"><button "
		     "type=\"submit\">");
		T(r, _("Tải lên và đọc"));
		P(r, "</button></div><label for=\"upload-progress\" hidden>");
		T(r, _("Đang tải lên và đọc văn bản…"));
		P(r, "</label><progress id=\"upload-progress\" max=\"100\" hidden></progress></form>");
	}
	P(r, "<form method=\"get\" action=\"/documents\" class=\"card stack\" role=\"search\"><label "
	     "for=\"q\">");
	T(r, _("Tìm theo số, ký hiệu hoặc trích yếu"));
	P(r, "</label><input type=\"search\" id=\"q\" name=\"q\" value=\"");
	A(r, text ? text : "");
	P(r, "\"><label for=\"kind\">");
	T(r, _("Loại văn bản"));
	P(r, "</label><select id=\"kind\" name=\"kind\"><option value=\"\">");
	T(r, _("Tất cả"));
	P(r, "</option>");
	for (size_t i = 0; i < sizeof doc_kinds / sizeof doc_kinds[0]; i++) {
		P(r, "<option value=\"");
		A(r, doc_kinds[i].code);
		P(r, "\"%s>", kind && !strcmp(kind, doc_kinds[i].code) ? " selected" : "");
		T(r, _(doc_kinds[i].name));
		P(r, "</option>");
	}
	P(r, "</select><label for=\"issuer\">");
	T(r, _("Mã cơ quan ban hành (ví dụ UBND, BQLKKT)"));
	P(r, "</label><input type=\"text\" id=\"issuer\" name=\"issuer\" value=\"");
	A(r, issuer ? issuer : "");
	P(r, "\"><label for=\"year\">");
	T(r, _("Năm"));
	P(r, "</label><input type=\"number\" id=\"year\" name=\"year\" min=\"1945\" max=\"2200\" value=\"");
	if (q.year)
		P(r, "%d", q.year);
	P(r, "\"><div class=\"actions\"><button type=\"submit\">");
	T(r, _("Lọc"));
	P(r, "</button></div></form><h2>");
	T(r, _("Danh sách"));
	P(r, " (%zu)</h2>", n);
	if (n)
		doc_table(r, d, n);
	else {
		P(r, "<p class=\"card\">");
		T(r, _("Chưa có văn bản phù hợp."));
		P(r, "</p>");
	}
	if (nm) {
		P(r, "<h2>");
		T(r, _("Văn bản được trích dẫn nhưng chưa có trong hệ thống"));
		P(r, "</h2><ul>");
		for (size_t i = 0; i < nm; i++) {
			P(r, "<li>");
			T(r, missing[i].symbol);
			if (missing[i].date) {
				P(r, " ");
				T(r, _("ngày"));
				P(r, " ");
				DS(r, missing[i].date);
			}
			P(r, " <span class=\"muted\">(");
			P(r, "%d ", missing[i].cited_count);
			T(r, _("văn bản trích dẫn"));
			P(r, ")</span></li>");
		}
		P(r, "</ul>");
	}
	return page_end(r);
}

/* The upload only queues the files; the import page follows them. */
tt_rc ui_documents_upload(http_req *r)
{
	int64_t *ids = NULL;
	tt_rc rc = web_enqueue_uploads(r, &ids);
	if (rc)
		return rc;
	tt_buf url;
	buf_init(&url, 8192);
	rc = buf_adds(&url, "/documents/imports?jobs=");
	for (size_t i = 0; !rc && i < r->nfiles; i++)
		rc = buf_printf(&url, "%s%lld", i ? "," : "", (long long)ids[i]);
	const char *loc = rc ? NULL : arena_strdup(&r->arena, url.data);
	buf_free(&url);
	if (!rc && !loc)
		rc = TT_ERR_NOMEM;
	return rc ? rc : http_redirect(r, loc);
}

static const char *job_state_label(const st_job *j)
{
	const char *s = web_job_status(j);
	if (!strcmp(s, "queued"))
		return _("Đang chờ");
	if (!strcmp(s, "running"))
		return _("Đang đọc");
	if (!strcmp(s, "imported"))
		return _("Đã nhập");
	if (!strcmp(s, "duplicate"))
		return _("Đã có từ trước");
	return _("Lỗi");
}

static const char *job_badge(const st_job *j)
{
	const char *s = web_job_status(j);
	return !strcmp(s, "imported")    ? "submitted"
	       : !strcmp(s, "duplicate") ? "old"
	       : !strcmp(s, "failed")    ? "overdue"
	                                 : "draft";
}

/* A row of the import table: the document read (number, title and a
 * link) first, its state, then the file it came from, kept small: the
 * name of an uploaded file is often a code or a hash. */
static void job_row(http_req *r, const st_job *j)
{
	P(r, "<tr data-job=\"%lld\" data-state=\"", (long long)j->id);
	A(r, web_job_status(j));
	P(r, "\"><td data-label=\"");
	A(r, _("Văn bản"));
	P(r, "\" class=\"job-result\">");
	if (j->outcome && j->document_id) {
		const char *legacy = document_legacy_encoding(&r->ctx, j->document_id);
		P(r, "<a href=\"/documents/%lld\">", (long long)j->document_id);
		if (j->symbol) {
			T(r, j->symbol);
			P(r, " – ");
		}
		T(r, j->title ? j->title : _("(chưa rõ trích yếu)"));
		P(r, "</a>");
		if (legacy) {
			P(r, " <span class=\"badge late\">");
			T(r, _("đã chuyển từ bảng mã"));
			P(r, " ");
			T(r, legacy);
			P(r, "</span>");
		}
	} else if (j->outcome) {
		T(r, j->message ? j->message : _("Không đọc được tệp."));
	} else
		T(r, _("Đang xử lý, trang sẽ tự cập nhật."));
	P(r, "</td><td data-label=\"");
	A(r, _("Trạng thái"));
	P(r, "\"><span class=\"badge %s job-state\">", job_badge(j));
	T(r, job_state_label(j));
	P(r, "</span> <progress class=\"job-progress\" max=\"100\" value=\"%d\">%d%%</progress></td>"
	     "<td data-label=\"",
	  j->progress, j->progress);
	A(r, _("Tệp gốc"));
	P(r, "\" class=\"muted job-file\"><small>");
	T(r, j->filename);
	P(r, "</small></td></tr>");
}

/* The jobs named in ?jobs=1,2,3 (those the user may see), or the user's
 * latest. */
static tt_rc imports_jobs(http_req *r, st_job **out, size_t *n)
{
	const char *list = http_query(r, "jobs");
	if (!list || !*list)
		return job_list(&r->ctx, 1, 50, out, n);
	size_t cap = 200, k = 0;
	st_job *v = arena_alloc(&r->arena, cap * sizeof *v);
	if (!v)
		return TT_ERR_NOMEM;
	const char *p = list;
	while (*p && k < cap) {
		char *end;
		long long id = *p >= '1' && *p <= '9' ? strtoll(p, &end, 10) : 0;
		if (id <= 0 || (*end && *end != ','))
			return ctx_fail(&r->ctx, TT_ERR_NOT_FOUND, "Không có lượt nhập văn bản này.");
		tt_rc rc = job_get(&r->ctx, id, &v[k]);
		if (rc == TT_OK)
			k++;
		else if (rc != TT_ERR_NOT_FOUND)
			return rc;
		p = *end ? end + 1 : end;
	}
	*out = v;
	*n = k;
	return TT_OK;
}

tt_rc ui_documents_imports(http_req *r)
{
	st_job *j;
	size_t n;
	r->ctx.error_detail = NULL;
	tt_rc rc = imports_jobs(r, &j, &n);
	if (rc)
		return rc;
	size_t ok = 0, dupes = 0, failed = 0, waiting = 0;
	for (size_t i = 0; i < n; i++) {
		const char *st = web_job_status(&j[i]);
		!strcmp(st, "imported")    ? ok++
		: !strcmp(st, "duplicate") ? dupes++
		: !strcmp(st, "failed")    ? failed++
		                           : waiting++;
	}
	page_begin(r, _("Nhập văn bản"));
	P(r, "<h1>");
	T(r, _("Nhập văn bản"));
	P(r, "</h1><p>");
	T(r, _("Các tệp được đọc lần lượt ở máy chủ. Trang này tự cập nhật; nếu không, hãy bấm "
	       "“Cập nhật”."));
	P(r, "</p><div class=\"table-wrap\"><table class=\"responsive\" id=\"import-jobs\" "
	     "data-label-queued=\"");
	A(r, _("Đang chờ"));
	P(r, "\" data-label-running=\"");
	A(r, _("Đang đọc"));
	P(r, "\" data-label-imported=\"");
	A(r, _("Đã nhập"));
	P(r, "\" data-label-duplicate=\"");
	A(r, _("Đã có từ trước"));
	P(r, "\" data-label-failed=\"");
	A(r, _("Lỗi"));
	P(r, "\" data-label-untitled=\"");
	A(r, _("(chưa rõ trích yếu)"));
	P(r, "\"><thead><tr><th>");
	T(r, _("Văn bản"));
	P(r, "</th><th>");
	T(r, _("Trạng thái"));
	P(r, "</th><th>");
	T(r, _("Tệp gốc"));
	P(r, "</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++)
		job_row(r, &j[i]);
	P(r, "</tbody></table></div>");
	if (!n) {
		P(r, "<p class=\"card\">");
		T(r, _("Chưa có lượt nhập văn bản nào."));
		P(r, "</p>");
	}
	P(r, "<p class=\"card\" id=\"import-summary\">");
	T(r, _("Đã nhập"));
	P(r, ": <span data-count=\"imported\">%zu</span> · ", ok);
	T(r, _("trùng"));
	P(r, ": <span data-count=\"duplicate\">%zu</span> · ", dupes);
	T(r, _("lỗi"));
	P(r, ": <span data-count=\"failed\">%zu</span> · ", failed);
	T(r, _("đang chờ"));
	P(r, ": <span data-count=\"waiting\">%zu</span></p><p><a class=\"button secondary\" href=\"",
	  waiting);
	A(r, r->path);
	const char *q = http_query(r, "jobs");
	if (q && *q) {
		P(r, "?jobs=");
		U(r, q);
	}
	P(r, "\">");
	T(r, _("Cập nhật"));
	P(r, "</a> <a class=\"button secondary\" href=\"/documents\">");
	T(r, _("Về danh sách văn bản"));
	P(r, "</a></p>");
	return page_end(r);
}

static const char *jstr(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static void list_strings(http_req *r, json_t *arr)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
	{
		if (i)
			P(r, "; ");
		T(r, json_string_value(v));
	}
}

/* What the correction form shows besides the stored document. */
typedef struct {
	int posted;        /* fields show what was posted */
	int conflict;      /* the document was corrected since: show it beside */
	const char *error; /* alert above the form, or NULL */
} doc_form;

/* A field as typed (posted) or stored; on a conflict, the stored value
 * is shown under it when the two differ. */
static void field_as(http_req *r, const doc_form *f, const char *id, const char *label, const char *type,
                     const char *stored)
{
	const char *typed = f->posted ? http_form(r, id) : NULL;
	const char *value = typed ? typed : stored ? stored : "";
	P(r, "<label for=\"%s\">", id);
	T(r, label);
	if (!strcmp(type, "vndate")) {
		P(r, "</label>");
		web_date_input(r, id, value, 0);
	} else if (!strcmp(type, "textarea")) {
		P(r, "</label><textarea id=\"%s\" name=\"%s\" rows=\"3\">", id, id);
		T(r, value);
		P(r, "</textarea>");
	} else {
		P(r, "</label><input type=\"%s\" id=\"%s\" name=\"%s\" value=\"", type, id, id);
		A(r, value);
		P(r, "\">");
	}
	if (f->conflict && strcmp(value, stored ? stored : "")) {
		P(r, "<p class=\"stored-value\" id=\"stored-%s\">", id);
		T(r, _("Bản đang lưu:"));
		P(r, " <b>");
		T(r, stored && *stored ? stored : _("(để trống)"));
		P(r, "</b></p>");
	}
}

static tt_rc show_document(http_req *r, const doc_form *f);

tt_rc ui_document(http_req *r)
{
	static const doc_form none = {0};
	return show_document(r, &none);
}

static tt_rc show_document(http_req *r, const doc_form *f)
{
	int64_t id;
	st_document d, *by;
	st_citation *c;
	size_t nc, nb;
	int64_t ncited = 0;
	json_error_t jerr;
	tt_rc rc = web_document_id(r, &id);
	if (rc || (rc = document_get(&r->ctx, id, &d)) ||
	    (rc = document_citation_count(&r->ctx, id, &ncited)) ||
	    (rc = document_citations(&r->ctx, id, WEB_CITATION_PAGE, 0, &c, &nc)) ||
	    (rc = document_cited_by(&r->ctx, id, &by, &nb)))
		return rc;
	json_t *parsed = json_loads(d.parsed, 0, &jerr);
	page_begin(r, d.symbol ? d.symbol : d.filename);
	P(r, "<h1>");
	T(r, doc_kind_name(d.kind));
	if (d.symbol) {
		P(r, " ");
		T(r, d.symbol);
	}
	P(r, "</h1><p class=\"muted\">");
	T(r, d.title ? d.title : "");
	P(r, "</p>");
	page_flash(r);
	int64_t plan_id = 0;
	if (d.kind && !strcmp(d.kind, "KH") && !plan_of_document(&r->ctx, d.id, &plan_id)) {
		P(r, "<p class=\"actions\"><a class=\"button\" id=\"open-plan\" href=\"/plans/%lld\">",
		  (long long)plan_id);
		T(r, _("Xem kế hoạch của văn bản này"));
		P(r, "</a></p>");
	} else if (d.kind && !strcmp(d.kind, "KH") && perm_may(&r->ctx, PERM_EDIT_PLAN, 0)) {
		P(r, "<form method=\"post\" action=\"/plans\" class=\"actions\">");
		page_csrf(r);
		P(r,
		  "<input type=\"hidden\" name=\"document_id\" value=\"%lld\"><button type=\"submit\" "
		  "id=\"make-plan\">",
		  (long long)d.id);
		T(r, _("Tạo kế hoạch từ văn bản này"));
		P(r, "</button></form>");
	}
	if (f->error) {
		P(r, "<p class=\"alert\" role=\"alert\" id=\"form-error\">");
		T(r, f->error);
		P(r, "</p>");
	}
	if (f->conflict) {
		P(r, "<div class=\"alert conflict-help\" role=\"alert\" id=\"conflict\"><p><b>");
		T(r, _("Thông tin văn bản vừa được người khác sửa trong lúc bạn đang sửa, nên thay đổi của "
		       "bạn chưa được lưu."));
		P(r, "</b></p><p>");
		T(r, _("Những gì bạn đã gõ vẫn còn trong các ô. Ô nào khác với bản đang lưu thì bản đang "
		       "lưu được hiện ngay dưới ô đó. Hãy chỉnh lại cho đúng rồi bấm \"Lưu thông tin\" một "
		       "lần nữa."));
		P(r, "</p></div>");
	}
	P(r, "<div class=\"split\"><section class=\"card\"><h2>");
	T(r, _("Thông tin đọc được"));
	P(r, "</h2>");
	if (d.encoding && strcmp(d.encoding, "utf-8")) {
		P(r, "<p class=\"alert\">");
		T(r, _("Tệp dùng bảng mã cũ, đã chuyển sang Unicode:"));
		P(r, " ");
		T(r, d.encoding);
		P(r, "</p>");
	}
	/* Only those who may correct see a form; the others read the fields. */
	int can_edit = perm_may(&r->ctx, PERM_CORRECT_DOCUMENT, 0);
	if (can_edit) {
		P(r, "<form method=\"post\" action=\"/documents/%lld\" class=\"stack\">", (long long)id);
		page_csrf(r);
		/* The version the corrections are made from (see document_correct). */
		P(r, "<input type=\"hidden\" name=\"corrected\" value=\"");
		A(r, d.corrected_at ? d.corrected_at : "");
		P(r, "\"><fieldset><legend>");
		T(r, _("Sửa nếu chưa đúng"));
		P(r, "</legend>");
		field_as(r, f, "kind", _("Loại văn bản"), "text", d.kind);
		field_as(r, f, "symbol", _("Số, ký hiệu"), "text", d.symbol);
		field_as(r, f, "issuer_code", _("Mã cơ quan ban hành"), "text", d.issuer_code);
		field_as(r, f, "place", _("Địa danh"), "text", d.place);
		field_as(r, f, "date", _("Ngày ban hành"), "vndate", d.date);
		field_as(r, f, "title", _("Trích yếu"), "textarea", d.title);
		P(r, "<div class=\"actions\"><button type=\"submit\">");
		T(r, _("Lưu thông tin"));
		P(r, "</button></div></fieldset></form>");
	}
	P(r, "<dl class=\"meta\" id=\"doc-fields\">");
	if (!can_edit) {
		const char *const labels[] = {_("Loại văn bản"), _("Số, ký hiệu"), _("Cơ quan ban hành"),
		                              _("Địa danh"), _("Ngày ban hành")};
		const char *const values[] = {doc_kind_name(d.kind), d.symbol, d.issuer_code, d.place, NULL};
		for (size_t i = 0; i < 5; i++) {
			if (i < 4 && !values[i])
				continue;
			if (i == 4 && !d.date)
				continue;
			P(r, "<dt>");
			T(r, labels[i]);
			P(r, "</dt><dd>");
			if (i == 4)
				DS(r, d.date);
			else
				T(r, values[i]);
			P(r, "</dd>");
		}
	}
	P(r, "<dt>");

	T(r, _("Tệp gốc"));
	P(r, "</dt><dd><a href=\"/documents/%lld/original\">", (long long)id);
	T(r, d.filename);
	P(r, "</a> (%zu KB, ", (d.size + 1023) / 1024);
	T(r, d.format);
	P(r, ")</dd>");
	json_t *signer = json_object_get(parsed, "signer");
	if (jstr(signer, "name")) {
		P(r, "<dt>");
		T(r, _("Người ký"));
		P(r, "</dt><dd>");
		list_strings(r, json_object_get(signer, "authority"));
		P(r, " – ");
		T(r, jstr(signer, "name"));
		P(r, "</dd>");
	}
	json_t *resp = json_object_get(parsed, "responds_to");
	if (jstr(resp, "symbol")) {
		P(r, "<dt>");
		T(r, _("Thực hiện văn bản"));
		P(r, "</dt><dd>");
		/* A link when that document has been imported: it is among the
		 * citations, linked by folded symbol and date. */
		int64_t target = 0;
		tt_buf key;
		buf_init(&key, 512);
		if (!document_symbol_key(jstr(resp, "symbol"), &key))
			for (size_t i = 0; i < nc && !target; i++)
				if (c[i].target_id && !strcmp(c[i].symbol_key, key.data))
					target = c[i].target_id;
		buf_free(&key);
		if (target)
			P(r, "<a id=\"responds-to\" href=\"/documents/%lld\">", (long long)target);
		else
			P(r, "<span id=\"responds-to\">");
		T(r, jstr(resp, "text") ? jstr(resp, "text") : jstr(resp, "symbol"));
		P(r, target ? "</a>" : "</span>");
		P(r, "</dd>");
	}
	P(r, "</dl>");
	/* Sections. */
	json_t *sections = json_object_get(parsed, "sections");
	if (json_array_size(sections)) {
		P(r, "<h3>");
		T(r, _("Bố cục"));
		P(r, "</h3><ul>");
		size_t i;
		json_t *s;
		json_array_foreach(sections, i, s)
		{
			P(r, "<li><b>");
			T(r, jstr(s, "label"));
			P(r, ".</b> ");
			T(r, jstr(s, "heading"));
			json_t *kids = json_object_get(s, "children");
			if (json_array_size(kids)) {
				P(r, "<ul>");
				size_t k;
				json_t *ch;
				json_array_foreach(kids, k, ch)
				{
					P(r, "<li>");
					T(r, jstr(ch, "label"));
					P(r, ". ");
					T(r, jstr(ch, "heading"));
					P(r, "</li>");
				}
				P(r, "</ul>");
			}
			P(r, "</li>");
		}
		P(r, "</ul>");
	}
	/* Tasks of a plan. */
	json_t *tasks = json_object_get(parsed, "tasks");
	if (json_array_size(tasks)) {
		P(r, "<h3>");
		T(r, _("Nhiệm vụ"));
		P(r, " (%zu)</h3><div class=\"table-wrap\"><table id=\"tasks\" class=\"responsive\"><thead><tr><th>",
		  json_array_size(tasks));
		T(r, _("Mục"));
		P(r, "</th><th>");
		T(r, _("Nội dung"));
		P(r, "</th><th>");
		T(r, _("Chủ trì"));
		P(r, "</th><th>");
		T(r, _("Phối hợp"));
		P(r, "</th><th>");
		T(r, _("Thời gian"));
		P(r, "</th></tr></thead><tbody>");
		size_t i;
		json_t *t;
		json_array_foreach(tasks, i, t)
		{
			P(r, "<tr><td data-label=\"");
			A(r, _("Mục"));
			P(r, "\">");
			T(r, jstr(t, "label"));
			P(r, "</td><td data-label=\"");
			A(r, _("Nội dung"));
			P(r, "\" class=\"task-content\">");
			T(r, jstr(t, "content"));
			P(r, "</td><td data-label=\"");
			A(r, _("Chủ trì"));
			P(r, "\">");
			list_strings(r, json_object_get(t, "lead"));
			P(r, "</td><td data-label=\"");
			A(r, _("Phối hợp"));
			P(r, "\">");
			list_strings(r, json_object_get(t, "coordinating"));
			P(r, "</td><td data-label=\"");
			A(r, _("Thời gian"));
			P(r, "\">");
			T(r, jstr(json_object_get(t, "timeframe"), "text"));
			P(r, "</td></tr>");
		}
		P(r, "</tbody></table></div>");
	}
	json_t *figures = json_object_get(parsed, "figures");
	if (json_array_size(figures)) {
		P(r, "<h3>");
		T(r, _("Số liệu nêu trong văn bản"));
		P(r, "</h3><ul>");
		size_t i;
		json_t *fig;
		json_array_foreach(figures, i, fig)
		{
			P(r, "<li>");
			NUM(r, json_number_value(json_object_get(fig, "count")));
			P(r, " ");
			T(r, jstr(fig, "unit"));
			P(r, "</li>");
		}
		P(r, "</ul>");
	}
	P(r, "</section><section class=\"card doctext-card\"><h2>");
	T(r, _("Nội dung văn bản"));
	P(r, "</h2><div class=\"doctext\">");
	TB(r, d.text);
	P(r, "</div></section></div>");
	/* Citation graph. */
	P(r, "<section class=\"card\"><h2>");
	T(r, _("Văn bản được trích dẫn"));
	P(r, " (%lld)</h2>", (long long)ncited);
	if ((int64_t)nc < ncited) {
		P(r, "<p class=\"muted\">");
		T(r, _("Chỉ hiện"));
		P(r, " %zu ", nc);
		T(r, _("trích dẫn đầu tiên."));
		P(r, "</p>");
	}
	P(r, "<ul id=\"citations\">");
	for (size_t i = 0; i < nc; i++) {
		P(r, "<li>");
		if (c[i].target_id) {
			P(r, "<a href=\"/documents/%lld\">", (long long)c[i].target_id);
			T(r, c[i].symbol);
			P(r, "</a>");
		} else
			T(r, c[i].symbol);
		if (c[i].date) {
			P(r, " ");
			T(r, _("ngày"));
			P(r, " ");
			DS(r, c[i].date);
		}
		if (c[i].cited_count > 1) {
			P(r, " <span class=\"muted cite-count\">(");
			T(r, _("trích dẫn"));
			P(r, " %d ", c[i].cited_count);
			T(r, _("lần"));
			P(r, ")</span>");
		}
		if (!c[i].target_id) {
			P(r, " <span class=\"badge old\">");
			T(r, _("chưa có trong hệ thống"));
			P(r, "</span>");
		}
		P(r, "</li>");
	}
	P(r, "</ul></section><section class=\"card\"><h2>");
	T(r, _("Văn bản trích dẫn văn bản này"));
	P(r, " (%zu)</h2>", nb);
	if (nb)
		doc_table(r, by, nb);
	P(r, "</section>");
	json_decref(parsed);
	return page_end(r);
}

tt_rc ui_document_correct(http_req *r)
{
	int64_t id;
	tt_rc rc = web_document_id(r, &id);
	if (rc)
		return rc;
	document_fix fix = {.kind = http_form(r, "kind"),
	                    .symbol = http_form(r, "symbol"),
	                    .issuer_code = http_form(r, "issuer_code"),
	                    .place = http_form(r, "place"),
	                    .date = http_form(r, "date"),
	                    .title = http_form(r, "title"),
	                    .seen_corrected = http_form(r, "corrected")};
	if (!fix.seen_corrected)
		fix.seen_corrected = "\x01"; /* a form without its version never matches */
	/* The date is typed the Vietnamese way; emptied, it is cleared. */
	const char *date = NULL;
	if (fix.date && (rc = web_form_date(r, "date", _("Ngày ban hành"), 0, 0, &date)) == TT_OK)
		fix.date = date ? date : "";
	if (!rc)
		rc = document_correct(&r->ctx, id, &fix);
	if (rc == TT_ERR_PRECONDITION || rc == TT_ERR_INVALID) {
		doc_form f = {.posted = 1,
		              .conflict = rc == TT_ERR_PRECONDITION,
		              .error = rc == TT_ERR_INVALID ? r->ctx.error_detail : NULL};
		int status = http_status_of(rc == TT_ERR_PRECONDITION ? TT_ERR_CONFLICT : rc);
		r->ctx.error_detail = NULL;
		if ((rc = show_document(r, &f)))
			return rc;
		r->status = status;
		return TT_OK;
	}
	if (rc)
		return rc;
	return http_redirect(r, arena_printf(&r->arena, "/documents/%lld?msg=doc_saved", (long long)id));
}

tt_rc ui_document_original(http_req *r)
{
	int64_t id;
	st_document d;
	int64_t blob = 0, size = 0;
	tt_rc rc = web_document_id(r, &id);
	if (rc || (rc = document_get(&r->ctx, id, &d)) || (rc = document_original(&r->ctx, id, &blob, &size)))
		return rc;
	/* Sent a chunk at a time from the database: any size, constant memory. */
	if ((rc = http_send_blob(r, "application/octet-stream", blob, size)))
		return rc;
	/* The stored name is user input: keep only safe characters in the header. */
	tt_buf name;
	buf_init(&name, 256);
	for (const char *p = d.filename; *p && name.len < 200; p++)
		buf_addc(&name, (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		                        (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_'
		                    ? *p
		                    : '_');
	http_set_header(
	    r, "Content-Disposition",
	    arena_printf(&r->arena, "attachment; filename=\"%s\"", name.data ? name.data : "document"));
	buf_free(&name);
	return TT_OK;
}
