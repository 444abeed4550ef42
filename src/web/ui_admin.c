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
		P(r, "</select> <input type=\"email\" name=\"email\" maxlength=\"254\" placeholder=\"");
		A(r, _("Thư điện tử"));
		P(r, "\" aria-label=\"");
		A(r, _("Thư điện tử"));
		P(r, "\" value=\"");
		A(r, u[i].email ? u[i].email : "");
		P(r, "\"> <label><input type=\"checkbox\" name=\"disabled\" value=\"1\"%s> ",
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
	P(r, "</label><input type=\"text\" id=\"org\" name=\"org\" required><label for=\"email\">");
	T(r, _("Thư điện tử (để nhận thư nhắc hạn báo cáo)"));
	P(r, "</label><input type=\"email\" id=\"email\" name=\"email\" maxlength=\"254\"><label for=\"role\">");
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
	rc = auth_user_add_email(&r->ctx, http_form(r, "login"), http_form(r, "name"), pw, http_form(r, "org"),
	                         http_form(r, "role"), http_form(r, "email"), NULL);
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

/* Every action the code records (grep audit_record), as people name it;
 * an action not listed here is shown by its code. */
static const struct {
	const char *code, *name;
} audit_actions[] = {
    {"user.create", N_("Tạo tài khoản")},
    {"user.update", N_("Đổi vai trò hoặc khóa tài khoản")},
    {"user.password", N_("Đổi mật khẩu")},
    {"user.email", N_("Đổi địa chỉ thư điện tử")},
    {"setting.set", N_("Đổi cài đặt hệ thống")},
    {"remind.send", N_("Gửi thư nhắc hạn báo cáo")},
    {"user.password_reset", N_("Đặt lại mật khẩu")},
    {"org.create", N_("Thêm đơn vị")},
    {"org.update", N_("Sửa đơn vị")},
    {"org.add_departments", N_("Thêm các sở, ban ngành chuẩn")},
    {"org.load_admin_units", N_("Nạp danh mục đơn vị hành chính")},
    {"org.import_csv", N_("Nhập danh sách đơn vị từ tệp CSV")},
    {"org.alias_add", N_("Thêm tên gọi khác của đơn vị")},
    {"round.create", N_("Tạo đợt báo cáo")},
    {"report.save", N_("Lưu báo cáo")},
    {"report.submit", N_("Gửi báo cáo")},
    {"report.return", N_("Trả lại báo cáo")},
    {"round.update", N_("Sửa đợt báo cáo")},
    {"round.close", N_("Đóng đợt báo cáo")},
    {"round.reopen", N_("Mở lại đợt báo cáo")},
    {"round.delete", N_("Xóa đợt báo cáo")},
    {"report.extend", N_("Gia hạn nộp báo cáo cho đơn vị")},
    {"report.approve", N_("Duyệt báo cáo")},
    {"report.unapprove", N_("Bỏ duyệt báo cáo")},
    {"document.import", N_("Nhập văn bản")},
    {"document.correct", N_("Sửa thông tin văn bản")},
    {"plan.create", N_("Lập kế hoạch")},
    {"plan.from_document", N_("Lập kế hoạch từ văn bản")},
    {"plan.copy", N_("Sao chép kế hoạch sang năm sau")},
    {"plan.update", N_("Sửa kế hoạch")},
    {"plan.group.add", N_("Thêm nhóm nhiệm vụ")},
    {"plan.task.add", N_("Thêm nhiệm vụ")},
    {"plan.task.update", N_("Sửa nhiệm vụ")},
    {"plan.task.resolve", N_("Chọn đơn vị cho nhiệm vụ")},
    {"plan.progress", N_("Cập nhật tiến độ nhiệm vụ")},
    {"activity.create", N_("Ghi nhận hoạt động")},
    {"activity.update", N_("Sửa hoạt động")},
    {"activity.delete", N_("Xóa hoạt động")},
    {"activity.attachment.add", N_("Đính kèm tệp vào hoạt động")},
    {"activity.attachment.delete", N_("Xóa tệp đính kèm của hoạt động")},
    {"round.text.save", N_("Lưu bản tổng hợp của đợt báo cáo")},
    /* schedules, round copy, the ministry level */
    {"schedule.create", N_("Lập lịch báo cáo định kỳ")},
    {"schedule.update", N_("Sửa lịch báo cáo định kỳ")},
    {"schedule.delete", N_("Xóa lịch báo cáo định kỳ")},
    {"round.copy", N_("Sao chép đợt báo cáo sang kỳ khác")},
    {"org.add_ministry", N_("Thêm bộ, cục nhận báo cáo của các tỉnh")},
    /* calendar feed */
    {"calendar.rotate", N_("Tạo liên kết lịch hạn nộp mới")},
};

/* What the fields of before and after are called on the page; a field
 * not listed here is shown by its key. */
static const struct {
	const char *key, *name;
} audit_fields[] = {
    {"login", N_("Tên đăng nhập")}, {"name", N_("Tên")},
    {"org", N_("Đơn vị")},          {"role", N_("Vai trò")},
    {"disabled", N_("Bị khóa")},    {"title", N_("Tiêu đề")},
    {"period_start", N_("Kỳ từ ngày")}, {"period_end", N_("Kỳ đến ngày")},
    {"due", N_("Hạn nộp")},         {"orgs", N_("Số đơn vị")},
    {"status", N_("Trạng thái")},   {"submitted_at", N_("Gửi lúc")},
    {"comment", N_("Lý do trả lại")}, {"sections", N_("Mục")},
    {"counts", N_("Số liệu")},      {"kind", N_("Loại")},
    {"symbol", N_("Số, ký hiệu")},  {"issuer_code", N_("Cơ quan ban hành")},
    {"place", N_("Địa danh")},      {"date", N_("Ngày")},
    {"filename", N_("Tệp")},        {"sha256", N_("Mã băm")},
    {"parent_code", N_("Trực thuộc")}, {"valid_from", N_("Hiệu lực từ")},
    {"valid_to", N_("Hiệu lực đến")}, {"alias", N_("Tên gọi khác")},
    {"file", N_("Tệp")},            {"rows", N_("Số dòng")},
    {"province", N_("Tỉnh")},       {"at", N_("Vào ngày")},
    {"created", N_("Đã tạo")},      {"provinces", N_("Số tỉnh")},
    {"communes", N_("Số xã")},      {"old_provinces", N_("Số tỉnh cũ")},
    {"old_districts", N_("Số huyện cũ")}, {"old_communes", N_("Số xã cũ")},
    {"notes", N_("Ghi chú vì sao khác sổ hoạt động")},
    {"email", N_("Thư điện tử")},   {"value", N_("Giá trị")},
    {"reminders", N_("Thư nhắc đã gửi")},
};

/* What kind of thing an entry is about. */
static const char *audit_entity_name(const char *entity)
{
	static const struct {
		const char *code, *name;
	} names[] = {{"user", N_("Tài khoản")}, {"org", N_("Đơn vị")},     {"round", N_("Đợt báo cáo")},
	             {"report", N_("Báo cáo")}, {"document", N_("Văn bản")},
	             {"plan", N_("Kế hoạch")},   {"activity", N_("Hoạt động")},
	             {"setting", N_("Cài đặt")}};
	for (size_t i = 0; entity && i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(entity, names[i].code))
			return _(names[i].name);
	return entity ? entity : "";
}

static const char *audit_action_name(const char *code)
{
	for (size_t i = 0; code && i < sizeof audit_actions / sizeof audit_actions[0]; i++)
		if (!strcmp(code, audit_actions[i].code))
			return _(audit_actions[i].name);
	return NULL;
}

static const char *audit_field_name(const char *key)
{
	for (size_t i = 0; i < sizeof audit_fields / sizeof audit_fields[0]; i++)
		if (!strcmp(key, audit_fields[i].key))
			return _(audit_fields[i].name);
	return key;
}

/* One value as read: a string as is, true/false as có/không, a number,
 * anything else compact JSON; long values are cut. Empty/absent is "—". */
static void audit_value(http_req *r, const char *key, const json_t *v)
{
	enum { CUT = 160 };
	if (!v || json_is_null(v)) {
		P(r, "<i class=\"muted\">—</i>");
		return;
	}
	if (json_is_true(v) || json_is_false(v)) {
		T(r, json_is_true(v) ? _("có") : _("không"));
		return;
	}
	if (json_is_number(v)) {
		NUM(r, json_number_value(v));
		return;
	}
	/* Roles and report states by their names on the other pages. */
	if (json_is_string(v) && key && !strcmp(key, "role")) {
		T(r, page_role_label(json_string_value(v)));
		return;
	}
	if (json_is_string(v) && key && !strcmp(key, "status")) {
		T(r, page_status_label(json_string_value(v)));
		return;
	}
	char *dump = NULL;
	const char *s = json_is_string(v) ? json_string_value(v) : (dump = json_dumps(v, JSON_COMPACT));
	if (!s)
		return;
	if (!*s) {
		P(r, "<i class=\"muted\">—</i>");
		free(dump);
		return;
	}
	size_t n = strlen(s);
	if (n > CUT) {
		size_t k = CUT;
		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--; /* cut on a character boundary */
		char *cut = arena_alloc(&r->arena, k + 1);
		if (cut) {
			memcpy(cut, s, k);
			cut[k] = '\0';
			T(r, cut);
			P(r, "…");
		}
	} else
		T(r, s);
	free(dump);
}

/* One changed field: "name: before → after" (only after when created, only
 * before when removed). */
static void audit_change(http_req *r, const char *key, const char *path, const json_t *b, const json_t *a,
                         int has_before)
{
	P(r, "<li><b>");
	T(r, path);
	P(r, ":</b> ");
	if (has_before) {
		P(r, "<del>");
		audit_value(r, key, b);
		P(r, "</del> → ");
	}
	P(r, "<ins>");
	audit_value(r, key, a);
	P(r, "</ins></li>");
}

/* The fields that differ between before and after, one level of nested
 * objects deep ("Mục › tinh_hinh"); unchanged fields are left out. */
static void audit_diff(http_req *r, const json_t *b, const json_t *a, const char *prefix, int depth)
{
	const char *key;
	json_t *v;
	int has_before = b != NULL;
	/* Keys of after in its order, then those only in before. */
	for (int pass = 0; pass < 2; pass++) {
		const json_t *o = pass ? b : a;
		if (!json_is_object(o))
			continue;
		json_object_foreach((json_t *)o, key, v)
		{
			if (pass && json_object_get(a, key))
				continue;
			json_t *bv = json_object_get(b, key), *av = json_object_get(a, key);
			if (bv && av && json_equal(bv, av))
				continue;
			const char *name = audit_field_name(key);
			const char *path =
			    prefix ? arena_printf(&r->arena, "%s › %s", prefix, name) : name;
			if (!path)
				continue;
			if (depth == 0 && (json_is_object(bv) || json_is_object(av)))
				audit_diff(r, json_is_object(bv) ? bv : NULL, json_is_object(av) ? av : NULL, path, 1);
			else
				audit_change(r, key, path, bv, av, has_before);
		}
	}
}

/* Before and after as the list of what changed; a value that is not an
 * object is shown whole. */
static void audit_changes(http_req *r, const st_audit *e)
{
	json_error_t err;
	json_t *b = e->before ? json_loads(e->before, 0, &err) : NULL;
	json_t *a = e->after ? json_loads(e->after, 0, &err) : NULL;
	P(r, "<ul class=\"diff\">");
	if ((b && !json_is_object(b)) || (a && !json_is_object(a)))
		audit_change(r, NULL, _("Giá trị"), b, a, b != NULL);
	else if (a || b)
		audit_diff(r, b, a, NULL, 0);
	else {
		/* A password set or reset: the new one is never recorded. */
		P(r, "<li class=\"muted\">");
		T(r, _("(không ghi nội dung)"));
		P(r, "</li>");
	}
	P(r, "</ul>");
	json_decref(b);
	json_decref(a);
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
	T(r, _("Mọi thay đổi được ghi lại và không thể sửa hoặc xóa. Mỗi dòng cho biết trường nào "
	       "đổi từ giá trị nào (gạch ngang) sang giá trị nào."));
	P(r, "</p><div class=\"table-wrap\"><table class=\"responsive cards\" id=\"audit\"><thead><tr><th>");
	T(r, _("Thời điểm"));
	P(r, "</th><th>");
	T(r, _("Người thực hiện"));
	P(r, "</th><th>");
	T(r, _("Thao tác"));
	P(r, "</th><th>");
	T(r, _("Đối tượng"));
	P(r, "</th><th>");
	T(r, _("Thay đổi"));
	P(r, "</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		const char *action = audit_action_name(e[i].action);
		P(r, "<tr><td data-label=\"");
		A(r, _("Thời điểm"));
		P(r, "\" class=\"audit-at\">");
		DS(r, e[i].at);
		P(r, "</td><td data-label=\"");
		A(r, _("Người thực hiện"));
		P(r, "\">");
		T(r, e[i].login ? e[i].login : "—");
		P(r, "</td><td data-label=\"");
		A(r, _("Thao tác"));
		P(r, "\" class=\"audit-action\" data-action=\"");
		A(r, e[i].action ? e[i].action : "");
		P(r, "\">");
		if (action)
			T(r, action);
		else {
			P(r, "<code>");
			T(r, e[i].action);
			P(r, "</code>");
		}
		P(r, "</td><td data-label=\"");
		A(r, _("Đối tượng"));
		P(r, "\">");
		T(r, audit_entity_name(e[i].entity));
		if (e[i].entity_id) {
			P(r, " ");
			T(r, e[i].entity_id);
		}
		P(r, "</td><td data-label=\"");
		A(r, _("Thay đổi"));
		P(r, "\" class=\"audit-changes\">");
		audit_changes(r, &e[i]);
		P(r, "</td></tr>");
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
	const char *email = http_form(r, "email");
	/* The address first: a bad one changes nothing. */
	rc = email ? auth_user_set_email(&r->ctx, r->params[0], email) : TT_OK;
	if (!rc)
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
