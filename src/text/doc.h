/* doc.h - what the parser reads out of one administrative document.
 *
 * A doc owns everything it points to: strings live in its arena, arrays are
 * malloc'd vectors released by doc_free(). doc_to_json() renders the output
 * contract of `ttdn parse --json` (see shared/fixtures/README.md). Fields
 * that the document does not state are NULL (strings) or 0 (counts). */
#ifndef TT_DOC_H
#define TT_DOC_H

#include <stddef.h>

#include <jansson.h>

#include "base/arena.h"
#include "base/err.h"

/* A cited document: kind is a type abbreviation ("QĐ", "CV"), symbol the
 * number and symbol without spaces, date "YYYY-MM-DD" or NULL, text the
 * span as written. */
typedef struct {
	const char *kind;
	const char *symbol;
	const char *date;
	const char *text;
	size_t line; /* line index where it was found (for responds_to) */
} doc_citation;

/* The heading tree is kept flat: parent is an index into doc.sections or -1. */
typedef struct {
	const char *label;
	const char *heading;
	int level;
	int parent;
} doc_section;

typedef enum {
	TF_UNKNOWN = 0,
	TF_CONTINUOUS,
	TF_DATE,
	TF_MONTH,
	TF_QUARTER,
	TF_HALF,
	TF_WITHIN,
	TF_FROM,
	TF_BEFORE,
	TF_RANGE,
} doc_tf_kind;

typedef struct {
	const char *text;
	doc_tf_kind kind;
	char start[11]; /* "YYYY-MM-DD" or "" */
	char end[11];
} doc_timeframe;

typedef struct {
	const char **v;
	size_t n, cap;
} doc_strs;

typedef struct {
	const char *label; /* nearest numbered heading, or NULL */
	const char *content;
	doc_strs lead;
	doc_strs coordinating;
	doc_timeframe timeframe;
	int has_timeframe;
} doc_task;

typedef enum { RP_HALF, RP_YEAR, RP_QUARTER, RP_MONTH } doc_period;

typedef struct {
	const char *from;
	const char *to;
	doc_period period;
	int due_month, due_day;
} doc_rule;

typedef struct {
	long count;
	const char *unit;
	const char *text;
} doc_figure;

/* The header fields whose origin is kept, for `ttdn parse --explain`
 * (number and issuer_code come with the symbol). */
typedef enum { DOC_F_KIND, DOC_F_SYMBOL, DOC_F_PLACE, DOC_F_DATE, DOC_F_TITLE, DOC_F_COUNT } doc_field;

/* The rule that produced a field and the line it came from (1-based, in the
 * text as read; 0 when the field has no line). rule is a static string. */
typedef struct {
	const char *rule;
	size_t line;
} doc_origin;

typedef struct {
	tt_arena arena;

	const char *kind;   /* never NULL after parsing: "BC", ..., "CV", "other" */
	const char *symbol; /* "167/BC-BQLKKT", "/BC-UBND", or NULL */
	long number;        /* -1 when unknown */
	const char *issuer_code;
	const char *place;
	int year, month, day; /* 0 when unknown; year alone may be known */
	const char *title;
	const char *encoding_note; /* e.g. "TCVN3", set by the reader */
	doc_origin origin[DOC_F_COUNT];
	/* Where the zones the parser cut begin, as 1-based lines (0: none): the
	 * body, the tail (recipients and signature), an annexed plan's body. */
	struct {
		size_t body, tail, annex;
	} zone_line;

	struct {
		doc_citation *v;
		size_t n, cap;
	} citations;
	int responds_to; /* index into citations, or -1 */
	struct {
		doc_section *v;
		size_t n, cap;
	} sections;
	struct {
		doc_task *v;
		size_t n, cap;
	} tasks;
	struct {
		doc_rule *v;
		size_t n, cap;
	} rules;
	const char *signer_name;
	doc_strs authority;
	doc_strs recipients;
	doc_strs footnotes;
	struct {
		doc_figure *v;
		size_t n, cap;
	} figures;
} doc;

/* Allocates an empty doc; NULL on allocation failure. Free with doc_free(). */
doc *doc_new(void);
void doc_free(doc *d);

/* Copies s[0..n) into the doc's arena (NUL-terminated). NULL on failure. */
const char *doc_strndup(doc *d, const char *s, size_t n);

/* Grows a vector by one zeroed element and returns it (NULL on failure).
 * Used through the DOC_PUSH macro: DOC_PUSH(&d->tasks). */
void *doc_vec_push(void **v, size_t *n, size_t *cap, size_t elsize);
#define DOC_PUSH(vec)                                                                                        \
	((__typeof__((vec)->v))doc_vec_push((void **)&(vec)->v, &(vec)->n, &(vec)->cap, sizeof *(vec)->v))

tt_rc doc_strs_add(doc *d, doc_strs *list, const char *s, size_t n);

const char *doc_tf_kind_name(doc_tf_kind k);
const char *doc_field_name(doc_field f);
const char *doc_period_name(doc_period p);

/* Renders the output contract. Returns a new reference (json_decref it),
 * or NULL on allocation failure. */
json_t *doc_to_json(const doc *d);

#endif
