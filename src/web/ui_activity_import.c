/* ui_activity_import.c - activities many at once: the import page, its
 * result, the CSV template of each type and the import API (docs/api.md).
 * The upload is streamed to a temporary file (form.c) and read from it. */
#include <stdlib.h>
#include <string.h>

#include "core/activity.h"
#include "core/country.h"
#include "core/perm.h"
#include "text/date.h"
#include "text/number.h"
#include "web/kit.h"
#include "web/page.h"
#include "web/routes.h"
#include "web/web_int.h"

/* A text cell of a CSV (RFC 4180 quoting). */
static void csv_cell(tt_buf *b, const char *s)
{
	/* a cell a spreadsheet would run as a formula shows as text */
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

tt_rc ui_activity_template(http_req *r)
{
	const char *type = http_query(r, "type");
	const activity_type *t = type ? activity_type_get(type) : NULL;
	if (!t)
		return ctx_fail(&r->ctx, TT_ERR_NOT_FOUND, _("Loại hoạt động không có."));
	activity_column cols[ACTIVITY_IMPORT_MAX_COLUMNS];
	size_t n = activity_import_columns(t, cols, ACTIVITY_IMPORT_MAX_COLUMNS);
	tt_buf *b = &r->out;
	buf_reset(b);
	buf_adds(b, "\xEF\xBB\xBF");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_addc(b, ',');
		csv_cell(b, cols[i].label);
	}
	buf_adds(b, "\r\n");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_addc(b, ',');
		csv_cell(b, cols[i].example);
	}
	buf_adds(b, "\r\n");
	r->status = 200;
	r->content_type = "text/csv; charset=utf-8";
	http_set_header(r, "Content-Disposition",
	                arena_printf(&r->arena, "attachment; filename=\"mau-%s.csv\"", t->key));
	return TT_OK;
}

static void type_select(http_req *r, const char *sel)
{
	size_t n;
	const activity_type *t = activity_types(&n);
	P(r, "<select id=\"type\" name=\"type\" required><option value=\"\">");
	T(r, _("— chọn loại —"));
	P(r, "</option>");
	for (size_t i = 0; i < n; i++) {
		P(r, "<option value=\"");
		A(r, t[i].key);
		P(r, "\"%s>", sel && !strcmp(sel, t[i].key) ? " selected" : "");
		T(r, t[i].label);
		P(r, "</option>");
	}
	P(r, "</select>");
}

static void import_form(http_req *r, const char *type)
{
	size_t n;
	const activity_type *t = activity_types(&n);
	P(r, "<form method=\"post\" action=\"/activities/import?csrf=");
	A(r, r->csrf ? r->csrf : "");
	P(r, "\" enctype=\"multipart/form-data\" class=\"card stack\" id=\"import-form\" "
	     "data-progress=\"import-progress\">"
	     "<div><label for=\"type\">");
	T(r, _("Loại hoạt động"));
	P(r, "</label>");
	type_select(r, type);
	P(r, "</div><div><label for=\"file\">");
	T(r, _("Tệp Excel (.xlsx) hoặc CSV, có dòng tên các cột như tệp mẫu"));
	P(r, "</label><input type=\"file\" id=\"file\" name=\"file\" required "
	     "accept=\".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv\">"
	     "</div><div class=\"actions\"><button type=\"submit\">");
	T(r, _("Nhập"));
	P(r, "</button></div><label for=\"import-progress\" hidden>");
	T(r, _("Đang tải lên và kiểm tra từng dòng; xin chờ…"));
	P(r, "</label><progress id=\"import-progress\" max=\"100\" hidden></progress></form>"
	     "<section class=\"card\"><h2>");
	T(r, _("Tệp mẫu"));
	P(r, "</h2><ul class=\"templates\">");
	for (size_t i = 0; i < n; i++) {
		P(r, "<li>");
		T(r, t[i].label);
		P(r, ": <a href=\"/activities/template.xlsx?type=");
		U(r, t[i].key);
		P(r, "\" download>Excel</a> · <a href=\"/activities/template.csv?type=");
		U(r, t[i].key);
		P(r, "\" download>CSV</a></li>");
	}
	P(r, "</ul><p class=\"hint\">");
	T(r, _("Ngày ghi dd/mm/yyyy; quốc gia ghi mã (JP) hoặc tên tiếng Việt, cách nhau dấu phẩy; "
	       "cột có lựa chọn ghi đúng một lựa chọn. Nếu có lỗi, không dòng nào được ghi."));
	P(r, "</p></section>");
}

tt_rc ui_activity_import_form(http_req *r)
{
	tt_rc rc = http_check_query(r);
	if (rc)
		return rc;
	page_begin(r, _("Nhập hoạt động từ Excel/CSV"));
	P(r, "<p><a href=\"/activities\">");
	T(r, _("← Hoạt động đối ngoại"));
	P(r, "</a></p><h1>");
	T(r, _("Nhập từ Excel/CSV"));
	P(r, "</h1>");
	import_form(r, http_query(r, "type"));
	return page_end(r);
}

/* Reads the uploaded table and imports it. *fail_msg: a reason the file
 * could not be read at all. */
static tt_rc run_import(http_req *r, const char *type, int64_t *imported, activity_import_error **errs,
                        size_t *nerrs, size_t *total)
{
	*imported = 0;
	*errs = NULL;
	*nerrs = *total = 0;
	if (!type || !activity_type_get(type))
		return ctx_fail(&r->ctx, TT_ERR_INVALID,
		                _("Hãy chọn loại hoạt động (type) có trong danh mục để nhập từ tệp."));
	if (!r->nfiles)
		return ctx_fail(&r->ctx, TT_ERR_INVALID, _("Chưa chọn tệp Excel hoặc CSV để nhập."));
	tt_table tb;
	char msg[300];
	tt_rc rc = table_read(r->files[0].path, &tb, msg, sizeof msg);
	if (rc) {
		table_free(&tb);
		if (rc == TT_ERR_NOMEM)
			return rc;
		return ctx_fail(&r->ctx, TT_ERR_INVALID, "%s", *msg ? msg : _("Không đọc được tệp."));
	}
	rc = activity_import(&r->ctx, type, &tb, imported, errs, nerrs, total);
	table_free(&tb);
	return rc;
}

static const char *error_text(http_req *r, const activity_import_error *e)
{
	if (e->column)
		return arena_printf(&r->arena, _("Dòng %ld, cột “%s”: %s"), e->line, e->column, e->message);
	return arena_printf(&r->arena, _("Dòng %ld: %s"), e->line, e->message);
}

tt_rc api_activities_import(http_req *r)
{
	const char *type = NULL;
	const kit_field in[] = {
	    {.name = "type", .type = KIT_TEXT, .required = 1, .max_len = 50, .text = &type},
	};
	int64_t imported;
	activity_import_error *errs;
	size_t nerrs, total;
	tt_rc rc = kit_query(r, in, sizeof in / sizeof in[0]);
	if (rc)
		return rc;
	rc = run_import(r, type, &imported, &errs, &nerrs, &total);
	if (rc == TT_ERR_INVALID) {
		const char *msg = r->ctx.error_detail ? r->ctx.error_detail : tt_rc_message(rc);
		json_t *a = json_array();
		for (size_t i = 0; i < nerrs; i++)
			json_array_append_new(a, json_pack("{s:I, s:s?, s:s, s:s}", "line", (json_int_t)errs[i].line,
			                                   "column", errs[i].column, "message", errs[i].message,
			                                   "text", error_text(r, &errs[i])));
		if (!nerrs)
			json_array_append_new(a, json_pack("{s:n, s:n, s:s, s:s}", "line", "column", "message", msg,
			                                   "text", msg));
		return http_send_json(r, 400,
		                      json_pack("{s:{s:s, s:s}, s:o, s:I, s:i}", "error", "code",
		                                tt_rc_name(rc), "message", msg, "errors", a, "total_errors",
		                                (json_int_t)(total ? total : 1), "imported", 0));
	}
	if (rc)
		return rc;
	return http_send_json(r, 200, json_pack("{s:s, s:I}", "type", type, "imported", (json_int_t)imported));
}

tt_rc ui_activity_import(http_req *r)
{
	const char *type = http_form(r, "type");
	int64_t imported;
	activity_import_error *errs;
	size_t nerrs, total;
	tt_rc rc = run_import(r, type, &imported, &errs, &nerrs, &total);
	if (rc && rc != TT_ERR_INVALID)
		return rc;
	page_begin(r, _("Nhập hoạt động từ Excel/CSV"));
	P(r, "<p><a href=\"/activities\">");
	T(r, _("← Hoạt động đối ngoại"));
	P(r, "</a></p><h1>");
	T(r, _("Nhập từ Excel/CSV"));
	P(r, "</h1>");
	if (!rc) {
		const activity_type *t = activity_type_get(type);
		P(r, "<div class=\"card ok\" role=\"status\" id=\"import-result\"><p>");
		T(r, arena_printf(&r->arena, _("Đã nhập %lld hoạt động loại “%s”."), (long long)imported,
		                  t ? t->label : type));
		P(r, "</p><p><a href=\"/activities?type=");
		U(r, type);
		P(r, "\">");
		T(r, _("Xem danh sách"));
		P(r, "</a></p></div>");
	} else {
		P(r, "<div class=\"card error\" role=\"alert\" id=\"import-result\"><p><strong>");
		T(r, r->ctx.error_detail ? r->ctx.error_detail : tt_rc_message(rc));
		P(r, "</strong></p>");
		if (nerrs) {
			P(r, "<ul class=\"import-errors\">");
			for (size_t i = 0; i < nerrs; i++) {
				P(r, "<li>");
				T(r, error_text(r, &errs[i]));
				P(r, "</li>");
			}
			P(r, "</ul>");
			if (total > nerrs) {
				P(r, "<p>");
				T(r, arena_printf(&r->arena, _("… và %zu lỗi nữa."), total - nerrs));
				P(r, "</p>");
			}
		}
		P(r, "</div>");
		r->status = 400;
	}
	import_form(r, type);
	return page_end(r);
}

#define EXPORT_MAX 50000 /* rows of one export */

/* One activity as the exports write it (texts in the arena). */
typedef struct {
	const st_activity *a;
	const char *type, *countries, *fields;
} export_row;

typedef void (*export_fn)(http_req *r, const export_row *row, void *arg);

/* The filters of the list page (type, org, from, to as typed, country). */
static tt_rc export_query(http_req *r, st_activity_query *q)
{
	const char *type = http_query(r, "type"), *org = http_query(r, "org"), *from = http_query(r, "from"),
	           *to = http_query(r, "to"), *ctry = http_query(r, "country");
	*q = (st_activity_query){.subtree = 1, .limit = ACTIVITY_MAX_PAGE};
	tt_rc rc = http_check_query(r);
	if (rc)
		return rc;
	if (type && *type && !(q->type = activity_type_get(type) ? type : NULL))
		return ctx_fail(&r->ctx, TT_ERR_INVALID, _("Loại hoạt động không có."));
	if (from && *from && !(q->from = web_typed_day(r, from)))
		return ctx_fail(&r->ctx, TT_ERR_INVALID, _("Ngày \"từ\" phải là ngày có thật, viết dd/mm/yyyy."));
	if (to && *to && !(q->to = web_typed_day(r, to)))
		return ctx_fail(&r->ctx, TT_ERR_INVALID, _("Ngày \"đến\" phải là ngày có thật, viết dd/mm/yyyy."));
	if (ctry && *ctry) {
		const country *c = country_find(ctry);
		if (!c)
			return ctx_fail(&r->ctx, TT_ERR_INVALID, _("Không tìm thấy quốc gia này."));
		q->country = c->code;
	}
	return web_activity_org(r, org, &q->org_id);
}

/* Every activity of q the user reads (at most EXPORT_MAX), one call each. */
static tt_rc export_each(http_req *r, st_activity_query *q, export_fn fn, void *arg)
{
	size_t done = 0;
	for (;;) {
		st_activity *a;
		size_t n;
		int64_t total;
		q->offset = (int)done;
		tt_rc rc = activity_list(&r->ctx, q, &a, &n, &total);
		if (rc)
			return rc;
		for (size_t i = 0; i < n; i++) {
			const activity_type *t = activity_type_get(a[i].type);
			const char **cc = NULL;
			size_t nc = 0;
			activity_countries(&r->ctx, a[i].id, &cc, &nc);
			tt_buf cs, fs;
			buf_init(&cs, 0);
			buf_init(&fs, 0);
			for (size_t k = 0; k < nc; k++) {
				const country *c = country_get(cc[k]);
				buf_printf(&cs, "%s%s", k ? ", " : "", c ? c->name : cc[k]);
			}
			json_t *f = json_loads(a[i].fields ? a[i].fields : "{}", 0, NULL);
			for (size_t k = 0; t && f && k < t->nfields; k++) {
				const activity_field *fd = &t->fields[k];
				json_t *v = json_object_get(f, fd->key);
				if (!v)
					continue;
				char *txt = NULL;
				const char *shown = NULL;
				if (json_is_string(v))
					shown = fd->kind == AF_ENUM && activity_choice_label(fd, json_string_value(v))
					            ? activity_choice_label(fd, json_string_value(v))
					            : json_string_value(v);
				else if (json_is_boolean(v))
					shown = json_is_true(v) ? _("có") : _("không");
				else
					shown = txt = json_dumps(v, JSON_ENCODE_ANY);
				buf_printf(&fs, "%s%s: %s", fs.len ? "; " : "", fd->label, shown ? shown : "");
				free(txt);
			}
			json_decref(f);
			export_row row = {&a[i], t ? t->label : a[i].type,
			                  arena_strndup(&r->arena, cs.data ? cs.data : "", cs.len),
			                  arena_strndup(&r->arena, fs.data ? fs.data : "", fs.len)};
			buf_free(&cs);
			buf_free(&fs);
			if (!row.countries || !row.fields)
				return TT_ERR_NOMEM;
			fn(r, &row, arg);
		}
		done += n;
		if (!n || (int64_t)done >= total || done >= EXPORT_MAX)
			return TT_OK;
	}
}

static const char *const export_heads[] = {N_("Số hiệu"),      N_("Loại hoạt động"), N_("Tên hoạt động"),
                                           N_("Ngày bắt đầu"), N_("Ngày kết thúc"),  N_("Địa điểm"),
                                           N_("Quốc gia"),     N_("Số người"),       N_("Mã đơn vị"),
                                           N_("Đơn vị"),       N_("Thông tin riêng"), N_("Mô tả")};
#define NHEADS (sizeof export_heads / sizeof export_heads[0])

static void csv_row(http_req *r, const export_row *row, void *arg)
{
	tt_buf *b = arg;
	const st_activity *a = row->a;
	buf_printf(b, "%lld,", (long long)a->id);
	csv_cell(b, row->type);
	buf_addc(b, ',');
	csv_cell(b, a->title);
	buf_printf(b, ",%.2s/%.2s/%.4s,", a->start_on + 8, a->start_on + 5, a->start_on);
	if (a->end_on && *a->end_on)
		buf_printf(b, "%.2s/%.2s/%.4s", a->end_on + 8, a->end_on + 5, a->end_on);
	buf_addc(b, ',');
	csv_cell(b, a->place ? a->place : "");
	buf_addc(b, ',');
	csv_cell(b, row->countries);
	buf_addc(b, ',');
	if (a->people >= 0)
		buf_printf(b, "%lld", (long long)a->people);
	buf_addc(b, ',');
	csv_cell(b, a->org_code ? a->org_code : "");
	buf_addc(b, ',');
	csv_cell(b, a->org_name ? a->org_name : "");
	buf_addc(b, ',');
	csv_cell(b, row->fields);
	buf_addc(b, ',');
	csv_cell(b, a->description ? a->description : "");
	buf_adds(b, "\r\n");
}

/* Every activity of the list's filters as CSV with Vietnamese headers. */
tt_rc ui_activities_csv(http_req *r)
{
	st_activity_query q;
	tt_rc rc = export_query(r, &q);
	if (rc)
		return rc;
	tt_buf *b = &r->out;
	buf_reset(b);
	buf_adds(b, "\xEF\xBB\xBF");
	for (size_t i = 0; i < NHEADS; i++) {
		if (i)
			buf_addc(b, ',');
		csv_cell(b, _(export_heads[i]));
	}
	buf_adds(b, "\r\n");
	if ((rc = export_each(r, &q, csv_row, b)))
		return rc;
	r->status = 200;
	r->content_type = "text/csv; charset=utf-8";
	http_set_header(r, "Content-Disposition", "attachment; filename=\"hoat-dong.csv\"");
	return TT_OK;
}

static void sheet_row(http_req *r, const export_row *row, void *arg)
{
	xlsx_book *b = arg;
	const st_activity *a = row->a;
	xlsx_number(b, (double)a->id);
	xlsx_text(b, row->type);
	xlsx_text(b, a->title);
	xlsx_date(b, a->start_on);
	xlsx_date(b, a->end_on);
	xlsx_text(b, a->place ? a->place : "");
	xlsx_text(b, row->countries);
	if (a->people >= 0)
		xlsx_number(b, (double)a->people);
	else
		xlsx_blank(b);
	xlsx_text(b, a->org_code ? a->org_code : "");
	xlsx_text(b, a->org_name ? a->org_name : "");
	xlsx_text(b, row->fields);
	xlsx_text(b, a->description ? a->description : "");
	xlsx_row_end(b);
}

/* The same list as an Excel workbook. */
tt_rc ui_activities_xlsx(http_req *r)
{
	static const xlsx_kind kinds[NHEADS] = {XLSX_NUMBER, XLSX_TEXT, XLSX_LONG,   XLSX_DATE,
	                                        XLSX_DATE,   XLSX_TEXT, XLSX_TEXT,   XLSX_NUMBER,
	                                        XLSX_TEXT,   XLSX_TEXT, XLSX_LONG,   XLSX_LONG};
	st_activity_query q;
	tt_rc rc = export_query(r, &q);
	if (rc)
		return rc;
	xlsx_col cols[NHEADS];
	for (size_t i = 0; i < NHEADS; i++)
		cols[i] = (xlsx_col){_(export_heads[i]), kinds[i]};
	xlsx_book *b;
	if ((rc = xlsx_open(NULL, &b)))
		return ctx_fail(&r->ctx, rc, _("Không tạo được tệp Excel; vui lòng thử lại."));
	if ((rc = xlsx_sheet(b, _("Hoạt động"), _("Danh sách hoạt động đối ngoại"), NULL, cols, NHEADS, 0)) ||
	    (rc = export_each(r, &q, sheet_row, b))) {
		xlsx_abort(b);
		return rc;
	}
	return web_send_xlsx(r, b, "hoat-dong.xlsx");
}

/* The template of a type as an Excel workbook: a title row, the header row
 * the import reads, and one example row (dates as dates, numbers as numbers). */
tt_rc ui_activity_template_xlsx(http_req *r)
{
	const char *type = http_query(r, "type");
	const activity_type *t = type ? activity_type_get(type) : NULL;
	if (!t)
		return ctx_fail(&r->ctx, TT_ERR_NOT_FOUND, _("Loại hoạt động không có."));
	activity_column cols[ACTIVITY_IMPORT_MAX_COLUMNS];
	size_t n = activity_import_columns(t, cols, ACTIVITY_IMPORT_MAX_COLUMNS);
	xlsx_col xc[ACTIVITY_IMPORT_MAX_COLUMNS];
	for (size_t i = 0; i < n; i++) {
		xlsx_kind k = XLSX_TEXT;
		const activity_field *f = NULL;
		for (size_t j = 0; j < t->nfields && !f; j++)
			if (!strcmp(t->fields[j].key, cols[i].key))
				f = &t->fields[j];
		if (!strcmp(cols[i].key, "start_on") || !strcmp(cols[i].key, "end_on") || (f && f->kind == AF_DATE))
			k = XLSX_DATE;
		else if (!strcmp(cols[i].key, "people") || (f && f->kind == AF_INTEGER))
			k = XLSX_NUMBER;
		else if (f && f->kind == AF_DECIMAL)
			k = XLSX_DECIMAL;
		else if (!strcmp(cols[i].key, "description") || !strcmp(cols[i].key, "title"))
			k = XLSX_LONG;
		xc[i] = (xlsx_col){cols[i].label, k};
	}
	xlsx_book *b;
	tt_rc rc = xlsx_open(NULL, &b);
	if (rc)
		return ctx_fail(&r->ctx, rc, _("Không tạo được tệp Excel; vui lòng thử lại."));
	if ((rc = xlsx_sheet(b, _("Mẫu nhập"), arena_printf(&r->arena, _("Mẫu nhập hoạt động: %s"), t->label),
	                     _("Mỗi hoạt động một dòng dưới dòng tên cột; xóa dòng ví dụ trước khi nhập."), xc,
	                     n, 0))) {
		xlsx_abort(b);
		return rc;
	}
	for (size_t i = 0; i < n; i++) {
		const char *ex = cols[i].example;
		char iso[11];
		double d;
		const char *why;
		if (xc[i].kind == XLSX_DATE && date_read_input(ex, iso) == DATE_IN_OK)
			xlsx_date(b, iso);
		else if ((xc[i].kind == XLSX_NUMBER || xc[i].kind == XLSX_DECIMAL) && *ex &&
		         !vn_number_parse(ex, 0, &d, &why))
			xlsx_number(b, d);
		else
			xlsx_text(b, ex);
	}
	xlsx_row_end(b);
	return web_send_xlsx(r, b, arena_printf(&r->arena, "mau-%s.xlsx", t->key));
}

tt_rc web_activity_export_query(http_req *r, st_activity_query *q)
{
	return export_query(r, q);
}
