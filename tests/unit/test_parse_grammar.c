/* test_parse_grammar.c - the grammar pieces of the parser: number and
 * symbol forms, citations, dates in both styles, every kind of timeframe,
 * and the splitting of lists of bodies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text/bodies.h"
#include "text/date.h"
#include "text/symbol.h"
#include "text/timeframe.h"

/* ---- symbols ---- */

static void sym_ok(const char *in, int flags, const char *text, long number, int year, const char *kind,
                   const char *issuer)
{
	sym_t s;
	size_t k = sym_parse(in, strlen(in), flags, &s);
	if (!k)
		fail_msg("\"%s\" not read as a symbol", in);
	assert_string_equal(s.text, text);
	assert_int_equal(s.number, number);
	assert_int_equal(s.year, year);
	assert_string_equal(s.kind, kind);
	assert_string_equal(s.issuer, issuer);
}

static void sym_no(const char *in, int flags)
{
	sym_t s;
	if (sym_parse(in, strlen(in), flags, &s))
		fail_msg("\"%s\" wrongly read as symbol %s", in, s.text);
}

static void test_symbol_forms(void **state)
{
	sym_ok("215/KH-UBND", 0, "215/KH-UBND", 215, 0, "KH", "UBND");
	sym_ok("167/BC-BQLKKT ngày", 0, "167/BC-BQLKKT", 167, 0, "BC", "BQLKKT");
	/* Official letter: no type part. */
	sym_ok("838/STTTT-TTBCXB,", 0, "838/STTTT-TTBCXB", 838, 0, "", "STTTT");
	sym_ok("3616/BTTTT-TTĐN", 0, "3616/BTTTT-TTĐN", 3616, 0, "", "BTTTT");
	/* Legal normative documents carry the year. */
	sym_ok("72/2015/NĐ-CP", 0, "72/2015/NĐ-CP", 72, 2015, "NĐ", "CP");
	sym_ok("54/2017/QĐ-UBND;", 0, "54/2017/QĐ-UBND", 54, 2017, "QĐ", "UBND");
	sym_ok("22/2016/TT-BTTTT", 0, "22/2016/TT-BTTTT", 22, 2016, "TT", "BTTTT");
	/* Party documents. */
	sym_ok("22-NQ/TW", 0, "22-NQ/TW", 22, 0, "NQ", "TW");
	sym_ok("38-CT/TW", 0, "38-CT/TW", 38, 0, "CT", "TW");
	sym_ok("272-QĐ/TW", 0, "272-QĐ/TW", 272, 0, "QĐ", "TW");
	sym_ok("16/KL/TW", 0, "16/KL/TW", 16, 0, "KL", "TW");
	sym_ok("14/CTr/TU", 0, "14/CTr/TU", 14, 0, "CTr", "TU");
	sym_ok("368/QĐ-TTg", 0, "368/QĐ-TTg", 368, 0, "QĐ", "TTg");
	sym_ok("12/TTr-SNV", 0, "12/TTr-SNV", 12, 0, "TTr", "SNV");
	/* Stray space and blank number: only in the "Số:" line. */
	sym_ok("167 /BC-BQLKKT", SYM_LOOSE, "167/BC-BQLKKT", 167, 0, "BC", "BQLKKT");
	sym_ok("/BC-UBND", SYM_LOOSE, "/BC-UBND", -1, 0, "BC", "UBND");
	sym_ok("  /KH-UBND", SYM_LOOSE, "/KH-UBND", -1, 0, "KH", "UBND");
	sym_no("167 /BC-BQLKKT", 0);
	/* Lost hyphen restored; Ð (U+00D0) read as Đ. */
	sym_ok("96/2023/NĐCP", 0, "96/2023/NĐ-CP", 96, 2023, "NĐ", "CP");
	sym_ok("96/2023/N\xC3\x90-CP", 0, "96/2023/NĐ-CP", 96, 2023, "NĐ", "CP");
	/* A leading zero is kept as written. */
	sym_ok("01/KH-UBND", 0, "01/KH-UBND", 1, 0, "KH", "UBND");
	/* Not symbols. */
	sym_no("18/8/2017", 0);
	sym_no("2015-2017", 0);
	sym_no("11/7-26/7/2015", 0);
	sym_no("3/Cổng thông tin", 0);
	sym_no("6/2019", 0);
	sym_no("123/UBND", 0);
	sym_ok("123/UBND", SYM_SINGLE, "123/UBND", 123, 0, "", "UBND");
}

static void test_type_tables(void **state)
{
	assert_string_equal(sym_type_abbr("qđ", strlen("qđ")), "QĐ");
	assert_string_equal(sym_type_abbr("CTR", 3), "CTr");
	assert_string_equal(sym_type_abbr("QyĐ", strlen("QyĐ")), "QyĐ");
	assert_null(sym_type_abbr("UBND", 4));
	assert_null(sym_type_abbr("TTg", 3));
	assert_string_equal(sym_type_of_name_key("cong van"), "CV");
	assert_string_equal(sym_type_of_name_key("ke hoach"), "KH");
	assert_string_equal(sym_type_of_name_key("nghi dinh"), "NĐ");
	assert_null(sym_type_of_name_key("cong hoa"));
}

static void cite_ok(const char *in, const char *kind, const char *symbol, int y, int m, int d,
                    const char *text)
{
	sym_cite c;
	if (!sym_find_citation(in, strlen(in), 0, &c))
		fail_msg("no citation in \"%s\"", in);
	assert_string_equal(c.kind, kind);
	assert_string_equal(c.sym.text, symbol);
	assert_int_equal(c.y, y);
	assert_int_equal(c.m, m);
	assert_int_equal(c.d, d);
	char got[256];
	snprintf(got, sizeof got, "%.*s", (int)(c.end - c.start), in + c.start);
	assert_string_equal(got, text);
}

static void test_citations(void **state)
{
	cite_ok("Căn cứ Công văn số 838/STTTT-TTBCXB, ngày 18/8/2017 của Sở", "CV", "838/STTTT-TTBCXB", 2017,
	        8, 18, "Công văn số 838/STTTT-TTBCXB, ngày 18/8/2017");
	/* The type word names the kind when the symbol has none. */
	cite_ok("Thực hiện Hướng dẫn số 4110/BTTTT-TTĐN ngày 04/12/2018 của Bộ", "HD", "4110/BTTTT-TTĐN",
	        2018, 12, 4, "Hướng dẫn số 4110/BTTTT-TTĐN ngày 04/12/2018");
	cite_ok("theo Nghị quyết 22-NQ/TW ngày 10/4/2014 của Bộ Chính trị", "NQ", "22-NQ/TW", 2014, 4, 10,
	        "Nghị quyết 22-NQ/TW ngày 10/4/2014");
	cite_ok("Nghị định số 72/2015/NĐ-CP ngày 07 tháng 9 năm 2015 của Chính phủ", "NĐ", "72/2015/NĐ-CP",
	        2015, 9, 7, "Nghị định số 72/2015/NĐ-CP ngày 07 tháng 9 năm 2015");
	/* No date: date stays 0. A lost hyphen is restored in the symbol. */
	cite_ok("theo Nghị định 96/2023/NĐCP về", "NĐ", "96/2023/NĐ-CP", 0, 0, 0, "Nghị định 96/2023/NĐCP");
	/* Lone issuer after "Công văn số". */
	cite_ok("Công văn số 1234/UBND-VX", "CV", "1234/UBND-VX", 0, 0, 0, "Công văn số 1234/UBND-VX");
	cite_ok("Công văn số 55/UBND ngày 3/1/2020", "CV", "55/UBND", 2020, 1, 3,
	        "Công văn số 55/UBND ngày 3/1/2020");
	/* Nothing to cite. */
	sym_cite c;
	const char *none = "từ ngày 11/7-26/7/2015 (01 đồng chí), giai đoạn 2015-2017, Quý II/2019";
	assert_false(sym_find_citation(none, strlen(none), 0, &c));
	/* Several in one line, in order. */
	const char *two = "Kế hoạch số 3525/KH-UBND ngày 18/12/2018 về Chỉ thị số 26/CT-TTg ngày 04/9/2018";
	assert_true(sym_find_citation(two, strlen(two), 0, &c));
	assert_string_equal(c.sym.text, "3525/KH-UBND");
	assert_true(sym_find_citation(two, strlen(two), c.end, &c));
	assert_string_equal(c.sym.text, "26/CT-TTg");
	assert_string_equal(c.kind, "CT");
	assert_false(sym_find_citation(two, strlen(two), c.end, &c));
}

/* ---- dates ---- */

static void date_ok(const char *in, int flags, int y, int m, int d)
{
	int gy = -1, gm = -1, gd = -1;
	if (!date_parse(in, strlen(in), flags, &gy, &gm, &gd))
		fail_msg("\"%s\" not read as a date", in);
	assert_int_equal(gy, y);
	assert_int_equal(gm, m);
	assert_int_equal(gd, d);
}

static void date_no(const char *in, int flags)
{
	int y, m, d;
	if (date_parse(in, strlen(in), flags, &y, &m, &d))
		fail_msg("\"%s\" wrongly read as a date", in);
}

static void test_dates(void **state)
{
	date_ok("18/8/2017", 0, 2017, 8, 18);
	date_ok("07/09/2015", 0, 2015, 9, 7);
	date_ok("18-8-2017", 0, 2017, 8, 18);
	date_ok("18.8.2017", 0, 2017, 8, 18);
	date_ok("ngày 18 tháng 8 năm 2017", 0, 2017, 8, 18);
	date_ok("ngày 23 tháng 08 năm 2017", 0, 2017, 8, 23); /* "08" month */
	date_ok("Ngày 05  tháng 01 năm 2019", 0, 2019, 1, 5);
	date_ok("ngày 18/8/2017", 0, 2017, 8, 18);
	/* Drafts: only the year. */
	date_ok("ngày tháng năm 2023", 0, 2023, 0, 0);
	date_ok("ngày    tháng    năm 2023", 0, 2023, 0, 0);
	date_ok("ngày ... tháng ... năm 2023", 0, 2023, 0, 0);
	/* Without a year only when allowed. */
	date_no("15/6", 0);
	date_ok("15/6", DATE_YEAR_OPTIONAL, 0, 6, 15);
	date_ok("ngày 25 tháng 6", DATE_YEAR_OPTIONAL, 0, 6, 25);
	/* Impossible dates. */
	date_no("31/4/2019", 0);
	date_no("29/2/2019", 0);
	date_ok("29/2/2020", 0, 2020, 2, 29);
	date_no("18/13/2017", 0);
	date_no("2017", 0);
	date_no("ngày 16 đến 20/6/2017", 0);
	assert_true(date_valid(2024, 12, 31));
	assert_false(date_valid(1800, 1, 1));
	size_t len;
	int y, m, d;
	const char *t = "Kon Tum, ngày 28 tháng 01 năm 2019";
	size_t at = date_find(t, strlen(t), 0, &len, &y, &m, &d);
	assert_int_equal(at, strlen("Kon Tum, "));
	assert_int_equal(len, strlen("ngày 28 tháng 01 năm 2019"));
	assert_int_equal(y * 10000 + m * 100 + d, 20190128);
}

/* ---- timeframes ---- */

static void tf_ok(const char *in, int dy, doc_tf_kind kind, const char *start, const char *end)
{
	doc_timeframe t;
	memset(&t, 0, sizeof t);
	tf_parse(in, strlen(in), dy, &t);
	if (t.kind != kind)
		fail_msg("\"%s\": kind %s, expected %s", in, doc_tf_kind_name(t.kind),
		         doc_tf_kind_name(kind));
	assert_string_equal(t.start, start);
	assert_string_equal(t.end, end);
}

static void test_timeframes(void **state)
{
	tf_ok("Thường xuyên.", 2019, TF_CONTINUOUS, "", "");
	tf_ok("THƯỜNG XUYÊN", 0, TF_CONTINUOUS, "", "");
	tf_ok("Hằng năm", 2019, TF_CONTINUOUS, "", "");
	tf_ok("Quý II/2019", 0, TF_QUARTER, "2019-04-01", "2019-06-30");
	tf_ok("Quý III năm 2019", 0, TF_QUARTER, "2019-07-01", "2019-09-30");
	tf_ok("Quý IV", 2019, TF_QUARTER, "2019-10-01", "2019-12-31");
	tf_ok("Quý I, II/2020", 0, TF_QUARTER, "2020-01-01", "2020-06-30");
	tf_ok("Năm 2019", 0, TF_WITHIN, "2019-01-01", "2019-12-31");
	tf_ok("Trong năm 2019.", 0, TF_WITHIN, "2019-01-01", "2019-12-31");
	tf_ok("Trong năm", 2021, TF_WITHIN, "2021-01-01", "2021-12-31");
	tf_ok("Năm 2019 và các năm tiếp theo.", 0, TF_FROM, "2019-01-01", "");
	tf_ok("Tháng 6/2019", 0, TF_MONTH, "2019-06-01", "2019-06-30");
	tf_ok("tháng 2 năm 2020", 0, TF_MONTH, "2020-02-01", "2020-02-29");
	tf_ok("Từ tháng 3 đến tháng 6/2019", 0, TF_RANGE, "2019-03-01", "2019-06-30");
	tf_ok("trước ngày 15/6", 2019, TF_BEFORE, "", "2019-06-15");
	tf_ok("Trước ngày 30/11/2019", 0, TF_BEFORE, "", "2019-11-30");
	tf_ok("6 tháng đầu năm", 2019, TF_HALF, "2019-01-01", "2019-06-30");
	tf_ok("6 tháng cuối năm 2020", 0, TF_HALF, "2020-07-01", "2020-12-31");
	tf_ok("Ngày 15/6/2019", 0, TF_DATE, "2019-06-15", "2019-06-15");
	tf_ok("ngày 20 tháng 10 năm 2019", 0, TF_DATE, "2019-10-20", "2019-10-20");
	tf_ok("Từ ngày 01/3/2019 đến ngày 30/6/2019", 0, TF_RANGE, "2019-03-01", "2019-06-30");
	tf_ok("Giai đoạn 2019 - 2020", 0, TF_RANGE, "2019-01-01", "2020-12-31");
	tf_ok("Khi có yêu cầu", 2019, TF_UNKNOWN, "", "");
	tf_ok("Theo chỉ đạo của UBND tỉnh", 2019, TF_UNKNOWN, "", "");
	/* No year anywhere and none known: kind kept, dates unknown. */
	tf_ok("Quý II", 0, TF_QUARTER, "", "");
}

/* ---- bodies ---- */

static void split_is(const char *in, const char *const *want, size_t nwant)
{
	doc *d = doc_new();
	assert_non_null(d);
	doc_strs out = {0};
	assert_int_equal(bodies_split(d, in, strlen(in), &out), TT_OK);
	if (out.n != nwant) {
		for (size_t i = 0; i < out.n; i++)
			print_message("  got [%s]\n", out.v[i]);
		fail_msg("\"%s\": %zu bodies, expected %zu", in, out.n, nwant);
	}
	for (size_t i = 0; i < nwant; i++)
		assert_string_equal(out.v[i], want[i]);
	free(out.v);
	doc_free(d);
}

static void test_bodies(void **state)
{
	const char *a[] = {"Sở Kế hoạch và Đầu tư", "Sở Văn hóa, Thể thao và Du lịch",
	                   "Ban Quản lý Khu kinh tế tỉnh"};
	split_is("Sở Kế hoạch và Đầu tư, Sở Văn hóa, Thể thao và Du lịch, Ban Quản lý Khu kinh tế tỉnh.", a,
	         3);
	const char *b[] = {"Sở Thông tin và Truyền thông", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"};
	split_is("Sở Thông tin và Truyền thông và Bộ Chỉ huy Bộ đội Biên phòng tỉnh.", b, 2);
	/* A duty verb ends the name. */
	const char *c[] = {"Sở Thông tin và Truyền thông", "các cơ quan báo chí, truyền thông của tỉnh"};
	split_is(
	    "Sở Thông tin và Truyền thông đôn đốc, hướng dẫn; các cơ quan báo chí, truyền thông của tỉnh.", c,
	    2);
	/* A unit in brackets is dropped; a list in brackets stays. */
	const char *e[] = {"Sở Nội vụ", "các huyện biên giới (Sa Thầy, Ngọc Hồi)"};
	split_is("Sở Nội vụ (Ban Tôn giáo tỉnh), các huyện biên giới (Sa Thầy, Ngọc Hồi).", e, 2);
	const char *f[] = {"Ban Tuyên giáo Tỉnh ủy"};
	split_is("đề nghị Ban Tuyên giáo Tỉnh ủy phối hợp, định hướng thông tin.", f, 1);
	const char *g[] = {"Các cơ quan, đơn vị, địa phương"};
	split_is("Các cơ quan, đơn vị, địa phương.", g, 1);
	split_is("", NULL, 0);
	/* A doubled "và" with two spaces (typing debris) splits once; it once
	 * made a negative span. */
	const char *h[] = {"Sở Ngoại vụ", "Bộ Chỉ huy Quân sự tỉnh"};
	split_is("Sở Ngoại vụ và  và Bộ Chỉ huy Quân sự tỉnh.", h, 2);
	assert_true(bodies_is_head("UBND các huyện", strlen("UBND các huyện")));
	assert_false(bodies_is_head("Thể thao và Du lịch", strlen("Thể thao và Du lịch")));
	const char *subj = "Sở Thông tin và Truyền thông thường xuyên theo dõi";
	assert_int_equal(bodies_cut(subj, strlen(subj)), strlen("Sở Thông tin và Truyền thông"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_symbol_forms), cmocka_unit_test(test_type_tables),
	    cmocka_unit_test(test_citations),    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_timeframes),   cmocka_unit_test(test_bodies),
	};
	return cmocka_run_group_tests_name("parse_grammar", tests, NULL, NULL);
}
