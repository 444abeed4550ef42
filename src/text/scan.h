/* scan.h - small UTF-8 scanning helpers shared by the grammar pieces of the
 * parser (symbols, dates, timeframes, bodies). They work on byte spans of
 * NFC text and never read past n. Case-insensitive helpers compare code
 * points after utf8proc_tolower, so "Thời gian" matches "thời gian" and
 * "THỜI GIAN"; the literal must be given in lower case, NFC. */
#ifndef TT_SCAN_H
#define TT_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* Decodes the code point at s[i]; returns its length (>= 1) and sets *cp.
 * Invalid bytes decode as themselves with length 1, so scanning always
 * advances. */
size_t sc_next(const char *s, size_t n, size_t i, int32_t *cp);
/* Start offset of the code point that ends just before s[i] (i > 0). */
size_t sc_prev(const char *s, size_t i);

int sc_is_letter(int32_t cp);
int sc_is_upper(int32_t cp);
int sc_is_lower(int32_t cp);
int sc_is_digit(int32_t cp);
/* Spaces, tabs, NBSP and other Unicode spaces. */
int sc_is_space(int32_t cp);

/* If s starts with lit (case-insensitively), returns the number of bytes of
 * s that matched; otherwise 0. */
size_t sc_prefix(const char *s, size_t n, const char *lit);
/* Like sc_prefix but also requires a word boundary after the match. */
size_t sc_word(const char *s, size_t n, const char *lit);
/* Offset of the first case-insensitive occurrence of lit at or after from,
 * starting on a word boundary; (size_t)-1 if none. */
size_t sc_find(const char *s, size_t n, size_t from, const char *lit);

/* Skips spaces from i; returns the new offset. */
size_t sc_skip_space(const char *s, size_t n, size_t i);
/* Trims spaces and the characters in extra from both ends of (*s, *n). */
void sc_trim(const char **s, size_t *n, const char *extra);

/* Parses 1..maxd ASCII digits at s[*i]; returns the value or -1. */
long sc_digits(const char *s, size_t n, size_t *i, int maxd);

/* True if the span has at least one letter and no lower-case letter. */
int sc_all_upper(const char *s, size_t n);

/* The search key (vn_search_key) of a span in a scratch buffer the caller
 * owns; returns b->data or "" on failure. */
const char *sc_key(const char *s, size_t n, tt_buf *b);
/* True if key (a search key) contains word-bounded lit (ASCII). */
int sc_key_has(const char *key, const char *lit);
/* True if key starts with word-bounded lit. */
int sc_key_starts(const char *key, const char *lit);

#endif
