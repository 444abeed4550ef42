/* test_round_life.c - the pure rules of a round's life: the due date of a
 * report (its own, else the round's), the state shown (approved over
 * submitted), an open or closed round, and the rates as DHIS2 shows them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/round.h"

static void test_due_and_status(void **state)
{
	(void)state;
	st_round r = {.due = "2026-06-17"};
	st_report p = {.status = "draft"};
	assert_string_equal(round_report_due(&r, &p), "2026-06-17");
	p.due = "2026-06-25";
	assert_string_equal(round_report_due(&r, &p), "2026-06-25");
	r.due = "2026-06-30"; /* a later date for all wins over an earlier own one */
	assert_string_equal(round_report_due(&r, &p), "2026-06-30");
	r.due = "2026-06-17";
	assert_string_equal(round_report_status(&p), "draft");
	p.status = "submitted";
	assert_string_equal(round_report_status(&p), "submitted");
	p.approved_at = "2026-06-10T01:00:00Z";
	assert_string_equal(round_report_status(&p), "approved");
	p.status = "returned"; /* never stored together, but the status wins */
	assert_string_equal(round_report_status(&p), "returned");
	assert_true(round_open(&r));
	r.closed_at = "2026-06-20T01:00:00Z";
	assert_false(round_open(&r));
}

static void test_rates(void **state)
{
	(void)state;
	round_rates_t t = {0};
	round_rates_finish(&t);
	assert_int_equal(t.expected, 0);
	assert_true(t.rate == 0 && t.on_time_rate == 0); /* nothing expected: 0, not NaN */
	round_rates_add(&t, 0, 1);                       /* on time, approved */
	round_rates_add(&t, 1, 0);                       /* late */
	round_rates_add(&t, 2, 0);                       /* not due yet */
	round_rates_add(&t, 3, 0);                       /* overdue */
	round_rates_finish(&t);
	assert_int_equal(t.expected, 4);
	assert_int_equal(t.submitted, 2);
	assert_int_equal(t.on_time, 1);
	assert_int_equal(t.approved, 1);
	assert_true(t.rate == 50.0);
	assert_true(t.on_time_rate == 25.0);
}

static void test_state_with_own_due(void **state)
{
	(void)state;
	/* A report submitted after the round's due day but before its body's
	 * own: on time by its own date. */
	st_round r = {.due = "2026-06-17"};
	st_report p = {.status = "submitted", .submitted_at = "2026-06-20T03:00:00Z", .due = "2026-06-25"};
	assert_int_equal(round_report_state(r.due, &p, "2026-06-21T00:00:00Z"), 1);
	assert_int_equal(round_report_state(round_report_due(&r, &p), &p, "2026-06-21T00:00:00Z"), 0);
	st_report q = {.status = "draft", .due = "2026-06-25"};
	assert_int_equal(round_report_state(round_report_due(&r, &q), &q, "2026-06-21T00:00:00Z"), 2);
	assert_int_equal(round_report_state(round_report_due(&r, &q), &q, "2026-06-25T17:00:00Z"), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_due_and_status),
	    cmocka_unit_test(test_rates),
	    cmocka_unit_test(test_state_with_own_due),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
