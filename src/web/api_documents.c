/* api_documents.c - JSON API of imported documents: upload (queued as
 * import jobs, answered 202), the jobs' progress and results, list, the
 * parsed document, and what cites it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/document.h"
#include "core/job.h"
#include "core/perm.h"
#include "text/vn.h"
#include "web/kit.h"
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

/* The one place that knows how the HTTP layer hands over an uploaded
 * file: a temporary file, read into the queue before the request ends. */
static job_upload web_upload_of(const http_file *f)
{
	return (job_upload){.filename = f->filename, .path = f->path, .len = f->size};
}

tt_rc web_enqueue_uploads(http_req *r, int64_t **ids)
{
	tt_rc rc0 = perm_check(&r->ctx, PERM_IMPORT_DOCUMENT, 0);
	if (rc0)
		return rc0;
	if (!r->nfiles)
		return ctx_fail(&r->ctx, TT_ERR_INVALID, "Chưa chọn tệp nào để nhập.");
	job_upload *up = arena_alloc(&r->arena, r->nfiles * sizeof *up);
	int64_t *v = arena_alloc(&r->arena, r->nfiles * sizeof *v);
	if (!up || !v)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < r->nfiles; i++)
		up[i] = web_upload_of(&r->files[i]);
	tt_rc rc = job_enqueue(&r->ctx, up, r->nfiles, v);
	if (!rc)
		*ids = v;
	return rc;
}

const char *web_job_status(const st_job *j)
{
	return j->outcome ? j->outcome : j->state;
}

json_t *web_job_json(const st_job *j)
{
	json_t *o = json_pack("{s:I, s:s, s:I, s:s, s:i, s:s, s:s?, s:s?, s:s}", "id", (json_int_t)j->id,
	                      "filename", j->filename, "size", (json_int_t)j->size, "state", j->state,
	                      "progress", j->progress, "created_at", j->created_at, "started_at",
	                      j->started_at, "finished_at", j->finished_at, "url", "");
	if (!o)
		return NULL;
	char url[64];
	snprintf(url, sizeof url, "/api/v1/jobs/%lld", (long long)j->id);
	json_object_set_new(o, "url", json_string(url));
	json_t *res = json_null();
	if (j->outcome) {
		res = json_pack("{s:s, s:o, s:s?, s:s?, s:s?, s:s?}", "status", j->outcome, "document_id",
		                j->document_id ? json_integer(j->document_id) : json_null(), "symbol",
		                j->symbol, "title", j->title, "code", j->error_code, "message", j->message);
		if (!res)
			res = json_null();
	}
	json_object_set_new(o, "result", res);
	return o;
}

tt_rc api_documents_upload(http_req *r)
{
	int64_t *ids = NULL;
	tt_rc rc = web_enqueue_uploads(r, &ids);
	if (rc)
		return rc;
	json_t *jobs = json_array();
	for (size_t i = 0; i < r->nfiles; i++) {
		char url[64];
		snprintf(url, sizeof url, "/api/v1/jobs/%lld", (long long)ids[i]);
		json_array_append_new(jobs, json_pack("{s:I, s:s, s:s, s:i, s:s}", "id", (json_int_t)ids[i],
		                                      "filename", r->files[i].filename, "state", "queued",
		                                      "progress", 0, "url", url));
	}
	return http_send_json(r, 202, json_pack("{s:o}", "jobs", jobs));
}

tt_rc api_job_get(http_req *r)
{
	char *end;
	const char *p = r->params[0];
	long long id = p && *p >= '1' && *p <= '9' ? strtoll(p, &end, 10) : 0;
	st_job j;
	if (id <= 0 || *end)
		return ctx_fail(&r->ctx, TT_ERR_NOT_FOUND, "Không có lượt nhập văn bản này.");
	tt_rc rc = job_get(&r->ctx, id, &j);
	if (rc)
		return rc;
	return http_send_json(r, 200, web_job_json(&j));
}

tt_rc api_jobs_list(http_req *r)
{
	int mine = 0;
	const kit_field in[] = {{.name = "mine", .type = KIT_BOOL, .flag = &mine}};
	st_job *j;
	size_t n;
	tt_rc rc = kit_query(r, in, 1);
	if (rc || (rc = job_list(&r->ctx, mine, 200, &j, &n)))
		return rc;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, web_job_json(&j[i]));
	return http_send_json(r, 200, arr);
}

tt_rc api_documents_list(http_req *r)
{
	st_document_query q = {0};
	st_document *d;
	size_t n;
	tt_buf key;
	const char *text = NULL;
	long long year = 0, limit = 100, offset = 0;
	const kit_field in[] = {
	    {.name = "kind", .type = KIT_TEXT, .max_len = 16, .text = &q.kind},
	    {.name = "issuer", .type = KIT_TEXT, .max_len = 64, .text = &q.issuer_code},
	    {.name = "year", .type = KIT_INT, .min = 1900, .max = 2199, .num = &year},
	    {.name = "q", .type = KIT_TEXT, .max_len = 500, .text = &text},
	    {.name = "limit", .type = KIT_INT, .min = 1, .max = 1000, .clamp = 1, .num = &limit},
	    {.name = "offset", .type = KIT_INT, .max = INT32_MAX, .num = &offset},
	};
	tt_rc rc = kit_query(r, in, sizeof in / sizeof in[0]);
	if (rc)
		return rc;
	q.year = (int)year;
	q.limit = (int)limit;
	q.offset = (int)offset;
	buf_init(&key, 4096);
	if (text && *text && !(rc = vn_search_key(text, strlen(text), &key)))
		q.q_key = key.data;
	if (!rc)
		rc = document_find(&r->ctx, &q, &d, &n);
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
	int64_t id = 0;
	st_document d;
	st_citation *c;
	size_t nc;
	int64_t count = 0;
	json_error_t jerr;
	long long offset = 0;
	const kit_field in[] = {
	    {.name = "citations_offset", .type = KIT_INT, .max = INT32_MAX, .num = &offset}};
	tt_rc rc = kit_query(r, in, 1);
	if (!rc)
		rc = web_document_id(r, &id);
	if (rc || (rc = document_get(&r->ctx, id, &d)) ||
	    (rc = document_citation_count(&r->ctx, id, &count)) ||
	    (rc = document_citations(&r->ctx, id, WEB_CITATION_PAGE, (int)offset, &c, &nc)))
		return rc;
	json_t *j = web_document_json(&d);
	json_t *parsed = json_loads(d.parsed, 0, &jerr);
	json_object_set_new(j, "parsed", parsed ? parsed : json_null());
	json_t *links = json_array();
	for (size_t i = 0; i < nc; i++)
		json_array_append_new(links,
		                      json_pack("{s:s?, s:s, s:s?, s:o, s:i}", "kind", c[i].kind, "symbol",
		                                c[i].symbol, "date", c[i].date, "target_id",
		                                c[i].target_id ? json_integer(c[i].target_id) : json_null(),
		                                "count", c[i].cited_count));
	json_object_set_new(j, "citation_links", links);
	json_object_set_new(j, "citation_count", json_integer(count));
	json_object_set_new(j, "citations_offset", json_integer(offset));
	return http_send_json(r, 200, j);
}

/* Cited documents no stored document carries, each once, with how many
 * documents cite it (a document naming it twice counts once). */
tt_rc api_documents_missing(http_req *r)
{
	st_citation *c;
	size_t n;
	long long limit = 100;
	const kit_field in[] = {
	    {.name = "limit", .type = KIT_INT, .min = 1, .max = 1000, .clamp = 1, .num = &limit}};
	tt_rc rc = kit_query(r, in, 1);
	if (rc || (rc = document_missing(&r->ctx, (int)limit, &c, &n)))
		return rc;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s?, s:s, s:s?, s:i}", "kind", c[i].kind, "symbol",
		                                     c[i].symbol, "date", c[i].date, "count", c[i].cited_count));
	return http_send_json(r, 200, arr);
}

tt_rc api_document_cited_by(http_req *r)
{
	int64_t id = 0;
	st_document d, *by;
	size_t n;
	tt_rc rc = web_document_id(r, &id);
	if (rc || (rc = document_get(&r->ctx, id, &d)) || (rc = document_cited_by(&r->ctx, id, &by, &n)))
		return rc;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, web_document_json(&by[i]));
	return http_send_json(r, 200, arr);
}
