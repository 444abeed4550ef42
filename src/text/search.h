/* search.h - full-text search that both engines share: the tokenizer, the
 * query language and how a query is written for each engine, the
 * PostgreSQL tsvector of a text, and highlighted snippets.
 *
 * A text is cut into words (runs of letters, marks and digits). Each word
 * gives its folded syllable (vn_search_key: lower case, no diacritics,
 * đ -> d) at its own position and, at the same position ("colocated"):
 *  - "~" + its match key (vn_match_key) when that differs from the folded
 *    form, so a query typed with diacritics can rank exact words first
 *    (only at the first place each exact form has in the text: the search
 *    asks only whether the text holds it);
 *  - "_" + previous + "_" + this folded syllable, when both are common in
 *    the genre (search_pair_indexed): the pair ending here, so a phrase of
 *    common syllables is searched as a chain of pairs (short posting lists
 *    even for "thông tin đối ngoại", which nearly every document holds);
 *  - at the first word of a symbol (words joined by '/' or '-' with no
 *    space, e.g. "215/KH-UBND", "NĐ-CP"), the whole folded symbol
 *    ("215/kh-ubnd") as one term.
 * Folded syllables are never empty and never start with '~' or '_'. */
#ifndef TT_SEARCH_H
#define TT_SEARCH_H

#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"

/* Called once per token; colocated is 1 when the token shares the
 * position of the one before. start/end: the word's (or symbol's) bytes in
 * the text. A nonzero return stops the tokenizer, which returns it. */
typedef int (*search_token_fn)(void *arg, int colocated, const char *tok, size_t len, size_t start,
                               size_t end);

/* Words only: no exact, pair or symbol tokens. */
#define SEARCH_TOK_WORDS 1u
/* Everything but the exact forms (SQLite's main index). */
#define SEARCH_TOK_NO_EXACT 2u
/* The exact forms only, each at a position of its own (SQLite keeps them in
 * an index without positions: a search asks only whether a text holds them). */
#define SEARCH_TOK_EXACT 4u

/* Tokenizes s[0..n) (invalid UTF-8 bytes separate words). Returns 0, the
 * callback's nonzero value, or a tt_rc (TT_ERR_NOMEM) as a negative int. */
int search_tokenize(const char *s, size_t n, unsigned flags, search_token_fn fn, void *arg);

/* 1 when the index holds the pair of the folded syllables a then b: both
 * are common in the genre. */
int search_pair_indexed(const char *a, const char *b);

#define SEARCH_QUERY_MAX_CHARS 200
#define SEARCH_QUERY_MAX_TERMS 16

typedef enum {
	SEARCH_WORD,   /* one folded syllable */
	SEARCH_PREFIX, /* quang*: syllables beginning with key[0] */
	SEARCH_PHRASE, /* "quảng bá hình ảnh": the words in a row */
	SEARCH_SYMBOL, /* 215/KH-UBND: the folded symbol as one term */
} search_term_kind;

typedef struct {
	search_term_kind kind;
	size_t n;           /* words: 1 except for phrases */
	const char **key;   /* folded words (for a symbol: the symbol) */
	const char **exact; /* "~" + match key of each word, NULL when typed without diacritics */
} search_term;

/* A parsed query: its terms are ANDed. */
typedef struct search_query {
	search_term *terms;
	size_t n;
} search_query;

/* Parses what a user typed. Errors: TT_ERR_INVALID (empty or only
 * spaces), TT_ERR_TOO_LARGE (more than SEARCH_QUERY_MAX_CHARS characters),
 * TT_ERR_UTF8 (not UTF-8), TT_ERR_PARSE (no letter or digit to search, or
 * more than SEARCH_QUERY_MAX_TERMS terms). *out's strings live in a. */
tt_rc search_query_parse(tt_arena *a, const char *q, search_query *out);

/* The FTS5 MATCH expression of q for an index tokenized by ttdn_vn (see
 * store/fts_vn.h): every term quoted, phrases as chains of pairs where
 * the index holds them and of words elsewhere. *exact
 * gets the expression that the exact words (typed with diacritics) match,
 * or NULL when there are none. Strings live in a. */
tt_rc search_query_fts5(tt_arena *a, const search_query *q, const char **match, const char **exact);

/* The same as PostgreSQL tsquery literals over search_tsvector's lexemes. */
tt_rc search_query_tsquery(tt_arena *a, const search_query *q, const char **match, const char **exact);

/* Highest position search_tsvector writes (PostgreSQL's limit), and the
 * length of literal after which it stops, so that the stored tsvector stays
 * under PostgreSQL's 1 MiB whatever the text. */
#define SEARCH_TSV_MAX_POS 16383
#define SEARCH_TSV_MAX_BYTES 600000

/* Appends the tsvector literal of title (weight A) and body (positions
 * after the title's), with the same tokens as the FTS5 tokenizer; stops at
 * SEARCH_TSV_MAX_POS or SEARCH_TSV_MAX_BYTES. */
tt_rc search_tsvector(const char *title, const char *body, tt_buf *out);

/* Writes into *out (arena) text HTML-escaped, whitespace collapsed, the
 * words that q matches in <mark>...</mark>. words == 0: the whole text;
 * otherwise about that many words around the first match (the start when
 * none matches), with "…" where text was cut. */
tt_rc search_highlight(tt_arena *a, const char *text, const search_query *q, size_t words, const char **out);

#endif
