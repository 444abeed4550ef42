/* fts_vn.h - the ttdn_vn FTS5 tokenizer (text/search.h) on an SQLite
 * connection. The SQLite engine registers it on every connection it opens;
 * the benchmark registers it on its own raw connections. */
#ifndef TT_FTS_VN_H
#define TT_FTS_VN_H

#include <sqlite3.h>

/* Registers the tokenizer named "ttdn_vn" on db. Returns an SQLite result
 * code (SQLITE_OK, or SQLITE_ERROR when FTS5 is missing). Its argument
 * chooses the tokens of text/search.h: none (all of them), "main" (all but
 * the exact forms) or "exact" (only those, for an index with detail=none
 * that the exact expression of search_query_fts5 is matched against). */
int fts_vn_register(sqlite3 *db);

#endif
