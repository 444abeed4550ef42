/* test_legacy.c - the TCVN3 and VNI decoders and their detection. Text is
 * encoded here with tables written out independently of legacy.c (letter
 * by letter, from the encodings' charts), decoded, and compared exactly:
 * every vowel with every tone, the header lines of an administrative
 * document, a whole seed read through reader_read_file and parsed. The
 * same bytes seen through Windows-1252 as UTF-8 (text taken out of a .doc
 * set in .VnTime) are recognised too. Detection must refuse ASCII, real
 * Unicode Vietnamese, Latin-1 French and random bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "seeds.h"
#include <utf8proc.h>

#include "text/legacy.h"
#include "text/parse.h"
#include "text/reader.h"
#include "text/vn.h"

/* TCVN3 (TCVN 5712:1993, VN3): the 67 lower-case letters and the seven
 * capitals it has, each one byte. */
static const char tcvn3_letters[] = "áàảãạăắằẳẵặâấầẩẫậđéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵ"
                                    "ĂÂĐÊÔƠƯ";
static const char tcvn3_bytes[] =
    "\xB8\xB5\xB6\xB7\xB9\xA8\xBE\xBB\xBC\xBD\xC6\xA9\xCA\xC7\xC8\xC9\xCB\xAE\xD0"
    "\xCC\xCE\xCF\xD1\xAA\xD5\xD2\xD3\xD4\xD6\xDD\xD7\xD8\xDC\xDE\xE3\xDF\xE1\xE2"
    "\xE4\xAB\xE8\xE5\xE6\xE7\xE9\xAC\xED\xEA\xEB\xEC\xEE\xF3\xEF\xF1\xF2\xF4\xAD"
    "\xF8\xF5\xF6\xF7\xF9\xFD\xFA\xFB\xFC\xFE\xA1\xA2\xA7\xA3\xA4\xA5\xA6";

/* VNI-Windows, lower case: rows a ă â e ê i o ô ơ u ư y, tones none, sắc,
 * huyền, hỏi, ngã, nặng; a base letter and a mark byte, or one byte. The
 * upper-case font uses the same bytes less 0x20 after an upper-case base. */
static const char *const vni_vowels[12] = {"aáàảãạ", "ăắằẳẵặ", "âấầẩẫậ", "eéèẻẽẹ", "êếềểễệ", "iíìỉĩị",
                                           "oóòỏõọ", "ôốồổỗộ", "ơớờởỡợ", "uúùủũụ", "ưứừửữự", "yýỳỷỹỵ"};
static const char *const vni_codes[12][6] = {
    {"a", "a\xF9", "a\xF8", "a\xFB", "a\xF5", "a\xEF"},
    {"a\xEA", "a\xE9", "a\xE8", "a\xFA", "a\xFC", "a\xEB"},
    {"a\xE2", "a\xE1", "a\xE0", "a\xE5", "a\xE3", "a\xE4"},
    {"e", "e\xF9", "e\xF8", "e\xFB", "e\xF5", "e\xEF"},
    {"e\xE2", "e\xE1", "e\xE0", "e\xE5", "e\xE3", "e\xE4"},
    {"i", "\xED", "\xEC", "\xE6", "\xF3", "\xF2"},
    {"o", "o\xF9", "o\xF8", "o\xFB", "o\xF5", "o\xEF"},
    {"o\xE2", "o\xE1", "o\xE0", "o\xE5", "o\xE3", "o\xE4"},
    {"\xF4", "\xF4\xF9", "\xF4\xF8", "\xF4\xFB", "\xF4\xF5", "\xF4\xEF"},
    {"u", "u\xF9", "u\xF8", "u\xFB", "u\xF5", "u\xEF"},
    {"\xF6", "\xF6\xF9", "\xF6\xF8", "\xF6\xFB", "\xF6\xF5", "\xF6\xEF"},
    {"y", "y\xF9", "y\xF8", "y\xFB", "y\xF5", "\xEE"},
};

/* Windows-1252 punctuation that legacy files carry in 0x80..0x9F. */
static const struct {
	uint32_t cp;
	unsigned char b;
} cp1252[] = {{0x2013, 0x96}, {0x2014, 0x97}, {0x201C, 0x93}, {0x201D, 0x94},
              {0x2018, 0x91}, {0x2019, 0x92}, {0x2026, 0x85}, {0x2022, 0x95}};

static uint32_t next_cp(const char *s, size_t *i)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + *i, -1, &cp);
	assert_true(k > 0);
	*i += (size_t)k;
	return (uint32_t)cp;
}

/* Index of cp among the letters of s (UTF-8), or -1. */
static int find_cp(const char *s, uint32_t cp)
{
	size_t i = 0;
	for (int k = 0; s[i]; k++)
		if (next_cp(s, &i) == cp)
			return k;
	return -1;
}

static int punct_byte(uint32_t cp)
{
	for (size_t k = 0; k < sizeof cp1252 / sizeof *cp1252; k++)
		if (cp1252[k].cp == cp)
			return cp1252[k].b;
	return -1;
}

/* Unicode -> TCVN3. Capitals it lacks are written in lower case, as the
 * .VnTimeH font did; what it cannot hold at all (superscripts) is left out. */
static void to_tcvn3(const char *s, tt_buf *out)
{
	for (size_t i = 0; s[i];) {
		uint32_t cp = next_cp(s, &i);
		int k = find_cp(tcvn3_letters, cp);
		if (k < 0)
			k = find_cp(tcvn3_letters, (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp));
		if (cp < 0x80)
			buf_addc(out, (char)cp);
		else if (k >= 0)
			buf_addc(out, tcvn3_bytes[k]);
		else if (punct_byte(cp) >= 0)
			buf_addc(out, (char)punct_byte(cp));
	}
}

/* Unicode -> VNI, upper case included. */
static void to_vni(const char *s, tt_buf *out)
{
	for (size_t i = 0; s[i];) {
		uint32_t cp = next_cp(s, &i);
		uint32_t lo = (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
		int up = lo != cp;
		const char *code = NULL;
		if (lo == 0x0111)
			code = "\xF1";
		for (int r = 0; r < 12 && !code && cp >= 0x80; r++) {
			int t = find_cp(vni_vowels[r], lo);
			if (t >= 0)
				code = vni_codes[r][t];
		}
		if (cp < 0x80) {
			buf_addc(out, (char)cp);
		} else if (code) {
			for (size_t j = 0; code[j]; j++) {
				unsigned char b = (unsigned char)code[j];
				buf_addc(out, (char)(up ? b - 0x20 : b));
			}
		} else if (punct_byte(cp) >= 0) {
			buf_addc(out, (char)punct_byte(cp));
		}
	}
}

/* The bytes as Word shows them in a legacy font: Windows-1252 -> UTF-8. */
static void as_cp1252_utf8(const char *s, size_t n, tt_buf *out)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		uint32_t cp = b;
		for (size_t k = 0; k < sizeof cp1252 / sizeof *cp1252; k++)
			if (cp1252[k].b == b)
				cp = cp1252[k].cp;
		char u[4];
		utf8proc_ssize_t l = utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)u);
		buf_add(out, u, (size_t)l);
	}
}

/* Detects and converts; asserts the encoding found. Caller frees. */
static char *decode(const char *s, size_t n, int is_utf8, legacy_enc want)
{
	assert_int_equal(legacy_detect(s, n, is_utf8), want);
	tt_buf out;
	buf_init(&out, 0);
	assert_int_equal(legacy_to_utf8(s, n, is_utf8, want, &out), TT_OK);
	return buf_detach(&out, NULL);
}

static char *casefold(const char *s)
{
	utf8proc_uint8_t *r = NULL;
	assert_true(
	    utf8proc_map((const utf8proc_uint8_t *)s, 0, &r,
	                 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD) >= 0);
	return (char *)r;
}

/* Every letter with every tone, in syllables, and both ways round. */
static const char all_vowels[] = "a á à ả ã ạ ăn ắn ằn ẳn ẵn ặn ân ấn ần ẩn ẫn ận e é è ẻ ẽ ẹ ê ế ề ể ễ ệ "
                                 "i í ì ỉ ĩ ị o ó ò ỏ õ ọ ô ố ồ ổ ỗ ộ ơ ớ ờ ở ỡ ợ u ú ù ủ ũ ụ ư ứ ừ ử ữ ự "
                                 "y ý ỳ ỷ ỹ ỵ đa đá đà đả đã đạ\n";

static const char *const sentences[] = {
    "Ủy ban nhân dân tỉnh Kon Tum",
    "Báo cáo kết quả công tác thông tin đối ngoại năm 2017",
    "Độc lập - Tự do - Hạnh phúc",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "ỦY BAN NHÂN DÂN TỈNH KON TUM",
    "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý "
    "hoạt động thông tin đối ngoại;",
    "Thực hiện Công văn số 838/STTTT-TTBCXB ngày 18/8/2017 của Sở Thông tin và "
    "Truyền thông, Ban Quản lý Khu kinh tế báo cáo như sau:",
    "Nơi nhận: – Như trên; – Lưu: VT, TTĐN. “Ưu tiên” được thực hiện…",
    "Trường, người, khuyến khích, nghiêng, quyết, giữ gìn, ươm, Ưng, ỨNG, Ừ, Ờ",
};

static void test_tcvn3_letters(void **state)
{
	/* Each chart entry on its own decodes to its letter. */
	tt_buf b;
	buf_init(&b, 0);
	to_tcvn3(all_vowels, &b);
	char *got = decode(b.data, b.len, 0, LEGACY_TCVN3);
	assert_string_equal(got, all_vowels);
	free(got);
	buf_free(&b);

	/* The capitals of the chart and upper-case words drawn with the
	 * lower-case codes (.VnTimeH) come out in upper case. */
	buf_init(&b, 0);
	to_tcvn3("Ă Â Đ Ê Ô Ơ Ư ĂN ÂN ĐÊM ÔNG ƠN ƯU", &b);
	assert_memory_equal(
	    b.data, "\xA1 \xA2 \xA7 \xA3 \xA4 \xA5 \xA6 \xA1N \xA2N \xA7\xA3M \xA4NG \xA5N \xA6U", b.len);
	got = decode(b.data, b.len, 0, LEGACY_TCVN3);
	assert_string_equal(got, "Ă Â Đ Ê Ô Ơ Ư ĂN ÂN ĐÊM ÔNG ƠN ƯU");
	free(got);
	buf_free(&b);

	/* Case from the word and its neighbours: a lone capital starts a
	 * word, an acronym is no upper-case Vietnamese word. */
	const char cased[] = "S\xE8: 12/BC-UBND\nS\xEB KH v\xB5 \xA7T\nV\xD7 v\xCBy\nC\xA4NG T\xB8"
	                     "C V\xD2\n"
	                     "\xF1Y BAN\n";
	got = decode(cased, sizeof cased - 1, 0, LEGACY_TCVN3);
	assert_string_equal(got, "Số: 12/BC-UBND\nSở KH và ĐT\nVì vậy\nCÔNG TÁC VỀ\nỦY BAN\n");
	free(got);

	/* Hand-checked bytes, as found in old files. */
	const char viet[] = "C\xE9ng ho\xB5 x\xB7 h\xE9i ch\xF1 ngh\xDC"
	                    "a Vi\xD6t Nam - \xA7\xE9"
	                    "c l\xCB"
	                    "p - T\xF9 do - H\xB9nh ph\xF3"
	                    "c";
	got = decode(viet, sizeof viet - 1, 0, LEGACY_TCVN3);
	assert_string_equal(got, "Cộng hoà xã hội chủ nghĩa Việt Nam - Độc lập - Tự do - Hạnh phúc");
	free(got);
	/* The combining tone bytes compose; after a digit it is a degree sign. */
	const char marks[] = "Nhi\xAA\xB4t \xAE\xAB\xB4 ngo\xB5i tr\xAC\xB0i 25\xB0"
	                     "C, th\xB5nh ph\xAB\xB3";
	got = decode(marks, sizeof marks - 1, 0, LEGACY_TCVN3);
	assert_string_equal(got, "Nhiệt độ ngoài trời 25°C, thành phố");
	free(got);
}

static void test_vni_letters(void **state)
{
	tt_buf b;
	buf_init(&b, 0);
	to_vni(all_vowels, &b);
	char *got = decode(b.data, b.len, 0, LEGACY_VNI);
	assert_string_equal(got, all_vowels);
	free(got);
	buf_free(&b);

	/* VNI has every capital. */
	tt_buf up;
	buf_init(&up, 0);
	for (size_t i = 0; all_vowels[i];) {
		uint32_t cp = next_cp(all_vowels, &i);
		char e[4];
		utf8proc_ssize_t l =
		    utf8proc_encode_char(utf8proc_toupper((utf8proc_int32_t)cp), (utf8proc_uint8_t *)e);
		buf_add(&up, e, (size_t)l);
	}
	buf_init(&b, 0);
	to_vni(up.data, &b);
	got = decode(b.data, b.len, 0, LEGACY_VNI);
	assert_string_equal(got, up.data);
	free(got);
	buf_free(&b);
	buf_free(&up);

	const char viet[] = "Co\xE4ng ho\xF8"
	                    "a xa\xF5 ho\xE4i chu\xFB ngh\xF3"
	                    "a Vie\xE4t Nam - \xD1o\xE4"
	                    "c la\xE4p - "
	                    "T\xF6\xEF do - Ha\xEFnh phu\xF9"
	                    "c. TR\xD6\xD4\xD8NG \xF1\xF6\xF4\xEF"
	                    "c U\xFBy ban";
	got = decode(viet, sizeof viet - 1, 0, LEGACY_VNI);
	assert_string_equal(
	    got, "Cộng hòa xã hội chủ nghĩa Việt Nam - Độc lập - Tự do - Hạnh phúc. TRƯỜNG được Ủy ban");
	free(got);
}

static void test_sentences(void **state)
{
	for (size_t k = 0; k < sizeof sentences / sizeof *sentences; k++) {
		tt_buf t, v;
		buf_init(&t, 0);
		buf_init(&v, 0);
		to_tcvn3(sentences[k], &t);
		to_vni(sentences[k], &v);
		char *a = decode(t.data, t.len, 0, LEGACY_TCVN3);
		char *b = decode(v.data, v.len, 0, LEGACY_VNI);
		/* VNI holds the sentence exactly; TCVN3 too, except a capital
		 * with a tone at the start of a lower-case word (Ủy -> ủy). */
		assert_string_equal(b, sentences[k]);
		if (k == 0)
			assert_string_equal(a, "ủy ban nhân dân tỉnh Kon Tum");
		else if (k == 8)
			assert_string_equal(
			    a, "Trường, người, khuyến khích, nghiêng, quyết, giữ gìn, ươm, Ưng, ỨNG, ừ, ờ");
		else
			assert_string_equal(a, sentences[k]);
		free(a);
		free(b);
		buf_free(&t);
		buf_free(&v);
	}
}

/* Legacy text taken out of a Word file arrives as UTF-8 of the Windows-1252
 * look-alikes ("ViÖt Nam", "Vieät Nam"); a Unicode line among it is kept. */
static void test_mojibake_utf8(void **state)
{
	const char *body =
	    "Số: 12/BC-UBND\n"
	    "Báo cáo kết quả công tác thông tin đối ngoại năm 2017\n"
	    "Thực hiện Công văn số 838/STTTT-TTBCXB ngày 18/8/2017 của Sở Thông tin và Truyền thông\n"
	    "“Ưu tiên” – Độc lập - Tự do - Hạnh phúc…\n";
	const char *head = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nThông tin đối ngoại\n";
	for (int enc = 0; enc < 2; enc++) {
		tt_buf raw, u8;
		buf_init(&raw, 0);
		buf_init(&u8, 0);
		if (enc == 0)
			to_tcvn3(body, &raw);
		else
			to_vni(body, &raw);
		buf_adds(&u8, head);
		as_cp1252_utf8(raw.data, raw.len, &u8);
		assert_int_equal(vn_utf8_validate(u8.data, u8.len, NULL), TT_OK);
		char *got = decode(u8.data, u8.len, 1, enc == 0 ? LEGACY_TCVN3 : LEGACY_VNI);
		assert_int_equal(strncmp(got, head, strlen(head)), 0);
		assert_string_equal(got + strlen(head), body);
		free(got);
		/* Through the reader, which names the encoding. */
		tt_buf out;
		buf_init(&out, 0);
		reader_info info;
		memset(&info, 0, sizeof info);
		assert_int_equal(reader_decode_text(u8.data, u8.len, &out, &info), TT_OK);
		assert_string_equal(info.encoding, enc == 0 ? "TCVN3" : "VNI");
		buf_free(&out);
		buf_free(&raw);
		buf_free(&u8);
	}
}

static void expect_none(const char *s, size_t n)
{
	assert_int_equal(legacy_detect(s, n, 0), LEGACY_NONE);
	if (vn_utf8_validate(s, n, NULL) == TT_OK)
		assert_int_equal(legacy_detect(s, n, 1), LEGACY_NONE);
}

static void test_detect_rejects(void **state)
{
	expect_none("", 0);
	const char ascii[] = "Plain ASCII text: Bao cao so 12/BC-UBND ngay 05/01/2019.\n";
	expect_none(ascii, sizeof ascii - 1);
	/* Real Unicode, precomposed and decomposed, in every line kind. */
	for (size_t k = 0; k < sizeof sentences / sizeof *sentences; k++)
		expect_none(sentences[k], strlen(sentences[k]));
	expect_none(all_vowels, strlen(all_vowels));
	utf8proc_uint8_t *d = NULL;
	utf8proc_ssize_t dl = utf8proc_map((const utf8proc_uint8_t *)sentences[1], 0, &d,
	                                   UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
	assert_true(dl > 0);
	expect_none((const char *)d, (size_t)dl);
	free(d);
	/* Unicode with only Latin-1 letters reads as well as its TCVN3 reading. */
	const char latin_vn[] = "Thông tin\nTôi là\n";
	expect_none(latin_vn, sizeof latin_vn - 1);
	/* Western European text in Latin-1 and in UTF-8. */
	const char fr[] = "Le caf\xE9 est tr\xE8s \xE9lev\xE9 \xE0 No\xEBl, o\xF9 l'on f\xEAte l'\xE9t\xE9 "
	                  "\xE0 M\xFCnchen.\n";
	expect_none(fr, sizeof fr - 1);
	const char fr8[] = "Le café est très élevé à Noël, où l'on fête l'été à München, garçon.\n";
	expect_none(fr8, sizeof fr8 - 1);
	/* Vietnamese saved in Windows-1252: the letters the code page lacks
	 * became '?', the others (à á â ê ô ...) stayed. VNI read it as
	 * "cơng tác thơng tin" before its syllables were weighed against the
	 * bytes as Latin-1 and '?' inside a word counted against it. */
	const char cp1252_q[] = "?Y BAN NH\xC2""N D\xC2""N\n"
	    "TH\xC0""NH PH? H\xC0"" N?I\n"
	    "\n"
	    "S?: 12/BC-UBND\n"
	    "\n"
	    "H\xE0"" N?i, ng\xE0""y 15 th\xE1""ng 3 n?m 2019\n"
	    "\n"
	    "B\xC1""O C\xC1""O\n"
	    "K?t qu? c\xF4""ng t\xE1""c th\xF4""ng tin ??i ngo?i n?m 2018\n"
	    "\n"
	    "N?m 2018, ?y ban nh\xE2""n d\xE2""n th\xE0""nh ph? ?\xE3"" t? ch?c nhi?u ho?t ??ng th\xF4""ng tin ??i ngo?i, ?\xF3""n ti?p c\xE1""c ?o\xE0""n kh\xE1""ch qu?c t? v\xE0"" qu?ng b\xE1"" h\xEC""nh ?nh Th? ?\xF4"".\n"
	    "";
	expect_none(cp1252_q, sizeof cp1252_q - 1);
	/* The same kind of file typed without the missing letters. */
	const char cp1252_bare[] = "H\xE0"" N\xF4""i, ng\xE0""y 15 th\xE1""ng 3 nam 2019\n"
	    "B\xC1""O C\xC1""O\n"
	    "T\xEC""nh h\xEC""nh th\xF4""ng tin d\xF4""i ngoai. C\xE1""c do\xE0""n kh\xE1""ch qu\xF4""c t\xEA"" d\xE3"" d\xEA""n th\xE3""m v\xE0"" l\xE0""m vi\xEA""c. Ch\xFA""ng t\xF4""i d\xE3"" t\xF4"" ch\xFA""c h\xF4""i nghi.\n"
	    "";
	expect_none(cp1252_bare, sizeof cp1252_bare - 1);
	/* UTF-8 with a damaged or cut sequence is not legacy text, however
	 * Vietnamese its bytes look read another way. */
	const char broken[] = "Số: 1/BC-UBND \xC3\x28 nội dung";
	expect_none(broken, sizeof broken - 1);
	const char cut[] = "Báo cáo kết quả công tác năm 2017 \xE1\xBB";
	expect_none(cut, sizeof cut - 1);
	/* UTF-16 without a BOM. */
	const char u16[] = "V\0i\0\xC7\x1E"
	                   "t\0 \0N\0a\0m\0";
	expect_none(u16, sizeof u16 - 1);
	/* Random bytes: any byte, high bytes only, and letters mixed with high
	 * bytes the way legacy text looks. */
	srand(20170823);
	char r[4096];
	for (int trial = 0; trial < 200; trial++) {
		int kind = trial % 3;
		for (size_t i = 0; i < sizeof r; i++) {
			int x = rand();
			if (kind == 0)
				r[i] = (char)(x & 0xFF);
			else if (kind == 1)
				r[i] = (char)(0x80 | (x & 0x7F));
			else
				r[i] = (char)(x % 5 == 0   ? 0x80 | (x >> 8 & 0x7F)
				              : x % 5 == 1 ? ' '
				                           : 'a' + (x >> 8) % 26);
		}
		expect_none(r, sizeof r);
	}
	/* And short random Latin-1-looking words. */
	for (int trial = 0; trial < 200; trial++) {
		size_t n = 0;
		for (int w = 0; w < 40; w++) {
			int len = 1 + rand() % 6;
			for (int i = 0; i < len; i++) {
				int x = rand();
				r[n++] = (char)(x % 3 == 0 ? 0xA0 + (x >> 4) % 0x60 : 'a' + (x >> 4) % 26);
			}
			r[n++] = ' ';
		}
		expect_none(r, n);
	}
}

/* Through reader_decode_text: the encoding is named; bytes that are no
 * legacy text are still refused with the offset of the first bad byte. */
static void test_reader_decode(void **state)
{
	tt_buf out;
	buf_init(&out, 0);
	reader_info info;
	memset(&info, 0, sizeof info);
	const char tcvn[] = "\xA7\xE9"
	                    "c l\xCB"
	                    "p - T\xF9 do - H\xB9nh ph\xF3"
	                    "c\n";
	assert_int_equal(reader_decode_text(tcvn, sizeof tcvn - 1, &out, &info), TT_OK);
	assert_string_equal(info.encoding, "TCVN3");
	assert_string_equal(out.data, "Độc lập - Tự do - Hạnh phúc\n");
	buf_reset(&out);
	const char vni[] = "\xD1o\xE4"
	                   "c la\xE4p - T\xF6\xEF do - Ha\xEFnh phu\xF9"
	                   "c\n";
	assert_int_equal(reader_decode_text(vni, sizeof vni - 1, &out, &info), TT_OK);
	assert_string_equal(info.encoding, "VNI");
	assert_string_equal(out.data, "Độc lập - Tự do - Hạnh phúc\n");
	buf_reset(&out);
	const char bad[] = "abc \x01\x02\xFF\xFE\x00\x80 def";
	assert_int_equal(reader_decode_text(bad, sizeof bad - 1, &out, &info), TT_ERR_UTF8);
	assert_int_equal(info.bad_offset, 6);
	buf_free(&out);
}

static void assert_same_doc(const doc *a, const doc *b)
{
	assert_string_equal(b->kind, a->kind);
	/* Seed 001 states no number, so its symbol is NULL. */
	assert_int_equal(!a->symbol, !b->symbol);
	if (a->symbol)
		assert_string_equal(b->symbol, a->symbol);
	assert_int_equal(b->year * 10000 + b->month * 100 + b->day,
	                 a->year * 10000 + a->month * 100 + a->day);
	assert_int_equal(!a->place, !b->place);
	if (a->place)
		assert_string_equal(b->place, a->place);
	assert_non_null(b->title);
	assert_string_equal(b->title, a->title);
	assert_int_equal(b->citations.n, a->citations.n);
}

static void seed_through_reader(const char *which)
{
	char *path = test_seed_path(which);
	tt_buf src;
	buf_init(&src, 0);
	assert_int_equal(buf_read_file(&src, path), TT_OK);
	doc *orig = NULL;
	parse_error err;
	assert_int_equal(parse_text(src.data, src.len, &orig, &err), TT_OK);

	char dir[] = "/tmp/ttdn-legacy-XXXXXX";
	assert_non_null(mkdtemp(dir));
	for (int enc = 0; enc < 2; enc++) {
		tt_buf bytes;
		buf_init(&bytes, 0);
		if (enc == 0)
			to_tcvn3(src.data, &bytes);
		else
			to_vni(src.data, &bytes);
		assert_int_not_equal(vn_utf8_validate(bytes.data, bytes.len, NULL), TT_OK);
		char file[64];
		snprintf(file, sizeof file, "%s/seed.txt", dir);
		FILE *f = fopen(file, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(bytes.data, 1, bytes.len, f), bytes.len);
		fclose(f);

		tt_buf text;
		buf_init(&text, 0);
		reader_info info;
		assert_int_equal(reader_read_file(file, &text, &info), TT_OK);
		assert_string_equal(info.format, "txt");
		assert_string_equal(info.encoding, enc == 0 ? "TCVN3" : "VNI");

		/* The letters are all right: VNI exactly, TCVN3 up to case. The
		 * seeds' superscript and subscript marks have no code in either. */
		tt_buf want;
		buf_init(&want, 0);
		for (size_t i = 0; i < src.len;) {
			size_t at = i;
			uint32_t cp = next_cp(src.data, &i);
			uint32_t lo = (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
			if (cp < 0x80 || find_cp(tcvn3_letters, lo) >= 0 || punct_byte(cp) >= 0)
				buf_add(&want, src.data + at, i - at);
		}
		if (enc == 1) {
			assert_string_equal(text.data, want.data);
		} else {
			char *a = casefold(text.data), *b = casefold(want.data);
			assert_string_equal(a, b);
			free(a);
			free(b);
		}

		doc *d = NULL;
		assert_int_equal(parse_text(text.data, text.len, &d, &err), TT_OK);
		assert_same_doc(orig, d);
		doc_free(d);
		/* parse_file notes the conversion. */
		assert_int_equal(parse_file(file, &d, &err), TT_OK);
		assert_non_null(d->encoding_note);
		assert_string_equal(d->encoding_note, enc == 0 ? "TCVN3" : "VNI");
		assert_same_doc(orig, d);
		doc_free(d);
		unlink(file);
		buf_free(&want);
		buf_free(&text);
		buf_free(&bytes);
	}
	rmdir(dir);
	doc_free(orig);
	buf_free(&src);
	free(path);
}

/* The whole of each seed in TCVN3 and in VNI, written to a file, read by
 * the reader and parsed: the same kind, symbol, date, place and title. */
static void test_seed_through_reader(void **state)
{
	seed_through_reader("000");
	seed_through_reader("001");
	seed_through_reader("002");
}

/* A mostly-ASCII file with a few TCVN3 words, and a file that mixes lines
 * already in UTF-8 with TCVN3 lines: both read right. */
static void test_short_and_mixed(void **state)
{
	const char shortt[] = "So: 12/KH-UBND\nKon Tum, ng\xB5y 05 th\xB8ng 01 n\xA8m 2019\n";
	char *got = decode(shortt, sizeof shortt - 1, 0, LEGACY_TCVN3);
	assert_string_equal(got, "So: 12/KH-UBND\nKon Tum, ngày 05 tháng 01 năm 2019\n");
	free(got);
	const char mixed[] = "Số: 12/KH-UBND\nKon Tum, ng\xB5y 05 th\xB8ng 01 n\xA8m 2019\n";
	got = decode(mixed, sizeof mixed - 1, 0, LEGACY_TCVN3);
	assert_string_equal(got, "Số: 12/KH-UBND\nKon Tum, ngày 05 tháng 01 năm 2019\n");
	free(got);
	/* A long line with no newline is handled in pieces. */
	tt_buf big, line;
	buf_init(&big, 0);
	buf_init(&line, 0);
	to_tcvn3("Báo cáo kết quả công tác thông tin đối ngoại năm 2017. ", &line);
	for (int i = 0; i < 4000; i++)
		buf_add(&big, line.data, line.len);
	got = decode(big.data, big.len, 0, LEGACY_TCVN3);
	assert_int_equal(strlen(got),
	                 4000 * strlen("Báo cáo kết quả công tác thông tin đối ngoại năm 2017. "));
	assert_int_equal(strncmp(got, "Báo cáo kết quả công tác thông tin đối ngoại năm 2017. Báo", 60), 0);
	free(got);
	buf_free(&big);
	buf_free(&line);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tcvn3_letters),       cmocka_unit_test(test_vni_letters),
	    cmocka_unit_test(test_sentences),           cmocka_unit_test(test_mojibake_utf8),
	    cmocka_unit_test(test_detect_rejects),      cmocka_unit_test(test_reader_decode),
	    cmocka_unit_test(test_seed_through_reader), cmocka_unit_test(test_short_and_mixed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
