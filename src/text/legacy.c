/* legacy.c - TCVN3 and VNI to Unicode (see legacy.h). Owns the two byte
 * tables, the Vietnamese syllable check that detection scores with, and
 * the conversion itself.
 *
 * Input is read as "units": a unit below 0x100 is a byte that the legacy
 * table gives a meaning to, a unit at or above 0x100 is a code point that
 * passes through unchanged. Raw 8-bit input is all bytes. UTF-8 input that
 * holds legacy text seen through Windows-1252 (what a .doc set in .VnTime
 * or VNI-Times gives when its text is taken out) is turned back into the
 * bytes it came from, so one decoder serves both. */
#include "text/legacy.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text/vn.h"

/* The Vietnamese vowels in rows (a ă â e ê i o ô ơ u ư y), lower case then
 * upper case, by tone: none, sắc (acute), huyền (grave), hỏi (hook), ngã
 * (tilde), nặng (dot below). Rows 24 and 25 are đ and Đ. Detection, the
 * VNI decoder and the upper-casing of TCVN3 all index this one table. */
#define ROWS 26
#define ROW_UPPER 12
#define ROW_D 24
static const uint16_t letters[ROWS][6] = {
    {0x0061, 0x00E1, 0x00E0, 0x1EA3, 0x00E3, 0x1EA1}, /* a á à ả ã ạ */
    {0x0103, 0x1EAF, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EB7}, /* ă ắ ằ ẳ ẵ ặ */
    {0x00E2, 0x1EA5, 0x1EA7, 0x1EA9, 0x1EAB, 0x1EAD}, /* â ấ ầ ẩ ẫ ậ */
    {0x0065, 0x00E9, 0x00E8, 0x1EBB, 0x1EBD, 0x1EB9}, /* e é è ẻ ẽ ẹ */
    {0x00EA, 0x1EBF, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EC7}, /* ê ế ề ể ễ ệ */
    {0x0069, 0x00ED, 0x00EC, 0x1EC9, 0x0129, 0x1ECB}, /* i í ì ỉ ĩ ị */
    {0x006F, 0x00F3, 0x00F2, 0x1ECF, 0x00F5, 0x1ECD}, /* o ó ò ỏ õ ọ */
    {0x00F4, 0x1ED1, 0x1ED3, 0x1ED5, 0x1ED7, 0x1ED9}, /* ô ố ồ ổ ỗ ộ */
    {0x01A1, 0x1EDB, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EE3}, /* ơ ớ ờ ở ỡ ợ */
    {0x0075, 0x00FA, 0x00F9, 0x1EE7, 0x0169, 0x1EE5}, /* u ú ù ủ ũ ụ */
    {0x01B0, 0x1EE9, 0x1EEB, 0x1EED, 0x1EEF, 0x1EF1}, /* ư ứ ừ ử ữ ự */
    {0x0079, 0x00FD, 0x1EF3, 0x1EF7, 0x1EF9, 0x1EF5}, /* y ý ỳ ỷ ỹ ỵ */
    {0x0041, 0x00C1, 0x00C0, 0x1EA2, 0x00C3, 0x1EA0}, /* A Á À Ả Ã Ạ */
    {0x0102, 0x1EAE, 0x1EB0, 0x1EB2, 0x1EB4, 0x1EB6}, /* Ă Ắ Ằ Ẳ Ẵ Ặ */
    {0x00C2, 0x1EA4, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EAC}, /* Â Ấ Ầ Ẩ Ẫ Ậ */
    {0x0045, 0x00C9, 0x00C8, 0x1EBA, 0x1EBC, 0x1EB8}, /* E É È Ẻ Ẽ Ẹ */
    {0x00CA, 0x1EBE, 0x1EC0, 0x1EC2, 0x1EC4, 0x1EC6}, /* Ê Ế Ề Ể Ễ Ệ */
    {0x0049, 0x00CD, 0x00CC, 0x1EC8, 0x0128, 0x1ECA}, /* I Í Ì Ỉ Ĩ Ị */
    {0x004F, 0x00D3, 0x00D2, 0x1ECE, 0x00D5, 0x1ECC}, /* O Ó Ò Ỏ Õ Ọ */
    {0x00D4, 0x1ED0, 0x1ED2, 0x1ED4, 0x1ED6, 0x1ED8}, /* Ô Ố Ồ Ổ Ỗ Ộ */
    {0x01A0, 0x1EDA, 0x1EDC, 0x1EDE, 0x1EE0, 0x1EE2}, /* Ơ Ớ Ờ Ở Ỡ Ợ */
    {0x0055, 0x00DA, 0x00D9, 0x1EE6, 0x0168, 0x1EE4}, /* U Ú Ù Ủ Ũ Ụ */
    {0x01AF, 0x1EE8, 0x1EEA, 0x1EEC, 0x1EEE, 0x1EF0}, /* Ư Ứ Ừ Ử Ữ Ự */
    {0x0059, 0x00DD, 0x1EF2, 0x1EF6, 0x1EF8, 0x1EF4}, /* Y Ý Ỳ Ỷ Ỹ Ỵ */
    {0x0111, 0, 0, 0, 0, 0},                          /* đ */
    {0x0110, 0, 0, 0, 0, 0},                          /* Đ */
};
/* UTF-8 of the toneless lower-case rows, for the syllable check. */
static const char *const row_utf8[ROW_UPPER] = {"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"};
enum { R_A, R_AW, R_AA, R_E, R_EE, R_I, R_O, R_OO, R_OW, R_U, R_UW, R_Y };

/* Code point -> (row + 1, tone) for the non-ASCII letters of the table,
 * over the two ranges they live in. Built once from letters[]. */
#define LAT_BASE 0x00C0
#define LAT_END 0x01B1
#define EXT_BASE 0x1EA0
#define EXT_END 0x1EFA
static uint8_t lut_row[(LAT_END - LAT_BASE) + (EXT_END - EXT_BASE)];
static uint8_t lut_tone[sizeof lut_row];
static pthread_once_t lut_once = PTHREAD_ONCE_INIT;

static int lut_index(uint32_t cp)
{
	if (cp >= LAT_BASE && cp < LAT_END)
		return (int)(cp - LAT_BASE);
	if (cp >= EXT_BASE && cp < EXT_END)
		return (int)(cp - EXT_BASE + (LAT_END - LAT_BASE));
	return -1;
}

static void lut_build(void)
{
	for (int r = 0; r < ROWS; r++)
		for (int t = 0; t < 6; t++) {
			int k = letters[r][t] ? lut_index(letters[r][t]) : -1;
			if (k >= 0) {
				lut_row[k] = (uint8_t)(r + 1);
				lut_tone[k] = (uint8_t)t;
			}
		}
}

/* Finds cp in the letter table: row and tone, or -1 when cp is not a
 * Vietnamese vowel or đ. Plain ASCII vowels are found too. */
static int vn_row(uint32_t cp, int *tone)
{
	*tone = 0;
	switch (cp | 0x20) {
	case 'a': return cp == 'a' ? R_A : R_A + ROW_UPPER;
	case 'e': return cp == 'e' ? R_E : R_E + ROW_UPPER;
	case 'i': return cp == 'i' ? R_I : R_I + ROW_UPPER;
	case 'o': return cp == 'o' ? R_O : R_O + ROW_UPPER;
	case 'u': return cp == 'u' ? R_U : R_U + ROW_UPPER;
	case 'y': return cp == 'y' ? R_Y : R_Y + ROW_UPPER;
	default: break;
	}
	int k = lut_index(cp);
	if (k < 0)
		return -1;
	pthread_once(&lut_once, lut_build);
	if (!lut_row[k])
		return -1;
	*tone = lut_tone[k];
	return lut_row[k] - 1;
}

/* Windows-1252 for 0x80..0x9F: the quotes, dashes and bullets a legacy
 * document typed in Word carries there. Undefined slots stay as they are. */
static const uint16_t cp1252_c1[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

/* TCVN 5712:1993 for 0xA0..0xFF. The ".Vn" fonts use the VN3 subset: lower
 * case letters plus Ă Â Ê Ô Ơ Ư Đ. The gaps VN3 leaves are given the VN1
 * capitals that the standard puts there (they are meaningless otherwise).
 * VN1's other capitals sit in 0x01..0x17 and 0x80..0x9F, where VN3 files
 * carry control codes and Windows-1252 punctuation, so those stay as such.
 * 0xB0..0xB4 are the combining tone marks (see tcvn3_unit). */
static const uint16_t tcvn3_hi[96] = {
    /* A0 */ 0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110,
    /* A8 */ 0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0,
    /* B0 */ 0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3,
    /* B8 */ 0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4,
    /* C0 */ 0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7,
    /* C8 */ 0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD,
    /* D0 */ 0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC,
    /* D8 */ 0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2,
    /* E0 */ 0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7,
    /* E8 */ 0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9,
    /* F0 */ 0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF,
    /* F8 */ 0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0,
};

/* Set on a decoded code point that TCVN3 could only give in lower case:
 * the upper-case form was drawn by a separate font (.VnTimeH) with the
 * same codes, so the case is guessed from the word (see fix_case). */
#define AMBIG 0x80000000u

/* --- Units ------------------------------------------------------------- */

typedef struct {
	uint32_t *v;
	size_t n, cap;
} u32vec;

static tt_rc vec_push(u32vec *a, uint32_t x)
{
	if (a->n == a->cap) {
		size_t nc = a->cap ? a->cap * 2 : 256;
		uint32_t *p = realloc(a->v, nc * sizeof *p);
		if (!p)
			return TT_ERR_NOMEM;
		a->v = p;
		a->cap = nc;
	}
	a->v[a->n++] = x;
	return TT_OK;
}

/* Decodes one code point of valid UTF-8 at s[*i] (the caller validated). */
static uint32_t utf8_next(const unsigned char *s, size_t n, size_t *i)
{
	unsigned c = s[*i];
	size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (*i + k > n) {
		(*i)++;
		return 0xFFFD;
	}
	uint32_t cp = k == 1 ? c : k == 2 ? (c & 0x1F) : k == 3 ? (c & 0x0F) : (c & 0x07);
	for (size_t j = 1; j < k; j++)
		cp = cp << 6 | (s[*i + j] & 0x3F);
	*i += k;
	return cp;
}

/* A code point that only real Unicode Vietnamese has: a letter of the table
 * outside Latin-1, or a combining mark (decomposed text). Legacy text seen
 * through Windows-1252 never holds one. */
static int unicode_vn(uint32_t cp)
{
	if (cp >= 0x0300 && cp <= 0x036F)
		return 1;
	int tone;
	return cp >= 0x100 && vn_row(cp, &tone) >= 0;
}

/* Reads s[0..n) as units. For UTF-8 input, *unicode is set when the span
 * holds real Unicode Vietnamese, so it must be left as it is. */
static tt_rc to_units(const unsigned char *s, size_t n, int is_utf8, u32vec *u, int *unicode)
{
	u->n = 0;
	*unicode = 0;
	for (size_t i = 0; i < n;) {
		uint32_t x;
		if (!is_utf8 || s[i] < 0x80) {
			x = s[i++];
		} else {
			x = utf8_next(s, n, &i);
			if (unicode_vn(x))
				*unicode = 1;
			if (x >= 0x100)
				for (unsigned b = 0; b < 32; b++)
					if (cp1252_c1[b] == x) {
						x = 0x80 + b;
						break;
					}
		}
		tt_rc rc = vec_push(u, x);
		if (rc)
			return rc;
	}
	return TT_OK;
}

/* --- Decoders: units to code points ------------------------------------ */

static uint32_t plain_unit(uint32_t x)
{
	return x >= 0x80 && x < 0xA0 ? cp1252_c1[x - 0x80] : x;
}

static int is_vowel_base(uint32_t cp)
{
	int tone;
	int r = vn_row(cp, &tone);
	return r >= 0 && r < ROW_D && tone == 0;
}

static tt_rc tcvn3_decode(const u32vec *u, u32vec *c)
{
	c->n = 0;
	for (size_t i = 0; i < u->n; i++) {
		uint32_t x = u->v[i], cp;
		if (x < 0xA0 || x > 0xFF) {
			cp = plain_unit(x);
		} else if (x >= 0xB0 && x <= 0xB4) {
			/* A tone byte is a combining mark only after a toneless
			 * vowel; elsewhere (25°C) it is the Latin-1 sign. */
			int after_vowel = c->n && is_vowel_base(c->v[c->n - 1] & ~AMBIG);
			cp = after_vowel ? tcvn3_hi[x - 0xA0] : x;
		} else {
			cp = tcvn3_hi[x - 0xA0];
			int tone, r = vn_row(cp, &tone);
			if (r >= 0 && (r < ROW_UPPER || r == ROW_D))
				cp |= AMBIG;
		}
		tt_rc rc = vec_push(c, cp);
		if (rc)
			return rc;
	}
	return TT_OK;
}

/* VNI writes most letters as a base letter and a following byte that adds
 * the diacritics: a tone (ù ø û õ ï), a circumflex with a tone (â á à å ã
 * ä) or a breve with a tone (ê é è ú ü ë); the upper-case font uses the
 * same bytes less 0x20, and sloppy text mixes the two, so the case of the
 * result is the base letter's. đ ơ ư and the i's and ỵ are single bytes. */
static int vni_mark(uint32_t x, int *kind, int *tone)
{
	if (x < 0xC0 || x > 0xFF)
		return 0;
	switch (x | 0x20) {
	case 0xF9: *kind = 0, *tone = 1; return 1;
	case 0xF8: *kind = 0, *tone = 2; return 1;
	case 0xFB: *kind = 0, *tone = 3; return 1;
	case 0xF5: *kind = 0, *tone = 4; return 1;
	case 0xEF: *kind = 0, *tone = 5; return 1;
	case 0xE2: *kind = 1, *tone = 0; return 1;
	case 0xE1: *kind = 1, *tone = 1; return 1;
	case 0xE0: *kind = 1, *tone = 2; return 1;
	case 0xE5: *kind = 1, *tone = 3; return 1;
	case 0xE3: *kind = 1, *tone = 4; return 1;
	case 0xE4: *kind = 1, *tone = 5; return 1;
	case 0xEA: *kind = 2, *tone = 0; return 1;
	case 0xE9: *kind = 2, *tone = 1; return 1;
	case 0xE8: *kind = 2, *tone = 2; return 1;
	case 0xFA: *kind = 2, *tone = 3; return 1;
	case 0xFC: *kind = 2, *tone = 4; return 1;
	case 0xEB: *kind = 2, *tone = 5; return 1;
	default: return 0;
	}
}

/* The single-byte letters of VNI (lower case; upper case is 0x20 less). */
static uint32_t vni_single(uint32_t x)
{
	if (x < 0xC0 || x > 0xFF)
		return 0;
	int up = x < 0xE0;
	int r, t;
	switch (x | 0x20) {
	case 0xF1: r = ROW_D, t = 0; break;
	case 0xF4: r = R_OW, t = 0; break;
	case 0xF6: r = R_UW, t = 0; break;
	case 0xED: r = R_I, t = 1; break;
	case 0xEC: r = R_I, t = 2; break;
	case 0xE6: r = R_I, t = 3; break;
	case 0xF3: r = R_I, t = 4; break;
	case 0xF2: r = R_I, t = 5; break;
	case 0xEE: r = R_Y, t = 5; break;
	default: return 0;
	}
	return letters[r == ROW_D ? ROW_D + up : r + (up ? ROW_UPPER : 0)][t];
}

static tt_rc vni_decode(const u32vec *u, u32vec *c)
{
	c->n = 0;
	for (size_t i = 0; i < u->n; i++) {
		uint32_t x = u->v[i];
		uint32_t cp = vni_single(x);
		int base = -1, tone0 = 0;
		if (cp)
			base = vn_row(cp, &tone0);
		else if (x < 0x80)
			base = vn_row(x, &tone0);
		int kind, tone;
		if (base >= 0 && base < ROW_D && tone0 == 0 && i + 1 < u->n &&
		    vni_mark(u->v[i + 1], &kind, &tone)) {
			int up = base >= ROW_UPPER, r = base % ROW_UPPER, nr = -1;
			if (kind == 0)
				nr = r;
			else if (kind == 1)
				nr = r == R_A ? R_AA : r == R_E ? R_EE : r == R_O ? R_OO : -1;
			else
				nr = r == R_A ? R_AW : -1;
			if (nr >= 0) {
				cp = letters[nr + (up ? ROW_UPPER : 0)][tone];
				i++;
			}
		}
		if (!cp)
			cp = plain_unit(x);
		tt_rc rc = vec_push(c, cp);
		if (rc)
			return rc;
	}
	return TT_OK;
}

static tt_rc plain_decode(const u32vec *u, u32vec *c)
{
	c->n = 0;
	for (size_t i = 0; i < u->n; i++) {
		tt_rc rc = vec_push(c, plain_unit(u->v[i]));
		if (rc)
			return rc;
	}
	return TT_OK;
}

static tt_rc decode(legacy_enc e, const u32vec *u, u32vec *c)
{
	return e == LEGACY_TCVN3 ? tcvn3_decode(u, c)
	       : e == LEGACY_VNI ? vni_decode(u, c)
	                         : plain_decode(u, c);
}

/* --- Syllables ---------------------------------------------------------- */

static int is_letter(uint32_t cp)
{
	cp &= ~AMBIG;
	if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
		return 1;
	if (cp >= 0xC0 && cp <= 0x24F)
		return cp != 0xD7 && cp != 0xF7;
	return (cp >= EXT_BASE && cp < EXT_END) || (cp >= 0x0300 && cp <= 0x036F);
}

static int is_upper(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return 1;
	int tone, r = vn_row(cp, &tone);
	return r >= ROW_UPPER && r != ROW_D;
}

static const char *const initials[] = {"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th",
                                       "tr",  "b",  "c",  "d",  "đ",  "g",  "h",  "k",  "l",  "m",
                                       "n",   "p",  "r",  "s",  "t",  "v",  "x",  ""};
/* Vowel groups; '+' marks those that need a final consonant, '-' those that
 * cannot take one (they end in a glide already), ' ' either. */
static const char *const nuclei[] = {
    "-iêu", "-oai", "-oao", "-oay", "-oeo", "-uây", "-uôi", "-uya", "+uyê", "-uyu", "-ươi",
    "-ươu", "-yêu", "-ai",  "-ao",  "-au",  "-ay",  "-âu",  "-ây",  "-eo",  "-êu",  "-ia",
    "+iê",  "-iu",  " oa",  "+oă",  " oe",  "-oi",  "-ôi",  "-ơi",  " oo",  "-ua",  "+uâ",
    " uê",  "-ui",  "+uô",  " uơ",  " uy",  "-ưa",  "-ưi",  "-ưu",  "+ươ",  "+yê",  " a",
    "+ă",   "+â",   " e",   " ê",   " i",   " o",   " ô",   " ơ",   " u",   " ư",   " y",
};
static const char *const finals[] = {"ng", "nh", "ch", "c", "m", "n", "p", "t"};

/* Does w (toneless, lower case, UTF-8) with the given tone read as one
 * Vietnamese syllable? Loose on purpose (loan spellings pass), strict
 * where legacy misreadings fail: stray letters, two tones, a consonant
 * after a glide, a stop final (c ch p t) with a tone other than sắc or
 * nặng. */
static int syllable_ok(const char *w, int tone)
{
	for (size_t a = 0; a < sizeof initials / sizeof *initials; a++) {
		size_t al = strlen(initials[a]);
		if (strncmp(w, initials[a], al))
			continue;
		const char *r = w + al;
		for (size_t b = 0; b < sizeof nuclei / sizeof *nuclei; b++) {
			const char *nu = nuclei[b] + 1;
			size_t bl = strlen(nu);
			if (strncmp(r, nu, bl))
				continue;
			const char *f = r + bl;
			if (!*f) {
				if (nuclei[b][0] != '+')
					return 1;
				continue;
			}
			if (nuclei[b][0] == '-')
				continue;
			for (size_t c = 0; c < sizeof finals / sizeof *finals; c++)
				if (!strcmp(f, finals[c])) {
					int stop = c >= 2 && (finals[c][0] == 'c' || finals[c][0] == 'p' ||
					                      finals[c][0] == 't');
					if (!stop || tone == 1 || tone == 5)
						return 1;
				}
		}
	}
	return 0;
}

/* Is the word c[0..n) a Vietnamese syllable (case ignored)? */
static int word_ok(const uint32_t *c, size_t n)
{
	char w[40];
	size_t k = 0;
	int tones = 0, tone = 0;
	if (n > 8)
		return 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t cp = c[i] & ~AMBIG;
		int t, r = vn_row(cp, &t);
		const char *add;
		char one[2] = {0, 0};
		/* TCVN3's combining tone bytes, before NFC has folded them. */
		int mark = cp == 0x301   ? 1
		           : cp == 0x300 ? 2
		           : cp == 0x309 ? 3
		           : cp == 0x303 ? 4
		           : cp == 0x323 ? 5
		                         : 0;
		if (mark) {
			tones++;
			tone = mark;
			continue;
		}
		if (r >= 0) {
			if (t) {
				tones++;
				tone = t;
			}
			add = r >= ROW_D ? "đ" : row_utf8[r % ROW_UPPER];
		} else if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z' && !strchr("fjwz", (int)(cp | 0x20))) {
			one[0] = (char)(cp | 0x20);
			add = one;
		} else {
			return 0;
		}
		size_t l = strlen(add);
		if (k + l >= sizeof w)
			return 0;
		memcpy(w + k, add, l);
		k += l;
	}
	w[k] = 0;
	return tones <= 1 && syllable_ok(w, tone);
}

typedef struct {
	size_t valid, total; /* words with a non-ASCII letter */
} score;

static void score_words(const u32vec *c, score *s)
{
	for (size_t i = 0; i < c->n;) {
		if (!is_letter(c->v[i]) && c->v[i] != '?') {
			i++;
			continue;
		}
		size_t j = i, nletters = 0;
		int wide = 0, lost = 0;
		while (j < c->n) {
			if (is_letter(c->v[j])) {
				if ((c->v[j] & ~AMBIG) >= 0x80)
					wide = 1;
				nletters++;
				j++;
				continue;
			}
			if (c->v[j] != '?')
				break;
			/* "K?t", "??i", "?y": a letter the file's code page could
			 * not hold, written as '?'. Such a word is no Vietnamese
			 * syllable in any reading. A '?' after a word is a
			 * question mark. */
			size_t q = j;
			while (q < c->n && c->v[q] == '?')
				q++;
			if (q == c->n || !is_letter(c->v[q]))
				break;
			lost = 1;
			j = q;
		}
		if (nletters && lost) {
			s->total++;
		} else if (nletters && wide) {
			s->total++;
			s->valid += (size_t)word_ok(c->v + i, j - i);
		}
		i = j > i ? j : i + 1;
	}
}

/* --- Case for TCVN3 ------------------------------------------------------ */

/* A word is upper case when it has no lower-case ASCII letter and either
 * two capitals or a capital after its first letter ("B¸O" is BÁO, "ñY" is
 * ỦY). A word with only a leading capital or none ("VÒ" for VỀ, "·" for
 * XÃ) follows the words beside it, when they are separated by spaces only
 * and are upper-case Vietnamese words (with a letter outside ASCII), so
 * "C¤NG T¸C VÒ" gives CÔNG TÁC VỀ, while "Sè: 12/BC-UBND" keeps Số and "V×
 * vËy" keeps Vì. */
typedef struct {
	size_t a, b;
	int caps, maybe, wide;
} word_span;

/* Finds the first word at or after i; 0 when there is none. */
static int next_word(const u32vec *c, size_t i, word_span *w)
{
	while (i < c->n && !is_letter(c->v[i]))
		i++;
	if (i == c->n)
		return 0;
	size_t up = 0, lo = 0, amb = 0, inner_up = 0;
	w->a = i;
	w->wide = 0;
	for (; i < c->n && is_letter(c->v[i]); i++) {
		uint32_t cp = c->v[i];
		if ((cp & ~AMBIG) >= 0x80)
			w->wide = 1;
		if (cp & AMBIG) {
			amb++;
		} else if (cp >= 'a' && cp <= 'z') {
			lo++;
		} else if (is_upper(cp)) {
			up++;
			inner_up += i > w->a;
		}
	}
	w->b = i;
	w->caps = !lo && (up >= 2 || inner_up);
	w->maybe = !lo && amb && !w->caps;
	return 1;
}

/* Are words x and y (x first) separated by blanks only? */
static int adjacent(const u32vec *c, const word_span *x, const word_span *y)
{
	for (size_t i = x->b; i < y->a; i++)
		if (c->v[i] != ' ' && c->v[i] != '\t' && c->v[i] != 0xA0)
			return 0;
	return 1;
}

static void fix_case(u32vec *c)
{
	word_span prev = {0}, cur, next = {0};
	int have_prev = 0, have_cur = next_word(c, 0, &cur);
	while (have_cur) {
		int have_next = next_word(c, cur.b, &next);
		int on = cur.caps;
		if (!on && cur.maybe) {
			int p = have_prev && adjacent(c, &prev, &cur);
			int n = have_next && adjacent(c, &cur, &next);
			on = (p || n) && (!p || (prev.caps && prev.wide)) && (!n || (next.caps && next.wide));
		}
		for (size_t k = cur.a; on && k < cur.b; k++) {
			if (!(c->v[k] & AMBIG))
				continue;
			int tone, r = vn_row(c->v[k] & ~AMBIG, &tone);
			c->v[k] = r == ROW_D ? letters[ROW_D + 1][0] : letters[r + ROW_UPPER][tone];
		}
		prev = cur;
		have_prev = 1;
		cur = next;
		have_cur = have_next;
	}
}

/* --- Segments -------------------------------------------------------------- */

/* The input is handled a line at a time, so a mixed document (a Unicode
 * header over a .VnTime body) converts only the lines that need it, and
 * memory stays bounded. A line longer than 64 KiB is cut after an ASCII
 * non-letter, which never splits a UTF-8 sequence or a VNI letter. */
static size_t segment_end(const unsigned char *s, size_t n, size_t a)
{
	size_t i = a;
	while (i < n && s[i] != '\n' && i - a < 65536)
		i++;
	if (i < n && s[i] == '\n')
		return i + 1;
	while (i < n && i - a < (1u << 20)) {
		unsigned char b = s[i++];
		if (b < 0x80 && !((b | 0x20) >= 'a' && (b | 0x20) <= 'z'))
			return i;
	}
	while (i < n && (s[i] & 0xC0) == 0x80)
		i++;
	return i;
}

/* Raw input may mix in lines already in UTF-8 (text appended by a newer
 * editor); such a line holds a multi-byte sequence and validates. */
static int utf8_line(const unsigned char *s, size_t n)
{
	int wide = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] >= 0x80) {
			wide = 1;
			break;
		}
	return wide && vn_utf8_validate((const char *)s, n, NULL) == TT_OK;
}

/* Counts, in raw input, the well-formed UTF-8 multi-byte sequences and
 * the high bytes outside them. Legacy text almost never forms such a
 * sequence (none in the seeds encoded in TCVN3 or VNI); UTF-8 with a
 * damaged byte is mostly sequences. */
static void utf8_shape(const unsigned char *s, size_t n, size_t *good, size_t *bad)
{
	for (size_t i = 0; i < n;) {
		unsigned c = s[i];
		size_t k = c >= 0xC2 && c <= 0xDF   ? 2
		           : c >= 0xE0 && c <= 0xEF ? 3
		           : c >= 0xF0 && c <= 0xF4 ? 4
		                                    : 0;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (k && i + k <= n && vn_utf8_validate((const char *)s + i, k, NULL) == TT_OK) {
			(*good)++;
			i += k;
			continue;
		}
		(*bad)++;
		i++;
	}
}

typedef struct {
	u32vec u, c;
} work;

static void work_free(work *w)
{
	free(w->u.v);
	free(w->c.v);
}

/* Plain text: no NUL, few control codes, mostly ASCII. Random binary and
 * UTF-16 without a BOM fail here before any scoring. */
static int looks_textual(const unsigned char *s, size_t n)
{
	size_t ctl = 0, ascii = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char b = s[i];
		if (b == 0)
			return 0;
		if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f')
			ctl++;
		else if (b < 0x80 && b != 0x7F)
			ascii++;
	}
	return ctl * 100 <= n && ascii * 2 >= n;
}

#define DETECT_SPAN ((size_t)4 << 20)

legacy_enc legacy_detect(const char *s, size_t n, int is_utf8)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t high = 0;
	for (size_t i = 0; i < n; i++)
		high += p[i] >= 0x80;
	if (!high || !looks_textual(p, n))
		return LEGACY_NONE;

	static const legacy_enc encs[2] = {LEGACY_TCVN3, LEGACY_VNI};
	score cand[2] = {{0, 0}, {0, 0}}, orig = {0, 0};
	size_t good = 0, bad = 0;
	work w = {{0}, {0}};
	legacy_enc best = LEGACY_NONE;
	/* A few MiB of a document settle its encoding; reading the rest would
	 * only cost time on a large file. */
	for (size_t a = 0; a < n && a < DETECT_SPAN;) {
		size_t b = segment_end(p, n, a);
		int unicode = 0;
		if (!is_utf8 && utf8_line(p + a, b - a))
			unicode = 1;
		else if (to_units(p + a, b - a, is_utf8, &w.u, &unicode))
			goto out;
		if (!unicode) {
			if (!is_utf8)
				utf8_shape(p + a, b - a, &good, &bad);
			for (int k = 0; k < 2; k++) {
				if (decode(encs[k], &w.u, &w.c))
					goto out;
				score_words(&w.c, &cand[k]);
			}
			/* The text as it stands (UTF-8), or the bytes read as
			 * Latin-1/Windows-1252: a Vietnamese text saved in a
			 * Western code page keeps à á â ê ô ... and reads as
			 * syllables in a legacy table too ("công" as VNI
			 * "cơng"). */
			if (plain_decode(&w.u, &w.c))
				goto out;
			score_words(&w.c, &orig);
		}
		a = b;
	}
	/* Pick the reading with the larger share of good syllables; it must be
	 * mostly good, and for UTF-8 input clearly better than the text as it
	 * stands, with enough words that chance cannot explain it. */
	int bk = -1;
	if (good * 8 > bad)
		goto out; /* UTF-8 with damage, not a legacy encoding */
	for (int k = 0; k < 2; k++) {
		const score *c = &cand[k];
		if (!c->valid || c->valid * 10 < c->total * (is_utf8 ? 8 : 7))
			continue;
		if (is_utf8 && (c->valid < 3 || c->valid < 2 * orig.valid))
			continue;
		if (!is_utf8 && c->valid * 4 < orig.valid * 5)
			continue; /* no clearer Vietnamese than the bytes as Latin-1 */
		if (bk < 0 || c->valid * cand[bk].total > cand[bk].valid * c->total ||
		    (c->valid * cand[bk].total == cand[bk].valid * c->total && c->valid > cand[bk].valid))
			bk = k;
	}
	if (bk >= 0)
		best = encs[bk];
out:
	work_free(&w);
	return best;
}

static tt_rc put_utf8(tt_buf *out, uint32_t cp)
{
	utf8proc_uint8_t b[4];
	utf8proc_ssize_t k = utf8proc_encode_char((utf8proc_int32_t)cp, b);
	return buf_add(out, b, (size_t)k);
}

/* Net good words of a decoding, to choose per line in UTF-8 input. */
static long net_score(const u32vec *c)
{
	score s = {0, 0};
	score_words(c, &s);
	return (long)s.valid - (long)(s.total - s.valid);
}

tt_rc legacy_to_utf8(const char *s, size_t n, int is_utf8, legacy_enc e, tt_buf *out)
{
	if (e == LEGACY_NONE)
		return buf_add(out, s, n);
	const unsigned char *p = (const unsigned char *)s;
	tt_buf tmp;
	buf_init(&tmp, out->cap ? out->cap : 0);
	work w = {{0}, {0}};
	tt_rc rc = TT_OK;
	for (size_t a = 0; a < n && !rc;) {
		size_t b = segment_end(p, n, a);
		int unicode = 0;
		if (!is_utf8 && utf8_line(p + a, b - a))
			unicode = 1;
		else if ((rc = to_units(p + a, b - a, is_utf8, &w.u, &unicode)) != TT_OK)
			break;
		int convert = !unicode;
		if (convert && is_utf8) {
			/* Keep a line that reads better as it is. A tie goes to
			 * the document's encoding: "Sè:" is TCVN3 for "Số:" in
			 * nearly every file, while a Unicode line among legacy
			 * ones almost always has a letter outside Latin-1 and
			 * was set aside above. */
			if ((rc = plain_decode(&w.u, &w.c)) != TT_OK)
				break;
			long as_is = net_score(&w.c);
			if ((rc = decode(e, &w.u, &w.c)) != TT_OK)
				break;
			long cand = net_score(&w.c);
			convert = cand > as_is || (cand == as_is && cand > 0);
		} else if (convert) {
			rc = decode(e, &w.u, &w.c);
		}
		if (!convert) {
			rc = buf_add(&tmp, s + a, b - a);
		} else if (!rc) {
			if (e == LEGACY_TCVN3)
				fix_case(&w.c);
			for (size_t i = 0; i < w.c.n && !rc; i++)
				rc = put_utf8(&tmp, w.c.v[i] & ~AMBIG);
		}
		a = b;
	}
	/* The tone bytes of TCVN3 decode to combining marks; NFC folds them
	 * into the letters, as the rest of the program expects. */
	if (!rc)
		rc = vn_nfc(tmp.data ? tmp.data : "", tmp.len, out);
	work_free(&w);
	buf_free(&tmp);
	return rc;
}

const char *legacy_name(legacy_enc e)
{
	return e == LEGACY_TCVN3 ? "TCVN3" : e == LEGACY_VNI ? "VNI" : "utf-8";
}
