/* kit.c - declared inputs and tables for handlers (see kit.h). */
#include "web/kit.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "text/number.h"
#include "text/vn.h"
#include "web/page.h"

static size_t text_cap(const kit_field *f)
{
	return f->max_len ? f->max_len : 2000;
}

static tt_rc text_ok(http_req *r, const kit_field *f, const char *v, size_t len)
{
	if (len > text_cap(f))
		return ctx_fail(&r->ctx, TT_ERR_INVALID, "Trường \"%s\" dài quá %zu byte.", f->name,
		                text_cap(f));
	if (memchr(v, '\0', len) || vn_utf8_validate(v, len, NULL))
		return ctx_fail(&r->ctx, TT_ERR_INVALID, "Trường \"%s\" không phải chữ UTF-8 hợp lệ.",
		                f->name);
	return TT_OK;
}

static tt_rc int_ok(http_req *r, const kit_field *f, long long v, long long *out)
{
	long long lo = f->min, hi = f->max ? f->max : LLONG_MAX;
	if (v > hi && f->clamp)
		v = hi;
	if (v < lo || v > hi)
		return hi == LLONG_MAX
		           ? ctx_fail(&r->ctx, TT_ERR_INVALID,
		                      "Trường \"%s\" phải là số nguyên từ %lld trở lên.", f->name, lo)
		           : ctx_fail(&r->ctx, TT_ERR_INVALID,
		                      "Trường \"%s\" phải là số nguyên từ %lld đến %lld.", f->name, lo, hi);
	*out = v;
	return TT_OK;
}

tt_rc kit_json(http_req *r, const kit_field *f, size_t n)
{
	json_t *body;
	tt_rc rc = http_json_body(r, &body);
	if (rc)
		return rc;
	if (!json_is_object(body)) {
		json_decref(body);
		return ctx_fail(&r->ctx, TT_ERR_INVALID, "Nội dung gửi lên phải là một đối tượng JSON {…}.");
	}
	for (size_t i = 0; !rc && i < n; i++) {
		json_t *v = json_object_get(body, f[i].name);
		if (!v || json_is_null(v)) {
			if (f[i].required)
				rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "Thiếu trường \"%s\".", f[i].name);
			continue;
		}
		switch (f[i].type) {
		case KIT_TEXT:
			if (!json_is_string(v))
				rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "Trường \"%s\" phải là chuỗi.",
				              f[i].name);
			else if (!(rc = text_ok(r, &f[i], json_string_value(v), json_string_length(v))) &&
			         !(*f[i].text = arena_strdup(&r->arena, json_string_value(v))))
				rc = TT_ERR_NOMEM;
			break;
		case KIT_INT:
			if (!json_is_integer(v))
				rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "Trường \"%s\" phải là số nguyên.",
				              f[i].name);
			else
				rc = int_ok(r, &f[i], json_integer_value(v), f[i].num);
			break;
		case KIT_BOOL:
			if (!json_is_boolean(v))
				rc = ctx_fail(&r->ctx, TT_ERR_INVALID,
				              "Trường \"%s\" phải là true hoặc false.", f[i].name);
			else
				*f[i].flag = json_is_true(v);
			break;
		}
	}
	json_decref(body);
	return rc;
}

tt_rc kit_query(http_req *r, const kit_field *f, size_t n)
{
	tt_rc rc = TT_OK;
	for (size_t i = 0; !rc && i < n; i++) {
		const char *v = http_query(r, f[i].name);
		if (!v || !*v) {
			if (f[i].required)
				rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "Thiếu tham số \"%s\".", f[i].name);
			continue;
		}
		switch (f[i].type) {
		case KIT_TEXT:
			if (!(rc = text_ok(r, &f[i], v, strlen(v))))
				*f[i].text = v;
			break;
		case KIT_INT: {
			size_t len = strlen(v);
			if (strspn(v, "0123456789") != len || len > 18) {
				rc = ctx_fail(&r->ctx, TT_ERR_INVALID,
				              "Tham số \"%s\" phải là số nguyên không âm.", f[i].name);
				break;
			}
			rc = int_ok(r, &f[i], strtoll(v, NULL, 10), f[i].num);
			break;
		}
		case KIT_BOOL:
			if (!strcmp(v, "1") || !strcmp(v, "true"))
				*f[i].flag = 1;
			else if (!strcmp(v, "0") || !strcmp(v, "false"))
				*f[i].flag = 0;
			else
				rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "Tham số \"%s\" phải là 1 hoặc 0.",
				              f[i].name);
			break;
		}
	}
	return rc;
}

void kit_table(http_req *r, kit_table_t *t, const char *id, const char *const *heads, size_t n)
{
	t->heads = heads;
	t->n = n;
	P(r, "<div class=\"table-wrap\"><table class=\"responsive\"");
	if (id) {
		P(r, " id=\"");
		A(r, id);
		P(r, "\"");
	}
	P(r, "><thead><tr>");
	for (size_t i = 0; i < n; i++) {
		P(r, "<th>");
		T(r, heads[i]);
		P(r, "</th>");
	}
	P(r, "</tr></thead><tbody>");
}

void kit_row(http_req *r, const kit_table_t *t)
{
	(void)t;
	P(r, "<tr>");
}

void kit_cell_begin(http_req *r, const kit_table_t *t, size_t col, int numeric)
{
	P(r, "<td%s data-label=\"", numeric ? " class=\"num\"" : "");
	A(r, col < t->n ? t->heads[col] : "");
	P(r, "\">");
}

void kit_cell_end(http_req *r)
{
	P(r, "</td>");
}

void kit_cell(http_req *r, const kit_table_t *t, size_t col, const char *text)
{
	kit_cell_begin(r, t, col, 0);
	T(r, text ? text : "");
	kit_cell_end(r);
}

void kit_cell_num(http_req *r, const kit_table_t *t, size_t col, double v)
{
	kit_cell_begin(r, t, col, 1);
	vn_number_format(&r->out, v);
	kit_cell_end(r);
}

void kit_table_end(http_req *r, const kit_table_t *t)
{
	(void)t;
	P(r, "</tbody></table></div>");
}
