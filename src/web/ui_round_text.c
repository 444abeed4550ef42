/* ui_round_text.c - the consolidated text of a round, edited before export
 * (core/round_text.h): the page /rounds/{id}/consolidated/text, one
 * textarea per section, pre-filled with the draft made of the bodies'
 * texts while nothing is saved; "Lấy lại bản tổng hợp từ các đơn vị"
 * puts a section's draft back in its field (saved only with Lưu). The
 * same under /api/v1/ as JSON (GET and PUT). */
#include <jansson.h>
#include <string.h>

#include "core/round_text.h"
#include "web/page.h"
#include "web/routes.h"
#include "web/web_int.h"

/* What the form shows for a section when it is not what is stored. */
typedef struct {
	const char *text;   /* in the field */
	int64_t version;    /* in the hidden field */
	const char *theirs; /* another person's saved text (conflict), NULL: none */
} shown_section;

static const char *form_key(http_req *r, const char *prefix, const char *key)
{
	return http_form(r, arena_printf(&r->arena, "%s.%s", prefix, key));
}

static int64_t parse_version(const char *s)
{
	if (!s || !*s)
		return -1;
	int64_t v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9' || v > (INT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (*p - '0');
	}
	return v;
}

/* The download form: Word or PDF, with or without the activity list. */
static void download_form(http_req *r, int64_t id)
{
	P(r,
	  "<form method=\"get\" action=\"/rounds/%lld/consolidated.docx\" class=\"card stack no-print\" "
	  "id=\"consolidated-download\"><label><input type=\"checkbox\" name=\"activities\" value=\"1\" "
	  "id=\"with-activities\"> ",
	  (long long)id);
	T(r, _("Kèm phụ lục danh sách hoạt động của các đơn vị trong kỳ báo cáo (từ sổ hoạt động)"));
	P(r, "</label><p class=\"actions\"><button type=\"submit\" id=\"text-docx\">");
	T(r, _("Tải về Word (.docx)"));
	P(r,
	  "</button><button type=\"submit\" class=\"secondary\" id=\"text-pdf\" "
	  "formaction=\"/rounds/%lld/consolidated.pdf\">",
	  (long long)id);
	T(r, _("Tải về PDF"));
	P(r, "</button></p></form>");
}

static tt_rc show(http_req *r, int64_t id, const round_text_view *v, const shown_section *sh,
                  const char *notice, const char *error)
{
	page_begin(r, _("Soạn báo cáo tổng hợp"));
	P(r, "<h1>");
	T(r, _("Soạn báo cáo tổng hợp"));
	P(r, ": ");
	T(r, v->round.title);
	P(r, "</h1><p class=\"muted\">");
	T(r, arena_printf(
	         &r->arena,
	         _("Mỗi mục bắt đầu bằng nội dung của %d/%d đơn vị đã gửi báo cáo, ghi rõ tên từng đơn "
	           "vị. Hãy viết lại thành một bài liền mạch rồi bấm Lưu; bản Word và PDF in nội dung đã "
	           "lưu. Mục chưa lưu thì in nội dung của các đơn vị."),
	         v->submitted, v->expected));
	P(r,
	  "</p><p class=\"actions no-print\"><a class=\"button secondary\" "
	  "href=\"/rounds/%lld/consolidated\">",
	  (long long)id);
	T(r, _("Về báo cáo tổng hợp"));
	P(r, "</a></p>");
	const char *m = http_query(r, "msg");
	if (m && !strcmp(m, "text_saved")) {
		P(r, "<p class=\"flash\" role=\"status\">");
		T(r, _("Đã lưu bản tổng hợp."));
		P(r, "</p>");
	}
	if (notice) {
		P(r, "<p class=\"flash\" role=\"status\" id=\"text-notice\">");
		T(r, notice);
		P(r, "</p>");
	}
	if (error) {
		P(r, "<p class=\"error\" role=\"alert\" id=\"text-error\">");
		T(r, error);
		P(r, "</p>");
	}
	if (!v->nsections) {
		P(r, "<p>");
		T(r, _("Đợt báo cáo này không có mục nội dung nào, chỉ có số liệu."));
		P(r, "</p>");
	} else {
		P(r, "<form method=\"post\" action=\"/rounds/%lld/consolidated/text\" id=\"text-form\">",
		  (long long)id);
		page_csrf(r);
		for (size_t i = 0; i < v->nsections; i++) {
			const round_text_section *s = &v->sections[i];
			const char *text = sh ? sh[i].text : s->text;
			int64_t version = sh ? sh[i].version : s->version;
			P(r, "<section class=\"card\" id=\"sec-");
			A(r, s->key);
			P(r, "\"><h2 class=\"section-heading\"><label for=\"t-");
			A(r, s->key);
			P(r, "\">%zu. ", i + 1);
			T(r, s->heading);
			P(r, "</label></h2><p class=\"muted\" id=\"state-");
			A(r, s->key);
			P(r, "\">");
			if (s->saved) {
				T(r, _("Đã sửa và lưu"));
				if (s->updated_at) {
					P(r, " (");
					DS(r, s->updated_at);
					P(r, ")");
				}
			} else
				T(r, _("Bản tổng hợp từ các đơn vị, chưa sửa"));
			P(r, "</p>");
			if (sh && sh[i].theirs) {
				P(r, "<div class=\"conflict-pair\"><div class=\"theirs\"><p "
				     "class=\"conflict-label\">");
				T(r, _("Bản đang lưu (người khác vừa lưu)"));
				P(r, "</p><div class=\"stored-text\" id=\"stored-");
				A(r, s->key);
				P(r, "\">");
				TB(r, sh[i].theirs);
				P(r, "</div></div></div>");
			}
			P(r, "<input type=\"hidden\" name=\"version.");
			A(r, s->key);
			P(r, "\" value=\"%lld\"><textarea id=\"t-", (long long)version);
			A(r, s->key);
			P(r, "\" name=\"text.");
			A(r, s->key);
			P(r, "\" rows=\"12\">");
			T(r, text);
			P(r, "</textarea><p class=\"actions\"><button type=\"submit\" class=\"secondary\" "
			     "name=\"redraft\" "
			     "value=\"");
			A(r, s->key);
			P(r, "\" id=\"redraft-");
			A(r, s->key);
			P(r, "\">");
			T(r, _("Lấy lại bản tổng hợp từ các đơn vị"));
			P(r, "</button></p></section>");
		}
		P(r, "<p class=\"actions\"><button type=\"submit\" name=\"action\" value=\"save\" "
		     "id=\"text-save\">");
		T(r, _("Lưu bản tổng hợp"));
		P(r, "</button></p></form>");
	}
	download_form(r, id);
	return page_end(r);
}

tt_rc ui_round_text(http_req *r)
{
	int64_t id;
	round_text_view v;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = round_text_get(&r->ctx, id, &v)))
		return rc;
	return show(r, id, &v, NULL, NULL, NULL);
}

tt_rc ui_round_text_post(http_req *r)
{
	int64_t id;
	round_text_view v;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = round_text_get(&r->ctx, id, &v)))
		return rc;
	shown_section *sh = arena_alloc(&r->arena, (v.nsections + 1) * sizeof *sh);
	round_text_edit *e = arena_alloc(&r->arena, (v.nsections + 1) * sizeof *e);
	if (!sh || !e)
		return TT_ERR_NOMEM;
	const char *redraft = http_form(r, "redraft");
	size_t n = 0;
	for (size_t i = 0; i < v.nsections; i++) {
		const round_text_section *s = &v.sections[i];
		const char *t = form_key(r, "text", s->key);
		int64_t ver = parse_version(form_key(r, "version", s->key));
		sh[i] = (shown_section){t ? t : s->text, ver >= 0 ? ver : s->version, NULL};
		if (t)
			e[n++] = (round_text_edit){s->key, t, ver};
	}
	if (redraft) {
		/* Only the field changes; nothing is stored until Lưu. */
		for (size_t i = 0; i < v.nsections; i++)
			if (!strcmp(v.sections[i].key, redraft)) {
				sh[i].text = v.sections[i].draft;
				return show(r, id, &v, sh,
				            arena_printf(
				                &r->arena,
				                _("Đã lấy lại bản tổng hợp từ các đơn vị cho mục \"%s\"; bấm "
				                  "Lưu bản tổng hợp để lưu."),
				                v.sections[i].heading),
				            NULL);
			}
		return ctx_fail(&r->ctx, TT_ERR_INVALID, _("Đợt báo cáo không có mục này."));
	}
	rc = round_text_save(&r->ctx, id, e, n);
	if (!rc)
		return http_redirect(
		    r,
		    arena_printf(&r->arena, "/rounds/%lld/consolidated/text?msg=text_saved", (long long)id));
	if (rc != TT_ERR_INVALID && rc != TT_ERR_CONFLICT && rc != TT_ERR_TOO_LARGE && rc != TT_ERR_UTF8)
		return rc;
	const char *err = r->ctx.error_detail ? r->ctx.error_detail : tt_rc_message(rc);
	r->ctx.error_detail = NULL;
	if (rc == TT_ERR_CONFLICT)
		/* Show what the other person saved beside what was typed; a save
		 * now replaces it knowingly. */
		for (size_t i = 0; i < v.nsections; i++)
			if (sh[i].version != v.sections[i].version) {
				sh[i].theirs = v.sections[i].saved ? v.sections[i].text : "";
				sh[i].version = v.sections[i].version;
			}
	r->status = rc == TT_ERR_CONFLICT ? 409 : rc == TT_ERR_TOO_LARGE ? 413 : 400;
	tt_rc out = show(r, id, &v, sh, NULL, err);
	r->status = rc == TT_ERR_CONFLICT ? 409 : rc == TT_ERR_TOO_LARGE ? 413 : 400;
	return out;
}

/* ---- JSON ---- */

static json_t *view_json(const round_text_view *v)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < v->nsections; i++) {
		const round_text_section *s = &v->sections[i];
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:I, s:s, s:b, s:s?}", "key", s->key,
		                                     "title", s->heading, "text", s->text, "version",
		                                     (json_int_t)s->version, "draft", s->draft, "saved",
		                                     s->saved, "updated_at", s->updated_at));
	}
	return json_pack("{s:I, s:s, s:i, s:i, s:o}", "round_id", (json_int_t)v->round.id, "title",
	                 v->round.title, "submitted", v->submitted, "expected", v->expected, "sections", arr);
}

tt_rc api_round_text_get(http_req *r)
{
	int64_t id;
	round_text_view v;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = round_text_get(&r->ctx, id, &v)))
		return rc;
	return http_send_json(r, 200, view_json(&v));
}

tt_rc api_round_text_put(http_req *r)
{
	int64_t id;
	json_t *body;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = http_json_body(r, &body)))
		return rc;
	json_t *secs = json_object_get(body, "sections");
	if (!json_is_object(body) || !json_is_array(secs)) {
		json_decref(body);
		return ctx_fail(&r->ctx, TT_ERR_INVALID,
		                "Cần {\"sections\": [{\"key\": ..., \"text\": ..., \"version\": ...}]}.");
	}
	size_t n = json_array_size(secs);
	if (n > ROUND_MAX_ITEMS) {
		json_decref(body);
		return ctx_fail(&r->ctx, TT_ERR_INVALID, "Tối đa %d mục.", ROUND_MAX_ITEMS);
	}
	round_text_edit *e = arena_alloc(&r->arena, (n + 1) * sizeof *e);
	if (!e) {
		json_decref(body);
		return TT_ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_array_get(secs, i), *k = json_object_get(o, "key"),
		       *t = json_object_get(o, "text"), *ver = json_object_get(o, "version");
		const char *what = !json_is_object(o)   ? "là một đối tượng"
		                   : !json_is_string(k) ? "có key là chuỗi"
		                   : !json_is_string(t) ? "có text là chuỗi"
		                   : !json_is_integer(ver) || json_integer_value(ver) < 0
		                       ? "có version là số nguyên không âm (0 khi chưa lưu lần nào)"
		                       : NULL;
		if (what) {
			json_decref(body);
			return ctx_fail(&r->ctx, TT_ERR_INVALID, "Mục thứ %zu của sections phải %s.", i + 1,
			                what);
		}
		e[i] = (round_text_edit){arena_strdup(&r->arena, json_string_value(k)),
		                         arena_strdup(&r->arena, json_string_value(t)),
		                         (int64_t)json_integer_value(ver)};
		if (!e[i].key || !e[i].text) {
			json_decref(body);
			return TT_ERR_NOMEM;
		}
	}
	json_decref(body);
	round_text_view v;
	if ((rc = round_text_save(&r->ctx, id, e, n)) || (rc = round_text_get(&r->ctx, id, &v)))
		return rc;
	return http_send_json(r, 200, view_json(&v));
}
