/* period.h - the legal reporting periods of Decree 09/2019/NĐ-CP. Each
 * period of a year has a data cut-off window from the 15th of one month to
 * the 14th of another: the year and its first half, nine months, quarters
 * and months all start on 15/12 of the previous year at the earliest. A
 * period has a key ("2026-H1"), a kind, a Vietnamese label ("6 tháng đầu
 * năm 2026") and its first and last day. Pure functions, no store. */
#ifndef TT_PERIOD_H
#define TT_PERIOD_H

#include <stddef.h>

#include "base/cal.h"
#include "base/err.h"

typedef enum {
	PERIOD_MONTH,       /* "2026-M03": Tháng 3 năm 2026, 2026-02-15 .. 2026-03-14 */
	PERIOD_QUARTER,     /* "2026-Q1": Quý I năm 2026, 2025-12-15 .. 2026-03-14 */
	PERIOD_HALF_YEAR,   /* "2026-H1" / "2026-H2": 6 tháng đầu / cuối năm 2026 */
	PERIOD_NINE_MONTHS, /* "2026-9M": 9 tháng năm 2026, 2025-12-15 .. 2026-09-14 */
	PERIOD_YEAR,        /* "2026-Y": Năm 2026, 2025-12-15 .. 2026-12-14 */
} period_kind;

#define PERIOD_MAX 12        /* the most periods of one kind in a year (months) */
#define PERIOD_YEAR_MIN 1901 /* the years a period may be of */
#define PERIOD_YEAR_MAX 2199

typedef struct {
	char key[12]; /* "2026-M03" */
	period_kind kind;
	char label[40]; /* "Tháng 3 năm 2026" */
	char start[CAL_DATE_LEN], end[CAL_DATE_LEN];
} period;

/* The kind's name in the API ("month", "quarter", "half_year",
 * "nine_months", "year"). */
const char *period_kind_name(period_kind k);
/* Reads a kind's name. TT_ERR_INVALID when s is no kind. */
tt_rc period_kind_parse(const char *s, period_kind *out);
/* The periods of kind k in year, in order, into out (room for
 * PERIOD_MAX); returns how many, 0 when year is out of range. */
size_t period_list(period_kind k, int year, period out[PERIOD_MAX]);
/* The period of a key ("2026-Q2"). TT_ERR_INVALID when key names none. */
tt_rc period_from_key(const char *key, period *out);

#endif
