/* date.c - Vietnamese date formats. Timestamps are stored in UTC and shown
 * in Vietnam time (UTC+7, no daylight saving). */
#include "render/date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" into local Vietnam time. */
static int parse(const char *iso, struct tm *out, int *has_time)
{
	int y, m, d, hh = 0, mm = 0, ss = 0;
	if (!iso || strlen(iso) < 10 || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 ||
	    d < 1 || d > 31)
		return 0;
	*has_time = strlen(iso) >= 19 && sscanf(iso + 11, "%2d:%2d:%2d", &hh, &mm, &ss) == 3;
	struct tm tm = {
	    .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = hh, .tm_min = mm, .tm_sec = ss};
	if (*has_time) {
		time_t t = timegm(&tm) + 7 * 3600;
		gmtime_r(&t, &tm);
	}
	*out = tm;
	return 1;
}

tt_rc date_vn_long(tt_buf *b, const char *iso)
{
	struct tm tm;
	int has_time;
	if (!parse(iso, &tm, &has_time))
		return buf_adds(b, iso ? iso : "");
	return buf_printf(b, "ngày %02d tháng %02d năm %04d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900);
}

tt_rc date_vn_short(tt_buf *b, const char *iso)
{
	struct tm tm;
	int has_time;
	if (!parse(iso, &tm, &has_time))
		return buf_adds(b, iso ? iso : "");
	if (has_time)
		return buf_printf(b, "%02d/%02d/%04d %02d:%02d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900,
		                  tm.tm_hour, tm.tm_min);
	return buf_printf(b, "%02d/%02d/%04d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900);
}
