/* document_read.c - what pages and the API read about stored documents:
 * search, one document, its links and its original file. Every logged-in
 * user reads every document (docs/api.md); nobody without a principal. */
#include "core/document.h"

#include "core/perm.h"

static tt_rc may_read(tt_ctx *ctx)
{
	return ctx->user || perm_is_system(ctx) ? TT_OK : TT_ERR_UNAUTH;
}

tt_rc document_find(tt_ctx *ctx, const st_document_query *q, st_document **out, size_t *n)
{
	tt_rc rc = may_read(ctx);
	return rc ? rc : store_document_find(ctx->db, ctx->arena, q, out, n);
}

tt_rc document_missing(tt_ctx *ctx, int limit, st_citation **out, size_t *n)
{
	tt_rc rc = may_read(ctx);
	return rc ? rc : store_document_missing(ctx->db, ctx->arena, limit, out, n);
}

tt_rc document_get(tt_ctx *ctx, int64_t id, st_document *out)
{
	tt_rc rc = may_read(ctx);
	return rc ? rc : store_document_get(ctx->db, ctx->arena, id, out);
}

tt_rc document_citations(tt_ctx *ctx, int64_t id, int limit, int offset, st_citation **out, size_t *n)
{
	tt_rc rc = may_read(ctx);
	return rc ? rc : store_document_citations(ctx->db, ctx->arena, id, limit, offset, out, n);
}

tt_rc document_citation_count(tt_ctx *ctx, int64_t id, int64_t *n)
{
	tt_rc rc = may_read(ctx);
	return rc ? rc : store_document_citation_count(ctx->db, id, n);
}

tt_rc document_cited_by(tt_ctx *ctx, int64_t id, st_document **out, size_t *n)
{
	tt_rc rc = may_read(ctx);
	return rc ? rc : store_document_cited_by(ctx->db, ctx->arena, id, out, n);
}

tt_rc document_original(tt_ctx *ctx, int64_t id, int64_t *blob_id, int64_t *size)
{
	tt_rc rc = may_read(ctx);
	return rc ? rc : store_document_original(ctx->db, id, blob_id, size);
}

tt_rc document_original_chunk(store *s, int64_t blob_id, int64_t seq, void *buf, size_t cap, size_t *len)
{
	return store_blob_read(s, blob_id, seq, buf, cap, len);
}
