/* ui_orgs.c - pages of the registry: search and browse the tree, and one
 * unit's page with its children, history and successors. */
#include <string.h>

#include "core/org.h"
#include "web/page.h"
#include "web/routes.h"
#include "web/web_int.h"

static void org_link(http_req *r, const st_org *o)
{
	P(r, "<a href=\"/orgs/");
	U(r, o->code);
	P(r, "\">");
	T(r, o->name);
	P(r, "</a>");
}

static void validity(http_req *r, const st_org *o)
{
	if (o->valid_to) {
		P(r, " <span class=\"badge old\">");
		T(r, _("đến"));
		P(r, " ");
		DS(r, o->valid_to);
		P(r, "</span>");
	} else if (o->valid_from) {
		P(r, " <span class=\"muted\">");
		T(r, _("từ"));
		P(r, " ");
		DS(r, o->valid_from);
		P(r, "</span>");
	}
}

static void org_table(http_req *r, const st_org *o, size_t n)
{
	P(r, "<div class=\"table-wrap\"><table class=\"responsive\"><thead><tr><th>");
	T(r, _("Tên đơn vị"));
	P(r, "</th><th>");
	T(r, _("Loại"));
	P(r, "</th><th>");
	T(r, _("Trực thuộc"));
	P(r, "</th><th>");
	T(r, _("Mã"));
	P(r, "</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		P(r, "<tr><td data-label=\"");
		A(r, _("Tên đơn vị"));
		P(r, "\">");
		org_link(r, &o[i]);
		validity(r, &o[i]);
		P(r, "</td><td data-label=\"");
		A(r, _("Loại"));
		P(r, "\">");
		T(r, org_kind_label(o[i].kind));
		P(r, "</td><td data-label=\"");
		A(r, _("Trực thuộc"));
		P(r, "\">");
		T(r, o[i].parent_name ? o[i].parent_name : "—");
		P(r, "</td><td data-label=\"");
		A(r, _("Mã"));
		P(r, "\"><code>");
		T(r, o[i].code);
		P(r, "</code></td></tr>");
	}
	P(r, "</tbody></table></div>");
}

tt_rc ui_orgs(http_req *r)
{
	static const char *const kinds[] = {"province", "department", "commune", "press",
	                                    "other",    "ministry",   "district"};
	const char *q = http_query(r, "q"), *kind = http_query(r, "kind"), *at = http_query(r, "at");
	st_org *o;
	size_t n;
	if (kind && !*kind)
		kind = NULL;
	if (kind && !org_kind_valid(kind))
		kind = NULL;
	/* The date is typed the Vietnamese way; one that cannot be read is
	 * named in an alert and not used. */
	const char *typed_at = at, *at_error = NULL;
	if (web_form_date(r, "at", _("Ngày"), 0, 1, &at)) {
		at_error = r->ctx.error_detail;
		r->ctx.error_detail = NULL;
		at = NULL;
	}
	/* Without a query, show the current provinces as the top of the tree. */
	int browsing = !(q && *q) && !kind;
	tt_rc rc = org_search(&r->ctx, q, browsing ? (at ? at : "2099-01-01") : (at && *at ? at : NULL),
	                      browsing ? "province" : kind, NULL, 200, 0, &o, &n);
	if (rc)
		return rc;
	page_begin(r, _("Danh mục đơn vị"));
	P(r, "<h1>");
	T(r, _("Danh mục đơn vị"));
	P(r, "</h1><form method=\"get\" action=\"/orgs\" class=\"card stack\" role=\"search\"><label "
	     "for=\"q\">");
	T(r, _("Tìm theo tên (gõ có dấu hoặc không dấu)"));
	P(r, "</label><input type=\"search\" id=\"q\" name=\"q\" value=\"");
	A(r, q ? q : "");
	P(r, "\" placeholder=\"");
	A(r, _("ví dụ: kon tum, so van hoa, Bộ CHBĐBP"));
	P(r, "\"><label for=\"kind\">");
	T(r, _("Loại đơn vị"));
	P(r, "</label><select id=\"kind\" name=\"kind\"><option value=\"\">");
	T(r, _("Tất cả"));
	P(r, "</option>");
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		P(r, "<option value=\"%s\"%s>", kinds[i], kind && !strcmp(kind, kinds[i]) ? " selected" : "");
		T(r, org_kind_label(kinds[i]));
		P(r, "</option>");
	}
	P(r, "</select><label for=\"at\">");
	T(r, _("Còn hiệu lực vào ngày (để trống: mọi thời kỳ)"));
	P(r, "</label>");
	web_date_input(r, "at", at_error ? typed_at : at, 0);
	if (at_error) {
		P(r, "<p class=\"field-error\" role=\"alert\" id=\"at-error\">");
		T(r, at_error);
		P(r, "</p>");
	}
	P(r, "<div class=\"actions\"><button type=\"submit\">");
	T(r, _("Tìm"));
	P(r, "</button></div></form>");
	if (browsing) {
		P(r, "<h2>");
		if (at) {
			T(r, _("Tỉnh, thành phố vào"));
			P(r, " ");
			D(r, at);
		} else
			T(r, _("Tỉnh, thành phố hiện nay"));
		P(r, " (%zu)</h2>", n);
	} else {
		P(r, "<h2>");
		T(r, _("Kết quả"));
		P(r, " (%zu%s)</h2>", n, n == 200 ? "+" : "");
	}
	if (n)
		org_table(r, o, n);
	else {
		P(r, "<p class=\"card\">");
		T(r, _("Không tìm thấy đơn vị phù hợp."));
		P(r, "</p>");
	}
	return page_end(r);
}

static void org_list_section(http_req *r, const char *title, const st_org *o, size_t n)
{
	if (!n)
		return;
	P(r, "<h2>");
	T(r, title);
	P(r, " (%zu)</h2>", n);
	org_table(r, o, n);
}

tt_rc ui_org(http_req *r)
{
	st_org o, *children, *pred, *succ, *today;
	size_t nc, np, ns, nt, nal;
	const char **aliases;
	tt_rc rc = org_get(&r->ctx, r->params[0], &o);
	if (rc)
		return rc;
	st_org_query q = {.parent_id = o.id, .limit = 1000};
	if ((rc = org_find(&r->ctx, &q, &children, &nc)) ||
	    (rc = org_predecessors(&r->ctx, o.id, &pred, &np)) ||
	    (rc = org_successors(&r->ctx, o.id, 0, &succ, &ns)) ||
	    (rc = org_successors(&r->ctx, o.id, 1, &today, &nt)) ||
	    (rc = org_aliases(&r->ctx, o.id, &aliases, &nal)))
		return rc;
	page_begin(r, o.name);
	P(r, "<h1>");
	T(r, o.name);
	P(r, "</h1><section class=\"card\"><dl class=\"meta\"><dt>");
	T(r, _("Mã"));
	P(r, "</dt><dd><code>");
	T(r, o.code);
	P(r, "</code></dd><dt>");
	T(r, _("Loại"));
	P(r, "</dt><dd>");
	T(r, org_kind_label(o.kind));
	P(r, "</dd>");
	if (o.parent_code) {
		P(r, "<dt>");
		T(r, _("Trực thuộc"));
		P(r, "</dt><dd><a href=\"/orgs/");
		U(r, o.parent_code);
		P(r, "\">");
		T(r, o.parent_name);
		P(r, "</a></dd>");
	}
	P(r, "<dt>");
	T(r, _("Hiệu lực"));
	P(r, "</dt><dd>");
	if (o.valid_from) {
		T(r, _("từ"));
		P(r, " ");
		D(r, o.valid_from);
		P(r, " ");
	}
	if (o.valid_to) {
		T(r, _("đến"));
		P(r, " ");
		D(r, o.valid_to);
	} else {
		T(r, _("đang hoạt động"));
	}
	P(r, "</dd>");
	if (nal) {
		P(r, "<dt>");
		T(r, _("Tên gọi khác"));
		P(r, "</dt><dd>");
		for (size_t i = 0; i < nal; i++) {
			if (i)
				P(r, "; ");
			T(r, aliases[i]);
		}
		P(r, "</dd>");
	}
	P(r, "</dl></section>");
	if (o.valid_to && nt) {
		P(r, "<p class=\"alert\">");
		T(r, _("Đơn vị này không còn hoạt động. Hiện nay nhiệm vụ do các đơn vị sau đảm nhận:"));
		P(r, " ");
		for (size_t i = 0; i < nt; i++) {
			if (i)
				P(r, ", ");
			org_link(r, &today[i]);
		}
		P(r, "</p>");
	}
	org_list_section(r, _("Đơn vị kế thừa trực tiếp"), succ, ns);
	org_list_section(r, _("Đơn vị tiền thân (sáp nhập vào đơn vị này)"), pred, np);
	org_list_section(r, _("Đơn vị trực thuộc"), children, nc);
	return page_end(r);
}
