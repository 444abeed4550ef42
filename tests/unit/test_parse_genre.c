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

#include "parsetest.h"
#include "text/parse.h"

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
			o += (size_t)snprintf(got + o, sizeof got - o, "%s%s", o ? " " : "",
			                      d->sections.v[i].label);
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
	assert_string_equal(
	    d->title, "Triển khai công tác thông tin đối ngoại tỉnh Quảng Trị những tháng cuối năm 2025");
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
	assert_string_equal(
	    d->title, "Kết quả công tác thông tin đối ngoại năm 2023 và phương hướng, nhiệm vụ năm 2024");
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
	/* "và các Khu công nghiệp" goes on naming one body. */
	assert_int_equal(d->tasks.v[0].lead.n, 1);
	assert_string_equal(d->tasks.v[0].lead.v[0],
	                    "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi");
	/* The annex's "(Ban hành kèm theo Quyết định số 325/QĐ-UBND ...)" is
	 * cited, yet answers nothing and changes none of the decision's own
	 * fields. */
	assert_cited(d, "QĐ", "325/QĐ-UBND", "2024-03-05");
	assert_string_equal(d->citations.v[d->responds_to].symbol, "18/TTr-STTTT");
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
	assert_string_equal(
	    d->title, "Kết luận của Phó Chủ tịch UBND thành phố Trần Chí Cường tại cuộc họp về công tác "
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
	                   "2\nXuất bản ấn phẩm.\n- Tập gấp song ngữ.\n- Video clip.\nSở Du lịch\nSở Ngoại "
	                   "vụ\nTháng 9/2024\n"
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

static const doc_task *task_with_lead(const doc *d, const char *lead)
{
	for (size_t i = 0; i < d->tasks.n; i++)
		if (d->tasks.v[i].lead.n && !strcmp(d->tasks.v[i].lead.v[0], lead))
			return &d->tasks.v[i];
	fail_msg("no task led by %s", lead);
	return NULL;
}

/* A plan whose tasks are sentences: "Giao X chủ trì, phối hợp với Y ...",
 * "X chủ trì, phối hợp với Y ...", "Đề nghị X chủ trì ...", "Giao X ...;
 * thời gian hoàn thành: ...", and "- Chủ trì, ..." under a heading that
 * names the body. Narrative and routine duties are no tasks. */
static void test_sentence_tasks(void **state)
{
	doc *d = parse_path("tests/data/kh_phan_cong_cau_binhdinh.txt");
	assert_string_equal(d->kind, "KH");
	assert_true(date_is(d, 2024, 3, 12));
	/* Not "Năm 2023, Sở ... đã phối hợp với ...", not "Giao Sở Nội vụ
	 * thường xuyên theo dõi ...; định kỳ ... báo cáo". */
	assert_int_equal(d->tasks.n, 5);
	const doc_task *t = &d->tasks.v[0];
	assert_string_equal(t->label, "1");
	assert_string_equal(t->lead.v[0], "Sở Văn hóa, Thể thao và Du lịch");
	assert_int_equal(t->lead.n, 1);
	assert_int_equal(t->coordinating.n, 2);
	assert_string_equal(t->coordinating.v[0], "Sở Ngoại vụ");
	assert_string_equal(t->coordinating.v[1], "Công an tỉnh");
	assert_int_equal(t->timeframe.kind, TF_BEFORE);
	assert_string_equal(t->timeframe.end, "2024-06-30");
	t = &d->tasks.v[1];
	assert_string_equal(t->lead.v[0], "Sở Ngoại vụ");
	assert_string_equal(t->coordinating.v[0], "các cơ quan liên quan");
	assert_int_equal(t->timeframe.kind, TF_QUARTER);
	assert_string_equal(t->timeframe.start, "2024-07-01");
	t = &d->tasks.v[2];
	assert_string_equal(t->lead.v[0], "UBND các huyện, thị xã, thành phố");
	assert_int_equal(t->coordinating.n, 1);
	assert_string_equal(t->coordinating.v[0], "Ban Quản lý Khu kinh tế và các Khu công nghiệp tỉnh");
	assert_false(t->has_timeframe);
	t = &d->tasks.v[3];
	assert_string_equal(t->lead.v[0], "Sở Tư pháp");
	assert_int_equal(t->coordinating.n, 0);
	assert_int_equal(t->timeframe.kind, TF_QUARTER);
	assert_string_equal(t->timeframe.end, "2024-12-31");
	t = &d->tasks.v[4];
	assert_string_equal(t->label, "1");
	assert_string_equal(t->lead.v[0], "Sở Thông tin và Truyền thông");
	assert_int_equal(t->coordinating.n, 2);
	assert_string_equal(t->coordinating.v[1], "Đài Phát thanh và Truyền hình tỉnh");
	assert_int_equal(t->timeframe.kind, TF_MONTH);
	/* The routine duty still gives its reporting rules. */
	assert_int_equal(d->rules.n, 2);
	assert_true(has_figure(d, 4, "hội nghị"));
	doc_free(d);
}

static void test_sentence_tasks_conservative(void **state)
{
	/* An announcement: who chaired the meeting, what was done, and the
	 * conclusions that assign work. */
	doc *d = parse_str(
	    "THÔNG BÁO\nKết luận cuộc họp\n\n"
	    "Chủ tịch UBND tỉnh chủ trì cuộc họp về công tác thông tin đối ngoại năm 2024.\n"
	    "Sở Thông tin và Truyền thông đã phối hợp với Sở Ngoại vụ tổ chức 3 lớp tập huấn.\n"
	    "Các sở, ngành phối hợp chặt chẽ trong công tác thông tin đối ngoại.\n"
	    "1. Giao Sở Du lịch chủ trì tổ chức đón đoàn famtrip quốc tế trong năm 2024.\n"
	    "2. Yêu cầu Công an tỉnh phối hợp với Bộ Chỉ huy Bộ đội Biên phòng tỉnh quản lý phóng viên nước "
	    "ngoài hoạt động trên địa bàn.\n"
	    "3. Giao Sở Nội vụ theo dõi, tổng hợp.\n");
	assert_int_equal(d->tasks.n, 2);
	const doc_task *t = task_with_lead(d, "Sở Du lịch");
	assert_int_equal(t->timeframe.kind, TF_WITHIN);
	t = task_with_lead(d, "Công an tỉnh");
	assert_string_equal(t->label, "2");
	assert_string_equal(t->coordinating.v[0], "Bộ Chỉ huy Bộ đội Biên phòng tỉnh");
	doc_free(d);
	/* A report narrates and recommends: no sentence is a task. */
	d = parse_str(
	    "BÁO CÁO\nKết quả năm 2024\n\nI. KẾT QUẢ\n"
	    "Sở Ngoại vụ chủ trì, phối hợp với Công an tỉnh tổ chức 2 hội nghị báo chí.\n"
	    "II. KIẾN NGHỊ\nĐề nghị Bộ Ngoại giao chủ trì, phối hợp với các bộ, ngành hướng dẫn.\n");
	assert_int_equal(d->tasks.n, 0);
	doc_free(d);
}

/* A lead list with one name per case: the names hold "và" and commas. */
static void test_body_names_with_va(void **state)
{
	static const struct {
		const char *value;
		size_t n;
		const char *first, *last;
	} cases[] = {
	    {"Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi", 1,
	     "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi", NULL},
	    {"Sở Lao động - Thương binh và Xã hội", 1, "Sở Lao động - Thương binh và Xã hội", NULL},
	    {"Sở Nông nghiệp và Môi trường, Sở Tài nguyên và Môi trường", 2, "Sở Nông nghiệp và Môi trường",
	     "Sở Tài nguyên và Môi trường"},
	    {"Sở Ngoại vụ và Công an tỉnh", 2, "Sở Ngoại vụ", "Công an tỉnh"},
	    {"Sở Văn hóa, Thể thao và Du lịch và UBND các huyện", 2, "Sở Văn hóa, Thể thao và Du lịch",
	     "UBND các huyện"},
	    {"Sở Giáo dục và Đào tạo, Sở Khoa học và Công nghệ, Đài Phát thanh và Truyền hình tỉnh và các cơ "
	     "quan liên "
	     "quan",
	     4, "Sở Giáo dục và Đào tạo", "các cơ quan liên quan"},
	    {"Sở Kế hoạch và Đầu tư; Sở Thông tin và Truyền thông", 2, "Sở Kế hoạch và Đầu tư",
	     "Sở Thông tin và Truyền thông"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[1024];
		snprintf(
		    text, sizeof text,
		    "KẾ HOẠCH\nThử\n\n1. Việc\n- Cơ quan chủ trì: %s.\n- Thời gian thực hiện: Năm 2024.\n",
		    cases[i].value);
		doc *d = parse_str(text);
		assert_int_equal(d->tasks.n, 1);
		const doc_strs *l = &d->tasks.v[0].lead;
		if (l->n != cases[i].n)
			fail_msg("%s: %zu bodies, expected %zu", cases[i].value, l->n, cases[i].n);
		assert_string_equal(l->v[0], cases[i].first);
		if (cases[i].last)
			assert_string_equal(l->v[l->n - 1], cases[i].last);
		doc_free(d);
	}
}

/* News articles date themselves in a dateline near the top. */
static void test_news_dateline(void **state)
{
	static const struct {
		const char *text;
		int y, m, d;
	} cases[] = {
	    {"Quảng bá du lịch Đà Lạt\n\nThứ Năm, 14/03/2024 - 15:20\n\nSáng 13/3, Sở tổ chức hội nghị.\n",
	     2024, 3, 14},
	    {"Quảng bá du lịch Đà Lạt\nCập nhật: 14/03/2024 09:12\nSáng 13/3, Sở tổ chức hội nghị.\n", 2024,
	     3, 14},
	    {"Quảng bá du lịch Đà Lạt\n(14/3/2024) - Sáng nay, Sở tổ chức hội nghị.\n", 2024, 3, 14},
	    {"Chủ nhật, 07/01/2024, 08:00 (GMT+7)\nQuảng bá du lịch Đà Lạt\nSáng nay, Sở tổ chức hội nghị.\n",
	     2024, 1, 7},
	    /* A date in a sentence dates the event, not the article. */
	    {"Quảng bá du lịch Đà Lạt\nNgày 12/4/2023, UBND tỉnh tổ chức hội nghị triển khai công tác.\n", 0,
	     0, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		doc *d = parse_str(cases[i].text);
		assert_string_equal(d->kind, "other");
		assert_string_equal(d->title, "Quảng bá du lịch Đà Lạt");
		if (!date_is(d, cases[i].y, cases[i].m, cases[i].d))
			fail_msg("case %zu: %d-%d-%d", i, d->year, d->month, d->day);
		doc_free(d);
	}
	doc *d = parse_path("tests/data/news_chithi10_lamdong.txt");
	assert_true(date_is(d, 2024, 3, 14));
	doc_free(d);
}

/* A count's unit ends at a bold span's end, at a verb and at a preposition. */
static void test_figure_units(void **state)
{
	doc *d = parse_str("BÁO CÁO\nKết quả\n\nI. KẾT QUẢ\n"
	                   "Tổ chức **04 hội nghị** giới thiệu tiềm năng du lịch tại Nhật Bản.\n"
	                   "Phát hành 3.000 tập gấp giới thiệu du lịch; đón **12 đoàn phóng viên nước "
	                   "ngoài** đến tìm hiểu.\n"
	                   "Mở 5 lớp tập huấn cho 320 học viên trong năm.\n");
	assert_true(has_figure(d, 4, "hội nghị"));
	assert_true(has_figure(d, 3000, "tập gấp"));
	assert_true(has_figure(d, 12, "đoàn phóng viên nước ngoài"));
	assert_true(has_figure(d, 5, "lớp tập huấn"));
	assert_true(has_figure(d, 320, "học viên"));
	doc_free(d);
}

/* An attached plan on its own: "(Ban hành kèm theo Quyết định ...)" is cited
 * but is neither part of the title nor the request answered. */
static void test_attached_plan_note(void **state)
{
	doc *d = parse_str(
	    "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\n\nKẾ HOẠCH\n"
	    "Thông tin đối ngoại tỉnh Quảng Ngãi năm 2024\n"
	    "(Ban hành kèm theo Quyết định số 325/QĐ-UBND ngày 05/3/2024 của Chủ tịch UBND tỉnh)\n\n"
	    "I. MỤC ĐÍCH\nQuảng bá hình ảnh tỉnh.\n");
	assert_string_equal(d->kind, "KH");
	assert_string_equal(d->title, "Thông tin đối ngoại tỉnh Quảng Ngãi năm 2024");
	assert_int_equal(d->responds_to, -1);
	assert_null(d->symbol);
	assert_int_equal(d->year, 0);
	assert_cited(d, "QĐ", "325/QĐ-UBND", "2024-03-05");
	doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plan_quangtri),
	    cmocka_unit_test(test_report_district),
	    cmocka_unit_test(test_decision_with_annex),
	    cmocka_unit_test(test_official_letter),
	    cmocka_unit_test(test_announcement),
	    cmocka_unit_test(test_news),
	    cmocka_unit_test(test_markdown_report),
	    cmocka_unit_test(test_table_plan),
	    cmocka_unit_test(test_table_cell_lines),
	    cmocka_unit_test(test_nfd_tone_placement),
	    cmocka_unit_test(test_draft_blank_number),
	    cmocka_unit_test(test_sentence_tasks),
	    cmocka_unit_test(test_sentence_tasks_conservative),
	    cmocka_unit_test(test_body_names_with_va),
	    cmocka_unit_test(test_news_dateline),
	    cmocka_unit_test(test_figure_units),
	    cmocka_unit_test(test_attached_plan_note),
	};
	return cmocka_run_group_tests_name("parse_genre", tests, NULL, NULL);
}
