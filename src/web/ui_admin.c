/* ui_admin.c - admin pages: users and their roles, the audit trail. */
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/auth.h"
#include "core/perm.h"
#include "web/page.h"
#include "web/routes.h"
#include "web/web_int.h"

static void users_page(http_req *r, const char *error, const char *new_password, const char *for_login)
{
	st_user *u = NULL;
	size_t n = 0;
	auth_user_list(&r->ctx, &u, &n);
	page_begin(r, _("Tài khoản"));
	P(r, "<h1>");
	T(r, _("Tài khoản người dùng"));
	P(r, "</h1>");
	page_flash(r);
	if (error) {
		P(r, "<p class=\"alert\" role=\"alert\">");
		T(r, error);
		P(r, "</p>");
	}
	if (new_password) {
		P(r, "<p class=\"flash\" role=\"status\">");
		T(r, _("Mật khẩu mới của tài khoản"));
		P(r, " <b>");
		T(r, for_login);
		P(r, "</b> ");
		T(r, _("(chỉ hiện một lần, hãy chuyển cho người dùng):"));
		P(r, " <code id=\"new-password\">");
		T(r, new_password);
		P(r, "</code></p>");
	}
	P(r, "<div class=\"table-wrap\"><table class=\"responsive\"><thead><tr><th>");
	T(r, _("Tên đăng nhập"));
	P(r, "</th><th>");
	T(r, _("Họ tên"));
	P(r, "</th><th>");
	T(r, _("Đơn vị"));
	P(r, "</th><th>");
	T(r, _("Vai trò"));
	P(r, "</th><th>");
	T(r, _("Đổi vai trò"));
	P(r, "</th></tr></thead><tbody>");
	static const tt_role roles[] = {ROLE_REPORTER, ROLE_COORDINATOR, ROLE_VIEWER, ROLE_ADMIN};
	for (size_t i = 0; i < n; i++) {
		P(r, "<tr><td data-label=\"");
		A(r, _("Tên đăng nhập"));
		P(r, "\">");
		T(r, u[i].login);
		P(r, "</td><td data-label=\"");
		A(r, _("Họ tên"));
		P(r, "\">");
		T(r, u[i].name);
		P(r, "</td><td data-label=\"");
		A(r, _("Đơn vị"));
		P(r, "\">");
		T(r, u[i].org_name);
		P(r, "</td><td data-label=\"");
		A(r, _("Vai trò"));
		P(r, "\">");
		T(r, page_role_label(u[i].role));
		if (u[i].disabled) {
			P(r, " <span class=\"badge overdue\">");
			T(r, _("đã khóa"));
			P(r, "</span>");
		}
		P(r, "</td><td data-label=\"");
		A(r, _("Đổi vai trò"));
		P(r, "\"><form method=\"post\" class=\"inline\" action=\"/admin/users/");
		U(r, u[i].login);
		P(r, "\">");
		page_csrf(r);
		P(r, "<select name=\"role\" aria-label=\"");
		A(r, _("Vai trò"));
		P(r, "\">");
		for (size_t k = 0; k < 4; k++) {
			P(r, "<option value=\"%s\"%s>", perm_role_name(roles[k]),
			  roles[k] == perm_role(u[i].role) ? " selected" : "");
			T(r, page_role_label(perm_role_name(roles[k])));
			P(r, "</option>");
		}
		P(r, "</select> <label><input type=\"checkbox\" name=\"disabled\" value=\"1\"%s> ",
		  u[i].disabled ? " checked" : "");
		T(r, _("Khóa"));
		P(r, "</label> <button type=\"submit\" class=\"secondary\">");
		T(r, _("Lưu"));
		P(r, "</button></form> <form method=\"post\" class=\"inline\" action=\"/admin/users/");
		U(r, u[i].login);
		P(r, "/password\">");
		page_csrf(r);
		P(r, "<button type=\"submit\" class=\"link\" data-confirm=\"");
		A(r,
		  _("Đặt lại mật khẩu? Mật khẩu cũ và các phiên đăng nhập của người này sẽ hết hiệu lực."));
		P(r, "\">");
		T(r, _("Đặt lại mật khẩu"));
		P(r, "</button></form></td></tr>");
	}
	P(r, "</tbody></table></div><h2>");
	T(r, _("Thêm tài khoản"));
	P(r, "</h2><form method=\"post\" action=\"/admin/users\" class=\"card stack\">");
	page_csrf(r);
	P(r, "<label for=\"login\">");
	T(r, _("Tên đăng nhập"));
	P(r, "</label><input type=\"text\" id=\"login\" name=\"login\" required pattern=\"[a-z0-9._@-]+\">"
	     "<label for=\"name\">");
	T(r, _("Họ tên"));
	P(r, "</label><input type=\"text\" id=\"name\" name=\"name\"><label for=\"org\">");
	T(r, _("Mã đơn vị (xem Danh mục đơn vị)"));
	P(r, "</label><input type=\"text\" id=\"org\" name=\"org\" required><label for=\"role\">");
	T(r, _("Vai trò"));
	P(r, "</label><select id=\"role\" name=\"role\">");
	for (size_t i = 0; i < 4; i++) {
		P(r, "<option value=\"%s\">", perm_role_name(roles[i]));
		T(r, page_role_label(perm_role_name(roles[i])));
		P(r, "</option>");
	}
	P(r, "</select><p class=\"muted\">");
	T(r, _("Mật khẩu được tạo ngẫu nhiên và hiện một lần sau khi lưu."));
	P(r, "</p><div class=\"actions\"><button type=\"submit\">");
	T(r, _("Thêm tài khoản"));
	P(r, "</button></div></form>");
	page_end(r);
}

tt_rc ui_admin_users(http_req *r)
{
	tt_rc rc = web_require_admin(r);
	if (rc)
		return rc;
	users_page(r, NULL, NULL, NULL);
	return TT_OK;
}

tt_rc ui_admin_user_create(http_req *r)
{
	char pw[17];
	tt_rc rc = web_require_admin(r);
	if (rc)
		return rc;
	auth_generate_password(pw, 16);
	rc = auth_user_add(&r->ctx, http_form(r, "login"), http_form(r, "name"), pw, http_form(r, "org"),
	                   http_form(r, "role"), NULL);
	if (rc == TT_ERR_INVALID || rc == TT_ERR_CONFLICT) {
		users_page(r, r->ctx.error_detail, NULL, NULL);
		r->status = http_status_of(rc);
		return TT_OK;
	}
	if (rc)
		return rc;
	users_page(r, NULL, pw, http_form(r, "login"));
	return TT_OK;
}

tt_rc ui_admin_audit(http_req *r)
{
	st_audit *e;
	size_t n;
	const char *page = http_query(r, "page");
	long pg = page ? strtol(page, NULL, 10) : 0;
	if (pg < 0)
		pg = 0;
	tt_rc rc = web_require_admin(r);
	if (rc || (rc = audit_list(&r->ctx, 100, (int)(pg * 100), &e, &n)))
		return rc;
	page_begin(r, _("Nhật ký thay đổi"));
	P(r, "<h1>");
	T(r, _("Nhật ký thay đổi"));
	P(r, "</h1><p class=\"muted\">");
	T(r, _("Mọi thay đổi được ghi lại và không thể sửa hoặc xóa."));
	P(r, "</p><div class=\"table-wrap\"><table class=\"responsive\" id=\"audit\"><thead><tr><th>");
	T(r, _("Thời điểm"));
	P(r, "</th><th>");
	T(r, _("Người thực hiện"));
	P(r, "</th><th>");
	T(r, _("Thao tác"));
	P(r, "</th><th>");
	T(r, _("Đối tượng"));
	P(r, "</th><th>");
	T(r, _("Trước"));
	P(r, "</th><th>");
	T(r, _("Sau"));
	P(r, "</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		P(r, "<tr><td data-label=\"");
		A(r, _("Thời điểm"));
		P(r, "\">");
		DS(r, e[i].at);
		P(r, "</td><td data-label=\"");
		A(r, _("Người thực hiện"));
		P(r, "\">");
		T(r, e[i].login ? e[i].login : "—");
		P(r, "</td><td data-label=\"");
		A(r, _("Thao tác"));
		P(r, "\"><code>");
		T(r, e[i].action);
		P(r, "</code></td><td data-label=\"");
		A(r, _("Đối tượng"));
		P(r, "\">");
		T(r, e[i].entity);
		if (e[i].entity_id) {
			P(r, " ");
			T(r, e[i].entity_id);
		}
		P(r, "</td><td data-label=\"");
		A(r, _("Trước"));
		P(r, "\"><small>");
		T(r, e[i].before ? e[i].before : "");
		P(r, "</small></td><td data-label=\"");
		A(r, _("Sau"));
		P(r, "\"><small>");
		T(r, e[i].after ? e[i].after : "");
		P(r, "</small></td></tr>");
	}
	P(r, "</tbody></table></div><p class=\"actions\">");
	if (pg > 0) {
		P(r, "<a class=\"button secondary\" href=\"/admin/audit?page=%ld\">← ", pg - 1);
		T(r, _("Mới hơn"));
		P(r, "</a>");
	}
	if (n == 100) {
		P(r, "<a class=\"button secondary\" href=\"/admin/audit?page=%ld\">", pg + 1);
		T(r, _("Cũ hơn"));
		P(r, " →</a>");
	}
	P(r, "</p>");
	return page_end(r);
}

tt_rc ui_admin_user_update(http_req *r)
{
	tt_rc rc = web_require_admin(r);
	if (rc)
		return rc;
	const char *dis = http_form(r, "disabled");
	rc = auth_user_update(&r->ctx, r->params[0], http_form(r, "role"), dis && !strcmp(dis, "1"));
	if (rc == TT_ERR_INVALID || rc == TT_ERR_CONFLICT) {
		users_page(r, r->ctx.error_detail, NULL, NULL);
		r->status = http_status_of(rc);
		return TT_OK;
	}
	return rc ? rc : http_redirect(r, "/admin/users?msg=user_saved");
}

tt_rc ui_admin_user_password(http_req *r)
{
	char pw[17];
	tt_rc rc = web_require_admin(r);
	if (rc)
		return rc;
	auth_generate_password(pw, 16);
	if ((rc = auth_reset_password(&r->ctx, r->params[0], pw)))
		return rc;
	users_page(r, NULL, pw, r->params[0]);
	return TT_OK;
}
