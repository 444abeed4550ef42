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
} document_fix;

/* Applies a user's corrections to the metadata and the parsed JSON
 * (audited). date is YYYY-MM-DD or empty to clear. */
tt_rc document_correct(tt_ctx *ctx, int64_t id, const document_fix *fix);

#endif
