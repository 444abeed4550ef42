/* parse.h - reading an administrative document into a doc (see doc.h).
 *
 * parse_text() takes the text of a document (UTF-8, any normal form) and
 * reads its header (number and symbol, place and date, type, summary line),
 * its heading tree, the plan's tasks, the citations, the reporting rules,
 * the counts, the footnotes and the signature block (signer, recipients).
 * parse_file() reads a file first (.txt, .docx, .pdf, .doc/.odt/.rtf via
 * reader.h) and then parses it. */
#ifndef TT_PARSE_H
#define TT_PARSE_H

#include <stddef.h>

#include "base/err.h"
#include "text/doc.h"

/* Input larger than this is refused with TT_ERR_TOO_LARGE. */
#define PARSE_MAX_INPUT ((size_t)50 << 20)

/* Details of a failure, for a message that says what to fix. */
typedef struct {
	size_t bad_offset; /* TT_ERR_UTF8: byte offset of the first bad sequence */
	char message[256]; /* English, one line; "" when there is nothing to add */
} parse_error;

/* Parses s[0..n). On success *out is a new doc (caller calls doc_free()).
 * Fails with TT_ERR_UTF8 (err->bad_offset set), TT_ERR_TOO_LARGE,
 * TT_ERR_PARSE (empty or binary input) or TT_ERR_NOMEM. err may be NULL. */
tt_rc parse_text(const char *s, size_t n, doc **out, parse_error *err);

/* Reads and parses a file; the format is chosen by content and extension. */
tt_rc parse_file(const char *path, doc **out, parse_error *err);

#endif
