/* scan.c - UTF-8 scanning helpers for the parser (see scan.h). */
#include "text/scan.h"

#include <string.h>
#include <utf8proc.h>

#include "text/vn.h"

size_t sc_next(const char *s, size_t n, size_t i, int32_t *cp)
{
	/* ASCII, most of any text, needs no decoder. */
	if ((unsigned char)s[i] < 0x80) {
		*cp = (unsigned char)s[i];
		return 1;
	}
	utf8proc_int32_t c;
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
	if (k <= 0) {
		*cp = (unsigned char)s[i];
		return 1;
	}
	*cp = c;
	return (size_t)k;
}

size_t sc_prev(const char *s, size_t i)
{
	size_t j = i - 1;
	while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80 && i - j < 4)
		j--;
	return j;
}

int sc_is_letter(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

int sc_is_upper(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU || utf8proc_category(cp) == UTF8PROC_CATEGORY_LT;
}

int sc_is_lower(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

int sc_is_digit(int32_t cp)
{
	return cp >= '0' && cp <= '9';
}

int sc_is_space(int32_t cp)
{
	if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\f' || cp == '\v')
		return 1;
	if (cp < 0x80)
		return 0;
	if (cp == 0xFEFF || cp == 0x200B)
		return 1;
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

size_t sc_prefix(const char *s, size_t n, const char *lit)
{
	size_t ln = strlen(lit), i = 0, j = 0;
	while (j < ln) {
		if (i >= n)
			return 0;
		int32_t a, b;
		size_t ka = sc_next(s, n, i, &a);
		size_t kb = sc_next(lit, ln, j, &b);
		if (a != b && (a < 0x80 ? !(a >= 'A' && a <= 'Z' && a + 32 == b) : utf8proc_tolower(a) != b))
			return 0;
		i += ka;
		j += kb;
	}
	return i;
}

static int boundary_at(const char *s, size_t n, size_t i)
{
	if (i >= n)
		return 1;
	int32_t cp;
	sc_next(s, n, i, &cp);
	return !sc_is_letter(cp) && !sc_is_digit(cp);
}

size_t sc_word(const char *s, size_t n, const char *lit)
{
	size_t k = sc_prefix(s, n, lit);
	if (k && boundary_at(s, n, k))
		return k;
	return 0;
}

static int word_char(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
	return sc_is_letter(cp);
}

size_t sc_find(const char *s, size_t n, size_t from, const char *lit)
{
	/* One pass: each code point is decoded once, its word-ness carried to
	 * the next position, and only a match of lit's first code point at a
	 * word start is compared in full. */
	size_t ln = strlen(lit);
	if (!ln)
		return (size_t)-1;
	int32_t first;
	sc_next(lit, ln, 0, &first);
	int prev_word = 0;
	if (from > 0 && from <= n) {
		int32_t pc;
		sc_next(s, n, sc_prev(s, from), &pc);
		prev_word = word_char(pc);
	}
	for (size_t i = from; i < n;) {
		int32_t cp;
		size_t k = sc_next(s, n, i, &cp);
		if (!prev_word &&
		    (cp == first || (cp < 0x80 ? cp >= 'A' && cp <= 'Z' && cp + 32 == first
		                               : utf8proc_tolower(cp) == first)) &&
		    sc_prefix(s + i, n - i, lit))
			return i;
		prev_word = word_char(cp);
		i += k;
	}
	return (size_t)-1;
}

size_t sc_skip_space(const char *s, size_t n, size_t i)
{
	while (i < n) {
		int32_t cp;
		size_t k = sc_next(s, n, i, &cp);
		if (!sc_is_space(cp))
			break;
		i += k;
	}
	return i;
}

void sc_trim(const char **sp, size_t *np, const char *extra)
{
	const char *s = *sp;
	size_t n = *np;
	for (;;) {
		if (!n)
			break;
		int32_t cp;
		size_t k = sc_next(s, n, 0, &cp);
		if (sc_is_space(cp) || (cp < 0x80 && extra && strchr(extra, (int)cp) && cp)) {
			s += k;
			n -= k;
			continue;
		}
		break;
	}
	while (n) {
		size_t j = sc_prev(s, n);
		int32_t cp;
		sc_next(s, n, j, &cp);
		if (sc_is_space(cp) || (cp < 0x80 && extra && strchr(extra, (int)cp) && cp)) {
			n = j;
			continue;
		}
		break;
	}
	*sp = s;
	*np = n;
}

long sc_digits(const char *s, size_t n, size_t *i, int maxd)
{
	size_t j = *i;
	long v = 0;
	int d = 0;
	while (j < n && s[j] >= '0' && s[j] <= '9') {
		if (d == maxd)
			return -1;
		v = v * 10 + (s[j] - '0');
		j++;
		d++;
	}
	if (!d)
		return -1;
	*i = j;
	return v;
}

int sc_all_upper(const char *s, size_t n)
{
	int letters = 0;
	for (size_t i = 0; i < n;) {
		int32_t cp;
		i += sc_next(s, n, i, &cp);
		if (sc_is_lower(cp))
			return 0;
		if (sc_is_letter(cp))
			letters++;
	}
	return letters > 0;
}

const char *sc_key(const char *s, size_t n, tt_buf *b)
{
	buf_reset(b);
	if (vn_search_key(s, n, b) != TT_OK || !b->data)
		return "";
	return b->data;
}

static int key_bounded(const char *key, const char *p, size_t ln)
{
	int before = p == key || !((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= '0' && p[-1] <= '9'));
	char c = p[ln];
	int after = !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
	return before && after;
}

int sc_key_has(const char *key, const char *lit)
{
	size_t ln = strlen(lit);
	for (const char *p = strstr(key, lit); p; p = strstr(p + 1, lit))
		if (key_bounded(key, p, ln))
			return 1;
	return 0;
}

int sc_key_starts(const char *key, const char *lit)
{
	size_t ln = strlen(lit);
	return !strncmp(key, lit, ln) && key_bounded(key, key, ln);
}
