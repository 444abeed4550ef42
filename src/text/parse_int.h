/* parse_int.h - what the pieces of the parser share: the cleaned line. */
#ifndef TT_PARSE_INT_H
#define TT_PARSE_INT_H

#include <stddef.h>

#include "base/buf.h"
#include "text/doc.h"

/* One logical line after cleaning: NFC, debris removed ("**", "*", bullet
 * marks, footnote marks), spaces collapsed, trimmed. */
#define PLINE_EMPH 4

typedef struct {
	const char *s;
	size_t n;
	int bullet;       /* it began with "-", "+", "•" ... */
	int blank_before; /* blank lines before it */
	int footnote;     /* > 0: the body of footnote N */
	int upper;        /* letters, none lower case */
	int col;          /* tab-separated cell index within its raw line */
	int cells;        /* cells of its raw line (1 when it holds no tab) */
	size_t row;       /* raw line number: the cells of one table row share it */
	/* Where the first emphasis spans ("**04 hội nghị** giới thiệu") closed,
	 * as offsets into s: the marks are gone, yet the end of a bold span
	 * still ends a count's unit. */
	unsigned nemph;
	size_t emph[PLINE_EMPH];
} pline;

#define NONE ((size_t)-1)

/* What the stages of the parser hand each other: the cleaned lines and the
 * zones found in them. */
typedef struct {
	doc *d;
	pline *L;
	size_t nl, cap;
	tt_buf kb; /* scratch for search keys */
	size_t body_start, tail_start, first_heading;
	size_t symbol_line; /* the document's own "Số:" line, or NONE */
	size_t symbol_end;  /* where the symbol ends in that line */
	/* A plan issued with a decision follows the decision's signature with
	 * its own header: [tail_end, annex_body) is that header and title,
	 * [annex_body, annex_end) its body. tail_end == nl when there is none. */
	size_t tail_end, annex_body, annex_end;
} pctx;

/* lines.c: the text cut into cleaned lines (c->L), then lines that a page
 * break or a hard wrap split joined again. */
tt_rc lines_split(pctx *c, const char *s, size_t n);
tt_rc lines_reflow(pctx *c);

/* body.c: a numbered heading opens the line ("I. ...", "2.1. ..."); a
 * table of tasks starts at line i (before line to); the headings and tasks
 * of lines [from, to). */
int body_heading_start(const pline *l);
int body_table_starts(pctx *c, size_t i, size_t to);
tt_rc body_read(pctx *c, size_t from, size_t to);

/* tail.c: the recipients and the signature block. tail_find() returns the
 * first line of the tail (nl when there is none); tail_find_annex() sets
 * tail_end and the annexed plan's range; tail_read() fills recipients,
 * authority and signer_name. An authority line is a line of the signature
 * block in capitals: 2 for "TM."/"KT."/"Q."..., 1 for the others. */
size_t tail_find(pctx *c);
void tail_find_annex(pctx *c);
tt_rc tail_read(pctx *c);
int tail_authority_line(const pline *l);

/* header.c: the header zone and its extractors (symbol, place and date,
 * kind, title); sets c->body_start. */
tt_rc hdr_read(pctx *c);
/* A line that opens the body ("Căn cứ ...", "Thực hiện ...", a heading). */
int hdr_body_starter(pctx *c, const pline *l);
/* The type name line ("KẾ HOẠCH"); *rest is where a summary on the same
 * line starts. NULL when l is none. */
const char *hdr_type(pctx *c, const pline *l, size_t *rest);

/* facts.c: counts and reporting rules read from body paragraphs. */
tt_rc facts_figures(doc *d, const pline *l);
tt_rc facts_rules(doc *d, const char *s, size_t n);

#endif
