/* routes.h - the handlers of every page and API call, and the route table
 * (routes.c) that maps method and path to them. */
#ifndef TT_ROUTES_H
#define TT_ROUTES_H

#include "web/http.h"

typedef tt_rc (*http_handler)(http_req *r);

enum {
	ROUTE_PUBLIC = 1,     /* no login needed */
	ROUTE_NO_CSRF = 2,    /* a change that needs no CSRF token (login) */
	ROUTE_API = 4,        /* answers JSON; errors as JSON */
	ROUTE_FORM = 8,       /* body is an HTML form */
	ROUTE_MULTIPART = 16, /* body is multipart/form-data (uploads) */
	ROUTE_ADMIN = 32,     /* admins only, refused before the body is read */
	ROUTE_WRITER = 64,    /* not for viewers, refused before the body is read */
};

typedef struct {
	const char *method;
	const char *pattern; /* "/api/v1/rounds/{}/reports/{}": {} captures a segment */
	http_handler handler;
	int flags;
} http_route;

/* Finds the route for method and path, filling r->params. Returns NULL if
 * none; *method_mismatch is set when the path exists for another method. */
const http_route *route_match(http_req *r, const char *method, const char *path, int *method_mismatch);

/* The handler of every route: one declaration per line of routes.def. */
#define ROUTE(method, pattern, handler, flags) tt_rc handler(http_req *r);
#include "web/routes.def"
#undef ROUTE

#endif
