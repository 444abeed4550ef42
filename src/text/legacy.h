/* legacy.h - the pre-Unicode Vietnamese encodings still found in old files:
 * TCVN3 (TCVN 5712:1993 VN3, "ABC", the ".Vn" fonts) and VNI (VNI-Windows,
 * the "VNI-" fonts).
 *
 * Such text arrives either as raw single bytes (a .txt saved by an old
 * editor: not valid UTF-8) or as UTF-8 holding the Windows-1252 look-alikes
 * of those bytes (text taken out of a document set in a legacy font:
 * "ViÖt Nam", "Vieät Nam"). Detection decodes the text both ways and counts
 * the words that read as Vietnamese syllables; a reading is taken only when
 * most of its words do. Plain ASCII, random bytes, Western European text,
 * damaged UTF-8 and real Unicode Vietnamese are never converted: in UTF-8
 * input a line holding a letter that only Unicode has (ư, ạ, ...) is left as
 * it is, so a Unicode header over a legacy body converts only the body.
 *
 * TCVN3 has only seven capitals of its own (Ă Â Ê Ô Ơ Ư Đ); the others were
 * drawn by a second font (.VnTimeH) with the lower-case codes. They decode
 * in lower case, except in words that are otherwise upper case ("B¸O
 * C¸O" gives BÁO CÁO). Punctuation in 0x80..0x9F is read as Windows-1252. */
#ifndef TT_LEGACY_H
#define TT_LEGACY_H

#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"

typedef enum { LEGACY_NONE = 0, LEGACY_TCVN3, LEGACY_VNI } legacy_enc;

/* Which encoding s[0..n) is in, or LEGACY_NONE. is_utf8: s is valid UTF-8
 * (then the look-alike code points are examined); otherwise s is raw
 * bytes. Only the first few MiB are examined. */
legacy_enc legacy_detect(const char *s, size_t n, int is_utf8);

/* Converts s from e to Unicode and appends it to out, in NFC. Lines that
 * are already Unicode are copied unchanged. With LEGACY_NONE, s is copied.
 * Fails only with TT_ERR_NOMEM or TT_ERR_TOO_LARGE (out's cap). */
tt_rc legacy_to_utf8(const char *s, size_t n, int is_utf8, legacy_enc e, tt_buf *out);

/* "TCVN3", "VNI", or "utf-8" for LEGACY_NONE. */
const char *legacy_name(legacy_enc e);

#endif
