/* fts_vn.c - the FTS5 tokenizer "ttdn_vn": documents are cut by
 * search_tokenize (folded syllables with colocated exact forms, pairs and
 * symbols); a query is cut at spaces only, because search_query_fts5 has
 * already written every token in its final form. */
#include "store/fts_vn.h"

#include <stddef.h>
#include <string.h>

#include "text/search.h"

/* The tokenizer's modes: "ttdn_vn" (everything), "ttdn_vn main"
 * (everything but the exact forms), "ttdn_vn exact" (only those). */
static const unsigned modes[3] = {0, SEARCH_TOK_NO_EXACT, SEARCH_TOK_EXACT};

typedef struct {
	void *ctx;
	int (*token)(void *, int, const char *, int, int, int);
	int rc;
} fts_call;

static int emit(void *arg, int colocated, const char *tok, size_t len, size_t start, size_t end)
{
	fts_call *c = arg;
	c->rc = c->token(c->ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, tok, (int)len, (int)start, (int)end);
	return c->rc != SQLITE_OK;
}

static int vn_create(void *ud, const char **args, int nargs, Fts5Tokenizer **out)
{
	(void)ud;
	const unsigned *mode = &modes[0];
	if (nargs == 1 && !strcmp(args[0], "main"))
		mode = &modes[1];
	else if (nargs == 1 && !strcmp(args[0], "exact"))
		mode = &modes[2];
	else if (nargs)
		return SQLITE_ERROR;
	*out = (Fts5Tokenizer *)mode;
	return SQLITE_OK;
}

static void vn_delete(Fts5Tokenizer *t)
{
	(void)t;
}

static int vn_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
                       int (*token)(void *, int, const char *, int, int, int))
{
	if (!text || n <= 0)
		return SQLITE_OK;
	if (flags & FTS5_TOKENIZE_QUERY) {
		for (int i = 0; i < n;) {
			while (i < n && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n'))
				i++;
			int j = i;
			while (j < n && text[j] != ' ' && text[j] != '\t' && text[j] != '\n')
				j++;
			if (j > i) {
				int rc = token(ctx, 0, text + i, j - i, i, j);
				if (rc != SQLITE_OK)
					return rc;
			}
			i = j;
		}
		return SQLITE_OK;
	}
	fts_call c = {ctx, token, SQLITE_OK};
	int r = search_tokenize(text, (size_t)n, *(const unsigned *)t, emit, &c);
	if (r < 0)
		return SQLITE_NOMEM;
	return c.rc;
}

int fts_vn_register(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return SQLITE_ERROR;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api)
		return SQLITE_ERROR;
	fts5_tokenizer tok = {vn_create, vn_delete, vn_tokenize};
	return api->xCreateTokenizer(api, "ttdn_vn", NULL, &tok, NULL);
}
