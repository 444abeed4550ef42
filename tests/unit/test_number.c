/* test_number.c - numbers typed and shown the Vietnamese way: grouped
 * thousands, decimal comma, and the ambiguous forms that are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text/number.h"

static void assert_reads(const char *in, int integer_only, double want)
{
	double v = -1;
	const char *why = NULL;
	tt_rc rc = vn_number_parse(in, integer_only, &v, &why);
	if (rc != TT_OK)
		fail_msg("\"%s\" refused: %s", in, why);
	if (v != want)
		fail_msg("\"%s\" read as %.6f, expected %.6f", in, v, want);
}

static void assert_refused(const char *in, int integer_only, const char *why_has)
{
	double v = 12345;
	const char *why = NULL;
	tt_rc rc = vn_number_parse(in, integer_only, &v, &why);
	if (rc != TT_ERR_INVALID)
		fail_msg("\"%s\" accepted as %.6f", in, v);
	assert_non_null(why);
	if (why_has && !strstr(why, why_has))
		fail_msg("\"%s\": message \"%s\" lacks \"%s\"", in, why, why_has);
	assert_true(v == 12345); /* out-parameter untouched on failure */
}

static void test_grouped_thousands(void **state)
{
	assert_reads("1.200", 1, 1200);
	assert_reads("1 200", 1, 1200);
	assert_reads("1\xc2\xa0"
	             "200",
	             1, 1200); /* no-break space */
	assert_reads("1\xe2\x80\xaf"
	             "200",
	             1, 1200); /* narrow no-break space */
	assert_reads("1.234.917", 1, 1234917);
	assert_reads("12.000.000.000", 1, 12000000000.0);
	assert_reads("  72  ", 1, 72);
	assert_reads("0", 1, 0);
	assert_reads("007", 1, 7);
}

static void test_decimal_comma(void **state)
{
	assert_reads("350,5", 0, 350.5);
	assert_reads("1.234.917,25", 0, 1234917.25);
	assert_reads("0,5", 0, 0.5);
	assert_reads("1 700,75", 0, 1700.75);
	assert_reads("2,0", 1, 2); /* a zero fraction is still a whole number */
}

static void test_ambiguous_and_foreign_forms_refused(void **state)
{
	assert_refused("1.5", 0, "1,5");
	assert_refused("1.50", 0, "1,5");
	assert_refused("1.2345", 0, "1,5");
	assert_refused("0.500", 0, NULL);
	assert_refused("1.200 000", 0, NULL); /* mixed separators */
	assert_refused("1234.567", 0, NULL);  /* first group longer than three */
	assert_refused("1.200.5", 0, NULL);
	assert_refused("1,2,3", 0, NULL);
	assert_refused("350,", 0, NULL);
	assert_refused(",5", 0, NULL);
	assert_refused("0x10", 0, NULL);
	assert_refused("1e3", 0, NULL);
	assert_refused("inf", 0, NULL);
	assert_refused("nan", 0, NULL);
	assert_refused("-3", 0, "âm");
	assert_refused("+3", 0, NULL);
	assert_refused("", 0, NULL);
	assert_refused("   ", 0, NULL);
	assert_refused("12 người", 0, NULL);
	assert_refused("1234567890123456", 0, "lớn");
}

static void test_integer_counts_refuse_fractions(void **state)
{
	assert_refused("2,5", 1, "số nguyên");
	assert_refused("1.200,1", 1, "số nguyên");
	assert_reads("2,5", 0, 2.5);
}

static void test_blank(void **state)
{
	assert_true(vn_number_blank(""));
	assert_true(vn_number_blank(" \t\xc2\xa0"));
	assert_true(vn_number_blank(NULL));
	assert_false(vn_number_blank(" 1 "));
}

static void assert_shown(double v, const char *want)
{
	tt_buf b;
	buf_init(&b, 64);
	assert_int_equal(vn_number_format(&b, v), TT_OK);
	if (strcmp(b.data, want))
		fail_msg("%.6f shown as \"%s\", expected \"%s\"", v, b.data, want);
	buf_free(&b);
}

static void test_format(void **state)
{
	assert_shown(0, "0");
	assert_shown(72, "72");
	assert_shown(1200, "1.200");
	assert_shown(350.5, "350,5");
	assert_shown(1234917.25, "1.234.917,25");
	assert_shown(1000000, "1.000.000");
	assert_shown(-1500.5, "-1.500,5");
	assert_shown(0.1 + 0.2, "0,3");
	/* What is shown reads back as the same value. */
	double v;
	const char *why;
	assert_int_equal(vn_number_parse("1.234.917,25", 0, &v, &why), TT_OK);
	assert_shown(v, "1.234.917,25");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_grouped_thousands),
	    cmocka_unit_test(test_decimal_comma),
	    cmocka_unit_test(test_ambiguous_and_foreign_forms_refused),
	    cmocka_unit_test(test_integer_counts_refuse_fractions),
	    cmocka_unit_test(test_blank),
	    cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
