/* test_period.c - Decree 09/2019 reporting periods: every kind, the
 * January and year boundaries, labels and keys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/period.h"

static void check(const period *p, const char *key, const char *label, const char *start, const char *end)
{
	assert_string_equal(p->key, key);
	assert_string_equal(p->label, label);
	assert_string_equal(p->start, start);
	assert_string_equal(p->end, end);
	period q;
	assert_int_equal(period_from_key(key, &q), TT_OK);
	assert_memory_equal(&q, p, sizeof q);
}

static void test_year_kinds(void **state)
{
	(void)state;
	period p[PERIOD_MAX];
	assert_int_equal(period_list(PERIOD_YEAR, 2026, p), 1);
	check(&p[0], "2026-Y", "Năm 2026", "2025-12-15", "2026-12-14");
	assert_int_equal(p[0].kind, PERIOD_YEAR);
	assert_int_equal(period_list(PERIOD_HALF_YEAR, 2026, p), 2);
	check(&p[0], "2026-H1", "6 tháng đầu năm 2026", "2025-12-15", "2026-06-14");
	check(&p[1], "2026-H2", "6 tháng cuối năm 2026", "2026-06-15", "2026-12-14");
	assert_int_equal(period_list(PERIOD_NINE_MONTHS, 2026, p), 1);
	check(&p[0], "2026-9M", "9 tháng năm 2026", "2025-12-15", "2026-09-14");
}

static void test_quarters(void **state)
{
	(void)state;
	period p[PERIOD_MAX];
	assert_int_equal(period_list(PERIOD_QUARTER, 2026, p), 4);
	check(&p[0], "2026-Q1", "Quý I năm 2026", "2025-12-15", "2026-03-14");
	check(&p[1], "2026-Q2", "Quý II năm 2026", "2026-03-15", "2026-06-14");
	check(&p[2], "2026-Q3", "Quý III năm 2026", "2026-06-15", "2026-09-14");
	check(&p[3], "2026-Q4", "Quý IV năm 2026", "2026-09-15", "2026-12-14");
}

static void test_months(void **state)
{
	(void)state;
	period p[PERIOD_MAX];
	assert_int_equal(period_list(PERIOD_MONTH, 2026, p), 12);
	check(&p[0], "2026-M01", "Tháng 1 năm 2026", "2025-12-15", "2026-01-14");
	check(&p[1], "2026-M02", "Tháng 2 năm 2026", "2026-01-15", "2026-02-14");
	check(&p[2], "2026-M03", "Tháng 3 năm 2026", "2026-02-15", "2026-03-14");
	check(&p[11], "2026-M12", "Tháng 12 năm 2026", "2026-11-15", "2026-12-14");
	/* The months follow each other without a gap: each starts the day
	 * after the one before ends. */
	for (int i = 1; i < 12; i++) {
		char next[CAL_DATE_LEN];
		assert_int_equal(cal_add_days(p[i - 1].end, 1, next), TT_OK);
		assert_string_equal(next, p[i].start);
	}
}

static void test_year_boundaries(void **state)
{
	(void)state;
	period a[PERIOD_MAX], b[PERIOD_MAX];
	/* December of one year ends the day before January of the next. */
	assert_int_equal(period_list(PERIOD_MONTH, 2025, a), 12);
	assert_int_equal(period_list(PERIOD_MONTH, 2026, b), 12);
	char next[CAL_DATE_LEN];
	assert_int_equal(cal_add_days(a[11].end, 1, next), TT_OK);
	assert_string_equal(next, b[0].start);
	assert_string_equal(a[11].end, "2025-12-14");
	/* The year 2026 starts in 2025; the year 2027 the day after it ends. */
	assert_int_equal(period_list(PERIOD_YEAR, 2027, a), 1);
	check(&a[0], "2027-Y", "Năm 2027", "2026-12-15", "2027-12-14");
	assert_int_equal(period_list(PERIOD_QUARTER, 2000, a), 4);
	check(&a[0], "2000-Q1", "Quý I năm 2000", "1999-12-15", "2000-03-14");
	assert_int_equal(period_list(PERIOD_YEAR, PERIOD_YEAR_MIN - 1, a), 0);
	assert_int_equal(period_list(PERIOD_YEAR, PERIOD_YEAR_MAX + 1, a), 0);
	assert_int_equal(period_list(PERIOD_MONTH, PERIOD_YEAR_MAX, a), 12);
}

static void test_kinds_and_bad_keys(void **state)
{
	(void)state;
	const char *names[] = {"month", "quarter", "half_year", "nine_months", "year"};
	for (size_t i = 0; i < 5; i++) {
		period_kind k;
		assert_int_equal(period_kind_parse(names[i], &k), TT_OK);
		assert_int_equal(k, (period_kind)i);
		assert_string_equal(period_kind_name(k), names[i]);
	}
	period_kind k;
	assert_int_equal(period_kind_parse("week", &k), TT_ERR_INVALID);
	assert_int_equal(period_kind_parse("", &k), TT_ERR_INVALID);
	assert_int_equal(period_kind_parse(NULL, &k), TT_ERR_INVALID);
	const char *bad[] = {"",         "2026",    "2026-",    "2026-H3",  "2026-Q0", "2026-Q5", "2026-M00",
	                     "2026-M13", "2026-M3", "2026-M1x", "2026-9m",  "2026-y",  "26-Y",    "2026-YY",
	                     "1900-Y",   "2200-Y",  "x026-Y",   "2026-H1 ", "2026-Q12"};
	period p;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(period_from_key(bad[i], &p), TT_ERR_INVALID);
	assert_int_equal(period_from_key(NULL, &p), TT_ERR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_year_kinds),
	    cmocka_unit_test(test_quarters),
	    cmocka_unit_test(test_months),
	    cmocka_unit_test(test_year_boundaries),
	    cmocka_unit_test(test_kinds_and_bad_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
