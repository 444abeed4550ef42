/* parse_int.h - what the pieces of the parser share: the cleaned line. */
#ifndef TT_PARSE_INT_H
#define TT_PARSE_INT_H

#include <stddef.h>

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

/* facts.c: counts and reporting rules read from body paragraphs. */
tt_rc facts_figures(doc *d, const pline *l);
tt_rc facts_rules(doc *d, const char *s, size_t n);

#endif
