/* ctx.h - what every domain call runs with: a storage connection, an arena
 * for results, and the acting user (NULL for the command line, which acts
 * as the system). */
#ifndef TT_CTX_H
#define TT_CTX_H

#include "base/arena.h"
#include "base/err.h"
#include "store/store.h"

typedef struct {
	store *db;
	tt_arena *arena;
	const st_user *user;      /* NULL = system (CLI) */
	const char *error_detail; /* optional Vietnamese detail for the last error, arena-owned */
} tt_ctx;

/* Sets ctx->error_detail (printf-style, in the arena) and returns rc. */
tt_rc ctx_fail(tt_ctx *ctx, tt_rc rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* 1 if d is a real calendar day written YYYY-MM-DD. */
int ctx_date_valid(const char *d);
/* 1 if s is NULL or only whitespace. */
int ctx_blank(const char *s);

#endif
