/* api_auth.c - JSON API: login, logout, the current user, password change,
 * users and the audit trail (admin). */
#include <string.h>
#include <strings.h>

#include "core/audit.h"
#include "core/auth.h"
#include "core/calendar.h"
#include "core/perm.h"
#include "web/kit.h"
#include "web/routes.h"
#include "web/web_int.h"

/* 1 when the request says its body is JSON ("application/json", with or
 * without parameters). */
static int is_json_request(http_req *r)
{
	const char *ct = http_header(r, "Content-Type");
	if (!ct)
		return 0;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	size_t n = strlen("application/json");
	return !strncasecmp(ct, "application/json", n) &&
	       (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ' || ct[n] == '\t');
}

tt_rc api_login(http_req *r)
{
	json_t *body;
	/* A cross-site page can post text/plain or a form without a CORS
	 * preflight, but not application/json: only JSON logs in here. */
	if (!is_json_request(r))
		return ctx_fail(&r->ctx, TT_ERR_UNSUPPORTED,
		                "Đăng nhập qua API cần Content-Type: application/json.");
	tt_rc rc = http_json_body(r, &body);
	if (rc)
		return rc;
	const char *login = json_string_value(json_object_get(body, "login"));
	const char *password = json_string_value(json_object_get(body, "password"));
	const char *token, *csrf;
	st_user u;
	if (!login || !password) {
		json_decref(body);
		return ctx_fail(&r->ctx, TT_ERR_INVALID, "Cần có login và password (chuỗi).");
	}
	rc = auth_login(&r->ctx, r->client_ip, login, password, &token, &csrf, &u);
	json_decref(body);
	if (rc)
		return rc;
	http_set_session_cookie(r, token);
	return http_send_json(r, 200,
	                      json_pack("{s:s, s:{s:s, s:s, s:s, s:s, s:s}}", "csrf_token", csrf, "user",
	                                "login", u.login, "name", u.name, "role", u.role, "org_code",
	                                u.org_code, "org_name", u.org_name));
}

tt_rc api_logout(http_req *r)
{
	tt_rc rc = auth_logout(&r->ctx, r->session_token);
	if (rc)
		return rc;
	http_clear_session_cookie(r);
	return http_send_json(r, 200, json_pack("{s:b}", "ok", 1));
}

tt_rc api_me(http_req *r)
{
	const char *cal = NULL, *url = NULL;
	tt_rc rc = calendar_created(&r->ctx, &cal, &url);
	if (rc)
		return rc;
	/* calendar_url is null until the user makes a feed address. */
	return http_send_json(r, 200,
	                      json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:s?}", "login", r->user.login,
	                                "name", r->user.name, "role", r->user.role, "org_code",
	                                r->user.org_code, "org_name", r->user.org_name, "csrf_token", r->csrf,
	                                "calendar_url", url, "calendar_created_at", cal));
}

/* POST /api/v1/me/calendar: a new calendar feed address, replacing the old. */
tt_rc api_calendar_rotate(http_req *r)
{
	const char *url;
	tt_rc rc = calendar_rotate(&r->ctx, &url);
	return rc ? rc : http_send_json(r, 201, json_pack("{s:s}", "calendar_url", url));
}

tt_rc api_password(http_req *r)
{
	json_t *body;
	tt_rc rc = http_json_body(r, &body);
	if (rc)
		return rc;
	rc = auth_change_password(&r->ctx, r->session_token,
	                          json_string_value(json_object_get(body, "old_password")),
	                          json_string_value(json_object_get(body, "new_password")));
	json_decref(body);
	return rc ? rc : http_send_json(r, 200, json_pack("{s:b}", "ok", 1));
}

tt_rc web_require_admin(http_req *r)
{
	return perm_check(&r->ctx, PERM_ADMIN_USERS, 0);
}

tt_rc api_users(http_req *r)
{
	st_user *u;
	size_t n;
	tt_rc rc = web_require_admin(r);
	if (rc || (rc = auth_user_list(&r->ctx, &u, &n)))
		return rc;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr,
		                      json_pack("{s:s, s:s, s:s, s:s, s:b, s:s}", "login", u[i].login, "name",
		                                u[i].name, "role", u[i].role, "org_code", u[i].org_code,
		                                "disabled", u[i].disabled, "created_at", u[i].created_at));
	return http_send_json(r, 200, arr);
}

tt_rc api_users_create(http_req *r)
{
	const char *login = NULL, *name = NULL, *password = NULL, *org = NULL, *role = NULL;
	const kit_field in[] = {
	    {.name = "login", .type = KIT_TEXT, .required = 1, .max_len = 64, .text = &login},
	    {.name = "name", .type = KIT_TEXT, .max_len = 200, .text = &name},
	    {.name = "password", .type = KIT_TEXT, .required = 1, .max_len = 4096, .text = &password},
	    {.name = "org_code", .type = KIT_TEXT, .required = 1, .max_len = 64, .text = &org},
	    {.name = "role", .type = KIT_TEXT, .required = 1, .max_len = 32, .text = &role},
	};
	int64_t id;
	tt_rc rc = web_require_admin(r);
	if (rc || (rc = kit_json(r, in, sizeof in / sizeof in[0])) ||
	    (rc = auth_user_add(&r->ctx, login, name, password, org, role, &id)))
		return rc;
	return http_send_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

tt_rc api_audit(http_req *r)
{
	st_audit *e;
	size_t n;
	long long limit = 100, offset = 0;
	const kit_field in[] = {
	    {.name = "limit", .type = KIT_INT, .min = 1, .max = 1000, .clamp = 1, .num = &limit},
	    {.name = "offset", .type = KIT_INT, .max = INT32_MAX, .num = &offset},
	};
	tt_rc rc = web_require_admin(r);
	if (rc || (rc = kit_query(r, in, sizeof in / sizeof in[0])) ||
	    (rc = audit_list(&r->ctx, (int)limit, (int)offset, &e, &n)))
		return rc;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_error_t err;
		json_t *before = e[i].before ? json_loads(e[i].before, 0, &err) : json_null();
		json_t *after = e[i].after ? json_loads(e[i].after, 0, &err) : json_null();
		json_array_append_new(arr,
		                      json_pack("{s:I, s:s, s:s?, s:s, s:s, s:s?, s:o?, s:o?}", "id",
		                                (json_int_t)e[i].id, "at", e[i].at, "login", e[i].login,
		                                "action", e[i].action, "entity", e[i].entity, "entity_id",
		                                e[i].entity_id, "before", before, "after", after));
	}
	return http_send_json(r, 200, arr);
}

tt_rc api_user_update(http_req *r)
{
	json_t *body;
	tt_rc rc = web_require_admin(r);
	if (rc || (rc = http_json_body(r, &body)))
		return rc;
	json_t *dis = json_object_get(body, "disabled");
	if (dis && !json_is_boolean(dis))
		rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "disabled phải là true hoặc false.");
	else
		rc = auth_user_update(&r->ctx, r->params[0], json_string_value(json_object_get(body, "role")),
		                      dis ? json_is_true(dis) : -1);
	json_decref(body);
	return rc ? rc : http_send_json(r, 200, json_pack("{s:b}", "ok", 1));
}
