/* ui_account.c - pages: login, logout, password change. */
#include <string.h>
#include <strings.h>

#include "core/auth.h"
#include "core/calendar.h"
#include "web/page.h"
#include "web/routes.h"

/* Only local paths are allowed as a post-login destination: one leading
 * slash not followed by another slash, and no backslash or control
 * character anywhere (browsers drop tabs and newlines from URLs, so a tab
 * between two slashes would make "//evil.example"). */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || strstr(next, "://"))
		return "/";
	for (const unsigned char *p = (const unsigned char *)next; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '\\')
			return "/";
	return next;
}

/* The pre-session cookie of the login form; Secure behind HTTPS. */
static void set_prelogin_cookie(http_req *r, const char *value, int max_age)
{
	const char *proto = http_header(r, "X-Forwarded-Proto");
	int secure = proto && !strcasecmp(proto, "https");
	http_set_header(r, "Set-Cookie",
	                arena_printf(&r->arena, "%s=%s; Path=/login; HttpOnly; SameSite=Strict; Max-Age=%d%s",
	                             AUTH_PRELOGIN_COOKIE, value, max_age, secure ? "; Secure" : ""));
}

/* "Quên mật khẩu?": only an admin sets a new password, so the help names
 * the admins with their bodies. It is the same for every visitor and asks
 * for nothing: whether a login exists is never told (see
 * auth_admin_contacts). */
static void forgot_help(http_req *r)
{
	enum { SHOWN = 40 };
	st_user *u = NULL;
	size_t n = 0;
	if (auth_admin_contacts(&r->ctx, SHOWN + 1, &u, &n))
		n = 0;
	P(r, "<details class=\"forgot\" id=\"forgot\"><summary>");
	T(r, _("Quên mật khẩu?"));
	P(r, "</summary><p>");
	T(r, _("Hệ thống không gửi mật khẩu qua thư. Hãy gọi điện hoặc gặp quản trị viên của cơ quan, "
	       "đơn vị mình (nếu cơ quan không có, quản trị viên của tỉnh, thành phố) và nói tên đăng "
	       "nhập của bạn; quản trị viên đặt cho bạn một mật khẩu mới, bạn đăng nhập rồi đổi ngay ở "
	       "mục \"Đổi mật khẩu\"."));
	P(r, "</p>");
	if (n) {
		P(r, "<p>");
		T(r, _("Quản trị viên:"));
		P(r, "</p><ul id=\"admins\">");
		for (size_t i = 0; i < n && i < SHOWN; i++) {
			P(r, "<li><b>");
			T(r, u[i].name && *u[i].name ? u[i].name : _("(chưa ghi tên)"));
			P(r, "</b> – ");
			T(r, u[i].org_name ? u[i].org_name : "");
			P(r, "</li>");
		}
		P(r, "</ul>");
		if (n > SHOWN) {
			P(r, "<p class=\"muted\">");
			T(r, _("Còn những quản trị viên khác; hãy hỏi văn phòng cơ quan mình."));
			P(r, "</p>");
		}
	} else {
		P(r, "<p>");
		T(r, _("Hãy hỏi văn phòng cơ quan mình ai quản trị hệ thống."));
		P(r, "</p>");
	}
	P(r, "</details>");
}

/* The login page, with a fresh pre-session cookie and its form token. */
static tt_rc login_form(http_req *r, const char *error, const char *login)
{
	const char *cookie, *field;
	tt_rc rc = auth_prelogin_new(&r->ctx, &cookie, &field);
	if (rc)
		return rc;
	set_prelogin_cookie(r, cookie, AUTH_PRELOGIN_MINUTES * 60);
	page_begin(r, _("Đăng nhập"));
	P(r, "<section class=\"card login\"><h1>");
	T(r, _("Đăng nhập"));
	P(r, "</h1>");
	if (error) {
		P(r, "<p class=\"alert\" role=\"alert\">");
		T(r, error);
		P(r, "</p>");
	}
	P(r, "<form method=\"post\" action=\"/login\" class=\"stack\">"
	     "<input type=\"hidden\" name=\"pre\" value=\"");
	A(r, field);
	P(r, "\"><input type=\"hidden\" name=\"next\" value=\"");
	A(r, safe_next(http_query(r, "next") ? http_query(r, "next") : http_form(r, "next")));
	P(r, "\"><label for=\"login\">");
	T(r, _("Tên đăng nhập"));
	P(r, "</label><input type=\"text\" id=\"login\" name=\"login\" autocomplete=\"username\" required "
	     "autofocus value=\"");
	A(r, login ? login : "");
	P(r, "\"><label for=\"password\">");
	T(r, _("Mật khẩu"));
	P(r, "</label><input type=\"password\" id=\"password\" name=\"password\" "
	     "autocomplete=\"current-password\" required>"
	     "<div class=\"actions\"><button type=\"submit\">");
	T(r, _("Đăng nhập"));
	P(r, "</button></div></form>");
	forgot_help(r);
	P(r, "</section>");
	return page_end(r);
}

tt_rc ui_login_form(http_req *r)
{
	if (r->authed)
		return http_redirect(r, "/");
	return login_form(r, NULL, NULL);
}

/* The login form posted: it must come with the pre-session cookie and the
 * token GET /login put in the form, so a page on another site cannot log
 * the browser into an account of its choosing (login CSRF). */
tt_rc ui_login_post(http_req *r)
{
	const char *token, *csrf;
	st_user u;
	const char *login = http_form(r, "login");
	tt_rc rc = auth_prelogin_check(&r->ctx, http_cookie(r, AUTH_PRELOGIN_COOKIE), http_form(r, "pre"));
	if (!rc)
		rc = auth_login(&r->ctx, r->client_ip, login, http_form(r, "password"), &token, &csrf, &u);
	if (rc == TT_ERR_UNAUTH || rc == TT_ERR_INVALID || rc == TT_ERR_THROTTLED || rc == TT_ERR_CSRF) {
		r->authed = 0;
		const char *error = r->ctx.error_detail ? r->ctx.error_detail : tt_rc_message(rc);
		tt_rc frc = login_form(r, error, login);
		if (frc)
			return frc;
		r->status = http_status_of(rc);
		return TT_OK;
	}
	if (rc)
		return rc;
	set_prelogin_cookie(r, "", 0);
	http_set_session_cookie(r, token);
	return http_redirect(r, safe_next(http_form(r, "next")));
}

tt_rc ui_logout(http_req *r)
{
	tt_rc rc = auth_logout(&r->ctx, r->session_token);
	if (rc)
		return rc;
	http_clear_session_cookie(r);
	return http_redirect(r, "/login");
}

/* The calendar feed's card: the address, with a notice right after it is
 * made anew (new_url). */
static void calendar_card(http_req *r, const char *new_url)
{
	const char *created = NULL, *url = NULL;
	if (calendar_created(&r->ctx, &created, &url))
		created = url = NULL;
	P(r, "<section class=\"card calendar-feed\" id=\"calendar\"><h2>");
	T(r, _("Lịch hạn nộp trên điện thoại"));
	P(r, "</h2><p>");
	T(r, _("Ứng dụng lịch của điện thoại hoặc máy tính có thể theo dõi một liên kết riêng của bạn để hiện "
	       "các hạn nộp báo cáo của đơn vị, hạn của các đợt báo cáo đơn vị tổ chức và hạn các nhiệm vụ "
	       "đơn vị chủ trì, kèm lời nhắc trước 3 ngày. Ai có liên kết này đều xem được các hạn đó: "
	       "đừng gửi nó cho người khác."));
	P(r, "</p>");
	if (new_url) {
		P(r, "<p class=\"notice\" role=\"status\">");
		T(r, _("Đã tạo liên kết mới; liên kết cũ (nếu có) không dùng được nữa. Hãy chép liên kết dưới đây "
		       "vào ứng dụng lịch."));
		P(r, "</p>");
	} else if (created) {
		P(r, "<p id=\"calendar-state\">");
		T(r, _("Bạn đã tạo liên kết lịch ngày"));
		P(r, " ");
		DS(r, created);
		P(r, ". ");
		T(r, _("Nếu nghi người khác biết liên kết, hãy tạo liên kết mới: liên kết cũ sẽ thôi hoạt động."));
		P(r, "</p>");
	}
	if (new_url || url) {
		P(r, "<label for=\"calendar-url\">");
		T(r, _("Liên kết lịch của bạn"));
		P(r, "</label><input type=\"text\" id=\"calendar-url\" readonly value=\"");
		A(r, new_url ? new_url : url);
		P(r, "\" onfocus=\"this.select()\">");
	} else {
		P(r, "<p id=\"calendar-state\">");
		T(r, _("Bạn chưa có liên kết lịch."));
		P(r, "</p>");
	}
	P(r, "<form method=\"post\" action=\"/account/calendar\">");
	page_csrf(r);
	P(r, "<div class=\"actions\"><button type=\"submit\" id=\"calendar-rotate\">");
	T(r, created || new_url ? _("Tạo liên kết mới") : _("Tạo liên kết"));
	P(r, "</button></div></form><p class=\"muted\">");
	T(r, _("Cách dùng: trên iPhone vào Cài đặt > Lịch > Tài khoản > Thêm tài khoản > Khác > Thêm lịch "
	       "đã đăng ký và dán liên kết; trên Android mở Google Lịch trên máy tính, chọn Thêm lịch > Từ "
	       "URL và dán liên kết."));
	P(r, "</p></section>");
}

static void password_form_with(http_req *r, const char *error, const char *calendar_url);

static void password_form(http_req *r, const char *error)
{
	password_form_with(r, error, NULL);
}

static void password_form_with(http_req *r, const char *error, const char *calendar_url)
{
	page_begin(r, _("Đổi mật khẩu"));
	P(r, "<section class=\"card login\"><h1>");
	T(r, _("Đổi mật khẩu"));
	P(r, "</h1>");
	page_flash(r);
	if (error) {
		P(r, "<p class=\"alert\" role=\"alert\">");
		T(r, error);
		P(r, "</p>");
	}
	P(r, "<form method=\"post\" action=\"/account/password\" class=\"stack\">");
	page_csrf(r);
	P(r, "<label for=\"old\">");
	T(r, _("Mật khẩu hiện tại"));
	P(r, "</label><input type=\"password\" id=\"old\" name=\"old_password\" "
	     "autocomplete=\"current-password\" required>"
	     "<label for=\"new\">");
	T(r, _("Mật khẩu mới (ít nhất 10 ký tự)"));
	P(r,
	  "</label><input type=\"password\" id=\"new\" name=\"new_password\" autocomplete=\"new-password\" "
	  "minlength=\"10\" required><label for=\"new2\">");
	T(r, _("Nhập lại mật khẩu mới"));
	P(r, "</label><input type=\"password\" id=\"new2\" name=\"new_password2\" "
	     "autocomplete=\"new-password\" minlength=\"10\" required data-same-as=\"new\" data-msg=\"");
	A(r, _("Hai lần nhập mật khẩu mới không giống nhau."));
	P(r, "\"><div class=\"actions\"><button type=\"submit\">");
	T(r, _("Lưu mật khẩu mới"));
	P(r, "</button></div></form></section>");
	calendar_card(r, calendar_url);
	page_end(r);
}

tt_rc ui_password_form(http_req *r)
{
	password_form(r, NULL);
	return TT_OK;
}

tt_rc ui_password_post(http_req *r)
{
	/* The new password typed twice must match; checked here too, not
	 * only in the browser. */
	const char *pw = http_form(r, "new_password"), *pw2 = http_form(r, "new_password2");
	if (!pw2 || !*pw2 || !pw || strcmp(pw, pw2)) {
		password_form(r, !pw2 || !*pw2
		                     ? _("Hãy nhập lại mật khẩu mới vào ô \"Nhập lại mật khẩu mới\".")
		                     : _("Hai lần nhập mật khẩu mới không giống nhau; hãy gõ lại cả hai ô."));
		r->status = 400;
		return TT_OK;
	}
	tt_rc rc = auth_change_password(&r->ctx, r->session_token, http_form(r, "old_password"),
	                                http_form(r, "new_password"));
	if (rc == TT_ERR_INVALID) {
		password_form(r, r->ctx.error_detail);
		r->status = 400;
		return TT_OK;
	}
	return rc ? rc : http_redirect(r, "/account/password?msg=password");
}

/* "Tạo liên kết mới": a new calendar address, shown once on the page. */
tt_rc ui_calendar_rotate(http_req *r)
{
	const char *url;
	tt_rc rc = calendar_rotate(&r->ctx, &url);
	if (rc)
		return rc;
	password_form_with(r, NULL, url);
	return TT_OK;
}
