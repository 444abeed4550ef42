/* legacy.h - the pre-Unicode Vietnamese encodings still found in old files:
 * TCVN3 (ABC, the ".Vn" fonts) and VNI (the "VNI-" fonts).
 *
 * Such text arrives either as raw single bytes (a .txt saved by an old
 * editor: not valid UTF-8) or as UTF-8 holding the Latin-1 look-alikes of
 * those bytes (text copied out of a document that used the legacy fonts:
 * "Vieät Nam", "ViÖt Nam"). Detection is by the frequency of byte sequences
 * that only the legacy encoding produces, so ordinary Unicode Vietnamese and
 * plain ASCII are never converted. */
#ifndef TT_LEGACY_H
#define TT_LEGACY_H

#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"

typedef enum { LEGACY_NONE = 0, LEGACY_TCVN3, LEGACY_VNI } legacy_enc;

/* is_utf8: s is valid UTF-8 (then look-alike code points are examined). */
legacy_enc legacy_detect(const char *s, size_t n, int is_utf8);

/* Converts s to Unicode UTF-8 (precomposed where possible), appended to out. */
tt_rc legacy_to_utf8(const char *s, size_t n, int is_utf8, legacy_enc e, tt_buf *out);

/* "TCVN3", "VNI", or "utf-8" for LEGACY_NONE. */
const char *legacy_name(legacy_enc e);

#endif
