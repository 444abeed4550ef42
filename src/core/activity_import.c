/* activity_import.c - activities many at once from a spreadsheet (see
 * activity.h): headers to fields, cells to the API's JSON shape, then the
 * same checks as one record, all in one write transaction. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/activity.h"
#include "core/country.h"
#include "core/mutate.h"
#include "core/perm.h"
#include "base/buf.h"
#include "text/date.h"
#include "text/number.h"

size_t activity_import_columns(const activity_type *t, activity_column *out, size_t cap)
{
	size_t n = 0;
#define COL(k, l, e, r)                                                                        \
	do {                                                                                   \
		if (n < cap)                                                                   \
			out[n++] = (activity_column){(k), (l), (e), (r)};                      \
	} while (0)
	COL("title", "Tên hoạt động", "Đón đoàn doanh nghiệp Nhật Bản", 1);
	COL("start_on", "Ngày bắt đầu", "15/03/2025", 1);
	COL("end_on", "Ngày kết thúc", "17/03/2025", 0);
	COL("place", "Địa điểm", "Kon Tum", 0);
	COL("countries", "Quốc gia", "JP", 0);
	if (t->people)
		COL("people", t->people_label, "12", 0);
	COL("description", "Mô tả", "", 0);
	COL("org", "Mã đơn vị", "", 0);
	for (size_t i = 0; i < t->nfields; i++) {
		const activity_field *f = &t->fields[i];
		const char *ex = "";
		switch (f->kind) {
		case AF_INTEGER:
			ex = "10";
			break;
		case AF_DECIMAL:
			ex = "1500000";
			break;
		case AF_DATE:
			ex = "10/03/2025";
			break;
		case AF_ENUM:
			ex = f->nchoices ? f->choices[0].label : "";
			break;
		case AF_BOOL:
			ex = "có";
			break;
		case AF_TEXT:
			ex = f->required ? "…" : "";
			break;
		}
		COL(f->key, f->label, ex, f->required);
	}
#undef COL
	return n;
}

/* s without spaces around and a trailing "*" (required marks), in the arena. */
static char *trim(tt_ctx *ctx, const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n' ||
	             s[n - 1] == '*'))
		n--;
	return arena_strndup(ctx->arena, s, n);
}

static int same_key(const char *a, const char *b)
{
	return !strcasecmp(a, b);
}

typedef struct {
	tt_ctx *ctx;
	activity_import_error *errs;
	size_t nerrs, total;
} errlist;

static void add_error(errlist *e, long line, const char *column, const char *msg)
{
	e->total++;
	if (e->nerrs >= ACTIVITY_IMPORT_MAX_ERRORS)
		return;
	e->errs[e->nerrs++] = (activity_import_error){line, column, msg};
}

/* A number written the Vietnamese way (text/number.h: "1.200", "350,5"; the
 * reader gives spreadsheet numbers as "1500", "1,5"). NULL when it is one,
 * else why not. */
static const char *read_number(const char *s, int integer_only, double *v)
{
	const char *why = NULL;
	if (*s == '-')
		return "Không được là số âm.";
	if (vn_number_parse(s, integer_only, v, &why))
		return why ? why : (integer_only ? "Phải là số nguyên." : "Phải là số.");
	return NULL;
}

static int read_bool(const char *s, int *v)
{
	static const char *const yes[] = {"có", "Có", "CÓ", "x", "X", "1", "true", "TRUE", "yes", "đúng"};
	static const char *const no[] = {"không", "Không", "KHÔNG", "0", "false", "FALSE", "no", "sai"};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (!strcmp(s, yes[i]))
			return *v = 1, 1;
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (!strcmp(s, no[i]))
			return *v = 0, 1;
	return 0;
}

/* The header of the column the message is about: the first "(key)" it names. */
static const char *column_of(const char *msg, const activity_column *cols, const int *col_of, size_t ncols,
                             char **heads, size_t nheads)
{
	for (const char *p = strchr(msg, '('); p; p = strchr(p + 1, '(')) {
		const char *q = strchr(p, ')');
		if (!q)
			break;
		for (size_t h = 0; h < nheads; h++)
			if (col_of[h] >= 0 && strlen(cols[col_of[h]].key) == (size_t)(q - p - 1) &&
			    !strncmp(p + 1, cols[col_of[h]].key, (size_t)(q - p - 1)))
				return heads[h];
		(void)ncols;
	}
	return NULL;
}

static tt_rc import_rows(tt_ctx *ctx, const activity_type *t, const tt_table *tb, errlist *e,
                         int64_t *imported)
{
	activity_column cols[ACTIVITY_IMPORT_MAX_COLUMNS];
	size_t ncols = activity_import_columns(t, cols, ACTIVITY_IMPORT_MAX_COLUMNS);
	if (tb->nrows > ACTIVITY_IMPORT_MAX_ROWS + 1) {
		add_error(e, tb->rows[ACTIVITY_IMPORT_MAX_ROWS + 1].line, NULL,
		          arena_printf(ctx->arena, "Mỗi lần nhập tối đa %d dòng; hãy chia tệp thành nhiều tệp nhỏ hơn.",
		                       ACTIVITY_IMPORT_MAX_ROWS));
		return TT_OK;
	}
	if (!tb->nrows) {
		add_error(e, 1, NULL, "Tệp không có dòng nào; dòng đầu phải là tên các cột.");
		return TT_OK;
	}
	/* The header row: the first of the first ten that names two columns or
	 * more (a title above it, as in the Excel template, is skipped). */
	size_t hi = 0;
	for (size_t i = 0; i < tb->nrows && i < 10; i++) {
		int hits = 0;
		for (size_t h = 0; h < tb->rows[i].ncells; h++) {
			const char *v = trim(ctx, tb->rows[i].cells[h]);
			for (size_t c = 0; v && *v && c < ncols; c++)
				if (!strcmp(v, cols[c].label) || same_key(v, cols[c].key)) {
					hits++;
					break;
				}
		}
		if (hits >= 2) {
			hi = i;
			break;
		}
	}
	const table_row *hr = &tb->rows[hi];
	size_t nh = hr->ncells;
	char **heads = arena_alloc(ctx->arena, (nh + 1) * sizeof *heads);
	int *col_of = arena_alloc(ctx->arena, (nh + 1) * sizeof *col_of);
	int seen[ACTIVITY_IMPORT_MAX_COLUMNS] = {0};
	if (!heads || !col_of)
		return TT_ERR_NOMEM;
	for (size_t h = 0; h < nh; h++) {
		heads[h] = trim(ctx, hr->cells[h]);
		col_of[h] = -1;
		if (!heads[h])
			return TT_ERR_NOMEM;
		if (!*heads[h])
			continue;
		for (size_t c = 0; c < ncols && col_of[h] < 0; c++)
			if (!strcmp(heads[h], cols[c].label) || same_key(heads[h], cols[c].key))
				col_of[h] = (int)c;
		if (col_of[h] < 0)
			add_error(e, hr->line, heads[h],
			          arena_printf(ctx->arena,
			                       "Không có cột này trong mẫu của loại \"%s\"; hãy dùng tệp mẫu.",
			                       t->label));
		else if (seen[col_of[h]]++)
			add_error(e, hr->line, heads[h], "Cột này có hai lần.");
	}
	for (size_t c = 0; c < ncols; c++)
		if (cols[c].required && !seen[c])
			add_error(e, hr->line, cols[c].label,
			          arena_printf(ctx->arena, "Thiếu cột bắt buộc \"%s\".", cols[c].label));
	if (e->total)
		return TT_OK;
	tt_rc rc = TT_OK;
	for (size_t i = hi + 1; i < tb->nrows && !rc; i++) {
		const table_row *row = &tb->rows[i];
		int empty = 1;
		for (size_t h = 0; h < row->ncells && empty; h++)
			empty = !*trim(ctx, row->cells[h]);
		if (empty)
			continue;
		size_t before = e->total;
		json_t *o = json_pack("{s:s, s:o}", "type", t->key, "fields", json_object());
		json_t *fields = json_object_get(o, "fields");
		for (size_t h = 0; h < nh; h++) {
			if (col_of[h] < 0)
				continue;
			const activity_column *c = &cols[col_of[h]];
			const char *v = h < row->ncells ? trim(ctx, row->cells[h]) : "";
			if (!v || !*v)
				continue;
			const char *bad = NULL;
			if (!strcmp(c->key, "start_on") || !strcmp(c->key, "end_on")) {
				char iso[11];
				date_input di = date_read_input(v, iso);
				if (di != DATE_IN_OK)
					bad = date_input_why(di);
				else
					json_object_set_new(o, c->key, json_string(iso));
			} else if (!strcmp(c->key, "people")) {
				double d;
				if (!(bad = read_number(v, 1, &d)))
					json_object_set_new(o, "people", json_integer((json_int_t)d));
			} else if (!strcmp(c->key, "countries")) {
				json_t *a = json_array();
				json_object_set_new(o, "countries", a);
				char *s = arena_strdup(ctx->arena, v), *save = NULL;
				for (char *tok = s ? strtok_r(s, ",;", &save) : NULL; tok && !bad;
				     tok = strtok_r(NULL, ",;", &save)) {
					char *w = trim(ctx, tok);
					if (!w || !*w)
						continue;
					const country *k = country_find(w);
					if (!k)
						bad = arena_printf(ctx->arena,
						                   "Không nhận ra quốc gia \"%s\" (ghi mã ISO như JP "
						                   "hoặc tên tiếng Việt, cách nhau dấu phẩy).",
						                   w);
					else
						json_array_append_new(a, json_string(k->code));
				}
			} else if (!strcmp(c->key, "title") || !strcmp(c->key, "place") ||
			           !strcmp(c->key, "description") || !strcmp(c->key, "org")) {
				json_object_set_new(o, c->key, json_string(v));
			} else {
				const activity_field *f = NULL;
				for (size_t j = 0; j < t->nfields && !f; j++)
					if (!strcmp(t->fields[j].key, c->key))
						f = &t->fields[j];
				json_t *jv = NULL;
				switch (f->kind) {
				case AF_TEXT:
					jv = json_string(v);
					break;
				case AF_INTEGER: {
					double d;
					if (!(bad = read_number(v, 1, &d)))
						jv = json_integer((json_int_t)d);
					break;
				}
				case AF_DECIMAL: {
					double d;
					if (!(bad = read_number(v, 0, &d)))
						jv = json_real(d);
					break;
				}
				case AF_DATE: {
					char iso[11];
					date_input di = date_read_input(v, iso);
					if (di == DATE_IN_OK)
						jv = json_string(iso);
					else
						bad = date_input_why(di);
					break;
				}
				case AF_BOOL: {
					int b;
					if (read_bool(v, &b))
						jv = json_boolean(b);
					else
						bad = "Phải là \"có\" hoặc \"không\".";
					break;
				}
				case AF_ENUM:
					for (size_t j = 0; j < f->nchoices && !jv; j++)
						if (!strcmp(v, f->choices[j].label) || same_key(v, f->choices[j].key))
							jv = json_string(f->choices[j].key);
					if (!jv) {
						tt_buf l;
						buf_init(&l, 4096);
						for (size_t j = 0; j < f->nchoices; j++)
							buf_printf(&l, "%s\"%s\"", j ? ", " : "", f->choices[j].label);
						bad = arena_printf(ctx->arena, "Phải là một trong: %s.",
						                   l.data ? l.data : "");
						buf_free(&l);
					}
					break;
				}
				if (jv)
					json_object_set_new(fields, c->key, jv);
			}
			if (bad)
				add_error(e, row->line, heads[h], bad);
		}
		if (e->total == before) {
			activity_input in;
			int64_t id = 0;
			ctx->error_detail = NULL;
			tt_rc r2 = activity_input_json(ctx, o, &in);
			if (!r2)
				r2 = activity_add_in_tx(ctx, &in, &id);
			if (r2 == TT_ERR_INVALID || r2 == TT_ERR_FORBIDDEN) {
				const char *msg = ctx->error_detail ? ctx->error_detail : "Dòng này không hợp lệ.";
				add_error(e, row->line, column_of(msg, cols, col_of, ncols, heads, nh), msg);
			} else if (r2)
				rc = r2;
			else
				(*imported)++;
		}
		json_decref(o);
	}
	return rc;
}

tt_rc activity_import(tt_ctx *ctx, const char *type, const tt_table *tb, int64_t *imported,
                      activity_import_error **errs, size_t *nerrs, size_t *total)
{
	*imported = 0;
	*errs = NULL;
	*nerrs = *total = 0;
	if (!ctx->user && !perm_is_system(ctx))
		return ctx_fail(ctx, TT_ERR_FORBIDDEN, "Cần đăng nhập để làm việc này.");
	const activity_type *t = type && *type ? activity_type_get(type) : NULL;
	if (!t)
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Hãy chọn loại hoạt động (type) có trong danh mục để nhập từ tệp.");
	errlist e = {.ctx = ctx};
	e.errs = arena_alloc(ctx->arena, ACTIVITY_IMPORT_MAX_ERRORS * sizeof *e.errs);
	if (!e.errs)
		return TT_ERR_NOMEM;
	tt_rc rc = core_begin(ctx);
	if (rc)
		return rc;
	rc = import_rows(ctx, t, tb, &e, imported);
	if (!rc && e.total) {
		*imported = 0;
		rc = ctx_fail(ctx, TT_ERR_INVALID, "Tệp có %zu lỗi; chưa ghi hoạt động nào. Hãy sửa rồi nhập lại.",
		              e.total);
	}
	if (!rc && !*imported)
		rc = ctx_fail(ctx, TT_ERR_INVALID, "Tệp không có dòng hoạt động nào dưới dòng tên cột.");
	rc = core_end(ctx, rc);
	if (rc)
		*imported = 0;
	*errs = e.errs;
	*nerrs = e.nerrs;
	*total = e.total;
	return rc;
}
