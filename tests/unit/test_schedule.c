/* test_schedule.c - the pure date logic of schedules: which periods a tick
 * opens (cut-off day on or after the schedule was made, up to today) and
 * the period a round's two days are. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/schedule.h"

static void test_opens_on_cut_off_day(void **state)
{
	(void)state;
	period p[64];
	/* made 10/06/2026: nothing before 14/06, H1 on 14/06 itself */
	assert_int_equal(schedule_due_periods(PERIOD_HALF_YEAR, "2026-06-10", "2026-06-13", p, 64), 0);
	assert_int_equal(schedule_due_periods(PERIOD_HALF_YEAR, "2026-06-10", "2026-06-14", p, 64), 1);
	assert_string_equal(p[0].key, "2026-H1");
	/* later ticks still list it (the database says it is open) */
	assert_int_equal(schedule_due_periods(PERIOD_HALF_YEAR, "2026-06-10", "2026-12-14", p, 64), 2);
	assert_string_equal(p[1].key, "2026-H2");
	/* the year 2026 ends on 14/12/2026 */
	assert_int_equal(schedule_due_periods(PERIOD_YEAR, "2026-06-10", "2026-12-13", p, 64), 0);
	assert_int_equal(schedule_due_periods(PERIOD_YEAR, "2026-06-10", "2026-12-14", p, 64), 1);
	assert_string_equal(p[0].key, "2026-Y");
}

static void test_no_backfill(void **state)
{
	(void)state;
	period p[64];
	/* made 15/06/2026, a day after H1's cut-off: H1 is never opened */
	assert_int_equal(schedule_due_periods(PERIOD_HALF_YEAR, "2026-06-15", "2026-07-01", p, 64), 0);
	/* months: made in June, ticking in September opens June, July, August */
	assert_int_equal(schedule_due_periods(PERIOD_MONTH, "2026-06-10", "2026-09-13", p, 64), 3);
	assert_string_equal(p[0].key, "2026-M06");
	assert_string_equal(p[2].key, "2026-M08");
	/* across the new year: the month of January ends 14/01 */
	assert_int_equal(schedule_due_periods(PERIOD_MONTH, "2026-12-20", "2027-01-14", p, 64), 1);
	assert_string_equal(p[0].key, "2027-M01");
	assert_string_equal(p[0].start, "2026-12-15");
	/* quarters and nine months */
	assert_int_equal(schedule_due_periods(PERIOD_QUARTER, "2026-01-01", "2026-12-31", p, 64), 4);
	assert_string_equal(p[3].end, "2026-12-14");
	assert_int_equal(schedule_due_periods(PERIOD_NINE_MONTHS, "2026-01-01", "2026-12-31", p, 64), 1);
	/* the room given is respected; a bad day gives nothing */
	assert_int_equal(schedule_due_periods(PERIOD_MONTH, "2020-01-01", "2026-12-31", p, 5), 5);
	assert_int_equal(schedule_due_periods(PERIOD_MONTH, "2026-02-30", "2026-12-31", p, 64), 0);
	assert_int_equal(schedule_due_periods(PERIOD_MONTH, "2026-12-31", "2026-01-01", p, 64), 0);
}

static void test_period_of(void **state)
{
	(void)state;
	period p;
	assert_int_equal(schedule_period_of("2025-12-15", "2026-06-14", &p), TT_OK);
	assert_string_equal(p.key, "2026-H1");
	assert_int_equal(schedule_period_of("2025-12-15", "2026-12-14", &p), TT_OK);
	assert_string_equal(p.key, "2026-Y");
	assert_int_equal(schedule_period_of("2026-02-15", "2026-03-14", &p), TT_OK);
	assert_string_equal(p.key, "2026-M03");
	assert_int_equal(schedule_period_of("2026-01-01", "2026-06-30", &p), TT_ERR_NOT_FOUND);
	assert_int_equal(schedule_period_of("x", "2026-06-30", &p), TT_ERR_NOT_FOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_opens_on_cut_off_day),
	    cmocka_unit_test(test_no_backfill),
	    cmocka_unit_test(test_period_of),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
