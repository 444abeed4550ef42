/* document.h - importing administrative documents: read, parse, store with
 * their citations, keyed by content hash; correct what the parser got
 * wrong; follow the citation graph. */
#ifndef TT_DOCUMENT_H
#define TT_DOCUMENT_H

#include <stddef.h>

#include "base/buf.h"
#include "core/ctx.h"

#define DOCUMENT_MAX_FILE ((size_t)50 << 20)

typedef enum { DOC_IMPORTED, DOC_DUPLICATE } document_outcome;

/* Parses and stores one file given as bytes; filename (its extension)
 * helps choose the format. *id gets the stored (or already stored) id and
 * *outcome says which: DOC_DUPLICATE only when a document with the same
 * content hash is stored. On failure ctx->error_detail says why; a lack of
 * memory is TT_ERR_NOMEM, never a duplicate. */
tt_rc document_import(tt_ctx *ctx, const char *filename, const void *data, size_t len, int64_t *id,
                      document_outcome *outcome);

/* Progress of one import, in percent: 10 when the file is read, 60 when
 * it is parsed, 100 when it is stored. */
typedef struct {
	void (*fn)(void *arg, int percent);
	void *arg;
} document_progress;

/* document_import that reports its progress (progress may be NULL). */
tt_rc document_import_progress(tt_ctx *ctx, const char *filename, const void *data, size_t len,
                               const document_progress *progress, int64_t *id, document_outcome *outcome);

/* document_import_progress of a file on disk (path), read in pieces: the
 * original goes into its blob a chunk at a time, never whole in memory
 * (the reader still reads what it parses). filename names it for users. */
tt_rc document_import_file(tt_ctx *ctx, const char *filename, const char *path,
                           const document_progress *progress, int64_t *id, document_outcome *outcome);

/* document_import_file of a file held in a blob (a queued upload): written
 * a chunk at a time to a private temporary file, which is then imported. */
tt_rc document_import_blob(tt_ctx *ctx, const char *filename, int64_t blob_id, const document_progress *progress,
                           int64_t *id, document_outcome *outcome);

/* The folded form of a number and symbol used to link citations:
 * "96/2023/NĐCP" and "96/2023/NĐ-CP" give the same key. */
tt_rc document_symbol_key(const char *symbol, tt_buf *out);

/* "TCVN3" or "VNI" when the stored document was converted from a legacy
 * encoding, else NULL (arena string). */
const char *document_legacy_encoding(tt_ctx *ctx, int64_t id);

typedef struct {
	const char *kind, *symbol, *issuer_code, *place, *date, *title; /* NULL = leave */
	/* The version the user corrected: the corrected_at they saw ("" when
	 * the document was never corrected); NULL = last write wins. */
	const char *seen_corrected;
} document_fix;

/* Applies a user's corrections to the metadata and the parsed JSON
 * (audited). date is YYYY-MM-DD or empty to clear. When the document was
 * corrected since fix->seen_corrected, TT_ERR_PRECONDITION and nothing is
 * written (checked inside the write transaction). The version token is
 * corrected_at, to the second. */
tt_rc document_correct(tt_ctx *ctx, int64_t id, const document_fix *fix);

/* Read models (document_read.c) for any logged-in user; results in
 * ctx->arena. The same as the store_document_* functions they wrap. */
tt_rc document_find(tt_ctx *ctx, const st_document_query *q, st_document **out, size_t *n);
tt_rc document_missing(tt_ctx *ctx, int limit, st_citation **out, size_t *n);
tt_rc document_get(tt_ctx *ctx, int64_t id, st_document *out);
/* Citations in order from offset, at most limit of them; how many there are. */
tt_rc document_citations(tt_ctx *ctx, int64_t id, int limit, int offset, st_citation **out, size_t *n);
tt_rc document_citation_count(tt_ctx *ctx, int64_t id, int64_t *n);
tt_rc document_cited_by(tt_ctx *ctx, int64_t id, st_document **out, size_t *n);
/* The blob holding a document's original file, and its size. */
tt_rc document_original(tt_ctx *ctx, int64_t id, int64_t *blob_id, int64_t *size);
/* Chunk seq (STORE_BLOB_CHUNK bytes each) of a stored original, read on a
 * connection of the caller's own (a streamed download has one): *len gets
 * its length. For the original's reader only; the permission was checked
 * by document_original. */
tt_rc document_original_chunk(store *s, int64_t blob_id, int64_t seq, void *buf, size_t cap, size_t *len);

#endif
