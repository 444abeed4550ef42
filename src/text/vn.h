/* vn.h - Vietnamese text at the edge: UTF-8 validation, NFC normalisation,
 * and the keys used for matching and searching.
 *
 * All functions take a byte span (s, n) and never read past it. Results
 * written into a tt_buf are appended; the caller owns the buffer. */
#ifndef TT_VN_H
#define TT_VN_H

#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"

/* Returns TT_OK if s is valid UTF-8 (no overlongs, no surrogates, nothing
 * above U+10FFFF). Otherwise TT_ERR_UTF8 and, if bad_offset is non-NULL,
 * the byte offset of the first invalid sequence. */
tt_rc vn_utf8_validate(const char *s, size_t n, size_t *bad_offset);

/* Appends the NFC form of s to out. Fails with TT_ERR_UTF8 on invalid input. */
tt_rc vn_nfc(const char *s, size_t n, tt_buf *out);

/* Appends the search key of s to out: case-folded, diacritics removed,
 * đ/Đ/Ð folded to d, runs of whitespace collapsed to one space, trimmed.
 * "Thông tin Đối ngoại" -> "thong tin doi ngoai"; "NĐ-CP" -> "nd-cp". */
tt_rc vn_search_key(const char *s, size_t n, tt_buf *out);

/* Appends the matching key of s to out: NFC, case-folded, with the two
 * tone-placement conventions unified (hoà = hòa, thuý = thúy, uỷ = ủy), and
 * whitespace collapsed. Diacritics are kept: "Hòa" and "Hoa" differ. */
tt_rc vn_match_key(const char *s, size_t n, tt_buf *out);

/* Vietnamese alphabetical comparison (a ă â b c d đ e ê ... o ô ơ ... u ư),
 * with the shape of a qsort/SQLite collation: <0, 0, >0. */
int vn_collate(const char *a, size_t an, const char *b, size_t bn);

/* Appends the sort key of s to out: ASCII text whose plain byte order is
 * the order of vn_collate, so a database can sort by a stored column
 * without calling back into C. */
tt_rc vn_sort_key(const char *s, size_t n, tt_buf *out);

#endif
