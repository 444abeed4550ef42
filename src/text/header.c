/* header.c - the header of an administrative document: its zone and one
 * extractor per field.
 *
 * Hand-offs: parse.c gives cleaned, reflowed lines (pline). hdr_read() scans
 * the header zone (the lines above the type name or the first body line;
 * the chrome of a web page is skipped), then runs the extractors in order:
 * symbol (header_symbol), place and date (header_date), kind, title
 * (read_title, or news_headline for text that is no document). Each records
 * in d->origin the rule that produced its field and the line it came from.
 * The words each rule looks for are data: the tables at the top. Portal
 * copies break the printed layout: the header table flattened into lines
 * with "|" between cells (split in parse.c), "Số:" and the symbol on two
 * lines, the place or the date broken over two lines ("Bình" / "Dương,
 * ngày 19 ...", "Lào Cai, ngày 29" / "tháng 01 năm 2021"), the title over
 * several lines and followed by the issuer in capitals, a news paragraph or
 * page furniture above it all. */
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "text/date.h"
#include "text/parse_int.h"
#include "text/scan.h"
#include "text/symbol.h"

/* ---- vocabulary --------------------------------------------------------- */

/* Lines that open the body: the header ends above them. */
static const char *const body_starts[] = {"căn cứ",  "thực hiện", "kính gửi", "theo ",      "phúc đáp",
                                          "trả lời", "nhằm",      "để ",      "xét đề nghị"};

/* Page furniture of portals and web pages (search keys, matched as a prefix
 * of the line's key). */
static const char *const chrome[] = {
    "skip ribbon commands",
    "skip to main content",
    "sign in",
    "sharepoint",
    "nhay den noi dung",
    "tim kiem",
    "lien ket website",
    "dang nhap",
    "a- a a+",
    "tang tuong phan",
    "giam tuong phan",
    "xem voi co chu",
    "dang tai",
    "dich vu doanh nghiep online",
    "he thong phap luat",
    "tu khoa",
    "chia se",
    "banner",
    "chung nhan tin nhiem mang",
    "trang chu",
    "in bai",
    "ban in",
    "cong thong tin dien tu",
};

/* Weekdays: "Thứ hai, ngày 23/09/2019" is a page's dateline, not a place. */
static const char *const weekdays[] = {"thu hai", "thu ba",   "thu tu", "thu nam", "thu sau",
                                       "thu bay", "chu nhat", "thu 2",  "thu 3",   "thu 4",
                                       "thu 5",   "thu 6",    "thu 7"};

/* Header lines that are no part of a place broken over two lines. */
static const char *const not_place[] = {"cong hoa", "doc lap",  "du thao",  "so",
                                        "v/v",      "kinh gui", "noi nhan", "ngay"};

/* The issuing body or its head in capitals under a title ("ỦY BAN NHÂN DÂN
 * TỈNH TRÀ VINH", "CHỦ TỊCH ỦY BAN NHÂN DÂN ..."): the title ends above. */
static const char *const issuer_heads[] = {
    "uy ban nhan",     "chu tich",        "hoi dong nhan dan", "bo truong",     "giam doc",
    "thu tuong",       "truong ban",      "ban thuong vu",     "ban chap hanh", "cuc truong",
    "tong cuc truong", "chanh van phong", "ban chi dao",       "thuong truc",
};

/* Words that, after the type name on its line, name the issuer rather
 * than open the summary ("QUYẾT ĐỊNH CỦA BỘ TRƯỞNG BỘ VĂN HÓA - THÔNG TIN"). */
static const char *const type_then_issuer[] = {"của"};

/* Words a news dateline may hold besides its date and time ("Thứ ba -
 * 28/03/2023 08:26 Đã xem: 417 Phản hồi: 0"), as search-key words. */
static const char *const dateline_ok[] = {"thu",  "hai", "ba",   "tu",   "nam", "sau",  "bay", "chu",
                                          "nhat", "cap", "ngay", "dang", "luc", "gio",  "gmt", "cn",
                                          "sa",   "ch",  "am",   "pm",   "h",   "xuat", "ban", "tin",
                                          "bai",  "da",  "xem",  "phan", "hoi", "luot"};

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

/* ---- helpers ------------------------------------------------------------ */

static int key_starts_any(const char *key, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (sc_key_starts(key, list[i]))
			return 1;
	return 0;
}

static int is_chrome(pctx *c, const pline *l)
{
	if (l->n > 80)
		return 0;
	return key_starts_any(sc_key(l->s, l->n, &c->kb), chrome, COUNT(chrome));
}

static void set_origin(pctx *c, doc_field f, const char *rule, size_t li)
{
	c->d->origin[f].rule = rule;
	c->d->origin[f].line = li < c->nl ? c->L[li].row + 1 : 0;
}

int hdr_body_starter(pctx *c, const pline *l)
{
	for (size_t i = 0; i < COUNT(body_starts); i++)
		if (sc_prefix(l->s, l->n, body_starts[i]))
			return 1;
	return body_heading_start(l);
}

/* ---- symbol ------------------------------------------------------------- */

static int take_symbol(pctx *c, size_t li, size_t at, const char *rule)
{
	const pline *l = &c->L[li];
	sym_t sym;
	if (at >= l->n || !sym_parse(l->s + at, l->n - at, SYM_LOOSE | SYM_SINGLE, &sym))
		return 0;
	doc *d = c->d;
	d->symbol = doc_strndup(d, sym.text, strlen(sym.text));
	d->number = sym.number;
	if (sym.issuer[0])
		d->issuer_code = doc_strndup(d, sym.issuer, strlen(sym.issuer));
	c->symbol_line = li;
	c->symbol_end = at + sym.len;
	set_origin(c, DOC_F_SYMBOL, rule, li);
	return sym.kind[0] ? 1 : 2;
}

/* The "Số: 215/KH-UBND" of the document itself. "Số:" opens its line
 * (columns were split); "số" inside a sentence cites another document. A
 * bare "Số:" takes the symbol from the next line. Returns 1 for a symbol
 * with a type part, 2 without (an official letter), 0 for none. */
static int header_symbol(pctx *c, size_t li)
{
	const pline *l = &c->L[li];
	size_t j = sc_word(l->s, l->n, "số");
	if (!j || l->s[0] != 'S')
		return 0;
	j = sc_skip_space(l->s, l->n, j);
	if (j < l->n && (l->s[j] == ':' || l->s[j] == '.'))
		j = sc_skip_space(l->s, l->n, j + 1);
	else if (j < l->n && !(l->s[j] >= '0' && l->s[j] <= '9') && l->s[j] != '/')
		return 0;
	if (j < l->n)
		return take_symbol(c, li, j, "symbol on the \"Số:\" line");
	if (li + 1 < c->nl && !c->L[li + 1].footnote)
		return take_symbol(c, li + 1, 0, "symbol on the line under a bare \"Số:\"");
	return 0;
}

/* ---- place and date ------------------------------------------------------ */

typedef struct {
	int y, m, d;
	const char *place;
	size_t pn;
} placedate;

/* "Kon Tum, ngày 28 tháng 01 năm 2019" in s[0..n): the line ends with the
 * date, and the place is what precedes ", ngày" from offset from on. */
static int place_date(pctx *c, const char *s, size_t n, size_t from, placedate *out)
{
	for (size_t at = 0; (at = sc_find(s, n, at, "ngày")) != NONE; at++) {
		int y, m, dd;
		size_t k = date_parse(s + at, n - at, DATE_NEED_YEAR, &y, &m, &dd);
		if (!k)
			continue;
		/* The place-and-date line is short and ends with the date; a date
		 * inside a sentence belongs to something else. */
		const char *rest = s + at + k;
		size_t rn = n - at - k;
		sc_trim(&rest, &rn, ".,;");
		if (rn || n > 120)
			continue;
		const char *p = s + (from < at ? from : at);
		size_t pn = at - (size_t)(p - s);
		/* Drop a symbol sharing the line ("Số: 12/KH-UBND Kon Tum, ngày"). */
		for (size_t q = 0; q < pn; q++)
			if (p[q] == '/' || (p[q] >= '0' && p[q] <= '9')) {
				size_t r = q;
				while (r < pn && p[r] != ' ')
					r++;
				p += r;
				pn -= r;
				q = (size_t)-1;
				if (!pn)
					break;
			}
		sc_trim(&p, &pn, ",.;:-–");
		if (pn && key_starts_any(sc_key(p, pn, &c->kb), weekdays, COUNT(weekdays)))
			return 0;
		out->y = y;
		out->m = m;
		out->d = dd;
		out->place = pn && pn < 80 && !sc_prefix(p, pn, "số") ? p : NULL;
		out->pn = out->place ? pn : 0;
		return 1;
	}
	return 0;
}

/* The first part of a place broken over two lines ("Bình", "Bà Rịa -
 * Vũng", "Bình Thuận,"): short, not in capitals, no digits, no other
 * header line. */
static int place_fragment(pctx *c, size_t li)
{
	const pline *l = &c->L[li];
	if (l->n > 30 || l->upper || l->footnote || l->bullet || li == c->symbol_line ||
	    strchr(".:;", l->s[l->n - 1]))
		return 0;
	for (size_t i = 0; i < l->n; i++)
		if (l->s[i] >= '0' && l->s[i] <= '9')
			return 0;
	const char *key = sc_key(l->s, l->n, &c->kb);
	return !key_starts_any(key, not_place, COUNT(not_place)) &&
	       !key_starts_any(key, chrome, COUNT(chrome));
}

/* Lines a..b joined with spaces, in the doc's arena. */
static const char *joined(pctx *c, size_t a, size_t b, size_t *n)
{
	size_t len = 0;
	for (size_t i = a; i <= b; i++)
		len += c->L[i].n + 1;
	char *s = arena_alloc(&c->d->arena, len);
	if (!s)
		return NULL;
	size_t o = 0;
	for (size_t i = a; i <= b; i++) {
		if (o)
			s[o++] = ' ';
		memcpy(s + o, c->L[i].s, c->L[i].n);
		o += c->L[i].n;
	}
	s[o] = '\0';
	*n = o;
	return s;
}

static void set_place_date(pctx *c, const placedate *pd, size_t li, const char *rule)
{
	doc *d = c->d;
	d->year = pd->y;
	d->month = pd->m;
	d->day = pd->d;
	set_origin(c, DOC_F_DATE, rule, li);
	if (pd->place) {
		d->place = doc_strndup(d, pd->place, pd->pn);
		set_origin(c, DOC_F_PLACE, rule, li);
	}
}

/* The place-and-date line at li, possibly broken over two lines. Returns
 * the number of lines it took (0: none). */
static size_t header_date(pctx *c, size_t li, size_t limit)
{
	const pline *l = &c->L[li];
	placedate pd;
	memset(&pd, 0, sizeof pd);
	size_t from = li == c->symbol_line ? c->symbol_end : 0;
	int alone = place_date(c, l->s, l->n, from, &pd);
	if (!alone && li + 1 < limit && l->n < 80 && !c->L[li + 1].footnote &&
	    sc_find(l->s, l->n, 0, "ngày") != NONE) {
		/* "Lào Cai, ngày 29" / "tháng 01 năm 2021", "Tuyên Quang, ngày" /
		 * "27 tháng 4 năm 2022". */
		size_t n;
		const char *s = joined(c, li, li + 1, &n);
		if (s && place_date(c, s, n, from, &pd)) {
			set_place_date(c, &pd, li, "place and date broken over two lines");
			return 2;
		}
		return 0;
	}
	if (!alone)
		return 0;
	if (li > 0 && l->blank_before == 0 && from == 0 && place_fragment(c, li - 1)) {
		/* "Bình" / "Dương, ngày 19 tháng 6 năm 2017". */
		size_t n;
		placedate pj;
		memset(&pj, 0, sizeof pj);
		const char *s = joined(c, li - 1, li, &n);
		if (s && place_date(c, s, n, 0, &pj) && pj.place) {
			set_place_date(c, &pj, li - 1, "place broken over two lines");
			return 1;
		}
	}
	set_place_date(c, &pd, li, "place-and-date line");
	return 1;
}

/* True if the search key k holds only words of a dateline besides the date:
 * weekdays, "Cập nhật", "Ngày đăng", "lúc", times and zones ("15:20",
 * "GMT+7"), view counts. */
static int dateline_words(const char *k)
{
	for (size_t i = 0; k[i];) {
		if (!((k[i] >= 'a' && k[i] <= 'z') || (k[i] >= '0' && k[i] <= '9'))) {
			i++;
			continue;
		}
		size_t e = i;
		while ((k[e] >= 'a' && k[e] <= 'z') || (k[e] >= '0' && k[e] <= '9'))
			e++;
		int good = 1;
		for (size_t q = i; q < e && good; q++)
			good = k[q] >= '0' && k[q] <= '9';
		/* "15h20" */
		if (!good && e - i >= 3 && k[i] >= '0' && k[i] <= '9' && strchr(k + i, 'h') &&
		    (size_t)(strchr(k + i, 'h') - k) < e)
			good = 1;
		for (size_t w = 0; w < COUNT(dateline_ok) && !good; w++)
			good = strlen(dateline_ok[w]) == e - i && !memcmp(k + i, dateline_ok[w], e - i);
		if (!good)
			return 0;
		i = e;
	}
	return 1;
}

/* "3/26/2019 5:28:00 PM": the month first, as English-language servers
 * print it; only with a 12-hour clock after it. */
static int us_date(const char *s, size_t n, int *y, int *m, int *dd)
{
	if (sc_find(s, n, 0, "am") == NONE && sc_find(s, n, 0, "pm") == NONE)
		return 0;
	size_t i = 0;
	long a = sc_digits(s, n, &i, 2);
	if (a <= 0 || i >= n || s[i] != '/')
		return 0;
	i++;
	long b = sc_digits(s, n, &i, 2);
	if (b <= 0 || i >= n || s[i] != '/')
		return 0;
	i++;
	long c = sc_digits(s, n, &i, 4);
	if (!date_valid((int)c, (int)a, (int)b))
		return 0;
	*y = (int)c;
	*m = (int)a;
	*dd = (int)b;
	return 1;
}

/* A news article's dateline near its top: "Thứ Năm, 14/03/2024 - 15:20",
 * "Cập nhật: 14/03/2024 09:12", or "(14/3/2024)" opening the lead. */
static int news_dateline(pctx *c, size_t li)
{
	const pline *l = &c->L[li];
	size_t len;
	int y, m, dd;
	int ok = 0;
	size_t at = date_find(l->s, l->n, DATE_NEED_YEAR, &len, &y, &m, &dd);
	if (at != NONE && m && dd) {
		if (at == 1 && l->s[0] == '(' && at + len < l->n && l->s[at + len] == ')')
			ok = 1; /* "(14/3/2024) - Sáng nay ..." */
		else if (l->n <= 80) {
			ok = dateline_words(sc_key(l->s, at, &c->kb));
			if (ok)
				ok = dateline_words(sc_key(l->s + at + len, l->n - at - len, &c->kb));
		}
	}
	if (!ok && l->n <= 40 && us_date(l->s, l->n, &y, &m, &dd))
		ok = 1;
	if (!ok)
		return 0;
	c->d->year = y;
	c->d->month = m;
	c->d->day = dd;
	set_origin(c, DOC_F_DATE, "news dateline", li);
	return 1;
}

/* ---- kind and title ------------------------------------------------------ */

static const char *type_of_key(const char *key)
{
	const char *abbr = sym_type_of_name_key(key);
	if (!abbr && !strchr(key, ' ') && strlen(key) < 24)
		abbr = sym_type_of_glued_key(key); /* "QUYẾTĐỊNH": one word */
	if (abbr && (!strcmp(abbr, "CV") || !strcmp(abbr, "Luật")))
		return NULL;
	return abbr;
}

const char *hdr_type(pctx *c, const pline *l, size_t *rest)
{
	if (!l->upper || l->n > 200)
		return NULL;
	const char *abbr = type_of_key(sc_key(l->s, l->n, &c->kb));
	if (abbr) {
		*rest = l->n;
		return abbr;
	}
	/* "KẾ HOẠCH TỔ CHỨC ...": try the first two and three words. */
	size_t spaces = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (l->s[i] != ' ')
			continue;
		if (++spaces > 3)
			break;
		const char *a2 = sym_type_of_name_key(sc_key(l->s, i, &c->kb));
		if (a2 && strcmp(a2, "CV") && strcmp(a2, "Luật") && spaces >= 2) {
			/* "QUYẾT ĐỊNH CỦA BỘ TRƯỞNG BỘ ...": the older layout names the
			 * issuer after the type; the summary follows on its own lines. */
			size_t k = sc_skip_space(l->s, l->n, i);
			int issuer = 0;
			for (size_t w = 0; w < COUNT(type_then_issuer) && !issuer; w++)
				issuer = sc_word(l->s + k, l->n - k, type_then_issuer[w]) != 0;
			*rest = issuer ? l->n : i + 1;
			return a2;
		}
	}
	return NULL;
}

static int has_letter(const pline *l)
{
	for (size_t i = 0; i < l->n;) {
		int32_t cp;
		i += sc_next(l->s, l->n, i, &cp);
		if (sc_is_letter(cp))
			return 1;
	}
	return 0;
}

/* The summary line under the type name, over up to four lines. Returns the
 * line after it. */
static size_t read_title(pctx *c, size_t type_line, size_t rest, tt_buf *t, tt_rc *rc)
{
	size_t i = type_line + 1;
	const pline *tl = &c->L[type_line];
	if (rest < tl->n)
		*rc = buf_add(t, tl->s + rest, tl->n - rest);
	int upper = t->len ? 1 : -1; /* case shape of the summary line */
	for (int lines = 0; !*rc && i < c->nl && lines < 4; i++, lines++) {
		const pline *l = &c->L[i];
		if (l->footnote || (!l->upper && hdr_body_starter(c, l)) ||
		    (l->upper && body_heading_start(l)) || (t->len && l->blank_before))
			break;
		/* "(Ban hành kèm theo Quyết định số ...)" under an attached plan's
		 * title cites the issuing decision; it is no part of the title. */
		if (l->s[0] == '(' && sc_find(l->s, l->n < 80 ? l->n : 80, 0, "kèm theo") != NONE) {
			if (t->len)
				break;
			continue;
		}
		int letters = has_letter(l);
		/* "ỦY BAN NHÂN DÂN TỈNH TRÀ VINH" under a title in capitals. */
		if (t->len && l->upper &&
		    key_starts_any(sc_key(l->s, l->n, &c->kb), issuer_heads, COUNT(issuer_heads)))
			break;
		if (!letters) {
			/* "2014 - 2020" ending a title: no case shape. */
		} else if (upper == -1)
			upper = l->upper;
		else if (l->upper != upper && t->len)
			break; /* "CHỦ TỊCH ỦY BAN NHÂN DÂN" under a decision's title */
		if (!t->len && lines > 0 && l->upper && !upper)
			break;
		if (t->len)
			*rc = buf_addc(t, ' ');
		if (!*rc)
			*rc = buf_add(t, l->s, l->n);
	}
	return i;
}

/* A news article's headline: the first line that is no page furniture, or
 * the line just above a dateline found further down. Returns the line after
 * the headline and dateline; *hl is the headline's line or NONE. */
static size_t news_headline(pctx *c, size_t i, size_t *hl)
{
	while (i < c->nl && is_chrome(c, &c->L[i]))
		i++;
	*hl = i < c->nl ? i : NONE;
	size_t after = *hl == NONE ? i : i + 1;
	if (c->d->year)
		return after;
	for (size_t j = i; j < c->nl && j < i + 16; j++) {
		if (!news_dateline(c, j))
			continue;
		if (j == i) {
			/* The dateline above the headline. */
			size_t h = j + 1;
			while (h < c->nl && is_chrome(c, &c->L[h]))
				h++;
			*hl = h < c->nl ? h : NONE;
			return h + 1;
		}
		const pline *above = &c->L[j - 1];
		if (j - 1 > i && above->n >= 20 && !is_chrome(c, above))
			*hl = j - 1;
		return *hl == j - 1 ? j + 1 : after;
	}
	return after;
}

static tt_rc set_title(pctx *c, const char *s, size_t n)
{
	sc_trim(&s, &n, NULL);
	c->d->title = doc_strndup(c->d, s, n);
	return c->d->title ? TT_OK : TT_ERR_NOMEM;
}

/* ---- the header ------------------------------------------------------------ */

/* True if a "Số: ..." line of a header comes within the next lines: a type
 * name above it is the heading of a web page, not the document's. */
static int symbol_follows(pctx *c, size_t from, size_t limit)
{
	for (size_t i = from; i < limit && i < from + 16; i++) {
		const pline *l = &c->L[i];
		size_t j = sc_word(l->s, l->n, "số");
		if (!j || l->s[0] != 'S' || l->n > 120)
			continue;
		j = sc_skip_space(l->s, l->n, j);
		if (j >= l->n || l->s[j] == ':')
			return 1;
	}
	return 0;
}

tt_rc hdr_read(pctx *c)
{
	doc *d = c->d;
	size_t type_line = NONE, limit = c->nl < 60 ? c->nl : 60;
	const char *type = NULL;
	size_t rest = 0;
	int sym_kind = 0;
	size_t last_header = NONE;
	for (size_t i = 0; i < limit; i++) {
		const pline *l = &c->L[i];
		if (l->footnote)
			continue;
		if (!l->upper && hdr_body_starter(c, l) && !sc_prefix(l->s, l->n, "v/v"))
			break;
		if (l->upper && body_heading_start(l))
			break;
		if (!sym_kind && (sym_kind = header_symbol(c, i)) != 0) {
			last_header = c->symbol_line;
			if (c->symbol_line != i)
				continue;
		}
		size_t took;
		if (!d->year && (took = header_date(c, i, limit)) != 0) {
			last_header = i + took - 1;
			i += took - 1;
			continue;
		}
		if ((type = hdr_type(c, l, &rest)) != NULL) {
			if (!sym_kind && symbol_follows(c, i + 1, limit)) {
				/* "THÔNG TƯ 05/2017/TT-BNG" heading a web page above the
				 * document's own header. */
				type = NULL;
				continue;
			}
			type_line = i;
			break;
		}
	}
	tt_buf t;
	buf_init(&t, 1 << 16);
	tt_rc rc = TT_OK;
	size_t title_line = NONE;
	const char *title_rule = NULL;
	if (type_line != NONE) {
		d->kind = type;
		set_origin(c, DOC_F_KIND, "type name line", type_line);
		c->body_start = read_title(c, type_line, rest, &t, &rc);
		title_line = rest < c->L[type_line].n ? type_line : type_line + 1;
		title_rule = "lines under the type name";
	} else {
		/* No type name: an official letter (a symbol and "V/v") or a text
		 * that is no administrative document (kind other). */
		size_t i = last_header == NONE ? 0 : last_header + 1;
		for (size_t j = 0; j < limit; j++) {
			const pline *l = &c->L[j];
			size_t k = sc_prefix(l->s, l->n, "v/v");
			/* "VỀ VIỆC BAN HÀNH ..." under a decision's symbol is its
			 * summary line, kept whole; for a letter it is its "V/v". */
			if (!k && sym_kind != 1)
				k = sc_word(l->s, l->n, "về việc");
			if (k && (sym_kind || last_header != NONE)) {
				const char *s = l->s + k;
				size_t n = l->n - k;
				sc_trim(&s, &n, ":.");
				rc = buf_add(&t, s, n);
				d->kind = "CV";
				set_origin(c, DOC_F_KIND, "\"V/v\" line of an official letter", j);
				title_line = j;
				title_rule = "\"V/v\" line";
				if (j + 1 > i)
					i = j + 1;
				break;
			}
		}
		if (!d->kind && sym_kind == 2) {
			d->kind = "CV";
			set_origin(c, DOC_F_KIND, "symbol without a type part", c->symbol_line);
		}
		if (!d->kind && sym_kind == 1) {
			/* A document whose type name the portal dropped: its summary
			 * is the line after the header. */
			d->kind = "other"; /* replaced by the symbol's type below */
			if (i < c->nl && !c->L[i].footnote && !hdr_body_starter(c, &c->L[i])) {
				rc = buf_add(&t, c->L[i].s, c->L[i].n);
				title_line = i;
				title_rule = "line after the header (no type name)";
				i++;
			}
		} else if (!d->kind) {
			d->kind = "other";
			set_origin(c, DOC_F_KIND,
			           "no type name and no symbol: not an administrative document", NONE);
			size_t hl;
			i = news_headline(c, i, &hl);
			if (hl != NONE) {
				rc = buf_add(&t, c->L[hl].s, c->L[hl].n);
				title_line = hl;
				title_rule = "news headline";
			}
		}
		c->body_start = i;
	}
	if (sym_kind == 1 && d->symbol) {
		/* The symbol's type wins over the type line: "123/BC-UBND". */
		sym_t sym;
		if (sym_parse(d->symbol, strlen(d->symbol), SYM_LOOSE | SYM_SINGLE, &sym) && sym.kind[0]) {
			const char *k = sym_type_abbr(sym.kind, strlen(sym.kind));
			if (k && (!d->kind || strcmp(k, d->kind)))
				set_origin(c, DOC_F_KIND, "type part of the symbol", c->symbol_line);
			d->kind = k;
		}
	}
	if (!rc)
		rc = set_title(c, t.data ? t.data : "", t.len);
	if (!rc && t.len)
		set_origin(c, DOC_F_TITLE, title_rule, title_line);
	buf_free(&t);
	return rc;
}
