/* clock.c - the domain clock (see clock.h): the wall clock, or the fixed
 * time of TTDN_NOW, parsed once at start-up. */
#include "base/clock.h"

#include <stdlib.h>

#include "base/cal.h"

static time_t fixed_now;
static int fixed;

tt_rc clock_init(const char **why)
{
	const char *e = getenv("TTDN_NOW");
	fixed = 0;
	if (!e || !*e)
		return TT_OK;
	time_t t;
	if (cal_parse_iso(e, &t)) {
		if (why)
			*why = "TTDN_NOW must be an ISO 8601 time with seconds and a zone, "
			       "e.g. 2026-06-18T08:00:00+07:00";
		return TT_ERR_INVALID;
	}
	fixed_now = t;
	fixed = 1;
	return TT_OK;
}

time_t clock_now(void)
{
	return fixed ? fixed_now : time(NULL);
}
