/* cal.c - the calendar: UTC timestamps, Vietnam days, day arithmetic (see
 * cal.h). Owns the one month table of the system. */
#include "base/cal.h"

#include <stdio.h>
#include <string.h>

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap(y) ? 29 : mdays[m - 1];
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

/* Reads exactly "YYYY-MM-DD" at the start of s. */
static int read_day(const char *s, int *y, int *m, int *d)
{
	if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, y) || !digits(s + 5, 2, m) ||
	    !digits(s + 8, 2, d))
		return 0;
	return *y >= 1900 && *y <= 2200 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= month_days(*y, *m);
}

void cal_iso_utc(time_t t, char out[CAL_ISO_LEN])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, CAL_ISO_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void cal_vn_date(time_t t, char out[CAL_DATE_LEN])
{
	struct tm tm;
	time_t vn = t + CAL_VN_OFFSET;
	gmtime_r(&vn, &tm);
	strftime(out, CAL_DATE_LEN, "%Y-%m-%d", &tm);
}

int cal_date_valid(const char *d)
{
	int y, m, day;
	return d && strlen(d) == 10 && read_day(d, &y, &m, &day);
}

static time_t day_start_utc(int y, int m, int d)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d};
	return timegm(&tm);
}

tt_rc cal_parse_iso(const char *s, time_t *out)
{
	int y, mo, d, hh, mi, ss, oh = 0, om = 0, sign = 0;
	if (!read_day(s, &y, &mo, &d) || s[10] != 'T' || strlen(s) < 19 || !digits(s + 11, 2, &hh) ||
	    s[13] != ':' || !digits(s + 14, 2, &mi) || s[16] != ':' || !digits(s + 17, 2, &ss) || hh > 23 ||
	    mi > 59 || ss > 59)
		return TT_ERR_INVALID;
	const char *z = s + 19;
	if (!strcmp(z, "Z")) {
		sign = 0;
	} else if ((*z == '+' || *z == '-') && strlen(z) == 6 && z[3] == ':' && digits(z + 1, 2, &oh) &&
	           digits(z + 4, 2, &om)) {
		sign = *z == '+' ? 1 : -1;
	} else if ((*z == '+' || *z == '-') && strlen(z) == 5 && digits(z + 1, 2, &oh) &&
	           digits(z + 3, 2, &om)) {
		sign = *z == '+' ? 1 : -1;
	} else {
		return TT_ERR_INVALID;
	}
	if (oh > 14 || om > 59)
		return TT_ERR_INVALID;
	*out = day_start_utc(y, mo, d) + hh * 3600 + mi * 60 + ss - sign * (oh * 3600 + om * 60);
	return TT_OK;
}

tt_rc cal_add_days(const char *d, int days, char out[CAL_DATE_LEN])
{
	int y, m, day;
	if (!d || strlen(d) != 10 || !read_day(d, &y, &m, &day))
		return TT_ERR_INVALID;
	time_t t = day_start_utc(y, m, day) + (time_t)days * 86400;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, CAL_DATE_LEN, "%Y-%m-%d", &tm);
	return TT_OK;
}

tt_rc cal_vn_day_end(const char *d, time_t *out)
{
	int y, m, day;
	if (!d || !read_day(d, &y, &m, &day))
		return TT_ERR_INVALID;
	*out = day_start_utc(y, m, day) + 86400 - CAL_VN_OFFSET;
	return TT_OK;
}

int cal_vn_tm(const char *iso, struct tm *out, int *has_time)
{
	int y, m, d;
	if (!iso || !read_day(iso, &y, &m, &d))
		return 0;
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d};
	time_t t;
	*has_time = strlen(iso) >= 19 && cal_parse_iso(iso, &t) == TT_OK;
	if (*has_time) {
		t += CAL_VN_OFFSET;
		gmtime_r(&t, &tm);
	}
	*out = tm;
	return 1;
}
