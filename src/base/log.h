/* log.h - logging to stderr with a timestamp and level. */
#ifndef TT_LOG_H
#define TT_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* When quiet, info lines are dropped (used by tests and benchmarks). */
void log_set_quiet(int quiet);

#endif
