/* clock.h - the one clock of the domain. Every request, command and job
 * takes its "now" from clock_now() once, at its start, and carries it (see
 * tt_ctx.now). TTDN_NOW fixes the clock for the whole process, e.g.
 * TTDN_NOW=2026-06-18T08:00:00+07:00, for tests and rehearsals. Log lines
 * keep the wall clock. */
#ifndef TT_CLOCK_H
#define TT_CLOCK_H

#include <time.h>

#include "base/err.h"

/* Reads TTDN_NOW once. TT_ERR_INVALID (with *why, a static English text
 * naming the variable and the expected form) when it is set but is not an
 * ISO 8601 time with seconds and a zone. Unset or empty: the wall clock. */
tt_rc clock_init(const char **why);
/* The time now: TTDN_NOW when set, else the wall clock. */
time_t clock_now(void);

#endif
