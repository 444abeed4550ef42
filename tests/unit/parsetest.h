/* parsetest.h - helpers shared by the parser's unit tests: parse a string
 * or a file, failing the test with the parser's message when it cannot. */
#ifndef TT_PARSETEST_H
#define TT_PARSETEST_H

#include <string.h>

#include "text/parse.h"

static inline doc *parse_str(const char *s)
{
	doc *d = NULL;
	parse_error err;
	tt_rc rc = parse_text(s, strlen(s), &d, &err);
	if (rc != TT_OK)
		fail_msg("parse failed: %s (%s)", tt_rc_name(rc), err.message);
	return d;
}

static inline doc *parse_path(const char *path)
{
	doc *d = NULL;
	parse_error err;
	tt_rc rc = parse_file(path, &d, &err);
	if (rc != TT_OK)
		fail_msg("%s: %s (%s)", path, tt_rc_name(rc), err.message);
	return d;
}

#endif
