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

/* API (api_*.c) */
tt_rc api_login(http_req *r);
tt_rc api_logout(http_req *r);
tt_rc api_me(http_req *r);
tt_rc api_password(http_req *r);
tt_rc api_orgs(http_req *r);
tt_rc api_org(http_req *r);
tt_rc api_org_successors(http_req *r);
tt_rc api_org_history(http_req *r);
tt_rc api_rounds_list(http_req *r);
tt_rc api_rounds_create(http_req *r);
tt_rc api_round_get(http_req *r);
tt_rc api_round_reports(http_req *r);
tt_rc api_report_get(http_req *r);
tt_rc api_report_put(http_req *r);
tt_rc api_report_submit(http_req *r);
tt_rc api_report_return(http_req *r);
tt_rc api_round_completeness(http_req *r);
tt_rc api_round_consolidated(http_req *r);
tt_rc api_users(http_req *r);
tt_rc api_users_create(http_req *r);
tt_rc api_user_update(http_req *r);
tt_rc api_audit(http_req *r);
tt_rc api_documents_upload(http_req *r);
tt_rc api_documents_list(http_req *r);
tt_rc api_document_get(http_req *r);
tt_rc api_document_cited_by(http_req *r);
tt_rc api_job_get(http_req *r);
tt_rc api_jobs_list(http_req *r);

/* Pages (ui_*.c) */
tt_rc ui_healthz(http_req *r);
tt_rc ui_static(http_req *r);
tt_rc ui_login_form(http_req *r);
tt_rc ui_login_post(http_req *r);
tt_rc ui_logout(http_req *r);
tt_rc ui_home(http_req *r);
tt_rc ui_password_form(http_req *r);
tt_rc ui_password_post(http_req *r);
tt_rc ui_orgs(http_req *r);
tt_rc ui_org(http_req *r);
tt_rc ui_rounds(http_req *r);
tt_rc ui_round_new(http_req *r);
tt_rc ui_round_create(http_req *r);
tt_rc ui_round(http_req *r);
tt_rc ui_round_consolidated(http_req *r);
tt_rc ui_round_consolidated_csv(http_req *r);
tt_rc ui_report(http_req *r);
tt_rc ui_report_save(http_req *r);
tt_rc ui_report_return(http_req *r);
tt_rc ui_admin_users(http_req *r);
tt_rc ui_admin_user_create(http_req *r);
tt_rc ui_admin_user_update(http_req *r);
tt_rc ui_admin_user_password(http_req *r);
tt_rc ui_admin_audit(http_req *r);
tt_rc ui_documents(http_req *r);
tt_rc ui_documents_upload(http_req *r);
tt_rc ui_documents_imports(http_req *r);
tt_rc ui_document(http_req *r);
tt_rc ui_document_correct(http_req *r);
tt_rc ui_document_original(http_req *r);

#endif
