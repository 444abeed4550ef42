/* test_document.c - importing documents into the store: content-hash
 * deduplication, the citation graph (links by folded symbol and date, the
 * list of missing targets), corrections, and bad files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "seeds.h"

#include "core/document.h"
#include "testutil.h"

static tt_rc import_text(test_db *t, const char *name, const char *text, int64_t *id, document_outcome *o)
{
	t->ctx.error_detail = NULL;
	return document_import(&t->ctx, name, text, strlen(text), id, o);
}

static const char *report_citing =
    "ỦY BAN NHÂN DÂN\nHUYỆN TUY PHƯỚC\n\nSố: 45/BC-UBND\n\nTuy Phước, ngày 10 tháng 12 năm 2018\n\n"
    "BÁO CÁO\nKết quả công tác thông tin đối ngoại năm 2018\n\n"
    "Thực hiện Kế hoạch số 12/KH-UBND ngày 05/01/2018 của UBND tỉnh về hoạt động thông tin đối ngoại; "
    "căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ, UBND huyện báo cáo như sau:\n\n"
    "I. KẾT QUẢ ĐẠT ĐƯỢC\n1. Công tác chỉ đạo\nĐã đón 3 đoàn khách quốc tế.\n";

static const char *plan_cited =
    "ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\n\nSố: 12/KH-UBND\n\nBình Định, ngày 05 tháng 01 năm 2018\n\n"
    "KẾ HOẠCH\nHoạt động thông tin đối ngoại năm 2018\n\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nTăng cường.\n";

static void test_import_and_graph(void **state)
{
	test_db *t = test_db_new();
	int64_t rep = 0, plan = 0, again = 0;
	document_outcome o;
	assert_int_equal(import_text(t, "bc.txt", report_citing, &rep, &o), TT_OK);
	assert_int_equal(o, DOC_IMPORTED);
	st_document d;
	assert_int_equal(store_document_get(t->db, &t->arena, rep, &d), TT_OK);
	assert_string_equal(d.kind, "BC");
	assert_string_equal(d.symbol, "45/BC-UBND");
	assert_string_equal(d.date, "2018-12-10");
	assert_non_null(strstr(d.text, "Tuy Phước"));

	/* The plan it cites is not stored yet: a missing citation, no link. */
	st_citation *c, *missing;
	size_t nc, nm;
	assert_int_equal(store_document_citations(t->db, &t->arena, rep, 0, 0, &c, &nc), TT_OK);
	assert_true(nc >= 2);
	assert_int_equal(c[0].target_id, 0);
	assert_int_equal(store_document_missing(t->db, &t->arena, 10, &missing, &nm), TT_OK);
	int found = 0;
	for (size_t i = 0; i < nm; i++)
		found |= !strcmp(missing[i].symbol, "12/KH-UBND");
	assert_true(found);

	/* Importing it links both ways at once. */
	assert_int_equal(import_text(t, "kh.txt", plan_cited, &plan, &o), TT_OK);
	assert_int_equal(store_document_citations(t->db, &t->arena, rep, 0, 0, &c, &nc), TT_OK);
	int linked = 0;
	for (size_t i = 0; i < nc; i++)
		if (!strcmp(c[i].symbol, "12/KH-UBND"))
			linked = c[i].target_id == plan;
	assert_true(linked);
	st_document *by;
	size_t nb;
	assert_int_equal(store_document_cited_by(t->db, &t->arena, plan, &by, &nb), TT_OK);
	assert_int_equal(nb, 1);
	assert_int_equal(by[0].id, rep);

	/* Same bytes again: a duplicate, nothing new stored. */
	assert_int_equal(import_text(t, "copy-of-bc.txt", report_citing, &again, &o), TT_OK);
	assert_int_equal(o, DOC_DUPLICATE);
	assert_int_equal(again, rep);
	st_document *all;
	size_t na;
	st_document_query q = {0};
	assert_int_equal(store_document_find(t->db, &t->arena, &q, &all, &na), TT_OK);
	assert_int_equal(na, 2);
	test_db_free(t);
}

static void test_symbol_key(void **state)
{
	tt_buf a, b;
	buf_init(&a, 0);
	buf_init(&b, 0);
	assert_int_equal(document_symbol_key("96/2023/NĐ-CP", &a), TT_OK);
	assert_int_equal(document_symbol_key("96/2023/NĐCP", &b), TT_OK);
	assert_string_equal(a.data, b.data);
	assert_string_equal(a.data, "96/2023/ndcp");
	buf_reset(&b);
	assert_int_equal(document_symbol_key("96/2023/ND-CP", &b), TT_OK);
	assert_string_equal(a.data, b.data);
	buf_free(&a);
	buf_free(&b);
}

static void test_correct(void **state)
{
	test_db *t = test_db_new();
	int64_t id;
	document_outcome o;
	assert_int_equal(import_text(t, "kh.txt", plan_cited, &id, &o), TT_OK);
	st_user admin = {.id = 0, .login = "admin", .role = "admin"};
	t->ctx.user = &admin;
	document_fix fix = {.issuer_code = "UBND", .place = "Quy Nhơn", .date = "2018-01-06"};
	assert_int_equal(document_correct(&t->ctx, id, &fix), TT_OK);
	st_document d;
	assert_int_equal(store_document_get(t->db, &t->arena, id, &d), TT_OK);
	assert_string_equal(d.place, "Quy Nhơn");
	assert_string_equal(d.date, "2018-01-06");
	assert_non_null(d.corrected_at);
	assert_non_null(strstr(d.parsed, "\"place\":\"Quy Nhơn\""));
	/* A correction made from the never-corrected copy is refused now;
	 * one made from the current copy applies. */
	document_fix stale = {.place = "Bình Định", .seen_corrected = ""};
	assert_int_equal(document_correct(&t->ctx, id, &stale), TT_ERR_PRECONDITION);
	assert_non_null(strstr(t->ctx.error_detail, "người khác"));
	assert_int_equal(store_document_get(t->db, &t->arena, id, &d), TT_OK);
	assert_string_equal(d.place, "Quy Nhơn");
	document_fix fresh = {.place = "Bình Định", .seen_corrected = d.corrected_at};
	assert_int_equal(document_correct(&t->ctx, id, &fresh), TT_OK);
	assert_int_equal(store_document_get(t->db, &t->arena, id, &d), TT_OK);
	assert_string_equal(d.place, "Bình Định");
	document_fix bad = {.date = "2018-02-30"};
	assert_int_equal(document_correct(&t->ctx, id, &bad), TT_ERR_INVALID);
	st_user viewer = {.id = 0, .login = "v", .role = "viewer"};
	t->ctx.user = &viewer;
	assert_int_equal(document_correct(&t->ctx, id, &fix), TT_ERR_FORBIDDEN);
	test_db_free(t);
}

static void test_bad_files(void **state)
{
	test_db *t = test_db_new();
	int64_t id = 0;
	document_outcome o;
	assert_int_equal(import_text(t, "empty.txt", "", &id, &o), TT_ERR_PARSE);
	assert_int_equal(import_text(t, "bad.txt", "Số: 1/BC-UBND \xC3\x28 nội dung", &id, &o), TT_ERR_UTF8);
	assert_non_null(t->ctx.error_detail);
	/* A .docx that is not a zip at all. */
	assert_int_not_equal(
	    import_text(t, "broken.docx", "PK\x03\x04 this is not really a zip file", &id, &o), TT_OK);
	assert_non_null(t->ctx.error_detail);
	st_document *all;
	size_t na;
	st_document_query q = {0};
	assert_int_equal(store_document_find(t->db, &t->arena, &q, &all, &na), TT_OK);
	assert_int_equal(na, 0); /* nothing half-stored */
	test_db_free(t);
}

static void test_seeds(void **state)
{
	test_db *t = test_db_new();
	static const char *const seeds[] = {"000_b874c06ac824716e.txt", "001_d1c7d1b0da2fccc5.txt",
	                                    "002_fc7beda4cce84e5d.txt"};
	static const char *const symbols[] = {"167/BC-BQLKKT", NULL, "215/KH-UBND"};
	for (size_t i = 0; i < 3; i++) {
		char path[512];
		tt_buf b;
		buf_init(&b, 0);
		snprintf(path, sizeof path, "%s/seeds/%s", test_shared_dir(), seeds[i]);
		assert_int_equal(buf_read_file(&b, path), TT_OK);
		int64_t id;
		document_outcome o;
		assert_int_equal(document_import(&t->ctx, seeds[i], b.data, b.len, &id, &o), TT_OK);
		st_document d;
		assert_int_equal(store_document_get(t->db, &t->arena, id, &d), TT_OK);
		if (symbols[i])
			assert_string_equal(d.symbol, symbols[i]);
		buf_free(&b);
	}
	test_db_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_import_and_graph),
	    cmocka_unit_test(test_symbol_key),
	    cmocka_unit_test(test_correct),
	    cmocka_unit_test(test_bad_files),
	    cmocka_unit_test(test_seeds),
	};
	return cmocka_run_group_tests_name("document", tests, NULL, NULL);
}
