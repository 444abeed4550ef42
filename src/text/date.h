/* date.h - the date grammar of administrative text.
 *
 * Dates are written "18/8/2017", "07/09/2015", "18-8-2017", "18.8.2017" or
 * "ngày 18 tháng 8 năm 2017"; months may carry a leading zero ("08"). Drafts
 * leave the day and month blank ("ngày   tháng   năm 2023"): only the year
 * is then known. */
#ifndef TT_TEXT_DATE_H
#define TT_TEXT_DATE_H

#include <stddef.h>

/* True if y-m-d is a real calendar date (1900..2199). */
int date_valid(int y, int m, int d);

enum {
	DATE_NEED_YEAR = 0,
	DATE_YEAR_OPTIONAL = 1, /* "15/6", "ngày 25 tháng 6" are accepted, *y = 0 */
};

/* Parses a date at the start of s (an optional leading "ngày" is part of it).
 * Returns the number of bytes consumed, or 0 if no date starts there. On a
 * blank draft date sets *m = *d = 0 and only *y. Out-parameters are set only
 * on success. */
size_t date_parse(const char *s, size_t n, int flags, int *y, int *m, int *d);

/* Finds the first date in s; returns its offset or (size_t)-1, and its
 * length in *len. */
size_t date_find(const char *s, size_t n, int flags, size_t *len, int *y, int *m, int *d);

/* What date_read_input() made of a typed date. */
typedef enum {
	DATE_IN_OK = 0,
	DATE_IN_EMPTY,     /* nothing but spaces */
	DATE_IN_FORMAT,    /* not one of the accepted forms */
	DATE_IN_AMBIGUOUS, /* digits that can be read as more than one date ("1122017", "151217") */
	DATE_IN_INVALID,   /* the form is right but no such day ("31/02/2017") */
} date_input;

/* Reads a date typed into a form field, strictly, the Vietnamese way:
 * "15/12/2017", "5/1/2017" (also with "-" or "." between), "15122017"
 * (exactly eight digits, day month year), or "2017-12-15" (what a date
 * picker and the API send). Two-digit years, six or seven digits, and a
 * day that does not exist are refused, never guessed. Spaces around are
 * ignored. On DATE_IN_OK writes "YYYY-MM-DD" into iso; otherwise leaves it. */
date_input date_read_input(const char *s, char iso[11]);
/* Why a typed date was refused, in Vietnamese, saying what to type
 * instead (static string); NULL for DATE_IN_OK. */
const char *date_input_why(date_input e);

/* Writes "YYYY-MM-DD" (11 bytes with NUL) into out. */
void date_iso(char out[11], int y, int m, int d);

#endif
