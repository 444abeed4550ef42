/* symbol.c - number-and-symbol grammar and citation finding (see symbol.h).
 * Owns the tables of document type abbreviations and type names. */
#include "text/symbol.h"

#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "base/buf.h"
#include "text/date.h"
#include "text/scan.h"

/* Decree 30 appendix plus the legal normative and Party types. */
static const char *const type_abbrs[] = {
    "NQ",  "QĐ",  "CT", "QC", "QyĐ", "TC", "TB", "HD",  "CTr",  "KH",   "PA",
    "ĐA",  "DA",  "BC", "BB", "TTr", "HĐ", "CĐ", "BGN", "BTT",  "GUQ",  "GM",
    "GGT", "GNP", "PG", "PC", "PB",  "NĐ", "TT", "KL",  "TTLT", "NQLT", "CV",
};

/* Upper-cases a short UTF-8 token into out (folding Ð to Đ). */
static size_t upper_token(const char *s, size_t n, char *out, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		int32_t cp;
		i += sc_next(s, n, i, &cp);
		cp = utf8proc_toupper(cp);
		if (cp == 0x00D0)
			cp = 0x0110;
		utf8proc_uint8_t tmp[4];
		utf8proc_ssize_t k = utf8proc_encode_char(cp, tmp);
		if (k <= 0 || o + (size_t)k >= cap)
			return 0;
		memcpy(out + o, tmp, (size_t)k);
		o += (size_t)k;
	}
	out[o] = '\0';
	return o;
}

const char *sym_type_abbr(const char *tok, size_t n)
{
	char a[32], b[32];
	if (!upper_token(tok, n, a, sizeof a))
		return NULL;
	for (size_t i = 0; i < sizeof type_abbrs / sizeof type_abbrs[0]; i++) {
		const char *t = type_abbrs[i];
		if (upper_token(t, strlen(t), b, sizeof b) && !strcmp(a, b))
			return t;
	}
	return NULL;
}

static const struct {
	const char *key;
	const char *abbr;
} type_names[] = {
    {"nghi quyet lien tich", "NQLT"},
    {"thong tu lien tich", "TTLT"},
    {"chuong trinh hanh dong", "CTr"},
    {"ban thoa thuan", "BTT"},
    {"ban ghi nho", "BGN"},
    {"giay uy quyen", "GUQ"},
    {"giay gioi thieu", "GGT"},
    {"giay nghi phep", "GNP"},
    {"nghi quyet", "NQ"},
    {"quyet dinh", "QĐ"},
    {"chi thi", "CT"},
    {"quy che", "QC"},
    {"quy dinh", "QyĐ"},
    {"thong cao", "TC"},
    {"thong bao", "TB"},
    {"huong dan", "HD"},
    {"chuong trinh", "CTr"},
    {"ke hoach", "KH"},
    {"phuong an", "PA"},
    {"de an", "ĐA"},
    {"du an", "DA"},
    {"bao cao", "BC"},
    {"bien ban", "BB"},
    {"to trinh", "TTr"},
    {"hop dong", "HĐ"},
    {"cong dien", "CĐ"},
    {"giay moi", "GM"},
    {"phieu gui", "PG"},
    {"phieu chuyen", "PC"},
    {"phieu bao", "PB"},
    {"nghi dinh", "NĐ"},
    {"thong tu", "TT"},
    {"ket luan", "KL"},
    {"cong van", "CV"},
    {"van ban", "CV"},
    {"luat", "Luật"},
    {"bo luat", "Luật"},
    {"phap lenh", "PL"},
};

const char *sym_type_of_name_key(const char *key)
{
	for (size_t i = 0; i < sizeof type_names / sizeof type_names[0]; i++)
		if (!strcmp(key, type_names[i].key))
			return type_names[i].abbr;
	return NULL;
}

const char *sym_type_of_glued_key(const char *key)
{
	char a[64], b[64];
	size_t o = 0;
	for (size_t i = 0; key[i] && o + 1 < sizeof a; i++)
		if (key[i] != ' ')
			a[o++] = key[i];
	a[o] = '\0';
	for (size_t i = 0; i < sizeof type_names / sizeof type_names[0]; i++) {
		size_t q = 0;
		for (const char *k = type_names[i].key; *k && q + 1 < sizeof b; k++)
			if (*k != ' ')
				b[q++] = *k;
		b[q] = '\0';
		if (!strcmp(a, b))
			return type_names[i].abbr;
	}
	return NULL;
}

static int token_char(int32_t cp)
{
	return sc_is_letter(cp) || sc_is_digit(cp) || cp == '&';
}

/* Reads one token at s[i]: starts with a letter, then letters/digits/&.
 * A word glued to the end of an all-capital token ("TT-BNGHà Nội", the
 * place after the symbol with its space lost) is cut off: a capital
 * followed by a small letter after two or more capitals. */
static size_t read_token(const char *s, size_t n, size_t i)
{
	size_t j = i;
	int first = 1, caps = 0, small = 0;
	while (j < n) {
		int32_t cp;
		size_t k = sc_next(s, n, j, &cp);
		if (first ? !sc_is_letter(cp) : !token_char(cp))
			break;
		int up = cp < 0x80 ? cp >= 'A' && cp <= 'Z' : sc_is_upper(cp);
		if (up && caps >= 2 && !small && j + k < n) {
			int32_t nx;
			sc_next(s, n, j + k, &nx);
			if (sc_is_lower(nx))
				break;
		}
		caps += up;
		small += !up && (cp < 0x80 ? cp >= 'a' && cp <= 'z' : sc_is_lower(cp));
		first = 0;
		j += k;
	}
	return j - i;
}

typedef struct {
	size_t off, len;
	char sep; /* separator before this token, '\0' for the first */
} tok;

/* Appends s to out->text (bounded, silently truncated never: fail instead). */
static int put(sym_t *out, size_t *o, const char *s, size_t n)
{
	if (*o + n + 1 > sizeof out->text)
		return 0;
	memcpy(out->text + *o, s, n);
	*o += n;
	out->text[*o] = '\0';
	return 1;
}

/* Copies a token into text with Ð folded to Đ. */
static int put_token(sym_t *out, size_t *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		int32_t cp;
		size_t k = sc_next(s, n, i, &cp);
		if (cp == 0x00D0) {
			if (!put(out, o, "Đ", strlen("Đ")))
				return 0;
		} else if (!put(out, o, s + i, k)) {
			return 0;
		}
		i += k;
	}
	return 1;
}

static int count_upper(const char *s, size_t n)
{
	int c = 0;
	for (size_t i = 0; i < n;) {
		int32_t cp;
		i += sc_next(s, n, i, &cp);
		c += sc_is_upper(cp);
	}
	return c;
}

/* The lost hyphen: "NĐCP" is a type abbreviation glued to its issuer. Tries
 * the longest known type prefix followed by an upper-case issuer. */
static size_t glued_type_len(const char *s, size_t n)
{
	size_t best = 0;
	for (size_t i = 0; i < n;) {
		int32_t cp;
		i += sc_next(s, n, i, &cp);
		if (i >= n)
			break;
		int32_t nx;
		sc_next(s, n, i, &nx);
		if (sym_type_abbr(s, i) && sc_is_upper(nx))
			best = i;
	}
	return best;
}

size_t sym_parse(const char *s, size_t n, int flags, sym_t *out)
{
	sym_t r;
	memset(&r, 0, sizeof r);
	size_t i = 0, o = 0;
	long num = -1;
	size_t num_len = 0;
	if (i < n && s[i] >= '0' && s[i] <= '9') {
		num = sc_digits(s, n, &i, 6);
		if (num < 0)
			return 0;
		num_len = i;
	} else if (!(flags & SYM_LOOSE)) {
		return 0;
	}
	if (flags & SYM_LOOSE)
		i = sc_skip_space(s, n, i);
	if (i >= n || (s[i] != '/' && s[i] != '-'))
		return 0;
	char sep1 = s[i++];
	if (num < 0 && sep1 != '/')
		return 0;
	if (flags & SYM_LOOSE)
		i = sc_skip_space(s, n, i);
	if (sep1 == '/' && i + 5 <= n) {
		size_t j = i;
		long y = sc_digits(s, n, &j, 4);
		if (y >= 1945 && y <= 2199 && j - i == 4 && j < n && s[j] == '/') {
			r.year = (int)y;
			i = j + 1;
		}
	}
	tok toks[6];
	size_t nt = 0;
	char sep = '\0';
	for (;;) {
		size_t tl = read_token(s, n, i);
		if (!tl)
			break;
		if (nt == sizeof toks / sizeof toks[0])
			return 0;
		toks[nt].off = i;
		toks[nt].len = tl;
		toks[nt].sep = sep;
		nt++;
		i += tl;
		if (i + 1 < n && (s[i] == '-' || s[i] == '/')) {
			int32_t cp;
			sc_next(s, n, i + 1, &cp);
			if (sc_is_letter(cp)) {
				sep = s[i];
				i++;
				continue;
			}
		}
		break;
	}
	if (!nt)
		return 0;
	/* A symbol ends at a word boundary: "12/KH-UBND," but not "3/2abc". */
	if (i < n) {
		int32_t cp;
		sc_next(s, n, i, &cp);
		if (sc_is_digit(cp))
			return 0;
	}
	int upper = 0;
	for (size_t t = 0; t < nt; t++)
		upper += count_upper(s + toks[t].off, toks[t].len);
	if (upper < 2)
		return 0;
	/* The first token must read as an abbreviation (mostly capitals), so
	 * "3/Cổng" or "2/Phụ lục" is not a symbol. */
	{
		int up = count_upper(s + toks[0].off, toks[0].len), letters = 0;
		for (size_t k = 0; k < toks[0].len;) {
			int32_t cp;
			k += sc_next(s + toks[0].off, toks[0].len, k, &cp);
			letters += sc_is_letter(cp);
		}
		if (up * 2 < letters)
			return 0;
	}

	const char *type = sym_type_abbr(s + toks[0].off, toks[0].len);
	size_t glued = 0;
	if (nt == 1 && r.year) {
		glued = glued_type_len(s + toks[0].off, toks[0].len);
		if (glued)
			type = sym_type_abbr(s + toks[0].off, glued);
	}
	if (nt == 1 && !glued && !r.year && !(flags & (SYM_SINGLE | SYM_LOOSE)))
		return 0;
	if (sep1 == '-' && (nt < 2 || !type))
		return 0;
	if (type && nt == 1 && !glued && !r.year)
		type = NULL; /* "123/BC" alone: too little to call it a report */

	/* Normalised text. */
	char nb[24];
	if (num_len && !put(&r, &o, s, num_len))
		return 0;
	if (!put(&r, &o, &sep1, 1))
		return 0;
	if (r.year) {
		snprintf(nb, sizeof nb, "%d/", r.year);
		if (!put(&r, &o, nb, strlen(nb)))
			return 0;
	}
	for (size_t t = 0; t < nt; t++) {
		if (t && !put(&r, &o, &toks[t].sep, 1))
			return 0;
		if (t == 0 && glued) {
			if (!put_token(&r, &o, s + toks[0].off, glued) || !put(&r, &o, "-", 1) ||
			    !put_token(&r, &o, s + toks[0].off + glued, toks[0].len - glued))
				return 0;
		} else if (!put_token(&r, &o, s + toks[t].off, toks[t].len)) {
			return 0;
		}
	}
	/* Kind and issuer. */
	size_t io = 0;
	const char *is = NULL;
	size_t il = 0;
	if (type) {
		snprintf(r.kind, sizeof r.kind, "%s", type);
		if (glued) {
			is = s + toks[0].off + glued;
			il = toks[0].len - glued;
		} else if (nt > 1) {
			/* "02/2009/TTLT-BNG-BNV": every part after the type. */
			is = s + toks[1].off;
			il = toks[nt - 1].off + toks[nt - 1].len - toks[1].off;
		}
	} else {
		is = s + toks[0].off;
		il = toks[0].len;
	}
	if (is && il < sizeof r.issuer) {
		sym_t tmp;
		memset(&tmp, 0, sizeof tmp);
		if (put_token(&tmp, &io, is, il) && io < sizeof r.issuer) {
			memcpy(r.issuer, tmp.text, io);
			r.issuer[io] = '\0';
		}
	}
	r.number = num;
	r.len = i;
	*out = r;
	return i;
}

/* Start of the word that ends before position e (skipping spaces and
 * commas before it); returns e if there is none. */
static size_t word_before(const char *s, size_t e, size_t *word_end)
{
	size_t i = e;
	while (i > 0) {
		size_t p = sc_prev(s, i);
		int32_t cp;
		sc_next(s, i, p, &cp);
		if (!sc_is_space(cp) && cp != ':')
			break;
		i = p;
	}
	*word_end = i;
	while (i > 0) {
		size_t p = sc_prev(s, i);
		int32_t cp;
		sc_next(s, *word_end, p, &cp);
		if (!sc_is_letter(cp))
			break;
		i = p;
	}
	return i;
}

/* Looks at up to four words before a symbol for "số" and a type name.
 * Sets *start to where the citation text begins. */
static const char *type_word_before(const char *s, size_t at, size_t *start, int *saw_so)
{
	size_t we, ws = word_before(s, at, &we);
	*start = at;
	*saw_so = 0;
	if (ws == we)
		return NULL;
	size_t k = sc_word(s + ws, we - ws, "số");
	if (k && k == we - ws) {
		*saw_so = 1;
		*start = ws;
		at = ws;
	}
	const char *best = NULL;
	tt_buf kb;
	buf_init(&kb, 4096);
	size_t pos = at;
	for (int w = 1; w <= 4; w++) {
		ws = word_before(s, pos, &we);
		if (ws == we)
			break;
		pos = ws;
		const char *key = sc_key(s + ws, at - ws, &kb);
		/* The span may end in spaces; the key is trimmed. */
		const char *abbr = sym_type_of_name_key(key);
		if (abbr) {
			best = abbr;
			*start = ws;
		}
	}
	buf_free(&kb);
	return best;
}

int sym_find_citation(const char *s, size_t n, size_t from, sym_cite *out)
{
	for (size_t i = from; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			continue;
		if (i > 0) {
			int32_t pc;
			sc_next(s, n, sc_prev(s, i), &pc);
			if (sc_is_letter(pc) || sc_is_digit(pc) || pc == '/' || pc == '.' || pc == '-' ||
			    pc == ',')
				continue;
		}
		/* Most digits start no symbol; the cheap grammar check runs before
		 * the look back at the words in front. */
		sym_t sym;
		if (!sym_parse(s + i, n - i, SYM_SINGLE | SYM_LOOSE, &sym))
			continue;
		size_t start;
		int saw_so;
		const char *word = type_word_before(s, i, &start, &saw_so);
		size_t k = sym_parse(s + i, n - i, (word || saw_so) ? SYM_SINGLE : 0, &sym);
		if (!k && saw_so)
			k = sym_parse(s + i, n - i, SYM_SINGLE | SYM_LOOSE, &sym);
		if (!k || sym.number < 0)
			continue;
		sym_cite c;
		memset(&c, 0, sizeof c);
		c.sym = sym;
		c.start = word || saw_so ? start : i;
		c.end = i + k;
		if (sym.kind[0])
			c.kind = sym_type_abbr(sym.kind, strlen(sym.kind));
		if (!c.kind)
			c.kind = word ? word : "CV";
		/* The date: ", ngày 18/8/2017" or " ngày 18 tháng 8 năm 2017". */
		size_t j = sc_skip_space(s, n, c.end);
		if (j < n && s[j] == ',')
			j = sc_skip_space(s, n, j + 1);
		int y, m, d;
		size_t dl = date_parse(s + j, n - j, DATE_NEED_YEAR, &y, &m, &d);
		if (dl && sc_prefix(s + j, n - j, "ngày") && m && d) {
			c.y = y;
			c.m = m;
			c.d = d;
			c.end = j + dl;
		}
		*out = c;
		return 1;
	}
	return 0;
}
