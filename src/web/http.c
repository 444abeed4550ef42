/* http.c - request accessors, body parsing, and response helpers. */
#include "web/http.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/auth.h"
#include "text/vn.h"

int http_status_of(tt_rc rc)
{
	switch (rc) {
	case TT_OK: return 200;
	case TT_ERR_INVALID:
	case TT_ERR_UTF8:
	case TT_ERR_JSON:
	case TT_ERR_PARSE: return 400;
	case TT_ERR_UNAUTH: return 401;
	case TT_ERR_FORBIDDEN:
	case TT_ERR_CSRF: return 403;
	case TT_ERR_NOT_FOUND: return 404;
	case TT_ERR_CONFLICT: return 409;
	case TT_ERR_TOO_LARGE: return 413;
	case TT_ERR_UNSUPPORTED: return 415;
	case TT_ERR_THROTTLED: return 429;
	case TT_ERR_BUSY: return 503;
	case TT_ERR_NOMEM:
	case TT_ERR_IO:
	case TT_ERR_DB:
	default: return 500;
	}
}

const char *http_query(http_req *r, const char *key)
{
	const char *v = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, key);
	if (v && vn_utf8_validate(v, strlen(v), NULL) != TT_OK)
		return NULL;
	return v;
}

const char *http_header(http_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *http_cookie(http_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

tt_rc http_json_body(http_req *r, json_t **out)
{
	size_t off;
	json_error_t err;
	if (r->body_too_large)
		return ctx_fail(&r->ctx, TT_ERR_TOO_LARGE, "Dữ liệu gửi lên vượt quá %u KiB.",
		                HTTP_MAX_JSON_BODY / 1024);
	if (r->body.len == 0)
		return ctx_fail(&r->ctx, TT_ERR_JSON, "Thiếu nội dung JSON trong yêu cầu.");
	if (vn_utf8_validate(r->body.data, r->body.len, &off))
		return ctx_fail(&r->ctx, TT_ERR_UTF8, "Nội dung gửi lên không phải UTF-8 hợp lệ (byte %zu).",
		                off);
	json_t *j = json_loadb(r->body.data, r->body.len, JSON_REJECT_DUPLICATES, &err);
	if (!j)
		return ctx_fail(&r->ctx, TT_ERR_JSON, "JSON không đúng cú pháp ở dòng %d, cột %d: %s.",
		                err.line, err.column, err.text);
	*out = j;
	return TT_OK;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes one urlencoded component in place into the arena. */
static char *url_decode(tt_arena *a, const char *s, size_t n)
{
	char *o = arena_alloc(a, n + 1);
	size_t k = 0;
	if (!o)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+')
			o[k++] = ' ';
		else if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			o[k++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else
			o[k++] = s[i];
	}
	o[k] = '\0';
	return o;
}

tt_rc http_form_parse(http_req *r)
{
	if (r->body_too_large)
		return ctx_fail(&r->ctx, TT_ERR_TOO_LARGE, "Dữ liệu gửi lên quá lớn.");
	const char *s = r->body.data ? r->body.data : "";
	size_t n = r->body.len, count = 1;
	for (size_t i = 0; i < n; i++)
		count += s[i] == '&';
	r->form = arena_alloc(&r->arena, count * sizeof *r->form);
	if (!r->form)
		return TT_ERR_NOMEM;
	r->nform = 0;
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != '&')
			j++;
		size_t eq = i;
		while (eq < j && s[eq] != '=')
			eq++;
		if (j > i) {
			char *k = url_decode(&r->arena, s + i, eq - i);
			char *v = url_decode(&r->arena, eq < j ? s + eq + 1 : "", eq < j ? j - eq - 1 : 0);
			if (!k || !v)
				return TT_ERR_NOMEM;
			size_t off;
			if (vn_utf8_validate(k, strlen(k), &off) || vn_utf8_validate(v, strlen(v), &off))
				return ctx_fail(&r->ctx, TT_ERR_UTF8,
				                "Dữ liệu biểu mẫu không phải UTF-8 hợp lệ.");
			r->form[r->nform].key = k;
			r->form[r->nform].value = v;
			r->nform++;
		}
		i = j + 1;
	}
	return TT_OK;
}

const char *http_form(http_req *r, const char *key)
{
	for (size_t i = 0; i < r->nform; i++)
		if (!strcmp(r->form[i].key, key))
			return r->form[i].value;
	return NULL;
}

size_t http_form_all(http_req *r, const char *key, const char ***out)
{
	size_t n = 0;
	const char **v = arena_alloc(&r->arena, (r->nform + 1) * sizeof *v);
	if (!v) {
		*out = NULL;
		return 0;
	}
	for (size_t i = 0; i < r->nform; i++)
		if (!strcmp(r->form[i].key, key))
			v[n++] = r->form[i].value;
	*out = v;
	return n;
}

void http_set_header(http_req *r, const char *key, const char *value)
{
	if (r->nheaders < HTTP_MAX_HEADERS) {
		r->headers[r->nheaders].key = key;
		r->headers[r->nheaders].value = value;
		r->nheaders++;
	}
}

tt_rc http_send_json(http_req *r, int status, json_t *j)
{
	if (!j)
		return TT_ERR_NOMEM;
	buf_reset(&r->out);
	char *s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (!s)
		return TT_ERR_NOMEM;
	tt_rc rc = buf_adds(&r->out, s);
	free(s);
	r->status = status;
	r->content_type = "application/json; charset=utf-8";
	return rc;
}

tt_rc http_send_text(http_req *r, int status, const char *type, const char *body, size_t len)
{
	buf_reset(&r->out);
	r->status = status;
	r->content_type = type;
	return buf_add(&r->out, body, len);
}

tt_rc http_redirect(http_req *r, const char *location)
{
	buf_reset(&r->out);
	r->status = 303;
	r->content_type = "text/plain; charset=utf-8";
	http_set_header(r, "Location", location);
	return TT_OK;
}

tt_rc http_json_error(http_req *r, tt_rc rc)
{
	const char *msg = r->ctx.error_detail ? r->ctx.error_detail : tt_rc_message(rc);
	json_t *j = json_pack("{s:{s:s, s:s}}", "error", "code", tt_rc_name(rc), "message", msg);
	return http_send_json(r, http_status_of(rc), j);
}

void http_set_session_cookie(http_req *r, const char *token)
{
	const char *proto = http_header(r, "X-Forwarded-Proto");
	int secure = proto && !strcasecmp(proto, "https");
	http_set_header(r, "Set-Cookie",
	                arena_printf(&r->arena,
	                             "ttdn_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s",
	                             token, AUTH_SESSION_HOURS * 3600, secure ? "; Secure" : ""));
}

void http_clear_session_cookie(http_req *r)
{
	http_set_header(r, "Set-Cookie", "ttdn_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
}

tt_rc http_check_csrf(http_req *r)
{
	const char *given = http_header(r, "X-CSRF-Token");
	if (!given && r->form)
		given = http_form(r, "csrf");
	if (!r->csrf || !given || !auth_token_equal(given, r->csrf))
		return ctx_fail(
		    &r->ctx, TT_ERR_CSRF,
		    "Thiếu hoặc sai mã chống giả mạo (CSRF); vui lòng tải lại trang rồi thử lại.");
	return TT_OK;
}

typedef struct {
	http_req *r;
	size_t cap_files, cap_form;
	tt_rc rc;
} multipart_state;

static enum MHD_Result multipart_part(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *filename, const char *content_type,
                                      const char *transfer_encoding, const char *data, uint64_t off,
                                      size_t size)
{
	multipart_state *m = cls;
	http_req *r = m->r;
	if (!key)
		return MHD_YES;
	if (filename) {
		http_file *f = r->nfiles ? &r->files[r->nfiles - 1] : NULL;
		if (!f || off == 0 || strcmp(f->filename, filename) || strcmp(f->field, key)) {
			if (r->nfiles == m->cap_files) {
				size_t cap = m->cap_files ? m->cap_files * 2 : 8;
				http_file *nf = arena_alloc(&r->arena, cap * sizeof *nf);
				if (!nf) {
					m->rc = TT_ERR_NOMEM;
					return MHD_NO;
				}
				if (r->nfiles)
					memcpy(nf, r->files, r->nfiles * sizeof *nf);
				r->files = nf;
				m->cap_files = cap;
			}
			f = &r->files[r->nfiles++];
			f->field = arena_strdup(&r->arena, key);
			f->filename = arena_strdup(&r->arena, filename);
			buf_init(&f->data, HTTP_MAX_UPLOAD_BODY);
		}
		if (size && (m->rc = buf_add(&f->data, data, size)))
			return MHD_NO;
		return MHD_YES;
	}
	/* A text field: append to the last value when it arrives in pieces. */
	if (off > 0 && r->nform && !strcmp(r->form[r->nform - 1].key, key)) {
		const char *old = r->form[r->nform - 1].value;
		r->form[r->nform - 1].value = arena_printf(&r->arena, "%s%.*s", old, (int)size, data);
		return MHD_YES;
	}
	if (r->nform == m->cap_form) {
		size_t cap = m->cap_form ? m->cap_form * 2 : 16;
		http_kv *nf = arena_alloc(&r->arena, cap * sizeof *nf);
		if (!nf) {
			m->rc = TT_ERR_NOMEM;
			return MHD_NO;
		}
		if (r->nform)
			memcpy(nf, r->form, r->nform * sizeof *nf);
		r->form = nf;
		m->cap_form = cap;
	}
	r->form[r->nform].key = arena_strdup(&r->arena, key);
	r->form[r->nform].value = arena_strndup(&r->arena, data ? data : "", size);
	r->nform++;
	return MHD_YES;
}

tt_rc http_multipart(http_req *r, http_file **files, size_t *n)
{
	multipart_state m = {.r = r};
	if (r->body_too_large)
		return ctx_fail(&r->ctx, TT_ERR_TOO_LARGE, "Tệp gửi lên vượt quá %u MB.",
		                HTTP_MAX_UPLOAD_BODY >> 20);
	const char *ct = http_header(r, "Content-Type");
	if (!ct || strncasecmp(ct, "multipart/form-data", 19))
		return ctx_fail(&r->ctx, TT_ERR_INVALID, "Cần gửi tệp dạng multipart/form-data.");
	struct MHD_PostProcessor *pp = MHD_create_post_processor(r->conn, 64 * 1024, multipart_part, &m);
	if (!pp)
		return ctx_fail(&r->ctx, TT_ERR_INVALID,
		                "Không đọc được dữ liệu multipart (thiếu boundary?).");
	enum MHD_Result ok = MHD_post_process(pp, r->body.data ? r->body.data : "", r->body.len);
	MHD_destroy_post_processor(pp);
	if (m.rc)
		return m.rc == TT_ERR_TOO_LARGE ? ctx_fail(&r->ctx, m.rc, "Tệp gửi lên quá lớn.") : m.rc;
	if (ok != MHD_YES)
		return ctx_fail(&r->ctx, TT_ERR_INVALID, "Dữ liệu multipart không đúng định dạng.");
	for (size_t i = 0; i < r->nform; i++)
		if (vn_utf8_validate(r->form[i].value, strlen(r->form[i].value), NULL))
			return ctx_fail(&r->ctx, TT_ERR_UTF8, "Dữ liệu biểu mẫu không phải UTF-8 hợp lệ.");
	*files = r->files;
	*n = r->nfiles;
	return TT_OK;
}
