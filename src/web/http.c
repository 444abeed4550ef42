/* http.c - request accessors, body parsing, and response helpers. */
#include "web/http.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/log.h"
#include "core/auth.h"
#include "core/document.h"
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
	case TT_ERR_PRECONDITION: return 412;
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
		return ctx_fail(&r->ctx, TT_ERR_TOO_LARGE, "Dữ liệu gửi lên vượt quá %zu KiB.",
		                r->body.cap / 1024);
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

tt_rc http_form_parse(http_req *r)
{
	const char *why = NULL;
	if (r->body_too_large)
		return ctx_fail(&r->ctx, TT_ERR_TOO_LARGE, "Dữ liệu gửi lên vượt quá %zu KiB.",
		                r->body.cap / 1024);
	tt_rc rc = form_parse_urlencoded(&r->arena, r->body.data, r->body.len, &r->form, &r->nform, &why);
	if (rc && why)
		return ctx_fail(&r->ctx, rc, "%s", why);
	return rc;
}

static enum MHD_Result query_arg(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
                                 const char *value, size_t value_size)
{
	int *bad = cls;
	if ((key && strlen(key) != key_size) || (value && strlen(value) != value_size)) {
		*bad = 1;
		return MHD_NO;
	}
	return MHD_YES;
}

tt_rc http_check_query(http_req *r)
{
	int bad = 0;
	MHD_get_connection_values_n(r->conn, MHD_GET_ARGUMENT_KIND, query_arg, &bad);
	if (bad)
		return ctx_fail(&r->ctx, TT_ERR_INVALID,
		                "Tham số trên địa chỉ chứa ký tự NUL (%%00), không được chấp nhận.");
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

tt_rc http_send_stream(http_req *r, int status, const char *type, uint64_t size, http_stream_read read,
                       http_stream_free free_fn, void *arg)
{
	http_stream_drop(r);
	buf_reset(&r->out);
	r->status = status;
	r->content_type = type;
	r->stream_read = read;
	r->stream_free = free_fn;
	r->stream_arg = arg;
	r->stream_size = size;
	return TT_OK;
}

void http_stream_drop(http_req *r)
{
	if (r->stream_free)
		r->stream_free(r->stream_arg);
	r->stream_read = NULL;
	r->stream_free = NULL;
	r->stream_arg = NULL;
	r->stream_size = 0;
}

/* What a blob download owns: its connection and one chunk. */
typedef struct {
	store *db;
	int64_t blob_id;
	int64_t size;
	int64_t seq; /* the chunk in buf, -1 for none */
	size_t len;
	unsigned char *buf; /* STORE_BLOB_CHUNK bytes, allocated on the first read */
} blob_stream;

static ssize_t blob_stream_read(void *arg, uint64_t pos, char *out, size_t max)
{
	blob_stream *b = arg;
	int64_t seq = (int64_t)(pos / STORE_BLOB_CHUNK);
	size_t off = (size_t)(pos % STORE_BLOB_CHUNK);
	if (pos >= (uint64_t)b->size)
		return HTTP_STREAM_ERROR;
	if (!b->buf && !(b->buf = malloc(STORE_BLOB_CHUNK)))
		return HTTP_STREAM_ERROR;
	if (seq != b->seq) {
		tt_rc rc = document_original_chunk(b->db, b->blob_id, seq, b->buf, STORE_BLOB_CHUNK, &b->len);
		if (rc) {
			log_error("blob %lld, chunk %lld: %s", (long long)b->blob_id, (long long)seq, tt_rc_name(rc));
			b->seq = -1;
			return HTTP_STREAM_ERROR;
		}
		b->seq = seq;
	}
	if (off >= b->len)
		return HTTP_STREAM_ERROR; /* a chunk shorter than the blob says */
	size_t n = b->len - off < max ? b->len - off : max;
	memcpy(out, b->buf + off, n);
	return (ssize_t)n;
}

static void blob_stream_free(void *arg)
{
	blob_stream *b = arg;
	store_close(b->db);
	free(b->buf);
	free(b);
}

tt_rc http_send_blob(http_req *r, const char *type, int64_t blob_id, int64_t size)
{
	blob_stream *b = calloc(1, sizeof *b);
	if (!b)
		return TT_ERR_NOMEM;
	tt_rc rc = http_store_open(&b->db);
	if (rc) {
		free(b);
		return rc;
	}
	b->blob_id = blob_id;
	b->size = size;
	b->seq = -1;
	return http_send_stream(r, 200, type, (uint64_t)size, blob_stream_read, blob_stream_free, b);
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

tt_rc http_check_csrf(http_req *r, int allow_query)
{
	const char *given = http_header(r, "X-CSRF-Token");
	if (!given && r->form)
		given = http_form(r, "csrf");
	if (!given && allow_query)
		given = http_query(r, "csrf");
	if (!r->csrf || !given || !auth_token_equal(given, r->csrf))
		return ctx_fail(
		    &r->ctx, TT_ERR_CSRF,
		    "Thiếu hoặc sai mã chống giả mạo (CSRF); vui lòng tải lại trang rồi thử lại.");
	return TT_OK;
}

tt_rc http_check_origin(http_req *r)
{
	const char *site = http_header(r, "Sec-Fetch-Site");
	const char *origin = http_header(r, "Origin");
	if (site && !strcasecmp(site, "cross-site"))
		goto refuse;
	if (!origin)
		return TT_OK;
	const char *proto = http_header(r, "X-Forwarded-Proto");
	const char *host = http_header(r, "Host");
	if (!proto || !*proto)
		proto = "http";
	size_t np = strlen(proto);
	if (host && *host && !strncasecmp(origin, proto, np) && !strncmp(origin + np, "://", 3) &&
	    !strcasecmp(origin + np + 3, host))
		return TT_OK;
refuse:
	return ctx_fail(&r->ctx, TT_ERR_CSRF,
	                "Yêu cầu gửi từ một trang web khác bị từ chối (nguồn gốc không khớp); hãy "
	                "thao tác trực tiếp trên trang của hệ thống.");
}

/* The multipart parser of one request: libmicrohttpd's post processor
 * splits the stream into parts, form_parts keeps them. */
struct http_upload {
	struct MHD_PostProcessor *pp;
	form_parts parts;
};

static enum MHD_Result multipart_part(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *filename, const char *content_type,
                                      const char *transfer_encoding, const char *data, uint64_t off,
                                      size_t size)
{
	struct http_upload *u = cls;
	return form_parts_add(&u->parts, key, filename, off, data, size) ? MHD_NO : MHD_YES;
}

static tt_rc upload_fail(http_req *r)
{
	form_parts *p = &r->upload->parts;
	if (p->why)
		return ctx_fail(&r->ctx, p->rc, "%s", p->why);
	return p->rc;
}

tt_rc http_multipart_begin(http_req *r)
{
	const char *ct = http_header(r, "Content-Type");
	if (!ct || strncasecmp(ct, "multipart/form-data", 19))
		return ctx_fail(&r->ctx, TT_ERR_INVALID, "Cần gửi tệp dạng multipart/form-data.");
	r->upload = calloc(1, sizeof *r->upload);
	if (!r->upload)
		return TT_ERR_NOMEM;
	form_limits lim = {
	    .max_text = HTTP_MAX_TEXT_FIELD,
	    .max_fields = HTTP_MAX_TEXT_FIELDS,
	    .max_file = DOCUMENT_MAX_FILE,
	    .max_files = HTTP_MAX_UPLOAD_FILES,
	    .max_total = HTTP_MAX_UPLOAD_BODY,
	};
	form_parts_init(&r->upload->parts, &r->arena, &lim);
	r->upload->pp = MHD_create_post_processor(r->conn, 64 * 1024, multipart_part, r->upload);
	if (!r->upload->pp)
		return ctx_fail(&r->ctx, TT_ERR_INVALID,
		                "Không đọc được dữ liệu multipart (thiếu boundary?).");
	return TT_OK;
}

tt_rc http_multipart_feed(http_req *r, const char *data, size_t n)
{
	struct http_upload *u = r->upload;
	if (!u || !u->pp)
		return TT_ERR_INVALID;
	if (u->parts.rc)
		return u->parts.rc;
	if (MHD_post_process(u->pp, data, n) != MHD_YES && !u->parts.rc) {
		u->parts.rc = TT_ERR_INVALID;
		u->parts.why = "Dữ liệu multipart không đúng định dạng.";
	}
	return u->parts.rc;
}

tt_rc http_multipart_end(http_req *r)
{
	struct http_upload *u = r->upload;
	if (!u || !u->pp)
		return TT_ERR_INVALID;
	MHD_destroy_post_processor(u->pp);
	u->pp = NULL;
	if (u->parts.rc || form_parts_finish(&u->parts, &r->form, &r->nform, &r->files, &r->nfiles))
		return upload_fail(r);
	return TT_OK;
}

void http_multipart_free(http_req *r)
{
	if (!r->upload)
		return;
	if (r->upload->pp)
		MHD_destroy_post_processor(r->upload->pp);
	form_parts_free(&r->upload->parts);
	free(r->upload);
	r->upload = NULL;
}
