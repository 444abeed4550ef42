/* number.h - numbers the way Vietnamese officials write them.
 *
 * Thousands are grouped with a dot or a space and decimals follow a comma:
 * "1.200" and "1 200" are 1200, "350,5" is 350.5, "1.234.917,5" is
 * 1234917.5. A dot that is not followed by exactly three digits ("1.5") is
 * ambiguous and refused with a message that says to write "1,5". Only
 * decimal digits are read: no sign, hexadecimal, exponent, inf or nan. */
#ifndef TT_TEXT_NUMBER_H
#define TT_TEXT_NUMBER_H

#include "base/buf.h"

#define VN_NUMBER_MAX_DIGITS 15 /* digits a double holds exactly */

/* Reads s (surrounding blanks allowed). With integer_only, a fraction
 * other than zero is refused. On success *out is set and TT_OK returned;
 * otherwise TT_ERR_INVALID and *why is a static Vietnamese sentence saying
 * what to write instead. A blank string is refused too: callers that treat
 * a blank field as "no value" check for it first (vn_number_blank). */
tt_rc vn_number_parse(const char *s, int integer_only, double *out, const char **why);

/* True when s holds nothing but blanks (spaces, tabs, no-break spaces). */
int vn_number_blank(const char *s);

/* Appends v as Vietnamese text: "1.200", "350,5", "1.234.917,25". At most
 * four decimals, trailing zeros dropped. */
tt_rc vn_number_format(tt_buf *b, double v);

#endif
