/* fts_vn.h - the ttdn_vn FTS5 tokenizer (text/search.h) on an SQLite
 * connection. The SQLite engine registers it on every connection it opens;
 * the benchmark registers it on its own raw connections. */
#ifndef TT_FTS_VN_H
#define TT_FTS_VN_H

#include <sqlite3.h>

/* Registers the tokenizer named "ttdn_vn" and the ranking function
 * "ttdn_rank" on db. Returns an SQLite result
 * code (SQLITE_OK, or SQLITE_ERROR when FTS5 is missing). Its argument
 * chooses the tokens of text/search.h: none (all of them), "main" (all but
 * the exact forms) or "exact" (only those, for an index with detail=none
 * that the exact expression of search_query_fts5 is matched against).
 *
 * ttdn_rank(table, max, w1, w2, ...) is BM25 (k1 1.2, b 0.75, higher is
 * better) without the inverse document frequency: that needs a pass over
 * every row that holds each phrase of the query, which for a common word
 * costs a second at a million documents, while every match holds every
 * phrase (they are ANDed). wN weighs column N (default 1). Only the first
 * max rows of a query are ranked (max < 0: all); later rows get NULL,
 * so a query may stream many matches and rank a few. */
int fts_vn_register(sqlite3 *db);

#endif
