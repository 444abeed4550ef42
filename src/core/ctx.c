/* ctx.c - error details attached to a domain call. */
#include "core/ctx.h"

#include <stdarg.h>
#include <stdio.h>

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
