/* bodies.h - names of bodies (cơ quan, đơn vị) in running text.
 *
 * A plan's "Cơ quan chủ trì: ..." value is a list of bodies separated by
 * commas, semicolons and "và", but names themselves hold commas and "và"
 * ("Sở Văn hóa, Thể thao và Du lịch", "Sở Thông tin và Truyền thông"), and a
 * value may run on into what the body does ("Sở TT&TT đôn đốc, hướng dẫn").
 * A new name starts only at a head word (Sở, Ban, Bộ, UBND, các ...);
 * anything else continues the previous name, and a name ends before the
 * first verb of the duty it is given. */
#ifndef TT_BODIES_H
#define TT_BODIES_H

#include <stddef.h>

#include "text/doc.h"

/* True if s starts with a word that opens a body's name. */
int bodies_is_head(const char *s, size_t n);

/* Length of the leading actor phrase of s, before the first duty verb
 * ("chủ động", "thường xuyên", "phối hợp", ...) outside parentheses.
 * Trailing spaces and punctuation are not counted. */
size_t bodies_cut(const char *s, size_t n);

/* Strips a leading "Giao", "Đề nghị", "Yêu cầu", "và" from (*s, *n). */
void bodies_strip_lead(const char **s, size_t *n);

/* Splits a list of bodies and appends each name to out (strings in d's
 * arena). */
tt_rc bodies_split(doc *d, const char *s, size_t n, doc_strs *out);

#endif
