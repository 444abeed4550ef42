/* ctx.h - what every domain call runs with: a storage connection, an arena
 * for results, the acting principal (a user, or the system when the command
 * line says so explicitly: see perm.h) and the time of the request or
 * command (see base/clock.h). */
#ifndef TT_CTX_H
#define TT_CTX_H

#include <time.h>

#include "base/arena.h"
#include "base/err.h"
#include "store/store.h"

typedef struct {
	store *db;
	tt_arena *arena;
	const st_user *user;      /* the acting user; NULL: the system if .system, else nobody */
	int system;               /* set only by the command line: acts as the system */
	time_t now;               /* when this request or command started (clock_now()) */
	const char *error_detail; /* optional Vietnamese detail for the last error, arena-owned */
} tt_ctx;

/* Starts a domain call for a request or command: db, arena, no principal,
 * now = clock_now(), and the store stamps rows with that time. */
void ctx_start(tt_ctx *ctx, store *db, tt_arena *arena);
/* ctx_start, acting as the system: for the command line only. */
void ctx_start_system(tt_ctx *ctx, store *db, tt_arena *arena);
/* Takes a new "now" from the clock (a worker, per job). */
void ctx_tick(tt_ctx *ctx);

/* Sets ctx->error_detail (printf-style, in the arena) and returns rc. */
tt_rc ctx_fail(tt_ctx *ctx, tt_rc rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* 1 if d is a real calendar day written YYYY-MM-DD. */
int ctx_date_valid(const char *d);
/* 1 if s is NULL or only whitespace. */
int ctx_blank(const char *s);

#endif
