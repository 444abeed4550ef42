/* tail.c - the tail of an administrative document: where the recipients
 * ("Nơi nhận") and the signature block begin (tail_find), a plan or rules
 * issued with a decision and following its signature (tail_find_annex), and
 * what the tail holds (tail_read: recipients, authority lines, the
 * signer's name). A stage of the parser; see parse.c. */
#include <string.h>

#include "text/parse_int.h"
#include "text/scan.h"

int tail_authority_line(const pline *l)
{
	if (!l->upper || l->bullet || l->n > 90)
		return 0;
	static const char *const pre[] = {"tm.", "tm ", "kt.", "kt ", "q.", "tl.", "tuq.", "t/m"};
	for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++)
		if (sc_prefix(l->s, l->n, pre[i]))
			return 2;
	return 1;
}

static int noi_nhan(const pline *l)
{
	return sc_prefix(l->s, l->n, "nơi nhận") != 0;
}

/* "Vũ Mạnh Hải": two to six capitalised words, nothing else. */
static int person_name(const pline *l)
{
	if (l->bullet || l->n > 60 || l->upper)
		return 0;
	int words = 0, at_word = 1;
	for (size_t i = 0; i < l->n;) {
		int32_t cp;
		size_t k = sc_next(l->s, l->n, i, &cp);
		if (cp == ' ') {
			at_word = 1;
		} else if (at_word) {
			if (!sc_is_upper(cp))
				return 0;
			words++;
			at_word = 0;
		} else if (!sc_is_lower(cp)) {
			return 0;
		}
		i += k;
	}
	if (words < 2 || words > 6)
		return 0;
	static const char *const not_names[] = {"nơi nhận", "lưu",      "đã ký",
	                                        "như trên", "chủ tịch", "giám đốc"};
	for (size_t i = 0; i < sizeof not_names / sizeof not_names[0]; i++)
		if (sc_prefix(l->s, l->n, not_names[i]))
			return 0;
	return 1;
}

size_t tail_find(pctx *c)
{
	size_t best = c->nl;
	for (size_t i = c->body_start; i < c->nl; i++) {
		const pline *l = &c->L[i];
		if (l->footnote)
			continue;
		if (noi_nhan(l) || tail_authority_line(l) == 2)
			return i < best ? i : best;
		if (l->n >= 3 && !memcmp(l->s + l->n - 3, "./.", 3) && best == c->nl)
			best = i + 1;
	}
	return best;
}

/* A plan, programme or rules issued with a decision often follow its
 * signature in the same file: a type name line after the tail with "(Ban
 * hành kèm theo ...)" under it or the national motto above it. Sets
 * tail_end and the annex's body range. */
void tail_find_annex(pctx *c)
{
	c->tail_end = c->annex_body = c->annex_end = c->nl;
	for (size_t k = c->tail_start + 1; k < c->nl; k++) {
		const pline *l = &c->L[k];
		size_t rest = 0;
		if (l->footnote || l->bullet || !l->upper || !hdr_type(c, l, &rest))
			continue;
		int ok = 0;
		for (size_t q = k + 1; q < c->nl && q <= k + 4 && !ok; q++)
			ok = sc_find(c->L[q].s, c->L[q].n, 0, "kèm theo") != NONE;
		for (size_t q = k; q > c->tail_start && q + 6 > k && !ok; q--)
			ok = sc_prefix(c->L[q - 1].s, c->L[q - 1].n, "độc lập") != 0;
		if (!ok)
			continue;
		/* The annex's own header: capitals, motto, number, place and date. */
		size_t b = k;
		while (b > c->tail_start + 1) {
			const pline *p = &c->L[b - 1];
			if (!(p->upper || sc_prefix(p->s, p->n, "độc lập") || sc_prefix(p->s, p->n, "số") ||
			      sc_find(p->s, p->n, 0, "ngày") != NONE) ||
			    tail_authority_line(p) == 2)
				break;
			b--;
		}
		/* Signature capitals directly above stay in the tail. */
		c->tail_end = b;
		size_t i = k + 1;
		for (int lines = 0; i < c->nl && lines < 4; i++, lines++) {
			const pline *x = &c->L[i];
			if (x->bullet || x->footnote || hdr_body_starter(c, x) ||
			    body_table_starts(c, i, c->nl))
				break;
		}
		c->annex_body = i;
		c->annex_end = c->nl;
		for (size_t q = i; q < c->nl; q++)
			if (!c->L[q].footnote && (noi_nhan(&c->L[q]) || tail_authority_line(&c->L[q]) == 2)) {
				c->annex_end = q;
				break;
			}
		return;
	}
}

tt_rc tail_read(pctx *c)
{
	doc *d = c->d;
	tt_rc rc = TT_OK;
	int in_recipients = 0;
	size_t name_line = NONE;
	for (size_t i = c->tail_start; i < c->tail_end && !rc; i++) {
		const pline *l = &c->L[i];
		if (l->footnote) {
			/* Converters put footnotes at the end, after the signature. */
			rc = doc_strs_add(d, &d->footnotes, l->s, l->n);
			continue;
		}
		if (noi_nhan(l)) {
			in_recipients = 1;
			size_t k = sc_prefix(l->s, l->n, "nơi nhận");
			const char *s = l->s + k;
			size_t n = l->n - k;
			sc_trim(&s, &n, ":-");
			if (n)
				rc = doc_strs_add(d, &d->recipients, s, n);
			continue;
		}
		/* A bulleted line in the list is a recipient even in capitals
		 * ("- VPUB: PCVP, KGVX;"); the authority lines carry no bullet. */
		if (in_recipients &&
		    (l->bullet || (!l->upper && (sc_prefix(l->s, l->n, "lưu") || l->s[l->n - 1] == ';')))) {
			const char *s = l->s;
			size_t n = l->n;
			sc_trim(&s, &n, ";,.");
			if (n)
				rc = doc_strs_add(d, &d->recipients, s, n);
			continue;
		}
		if (tail_authority_line(l) && l->s[0] != '(') {
			rc = doc_strs_add(d, &d->authority, l->s, l->n);
			continue;
		}
		if (person_name(l))
			name_line = i;
	}
	if (!rc && name_line != NONE)
		d->signer_name = doc_strndup(d, c->L[name_line].s, c->L[name_line].n);
	return rc;
}
