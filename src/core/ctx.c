/* ctx.c - error details attached to a domain call. */
#include "core/ctx.h"

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

int ctx_date_valid(const char *d)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, day;
	char tail;
	if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-' ||
	    sscanf(d, "%4d-%2d-%2d%c", &y, &m, &day, &tail) != 3)
		return 0;
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || day < 1 || day > mdays[m - 1])
		return 0;
	if (m == 2 && day == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
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
