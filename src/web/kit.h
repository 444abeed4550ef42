/* kit.h - what a handler declares instead of writing by hand: its inputs
 * (JSON body fields and query parameters, each checked with a message that
 * names the field) and its tables (a responsive table whose cells carry
 * their column's label on a phone). With the route flags (role, body cap)
 * in routes.c, a new page is one file plus one route line. */
#ifndef TT_WEB_KIT_H
#define TT_WEB_KIT_H

#include <stddef.h>

#include "web/http.h"

typedef enum {
	KIT_TEXT, /* a string: *text (arena copy); NULL when absent */
	KIT_INT,  /* an integer in [min, max]: *num; untouched when absent */
	KIT_BOOL, /* true/false (query: 1/0/true/false): *flag; untouched when absent */
} kit_type;

typedef struct {
	const char *name; /* JSON key or query parameter */
	kit_type type;
	int required;
	size_t max_len;     /* KIT_TEXT: bytes (0 = 2,000) */
	long long min, max; /* KIT_INT (both 0 = any non-negative) */
	int clamp;          /* KIT_INT: a value over max becomes max instead of an error */
	const char **text;  /* KIT_TEXT */
	long long *num;     /* KIT_INT */
	int *flag;          /* KIT_BOOL */
} kit_field;

/* Reads the request's JSON body, which must be an object, into the
 * declared fields. A wrong body or field is TT_ERR_INVALID (or the body's
 * own error) with a Vietnamese message naming the field; out-pointers of
 * fields that were read are set even then. */
tt_rc kit_json(http_req *r, const kit_field *f, size_t n);
/* The same for query parameters (decimal integers only: no sign, hex or
 * spaces). */
tt_rc kit_query(http_req *r, const kit_field *f, size_t n);

/* A responsive table: kit_table(r, id, heads, n), then per row
 * kit_row(r), kit_cell(r, i, text) or kit_cell_num(r, i, v) for each
 * column i (or kit_cell_begin/kit_cell_end around own markup), then
 * kit_table_end(r). heads must outlive the table. */
typedef struct {
	const char *const *heads;
	size_t n;
} kit_table_t;
void kit_table(http_req *r, kit_table_t *t, const char *id, const char *const *heads, size_t n);
void kit_row(http_req *r, const kit_table_t *t);
void kit_cell(http_req *r, const kit_table_t *t, size_t col, const char *text);
void kit_cell_num(http_req *r, const kit_table_t *t, size_t col, double v);
void kit_cell_begin(http_req *r, const kit_table_t *t, size_t col, int numeric);
void kit_cell_end(http_req *r);
void kit_table_end(http_req *r, const kit_table_t *t);

#endif
