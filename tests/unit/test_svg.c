/* test_svg.c - the chart of shares: each row's label, figure and share of
 * the total with a decimal comma, links only where given, an accessible
 * title, and labels escaped. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "render/svg.h"

static char *render(const svg_segment *seg, const char *const *href, size_t n, const char *title)
{
	tt_buf b;
	buf_init(&b, 1 << 20);
	assert_int_equal(svg_share_bars(&b, title, seg, href, n), TT_OK);
	char *s = strndup(b.data, b.len);
	buf_free(&b);
	return s;
}

static void test_shares(void **state)
{
	(void)state;
	svg_segment seg[] = {
	    {"Quá hạn", 1, "#c62828"}, {"Đang thực hiện", 7, "#1565c0"}, {"Chưa đến hạn", 0, "#78909c"}};
	char *s = render(seg, NULL, 3, "Tình trạng");
	assert_non_null(strstr(s, "role=\"img\" aria-label=\"Tình trạng\""));
	assert_non_null(strstr(s, "<title>Tình trạng</title>"));
	assert_non_null(strstr(s, ">Quá hạn</text>"));
	assert_non_null(strstr(s, ">1 (12,5%)</text>"));
	assert_non_null(strstr(s, ">7 (87,5%)</text>"));
	assert_non_null(strstr(s, ">0 (0%)</text>"));
	assert_null(strstr(s, "<a "));
	free(s);
}

static void test_links_and_escaping(void **state)
{
	(void)state;
	svg_segment seg[] = {{"<b>", 2, "#000"}, {"B", 1, "#111"}};
	const char *href[] = {"/plans/1?at=2019-01-01&status=overdue", NULL};
	char *s = render(seg, href, 2, "a \"b\"");
	assert_non_null(strstr(s, "aria-label=\"a &quot;b&quot;\""));
	assert_non_null(strstr(s, "&lt;b&gt;</text>"));
	assert_non_null(strstr(s, "<a href=\"/plans/1?at=2019-01-01&amp;status=overdue\">"));
	assert_non_null(strstr(s, ">1 (33,3%)</text>"));
	char *first = strstr(s, "<a ");
	assert_null(strstr(first + 1, "<a "));
	free(s);
}

static void test_empty_total(void **state)
{
	(void)state;
	svg_segment seg[] = {{"A", 0, "#000"}};
	char *s = render(seg, NULL, 1, "t");
	assert_non_null(strstr(s, ">0 (0%)</text>"));
	assert_non_null(strstr(s, "</svg>"));
	free(s);
}

/* The line chart of rates: one polyline per series through the points
 * that have a value, a marker with the value as "66,7%" per point, the
 * legend, and labels escaped. */
static void test_percent_lines(void **state)
{
	(void)state;
	const char *label[] = {"Tháng 6", "Tháng <7>", "Tháng 8"};
	const double rate[] = {50, 200.0 / 3, 0}, late[] = {25, NAN, 100};
	const svg_line lines[] = {{"Tỷ lệ nộp", "#1f5fa8", rate, NULL}, {"Đúng hạn", "#2e7d32", late, "6 4"}};
	tt_buf b;
	buf_init(&b, 1 << 20);
	assert_int_equal(svg_percent_lines(&b, "Tỷ lệ", label, 3, lines, 2), TT_OK);
	char *s = strndup(b.data, b.len);
	buf_free(&b);
	assert_non_null(strstr(s, "<svg class=\"chart lines\""));
	assert_non_null(strstr(s, "<title>Tỷ lệ</title>"));
	assert_non_null(strstr(s, "<title>Tỷ lệ nộp, Tháng &lt;7&gt;: 66,7%</title>"));
	assert_non_null(strstr(s, "<title>Đúng hạn, Tháng 8: 100%</title>"));
	assert_null(strstr(s, "Đúng hạn, Tháng &lt;7&gt;")); /* no value: no marker */
	int polylines = 0, circles = 0;
	for (const char *p = s; (p = strstr(p, "<polyline ")); p++)
		polylines++;
	for (const char *p = s; (p = strstr(p, "<circle ")); p++)
		circles++;
	assert_int_equal(polylines, 2);
	assert_int_equal(circles, 5);
	assert_non_null(strstr(s, "stroke-dasharray=\"6 4\""));
	assert_non_null(strstr(s, ">Tháng &lt;7&gt;</text>"));
	assert_non_null(strstr(s, "</svg>"));
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_shares),
	    cmocka_unit_test(test_links_and_escaping),
	    cmocka_unit_test(test_empty_total),
	    cmocka_unit_test(test_percent_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
