/* test_parse_corpus.c - the parser on the labelled corpus of portal copies
 * (tests/data/corpus, see its MANIFEST.tsv): a floor per header field at
 * the level reached, so a regression fails, and exact readings of the
 * portal quirks (table borders as "|", "Số:" and the symbol on two lines,
 * the place or the date broken over two lines, a symbol glued to the place,
 * a title in capitals followed by the issuer, a web page's own heading and
 * furniture above the document), each with the rule --explain shows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "parsetest.h"
#include "text/parse.h"
#include "text/score.h"

#define CORPUS "tests/data/corpus"

static void print_miss(void *ud, const char *name, const char *field, const char *expected, const char *got)
{
	(void)ud;
	print_message("  %s: %s: labelled \"%s\", read \"%s\"\n", name, field, expected, got);
}

/* Floors in per mille: precision, recall. */
static const struct {
	int field, precision, recall;
} floors[] = {
    {SC_KIND, 1000, 1000},  {SC_SYMBOL, 1000, 1000}, {SC_NUMBER, 1000, 1000}, {SC_ISSUER, 1000, 1000},
    {SC_PLACE, 1000, 1000}, {SC_DATE, 1000, 1000},   {SC_TITLE, 975, 975},
};

static void test_corpus_floors(void **state)
{
	(void)state;
	score_result r;
	assert_int_equal(score_corpus(CORPUS, &r, print_miss, NULL), TT_OK);
	assert_true(r.docs >= 60);
	for (size_t i = 0; i < sizeof floors / sizeof floors[0]; i++) {
		const score_count *c = &r.field[floors[i].field];
		int p = (int)(score_precision(c) * 1000 + 0.5), q = (int)(score_recall(c) * 1000 + 0.5);
		if (p < floors[i].precision || q < floors[i].recall)
			fail_msg("%s: precision %d‰ (floor %d‰), recall %d‰ (floor %d‰)",
			         score_field_name(floors[i].field), p, floors[i].precision, q,
			         floors[i].recall);
	}
}

static void assert_origin(const doc *d, doc_field f, const char *rule, size_t line)
{
	const doc_origin *o = &d->origin[f];
	if (!o->rule || strcmp(o->rule, rule))
		fail_msg("%s: rule \"%s\", expected \"%s\"", doc_field_name(f), o->rule ? o->rule : "", rule);
	assert_int_equal(o->line, line);
}

static void assert_date(const doc *d, int y, int m, int dd)
{
	assert_int_equal(d->year * 10000 + d->month * 100 + d->day, y * 10000 + m * 100 + dd);
}

/* The header table flattened with "|" and no type name line: the kind
 * comes from the symbol, the title is the line after the header. */
static void test_pipes_no_type_line(void **state)
{
	(void)state;
	doc *d = parse_path(CORPUS "/kh_hatinh_2018_44.txt");
	assert_string_equal(d->kind, "KH");
	assert_string_equal(d->symbol, "44/KH-UBND");
	assert_string_equal(d->place, "Hà Tĩnh");
	assert_date(d, 2018, 2, 8);
	assert_string_equal(d->title, "CÔNG TÁC THÔNG TIN ĐỐI NGOẠI TỈNH HÀ TĨNH NĂM 2018");
	assert_origin(d, DOC_F_KIND, "type part of the symbol", 4);
	assert_origin(d, DOC_F_TITLE, "line after the header (no type name)", 6);
	doc_free(d);
}

/* "Số:" / "42/2023/QĐ-UBND", "Hải Dương, ngày" / "17 tháng 11 năm 2023",
 * a title over two lines followed by "ỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG". */
static void test_symbol_and_date_broken(void **state)
{
	(void)state;
	doc *d = parse_path(CORPUS "/qd_haiduong_2023_42.txt");
	assert_string_equal(d->kind, "QĐ");
	assert_string_equal(d->symbol, "42/2023/QĐ-UBND");
	assert_int_equal(d->number, 42);
	assert_string_equal(d->issuer_code, "UBND");
	assert_string_equal(d->place, "Hải Dương");
	assert_date(d, 2023, 11, 17);
	assert_string_equal(
	    d->title, "BAN HÀNH QUY CHẾ QUẢN LÝ HOẠT ĐỘNG THÔNG TIN ĐỐI NGOẠI TRÊN ĐỊA BÀN TỈNH HẢI DƯƠNG");
	assert_origin(d, DOC_F_SYMBOL, "symbol on the line under a bare \"Số:\"", 11);
	assert_origin(d, DOC_F_DATE, "place and date broken over two lines", 13);
	assert_origin(d, DOC_F_TITLE, "lines under the type name", 17);
	doc_free(d);
}

/* "Bình" / "Dương, ngày 19 tháng 6 năm 2017": the place over two lines. */
static void test_place_broken(void **state)
{
	(void)state;
	doc *d = parse_path(CORPUS "/qd_binhduong_2019_32.txt");
	assert_string_equal(d->place, "Bình Dương");
	assert_date(d, 2019, 12, 13);
	assert_origin(d, DOC_F_PLACE, "place broken over two lines", 13);
	assert_string_equal(
	    d->title, "BAN HÀNH QUY CHẾ QUẢN LÝ HOẠT ĐỘNG THÔNG TIN ĐỐI NGOẠI TRÊN ĐỊA BÀN TỈNH BÌNH DƯƠNG");
	doc_free(d);
}

/* The whole header on one line, cells parted by "|" and dashes. */
static void test_header_on_one_line(void **state)
{
	(void)state;
	doc *d = parse_path(CORPUS "/tt_btttt_2016_22_oneline.txt");
	assert_string_equal(d->kind, "TT");
	assert_string_equal(d->symbol, "22/2016/TT-BTTTT");
	assert_string_equal(d->issuer_code, "BTTTT");
	assert_string_equal(d->place, "Hà Nội");
	assert_date(d, 2016, 10, 19);
	doc_free(d);
}

/* A web page's heading "THÔNG TƯ 05/2017/TT-BNG" above the document, and
 * "Số: 05/2017/TT-BNGHà Nội, ngày ..." with the space lost. */
static void test_page_heading_and_glued_place(void **state)
{
	(void)state;
	doc *d = parse_path(CORPUS "/tt_bng_2017_05_glued.txt");
	assert_string_equal(d->kind, "TT");
	assert_string_equal(d->symbol, "05/2017/TT-BNG");
	assert_string_equal(d->issuer_code, "BNG");
	assert_string_equal(d->place, "Hà Nội");
	assert_date(d, 2017, 10, 17);
	assert_string_equal(d->title,
	                    "HƯỚNG DẪN VỀ NGHI LỄ ĐỐI NGOẠI VÀ ĐÓN, TIẾP KHÁCH NƯỚC NGOÀI THĂM ĐỊA PHƯƠNG");
	doc_free(d);
}

/* A news article under page furniture: the headline above its dateline. */
static void test_news_under_furniture(void **state)
{
	(void)state;
	doc *d = parse_path(CORPUS "/news_thuathienhue_2021_cv.txt");
	assert_string_equal(d->kind, "other");
	assert_null(d->symbol);
	assert_string_equal(d->title, "Tiếp tục đẩy mạnh công tác Thông tin đối ngoại trên địa bàn tỉnh");
	assert_date(d, 2021, 1, 19);
	assert_origin(d, DOC_F_TITLE, "news headline", 11);
	assert_origin(d, DOC_F_DATE, "news dateline", 12);
	doc_free(d);
}

/* A joint circular: every part after the type is the issuer. */
static void test_joint_issuers(void **state)
{
	(void)state;
	doc *d = parse_path(CORPUS "/ttlt_bng_bnv_2009_02.txt");
	assert_string_equal(d->kind, "TTLT");
	assert_string_equal(d->symbol, "02/2009/TTLT-BNG-BNV");
	assert_string_equal(d->issuer_code, "BNG-BNV");
	assert_string_equal(d->place, "Hà Nội");
	doc_free(d);
}

/* The same quirks in a made-up header, so the rules are not tied to the
 * corpus files: a draft's blank date, a page dateline with a weekday. */
static void test_draft_under_page_dateline(void **state)
{
	(void)state;
	doc *d = parse_str("Thứ hai, ngày 23/09/2019\n"
	                   "ỦY BAN NHÂN DÂN |\n"
	                   "TỈNH QUẢNG TRỊ |\n"
	                   "Số:\n"
	                   "/KH-UBND\n"
	                   "|\n"
	                   "Quảng\n"
	                   "Trị, ngày    tháng    năm 2026\n"
	                   "|\n"
	                   "KẾ HOẠCH\n"
	                   "CÔNG TÁC THÔNG TIN ĐỐI NGOẠI\n"
	                   "NĂM 2026\n"
	                   "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ\n"
	                   "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ;\n");
	assert_string_equal(d->kind, "KH");
	assert_string_equal(d->symbol, "/KH-UBND");
	assert_int_equal(d->number, -1);
	assert_string_equal(d->place, "Quảng Trị");
	assert_int_equal(d->year, 2026);
	assert_int_equal(d->day, 0);
	assert_string_equal(d->title, "CÔNG TÁC THÔNG TIN ĐỐI NGOẠI NĂM 2026");
	doc_free(d);
}

/* A page heading naming the document above its own header, a type name
 * that lost its space, and a decision's summary opening with "VỀ VIỆC". */
static void test_page_heading_glued_type(void **state)
{
	(void)state;
	doc *d = parse_str("Trang chủ\n"
	                   "QUYẾT ĐỊNH 12/QĐ-UBND NĂM 2024\n"
	                   "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
	                   "HUYỆN ĐẮK HÀ | Độc lập - Tự do - Hạnh phúc |\n"
	                   "Số: 12/QĐ-UBND | Đắk Hà, ngày 05 tháng 02 năm 2024 |\n"
	                   "QUYẾTĐỊNH\n"
	                   "VỀ VIỆC BAN HÀNH KẾ HOẠCH THÔNG TIN ĐỐI NGOẠI NĂM 2024\n"
	                   "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN ĐẮK HÀ\n"
	                   "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n");
	assert_string_equal(d->kind, "QĐ");
	assert_string_equal(d->symbol, "12/QĐ-UBND");
	assert_string_equal(d->place, "Đắk Hà");
	assert_date(d, 2024, 2, 5);
	assert_string_equal(d->title, "VỀ VIỆC BAN HÀNH KẾ HOẠCH THÔNG TIN ĐỐI NGOẠI NĂM 2024");
	assert_origin(d, DOC_F_KIND, "type name line", 6);
	assert_origin(d, DOC_F_TITLE, "lines under the type name", 7);
	doc_free(d);
}

/* A plan's task table as portals flatten it, one row to a line with "|"
 * between cells (the stored copies of the corpus end before their task
 * sections, so the layout is made up here). */
static void test_portal_task_table(void **state)
{
	(void)state;
	doc *d = parse_str("KẾ HOẠCH\nThông tin đối ngoại năm 2024\n\nII. NHIỆM VỤ\n"
	                   "STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành |\n"
	                   "1 | Tổ chức hội nghị báo chí. | Sở Ngoại vụ | Công an tỉnh | Quý II/2024 |\n"
	                   "2 | Xuất bản ấn phẩm. | Sở Du lịch | Sở Ngoại vụ | Tháng 9/2024 |\n"
	                   "III. KINH PHÍ\nNgân sách tỉnh.\n");
	assert_int_equal(d->tasks.n, 2);
	assert_string_equal(d->tasks.v[0].label, "1");
	assert_string_equal(d->tasks.v[0].content, "Tổ chức hội nghị báo chí.");
	assert_string_equal(d->tasks.v[0].lead.v[0], "Sở Ngoại vụ");
	assert_string_equal(d->tasks.v[0].coordinating.v[0], "Công an tỉnh");
	assert_int_equal(d->tasks.v[0].timeframe.kind, TF_QUARTER);
	assert_string_equal(d->tasks.v[1].lead.v[0], "Sở Du lịch");
	assert_int_equal(d->tasks.v[1].timeframe.kind, TF_MONTH);
	doc_free(d);
}

/* The same table with every cell on its own line and "|" lines between. */
static void test_portal_task_cells(void **state)
{
	(void)state;
	doc *d =
	    parse_str("KẾ HOẠCH\nThông tin đối ngoại năm 2024\n\nII. NHIỆM VỤ\n"
	              "STT\n|\nNội dung\n|\nĐơn vị chủ trì\n|\nĐơn vị phối hợp\n|\nThời gian hoàn thành\n|\n"
	              "1\n|\nTổ chức hội nghị báo chí.\n|\nSở Ngoại vụ\n|\nCông an tỉnh\n|\nQuý II/2024\n|\n"
	              "2\n|\nXuất bản ấn phẩm.\n|\nSở Du lịch\n|\nSở Ngoại vụ\n|\nTháng 9/2024\n|\n"
	              "III. KINH PHÍ\nNgân sách tỉnh.\n");
	assert_int_equal(d->tasks.n, 2);
	assert_string_equal(d->tasks.v[1].label, "2");
	assert_string_equal(d->tasks.v[1].content, "Xuất bản ấn phẩm.");
	assert_string_equal(d->tasks.v[1].coordinating.v[0], "Sở Ngoại vụ");
	doc_free(d);
}

/* Bad input to the scorer: a folder that is not there, a label file that is
 * not JSON, a document that cannot be read (every labelled field missed). */
static void test_score_bad_input(void **state)
{
	(void)state;
	score_result r;
	assert_int_equal(score_corpus("tests/data/no-such-corpus", &r, NULL, NULL), TT_ERR_NOT_FOUND);

	char dir[] = "/tmp/ttdn-corpus-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[512];
	snprintf(path, sizeof path, "%s/a.expected.json", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("{\"kind\": \"KH\", \"symbol\": \"1/KH-UBND\"}", f);
	fclose(f);
	snprintf(path, sizeof path, "%s/a.txt", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("\xff\xfe\xfd not UTF-8", f);
	fclose(f);
	assert_int_equal(score_corpus(dir, &r, NULL, NULL), TT_OK);
	assert_int_equal(r.docs, 1);
	assert_int_equal(r.field[SC_KIND].labelled, 1);
	assert_int_equal(r.field[SC_KIND].correct, 0);
	assert_int_equal(r.field[SC_SYMBOL].extracted, 0);

	snprintf(path, sizeof path, "%s/b.expected.json", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("{\"kind\": ", f);
	fclose(f);
	assert_int_equal(score_corpus(dir, &r, NULL, NULL), TT_ERR_JSON);

	unlink(path);
	snprintf(path, sizeof path, "%s/a.expected.json", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/a.txt", dir);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_corpus_floors),
	    cmocka_unit_test(test_pipes_no_type_line),
	    cmocka_unit_test(test_symbol_and_date_broken),
	    cmocka_unit_test(test_place_broken),
	    cmocka_unit_test(test_header_on_one_line),
	    cmocka_unit_test(test_page_heading_and_glued_place),
	    cmocka_unit_test(test_news_under_furniture),
	    cmocka_unit_test(test_joint_issuers),
	    cmocka_unit_test(test_draft_under_page_dateline),
	    cmocka_unit_test(test_page_heading_glued_type),
	    cmocka_unit_test(test_portal_task_table),
	    cmocka_unit_test(test_portal_task_cells),
	    cmocka_unit_test(test_score_bad_input),
	};
	return cmocka_run_group_tests_name("parse_corpus", tests, NULL, NULL);
}
