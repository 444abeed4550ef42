/* test_cal.c - the calendar and the clock: ISO times with zones, TTDN_NOW,
 * Vietnam day boundaries, day arithmetic across months and years, and the
 * deadline rule of reports built on them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/cal.h"
#include "base/clock.h"
#include "core/round.h"

static time_t iso(const char *s)
{
	time_t t = 0;
	assert_int_equal(cal_parse_iso(s, &t), TT_OK);
	return t;
}

static void test_parse_iso(void **state)
{
	(void)state;
	char buf[CAL_ISO_LEN];
	cal_iso_utc(iso("2026-06-18T08:00:00+07:00"), buf);
	assert_string_equal(buf, "2026-06-18T01:00:00Z");
	cal_iso_utc(iso("2026-06-18T01:00:00Z"), buf);
	assert_string_equal(buf, "2026-06-18T01:00:00Z");
	cal_iso_utc(iso("2026-01-01T03:00:00+0700"), buf);
	assert_string_equal(buf, "2025-12-31T20:00:00Z");
	cal_iso_utc(iso("2026-02-28T22:30:00-05:30"), buf);
	assert_string_equal(buf, "2026-03-01T04:00:00Z");
	cal_iso_utc(iso("2024-02-29T00:00:00Z"), buf);
	assert_string_equal(buf, "2024-02-29T00:00:00Z");
	const char *bad[] = {"",
	                     "2026-06-18",
	                     "2026-06-18T08:00:00",       /* no zone */
	                     "2026-06-18 08:00:00+07:00", /* no T */
	                     "2026-06-18T24:00:00Z",
	                     "2026-06-31T08:00:00Z",
	                     "2025-02-29T08:00:00Z",
	                     "2026-13-01T08:00:00Z",
	                     "2026-06-18T08:00:00+07:00x",
	                     "2026-06-18T08:00:00+7",
	                     "2026-06-18T08:00+07:00",
	                     "hôm nay"};
	time_t t;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(cal_parse_iso(bad[i], &t), TT_ERR_INVALID);
}

static void test_vn_day(void **state)
{
	(void)state;
	char d[CAL_DATE_LEN];
	/* 16:59:59 UTC is still the same Vietnam day; 17:00 UTC is the next. */
	cal_vn_date(iso("2026-06-17T16:59:59Z"), d);
	assert_string_equal(d, "2026-06-17");
	cal_vn_date(iso("2026-06-17T17:00:00Z"), d);
	assert_string_equal(d, "2026-06-18");
	cal_vn_date(iso("2025-12-31T23:00:00+07:00"), d);
	assert_string_equal(d, "2025-12-31");
	cal_vn_date(iso("2025-12-31T18:00:00Z"), d);
	assert_string_equal(d, "2026-01-01");
	time_t end;
	assert_int_equal(cal_vn_day_end("2026-06-17", &end), TT_OK);
	assert_int_equal(end, iso("2026-06-18T00:00:00+07:00"));
	assert_int_equal(cal_vn_day_end("2026-02-30", &end), TT_ERR_INVALID);
	struct tm tm;
	int has_time;
	assert_true(cal_vn_tm("2026-06-17T17:30:00Z", &tm, &has_time));
	assert_true(has_time);
	assert_int_equal(tm.tm_mday, 18);
	assert_int_equal(tm.tm_hour, 0);
	assert_int_equal(tm.tm_min, 30);
	assert_true(cal_vn_tm("2026-06-17", &tm, &has_time));
	assert_false(has_time);
	assert_int_equal(tm.tm_mday, 17);
	assert_false(cal_vn_tm("17/06/2026", &tm, &has_time));
}

static void test_add_days(void **state)
{
	(void)state;
	char d[CAL_DATE_LEN];
	assert_int_equal(cal_add_days("2026-01-31", 1, d), TT_OK);
	assert_string_equal(d, "2026-02-01");
	assert_int_equal(cal_add_days("2026-02-28", 1, d), TT_OK);
	assert_string_equal(d, "2026-03-01");
	assert_int_equal(cal_add_days("2024-02-28", 1, d), TT_OK);
	assert_string_equal(d, "2024-02-29");
	assert_int_equal(cal_add_days("2025-12-25", 14, d), TT_OK);
	assert_string_equal(d, "2026-01-08");
	assert_int_equal(cal_add_days("2026-01-01", -1, d), TT_OK);
	assert_string_equal(d, "2025-12-31");
	assert_int_equal(cal_add_days("2026-03-01", -1, d), TT_OK);
	assert_string_equal(d, "2026-02-28");
	assert_int_equal(cal_add_days("2026-02-29", 1, d), TT_ERR_INVALID);
	assert_true(cal_date_valid("2000-02-29"));
	assert_false(cal_date_valid("1900-02-29"));
	assert_false(cal_date_valid("2026-06-1"));
	assert_false(cal_date_valid("2026-06-10x"));
}

static void test_clock_env(void **state)
{
	(void)state;
	const char *why = NULL;
	setenv("TTDN_NOW", "2026-06-18T08:00:00+07:00", 1);
	assert_int_equal(clock_init(&why), TT_OK);
	assert_int_equal(clock_now(), iso("2026-06-18T01:00:00Z"));
	setenv("TTDN_NOW", "18/06/2026 08:00", 1);
	assert_int_equal(clock_init(&why), TT_ERR_INVALID);
	assert_non_null(why);
	assert_non_null(strstr(why, "TTDN_NOW"));
	unsetenv("TTDN_NOW");
	assert_int_equal(clock_init(&why), TT_OK);
	time_t before = time(NULL);
	time_t now = clock_now();
	assert_true(now >= before && now <= time(NULL));
}

static void test_report_deadline(void **state)
{
	(void)state;
	char now[CAL_ISO_LEN];
	st_report open = {.status = "draft"};
	st_report on_time = {.status = "submitted", .submitted_at = "2026-06-17T16:59:59Z"};
	st_report late = {.status = "submitted", .submitted_at = "2026-06-17T17:00:00Z"};
	cal_iso_utc(iso("2026-06-17T23:00:00+07:00"), now);
	assert_int_equal(round_report_state("2026-06-17", &open, now), 2);
	cal_iso_utc(iso("2026-06-18T08:00:00+07:00"), now);
	assert_int_equal(round_report_state("2026-06-17", &open, now), 3);
	assert_int_equal(round_report_state("2026-06-17", &on_time, now), 0);
	assert_int_equal(round_report_state("2026-06-17", &late, now), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_iso),       cmocka_unit_test(test_vn_day),
	    cmocka_unit_test(test_add_days),        cmocka_unit_test(test_clock_env),
	    cmocka_unit_test(test_report_deadline),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
