/* ctx.c - starting a domain call (principal, time) and the error details
 * attached to it. */
#include "core/ctx.h"

#include "base/cal.h"
#include "base/clock.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

tt_rc ctx_fail(tt_ctx *ctx, tt_rc rc, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	ctx->error_detail = arena_strdup(ctx->arena, msg);
	return rc;
}

void ctx_start(tt_ctx *ctx, store *db, tt_arena *arena)
{
	*ctx = (tt_ctx){.db = db, .arena = arena};
	ctx_tick(ctx);
}

void ctx_start_system(tt_ctx *ctx, store *db, tt_arena *arena)
{
	ctx_start(ctx, db, arena);
	ctx->system = 1;
}

void ctx_tick(tt_ctx *ctx)
{
	ctx->now = clock_now();
	if (ctx->db)
		store_set_now(ctx->db, ctx->now);
}

int ctx_date_valid(const char *d)
{
	return cal_date_valid(d);
}

int ctx_blank(const char *s)
{
	if (!s)
		return 1;
	for (; *s; s++)
		if (!strchr(" \t\r\n\v\f", *s))
			return 0;
	return 1;
}
