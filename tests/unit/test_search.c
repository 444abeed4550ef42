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
#include "store/store_int.h"
#include "testutil.h"
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
	/* A symbol is one term beside its parts. A pair only of two common
	 * syllables: not "so 215" nor "215 kh" (215 is no common syllable). */
	assert_tokens("số 215/KH-UBND ngày", 0,
	              "so+~số 215+215/kh-ubnd kh ubnd+_kh_ubnd ngay+~ngày+_ubnd_ngay");
	assert_tokens("Hang Sơn Đoòng", 0, "hang son+~sơn doong+~đoòng");
	assert_tokens("ngày 15 tháng 6 năm 2025", 0,
	              "ngay+~ngày 15+_ngay_15 thang+~tháng+_15_thang 6+_thang_6 nam+~năm+_6_nam "
	              "2025+_nam_2025");
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
	/* A phrase: pairs where the index has them, words elsewhere ("anh" is
	 * not common), at consecutive positions. */
	assert_query("\"quảng bá hình ảnh\" tỉnh", "\"_quang_ba _ba_hinh anh\" AND \"tinh\"",
	             "\"~quảng\" AND \"~bá\" AND \"~hình\" AND \"~ảnh\" AND \"~tỉnh\"",
	             "'_quang_ba' <-> '_ba_hinh' <-> 'anh' & 'tinh'");
	assert_query("\"gar chau binh\"", "\"gar chau _chau_binh\"", NULL, "'gar' <-> 'chau' <-> '_chau_binh'");
	assert_query("\"hinh anh\"", "\"hinh anh\"", NULL, "'hinh' <-> 'anh'");
	assert_query("215/kh-ubnd", "\"215/kh-ubnd\"", NULL, "'215/kh-ubnd'");
	assert_query("215/KH-UBND", "\"215/kh-ubnd\"", NULL, "'215/kh-ubnd'");
	/* A symbol in quotes is the symbol; with more words, a phrase. */
	assert_query("\"215/KH-UBND\"", "\"215/kh-ubnd\"", NULL, "'215/kh-ubnd'");
	assert_query("\"số 215/KH-UBND\"", "\"so 215 kh _kh_ubnd\"", "\"~số\"",
	             "'so' <-> '215' <-> 'kh' <-> '_kh_ubnd'");
	assert_query("\"Bờ Y\"", "\"bo y\"", "\"~bờ\"", "'bo' <-> 'y'");
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
	/* A phrase is marked where it stands whole, and the snippet opens
	 * there: not at a word of it found alone before. */
	assert_int_equal(search_query_parse(&a, "\"quảng bá hình ảnh\"", &q), TT_OK);
	assert_int_equal(search_highlight(&a,
	                                  "UBND TỈNH QUẢNG NGÃI một hai ba bốn năm sáu bảy tám chín mười "
	                                  "tổ chức quảng bá hình ảnh Lý Sơn, hình ảnh đẹp",
	                                  &q, 9, &h),
	                 TT_OK);
	assert_string_equal(h, "… mười tổ chức <mark>quảng</mark> <mark>bá</mark> <mark>hình</mark> "
	                       "<mark>ảnh</mark> Lý Sơn …");
	assert_int_equal(search_highlight(&a, "quảng bá, hình ảnh; quảng cáo", &q, 0, &h), TT_OK);
	assert_string_equal(h, "<mark>quảng</mark> <mark>bá</mark>, <mark>hình</mark> <mark>ảnh</mark>; "
	                       "quảng cáo");
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

/* The refs of the documents store_search finds for q, space-separated;
 * with snippet, the first hit's snippet goes there. Returns the tt_rc. */
static tt_rc found(store *db, const char *q, char *out, size_t n, const char **snippet)
{
	tt_arena a;
	arena_init(&a, 0);
	search_query sq;
	st_search_result r;
	tt_rc rc = search_query_parse(&a, q, &sq);
	st_search_query stq = {.q = &sq, .unbounded = 1, .limit = 20};
	if (!rc)
		rc = store_search(db, &a, &stq, &r);
	out[0] = '\0';
	for (size_t i = 0; !rc && i < r.nhits; i++)
		snprintf(out + strlen(out), n - strlen(out), "%s%lld", i ? " " : "", (long long)r.hits[i].ref_id);
	if (!rc && snippet && r.nhits) {
		const char *h;
		assert_int_equal(search_highlight(&a, r.hits[0].body, &sq, 12, &h), TT_OK);
		*snippet = strdup(h);
	}
	arena_free(&a);
	return rc;
}

static void assert_found(store *db, const char *q, const char *want)
{
	char got[256];
	assert_int_equal(found(db, q, got, sizeof got, NULL), TT_OK);
	if (strcmp(got, want))
		fail_msg("search %s: \"%s\", expected \"%s\"", q, got, want);
}

/* The store's own index on SQLite: contentless FTS5 tables written beside
 * search_doc, whose compressed text serves snippets and takes old terms
 * out when a row changes or goes. */
static void test_store_index(void **state)
{
	test_db *t = test_db_new();
	store *db = t->db;
	st_search_row r1 = {.kind = "document", .ref_id = 1, .title = "Hang Sơn Đoòng",
	                    .body = "Hang Sơn Đoòng ở Phong Nha – Kẻ Bàng, tỉnh Quảng Bình.", .url = "/documents/1"};
	st_search_row r2 = {.kind = "document", .ref_id = 2, .title = "Kế hoạch 215/KH-UBND",
	                    .body = "Công tác thông tin đối ngoại năm 2025.", .url = "/documents/2"};
	assert_int_equal(store_search_put(db, &r1), TT_OK);
	assert_int_equal(store_search_put(db, &r2), TT_OK);
	assert_found(db, "doong", "1");
	assert_found(db, "\"phong nha ke bang\"", "1");
	assert_found(db, "\"thông tin đối ngoại\"", "2");
	assert_found(db, "215/kh-ubnd", "2");
	char got[64];
	const char *snip = NULL;
	assert_int_equal(found(db, "doong", got, sizeof got, &snip), TT_OK);
	assert_non_null(snip);
	assert_non_null(strstr(snip, "<mark>Đoòng</mark>"));
	free((void *)snip);
	/* Written again: the old words are gone from the index, the new found. */
	r1.body = "Động Phong Nha.";
	r1.title = "Động Phong Nha";
	assert_int_equal(store_search_put(db, &r1), TT_OK);
	assert_found(db, "doong", "");
	assert_found(db, "\"phong nha\"", "1");
	assert_found(db, "dong", "1");
	/* Gone (no such document): the row and its terms go. */
	assert_int_equal(store_search_reindex(db, "document", 1), TT_OK);
	assert_found(db, "\"phong nha\"", "");
	assert_found(db, "doi ngoai", "2");
	/* A text over 1 MiB is kept and searched up to 1 MiB. */
	size_t big = (1u << 20) + 4096;
	char *b = malloc(big + 1);
	assert_non_null(b);
	memset(b, 'a', big);
	memcpy(b, "khởi đầu ", strlen("khởi đầu "));
	memcpy(b + big - 6, " cuoi", 5);
	b[big - 1] = ' ';
	b[big] = '\0';
	st_search_row r3 = {.kind = "document", .ref_id = 3, .title = "Lớn", .body = b, .url = "/documents/3"};
	assert_int_equal(store_search_put(db, &r3), TT_OK);
	free(b);
	assert_found(db, "khoi dau", "3");
	assert_found(db, "cuoi", "");
	db_stmt *st = store_prep(db, "SELECT body_len, length(body_z) FROM search_doc WHERE ref_id = 3");
	assert_non_null(st);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int64(st, 0), 1 << 20);
	assert_true(db_col_int64(st, 1) < 1 << 16); /* compressed */
	store_done(st);
	/* The exact index merges two segments at a time; both flush 16 MB. */
	assert_non_null(st = store_prep(db, "SELECT (SELECT v FROM search_exact_config WHERE k = 'automerge'), "
	                                    "(SELECT v FROM search_fts_config WHERE k = 'hashsize')"));
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int64(st, 0), 2);
	assert_int_equal(db_col_int64(st, 1), 16777216);
	store_done(st);
	/* The FTS5 tables agree with themselves after updates and deletes. */
	assert_int_equal(store_exec(db, "INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 0);"
	                                "INSERT INTO search_exact(search_exact, rank) VALUES ('integrity-check', 0)"),
	                 TT_OK);
	/* A damaged stored text is an error, not a crash nor a wrong delete. */
	assert_int_equal(store_exec(db, "UPDATE search_doc SET body_z = x'789c00' WHERE ref_id = 2"), TT_OK);
	assert_int_equal(found(db, "doi ngoai", got, sizeof got, NULL), TT_ERR_DB);
	assert_int_equal(store_search_put(db, &r2), TT_ERR_DB);
	assert_non_null(strstr(db->err, "does not inflate"));
	/* Rebuilt from the tables (no documents here): empty and consistent. */
	assert_int_equal(store_search_rebuild(db), TT_OK);
	assert_found(db, "ngoai", "");
	assert_int_equal(store_exec(db, "INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 0)"),
	                 TT_OK);
	test_db_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tokens),      cmocka_unit_test(test_queries),
	    cmocka_unit_test(test_bad_queries), cmocka_unit_test(test_highlight),
	    cmocka_unit_test(test_fts5),        cmocka_unit_test(test_store_index),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
