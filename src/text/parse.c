/* parse.c - the structure of an administrative document (see parse.h).
 *
 * Stages with fixed hand-offs (the context pctx of parse_int.h):
 *   1. lines (lines.c): the text cut into cleaned lines, table cells
 *      split, wrapped lines joined again;
 *   2. zones: the header (header.c, which also runs one extractor per
 *      header field), then the tail (recipients and signature) and an
 *      annexed plan after the signature (tail.c), and the body between;
 *   3. extractors over the zones: headings and tasks (body.c), the
 *      signature block (tail.c), citations (symbol.c), counts and
 *      reporting rules (facts.c), the request answered (find_responds_to).
 * Owns: the order of the stages, citations and the request answered. */
#include "text/parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "text/date.h"
#include "text/parse_int.h"
#include "text/reader.h"
#include "text/scan.h"
#include "text/symbol.h"
#include "text/vn.h"

static void set_err(parse_error *err, const char *msg)
{
	if (err)
		snprintf(err->message, sizeof err->message, "%s", msg);
}

/* ---- citations, facts -------------------------------------------------- */

static tt_rc parse_citations(pctx *c)
{
	doc *d = c->d;
	for (size_t i = 0; i < c->nl; i++) {
		if (i == c->symbol_line)
			continue;
		const pline *l = &c->L[i];
		size_t from = 0;
		sym_cite ct;
		while (sym_find_citation(l->s, l->n, from, &ct)) {
			doc_citation *x = DOC_PUSH(&d->citations);
			if (!x)
				return TT_ERR_NOMEM;
			x->kind = ct.kind;
			x->symbol = doc_strndup(d, ct.sym.text, strlen(ct.sym.text));
			x->text = doc_strndup(d, l->s + ct.start, ct.end - ct.start);
			x->line = i;
			if (ct.y && ct.m && ct.d) {
				char iso[11];
				date_iso(iso, ct.y, ct.m, ct.d);
				x->date = doc_strndup(d, iso, 10);
			}
			if (!x->symbol || !x->text)
				return TT_ERR_NOMEM;
			from = ct.end > from ? ct.end : from + 1;
		}
	}
	return TT_OK;
}

/* The request the document answers: the first citation of a preamble line
 * that says "Thực hiện ..." (or "Phúc đáp", "Theo đề nghị"); failing that a
 * request-like document under "Căn cứ" (legal bases are not requests). */
static void find_responds_to(pctx *c)
{
	doc *d = c->d;
	static const char *const answers[] = {"thực hiện",    "phúc đáp",     "trả lời",   "theo đề nghị",
	                                      "theo yêu cầu", "theo chỉ đạo", "triển khai"};
	static const char *const requests[] = {"CV", "HD", "CĐ", "TB", "KH", "GM"};
	/* Laws and decrees are implemented, not answered; news answers nothing. */
	static const char *const laws[] = {"NĐ", "TT", "TTLT", "Luật", "PL"};
	if (!strcmp(d->kind, "other"))
		return;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t k = 0; k < d->citations.n; k++) {
			const doc_citation *x = &d->citations.v[k];
			if (x->line < c->body_start || x->line >= c->first_heading)
				continue;
			const pline *l = &c->L[x->line];
			int ok = 0;
			if (pass == 0) {
				for (size_t a = 0; a < sizeof answers / sizeof answers[0] && !ok; a++)
					ok = sc_prefix(l->s, l->n, answers[a]) != 0;
				for (size_t q = 0; q < sizeof laws / sizeof laws[0] && ok; q++)
					ok = strcmp(x->kind, laws[q]) != 0;
				/* Only the first citation of that line. */
				if (ok && k > 0 && d->citations.v[k - 1].line == x->line)
					ok = 0;
			} else if (sc_prefix(l->s, l->n, "căn cứ")) {
				for (size_t r = 0; r < sizeof requests / sizeof requests[0] && !ok; r++)
					ok = !strcmp(x->kind, requests[r]);
			}
			if (ok) {
				d->responds_to = (int)k;
				return;
			}
		}
	}
}

static tt_rc parse_facts(pctx *c)
{
	tt_rc rc = TT_OK;
	for (size_t i = c->body_start; i < c->annex_end && !rc; i++) {
		if (i == c->tail_start)
			i = c->annex_body;
		if (i >= c->annex_end)
			break;
		const pline *l = &c->L[i];
		rc = facts_figures(c->d, l);
		if (!rc && !l->footnote)
			rc = facts_rules(c->d, l->s, l->n);
	}
	return rc;
}

/* ---- entry points ------------------------------------------------------- */

static int looks_binary(const char *s, size_t n)
{
	size_t ctl = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == 0)
			return 1;
		if (ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t' && ch != '\f' && ch != '\v')
			ctl++;
	}
	return ctl * 20 > n;
}

tt_rc parse_text(const char *s, size_t n, doc **out, parse_error *err)
{
	pctx c;
	memset(&c, 0, sizeof c);
	tt_buf nfc;
	buf_init(&nfc, PARSE_MAX_INPUT * 2);
	buf_init(&c.kb, 1 << 16);
	tt_rc rc = TT_OK;
	size_t bad = 0;
	if (err) {
		err->bad_offset = 0;
		err->message[0] = '\0';
	}
	if (n > PARSE_MAX_INPUT) {
		set_err(err, "the document is larger than 50 MiB");
		return TT_ERR_TOO_LARGE;
	}
	if ((rc = vn_utf8_validate(s, n, &bad)) != TT_OK) {
		if (err) {
			err->bad_offset = bad;
			snprintf(err->message, sizeof err->message, "invalid UTF-8 at byte offset %zu", bad);
		}
		return rc;
	}
	if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
		s += 3;
		n -= 3;
	}
	if (looks_binary(s, n)) {
		set_err(err, "the file holds binary data, not text");
		return TT_ERR_PARSE;
	}
	if ((rc = vn_nfc(s, n, &nfc)) != TT_OK)
		goto out;
	c.d = doc_new();
	if (!c.d) {
		rc = TT_ERR_NOMEM;
		goto out;
	}
	c.symbol_line = NONE;
	if ((rc = lines_split(&c, nfc.data ? nfc.data : "", nfc.len)) != TT_OK)
		goto out;
	if (!c.nl) {
		set_err(err, "the document is empty");
		rc = TT_ERR_PARSE;
		goto out;
	}
	if ((rc = lines_reflow(&c)) != TT_OK || (rc = hdr_read(&c)) != TT_OK)
		goto out;
	c.tail_start = tail_find(&c);
	tail_find_annex(&c);
	c.first_heading = c.tail_start;
	c.d->zone_line.body = c.body_start < c.nl ? c.L[c.body_start].row + 1 : 0;
	c.d->zone_line.tail = c.tail_start < c.nl ? c.L[c.tail_start].row + 1 : 0;
	c.d->zone_line.annex = c.annex_body < c.annex_end ? c.L[c.annex_body].row + 1 : 0;
	if ((rc = body_read(&c, c.body_start, c.tail_start)) != TT_OK ||
	    (c.annex_body < c.annex_end && (rc = body_read(&c, c.annex_body, c.annex_end)) != TT_OK) ||
	    (rc = tail_read(&c)) != TT_OK || (rc = parse_citations(&c)) != TT_OK ||
	    (rc = parse_facts(&c)) != TT_OK)
		goto out;
	find_responds_to(&c);
	*out = c.d;
	c.d = NULL;
out:
	if (rc == TT_ERR_NOMEM)
		set_err(err, "out of memory");
	doc_free(c.d);
	free(c.L);
	buf_free(&nfc);
	buf_free(&c.kb);
	return rc;
}

tt_rc parse_file(const char *path, doc **out, parse_error *err)
{
	reader_info info;
	tt_buf text;
	buf_init(&text, PARSE_MAX_INPUT);
	tt_rc rc = reader_read_file(path, &text, &info);
	if (rc) {
		if (err) {
			err->bad_offset = info.bad_offset;
			snprintf(err->message, sizeof err->message, "%s", info.message);
		}
		if (rc == TT_ERR_TOO_LARGE && err && !err->message[0])
			set_err(err, "the document's text is larger than 50 MiB");
		goto out;
	}
	rc = parse_text(text.data ? text.data : "", text.len, out, err);
	if (rc == TT_OK && strcmp(info.encoding, "utf-8"))
		(*out)->encoding_note = info.encoding;
out:
	buf_free(&text);
	return rc;
}
