/* search.c - the tokenizer, query parser, engine renderings and snippets
 * of search.h. Everything here is engine-neutral: the FTS5 tokenizer
 * (store/fts_vn.c) and the PostgreSQL tsvector both come from
 * search_tokenize, so the two engines see the same terms. */
#include "text/search.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text/vn.h"

#define TOKEN_MAX 96  /* longer words are cut (PostgreSQL lexemes stay small) */
#define SYMBOL_MAX 64 /* longer runs joined by / and - are not one symbol */

static int is_word_cp(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
	const utf8proc_property_t *p = utf8proc_get_property(cp);
	return (p->category >= UTF8PROC_CATEGORY_LU && p->category <= UTF8PROC_CATEGORY_ND) ||
	       p->category == UTF8PROC_CATEGORY_NL || p->category == UTF8PROC_CATEGORY_NO;
}

/* The code point at s[i] (and its length in *k), or -1 for a bad byte
 * (*k = 1). */
static utf8proc_int32_t cp_at(const char *s, size_t n, size_t i, size_t *k)
{
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80) {
		*k = 1;
		return c;
	}
	utf8proc_int32_t cp;
	utf8proc_ssize_t m =
	    utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
	if (m <= 0) {
		*k = 1;
		return -1;
	}
	*k = (size_t)m;
	return cp;
}

/* The end of the word starting at i (a word code point is at i). */
static size_t word_end(const char *s, size_t n, size_t i)
{
	size_t k;
	while (i < n) {
		utf8proc_int32_t cp = cp_at(s, n, i, &k);
		if (cp < 0 || !is_word_cp(cp))
			break;
		i += k;
	}
	return i;
}

/* len cut to at most TOKEN_MAX bytes, at a character boundary. */
static size_t cut(const char *s, size_t len)
{
	if (len <= TOKEN_MAX)
		return len;
	len = TOKEN_MAX;
	while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
		len--;
	return len;
}

static int starts_word(const char *s, size_t n, size_t i)
{
	size_t k;
	if (i >= n)
		return 0;
	utf8proc_int32_t cp = cp_at(s, n, i, &k);
	return cp >= 0 && is_word_cp(cp);
}

/* Appends the search key of s[0..n): ASCII lower-cased by hand (most
 * symbols, numbers and dates), the rest through vn_search_key. */
static tt_rc fold_span(const char *s, size_t n, tt_buf *out)
{
	size_t i = 0;
	while (i < n && (unsigned char)s[i] < 0x80)
		i++;
	if (i < n)
		return vn_search_key(s, n, out);
	tt_rc rc = TT_OK;
	for (i = 0; !rc && i < n; i++)
		rc = buf_addc(out, s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i]);
	return rc;
}

/* The syllables common in the genre: those found in at least 10 of the 66
 * real plans, reports and official letters of the seed documents and
 * tests/data/corpus (folded), every syllable of a province's name (today's
 * and before 1 July 2025), and the numbers of dates (0-99, 00-09, the
 * years 1990-2040). Only a pair of two of them is indexed: a phrase with
 * a rarer syllable is found from that syllable's own short posting list,
 * and the index stays smaller than the text. The list is part of the
 * index's format: changing it needs a migration that rebuilds the index
 * (a migration named search*, see store_migrate). Sorted (strcmp), for
 * bsearch. */
static const char *const common_syllables[] = {
    "0", "00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "1", "10", "11", "12", "13",
    "14", "15", "16", "17", "18", "19", "1990", "1991", "1992", "1993", "1994", "1995", "1996",
    "1997", "1998", "1999", "2", "20", "2000", "2001", "2002", "2003", "2004", "2005", "2006",
    "2007", "2008", "2009", "2010", "2011", "2012", "2013", "2014", "2015", "2016", "2017", "2018",
    "2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026", "2027", "2028", "2029", "2030",
    "2031", "2032", "2033", "2034", "2035", "2036", "2037", "2038", "2039", "2040", "21", "22",
    "23", "24", "25", "26", "27", "28", "29", "3", "30", "31", "32", "33", "34", "35", "36", "37",
    "38", "39", "4", "40", "41", "42", "43", "44", "45", "46", "47", "48", "49", "5", "50", "51",
    "52", "53", "54", "55", "56", "57", "58", "59", "6", "60", "61", "62", "63", "64", "65", "66",
    "67", "68", "69", "7", "70", "71", "72", "73", "74", "75", "76", "77", "78", "79", "8", "80",
    "81", "82", "83", "84", "85", "86", "87", "88", "89", "9", "90", "91", "92", "93", "94", "95",
    "96", "97", "98", "99", "an", "ba", "bac", "bai", "ban", "bang", "bao", "ben", "bien", "biet",
    "binh", "bo", "btttt", "ca", "cac", "cai", "can", "cao", "cap", "cau", "chau", "che", "chi",
    "chien", "chinh", "cho", "chu", "chuc", "chung", "chuong", "co", "cong", "cp", "ct", "cu",
    "cua", "cung", "da", "dak", "dan", "dang", "dao", "day", "de", "den", "dia", "dich", "dien",
    "dieu", "dinh", "do", "doan", "doc", "doi", "dong", "dung", "duoc", "duong", "duyet", "gia",
    "giai", "giam", "giang", "giao", "ha", "hai", "hanh", "hau", "hien", "hieu", "hinh", "ho",
    "hoa", "hoach", "hoat", "hoi", "hop", "hue", "hung", "huong", "huyen", "i", "kan", "ke", "kem",
    "ket", "kh", "khai", "khanh", "kien", "kinh", "kon", "ky", "la", "lai", "lak", "lam", "lang",
    "lao", "lap", "lien", "lieu", "linh", "loai", "loi", "long", "luat", "luc", "luoc", "ly",
    "manh", "mau", "minh", "muc", "nai", "nam", "nang", "nay", "nd", "ngai", "nganh", "ngay",
    "nghe", "nghi", "nghia", "ngoai", "nguoi", "nguyen", "nha", "nhan", "nhap", "nhat", "nhiem",
    "nhu", "nhung", "ninh", "noi", "nong", "nuoc", "pham", "phap", "phat", "phe", "pho", "phong",
    "phu", "phuc", "phuoc", "phuong", "qd", "qua", "quan", "quang", "quoc", "quy", "quyen", "quyet",
    "ria", "sach", "sau", "so", "soc", "son", "su", "tac", "tai", "tang", "tau", "tay", "te",
    "thai", "tham", "thang", "thanh", "thap", "the", "theo", "thi", "tho", "thong", "thu", "thuan",
    "thuc", "thuoc", "thuong", "tich", "tien", "tiep", "tieu", "tin", "tinh", "to", "tra", "trach",
    "trang", "tre", "tren", "tri", "trien", "trinh", "trong", "truc", "trung", "truong", "truyen",
    "tt", "ttg", "ttr", "tu", "tuc", "tum", "tuong", "tuyen", "ubnd", "uong", "uy", "va", "van",
    "ve", "vi", "viec", "viet", "vinh", "voi", "vu", "vuc", "vung", "xa", "xay", "xet", "yen",
    "yeu",
};
#define NCOMMON (sizeof common_syllables / sizeof common_syllables[0])

static int common_cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/* 1 when the folded syllable s[0..n) is in common_syllables. */
static int is_common(const char *s, size_t n)
{
	char k[16];
	if (n >= sizeof k)
		return 0;
	memcpy(k, s, n);
	k[n] = '\0';
	return bsearch(k, common_syllables, NCOMMON, sizeof common_syllables[0], common_cmp) != NULL;
}

int search_pair_indexed(const char *a, const char *b)
{
	return is_common(a, strlen(a)) && is_common(b, strlen(b));
}

/* Words seen lately with their folded and exact forms, per thread: text
 * repeats a few thousand syllables, and folding one through utf8proc costs
 * two allocations. Cleared when it fills. */
#define CACHE_SLOTS 8192
#define CACHE_WORD 40
typedef struct {
	unsigned char nraw, nkey, nexact, common; /* nraw 0: empty */
	char raw[CACHE_WORD], key[CACHE_WORD], exact[CACHE_WORD + 8];
} cache_slot;
typedef struct {
	size_t used;
	cache_slot slot[CACHE_SLOTS];
} word_cache;

static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;

static void cache_key_make(void)
{
	pthread_key_create(&cache_key, free);
}

/* This thread's cache (freed when the thread ends), or NULL. */
static word_cache *cache_get(void)
{
	pthread_once(&cache_once, cache_key_make);
	word_cache *c = pthread_getspecific(cache_key);
	if (!c && (c = calloc(1, sizeof *c)) && pthread_setspecific(cache_key, c)) {
		free(c);
		c = NULL;
	}
	return c;
}

static uint32_t hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Folds s[0..n) into key and its exact form into exact (both reset first):
 * "~" + match key, or nothing when that equals the folded form (always
 * nothing for ASCII). *common: whether the folded form is a common
 * syllable. */
static tt_rc fold(const char *s, size_t n, tt_buf *key, tt_buf *exact, int *common)
{
	buf_reset(key);
	buf_reset(exact);
	size_t i = 0;
	while (i < n && (unsigned char)s[i] < 0x80)
		i++;
	cache_slot *slot = NULL;
	word_cache *cache = n < CACHE_WORD ? cache_get() : NULL;
	uint32_t h = cache ? hash(s, n) : 0;
	if (cache) {
		for (uint32_t j = h;; j++) {
			slot = &cache->slot[j % CACHE_SLOTS];
			if (!slot->nraw)
				break;
			if (slot->nraw == n && !memcmp(slot->raw, s, n)) {
				*common = slot->common;
				tt_rc rc = buf_add(key, slot->key, slot->nkey);
				if (!rc && slot->nexact)
					rc = buf_add(exact, slot->exact, slot->nexact);
				return rc;
			}
		}
	}
	tt_rc rc = i == n ? fold_span(s, n, key) : vn_search_key(s, n, key);
	if (!rc && i < n) {
		if ((rc = buf_adds(exact, "~")) || (rc = vn_match_key(s, n, exact)))
			return rc;
		if (exact->len - 1 == key->len && !memcmp(exact->data + 1, key->data, key->len))
			buf_reset(exact);
	}
	if (rc)
		return rc;
	*common = is_common(key->data ? key->data : "", key->len);
	if (slot && key->len < CACHE_WORD && exact->len < sizeof slot->exact) {
		if (cache->used >= CACHE_SLOTS * 3 / 4) {
			memset(cache, 0, sizeof *cache);
			slot = &cache->slot[h % CACHE_SLOTS];
		}
		memcpy(slot->raw, s, n);
		if (key->len) /* a word may fold to nothing (a lone combining mark) */
			memcpy(slot->key, key->data, key->len);
		if (exact->len)
			memcpy(slot->exact, exact->data, exact->len);
		slot->nraw = (unsigned char)n;
		slot->nkey = (unsigned char)key->len;
		slot->nexact = (unsigned char)exact->len;
		slot->common = (unsigned char)*common;
		cache->used++;
	}
	return TT_OK;
}

/* The exact forms a text has given so far: a search only asks whether a
 * text holds a word as typed, so each exact form is indexed once per text
 * (at its first place), which keeps the index small. */
typedef struct {
	uint64_t *h; /* 0 = empty slot */
	size_t cap, n;
} seen_set;

/* 1 when the hash of tok[0..n) was not in the set (now added), 0 when it
 * was, -1 when memory ran out. */
static int seen_add(seen_set *set, const char *tok, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)tok[i]) * 1099511628211ull;
	h |= 1;
	if (2 * (set->n + 1) > set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 256;
		uint64_t *t = calloc(cap, sizeof *t);
		if (!t)
			return -1;
		for (size_t i = 0; i < set->cap; i++)
			if (set->h[i])
				for (size_t j = set->h[i] % cap;; j = (j + 1) % cap)
					if (!t[j]) {
						t[j] = set->h[i];
						break;
					}
		free(set->h);
		set->h = t;
		set->cap = cap;
	}
	for (size_t j = h % set->cap;; j = (j + 1) % set->cap) {
		if (set->h[j] == h)
			return 0;
		if (!set->h[j]) {
			set->h[j] = h;
			set->n++;
			return 1;
		}
	}
}

int search_tokenize(const char *s, size_t n, unsigned flags, search_token_fn fn, void *arg)
{
	seen_set seen = {NULL, 0, 0};
	tt_buf key, exact, prev, pair, sym;
	buf_init(&key, 0);
	buf_init(&exact, 0);
	buf_init(&prev, 0);
	buf_init(&pair, 0);
	buf_init(&sym, 0);
	int words_only = (flags & SEARCH_TOK_WORDS) != 0, r = 0, prev_common = 0;
	int exact_only = (flags & SEARCH_TOK_EXACT) != 0, no_exact = (flags & SEARCH_TOK_NO_EXACT) != 0;
	size_t i = 0, sym_end = 0;
	while (i < n && !r) {
		size_t k;
		utf8proc_int32_t cp = cp_at(s, n, i, &k);
		if (cp < 0 || !is_word_cp(cp)) {
			i += k;
			continue;
		}
		size_t e = word_end(s, n, i);
		int common = 0;
		tt_rc rc = fold(s + i, e - i, &key, &exact, &common);
		if (rc) {
			r = -(int)rc;
			break;
		}
		size_t klen = cut(key.data, key.len);
		if (!klen || key.data[0] == '~' || key.data[0] == '_') {
			i = e;
			continue;
		}
		if (!exact_only && (r = fn(arg, 0, key.data, klen, i, e)))
			break;
		if (!words_only) {
			size_t elen = no_exact || !exact.len ? 0 : cut(exact.data, exact.len);
			int fresh = elen ? seen_add(&seen, exact.data, elen) : 0;
			if (fresh < 0) {
				r = -(int)TT_ERR_NOMEM;
				break;
			}
			if (fresh && (r = fn(arg, !exact_only, exact.data, elen, i, e)))
				break;
			if (exact_only) {
				i = e;
				continue;
			}
			if (prev_common && common) {
				buf_reset(&pair);
				if (buf_addc(&pair, '_') || buf_add(&pair, prev.data, prev.len) ||
				    buf_addc(&pair, '_') || buf_add(&pair, key.data, klen)) {
					r = -(int)TT_ERR_NOMEM;
					break;
				}
				if ((r = fn(arg, 1, pair.data, pair.len, i, e)))
					break;
			}
			/* A symbol starts here: words joined by '/' or '-'. */
			if (i >= sym_end && e < n && (s[e] == '/' || s[e] == '-') &&
			    starts_word(s, n, e + 1)) {
				size_t j = e;
				while (j < n && (s[j] == '/' || s[j] == '-') && starts_word(s, n, j + 1))
					j = word_end(s, n, j + 1);
				sym_end = j;
				if (j - i <= SYMBOL_MAX) {
					buf_reset(&sym);
					if ((rc = fold_span(s + i, j - i, &sym))) {
						r = -(int)rc;
						break;
					}
					if (sym.len && (r = fn(arg, 1, sym.data, sym.len, i, j)))
						break;
				}
			}
			buf_reset(&prev);
			prev_common = common && klen == key.len;
			if (buf_add(&prev, key.data, klen)) {
				r = -(int)TT_ERR_NOMEM;
				break;
			}
		}
		i = e;
	}
	free(seen.h);
	buf_free(&key);
	buf_free(&exact);
	buf_free(&prev);
	buf_free(&pair);
	buf_free(&sym);
	return r;
}

/* ---- the query ---- */

typedef struct {
	tt_arena *a;
	const char **key, **exact;
	size_t n, cap;
	/* symbols found in a bare term, and the end of the last one */
	const char *sym[SEARCH_QUERY_MAX_TERMS];
	size_t sym_start[SEARCH_QUERY_MAX_TERMS];
	size_t nsym, sym_end;
	size_t word_start[64];
	int in_phrase;
	tt_rc rc;
} collect;

static int collect_token(void *arg, int colocated, const char *tok, size_t len, size_t start, size_t end)
{
	collect *c = arg;
	if (!colocated) {
		if (!c->in_phrase && start < c->sym_end)
			return 0; /* a part of a symbol: the symbol is the term */
		if (c->n == c->cap)
			return c->rc = TT_ERR_PARSE, 1;
		if (!(c->key[c->n] = arena_strndup(c->a, tok, len)))
			return c->rc = TT_ERR_NOMEM, 1;
		c->exact[c->n] = NULL;
		c->word_start[c->n] = start;
		c->n++;
		return 0;
	}
	if (tok[0] == '~') {
		if (c->n && c->word_start[c->n - 1] == start &&
		    !(c->exact[c->n - 1] = arena_strndup(c->a, tok, len)))
			return c->rc = TT_ERR_NOMEM, 1;
		return 0;
	}
	if (tok[0] == '_')
		return 0;
	/* A symbol: it replaces the word just collected (its first part);
	 * in a phrase it is only noted (a phrase of one symbol is that
	 * symbol). */
	if (c->nsym == SEARCH_QUERY_MAX_TERMS) {
		if (c->in_phrase)
			return 0; /* a phrase of many symbols stays a phrase */
		return c->rc = TT_ERR_PARSE, 1;
	}
	if (!(c->sym[c->nsym] = arena_strndup(c->a, tok, len)))
		return c->rc = TT_ERR_NOMEM, 1;
	c->sym_start[c->nsym++] = start;
	c->sym_end = end;
	if (!c->in_phrase && c->n && c->word_start[c->n - 1] == start)
		c->n--;
	return 0;
}

static tt_rc add_term(search_query *q, tt_arena *a, search_term_kind kind, const char **key,
                      const char **exact, size_t n)
{
	if (q->n == SEARCH_QUERY_MAX_TERMS)
		return TT_ERR_PARSE;
	search_term *t = &q->terms[q->n++];
	t->kind = kind;
	t->n = n;
	t->key = arena_alloc(a, n * sizeof *t->key);
	t->exact = arena_alloc(a, n * sizeof *t->exact);
	if (!t->key || !t->exact)
		return TT_ERR_NOMEM;
	memcpy(t->key, key, n * sizeof *key);
	memcpy(t->exact, exact, n * sizeof *exact);
	return TT_OK;
}

/* One quoted phrase or one bare term (s[0..n)) into terms of q. */
static tt_rc parse_piece(search_query *q, tt_arena *a, const char *s, size_t n, int phrase, int prefix)
{
	const char *key[64], *exact[64];
	collect c = {.a = a, .key = key, .exact = exact, .cap = 64, .in_phrase = phrase};
	int r = search_tokenize(s, n, 0, collect_token, &c);
	if (r < 0)
		return (tt_rc)-r;
	if (r)
		return c.rc;
	if (phrase) {
		if (c.n == 0)
			return TT_OK;
		/* "215/KH-UBND" in quotes: the symbol, its words and nothing else */
		if (c.nsym == 1 && c.sym_start[0] == c.word_start[0] && c.word_start[c.n - 1] < c.sym_end) {
			const char *none = NULL;
			return add_term(q, a, SEARCH_SYMBOL, &c.sym[0], &none, 1);
		}
		return add_term(q, a, c.n == 1 ? SEARCH_WORD : SEARCH_PHRASE, key, exact, c.n);
	}
	/* Words and symbols in the order they were typed. */
	size_t wi = 0, si = 0;
	tt_rc rc = TT_OK;
	while (!rc && (wi < c.n || si < c.nsym)) {
		if (si < c.nsym && (wi == c.n || c.sym_start[si] < c.word_start[wi])) {
			const char *none = NULL;
			rc = add_term(q, a, SEARCH_SYMBOL, &c.sym[si], &none, 1);
			si++;
		} else {
			int last = wi + 1 == c.n && si == c.nsym;
			rc = add_term(q, a, prefix && last ? SEARCH_PREFIX : SEARCH_WORD, &key[wi],
			              &exact[wi], 1);
			wi++;
		}
	}
	return rc;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

tt_rc search_query_parse(tt_arena *a, const char *q, search_query *out)
{
	if (!q)
		return TT_ERR_INVALID;
	size_t len = strlen(q), chars = 0;
	if (vn_utf8_validate(q, len, NULL))
		return TT_ERR_UTF8;
	for (size_t i = 0; i < len; i++)
		chars += ((unsigned char)q[i] & 0xC0) != 0x80;
	if (chars > SEARCH_QUERY_MAX_CHARS)
		return TT_ERR_TOO_LARGE;
	tt_buf nfc;
	buf_init(&nfc, 0);
	tt_rc rc = vn_nfc(q, len, &nfc);
	if (!rc)
		rc = buf_addc(&nfc, '\0');
	search_query r = {.terms = arena_alloc(a, SEARCH_QUERY_MAX_TERMS * sizeof *r.terms)};
	if (!rc && !r.terms)
		rc = TT_ERR_NOMEM;
	const char *s = nfc.data;
	size_t n = rc ? 0 : nfc.len - 1, i = 0;
	int blank = 1;
	while (!rc && i < n) {
		if (is_space(s[i])) {
			i++;
			continue;
		}
		blank = 0;
		if (s[i] == '"') {
			size_t j = i + 1;
			while (j < n && s[j] != '"')
				j++;
			rc = parse_piece(&r, a, s + i + 1, j - i - 1, 1, 0);
			i = j < n ? j + 1 : j;
			continue;
		}
		size_t j = i;
		while (j < n && !is_space(s[j]) && s[j] != '"')
			j++;
		rc = parse_piece(&r, a, s + i, j - i, 0, s[j - 1] == '*');
		i = j;
	}
	buf_free(&nfc);
	if (!rc && blank)
		rc = TT_ERR_INVALID;
	if (!rc && !r.n)
		rc = TT_ERR_PARSE;
	if (!rc)
		*out = r;
	return rc;
}

/* ---- the query for each engine ---- */

typedef struct {
	const char *open, *close, *prefix, *and, *follow;
} dialect;

static const dialect fts5 = {"\"", "\"", "*", " AND ", " "};
static const dialect tsq = {"'", "'", ":*", " & ", " <-> "};

static tt_rc put_token(tt_buf *b, const dialect *d, const char *tok)
{
	tt_rc rc = buf_adds(b, d->open);
	for (const char *p = tok; !rc && *p; p++) {
		/* Tokens hold no quotes or backslashes; double them anyway. */
		if (*p == d->close[0] || *p == '\\')
			rc = buf_addc(b, *p);
		if (!rc)
			rc = buf_addc(b, *p);
	}
	return rc ? rc : buf_adds(b, d->close);
}

/* A phrase as tokens at consecutive positions: at each word after the
 * first, the pair ending there when the index holds it (both words
 * common), else the word itself; the first word stands first unless the
 * first pair covers it. In FTS5 one quoted string, in a tsquery the tokens
 * joined by <->. */
static tt_rc put_phrase(tt_buf *b, const dialect *d, const search_term *t, tt_arena *a)
{
	tt_rc rc = d == &fts5 ? buf_adds(b, "\"") : TT_OK;
	int first = 1;
	for (size_t i = 0; !rc && i < t->n; i++) {
		const char *tok = t->key[i];
		if (i + 1 < t->n && i == 0 && search_pair_indexed(t->key[0], t->key[1]))
			continue; /* the first pair stands for the first word */
		if (i > 0 && search_pair_indexed(t->key[i - 1], t->key[i]) &&
		    !(tok = arena_printf(a, "_%s_%s", t->key[i - 1], t->key[i])))
			return TT_ERR_NOMEM;
		if (d == &fts5)
			rc = first ? buf_adds(b, tok) : buf_printf(b, " %s", tok);
		else {
			if (!first)
				rc = buf_adds(b, d->follow);
			if (!rc)
				rc = put_token(b, d, tok);
		}
		first = 0;
	}
	return !rc && d == &fts5 ? buf_adds(b, "\"") : rc;
}

static tt_rc render(tt_arena *a, const search_query *q, const dialect *d, const char **match,
                    const char **exact)
{
	tt_buf m, e;
	buf_init(&m, 0);
	buf_init(&e, 0);
	tt_rc rc = TT_OK;
	for (size_t i = 0; !rc && i < q->n; i++) {
		const search_term *t = &q->terms[i];
		if (i)
			rc = buf_adds(&m, d->and);
		if (rc)
			break;
		if (t->kind == SEARCH_PHRASE)
			rc = put_phrase(&m, d, t, a);
		else if (!(rc = put_token(&m, d, t->key[0])) && t->kind == SEARCH_PREFIX)
			rc = buf_adds(&m, d->prefix);
		for (size_t j = 0; !rc && t->kind != SEARCH_PREFIX && j < t->n; j++)
			if (t->exact[j] && !(rc = e.len ? buf_adds(&e, d->and) : TT_OK))
				rc = put_token(&e, d, t->exact[j]);
	}
	if (!rc) {
		*match = arena_strndup(a, m.data ? m.data : "", m.len);
		*exact = e.len ? arena_strndup(a, e.data, e.len) : NULL;
		if (!*match || (e.len && !*exact))
			rc = TT_ERR_NOMEM;
	}
	buf_free(&m);
	buf_free(&e);
	return rc;
}

tt_rc search_query_fts5(tt_arena *a, const search_query *q, const char **match, const char **exact)
{
	return render(a, q, &fts5, match, exact);
}

tt_rc search_query_tsquery(tt_arena *a, const search_query *q, const char **match, const char **exact)
{
	return render(a, q, &tsq, match, exact);
}

/* ---- the PostgreSQL tsvector ---- */

typedef struct {
	tt_buf *out;
	int pos; /* the position of the last main token */
	char weight;
	int full;
} tsv_state;

static int tsv_token(void *arg, int colocated, const char *tok, size_t len, size_t start, size_t end)
{
	tsv_state *t = arg;
	if ((!colocated && ++t->pos > SEARCH_TSV_MAX_POS) || t->out->len > SEARCH_TSV_MAX_BYTES)
		return t->full = 1, 1;
	tt_rc rc = t->out->len ? buf_addc(t->out, ' ') : TT_OK;
	if (!rc)
		rc = buf_addc(t->out, '\'');
	for (size_t i = 0; !rc && i < len; i++) {
		if (tok[i] == '\'' || tok[i] == '\\')
			rc = buf_addc(t->out, tok[i]);
		if (!rc)
			rc = buf_addc(t->out, tok[i]);
	}
	if (!rc)
		rc = t->weight ? buf_printf(t->out, "':%d%c", t->pos, t->weight)
		               : buf_printf(t->out, "':%d", t->pos);
	return rc ? -(int)rc : 0;
}

tt_rc search_tsvector(const char *title, const char *body, tt_buf *out)
{
	tsv_state t = {.out = out, .weight = 'A'};
	int r = title ? search_tokenize(title, strlen(title), 0, tsv_token, &t) : 0;
	if (r < 0)
		return (tt_rc)-r;
	if (t.full || !body)
		return TT_OK;
	t.weight = 0;
	t.pos++; /* no pair crosses from the title into the body */
	r = search_tokenize(body, strlen(body), 0, tsv_token, &t);
	return r < 0 ? (tt_rc)-r : TT_OK;
}

/* ---- snippets ---- */

typedef struct {
	size_t start, end;
	size_t key, nkey; /* its folded form in hl_state.keys */
	int hit;
} hl_word;

typedef struct {
	const search_query *q;
	hl_word *w;
	size_t n, cap;
	tt_buf keys;
	size_t first_hit;  /* index + 1; 0 = none yet */
	size_t window;     /* words wanted after the first hit (0: all) */
	size_t mark_until; /* bytes of a matched symbol */
} hl_state;

static int term_hits(const search_query *q, const char *tok, size_t len)
{
	for (size_t i = 0; i < q->n; i++) {
		const search_term *t = &q->terms[i];
		if (t->kind == SEARCH_SYMBOL || t->kind == SEARCH_PHRASE)
			continue; /* a phrase's words are marked only together */
		for (size_t j = 0; j < t->n; j++) {
			size_t kl = strlen(t->key[j]);
			if (t->kind == SEARCH_PREFIX ? kl <= len && !memcmp(tok, t->key[j], kl)
			                             : kl == len && !memcmp(tok, t->key[j], kl))
				return 1;
		}
	}
	return 0;
}

static int symbol_hits(const search_query *q, const char *tok, size_t len)
{
	for (size_t i = 0; i < q->n; i++)
		if (q->terms[i].kind == SEARCH_SYMBOL && strlen(q->terms[i].key[0]) == len &&
		    !memcmp(q->terms[i].key[0], tok, len))
			return 1;
	return 0;
}

/* Marks the words of each phrase of the query that ends at the word just
 * added. */
static void phrase_hits(hl_state *h)
{
	for (size_t i = 0; i < h->q->n; i++) {
		const search_term *t = &h->q->terms[i];
		if (t->kind != SEARCH_PHRASE || t->n > h->n)
			continue;
		size_t first = h->n - t->n, j = 0;
		for (; j < t->n; j++) {
			const hl_word *w = &h->w[first + j];
			if (strlen(t->key[j]) != w->nkey || memcmp(t->key[j], h->keys.data + w->key, w->nkey))
				break;
		}
		if (j < t->n)
			continue;
		for (j = 0; j < t->n; j++)
			h->w[first + j].hit = 1;
		if (!h->first_hit || h->first_hit > first + 1)
			h->first_hit = first + 1;
	}
}

static int hl_token(void *arg, int colocated, const char *tok, size_t len, size_t start, size_t end)
{
	hl_state *h = arg;
	if (colocated) {
		if (tok[0] != '~' && tok[0] != '_' && symbol_hits(h->q, tok, len)) {
			h->mark_until = end;
			h->w[h->n - 1].hit = 1;
			if (!h->first_hit)
				h->first_hit = h->n;
		}
		return 0;
	}
	if (h->window && h->first_hit && h->n >= h->first_hit + h->window)
		return 1;
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 256;
		hl_word *w = realloc(h->w, cap * sizeof *w);
		if (!w)
			return -(int)TT_ERR_NOMEM;
		h->w = w;
		h->cap = cap;
	}
	hl_word *w = &h->w[h->n++];
	w->start = start;
	w->end = end;
	w->key = h->keys.len;
	w->nkey = len;
	if (buf_add(&h->keys, tok, len))
		return -(int)TT_ERR_NOMEM;
	w->hit = start < h->mark_until || term_hits(h->q, tok, len);
	if (w->hit && !h->first_hit)
		h->first_hit = h->n;
	phrase_hits(h);
	return 0;
}

static tt_rc put_escaped(tt_buf *b, const char *s, size_t n, int *space)
{
	tt_rc rc = TT_OK;
	for (size_t i = 0; !rc && i < n; i++) {
		char c = s[i];
		if (is_space(c)) {
			*space = 1;
			continue;
		}
		if (*space && b->len)
			rc = buf_addc(b, ' ');
		*space = 0;
		if (rc)
			break;
		switch (c) {
		case '&': rc = buf_adds(b, "&amp;"); break;
		case '<': rc = buf_adds(b, "&lt;"); break;
		case '>': rc = buf_adds(b, "&gt;"); break;
		case '"': rc = buf_adds(b, "&quot;"); break;
		case '\'': rc = buf_adds(b, "&#39;"); break;
		default: rc = buf_addc(b, c);
		}
	}
	return rc;
}

tt_rc search_highlight(tt_arena *a, const char *text, const search_query *q, size_t words, const char **out)
{
	size_t n = text ? strlen(text) : 0;
	hl_state h = {.q = q, .window = words};
	buf_init(&h.keys, 0);
	int r = search_tokenize(text ? text : "", n, 0, hl_token, &h);
	tt_rc rc = r < 0 ? (tt_rc)-r : TT_OK;
	tt_buf b;
	buf_init(&b, 0);
	size_t from = 0, to = h.n; /* word indexes [from, to) */
	if (words) {
		size_t hit = h.first_hit ? h.first_hit - 1 : 0, before = words / 3;
		from = hit > before ? hit - before : 0;
		to = from + words < h.n ? from + words : h.n;
	}
	int space = 0;
	if (!rc && from > 0)
		rc = buf_adds(&b, "… ");
	/* The whole text keeps what comes before its first word. */
	size_t pos = !words ? 0 : from < h.n ? h.w[from].start : n;
	for (size_t i = from; !rc && i < to; i++) {
		rc = put_escaped(&b, text + pos, h.w[i].start - pos, &space);
		if (!rc && space && b.len && (b.len < 4 || strcmp(b.data + b.len - 4, "… ")))
			rc = buf_addc(&b, ' ');
		space = 0;
		if (!rc && h.w[i].hit)
			rc = buf_adds(&b, "<mark>");
		if (!rc)
			rc = put_escaped(&b, text + h.w[i].start, h.w[i].end - h.w[i].start, &space);
		if (!rc && h.w[i].hit)
			rc = buf_adds(&b, "</mark>");
		pos = h.w[i].end;
	}
	if (!rc && !words && pos < n)
		rc = put_escaped(&b, text + pos, n - pos, &space);
	if (!rc && words && to < h.n)
		rc = buf_adds(&b, " …");
	if (!rc) {
		*out = arena_strndup(a, b.data ? b.data : "", b.len);
		if (!*out)
			rc = TT_ERR_NOMEM;
	}
	buf_free(&b);
	buf_free(&h.keys);
	free(h.w);
	return rc;
}
