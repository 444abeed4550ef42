/* routes.c - the route table, built from the site map in routes.def, and
 * matching a request to its route. */
#include "web/routes.h"

#include <string.h>

#define API ROUTE_API
#define PUB ROUTE_PUBLIC
#define FORM ROUTE_FORM
#define ADMIN ROUTE_ADMIN

static const http_route routes[] = {
#define ROUTE(method, pattern, handler, flags) {method, pattern, handler, flags},
#include "web/routes.def"
#undef ROUTE
};

/* Matches one pattern; captures go to r->params. */
static int match(http_req *r, const char *pattern, const char *path)
{
	int np = 0;
	const char *p = pattern, *s = path;
	while (*p) {
		if (p[0] == '{' && p[1] == '}') {
			const char *end = s;
			while (*end && *end != '/')
				end++;
			/* A capture followed by a literal suffix such as ".csv". */
			const char *lit = p + 2;
			size_t litlen = strcspn(lit, "/");
			if (litlen && (size_t)(end - s) > litlen && !strncmp(end - litlen, lit, litlen))
				end -= litlen;
			if (end == s || np >= HTTP_MAX_PARAMS)
				return 0;
			r->params[np++] = arena_strndup(&r->arena, s, (size_t)(end - s));
			s = end;
			p += 2;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	if (*s)
		return 0;
	r->nparams = np;
	return 1;
}

const http_route *route_match(http_req *r, const char *method, const char *path, int *method_mismatch)
{
	*method_mismatch = 0;
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		if (!match(r, routes[i].pattern, path))
			continue;
		if (!strcmp(routes[i].method, method) ||
		    (!strcmp(method, "HEAD") && !strcmp(routes[i].method, "GET")))
			return &routes[i];
		*method_mismatch = 1;
	}
	return NULL;
}
