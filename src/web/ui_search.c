/* ui_search.c - the /search page: the header's search box lands here.
 * Results with the matched words marked in their title and snippet (both
 * escaped by text/search.c before the marks go in), facets with
 * Vietnamese labels that narrow the search, and paging. */
#include <string.h>

#include "core/search.h"
#include "web/page.h"
#include "web/routes.h"
#include "web/web_int.h"

/* The link to this search with one filter changed (value NULL: dropped)
 * and paging from the start, unless offset > 0. */
static void search_href(http_req *r, const search_params *p, const char *name, const char *value, int offset)
{
	const char *names[] = {"type", "year", "org", "doc_kind"};
	const char *year = p->year ? arena_printf(&r->arena, "%d", p->year) : NULL;
	const char *values[] = {p->type, year, p->org_code, p->doc_kind};
	P(r, "/search?q=");
	U(r, p->q ? p->q : "");
	for (size_t i = 0; i < 4; i++) {
		const char *v = name && !strcmp(name, names[i]) ? value : values[i];
		if (!v)
			continue;
		P(r, "&amp;%s=", names[i]);
		U(r, v);
	}
	if (offset > 0)
		P(r, "&amp;offset=%d", offset);
}

static void facet_list(http_req *r, const search_params *p, const char *title, const char *name,
                       const char *current, const search_facet *f, size_t n)
{
	if (!n)
		return;
	P(r, "<section class=\"facet\"><h2>");
	T(r, title);
	P(r, "</h2><ul>");
	for (size_t i = 0; i < n; i++) {
		int on = current && !strcmp(current, f[i].key);
		const char *label = f[i].label;
		if (!strcmp(name, "doc_kind"))
			label = doc_kind_name(f[i].key);
		P(r, "<li><a href=\"");
		search_href(r, p, name, on ? NULL : f[i].key, 0);
		P(r, "\"%s>", on ? " aria-current=\"true\"" : "");
		T(r, label ? label : f[i].key);
		P(r, "</a> <span class=\"muted\">");
		NUM(r, (double)f[i].n);
		P(r, "</span>%s</li>", on ? " ✓" : "");
	}
	P(r, "</ul></section>");
}

/* 10000 as Vietnamese write it: 10.000. */
static const char *thousands(tt_arena *a, int64_t n)
{
	char d[24], o[32];
	int k = snprintf(d, sizeof d, "%lld", (long long)n), j = 0;
	for (int i = 0; i < k; i++) {
		if (i && (k - i) % 3 == 0 && d[i] != '-' && d[i - 1] != '-')
			o[j++] = '.';
		o[j++] = d[i];
	}
	o[j] = '\0';
	return arena_strndup(a, o, (size_t)j);
}

static void pager(http_req *r, const search_params *p, int64_t total)
{
	if (total <= p->limit)
		return;
	P(r, "<nav class=\"pager\" aria-label=\"");
	A(r, _("Các trang kết quả"));
	P(r, "\">");
	if (p->offset > 0) {
		P(r, "<a rel=\"prev\" href=\"");
		search_href(r, p, NULL, NULL, p->offset > p->limit ? p->offset - p->limit : 0);
		P(r, "\">");
		T(r, _("← Trang trước"));
		P(r, "</a>");
	}
	P(r, "<span>");
	T(r, arena_printf(&r->arena, _("Trang %d / %lld"), p->offset / p->limit + 1,
	                  (long long)((total + p->limit - 1) / p->limit)));
	P(r, "</span>");
	if (p->offset + p->limit < total && p->offset + p->limit <= SEARCH_OFFSET_MAX) {
		P(r, "<a rel=\"next\" href=\"");
		search_href(r, p, NULL, NULL, p->offset + p->limit);
		P(r, "\">");
		T(r, _("Trang sau →"));
		P(r, "</a>");
	}
	P(r, "</nav>");
}

tt_rc ui_search(http_req *r)
{
	search_params p;
	search_result res;
	tt_rc rc = web_search_params(r, &p);
	int asked = p.q && *p.q;
	if (!rc && asked)
		rc = search_run(&r->ctx, &p, &res);
	if (rc && rc != TT_ERR_INVALID)
		return rc;
	page_begin(r, _("Tìm kiếm"));
	P(r, "<h1>");
	T(r, _("Tìm kiếm"));
	P(r, "</h1><form method=\"get\" action=\"/search\" class=\"card search-form\" role=\"search\">"
	     "<label for=\"search-q\">");
	T(r, _("Tìm trong văn bản, báo cáo, hoạt động, nhiệm vụ và danh mục đơn vị"));
	P(r, "</label><div class=\"search-row\"><input type=\"search\" id=\"search-q\" name=\"q\" "
	     "maxlength=\"200\" value=\"");
	A(r, p.q ? p.q : "");
	P(r, "\"%s><button type=\"submit\">",
	  rc ? " aria-invalid=\"true\" aria-describedby=\"search-error\"" : "");
	T(r, _("Tìm"));
	P(r, "</button></div><p class=\"muted small\">");
	T(r, _("Gõ có dấu hay không dấu đều được. Các từ đều phải có; \"cụm từ\" trong ngoặc kép; "
	       "quang* tìm các từ bắt đầu bằng quang; số, ký hiệu như 215/KH-UBND là một từ."));
	P(r, "</p>");
	if (rc) {
		P(r, "<p class=\"field-error\" role=\"alert\" id=\"search-error\">");
		T(r, r->ctx.error_detail ? r->ctx.error_detail : tt_rc_message(rc));
		P(r, "</p>");
	}
	P(r, "</form>");
	if (rc || !asked) {
		page_end(r);
		if (rc)
			r->status = 400;
		return TT_OK;
	}
	P(r, "<div class=\"search-layout\"><aside class=\"facets\" aria-label=\"");
	A(r, _("Lọc kết quả"));
	P(r, "\">");
	facet_list(r, &p, _("Loại"), "type", p.type, res.type, res.ntype);
	facet_list(r, &p, _("Năm"), "year", p.year ? arena_printf(&r->arena, "%d", p.year) : NULL, res.year,
	           res.nyear);
	facet_list(r, &p, _("Cơ quan, đơn vị"), "org", p.org_code, res.org, res.norg);
	facet_list(r, &p, _("Loại văn bản"), "doc_kind", p.doc_kind, res.doc_kind, res.ndoc_kind);
	P(r, "</aside><section class=\"results\"><p id=\"search-total\" role=\"status\">");
	if (res.total_capped)
		T(r, arena_printf(&r->arena, _("Tìm thấy hơn %s kết quả; kết quả mới nhất xếp trước. Hãy thêm từ "
		                               "hoặc chọn bộ lọc để thu hẹp."),
		                  thousands(&r->arena, res.total)));
	else
		T(r, res.total ? arena_printf(&r->arena, _("Tìm thấy %lld kết quả."), (long long)res.total)
		               : _("Không tìm thấy kết quả nào. Hãy thử bớt từ, hoặc bỏ bộ lọc."));
	P(r, "</p><ol class=\"hits\" start=\"%d\">", p.offset + 1);
	for (size_t i = 0; i < res.nitems; i++) {
		const search_item *it = &res.items[i];
		P(r, "<li class=\"hit\"><span class=\"badge\">");
		T(r, search_type_label(it->type));
		P(r, "</span> <a href=\"");
		A(r, it->url);
		/* title and snippet: escaped by search_highlight, marks added after */
		P(r, "\">%s</a>", it->title);
		if (*it->snippet)
			P(r, "<p class=\"snippet\">%s</p>", it->snippet);
		P(r, "</li>");
	}
	P(r, "</ol>");
	pager(r, &p, res.total);
	P(r, "</section></div>");
	return page_end(r);
}
