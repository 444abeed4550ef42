/* routes.c - the site map: every URL ttdn answers, in one table. */
#include "web/routes.h"

#include <string.h>

#define API ROUTE_API
#define PUB ROUTE_PUBLIC
#define FORM ROUTE_FORM
#define ADMIN ROUTE_ADMIN

static const http_route routes[] = {
    /* operations and assets */
    {"GET", "/healthz", ui_healthz, PUB},
    {"GET", "/static/{}", ui_static, PUB},

    /* pages */
    {"GET", "/login", ui_login_form, PUB},
    {"POST", "/login", ui_login_post, PUB | ROUTE_NO_CSRF | FORM},
    {"POST", "/logout", ui_logout, FORM},
    {"GET", "/", ui_home, 0},
    {"GET", "/account/password", ui_password_form, 0},
    {"POST", "/account/password", ui_password_post, FORM},
    {"GET", "/orgs", ui_orgs, 0},
    {"GET", "/orgs/{}", ui_org, 0},
    {"GET", "/rounds", ui_rounds, 0},
    {"GET", "/rounds/new", ui_round_new, 0},
    {"POST", "/rounds", ui_round_create, FORM},
    {"GET", "/rounds/{}", ui_round, 0},
    {"GET", "/rounds/{}/consolidated", ui_round_consolidated, 0},
    {"GET", "/rounds/{}/consolidated.csv", ui_round_consolidated_csv, 0},
    {"GET", "/rounds/{}/reports/{}", ui_report, 0},
    {"POST", "/rounds/{}/reports/{}", ui_report_save, FORM},
    {"POST", "/rounds/{}/reports/{}/return", ui_report_return, FORM},
    {"GET", "/admin/users", ui_admin_users, ADMIN},
    {"POST", "/admin/users", ui_admin_user_create, ADMIN | FORM},
    {"POST", "/admin/users/{}", ui_admin_user_update, ADMIN | FORM},
    {"POST", "/admin/users/{}/password", ui_admin_user_password, ADMIN | FORM},
    {"GET", "/admin/audit", ui_admin_audit, ADMIN},
    {"GET", "/documents", ui_documents, 0},
    {"POST", "/documents", ui_documents_upload, ROUTE_WRITER | ROUTE_MULTIPART},
    {"GET", "/documents/imports", ui_documents_imports, 0},
    {"GET", "/documents/{}", ui_document, 0},
    {"POST", "/documents/{}", ui_document_correct, FORM},
    {"GET", "/documents/{}/original", ui_document_original, 0},

    /* JSON API, documented in docs/api.md */
    {"POST", "/api/v1/login", api_login, API | PUB | ROUTE_NO_CSRF},
    {"POST", "/api/v1/logout", api_logout, API},
    {"GET", "/api/v1/me", api_me, API},
    {"POST", "/api/v1/me/password", api_password, API},
    {"GET", "/api/v1/orgs", api_orgs, API},
    {"GET", "/api/v1/orgs/{}", api_org, API},
    {"GET", "/api/v1/orgs/{}/successors", api_org_successors, API},
    {"GET", "/api/v1/orgs/{}/history", api_org_history, API},
    {"GET", "/api/v1/rounds", api_rounds_list, API},
    {"POST", "/api/v1/rounds", api_rounds_create, API},
    {"GET", "/api/v1/rounds/{}", api_round_get, API},
    {"GET", "/api/v1/rounds/{}/reports", api_round_reports, API},
    {"GET", "/api/v1/rounds/{}/reports/{}", api_report_get, API},
    {"PUT", "/api/v1/rounds/{}/reports/{}", api_report_put, API},
    {"POST", "/api/v1/rounds/{}/reports/{}/submit", api_report_submit, API},
    {"POST", "/api/v1/rounds/{}/reports/{}/return", api_report_return, API},
    {"GET", "/api/v1/rounds/{}/completeness", api_round_completeness, API},
    {"GET", "/api/v1/rounds/{}/consolidated", api_round_consolidated, API},
    {"GET", "/api/v1/users", api_users, API | ADMIN},
    {"POST", "/api/v1/users", api_users_create, API | ADMIN},
    {"PUT", "/api/v1/users/{}", api_user_update, API | ADMIN},
    {"GET", "/api/v1/audit", api_audit, API | ADMIN},
    {"POST", "/api/v1/documents", api_documents_upload, API | ROUTE_WRITER | ROUTE_MULTIPART},
    {"GET", "/api/v1/documents", api_documents_list, API},
    {"GET", "/api/v1/documents/{}", api_document_get, API},
    {"GET", "/api/v1/documents/{}/cited-by", api_document_cited_by, API},
    {"GET", "/api/v1/jobs", api_jobs_list, API},
    {"GET", "/api/v1/jobs/{}", api_job_get, API},
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
