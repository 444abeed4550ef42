/* api_documents.c - JSON API of imported documents: upload, list, the
 * parsed document, and what cites it. */
#include <stdlib.h>
#include <string.h>

#include "core/document.h"
#include "text/vn.h"
#include "web/routes.h"
#include "web/web_int.h"

json_t *web_document_json(const st_document *d)
{
	return json_pack("{s:I, s:s, s:s, s:s?, s:s, s:s?, s:s?, s:s?, s:s?, s:i, s:s?, s:I, s:s, s:s?}",
	                 "id", (json_int_t)d->id, "filename", d->filename, "format", d->format, "encoding",
	                 d->encoding, "kind", d->kind, "symbol", d->symbol, "issuer_code", d->issuer_code,
	                 "place", d->place, "date", d->date, "year", d->year, "title", d->title, "size",
	                 (json_int_t)d->size, "imported_at", d->imported_at, "corrected_at", d->corrected_at);
}

tt_rc web_document_id(http_req *r, int64_t *id)
{
	char *end;
	const char *s = r->params[0];
	long long v = s && *s && *s != '-' && *s != '+' ? strtoll(s, &end, 10) : 0;
	if (v <= 0 || *end)
		return ctx_fail(&r->ctx, TT_ERR_NOT_FOUND, "Không có văn bản này.");
	*id = v;
	return TT_OK;
}

tt_rc web_upload_check(http_req *r)
{
	if (!strcmp(r->user.role, "viewer"))
		return ctx_fail(&r->ctx, TT_ERR_FORBIDDEN, "Tài khoản xem không được nhập văn bản.");
	if (!r->nfiles)
		return ctx_fail(&r->ctx, TT_ERR_INVALID, "Chưa chọn tệp nào để nhập.");
	return TT_OK;
}

tt_rc web_import_file(http_req *r, size_t i, int64_t *id, document_outcome *outcome, const char **message)
{
	http_file *f = &r->files[i];
	tt_buf data;
	tt_rc rc;
	r->ctx.error_detail = NULL;
	/* The upload waits in a temporary file; read it back, capped. */
	buf_init(&data, DOCUMENT_MAX_FILE);
	if (f->size > DOCUMENT_MAX_FILE)
		rc = ctx_fail(&r->ctx, TT_ERR_TOO_LARGE, "Tệp %s lớn hơn %zu MB.", f->filename,
		              DOCUMENT_MAX_FILE >> 20);
	else if (!(rc = buf_read_file(&data, f->path)))
		rc = document_import(&r->ctx, f->filename, data.data ? data.data : "", data.len, id, outcome);
	buf_free(&data);
	if (rc)
		*message = r->ctx.error_detail ? r->ctx.error_detail : tt_rc_message(rc);
	return rc;
}

tt_rc api_documents_upload(http_req *r)
{
	tt_rc rc = web_upload_check(r);
	if (rc)
		return rc;
	json_t *results = json_array();
	int imported = 0;
	for (size_t i = 0; i < r->nfiles; i++) {
		http_file *f = &r->files[i];
		int64_t id = 0;
		document_outcome outcome;
		const char *message = NULL;
		rc = web_import_file(r, i, &id, &outcome, &message);
		if (rc)
			json_array_append_new(results, json_pack("{s:s, s:s, s:s, s:s}", "filename",
			                                         f->filename, "status", "failed", "code",
			                                         tt_rc_name(rc), "message", message));
		else {
			imported += outcome == DOC_IMPORTED;
			json_array_append_new(results,
			                      json_pack("{s:s, s:s, s:I}", "filename", f->filename, "status",
			                                outcome == DOC_IMPORTED ? "imported" : "duplicate",
			                                "id", (json_int_t)id));
		}
	}
	return http_send_json(r, imported ? 201 : 200, json_pack("{s:o}", "files", results));
}

tt_rc api_documents_list(http_req *r)
{
	st_document_query q = {0};
	st_document *d;
	size_t n;
	tt_buf key;
	const char *kind = http_query(r, "kind"), *issuer = http_query(r, "issuer"),
	           *year = http_query(r, "year"), *text = http_query(r, "q"), *limit = http_query(r, "limit"),
	           *offset = http_query(r, "offset");
	q.kind = kind && *kind ? kind : NULL;
	q.issuer_code = issuer && *issuer ? issuer : NULL;
	q.year = year ? (int)strtol(year, NULL, 10) : 0;
	q.limit = limit ? (int)strtol(limit, NULL, 10) : 100;
	q.offset = offset ? (int)strtol(offset, NULL, 10) : 0;
	if (q.limit > 1000)
		q.limit = 1000;
	buf_init(&key, 4096);
	tt_rc rc = TT_OK;
	if (text && *text && !(rc = vn_search_key(text, strlen(text), &key)))
		q.q_key = key.data;
	if (!rc)
		rc = store_document_find(r->db, &r->arena, &q, &d, &n);
	buf_free(&key);
	if (rc)
		return rc;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, web_document_json(&d[i]));
	return http_send_json(r, 200, arr);
}

tt_rc api_document_get(http_req *r)
{
	int64_t id;
	st_document d;
	st_citation *c;
	size_t nc;
	json_error_t jerr;
	tt_rc rc = web_document_id(r, &id);
	if (rc || (rc = store_document_get(r->db, &r->arena, id, &d)) ||
	    (rc = store_document_citations(r->db, &r->arena, id, &c, &nc)))
		return rc;
	json_t *j = web_document_json(&d);
	json_t *parsed = json_loads(d.parsed, 0, &jerr);
	json_object_set_new(j, "parsed", parsed ? parsed : json_null());
	json_t *links = json_array();
	for (size_t i = 0; i < nc; i++)
		json_array_append_new(links,
		                      json_pack("{s:s?, s:s, s:s?, s:o}", "kind", c[i].kind, "symbol",
		                                c[i].symbol, "date", c[i].date, "target_id",
		                                c[i].target_id ? json_integer(c[i].target_id) : json_null()));
	json_object_set_new(j, "citation_links", links);
	return http_send_json(r, 200, j);
}

tt_rc api_document_cited_by(http_req *r)
{
	int64_t id;
	st_document d, *by;
	size_t n;
	tt_rc rc = web_document_id(r, &id);
	if (rc || (rc = store_document_get(r->db, &r->arena, id, &d)) ||
	    (rc = store_document_cited_by(r->db, &r->arena, id, &by, &n)))
		return rc;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, web_document_json(&by[i]));
	return http_send_json(r, 200, arr);
}
