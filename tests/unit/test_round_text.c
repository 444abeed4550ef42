/* test_round_text.c - the draft of a consolidated section made of the
 * bodies' texts (round_text_draft): each body's text named by body, groups
 * separated by an empty line, empty texts and other sections left out,
 * the surrounding blank lines of a text trimmed. Pure: no database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/round_text.h"

static void test_draft_names_each_body(void **state)
{
	(void)state;
	tt_arena a;
	arena_init(&a, 0);
	const st_merged_text t[] = {
	    {"tinh_hinh", "P51-SNV", "Sở Nội vụ", "Đón 3 đoàn.\nHọp báo 1 lần.\n\n"},
	    {"kien_nghi", "P51-SNV", "Sở Nội vụ", "Thêm kinh phí."},
	    {"tinh_hinh", "P51-STC", "Sở Tài chính", "  \n "},
	    {"tinh_hinh", "P51-SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "\nĐón 2 đoàn."},
	};
	assert_string_equal(
	    round_text_draft(&a, t, 4, "tinh_hinh"),
	    "Sở Nội vụ: Đón 3 đoàn.\nHọp báo 1 lần.\n\nSở Văn hóa, Thể thao và Du lịch: Đón 2 đoàn.");
	assert_string_equal(round_text_draft(&a, t, 4, "kien_nghi"), "Sở Nội vụ: Thêm kinh phí.");
	assert_string_equal(round_text_draft(&a, t, 4, "khac"), "");
	assert_string_equal(round_text_draft(&a, t, 0, "tinh_hinh"), "");
	/* A body without a name is named by its code. */
	const st_merged_text u[] = {{"x", "P51-X", NULL, "Nội dung."}};
	assert_string_equal(round_text_draft(&a, u, 1, "x"), "P51-X: Nội dung.");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_draft_names_each_body),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
