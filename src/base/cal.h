/* cal.h - the one calendar of the system. Timestamps are stored as UTC ISO
 * 8601 ("YYYY-MM-DDTHH:MM:SSZ"); days (deadlines, dates of documents) are
 * Vietnam days, UTC+7 without daylight saving, and a day ends at 24:00
 * Vietnam time. Everything that turns a time into text or a day into a
 * time goes through here. */
#ifndef TT_CAL_H
#define TT_CAL_H

#include <time.h>

#include "base/err.h"

#define CAL_VN_OFFSET (7 * 3600) /* seconds east of UTC */
#define CAL_ISO_LEN 21           /* "YYYY-MM-DDTHH:MM:SSZ" and its NUL */
#define CAL_DATE_LEN 11          /* "YYYY-MM-DD" and its NUL */

/* The UTC timestamp of t: "YYYY-MM-DDTHH:MM:SSZ". */
void cal_iso_utc(time_t t, char out[CAL_ISO_LEN]);
/* The Vietnam day t falls on: "YYYY-MM-DD". */
void cal_vn_date(time_t t, char out[CAL_DATE_LEN]);
/* Parses an ISO 8601 time with seconds and a zone: "...Z", "...+07:00",
 * "...-0530". Returns TT_ERR_INVALID for anything else (no zone, a day or
 * an hour out of range, trailing text). */
tt_rc cal_parse_iso(const char *s, time_t *out);
/* 1 if d is a real calendar day written YYYY-MM-DD (years 1900-2200). */
int cal_date_valid(const char *d);
/* The day `days` after (or before, when negative) the day d. TT_ERR_INVALID
 * when d is not a valid day. */
tt_rc cal_add_days(const char *d, int days, char out[CAL_DATE_LEN]);
/* The instant the Vietnam day d ends (24:00 UTC+7, i.e. 17:00 UTC of d).
 * TT_ERR_INVALID when d is not a valid day. */
tt_rc cal_vn_day_end(const char *d, time_t *out);
/* Reads "YYYY-MM-DD" (a day, kept as is) or a UTC timestamp (turned into
 * Vietnam time) into *out; *has_time says which. 0 if neither. */
int cal_vn_tm(const char *iso, struct tm *out, int *has_time);

#endif
