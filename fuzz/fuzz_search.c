/* fuzz_search.c - libFuzzer target: any bytes through the search
 * tokenizer (token spans within the input, main tokens never empty nor
 * starting with a marker), the query parser and, for a query it accepts,
 * both engines' renderings, the tsvector and the highlighter. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/search.h"

static size_t input_size;

static int check(void *arg, int colocated, const char *tok, size_t len, size_t start, size_t end)
{
	(void)arg;
	if (!len || start > end || end > input_size)
		abort();
	if (!colocated && (tok[0] == '~' || tok[0] == '_'))
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	input_size = size;
	if (search_tokenize((const char *)data, size, 0, check, NULL) < 0)
		return 0;
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	tt_arena a;
	arena_init(&a, 1 << 24);
	search_query q;
	const char *m, *e, *h;
	if (search_query_parse(&a, s, &q) == TT_OK) {
		if (!q.n || q.n > SEARCH_QUERY_MAX_TERMS)
			abort();
		if (search_query_fts5(&a, &q, &m, &e) || !*m || search_query_tsquery(&a, &q, &m, &e) || !*m)
			abort();
		tt_buf b;
		buf_init(&b, 0);
		search_tsvector(s, s, &b);
		buf_free(&b);
		search_highlight(&a, s, &q, 0, &h);
		search_highlight(&a, s, &q, 12, &h);
	}
	arena_free(&a);
	free(s);
	return 0;
}
