/* test_parse_genre.c - documents of the genre the parser has never been
 * tuned on (tests/data/): a post-merger provincial plan with tab-joined
 * header and signature columns, a district report with counts, a decision
 * with its plan annexed after the signature, an official letter whose "V/v"
 * wraps, an announcement, a news article, a report converted with markdown
 * debris and end footnotes, a plan whose tasks are a table, an NFD plan with
 * "hoà"/"uỷ" spellings and a draft with a blank number and date. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text/parse.h"

static doc *parse_path(const char *path)
{
	doc *d = NULL;
	parse_error err;
	tt_rc rc = parse_file(path, &d, &err);
	if (rc != TT_OK)
		fail_msg("%s: %s (%s)", path, tt_rc_name(rc), err.message);
	return d;
}

static doc *parse_str(const char *s)
{
	doc *d = NULL;
	parse_error err;
	tt_rc rc = parse_text(s, strlen(s), &d, &err);
	if (rc != TT_OK)
		fail_msg("parse failed: %s (%s)", tt_rc_name(rc), err.message);
	return d;
}

static int date_is(const doc *d, int y, int m, int dd)
{
	return d->year == y && d->month == m && d->day == dd;
}

static const doc_citation *cited(const doc *d, const char *symbol)
{
	for (size_t i = 0; i < d->citations.n; i++)
		if (!strcmp(d->citations.v[i].symbol, symbol))
			return &d->citations.v[i];
	return NULL;
}

static void assert_cited(const doc *d, const char *kind, const char *symbol, const char *date)
{
	const doc_citation *c = cited(d, symbol);
	if (!c)
		fail_msg("%s not cited", symbol);
	assert_string_equal(c->kind, kind);
	if (date)
		assert_string_equal(c->date, date);
	else
		assert_null(c->date);
}

/* Labels of the top-level sections joined with spaces. */
static void assert_top(const doc *d, const char *want)
{
	char got[256] = "";
	size_t o = 0;
	for (size_t i = 0; i < d->sections.n; i++)
		if (d->sections.v[i].parent < 0)
			o += (size_t)snprintf(got + o, sizeof got - o, "%s%s", o ? " " : "", d->sections.v[i].label);
	assert_string_equal(got, want);
}

static int has_figure(const doc *d, long count, const char *unit)
{
	for (size_t i = 0; i < d->figures.n; i++)
		if (d->figures.v[i].count == count && !strcmp(d->figures.v[i].unit, unit))
			return 1;
	return 0;
}

static void assert_rule(const doc *d, size_t i, doc_period p, int mmdd)
{
	if (i >= d->rules.n)
		fail_msg("rule %zu missing (%zu rules)", i, d->rules.n);
	assert_int_equal(d->rules.v[i].period, p);
	assert_int_equal(d->rules.v[i].due_month * 100 + d->rules.v[i].due_day, mmdd);
}

static void test_plan_quangtri(void **state)
{
	doc *d = parse_path("tests/data/kh_quangtri_2025.txt");
	assert_string_equal(d->kind, "KH");
	assert_string_equal(d->symbol, "1625/KH-UBND");
	assert_int_equal(d->number, 1625);
	assert_string_equal(d->issuer_code, "UBND");
	assert_string_equal(d->place, "Quảng Trị");
	assert_true(date_is(d, 2025, 8, 20));
	assert_string_equal(d->title, "Triển khai công tác thông tin đối ngoại tỉnh Quảng Trị những tháng cuối năm 2025");
	assert_true(d->responds_to >= 0);
	assert_string_equal(d->citations.v[d->responds_to].symbol, "2750/BVHTTDL-TTĐN");
	assert_cited(d, "NĐ", "72/2015/NĐ-CP", "2015-09-07");
	assert_cited(d, "QĐ", "1191/QĐ-TTg", "2022-10-05");
	assert_cited(d, "NQ", "1680/NQ-UBTVQH15", "2025-06-16");
	assert_top(d, "I II III IV");
	assert_int_equal(d->tasks.n, 5);
	assert_string_equal(d->tasks.v[0].label, "1.1");
	assert_string_equal(d->tasks.v[0].lead.v[0], "Sở Văn hóa, Thể thao và Du lịch");
	assert_int_equal(d->tasks.v[0].timeframe.kind, TF_CONTINUOUS);
	assert_int_equal(d->tasks.v[1].lead.n, 2);
	assert_int_equal(d->tasks.v[1].timeframe.kind, TF_QUARTER);
	assert_string_equal(d->tasks.v[1].timeframe.start, "2025-10-01");
	assert_int_equal(d->tasks.v[2].coordinating.n, 3);
	assert_int_equal(d->tasks.v[2].timeframe.kind, TF_MONTH);
	assert_int_equal(d->tasks.v[3].timeframe.kind, TF_RANGE);
	assert_string_equal(d->tasks.v[3].timeframe.end, "2025-11-30");
	assert_int_equal(d->tasks.v[4].timeframe.kind, TF_BEFORE);
	assert_string_equal(d->tasks.v[4].timeframe.end, "2025-12-15");
	/* "định kỳ 6 tháng, năm báo cáo ... trước ngày 15/6 và 05/12" */
	assert_int_equal(d->rules.n, 2);
	assert_rule(d, 0, RP_HALF, 615);
	assert_rule(d, 1, RP_YEAR, 1205);
	assert_string_equal(d->rules.v[0].to, "UBND tỉnh (qua Sở Văn hóa, Thể thao và Du lịch)");
	assert_string_equal(d->signer_name, "Hoàng Nam");
	assert_int_equal(d->authority.n, 3);
	assert_string_equal(d->authority.v[1], "KT. CHỦ TỊCH");
	assert_int_equal(d->recipients.n, 7);
	doc_free(d);
}

static void test_report_district(void **state)
{
	doc *d = parse_path("tests/data/bc_quan_hoankiem_2023.txt");
	assert_string_equal(d->kind, "BC");
	assert_string_equal(d->symbol, "412/BC-UBND");
	assert_string_equal(d->place, "Hoàn Kiếm");
	assert_true(date_is(d, 2023, 12, 8));
	assert_string_equal(d->title, "Kết quả công tác thông tin đối ngoại năm 2023 và phương hướng, nhiệm vụ năm 2024");
	assert_string_equal(d->citations.v[d->responds_to].symbol, "3521/STTTT-TTBCXB");
	assert_cited(d, "KH", "112/KH-UBND", "2023-05-05");
	assert_cited(d, "CT", "12-CT/TW", "2022-01-05");
	assert_top(d, "I II III IV");
	assert_int_equal(d->tasks.n, 0);
	assert_true(has_figure(d, 3, "đoàn ra"));
	assert_true(has_figure(d, 27, "đoàn vào"));
	assert_true(has_figure(d, 410, "lượt khách quốc tế"));
	assert_true(has_figure(d, 1245, "tin"));
	assert_true(has_figure(d, 2000, "cuốn ấn phẩm song ngữ"));
	assert_true(has_figure(d, 850, "triệu đồng"));
	assert_string_equal(d->signer_name, "Nguyễn Thị Lan Anh");
	assert_int_equal(d->authority.n, 3);
	assert_int_equal(d->recipients.n, 5);
	doc_free(d);
}

static void test_decision_with_annex(void **state)
{
	doc *d = parse_path("tests/data/qd_ban_hanh_kh_quangngai.txt");
	assert_string_equal(d->kind, "QĐ");
	assert_string_equal(d->symbol, "325/QĐ-UBND");
	assert_string_equal(d->place, "Quảng Ngãi");
	assert_true(date_is(d, 2024, 3, 5));
	assert_string_equal(d->title, "Ban hành Kế hoạch thông tin đối ngoại tỉnh Quảng Ngãi năm 2024");
	assert_cited(d, "QĐ", "21/2018/QĐ-UBND", "2018-07-12");
	assert_cited(d, "TTr", "18/TTr-STTTT", "2024-02-26");
	/* The decision's articles, then the annexed plan's parts. */
	assert_top(d, "Điều 1 Điều 2 Điều 3 I II III");
	/* The signature block ends before the annex's header. */
	assert_string_equal(d->signer_name, "Trần Phước Hiền");
	assert_int_equal(d->authority.n, 2);
	assert_string_equal(d->authority.v[0], "KT. CHỦ TỊCH");
	assert_int_equal(d->recipients.n, 6);
	/* The annex's tasks and reporting rules are read. */
	assert_int_equal(d->tasks.n, 3);
	assert_string_equal(d->tasks.v[1].label, "2");
	assert_string_equal(d->tasks.v[1].lead.v[0], "Sở Văn hóa, Thể thao và Du lịch");
	assert_int_equal(d->tasks.v[1].timeframe.kind, TF_QUARTER);
	assert_string_equal(d->tasks.v[1].timeframe.end, "2024-09-30");
	assert_int_equal(d->tasks.v[2].timeframe.kind, TF_HALF);
	assert_int_equal(d->rules.n, 2);
	assert_rule(d, 1, RP_YEAR, 1205);
	assert_string_equal(d->rules.v[0].to, "UBND tỉnh (qua Sở Thông tin và Truyền thông)");
	doc_free(d);
}

static void test_official_letter(void **state)
{
	doc *d = parse_path("tests/data/cv_vv_6thang_gialai.txt");
	assert_string_equal(d->kind, "CV");
	assert_string_equal(d->symbol, "1873/SVHTTDL-TTBC");
	assert_string_equal(d->issuer_code, "SVHTTDL");
	assert_string_equal(d->place, "Gia Lai");
	assert_true(date_is(d, 2025, 5, 27));
	/* "V/v" wraps onto a second line. */
	assert_string_equal(d->title, "báo cáo kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2025");
	assert_string_equal(d->citations.v[d->responds_to].symbol, "1520/BVHTTDL-TTĐN");
	assert_string_equal(d->citations.v[d->responds_to].kind, "CV");
	assert_cited(d, "KH", "86/KH-UBND", "2025-01-10");
	/* "Thời gian chốt số liệu" is no task. */
	assert_int_equal(d->tasks.n, 0);
	/* The period of the asked-for report comes from the summary line. */
	assert_int_equal(d->rules.n, 1);
	assert_rule(d, 0, RP_HALF, 610);
	assert_string_equal(d->signer_name, "Nguyễn Thị Thanh Lịch");
	assert_int_equal(d->authority.n, 2);
	assert_int_equal(d->recipients.n, 4);
	doc_free(d);
}

static void test_announcement(void **state)
{
	doc *d = parse_path("tests/data/tb_ketluan_danang.txt");
	assert_string_equal(d->kind, "TB");
	assert_string_equal(d->symbol, "58/TB-UBND");
	assert_string_equal(d->place, "Đà Nẵng");
	assert_true(date_is(d, 2024, 3, 5));
	assert_string_equal(d->title, "Kết luận của Phó Chủ tịch UBND thành phố Trần Chí Cường tại cuộc họp về công tác "
	                              "thông tin đối ngoại năm 2024");
	assert_cited(d, "KH", "4512/KH-UBND", "2023-12-25");
	assert_top(d, "1 2 3 4");
	assert_true(has_figure(d, 46, "đoàn phóng viên nước ngoài"));
	assert_int_equal(d->authority.n, 3);
	assert_string_equal(d->authority.v[0], "TL. CHỦ TỊCH");
	assert_string_equal(d->signer_name, "Nguyễn Văn Hùng");
	assert_int_equal(d->recipients.n, 5);
	doc_free(d);
}

static void test_news(void **state)
{
	doc *d = parse_path("tests/data/news_chithi10_lamdong.txt");
	assert_string_equal(d->kind, "other");
	assert_null(d->symbol);
	assert_string_equal(d->title, "Lâm Đồng: Nâng cao hiệu quả công tác thông tin đối ngoại");
	assert_int_equal(d->responds_to, -1);
	assert_int_equal(d->citations.n, 3);
	assert_cited(d, "NĐ", "72/2015/NĐ-CP", "2015-09-07");
	assert_cited(d, "CT", "10/CT-TTg", "2021-03-19");
	assert_cited(d, "KH", "215/KH-UBND", NULL);
	assert_true(has_figure(d, 150, "học viên"));
	assert_true(has_figure(d, 35, "đoàn phóng viên nước ngoài"));
	assert_null(d->signer_name);
	assert_int_equal(d->recipients.n, 0);
	assert_int_equal(d->tasks.n, 0);
	doc_free(d);
}

static void test_markdown_report(void **state)
{
	doc *d = parse_path("tests/data/bc_khanhhoa_markdown.txt");
	assert_string_equal(d->kind, "BC");
	assert_string_equal(d->symbol, "245/BC-STTTT");
	assert_string_equal(d->place, "Khánh Hòa");
	assert_true(date_is(d, 2023, 12, 10));
	assert_string_equal(d->title, "Kết quả công tác thông tin đối ngoại năm 2023");
	assert_string_equal(d->citations.v[d->responds_to].symbol, "4821/BTTTT-TTĐN");
	assert_cited(d, "KH", "1234/KH-UBND", "2023-02-06");
	assert_top(d, "I II III");
	/* Footnotes a converter put after the signature. */
	assert_int_equal(d->footnotes.n, 2);
	assert_true(has_figure(d, 21, "đoàn phóng viên nước ngoài"));
	assert_string_equal(d->signer_name, "Trần Văn Hùng");
	assert_int_equal(d->authority.n, 1);
	assert_int_equal(d->recipients.n, 3);
	doc_free(d);
}

static void test_table_plan(void **state)
{
	doc *d = parse_path("tests/data/kh_bang_laocai.txt");
	assert_string_equal(d->kind, "KH");
	assert_string_equal(d->symbol, "88/KH-UBND");
	assert_string_equal(d->place, "Lào Cai");
	assert_true(date_is(d, 2024, 2, 26));
	assert_string_equal(d->citations.v[d->responds_to].symbol, "320/HD-BCĐTTĐN");
	assert_top(d, "I II III IV");
	/* The header row is no part of the heading above it. */
	assert_string_equal(d->sections.v[1].heading, "NHIỆM VỤ CỤ THỂ");
	assert_int_equal(d->tasks.n, 5);
	const doc_task *t = &d->tasks.v[1];
	assert_string_equal(t->label, "2");
	assert_string_equal(t->content, "Tổ chức đón đoàn phóng viên nước ngoài đến tìm hiểu về tỉnh");
	assert_string_equal(t->lead.v[0], "Sở Ngoại vụ");
	assert_int_equal(t->coordinating.n, 2);
	assert_int_equal(t->timeframe.kind, TF_QUARTER);
	assert_int_equal(d->tasks.v[0].timeframe.kind, TF_CONTINUOUS);
	assert_int_equal(d->tasks.v[3].timeframe.kind, TF_HALF);
	assert_string_equal(d->tasks.v[3].timeframe.start, "2024-07-01");
	assert_string_equal(d->tasks.v[4].lead.v[0], "Bộ Chỉ huy Bộ đội Biên phòng tỉnh");
	assert_int_equal(d->tasks.v[4].timeframe.kind, TF_WITHIN);
	assert_int_equal(d->rules.n, 2);
	assert_rule(d, 0, RP_HALF, 610);
	assert_string_equal(d->signer_name, "Giàng Thị Dung");
	assert_int_equal(d->recipients.n, 4);
	doc_free(d);
}

/* The same table as a Word table read cell by cell, one cell a line. */
static void test_table_cell_lines(void **state)
{
	doc *d = parse_str("KẾ HOẠCH\nThử\n\nII. NHIỆM VỤ\n"
	                   "STT\nNội dung\nĐơn vị chủ trì\nĐơn vị phối hợp\nThời gian hoàn thành\n"
	                   "1\nTổ chức hội nghị báo chí.\nSở Ngoại vụ\nCông an tỉnh\nQuý II/2024\n"
	                   "2\nXuất bản ấn phẩm.\n- Tập gấp song ngữ.\n- Video clip.\nSở Du lịch\nSở Ngoại vụ\nTháng 9/2024\n"
	                   "III. KINH PHÍ\nNgân sách tỉnh.\n");
	assert_int_equal(d->tasks.n, 2);
	assert_string_equal(d->tasks.v[0].lead.v[0], "Sở Ngoại vụ");
	assert_string_equal(d->tasks.v[0].coordinating.v[0], "Công an tỉnh");
	assert_int_equal(d->tasks.v[0].timeframe.kind, TF_QUARTER);
	assert_string_equal(d->tasks.v[1].label, "2");
	assert_string_equal(d->tasks.v[1].content, "Xuất bản ấn phẩm. Tập gấp song ngữ. Video clip.");
	assert_string_equal(d->tasks.v[1].lead.v[0], "Sở Du lịch");
	assert_int_equal(d->tasks.v[1].timeframe.kind, TF_MONTH);
	doc_free(d);
}

static void test_nfd_tone_placement(void **state)
{
	doc *d = parse_path("tests/data/kh_khanhhoa_nfd.txt");
	assert_string_equal(d->kind, "KH");
	assert_string_equal(d->symbol, "2150/KH-UBND");
	/* NFC on output, spelling kept as written. */
	assert_string_equal(d->place, "Khánh Hoà");
	assert_true(date_is(d, 2024, 2, 28));
	assert_string_equal(d->title, "Hoạt động thông tin đối ngoại tỉnh Khánh Hoà năm 2024");
	/* "NÐ" with U+00D0 is folded to "NĐ". */
	assert_cited(d, "NĐ", "72/2015/NĐ-CP", "2015-09-07");
	assert_string_equal(d->citations.v[d->responds_to].symbol, "45/HD-BTGTU");
	assert_int_equal(d->tasks.n, 2);
	assert_string_equal(d->tasks.v[0].lead.v[0], "Sở Văn hoá và Thể thao");
	assert_string_equal(d->tasks.v[0].coordinating.v[1], "Uỷ ban nhân dân các huyện, thị xã, thành phố");
	assert_int_equal(d->tasks.v[0].timeframe.kind, TF_QUARTER);
	assert_string_equal(d->tasks.v[0].timeframe.end, "2024-06-30");
	assert_int_equal(d->tasks.v[1].timeframe.kind, TF_MONTH);
	assert_int_equal(d->rules.n, 1);
	assert_rule(d, 0, RP_YEAR, 1205);
	assert_string_equal(d->authority.v[0], "TM. UỶ BAN NHÂN DÂN");
	assert_string_equal(d->signer_name, "Nguyễn Thị Thuỷ Hoà");
	assert_int_equal(d->recipients.n, 3);
	doc_free(d);
}

static void test_draft_blank_number(void **state)
{
	doc *d = parse_path("tests/data/bc_draft_dailoc_2024.txt");
	assert_string_equal(d->kind, "BC");
	assert_string_equal(d->symbol, "/BC-UBND");
	assert_int_equal(d->number, -1);
	assert_string_equal(d->issuer_code, "UBND");
	assert_string_equal(d->place, "Đại Lộc");
	assert_int_equal(d->year, 2024);
	assert_int_equal(d->month, 0);
	assert_string_equal(d->title, "Kết quả thực hiện công tác thông tin đối ngoại quý I năm 2024");
	assert_string_equal(d->citations.v[d->responds_to].symbol, "125/SVHTTDL-QLVH");
	assert_string_equal(d->citations.v[d->responds_to].date, "2024-03-05");
	/* "05-3-2024" and "12.3.2024" */
	assert_cited(d, "KH", "45/KH-UBND", "2024-03-05");
	assert_cited(d, "CV", "312/UBND-VX", "2024-03-12");
	assert_cited(d, "NĐ", "72/2015/NĐ-CP", NULL);
	assert_top(d, "I II");
	assert_true(has_figure(d, 80, "học viên"));
	/* "Báo cáo ... gửi Sở ..." names no reporting body: "Báo cáo" is no
	 * newspaper. */
	assert_int_equal(d->rules.n, 1);
	assert_null(d->rules.v[0].from);
	assert_rule(d, 0, RP_HALF, 615);
	assert_null(d->signer_name);
	assert_int_equal(d->authority.n, 2);
	assert_int_equal(d->recipients.n, 3);
	doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan_quangtri),      cmocka_unit_test(test_report_district),
		cmocka_unit_test(test_decision_with_annex), cmocka_unit_test(test_official_letter),
		cmocka_unit_test(test_announcement),       cmocka_unit_test(test_news),
		cmocka_unit_test(test_markdown_report),    cmocka_unit_test(test_table_plan),
		cmocka_unit_test(test_table_cell_lines),   cmocka_unit_test(test_nfd_tone_placement),
		cmocka_unit_test(test_draft_blank_number),
	};
	return cmocka_run_group_tests_name("parse_genre", tests, NULL, NULL);
}
