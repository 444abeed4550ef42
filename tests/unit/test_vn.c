/* test_vn.c - Vietnamese normalisation: UTF-8 validation with offsets, NFC,
 * search keys (tone and đ folding), matching keys (tone placement) and the
 * alphabet order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text/vn.h"

static char *key_of(tt_rc (*fn)(const char *, size_t, tt_buf *), const char *s)
{
	tt_buf b;
	buf_init(&b, 0);
	assert_int_equal(fn(s, strlen(s), &b), TT_OK);
	char *r = buf_detach(&b, NULL);
	assert_non_null(r);
	return r;
}

static void assert_key(tt_rc (*fn)(const char *, size_t, tt_buf *), const char *in, const char *want)
{
	char *k = key_of(fn, in);
	if (strcmp(k, want))
		fail_msg("key of \"%s\" is \"%s\", expected \"%s\"", in, k, want);
	free(k);
}

/* Every vowel, with each modifier and each of the five tones, in NFD and
 * NFC, lower and upper case, folds to its plain ASCII letter. */
static void test_all_vowels_fold(void **state)
{
	static const struct {
		const char *nfd; /* base + modifier, decomposed */
		char ascii;
	} vowels[] = {
	    {"a", 'a'}, {"a\xCC\x86", 'a'}, {"a\xCC\x82", 'a'}, {"e", 'e'}, {"e\xCC\x82", 'e'}, {"i", 'i'},
	    {"o", 'o'}, {"o\xCC\x82", 'o'}, {"o\xCC\x9B", 'o'}, {"u", 'u'}, {"u\xCC\x9B", 'u'}, {"y", 'y'},
	};
	static const char *const tones[] = {"", "\xCC\x80", "\xCC\x81", "\xCC\x89", "\xCC\x83", "\xCC\xA3"};
	int checked = 0;
	for (size_t v = 0; v < sizeof vowels / sizeof vowels[0]; v++) {
		for (size_t t = 0; t < sizeof tones / sizeof tones[0]; t++) {
			char nfd[16];
			snprintf(nfd, sizeof nfd, "%s%s", vowels[v].nfd, tones[t]);
			char want[2] = {vowels[v].ascii, 0};
			assert_key(vn_search_key, nfd, want);
			char *nfc = key_of(vn_nfc, nfd);
			/* NFC of a Vietnamese letter is one code point (2-3 bytes). */
			if (v != 0 && v != 3 && v != 5 && v != 6 && v != 9 && v != 11)
				assert_true(strlen(nfc) <= 3);
			assert_key(vn_search_key, nfc, want);
			free(nfc);
			checked++;
		}
	}
	assert_int_equal(checked, 72);
	assert_key(vn_search_key, "ĂẰẮẲẴẶÂẦẤẨẪẬÊỀẾỂỄỆÔỒỐỔỖỘƠỜỚỞỠỢƯỪỨỬỮỰỲÝỶỸỴ",
	           "aaaaaaaaaaaaeeeeeeoooooooooooouuuuuuyyyyy");
	assert_key(vn_search_key, "Thông tin  Đối ngoại\t", "thong tin doi ngoai");
}

static void test_d_folding(void **state)
{
	assert_key(vn_search_key, "đ", "d");
	assert_key(vn_search_key, "Đ", "d");
	assert_key(vn_search_key, "\xC3\x90", "d"); /* Ð U+00D0 standing in for Đ */
	assert_key(vn_search_key, "Đà Nẵng", "da nang");
	char *a = key_of(vn_search_key, "ND-CP");
	char *b = key_of(vn_search_key, "NĐ-CP");
	char *c = key_of(vn_search_key, "N\xC3\x90-CP");
	assert_string_equal(a, b);
	assert_string_equal(a, c);
	assert_string_equal(a, "nd-cp");
	free(a);
	free(b);
	free(c);
}

static int match_eq(const char *x, const char *y)
{
	char *a = key_of(vn_match_key, x), *b = key_of(vn_match_key, y);
	int eq = !strcmp(a, b);
	free(a);
	free(b);
	return eq;
}

static void test_tone_placement(void **state)
{
	assert_true(match_eq("hoà", "hòa"));
	assert_true(match_eq("Hoà Bình", "hòa bình"));
	assert_true(match_eq("thuý", "thúy"));
	assert_true(match_eq("uỷ ban", "ủy ban"));
	assert_true(match_eq("Uỷ ban nhân dân", "Ủy ban nhân dân"));
	assert_true(match_eq("xoè", "xòe"));
	assert_true(match_eq("khoẻ", "khỏe"));
	/* NFD input keys like NFC. */
	assert_true(match_eq("ho\xCC\x80"
	                     "a",
	                     "hòa"));
	/* Diacritics still count. */
	assert_false(match_eq("hoa", "hòa"));
	assert_false(match_eq("Hòa", "Hóa"));
	assert_false(match_eq("Sở Nội vụ", "Sở Ngoại vụ"));
	/* "quý": the u belongs to qu, the tone is on y in both spellings. */
	assert_true(match_eq("Quý II", "quý ii"));
	/* A closed syllable is not rewritten: "hoàng" keeps its tone on a. */
	assert_true(match_eq("Hoàng", "hoàng"));
	assert_false(match_eq("hoàng", "hòang"));
}

static void test_collation_order(void **state)
{
	static const char *const alphabet[] = {"a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g",
	                                       "h", "i", "k", "l", "m", "n", "o", "ô", "ơ", "p",
	                                       "q", "r", "s", "t", "u", "ư", "v", "x", "y"};
	size_t n = sizeof alphabet / sizeof alphabet[0];
	for (size_t i = 0; i + 1 < n; i++) {
		if (vn_collate(alphabet[i], strlen(alphabet[i]), alphabet[i + 1], strlen(alphabet[i + 1])) >=
		    0)
			fail_msg("%s should sort before %s", alphabet[i], alphabet[i + 1]);
		assert_true(vn_collate(alphabet[i + 1], strlen(alphabet[i + 1]), alphabet[i],
		                       strlen(alphabet[i])) > 0);
	}
	/* Letters before tones: "ăn" > "án", and tones order a à ả ã á ạ. */
	assert_true(vn_collate("án", strlen("án"), "ăn", strlen("ăn")) < 0);
	static const char *const tones[] = {"a", "à", "ả", "ã", "á", "ạ"};
	for (size_t i = 0; i + 1 < 6; i++)
		assert_true(vn_collate(tones[i], strlen(tones[i]), tones[i + 1], strlen(tones[i + 1])) < 0);
	assert_int_equal(vn_collate("Đà Nẵng", strlen("Đà Nẵng"), "Đà Nẵng", strlen("Đà Nẵng")), 0);
	assert_true(vn_collate("Đồng Nai", strlen("Đồng Nai"), "Dak Lak", strlen("Dak Lak")) > 0);
	assert_true(vn_collate("Ưng", strlen("Ưng"), "Uông", strlen("Uông")) > 0);
	/* Syllable by syllable: a word that ends first sorts first. */
	assert_true(vn_collate("Hà Nội", strlen("Hà Nội"), "Hải Phòng", strlen("Hải Phòng")) < 0);
	assert_true(vn_collate("Phường 1", strlen("Phường 1"), "Phườngx", strlen("Phườngx")) < 0);
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

/* The stored sort key orders every pair exactly as the collation does, so
 * a database sorting by the key column needs no callback into C. */
static void test_sort_key_agrees_with_collation(void **state)
{
	static const char *const words[] = {
	    "a",
	    "ă",
	    "â",
	    "à",
	    "á",
	    "ạ",
	    "ả",
	    "ã",
	    "ăn",
	    "án",
	    "Ăn",
	    "an",
	    "d",
	    "đ",
	    "Đ",
	    "Dak Lak",
	    "Đắk Lắk",
	    "Đồng Nai",
	    "Đà Nẵng",
	    "Đà Lạt",
	    "Uông",
	    "Ưng",
	    "ư",
	    "u",
	    "Hòa Bình",
	    "Hoà Bình",
	    "Hoa",
	    "hoa",
	    "Quảng Ngãi",
	    "Quảng Nam",
	    "Quảng Trị",
	    "Kon Tum",
	    "Sở Thông tin và Truyền thông",
	    "Sở Văn hóa, Thể thao và Du lịch",
	    "Xã Ia Grai",
	    "Phường 1",
	    "Phường 10",
	    "",
	    "Z",
	    "z",
	    "Ơn",
	    "ơn",
	    "Ôn",
	    "on",
	    "ơ ",
	};
	size_t n = sizeof words / sizeof words[0];
	char **keys = calloc(n, sizeof *keys);
	assert_non_null(keys);
	for (size_t i = 0; i < n; i++)
		keys[i] = key_of(vn_sort_key, words[i]);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			int want = sign(vn_collate(words[i], strlen(words[i]), words[j], strlen(words[j])));
			int got = sign(strcmp(keys[i], keys[j]));
			if (want != got)
				fail_msg("\"%s\" vs \"%s\": collation %d, sort key %d", words[i], words[j],
				         want, got);
		}
	for (size_t i = 0; i < n; i++) {
		for (const char *p = keys[i]; *p; p++)
			assert_true((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'));
		free(keys[i]);
	}
	free(keys);
}

static void test_invalid_utf8_offset(void **state)
{
	size_t off = 99;
	assert_int_equal(vn_utf8_validate("Việt Nam", strlen("Việt Nam"), &off), TT_OK);
	const char bad1[] = "abc\xFF"
	                    "def";
	assert_int_equal(vn_utf8_validate(bad1, sizeof bad1 - 1, &off), TT_ERR_UTF8);
	assert_int_equal(off, 3);
	const char bad2[] = "Vi\xE1\xBB\x87t \xC3"; /* truncated 2-byte sequence at the end */
	assert_int_equal(vn_utf8_validate(bad2, sizeof bad2 - 1, &off), TT_ERR_UTF8);
	assert_int_equal(off, 7); /* "Vi" 2 + "ệ" 3 + "t " 2 */
	const char overlong[] = "x\xC0\xAF";
	assert_int_equal(vn_utf8_validate(overlong, sizeof overlong - 1, &off), TT_ERR_UTF8);
	assert_int_equal(off, 1);
	const char surrogate[] = "ab\xED\xA0\x80";
	assert_int_equal(vn_utf8_validate(surrogate, sizeof surrogate - 1, &off), TT_ERR_UTF8);
	assert_int_equal(off, 2);
	tt_buf b;
	buf_init(&b, 0);
	assert_int_equal(vn_nfc(bad1, sizeof bad1 - 1, &b), TT_ERR_UTF8);
	assert_int_equal(vn_search_key(bad1, sizeof bad1 - 1, &b), TT_ERR_UTF8);
	buf_free(&b);
}

static void test_nfc(void **state)
{
	/* "Việt" decomposed: e + circumflex + dot below. */
	assert_key(vn_nfc, "Vi\x65\xCC\x82\xCC\xA3t", "Việt");
	assert_key(vn_nfc, "Việt", "Việt");
	assert_key(vn_nfc, "", "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_all_vowels_fold),
	    cmocka_unit_test(test_d_folding),
	    cmocka_unit_test(test_tone_placement),
	    cmocka_unit_test(test_collation_order),
	    cmocka_unit_test(test_invalid_utf8_offset),
	    cmocka_unit_test(test_nfc),
	    cmocka_unit_test(test_sort_key_agrees_with_collation),
	};
	return cmocka_run_group_tests_name("vn", tests, NULL, NULL);
}
