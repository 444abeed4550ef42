/* test_date_input.c - dates typed into forms the Vietnamese way: day
 * first, never guessed when the digits can mean more than one day. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text/date.h"

static void assert_reads(const char *in, const char *want)
{
	char iso[11] = "unchanged";
	date_input e = date_read_input(in, iso);
	if (e != DATE_IN_OK)
		fail_msg("\"%s\" refused (%d): %s", in, (int)e, date_input_why(e));
	if (strcmp(iso, want))
		fail_msg("\"%s\" read as %s, expected %s", in, iso, want);
}

static void assert_refused(const char *in, date_input want)
{
	char iso[11] = "unchanged";
	date_input e = date_read_input(in, iso);
	if (e != want)
		fail_msg("\"%s\": got %d (%s), expected %d", in, (int)e, iso, (int)want);
	assert_string_equal(iso, "unchanged");
	assert_non_null(date_input_why(e));
}

static void test_vietnamese_forms(void **state)
{
	(void)state;
	assert_reads("15/12/2017", "2017-12-15");
	assert_reads("15122017", "2017-12-15");
	assert_reads("5/1/2018", "2018-01-05");
	assert_reads("05/01/2018", "2018-01-05");
	assert_reads("15-12-2017", "2017-12-15");
	assert_reads("15.12.2017", "2017-12-15");
	assert_reads("  29/02/2024 ", "2024-02-29");
	assert_reads("01012025", "2025-01-01");
	/* what a date picker and the API send */
	assert_reads("2017-12-15", "2017-12-15");
}

static void test_never_another_date(void **state)
{
	(void)state;
	/* day first: 12/15/2017 is no date, not 15 December */
	assert_refused("12/15/2017", DATE_IN_INVALID);
	assert_refused("31/02/2017", DATE_IN_INVALID);
	assert_refused("29/02/2023", DATE_IN_INVALID);
	assert_refused("32122017", DATE_IN_INVALID);
	assert_refused("2017-02-30", DATE_IN_INVALID);
	assert_refused("00/12/2017", DATE_IN_INVALID);
	/* the century or the split would be a guess */
	assert_refused("151217", DATE_IN_AMBIGUOUS);
	assert_refused("1122017", DATE_IN_AMBIGUOUS);
	assert_refused("15/12/17", DATE_IN_AMBIGUOUS);
	/* not a date at all */
	assert_refused("", DATE_IN_EMPTY);
	assert_refused("   ", DATE_IN_EMPTY);
	assert_refused(NULL, DATE_IN_EMPTY);
	assert_refused("15/12-2017", DATE_IN_FORMAT);
	assert_refused("15 tháng 12", DATE_IN_FORMAT);
	assert_refused("151220171", DATE_IN_FORMAT);
	assert_refused("15/12/2017x", DATE_IN_FORMAT);
	assert_refused("115/12/2017", DATE_IN_FORMAT);
	assert_refused("2017/12/15", DATE_IN_FORMAT);
	assert_refused("15//2017", DATE_IN_FORMAT);
	assert_refused("15/12/20170", DATE_IN_FORMAT);
	assert_refused("15/12/1800", DATE_IN_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_vietnamese_forms),
	    cmocka_unit_test(test_never_another_date),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
