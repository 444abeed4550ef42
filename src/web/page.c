/* page.c - page layout, navigation, error pages and output helpers. */
#include "web/page.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/cal.h"
#include "base/log.h"
#include "core/perm.h"
#include "text/number.h"

void P(http_req *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&r->out, fmt, ap);
	va_end(ap);
}

void T(http_req *r, const char *s)
{
	html_text(&r->out, s);
}

void TB(http_req *r, const char *s)
{
	html_text_br(&r->out, s);
}

void A(http_req *r, const char *s)
{
	html_attr(&r->out, s);
}

void NUM(http_req *r, double v)
{
	vn_number_format(&r->out, v);
}

void U(http_req *r, const char *s)
{
	html_url(&r->out, s);
}

void D(http_req *r, const char *iso)
{
	date_vn_long(&r->out, iso);
}

void DS(http_req *r, const char *iso)
{
	date_vn_short(&r->out, iso);
}

const char *page_url_escape(http_req *r, const char *s)
{
	tt_buf b;
	buf_init(&b, 0);
	html_url(&b, s);
	const char *out = arena_strdup(&r->arena, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

void page_csrf(http_req *r)
{
	P(r, "<input type=\"hidden\" name=\"csrf\" value=\"");
	A(r, r->csrf);
	P(r, "\">");
}

const char *page_role_label(const char *role)
{
	switch (perm_role(role)) {
	case ROLE_ADMIN: return _("Quản trị hệ thống");
	case ROLE_COORDINATOR: return _("Điều phối");
	case ROLE_REPORTER: return _("Cán bộ báo cáo");
	case ROLE_VIEWER: return _("Lãnh đạo (xem)");
	default: return role ? role : "";
	}
}

const char *page_status_label(const char *status)
{
	if (!status)
		return "";
	if (!strcmp(status, "draft"))
		return _("Chưa gửi");
	if (!strcmp(status, "submitted"))
		return _("Đã gửi");
	if (!strcmp(status, "returned"))
		return _("Bị trả lại");
	if (!strcmp(status, "approved"))
		return _("Đã duyệt");
	return status;
}

const char *page_report_label(const char *status, const char *updated_at, const char **cls)
{
	int fresh = status && !strcmp(status, "draft") && !updated_at;
	if (cls)
		*cls = fresh ? "not_started" : status ? status : "";
	return fresh ? _("Chưa bắt đầu") : page_status_label(status);
}

/* A small count from the query (0 when absent or not digits). */
static int flash_count(const char *v)
{
	if (!v || !*v || strlen(v) > 6 || strspn(v, "0123456789") != strlen(v))
		return 0;
	return (int)strtol(v, NULL, 10);
}

void page_flash(http_req *r)
{
	static const struct {
		const char *key, *text;
	} flashes[] = {
	    {"saved", N_("Đã lưu bản nháp.")},
	    {"submitted", N_("Đã gửi báo cáo.")},
	    {"returned", N_("Đã trả lại báo cáo cho đơn vị.")},
	    {"created", N_("Đã tạo đợt báo cáo.")},
	    {"user", N_("Đã tạo tài khoản.")},
	    {"password", N_("Đã đổi mật khẩu.")},
	    {"user_saved", N_("Đã lưu thay đổi tài khoản.")},
	    {"doc_saved", N_("Đã lưu thông tin văn bản.")},
	    {"reset", N_("Đã đặt lại mật khẩu.")},
	    {"progress", N_("Đã lưu tiến độ.")},
	    {"plan_saved", N_("Đã lưu kế hoạch.")},
	    {"plan_created", N_("Đã tạo kế hoạch (dự thảo).")},
	    {"activity_saved", N_("Đã lưu hoạt động.")},
	    {"activity_deleted", N_("Đã xóa hoạt động.")},
	    {"attached", N_("Đã đính kèm tệp.")},
	    {"attachment_deleted", N_("Đã xóa tệp đính kèm.")},
	    {"approved", N_("Đã duyệt báo cáo.")},
	    {"unapproved", N_("Đã bỏ duyệt báo cáo.")},
	    {"extended", N_("Đã gia hạn nộp báo cáo cho đơn vị.")},
	    {"round_saved", N_("Đã lưu thay đổi của đợt báo cáo.")},
	    {"closed", N_("Đã đóng đợt báo cáo: các đơn vị không lưu, gửi báo cáo được nữa.")},
	    {"reopened", N_("Đã mở lại đợt báo cáo.")},
	    {"deleted", N_("Đã xóa đợt báo cáo.")},
	};
	const char *m = http_query(r, "msg");
	for (size_t i = 0; m && i < sizeof flashes / sizeof flashes[0]; i++)
		if (!strcmp(m, flashes[i].key)) {
			P(r, "<p class=\"flash\" role=\"status\">");
			T(r, _(flashes[i].text));
			P(r, "</p>");
		}
	if (m && !strcmp(m, "reminded")) {
		const char *n = http_query(r, "n"), *f = http_query(r, "f");
		int sent = flash_count(n), failed = flash_count(f);
		P(r, "<p class=\"flash\" role=\"status\">");
		T(r, arena_printf(&r->arena, _("Đã gửi %d thư nhắc nhở."), sent));
		if (failed)
			T(r, arena_printf(&r->arena, _(" %d thư không gửi được."), failed));
		P(r, "</p>");
	}
}

static void nav_link(http_req *r, const char *href, const char *label)
{
	size_t n = strlen(href);
	int current = !strcmp(r->path, href) || (n > 1 && !strncmp(r->path, href, n) && r->path[n] == '/');
	P(r, "<a href=\"");
	A(r, href);
	P(r, "\"%s>", current ? " aria-current=\"page\"" : "");
	T(r, label);
	P(r, "</a>");
}

tt_rc page_begin(http_req *r, const char *title)
{
	buf_reset(&r->out);
	P(r, "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
	     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	T(r, title);
	P(r, " · ttdn</title>\n<link rel=\"stylesheet\" href=\"/static/app.css\">\n"
	     "<link rel=\"icon\" href=\"/static/icon.svg\" type=\"image/svg+xml\">\n"
	     "<script src=\"/static/app.js\" defer></script>\n</head>\n<body>\n"
	     "<a class=\"skip\" href=\"#main\">");
	T(r, _("Bỏ qua điều hướng"));
	P(r, "</a>\n<header class=\"top\">\n<a class=\"brand\" href=\"/\">");
	T(r, _("Thông tin đối ngoại"));
	P(r, "</a>\n");
	if (r->authed) {
		P(r, "<nav aria-label=\"");
		A(r, _("Điều hướng chính"));
		P(r, "\">");
		nav_link(r, "/", _("Trang chủ"));
		nav_link(r, "/plans", _("Kế hoạch"));
		nav_link(r, "/my-tasks", _("Việc của đơn vị tôi"));
		nav_link(r, "/activities", _("Hoạt động"));
		nav_link(r, "/rounds", _("Đợt báo cáo"));
		nav_link(r, "/orgs", _("Danh mục đơn vị"));
		nav_link(r, "/documents", _("Văn bản"));
		if (perm_may(&r->ctx, PERM_ADMIN_USERS, 0)) {
			nav_link(r, "/admin/users", _("Tài khoản"));
			nav_link(r, "/admin/audit", _("Nhật ký"));
		}
		P(r, "</nav>\n");
		/* The search box of every page (ui_search.c). */
		const char *q = !strcmp(r->path, "/search") ? http_query(r, "q") : NULL;
		P(r, "<form class=\"top-search\" role=\"search\" method=\"get\" action=\"/search\">"
		     "<input type=\"search\" name=\"q\" maxlength=\"200\" aria-label=\"");
		A(r, _("Tìm kiếm"));
		P(r, "\" placeholder=\"");
		A(r, _("Tìm văn bản, báo cáo…"));
		P(r, "\" value=\"");
		A(r, q ? q : "");
		P(r, "\"></form>\n<div class=\"who\"><span>");
		T(r, r->user.name && *r->user.name ? r->user.name : r->user.login);
		P(r, " · ");
		T(r, r->user.org_name);
		P(r, "</span> <a href=\"/account/password\">");
		T(r, _("Đổi mật khẩu"));
		P(r, "</a><form method=\"post\" action=\"/logout\" class=\"inline\">");
		page_csrf(r);
		P(r, "<button type=\"submit\" class=\"link\">");
		T(r, _("Đăng xuất"));
		P(r, "</button></form></div>\n");
	}
	P(r, "</header>\n");
	/* What a printed page carries on top instead of the navigation: the
	 * body's name and the day it was printed (shown by the print
	 * stylesheet only). */
	if (r->authed) {
		char today[CAL_DATE_LEN];
		cal_vn_date(r->ctx.now, today);
		P(r, "<div class=\"print-head\" id=\"print-head\"><span>");
		T(r, r->user.org_name);
		P(r, "</span><span>");
		T(r, _("In ngày"));
		P(r, " ");
		DS(r, today);
		P(r, "</span></div>\n");
	}
	P(r, "<main id=\"main\">\n");
	return TT_OK;
}

tt_rc page_end(http_req *r)
{
	P(r, "</main>\n<footer>ttdn · ");
	T(r, _("Hệ thống quản lý công tác thông tin đối ngoại"));
	P(r, "</footer>\n</body>\n</html>\n");
	if (!r->status)
		r->status = 200;
	r->content_type = "text/html; charset=utf-8";
	return TT_OK;
}

tt_rc page_error(http_req *r, tt_rc rc)
{
	int status = http_status_of(rc);
	const char *msg = r->ctx.error_detail ? r->ctx.error_detail : tt_rc_message(rc);
	page_begin(r, _("Lỗi"));
	P(r, "<section class=\"card error\"><h1>");
	T(r, status == 404   ? _("Không tìm thấy")
	     : status == 403 ? _("Không có quyền")
	                     : _("Không thực hiện được"));
	P(r, "</h1><p>");
	T(r, msg);
	P(r, "</p><p><a href=\"/\">");
	T(r, _("Về trang chủ"));
	P(r, "</a></p></section>");
	page_end(r);
	r->status = status;
	return TT_OK;
}
