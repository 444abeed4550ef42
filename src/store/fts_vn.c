/* fts_vn.c - the FTS5 tokenizer "ttdn_vn" and ranking function
 * "ttdn_rank" (see fts_vn.h). The tokenizer: documents are cut by
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

#define RANK_COLS 8
#define RANK_PHRASES 64

typedef struct {
	sqlite3_int64 calls;
	int ncol;
	double avg[RANK_COLS]; /* tokens a row has in each column, on average */
} rank_aux;

static void vn_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
                    sqlite3_value **val)
{
	rank_aux *aux = api->xGetAuxdata(fts, 0);
	if (!aux) {
		if (!(aux = sqlite3_malloc(sizeof *aux))) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
		memset(aux, 0, sizeof *aux);
		aux->ncol = api->xColumnCount(fts);
		if (aux->ncol > RANK_COLS)
			aux->ncol = RANK_COLS;
		sqlite3_int64 rows = 0;
		int rc = api->xRowCount(fts, &rows);
		for (int c = 0; rc == SQLITE_OK && c < aux->ncol; c++) {
			sqlite3_int64 total = 0;
			rc = api->xColumnTotalSize(fts, c, &total);
			aux->avg[c] = rows > 0 && total > 0 ? (double)total / (double)rows : 1.0;
		}
		if (rc == SQLITE_OK)
			rc = api->xSetAuxdata(fts, aux, sqlite3_free); /* frees aux on error */
		else
			sqlite3_free(aux);
		if (rc != SQLITE_OK) {
			sqlite3_result_error_code(ctx, rc);
			return;
		}
	}
	sqlite3_int64 max = nval > 0 ? sqlite3_value_int64(val[0]) : -1;
	if (max >= 0 && ++aux->calls > max) {
		sqlite3_result_null(ctx);
		return;
	}
	int nphrase = api->xPhraseCount(fts), ninst = 0;
	if (nphrase > RANK_PHRASES)
		nphrase = RANK_PHRASES;
	int tf[RANK_PHRASES][RANK_COLS];
	memset(tf, 0, sizeof tf);
	int rc = api->xInstCount(fts, &ninst);
	for (int i = 0; rc == SQLITE_OK && i < ninst; i++) {
		int p, c, off;
		if ((rc = api->xInst(fts, i, &p, &c, &off)) == SQLITE_OK && p >= 0 && p < nphrase && c >= 0 &&
		    c < aux->ncol)
			tf[p][c]++;
	}
	const double k1 = 1.2, b = 0.75;
	double score = 0;
	for (int c = 0; rc == SQLITE_OK && c < aux->ncol; c++) {
		double w = c + 1 < nval ? sqlite3_value_double(val[c + 1]) : 1.0;
		int len = 0;
		if ((rc = api->xColumnSize(fts, c, &len)) != SQLITE_OK)
			break;
		double norm = 1 - b + b * (double)len / aux->avg[c];
		for (int p = 0; p < nphrase; p++)
			if (tf[p][c])
				score += w * tf[p][c] * (k1 + 1) / (tf[p][c] + k1 * norm);
	}
	if (rc != SQLITE_OK)
		sqlite3_result_error_code(ctx, rc);
	else
		sqlite3_result_double(ctx, score);
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
	int rc = api->xCreateTokenizer(api, "ttdn_vn", NULL, &tok, NULL);
	return rc == SQLITE_OK ? api->xCreateFunction(api, "ttdn_rank", NULL, vn_rank, NULL) : rc;
}
