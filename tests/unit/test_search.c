/* test_search.c - the search tokenizer (folded syllables, exact forms,
 * pairs, symbols), the query parser with its bad input, the FTS5 and
 * tsquery renderings, highlighting, and the FTS5 index itself on a raw
 * SQLite connection with the ttdn_vn tokenizer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "store/fts_vn.h"
#include "text/search.h"

typedef struct {
	char out[4096];
	size_t len;
} tokens;

static int put(void *arg, int colocated, const char *tok, size_t len, size_t start, size_t end)
{
	tokens *t = arg;
	int n = snprintf(t->out + t->len, sizeof t->out - t->len, "%s%.*s",
	                 t->len ? (colocated ? "+" : " ") : "", (int)len, tok);
	t->len += (size_t)n;
	return 0;
}

static void assert_tokens(const char *text, unsigned flags, const char *want)
{
	tokens t = {.len = 0};
	t.out[0] = '\0';
	assert_int_equal(search_tokenize(text, strlen(text), flags, put, &t), 0);
	if (strcmp(t.out, want))
		fail_msg("tokens of \"%s\": \"%s\", expected \"%s\"", text, t.out, want);
}

static void test_tokens(void **state)
{
	assert_tokens("Thông tin Đối ngoại", SEARCH_TOK_WORDS, "thong tin doi ngoai");
	assert_tokens("Thông tin Đối ngoại", 0,
	              "thong+~thông tin+_thong_tin doi+~đối+_tin_doi ngoai+~ngoại+_doi_ngoai");
	/* Old and new tone placement give one exact form. */
	assert_tokens("hoà", 0, "hoa+~hoà");
	assert_tokens("hòa", 0, "hoa+~hoà");
	/* An exact form once per text. */
	assert_tokens("đối ngoại, Đối ngoại", 0,
	              "doi+~đối ngoai+~ngoại+_doi_ngoai doi+_ngoai_doi ngoai+_doi_ngoai");
	/* A symbol is one term beside its parts. */
	assert_tokens("số 215/KH-UBND ngày", 0,
	              "so+~số 215+_so_215+215/kh-ubnd kh+_215_kh ubnd+_kh_ubnd ngay+~ngày+_ubnd_ngay");
	assert_tokens("NĐ-CP", 0, "nd+~nđ+nd-cp cp+_nd_cp");
	/* Punctuation and bad bytes separate words; dashes with spaces do not join. */
	assert_tokens("Bờ Y – Kon Tum", SEARCH_TOK_WORDS, "bo y kon tum");
	assert_tokens("a\xff"
	              "b\xc3",
	              SEARCH_TOK_WORDS, "a b");
	assert_tokens("", 0, "");
	/* A long word is cut at a character boundary. */
	char lng[700];
	for (int i = 0; i < 200; i++)
		memcpy(lng + 3 * i, "ả", 3);
	lng[600] = '\0';
	tokens t = {.len = 0};
	assert_int_equal(search_tokenize(lng, strlen(lng), 0, put, &t), 0);
	assert_int_equal(strlen(t.out), 96 + 1 + 94); /* "aaa…" + "~ảảả…" (31 × 3 bytes + 1) */
	assert_tokens("...", 0, "");
	/* A word of a lone combining mark folds to nothing (found by fuzzing:
	 * the fold cache copied from an empty key). */
	assert_tokens("\xd6\xa0", 0, "");
	assert_tokens("\xd6\xa0 \xd6\xa0", SEARCH_TOK_WORDS, "");
}

static void assert_query(const char *q, const char *fts5, const char *exact5, const char *tsq)
{
	tt_arena a;
	arena_init(&a, 0);
	search_query sq;
	const char *m, *e;
	assert_int_equal(search_query_parse(&a, q, &sq), TT_OK);
	assert_int_equal(search_query_fts5(&a, &sq, &m, &e), TT_OK);
	if (strcmp(m, fts5))
		fail_msg("fts5 of %s: %s, expected %s", q, m, fts5);
	if (exact5 ? !e || strcmp(e, exact5) : e != NULL)
		fail_msg("exact of %s: %s, expected %s", q, e ? e : "(none)", exact5 ? exact5 : "(none)");
	assert_int_equal(search_query_tsquery(&a, &sq, &m, &e), TT_OK);
	if (strcmp(m, tsq))
		fail_msg("tsquery of %s: %s, expected %s", q, m, tsq);
	arena_free(&a);
}

static void test_queries(void **state)
{
	assert_query("doi ngoai", "\"doi\" AND \"ngoai\"", NULL, "'doi' & 'ngoai'");
	assert_query("Đối ngoại", "\"doi\" AND \"ngoai\"", "\"~đối\" AND \"~ngoại\"", "'doi' & 'ngoai'");
	assert_query("quang*", "\"quang\"*", NULL, "'quang':*");
	assert_query("\"quảng bá hình ảnh\" tỉnh", "\"_quang_ba _ba_hinh _hinh_anh\" AND \"tinh\"",
	             "\"~quảng\" AND \"~bá\" AND \"~hình\" AND \"~ảnh\" AND \"~tỉnh\"",
	             "'_quang_ba' <-> '_ba_hinh' <-> '_hinh_anh' & 'tinh'");
	assert_query("215/kh-ubnd", "\"215/kh-ubnd\"", NULL, "'215/kh-ubnd'");
	assert_query("215/KH-UBND", "\"215/kh-ubnd\"", NULL, "'215/kh-ubnd'");
	assert_query("\"Bờ Y\"", "\"_bo_y\"", "\"~bờ\"", "'_bo_y'");
	/* An unclosed quote runs to the end. */
	assert_query("\"dak lak", "\"_dak_lak\"", NULL, "'_dak_lak'");
	assert_query("  x  ", "\"x\"", NULL, "'x'");
}

static void assert_bad(const char *q, tt_rc want)
{
	tt_arena a;
	arena_init(&a, 0);
	search_query sq;
	tt_rc rc = search_query_parse(&a, q, &sq);
	if (rc != want)
		fail_msg("parse of \"%s\": %d, expected %d", q ? q : "(null)", rc, want);
	arena_free(&a);
}

static void test_bad_queries(void **state)
{
	assert_bad(NULL, TT_ERR_INVALID);
	assert_bad("", TT_ERR_INVALID);
	assert_bad("   ", TT_ERR_INVALID);
	assert_bad("\"\" * ,", TT_ERR_PARSE);
	assert_bad("ab\xc3(", TT_ERR_UTF8);
	assert_bad("\xed\xa0\x80", TT_ERR_UTF8); /* a surrogate */
	char big[420];
	memset(big, 'a', 201);
	big[201] = '\0';
	assert_bad(big, TT_ERR_TOO_LARGE);
	/* 200 two-byte characters are within the limit. */
	for (int i = 0; i < 200; i++)
		memcpy(big + 2 * i, "\xc3\xa0", 2);
	big[400] = '\0';
	assert_bad(big, TT_OK);
	assert_bad("a b c d e f g h i j k l m n o p q", TT_ERR_PARSE); /* 17 terms */
}

static void test_highlight(void **state)
{
	tt_arena a;
	arena_init(&a, 0);
	search_query q;
	const char *h;
	assert_int_equal(search_query_parse(&a, "doi ngoai", &q), TT_OK);
	assert_int_equal(search_highlight(&a, "Công tác <Đối   ngoại> & báo chí", &q, 0, &h), TT_OK);
	assert_string_equal(h, "Công tác &lt;<mark>Đối</mark> <mark>ngoại</mark>&gt; &amp; báo chí");
	assert_int_equal(search_query_parse(&a, "215/KH-UBND", &q), TT_OK);
	assert_int_equal(search_highlight(&a, "theo Kế hoạch số 215/KH-UBND ngày 3", &q, 0, &h), TT_OK);
	assert_string_equal(h, "theo Kế hoạch số <mark>215</mark>/<mark>KH</mark>-<mark>UBND</mark> ngày 3");
	assert_int_equal(search_query_parse(&a, "quang*", &q), TT_OK);
	assert_int_equal(
	    search_highlight(&a, "một hai ba bốn năm sáu bảy tám chín mười Quảng Ngãi xong", &q, 6, &h),
	    TT_OK);
	assert_string_equal(h, "… chín mười <mark>Quảng</mark> Ngãi xong");
	arena_free(&a);
}

static sqlite3 *fts_db(void)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(fts_vn_register(db), SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(db,
	                 "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='ttdn_vn');"
	                 "INSERT INTO t(rowid, body) VALUES (1, 'Công tác thông tin đối ngoại năm 2024'),"
	                 "(2, 'thông tin về đối ngoại'), (3, 'Đồn Biên phòng cửa khẩu Bờ Y'),"
	                 "(4, 'Kế hoạch 215/KH-UBND của tỉnh Đắk Lắk'), (5, 'Thực hiện 215/KH-UBND'),"
	                 "(6, 'Quảng bá hình ảnh Quảng Ngãi'), (7, 'doi ngoai khong dau')",
	                 NULL, NULL, NULL),
	    SQLITE_OK);
	return db;
}

/* The rowids that q matches, as "1 2 3". */
static void assert_match(sqlite3 *db, const char *q, const char *want)
{
	tt_arena a;
	arena_init(&a, 0);
	search_query sq;
	const char *m, *e;
	assert_int_equal(search_query_parse(&a, q, &sq), TT_OK);
	assert_int_equal(search_query_fts5(&a, &sq, &m, &e), TT_OK);
	sqlite3_stmt *st;
	assert_int_equal(
	    sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid", -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
	char got[256] = "";
	size_t n = 0;
	while (sqlite3_step(st) == SQLITE_ROW)
		n += (size_t)snprintf(got + n, sizeof got - n, "%s%lld", n ? " " : "",
		                      sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	if (strcmp(got, want))
		fail_msg("%s (%s) matched \"%s\", expected \"%s\"", q, m, got, want);
	arena_free(&a);
}

static void test_fts5(void **state)
{
	sqlite3 *db = fts_db();
	assert_match(db, "doi ngoai", "1 2 7");
	assert_match(db, "\"thông tin đối ngoại\"", "1");
	assert_match(db, "\"thong tin doi ngoai\"", "1");
	assert_match(db, "bo y", "3");
	assert_match(db, "dak lak", "4");
	assert_match(db, "215/kh-ubnd", "4 5");
	assert_match(db, "quang*", "6");
	assert_match(db, "\"quảng bá hình ảnh\"", "6");
	assert_match(db, "\"ảnh quảng\"", "6");
	assert_match(db, "\"hình quảng\"", "");
	/* The exact forms in an index of their own, without positions. */
	assert_int_equal(
	    sqlite3_exec(db,
	                 "CREATE VIRTUAL TABLE e USING fts5(body, tokenize='ttdn_vn exact', detail=none);"
	                 "INSERT INTO e(rowid, body) VALUES (1, 'thông tin đối ngoại'), (2, 'doi ngoai'),"
	                 "(3, 'dời ngoài đối')",
	                 NULL, NULL, NULL),
	    SQLITE_OK);
	tt_arena a;
	arena_init(&a, 0);
	search_query sq;
	const char *m, *e;
	assert_int_equal(search_query_parse(&a, "Đối ngoại", &sq), TT_OK);
	assert_int_equal(search_query_fts5(&a, &sq, &m, &e), TT_OK);
	sqlite3_stmt *st;
	assert_int_equal(
	    sqlite3_prepare_v2(db, "SELECT group_concat(rowid, ' ') FROM e WHERE e MATCH ?1", -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, e, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "1");
	sqlite3_finalize(st);
	assert_int_not_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE x USING fts5(b, tokenize='ttdn_vn nope')",
	                                  NULL, NULL, NULL),
	                     SQLITE_OK);
	arena_free(&a);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tokens),      cmocka_unit_test(test_queries),
	    cmocka_unit_test(test_bad_queries), cmocka_unit_test(test_highlight),
	    cmocka_unit_test(test_fts5),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
