/* date.c - Vietnamese date wording. Timestamps are stored in UTC and shown
 * in Vietnam time; the calendar itself is base/cal.c. */
#include "render/date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/cal.h"

/* Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" into local Vietnam time. */
static int parse(const char *iso, struct tm *out, int *has_time)
{
	return cal_vn_tm(iso, out, has_time);
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
