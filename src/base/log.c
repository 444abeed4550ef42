/* log.c - timestamped log lines on stderr, one fprintf per line so lines
 * from different threads do not interleave. */
#include "base/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "base/cal.h"

static int log_quiet;

void log_set_quiet(int quiet)
{
	log_quiet = quiet;
}

static void log_line(const char *level, const char *fmt, va_list ap)
{
	char msg[2048];
	char ts[32];
	cal_iso_utc(time(NULL), ts); /* log lines keep the wall clock */
	vsnprintf(msg, sizeof msg, fmt, ap);
	fprintf(stderr, "%s %s %s\n", ts, level, msg);
}

void log_info(const char *fmt, ...)
{
	if (log_quiet)
		return;
	va_list ap;
	va_start(ap, fmt);
	log_line("INFO", fmt, ap);
	va_end(ap);
}

void log_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_line("WARN", fmt, ap);
	va_end(ap);
}

void log_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_line("ERROR", fmt, ap);
	va_end(ap);
}
