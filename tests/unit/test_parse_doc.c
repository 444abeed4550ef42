/* test_parse_doc.c - whole documents through parse_text/parse_file: heading
 * labels and nesting, task blocks with label variants and debris, signature
 * authority lines, header forms, the genre documents under tests/data/
 * (a district decision, a news article, a draft district report, an
 * official letter), and bad input (invalid UTF-8 with its offset, empty,
 * binary, oversize). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "parsetest.h"
#include "text/parse.h"

static const doc_section *section(const doc *d, const char *label, int parent)
{
	for (size_t i = 0; i < d->sections.n; i++)
		if (!strcmp(d->sections.v[i].label, label) && d->sections.v[i].parent == parent)
			return &d->sections.v[i];
	return NULL;
}

static int index_of(const doc *d, const doc_section *s)
{
	return (int)(s - d->sections.v);
}

static void test_heading_labels(void **state)
{
	doc *d = parse_str("KẾ HOẠCH\nThử nghiệm\n\n"
	                   "I. MỤC ĐÍCH,\nYÊU CẦU\n- Nội dung.\n"
	                   "II - NỘI DUNG\n"
	                   "1. Công tác tuyên truyền:\n"
	                   "1.1. Tuyên truyền trên báo chí\n"
	                   "a) Báo in\n"
	                   "b) Báo điện tử\n"
	                   "1.2 Tuyên truyền trực quan\n"
	                   "2) Tập huấn\n"
	                   "III. KINH PHÍ\n"
	                   "Năm 2019 dự toán 3 tỷ đồng.\n"
	                   "2017. không phải đề mục\n");
	assert_int_equal(d->sections.n, 9);
	const doc_section *i1 = section(d, "I", -1), *i2 = section(d, "II", -1), *i3 = section(d, "III", -1);
	assert_non_null(i1);
	assert_non_null(i2);
	assert_non_null(i3);
	/* A heading split over two lines is joined. */
	assert_string_equal(i1->heading, "MỤC ĐÍCH, YÊU CẦU");
	assert_string_equal(i2->heading, "NỘI DUNG");
	const doc_section *s1 = section(d, "1", index_of(d, i2));
	assert_non_null(s1);
	assert_string_equal(s1->heading, "Công tác tuyên truyền");
	assert_int_equal(s1->level, 2);
	const doc_section *s11 = section(d, "1.1", index_of(d, s1));
	assert_non_null(s11);
	assert_int_equal(s11->level, 3);
	const doc_section *a = section(d, "a", index_of(d, s11));
	assert_non_null(a);
	assert_int_equal(a->level, 4);
	assert_non_null(section(d, "b", index_of(d, s11)));
	assert_non_null(section(d, "1.2", index_of(d, s1)));
	assert_non_null(section(d, "2", index_of(d, i2)));
	assert_int_equal(i3->level, 1);
	doc_free(d);
}

static void test_tasks_and_labels(void **state)
{
	doc *d = parse_str("KẾ HOẠCH\nThử\n\nII. NỘI DUNG\n"
	                   "1. Tuyên truyền\n"
	                   "- Nhiệm vụ thứ nhất.\n"
	                   "- + *Cơ quan chủ trì*: Sở Văn hoá, Thể thao và Du lịch.\n"
	                   "- + *Cơ quan, đơn vị phối hợp*: Sở Ngoại vụ, UBND các huyện.\n"
	                   "- + *Thời gian thực hiện*: Quý II/2019.\n"
	                   "- Nhiệm vụ thứ hai.\n"
	                   "+ **Cơ quan thực hiện**: Công an tỉnh và Bộ Chỉ huy Quân sự tỉnh.\n"
	                   "+ Thời gian hoàn thành: trước ngày 15/6/2019.\n"
	                   "2. Báo cáo\n"
	                   "Đơn vị chủ trì theo dõi, hướng dẫn, tổng hợp: Sở Thông tin và Truyền thông.\n"
	                   "Tiến độ: Thường xuyên\n");
	assert_int_equal(d->tasks.n, 3);
	const doc_task *t = &d->tasks.v[0];
	assert_string_equal(t->label, "1");
	assert_string_equal(t->content, "Nhiệm vụ thứ nhất.");
	assert_int_equal(t->lead.n, 1);
	assert_string_equal(t->lead.v[0], "Sở Văn hoá, Thể thao và Du lịch");
	assert_int_equal(t->coordinating.n, 2);
	assert_string_equal(t->coordinating.v[1], "UBND các huyện");
	assert_int_equal(t->timeframe.kind, TF_QUARTER);
	assert_string_equal(t->timeframe.text, "Quý II/2019");
	t = &d->tasks.v[1];
	assert_string_equal(t->label, "1");
	assert_int_equal(t->lead.n, 2);
	assert_string_equal(t->lead.v[1], "Bộ Chỉ huy Quân sự tỉnh");
	assert_int_equal(t->timeframe.kind, TF_BEFORE);
	assert_string_equal(t->timeframe.end, "2019-06-15");
	t = &d->tasks.v[2];
	assert_string_equal(t->label, "2");
	assert_string_equal(t->lead.v[0], "Sở Thông tin và Truyền thông");
	assert_int_equal(t->timeframe.kind, TF_CONTINUOUS);
	doc_free(d);
}

static void test_authority_lines(void **state)
{
	static const struct {
		const char *block;
		const char *first;
		size_t n;
	} cases[] = {
	    {"TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An\n", "TM. ỦY BAN NHÂN DÂN", 3},
	    {"KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n(Đã ký)\nLê Thị Bình\n", "KT. GIÁM ĐỐC", 2},
	    {"Q. CHÁNH VĂN PHÒNG\nHoàng Văn Cường\n", "Q. CHÁNH VĂN PHÒNG", 1},
	    {"TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\nPhạm Minh Đức\n", "TL. CHỦ TỊCH", 2},
	    {"TUQ. CHỦ TỊCH\nGIÁM ĐỐC SỞ NỘI VỤ\nVõ Thị Hà\n", "TUQ. CHỦ TỊCH", 2},
	    {"**KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN**\nĐỗ Văn Em\n", "KT. TRƯỞNG BAN", 2},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[1024];
		snprintf(text, sizeof text,
		         "Số: 12/BC-UBND\nBÁO CÁO\nKết quả\n\nI. KẾT QUẢ\nNội dung./.\n\nNơi nhận:\n- Như "
		         "trên;\n- Lưu: VT.\n%s",
		         cases[i].block);
		doc *d = parse_str(text);
		if (d->authority.n != cases[i].n)
			fail_msg("case %zu: %zu authority lines, expected %zu", i, d->authority.n,
			         cases[i].n);
		assert_string_equal(d->authority.v[0], cases[i].first);
		assert_non_null(d->signer_name);
		assert_int_equal(d->recipients.n, 2);
		assert_string_equal(d->recipients.v[1], "Lưu: VT");
		doc_free(d);
	}
}

static void test_header_forms(void **state)
{
	/* Both columns on one line, separated by a tab. */
	doc *d =
	    parse_str("UBND TỈNH KON TUM\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
	              "Số: 215/KH-UBND\tKon Tum, ngày 05 tháng 01 năm 2019\n\n"
	              "KẾ HOẠCH\nHoạt động thông tin đối ngoại\ntỉnh Kon Tum năm 2019\n\nCăn cứ Luật;\n");
	assert_string_equal(d->kind, "KH");
	assert_string_equal(d->symbol, "215/KH-UBND");
	assert_int_equal(d->number, 215);
	assert_string_equal(d->place, "Kon Tum");
	assert_int_equal(d->year * 10000 + d->month * 100 + d->day, 20190105);
	assert_string_equal(d->title, "Hoạt động thông tin đối ngoại tỉnh Kon Tum năm 2019");
	doc_free(d);
	/* NFD input is normalised: the title comes out NFC. */
	d = parse_str("BA\xCC\x81O CA\xCC\x81O\nKe\xCC\x82\xCC\x81t qua\xCC\x89\n");
	assert_string_equal(d->kind, "BC");
	assert_string_equal(d->title, "Kết quả");
	doc_free(d);
	/* The symbol's type wins; a date in a sentence is not the header date. */
	d = parse_str("Số: 45/TB-VP\nTHÔNG BÁO\nKết luận của Chủ tịch\n\nNgày 12/4/2020 đã họp.\n");
	assert_string_equal(d->kind, "TB");
	assert_int_equal(d->year, 0);
	doc_free(d);
}

static void test_genre_decision(void **state)
{
	doc *d = parse_path("tests/data/qd_ubnd_huyen.txt");
	assert_string_equal(d->kind, "QĐ");
	assert_string_equal(d->symbol, "1520/QĐ-UBND");
	assert_string_equal(d->place, "Tuy Phước");
	assert_int_equal(d->year * 10000 + d->month * 100 + d->day, 20210309);
	assert_string_equal(
	    d->title, "Về việc ban hành Kế hoạch hoạt động thông tin đối ngoại huyện Tuy Phước năm 2021");
	assert_int_equal(d->sections.n, 3);
	assert_string_equal(d->sections.v[0].label, "Điều 1");
	assert_int_equal(d->citations.n, 2);
	assert_string_equal(d->citations.v[0].symbol, "72/2015/NĐ-CP");
	assert_true(d->responds_to >= 0);
	assert_string_equal(d->citations.v[d->responds_to].symbol, "45/KH-UBND");
	assert_int_equal(d->rules.n, 2);
	assert_string_equal(d->rules.v[0].from, "Phòng Văn hóa và Thông tin huyện");
	assert_string_equal(d->rules.v[0].to, "UBND huyện");
	assert_int_equal(d->rules.v[0].period, RP_HALF);
	assert_int_equal(d->rules.v[1].due_month * 100 + d->rules.v[1].due_day, 1130);
	assert_int_equal(d->authority.n, 2);
	assert_string_equal(d->authority.v[0], "TM. ỦY BAN NHÂN DÂN");
	assert_string_equal(d->signer_name, "Nguyễn Văn Hoà");
	assert_int_equal(d->recipients.n, 4);
	doc_free(d);
}

static void test_genre_news(void **state)
{
	doc *d = parse_path("tests/data/news_72_nd_cp.txt");
	assert_string_equal(d->kind, "other");
	assert_null(d->symbol);
	assert_string_equal(d->title, "Bình Định đẩy mạnh công tác thông tin đối ngoại năm 2023");
	assert_int_equal(d->citations.n, 2);
	assert_string_equal(d->citations.v[0].kind, "NĐ");
	assert_string_equal(d->citations.v[0].date, "2015-09-07");
	assert_string_equal(d->citations.v[1].symbol, "1486/QĐ-TTg");
	assert_null(d->citations.v[1].date);
	assert_int_equal(d->responds_to, -1);
	int found = 0;
	for (size_t i = 0; i < d->figures.n; i++)
		found |= d->figures.v[i].count == 12 &&
		         !strcmp(d->figures.v[i].unit, "đoàn phóng viên nước ngoài");
	assert_true(found);
	doc_free(d);
}

static void test_genre_draft_report(void **state)
{
	doc *d = parse_path("tests/data/bc_huyen_draft.txt");
	assert_string_equal(d->kind, "BC");
	assert_string_equal(d->symbol, "/BC-VHTT");
	assert_int_equal(d->number, -1);
	assert_int_equal(d->year, 2023);
	assert_int_equal(d->month, 0);
	assert_string_equal(d->place, "Ngọc Hồi");
	assert_string_equal(d->citations.v[1].symbol, "96/2023/NĐ-CP");
	const doc_section *p1 = section(d, "PHẦN I", -1);
	assert_non_null(p1);
	const doc_section *s1 = section(d, "1", index_of(d, p1));
	assert_non_null(s1);
	assert_non_null(section(d, "a", index_of(d, s1)));
	assert_string_equal(d->signer_name, "Trần Thị Thuỷ");
	assert_int_equal(d->recipients.n, 3);
	doc_free(d);
}

static void test_genre_official_letter(void **state)
{
	doc *d = parse_path("tests/data/cv_so_tttt.txt");
	assert_string_equal(d->kind, "CV");
	assert_string_equal(d->symbol, "838/STTTT-TTBCXB");
	assert_string_equal(d->issuer_code, "STTTT");
	assert_string_equal(d->title, "báo cáo tình hình triển khai hoạt động thông tin đối ngoại");
	assert_int_equal(d->rules.n, 1);
	assert_int_equal(d->rules.v[0].period, RP_YEAR);
	assert_string_equal(d->rules.v[0].to, "Sở");
	assert_string_equal(d->rules.v[0].from, "các cơ quan, đơn vị");
	assert_string_equal(d->authority.v[0], "TL. GIÁM ĐỐC");
	doc_free(d);
}

static void test_bad_input(void **state)
{
	doc *d = NULL;
	parse_error err;
	const char bad[] = "BÁO CÁO\nabc\xC3\x28xyz";
	assert_int_equal(parse_text(bad, sizeof bad - 1, &d, &err), TT_ERR_UTF8);
	assert_int_equal(err.bad_offset, strlen("BÁO CÁO\nabc"));
	assert_null(d);
	assert_non_null(strstr(err.message, "offset 13"));
	assert_int_equal(parse_text("", 0, &d, &err), TT_ERR_PARSE);
	assert_int_equal(parse_text(" \n\t\r\n  ", 7, &d, &err), TT_ERR_PARSE);
	assert_null(d);
	/* Binary garbage: NULs and control bytes. */
	char bin[512];
	for (size_t i = 0; i < sizeof bin; i++)
		bin[i] = (char)((i * 7) & 0x3F);
	assert_int_equal(parse_text(bin, sizeof bin, &d, &err), TT_ERR_PARSE);
	/* Random high bytes are not UTF-8. */
	for (size_t i = 0; i < sizeof bin; i++)
		bin[i] = (char)(0x80 + ((i * 37) & 0x7F));
	assert_int_equal(parse_text(bin, sizeof bin, &d, &err), TT_ERR_UTF8);
	assert_int_equal(err.bad_offset, 0);
	/* Oversize input is refused before any work. */
	assert_int_equal(parse_text("x", PARSE_MAX_INPUT + 1, &d, &err), TT_ERR_TOO_LARGE);
	assert_null(d);
	/* A missing file. */
	assert_int_equal(parse_file("tests/data/no-such-file.txt", &d, &err), TT_ERR_NOT_FOUND);
	/* Text without any structure still parses, to kind "other". */
	d = parse_str("chỉ một dòng chữ");
	assert_string_equal(d->kind, "other");
	assert_int_equal(d->sections.n, 0);
	doc_free(d);
}

static void test_utf16_file(void **state)
{
	/* "BÁO CÁO\nThử" as UTF-16LE with its BOM. */
	const char *path = "build/test_utf16.txt";
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	const unsigned char data[] = {0xFF, 0xFE, 'B', 0,    0xC1, 0,   'O', 0,   ' ', 0,    'C',  0,    0xC1,
	                              0,    'O',  0,   '\n', 0,    'T', 0,   'h', 0,   0xED, 0x1E, '\n', 0};
	fwrite(data, 1, sizeof data, f);
	fclose(f);
	doc *d = parse_path(path);
	assert_string_equal(d->kind, "BC");
	assert_string_equal(d->title, "Thử");
	assert_string_equal(d->encoding_note, "utf-16le");
	doc_free(d);
	remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_heading_labels),     cmocka_unit_test(test_tasks_and_labels),
	    cmocka_unit_test(test_authority_lines),    cmocka_unit_test(test_header_forms),
	    cmocka_unit_test(test_genre_decision),     cmocka_unit_test(test_genre_news),
	    cmocka_unit_test(test_genre_draft_report), cmocka_unit_test(test_genre_official_letter),
	    cmocka_unit_test(test_bad_input),          cmocka_unit_test(test_utf16_file),
	};
	return cmocka_run_group_tests_name("parse_doc", tests, NULL, NULL);
}
