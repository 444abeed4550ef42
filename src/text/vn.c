/* vn.c - UTF-8 validation, NFC, search and matching keys, collation.
 * Built on utf8proc; the Vietnamese-specific parts (đ folding, tone
 * placement, alphabet order) are done here because no library does them. */
#include "text/vn.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

tt_rc vn_utf8_validate(const char *s, size_t n, size_t *bad_offset)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k < 0 || cp < 0) {
			if (bad_offset)
				*bad_offset = i;
			return TT_ERR_UTF8;
		}
		i += (size_t)k;
	}
	return TT_OK;
}

/* Runs utf8proc_map with the given options and appends the result. */
static tt_rc vn_map(const char *s, size_t n, int options, tt_buf *out)
{
	utf8proc_uint8_t *res = NULL;
	if (n == 0)
		return buf_add(out, "", 0);
	utf8proc_ssize_t len =
	    utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &res, (utf8proc_option_t)options);
	if (len < 0)
		return len == UTF8PROC_ERROR_NOMEM ? TT_ERR_NOMEM : TT_ERR_UTF8;
	tt_rc rc = buf_add(out, res, (size_t)len);
	free(res);
	return rc;
}

/* True if s (valid UTF-8) is certainly NFC already: no combining mark and
 * no code point from the blocks that hold canonical singletons, Hangul or
 * compatibility ideographs. Vietnamese text typed on a modern keyboard is
 * precomposed, so this skips utf8proc's decompose-recompose on most input. */
static int surely_nfc(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0)
			return 0;
		i += (size_t)k;
		if (cp < 0x300)
			continue;
		if (cp >= 0x0300 && cp <= 0x036F)
			return 0; /* combining diacritics, e.g. NFD Vietnamese */
		if (cp < 0x0370)
			continue;
		const utf8proc_property_t *pr = utf8proc_get_property(cp);
		if (pr->combining_class || pr->category == UTF8PROC_CATEGORY_MN ||
		    pr->category == UTF8PROC_CATEGORY_MC || pr->category == UTF8PROC_CATEGORY_ME)
			return 0;
		/* A precomposed letter is NFC unless it is a singleton or a
		 * composition exclusion; those have a canonical decomposition
		 * that does not recompose. Vietnamese letters (U+1EA0..U+1EF9,
		 * Latin-1, Latin Extended) recompose to themselves. */
		if ((cp >= 0x1EA0 && cp <= 0x1EF9) || cp < 0x0370)
			continue;
		if (pr->decomp_seqindex != UINT16_MAX && !pr->decomp_type)
			return 0;
		if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xAC00 && cp <= 0xD7A3))
			return 0;
	}
	return 1;
}

tt_rc vn_nfc(const char *s, size_t n, tt_buf *out)
{
	if (surely_nfc(s, n))
		return buf_add(out, s, n);
	return vn_map(s, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE, out);
}

/* Appends code point cp as UTF-8. */
static tt_rc put_cp(tt_buf *out, utf8proc_int32_t cp)
{
	utf8proc_uint8_t tmp[4];
	utf8proc_ssize_t k = utf8proc_encode_char(cp, tmp);
	return buf_add(out, tmp, (size_t)k);
}

/* Appends folded text, collapsing whitespace and trimming. */
static tt_rc put_collapsed(tt_buf *out, const utf8proc_uint8_t *p, utf8proc_ssize_t len, int fold_d)
{
	size_t start = out->len;
	int pending_space = 0;
	tt_rc rc = TT_OK;
	for (utf8proc_ssize_t i = 0; i < len;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p + i, len - i, &cp);
		if (k <= 0)
			return TT_ERR_UTF8;
		i += k;
		const utf8proc_property_t *prop = utf8proc_get_property(cp);
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
		    prop->category == UTF8PROC_CATEGORY_ZS) {
			pending_space = 1;
			continue;
		}
		if (fold_d && (cp == 0x0111 || cp == 0x0110 || cp == 0x00D0 || cp == 0x00F0))
			cp = 'd';
		if (pending_space && out->len > start) {
			rc = buf_addc(out, ' ');
			if (rc)
				return rc;
		}
		pending_space = 0;
		rc = put_cp(out, cp);
		if (rc)
			return rc;
	}
	return rc;
}

tt_rc vn_search_key(const char *s, size_t n, tt_buf *out)
{
	utf8proc_uint8_t *res = NULL;
	if (n == 0)
		return buf_add(out, "", 0);
	utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &res,
	                                    UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
	                                        UTF8PROC_CASEFOLD | UTF8PROC_COMPAT);
	if (len < 0)
		return len == UTF8PROC_ERROR_NOMEM ? TT_ERR_NOMEM : TT_ERR_UTF8;
	tt_rc rc = put_collapsed(out, res, len, 1);
	free(res);
	return rc;
}

/* Tone placement: the old style puts the tone on the second vowel of the
 * open diphthongs oa, oe, uy ("hoà", "uỷ"); the new style on the first
 * ("hòa", "ủy"). Both are correct. The key moves the tone to the second
 * vowel of these pairs when nothing follows them in the syllable, so both
 * spellings give one key. Works on NFD code points. */
static int is_tone_mark(utf8proc_int32_t cp)
{
	return cp == 0x0300 || cp == 0x0301 || cp == 0x0303 || cp == 0x0309 || cp == 0x0323;
}

static int is_letter(utf8proc_int32_t cp)
{
	const utf8proc_property_t *p = utf8proc_get_property(cp);
	return (p->category >= UTF8PROC_CATEGORY_LU && p->category <= UTF8PROC_CATEGORY_LO) ||
	       (p->category >= UTF8PROC_CATEGORY_MN && p->category <= UTF8PROC_CATEGORY_ME);
}

tt_rc vn_match_key(const char *s, size_t n, tt_buf *out)
{
	utf8proc_uint8_t *res = NULL;
	if (n == 0)
		return buf_add(out, "", 0);
	utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &res,
	                                    UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD);
	if (len < 0)
		return len == UTF8PROC_ERROR_NOMEM ? TT_ERR_NOMEM : TT_ERR_UTF8;
	/* Decode to code points so the tone can be moved. */
	size_t cap = (size_t)len + 1, m = 0;
	utf8proc_int32_t *cps = malloc(cap * sizeof *cps);
	tt_rc rc = TT_OK;
	if (!cps) {
		free(res);
		return TT_ERR_NOMEM;
	}
	for (utf8proc_ssize_t i = 0; i < len;) {
		utf8proc_ssize_t k = utf8proc_iterate(res + i, len - i, &cps[m]);
		if (k <= 0) {
			rc = TT_ERR_UTF8;
			goto out;
		}
		i += k;
		m++;
	}
	/* Pattern (NFD): V1 TONE V2 end-of-syllable, V1V2 in {oa, oe, uy}.
	 * Rewrite to V1 V2 TONE. "qu" + y is not a diphthong (quý), skip it. */
	for (size_t i = 0; i + 2 < m; i++) {
		utf8proc_int32_t a = cps[i], t = cps[i + 1], b = cps[i + 2];
		int pair = (a == 'o' && (b == 'a' || b == 'e')) || (a == 'u' && b == 'y');
		if (!pair || !is_tone_mark(t))
			continue;
		if (a == 'u' && i > 0 && cps[i - 1] == 'q')
			continue;
		if (i + 3 < m && is_letter(cps[i + 3]))
			continue;
		cps[i + 1] = b;
		cps[i + 2] = t;
	}
	{
		tt_buf tmp;
		buf_init(&tmp, 0);
		for (size_t i = 0; i < m && !rc; i++)
			rc = put_cp(&tmp, cps[i]);
		if (!rc) {
			tt_buf nfc;
			buf_init(&nfc, 0);
			rc = vn_nfc(tmp.data ? tmp.data : "", tmp.len, &nfc);
			if (!rc)
				rc = put_collapsed(out, (const utf8proc_uint8_t *)nfc.data,
				                   (utf8proc_ssize_t)nfc.len, 0);
			buf_free(&nfc);
		}
		buf_free(&tmp);
	}
out:
	free(cps);
	free(res);
	return rc;
}

/* Collation: compare base letters in Vietnamese alphabet order first, then
 * tones (none, grave, hook, tilde, acute, dot), then case. */

typedef struct {
	utf8proc_int32_t base, mod, tone, upper;
} vn_letter;

static size_t vn_letters(const char *s, size_t n, vn_letter *outl, size_t cap)
{
	utf8proc_uint8_t *res = NULL;
	size_t m = 0;
	if (n == 0)
		return 0;
	utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &res,
	                                    UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
	if (len < 0)
		return 0;
	for (utf8proc_ssize_t i = 0; i < len && m < cap;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(res + i, len - i, &cp);
		if (k <= 0)
			break;
		i += k;
		if (cp == 0x0306 || cp == 0x0302 || cp == 0x031B) {
			if (m)
				outl[m - 1].mod = cp;
			continue;
		}
		if (is_tone_mark(cp)) {
			if (m)
				outl[m - 1].tone = cp;
			continue;
		}
		utf8proc_int32_t lower = utf8proc_tolower(cp);
		outl[m].upper = lower != cp;
		outl[m].base = lower == 0x00F0 ? 0x0111 : lower;
		outl[m].mod = 0;
		outl[m].tone = 0;
		m++;
	}
	free(res);
	return m;
}

static int tone_rank(utf8proc_int32_t t)
{
	switch (t) {
	case 0: return 0;
	case 0x0300: return 1;
	case 0x0309: return 2;
	case 0x0303: return 3;
	case 0x0301: return 4;
	case 0x0323: return 5;
	default: return 6;
	}
}

static int letter_key(const vn_letter *l)
{
	int base = l->base;
	/* A word boundary sorts before any letter: "Hà Nội" < "Hải Phòng". */
	if (base == ' ' || base == '\t')
		return 1;
	if (base == 0x0111)
		return ('d' << 3) | 1;
	if (base >= 'a' && base <= 'z') {
		int sub = 0;
		if (base == 'a')
			sub = l->mod == 0x0306 ? 1 : l->mod == 0x0302 ? 2 : 0;
		else if (base == 'e' || base == 'o')
			sub = l->mod == 0x0302 ? 1 : l->mod == 0x031B ? 2 : 0;
		else if (base == 'u')
			sub = l->mod == 0x031B ? 1 : 0;
		return (base << 3) | sub;
	}
	return (0x200 + base) << 3;
}

int vn_collate(const char *a, size_t an, const char *b, size_t bn)
{
	enum { CAP = 512 };
	vn_letter la[CAP], lb[CAP];
	size_t na = vn_letters(a, an, la, CAP), nb = vn_letters(b, bn, lb, CAP);
	size_t n = na < nb ? na : nb;
	for (size_t i = 0; i < n; i++) {
		int ka = letter_key(&la[i]), kb = letter_key(&lb[i]);
		if (ka != kb)
			return ka < kb ? -1 : 1;
	}
	if (na != nb)
		return na < nb ? -1 : 1;
	for (size_t i = 0; i < n; i++) {
		int ta = tone_rank(la[i].tone), tb = tone_rank(lb[i].tone);
		if (ta != tb)
			return ta < tb ? -1 : 1;
	}
	for (size_t i = 0; i < n; i++)
		if (la[i].upper != lb[i].upper)
			return la[i].upper ? 1 : -1;
	return 0;
}

tt_rc vn_sort_key(const char *s, size_t n, tt_buf *out)
{
	enum { CAP = 512 };
	static const char hex[] = "0123456789abcdef";
	vn_letter *l = malloc(CAP * sizeof *l);
	if (!l)
		return TT_ERR_NOMEM;
	size_t m = vn_letters(s, n, l, CAP);
	tt_rc rc = TT_OK;
	/* Base letters, six hex digits each, then a terminator that sorts a
	 * prefix first; equal base letters mean equal lengths, so the tones and
	 * the case that follow line up letter by letter, as in vn_collate. */
	for (size_t i = 0; !rc && i <= m; i++) {
		unsigned k = i < m ? (unsigned)letter_key(&l[i]) : 0;
		char six[6];
		for (int j = 5; j >= 0; j--, k >>= 4)
			six[j] = hex[k & 0xf];
		rc = buf_add(out, six, sizeof six);
	}
	for (size_t i = 0; !rc && i < m; i++)
		rc = buf_addc(out, hex[tone_rank(l[i].tone)]);
	for (size_t i = 0; !rc && i < m; i++)
		rc = buf_addc(out, l[i].upper ? '1' : '0');
	free(l);
	return rc;
}
