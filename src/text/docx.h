/* docx.h - the text of a .docx (Office Open XML) file, read with libzip and
 * libxml2.
 *
 * Paragraphs come out one a line, table cells one a line in reading order,
 * footnotes at the end as "¹ text" lines (their marks in the body become
 * superscript digits, as in converted text). List numbers that Word draws
 * from numbering.xml ("1.", "1.1.", "a)", "I.") are computed and written in
 * front of the paragraph, since they are not in its text. Runs styled with
 * caps are upper-cased, as the reader sees them.
 *
 * Hostile files are refused, never trusted: the archive's total and per-part
 * uncompressed sizes are capped (DOCX_MAX_UNZIPPED), parts holding a DTD are
 * rejected (no entity expansion is possible), and the network is never
 * used. */
#ifndef TT_DOCX_H
#define TT_DOCX_H

#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"

#define DOCX_MAX_UNZIPPED ((size_t)64 << 20)
#define DOCX_MAX_PART ((size_t)32 << 20)

/* Appends the text of the .docx held in data[0..n) to out. On failure
 * returns TT_ERR_PARSE (not a docx, damaged), TT_ERR_TOO_LARGE (zip bomb) or
 * TT_ERR_NOMEM, with a one-line English reason in msg when msg is not NULL. */
tt_rc docx_read(const char *data, size_t n, tt_buf *out, char *msg, size_t msglen);

#endif
