/* lines.c - the first stage of the parser: the text cut into cleaned lines
 * (pline, see parse_int.h). Conversion debris is removed (emphasis marks,
 * bullets, footnote marks, rules), table cells are split (tabs, and the
 * borders that portals leave: see cell_break), and lines that a page break
 * or a hard wrap split are joined again (lines_reflow). */
#include <string.h>

#include "base/buf.h"
#include "text/parse_int.h"
#include "text/scan.h"

static int superscript_digit(int32_t cp)
{
	switch (cp) {
	case 0x2070: return 0;
	case 0x00B9: return 1;
	case 0x00B2: return 2;
	case 0x00B3: return 3;
	default: return cp >= 0x2074 && cp <= 0x2079 ? (int)(cp - 0x2070) : -1;
	}
}

static int bullet_mark(int32_t cp)
{
	return cp == '-' || cp == '+' || cp == 0x2022 || cp == 0x2013 || cp == 0x2014 || cp == 0x00B7 ||
	       cp == 0xF0B7 || cp == 0xF0A7 || cp == 0xF0D8 || cp == 0x25CF || cp == 0x25AA || cp == 0x2023 ||
	       cp == 0x25E6 || cp == 0x2219 || cp == '>';
}

/* Cleans raw[0..n) into a new pline (text in the doc arena). Returns 0 for a
 * blank line, 1 for a line, -1 on allocation failure. */
static int clean_line(pctx *c, const char *raw, size_t n, pline *out)
{
	tt_buf b;
	buf_init(&b, 0);
	int footnote = 0, at_start = 1, space = 0, rc = 0;
	size_t i = 0;
	memset(out, 0, sizeof *out);

	i = sc_skip_space(raw, n, 0);
	/* Markdown footnote bodies "[^3]: ..." and "[3] ...". */
	if (i + 2 < n && raw[i] == '[') {
		size_t j = i + 1 + (raw[i + 1] == '^');
		long v = sc_digits(raw, n, &j, 3);
		if (v > 0 && j < n && raw[j] == ']') {
			j++;
			if (j < n && raw[j] == ':')
				j++;
			footnote = (int)v;
			i = j;
		}
	}
	for (; i < n;) {
		int32_t cp;
		size_t k = sc_next(raw, n, i, &cp);
		int sd = superscript_digit(cp);
		if (sd >= 0) {
			/* A leading run of superscript digits is a footnote's number;
			 * elsewhere it is a footnote mark in the text: dropped. */
			/* Capped: a long run of marks is debris, not a number. */
			if (at_start && !b.len && footnote < 100000)
				footnote = footnote * 10 + sd;
			i += k;
			continue;
		}
		/* "[^3]" marks inside text. */
		if (cp == '[' && i + 3 < n && raw[i + 1] == '^') {
			size_t j = i + 2;
			if (sc_digits(raw, n, &j, 3) > 0 && j < n && raw[j] == ']') {
				i = j + 1;
				continue;
			}
		}
		if (cp == '*' && b.len && !space && b.data[b.len - 1] != ' ') {
			/* A closing mark: it follows text and is not followed by a
			 * letter or digit. */
			size_t j = i;
			while (j < n && raw[j] == '*')
				j++;
			int32_t nx = ' ';
			if (j < n)
				sc_next(raw, n, j, &nx);
			if (!sc_is_letter(nx) && !sc_is_digit(nx) && out->nemph < PLINE_EMPH)
				out->emph[out->nemph++] = b.len;
			i = j;
			continue;
		}
		if (cp == '*' || cp == 0x200B || cp == 0xFEFF || cp == 0x00AD || cp == 0x200E ||
		    cp == 0x200F) {
			i += k;
			continue;
		}
		if (at_start && !b.len && cp == '#') {
			i += k;
			continue;
		}
		if (sc_is_space(cp) || (cp < 0x20 && cp != '\t')) {
			space = 1;
			i += k;
			continue;
		}
		if (space && b.len && buf_addc(&b, ' '))
			goto nomem;
		space = 0;
		at_start = footnote ? at_start : 0;
		if (footnote)
			at_start = 0;
		if (buf_add(&b, raw + i, k))
			goto nomem;
		i += k;
	}
	if (!b.len) {
		buf_free(&b);
		return 0;
	}
	/* Bullet marks: "- + *Cơ quan chủ trì*:" -> "Cơ quan chủ trì:". */
	const char *s = b.data;
	size_t m = b.len;
	for (;;) {
		int32_t cp;
		size_t k = sc_next(s, m, 0, &cp);
		if (!bullet_mark(cp))
			break;
		size_t after = k;
		int32_t nx = 0;
		if (after < m)
			sc_next(s, m, after, &nx);
		/* "-5%" or "-Sở" (no space) are not bullets for digits; allow for
		 * letters, which Word conversions produce. */
		if (after < m && sc_is_digit(nx))
			break;
		out->bullet = 1;
		s += after;
		m -= after;
		sc_trim(&s, &m, NULL);
		if (!m)
			break;
	}
	sc_trim(&s, &m, NULL);
	if (!m) {
		/* A line of only marks ("---", "***") is a rule: blank. */
		buf_free(&b);
		return 0;
	}
	/* Lines of only underscores or equals are the short rules of the header. */
	{
		size_t j = 0;
		while (j < m && (s[j] == '_' || s[j] == '=' || s[j] == '-' || s[j] == '.'))
			j++;
		if (j == m) {
			buf_free(&b);
			return 0;
		}
	}
	{
		/* Emphasis ends move with the trimmed start; ends at the line's
		 * end bound nothing. */
		size_t shift = (size_t)(s - b.data);
		unsigned w = 0;
		for (unsigned q = 0; q < out->nemph; q++)
			if (out->emph[q] > shift && out->emph[q] - shift < m)
				out->emph[w++] = out->emph[q] - shift;
		out->nemph = w;
	}
	out->s = doc_strndup(c->d, s, m);
	if (!out->s)
		goto nomem;
	out->n = m;
	out->footnote = footnote;
	out->upper = sc_all_upper(s, m);
	rc = 1;
	buf_free(&b);
	return rc;
nomem:
	buf_free(&b);
	return -1;
}

static tt_rc push_line(pctx *c, const pline *l)
{
	pline *p = doc_vec_push((void **)&c->L, &c->nl, &c->cap, sizeof *c->L);
	if (!p)
		return TT_ERR_NOMEM;
	*p = *l;
	return TT_OK;
}

/* The end of a raw line. */
static int line_end(char ch)
{
	return ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

/* A cell separator at s[i] inside a raw line that starts at ls: a tab, or
 * what legal-document portals leave of a table's borders when they flatten
 * it into text: a "|" standing alone between spaces or at the line's end
 * ("Số: 44/KH-UBND |"), and a run of three or more dashes between spaces
 * ("BỘ NGOẠI GIAO ------- Số: ..."). A Markdown table row (md: it opens
 * with "|" and has another) keeps its pipes. Returns the separator's length
 * or 0. */
static size_t cell_break(const char *s, size_t n, size_t ls, int md, size_t i)
{
	if (s[i] == '\t')
		return 1;
	if (md)
		return 0;
	int before = i == ls || s[i - 1] == ' ';
	if (s[i] == '|')
		return before && (i + 1 == n || s[i + 1] == ' ' || line_end(s[i + 1])) ? 1 : 0;
	if (s[i] == '-' && before) {
		size_t j = i;
		while (j < n && s[j] == '-')
			j++;
		if (j - i >= 3 && j < n && s[j] == ' ')
			return j - i;
	}
	return 0;
}

/* The common case first, at the call: most characters are no separator. */
#define CELL_BREAK(s, n, ls, md, i)                                                                          \
	((s)[i] == '\t' || (s)[i] == '|' || (s)[i] == '-' ? cell_break(s, n, ls, md, i) : 0)

/* Splits text into lines; cell separators (cell_break) also split, because
 * converted two-column headers and signature blocks put both columns on one
 * line. */
tt_rc lines_split(pctx *c, const char *s, size_t n)
{
	int blanks = 0, col = 0, cells = 1;
	size_t i = 0, row = 0, ls = 0;
	int md = 0;
	while (i <= n) {
		size_t e = i, sep = 0;
		if (col == 0) {
			/* A table row flattened with tabs: every cell learns how many
			 * cells its row has, so the table reader can map columns. */
			ls = i;
			cells = 1;
			size_t f = i;
			while (f < n && s[f] == ' ')
				f++;
			md = 0;
			if (f < n && s[f] == '|') {
				size_t q = f + 1;
				while (q < n && !line_end(s[q]) && s[q] != '|')
					q++;
				md = q < n && s[q] == '|';
			}
			for (size_t q = i; q < n && !line_end(s[q]);) {
				size_t k = CELL_BREAK(s, n, ls, md, q);
				cells += k > 0;
				q += k ? k : 1;
			}
		}
		while (e < n && !line_end(s[e]) && !(sep = CELL_BREAK(s, n, ls, md, e)))
			e++;
		pline l;
		int r = clean_line(c, s + i, e - i, &l);
		if (r < 0)
			return TT_ERR_NOMEM;
		int tab = e < n && sep;
		if (r == 0) {
			if (!tab)
				blanks++;
		} else {
			l.blank_before = blanks;
			l.col = col;
			l.cells = cells;
			l.row = row;
			blanks = 0;
			if (push_line(c, &l))
				return TT_ERR_NOMEM;
		}
		if (e >= n)
			break;
		if (tab) {
			col++;
			i = e + sep;
			continue;
		}
		col = 0;
		row++;
		if (s[e] == '\r' && e + 1 < n && s[e + 1] == '\n')
			e++;
		i = e + 1;
	}
	return TT_OK;
}

static int starts_lower(const pline *l)
{
	int32_t cp;
	sc_next(l->s, l->n, 0, &cp);
	return sc_is_lower(cp);
}

static int ends_with(const pline *l, const char *set)
{
	char last = l->s[l->n - 1];
	return strchr(set, last) != NULL;
}

/* Joins lines that a page break or a hard wrap split: the first does not end
 * a sentence and the next goes on in lower case. */
tt_rc lines_reflow(pctx *c)
{
	size_t w = 0;
	for (size_t i = 0; i < c->nl; i++) {
		pline cur = c->L[i];
		while (i + 1 < c->nl) {
			const pline *nx = &c->L[i + 1];
			int join = 0;
			/* The next cell of a tab-flattened row is not a wrapped line. */
			if (cur.footnote || nx->footnote || nx->bullet || cur.upper || nx->col > 0 ||
			    (nx->cells > 1 && cur.cells > 1))
				break;
			if (!ends_with(&cur, ".:;!?") && starts_lower(nx) && nx->blank_before <= 4 &&
			    !body_heading_start(nx))
				join = 1;
			else if (ends_with(&cur, ",") && nx->blank_before == 0 && !nx->upper &&
			         !body_heading_start(nx))
				join = 1;
			if (!join)
				break;
			char *s = arena_alloc(&c->d->arena, cur.n + 1 + nx->n + 1);
			if (!s)
				return TT_ERR_NOMEM;
			memcpy(s, cur.s, cur.n);
			s[cur.n] = ' ';
			memcpy(s + cur.n + 1, nx->s, nx->n);
			s[cur.n + 1 + nx->n] = '\0';
			for (unsigned q = 0; q < nx->nemph && cur.nemph < PLINE_EMPH; q++)
				cur.emph[cur.nemph++] = cur.n + 1 + nx->emph[q];
			cur.s = s;
			cur.n += 1 + nx->n;
			i++;
		}
		c->L[w++] = cur;
	}
	c->nl = w;
	return TT_OK;
}
