/* round_text.c - the consolidated text of a round, edited by its
 * coordinator before export, and a body's report in a higher round drafted
 * from its own round below (counts and texts). See round_text.h. */
#include "core/round_text.h"

#include <jansson.h>
#include <string.h>

#include "core/audit.h"
#include "core/mutate.h"
#include "text/vn.h"

const char *round_text_draft(tt_arena *a, const st_merged_text *t, size_t n, const char *key)
{
	tt_buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(t[i].section_key, key) || !t[i].text)
			continue;
		const char *s = t[i].text;
		size_t len = strlen(s);
		while (len && (*s == '\n' || *s == '\r' || *s == ' ')) {
			s++;
			len--;
		}
		while (len && (s[len - 1] == '\n' || s[len - 1] == '\r' || s[len - 1] == ' '))
			len--;
		if (!len)
			continue;
		if (b.len)
			buf_adds(&b, "\n\n");
		buf_adds(&b, t[i].org_name ? t[i].org_name : t[i].org_code);
		buf_adds(&b, ": ");
		buf_add(&b, s, len);
	}
	const char *r = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return r;
}

/* Text from a user: valid UTF-8, stored as NFC, within ROUND_MAX_TEXT. */
static tt_rc clean(tt_ctx *ctx, const char *in, const char *heading, const char **out)
{
	size_t off, n = in ? strlen(in) : 0;
	tt_buf b;
	if (!in)
		return ctx_fail(ctx, TT_ERR_INVALID, "Thiếu nội dung mục \"%s\".", heading);
	if (n > ROUND_MAX_TEXT)
		return ctx_fail(ctx, TT_ERR_TOO_LARGE, "Nội dung mục \"%s\" dài quá %d byte.", heading,
		                ROUND_MAX_TEXT);
	if (vn_utf8_validate(in, n, &off))
		return ctx_fail(ctx, TT_ERR_UTF8, "Nội dung mục \"%s\" có ký tự không hợp lệ tại byte %zu.",
		                heading, off);
	buf_init(&b, 0);
	tt_rc rc = vn_nfc(in, n, &b);
	if (!rc && !(*out = arena_strndup(ctx->arena, b.data ? b.data : "", b.len)))
		rc = TT_ERR_NOMEM;
	buf_free(&b);
	return rc;
}

/* A text without its surrounding white space, to compare. */
static int same_text(const char *a, const char *b)
{
	while (*a == ' ' || *a == '\n' || *a == '\r')
		a++;
	while (*b == ' ' || *b == '\n' || *b == '\r')
		b++;
	size_t na = strlen(a), nb = strlen(b);
	while (na && (a[na - 1] == ' ' || a[na - 1] == '\n' || a[na - 1] == '\r'))
		na--;
	while (nb && (b[nb - 1] == ' ' || b[nb - 1] == '\n' || b[nb - 1] == '\r'))
		nb--;
	/* \r\n typed in a browser is \n stored. */
	size_t i = 0, j = 0;
	while (i < na && j < nb) {
		if (a[i] == '\r' && i + 1 < na && a[i + 1] == '\n')
			i++;
		if (b[j] == '\r' && j + 1 < nb && b[j + 1] == '\n')
			j++;
		if (a[i] != b[j])
			return 0;
		i++;
		j++;
	}
	return i == na && j == nb;
}

/* The sections, their drafts and saved texts of round r (no check). */
static tt_rc load(tt_ctx *ctx, const st_round *r, round_text_view *v)
{
	st_section *sec;
	st_merged_text *mt;
	st_round_text *saved;
	size_t nsec, nmt, nsaved;
	static const st_pivot_query all = {0};
	tt_rc rc;
	memset(v, 0, sizeof *v);
	v->round = *r;
	if ((rc = store_round_sections(ctx->db, ctx->arena, r->id, &sec, &nsec)) ||
	    (rc = store_round_texts(ctx->db, ctx->arena, r->id, &all, &mt, &nmt)) ||
	    (rc = store_round_text_list(ctx->db, ctx->arena, r->id, &saved, &nsaved)) ||
	    (rc = store_round_tally(ctx->db, r->id, &v->expected, &v->submitted)))
		return rc;
	v->sections = arena_alloc(ctx->arena, (nsec + 1) * sizeof *v->sections);
	if (!v->sections)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < nsec; i++) {
		round_text_section *s = &v->sections[i];
		memset(s, 0, sizeof *s);
		s->key = sec[i].key;
		s->heading = sec[i].heading;
		if (!(s->draft = round_text_draft(ctx->arena, mt, nmt, sec[i].key)))
			return TT_ERR_NOMEM;
		s->text = s->draft;
		for (size_t k = 0; k < nsaved; k++)
			if (!strcmp(saved[k].key, sec[i].key)) {
				s->version = saved[k].version;
				s->updated_at = saved[k].updated_at;
				if (!ctx_blank(saved[k].text)) {
					s->saved = 1;
					s->text = saved[k].text;
				}
			}
	}
	v->nsections = nsec;
	return TT_OK;
}

/* The round, for its managers only. */
static tt_rc managed(tt_ctx *ctx, int64_t round_id, st_round *r)
{
	int manage = 0;
	tt_rc rc = round_get(ctx, round_id, r, &manage);
	if (rc)
		return rc;
	if (!manage)
		return ctx_fail(ctx, TT_ERR_FORBIDDEN,
		                "Chỉ đơn vị điều phối đợt báo cáo mới xem và sửa được bản tổng hợp.");
	return TT_OK;
}

tt_rc round_text_get(tt_ctx *ctx, int64_t round_id, round_text_view *out)
{
	st_round r;
	round_text_view v;
	tt_rc rc = managed(ctx, round_id, &r);
	if (rc || (rc = load(ctx, &r, &v)))
		return rc;
	*out = v;
	return TT_OK;
}

tt_rc round_text_save(tt_ctx *ctx, int64_t round_id, const round_text_edit *e, size_t n)
{
	st_round r;
	round_text_view v;
	tt_rc rc = managed(ctx, round_id, &r);
	if (rc)
		return rc;
	if (!n)
		return ctx_fail(ctx, TT_ERR_INVALID, "Không có mục nào để lưu.");
	if (n > ROUND_MAX_ITEMS)
		return ctx_fail(ctx, TT_ERR_INVALID, "Tối đa %d mục.", ROUND_MAX_ITEMS);
	const char **texts = arena_alloc(ctx->arena, (n + 1) * sizeof *texts);
	size_t *index = arena_alloc(ctx->arena, (n + 1) * sizeof *index);
	if (!texts || !index)
		return TT_ERR_NOMEM;
	if ((rc = core_begin(ctx)))
		return rc;
	/* Read inside the write transaction: the versions compared hold
	 * until the commit. */
	if ((rc = load(ctx, &r, &v)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		size_t k;
		for (k = 0; k < v.nsections && (!e[i].key || strcmp(v.sections[k].key, e[i].key)); k++)
			;
		if (k == v.nsections) {
			rc = ctx_fail(ctx, TT_ERR_INVALID, "Đợt báo cáo không có mục '%s'.",
			              e[i].key ? e[i].key : "");
			goto out;
		}
		for (size_t j = 0; j < i; j++)
			if (index[j] == k) {
				rc = ctx_fail(ctx, TT_ERR_INVALID, "Mục '%s' được gửi hai lần.", e[i].key);
				goto out;
			}
		index[i] = k;
		if ((rc = clean(ctx, e[i].text, v.sections[k].heading, &texts[i])))
			goto out;
		if (e[i].version < 0) {
			rc = ctx_fail(ctx, TT_ERR_INVALID, "Phiên bản (version) của mục '%s' không hợp lệ.",
			              e[i].key);
			goto out;
		}
	}
	json_t *before = json_object(), *after = json_object();
	for (size_t i = 0; i < n && !rc; i++) {
		const round_text_section *s = &v.sections[index[i]];
		if (e[i].version != s->version) {
			rc = ctx_fail(
			    ctx, TT_ERR_CONFLICT,
			    "Mục \"%s\" của bản tổng hợp đã được người khác lưu từ lúc bạn mở, nên chưa lưu "
			    "thay đổi của bạn; hãy tải lại trang rồi sửa tiếp.",
			    s->heading);
			break;
		}
		const char *t = ctx_blank(texts[i]) ? "" : texts[i];
		if (s->saved ? same_text(s->text, t) : (!*t || same_text(s->draft, t)))
			continue;
		rc = store_round_text_put(ctx->db, r.id, s->key, t, s->version, ctx->user->id);
		if (rc == TT_ERR_CONFLICT)
			rc = ctx_fail(
			    ctx, TT_ERR_CONFLICT,
			    "Mục \"%s\" của bản tổng hợp đã được người khác lưu từ lúc bạn mở; hãy tải lại "
			    "trang.",
			    s->heading);
		if (!rc) {
			json_object_set_new(before, s->key, s->saved ? json_string(s->text) : json_null());
			json_object_set_new(after, s->key, *t ? json_string(t) : json_null());
		}
	}
	if (!rc && json_object_size(after))
		rc = audit_record(ctx, "round.text.save", "round",
		                  arena_printf(ctx->arena, "%lld", (long long)r.id), before, after);
	json_decref(before);
	json_decref(after);
out:
	return core_end(ctx, rc);
}

tt_rc round_text_saved(tt_ctx *ctx, int64_t round_id, const st_section *sec, size_t nsec, const char ***saved)
{
	st_round_text *t;
	size_t nt;
	const char **v = arena_alloc(ctx->arena, (nsec + 1) * sizeof *v);
	if (!v)
		return TT_ERR_NOMEM;
	tt_rc rc = store_round_text_list(ctx->db, ctx->arena, round_id, &t, &nt);
	if (rc)
		return rc;
	for (size_t i = 0; i < nsec; i++) {
		v[i] = NULL;
		for (size_t k = 0; k < nt; k++)
			if (!strcmp(t[k].key, sec[i].key) && !ctx_blank(t[k].text))
				v[i] = t[k].text;
	}
	*saved = v;
	return TT_OK;
}

tt_rc round_below_find(tt_ctx *ctx, int64_t org_id, const st_round *r, st_round *out)
{
	st_round *own;
	size_t n;
	tt_rc rc = store_round_list_owned(ctx->db, ctx->arena, org_id, &own, &n);
	if (rc)
		return rc;
	/* Newest first: the first that fits. */
	for (size_t i = 0; i < n; i++)
		if (own[i].owner_org_id == org_id && own[i].id != r->id && own[i].submitted > 0 &&
		    !strcmp(own[i].period_start, r->period_start) &&
		    !strcmp(own[i].period_end, r->period_end)) {
			*out = own[i];
			return TT_OK;
		}
	return TT_ERR_NOT_FOUND;
}

tt_rc round_below_fill(tt_ctx *ctx, round_report_view *v)
{
	st_round *below = arena_alloc(ctx->arena, sizeof *below);
	if (!below)
		return TT_ERR_NOMEM;
	tt_rc rc = round_below_find(ctx, v->report.org_id, &v->round, below);
	if (rc == TT_ERR_NOT_FOUND)
		return TT_OK;
	if (rc)
		return rc;
	st_count *cnt;
	st_value *sums;
	size_t ncnt, nsums;
	round_text_view tv;
	if ((rc = store_round_counts(ctx->db, ctx->arena, below->id, &cnt, &ncnt)) ||
	    (rc = store_round_sums(ctx->db, ctx->arena, below->id, &sums, &nsums)) ||
	    (rc = load(ctx, below, &tv)))
		return rc;
	for (size_t i = 0; i < v->ncounts; i++) {
		const st_count *c = &v->counts[i];
		size_t k;
		for (k = 0; k < ncnt && strcmp(cnt[k].key, c->key); k++)
			;
		if (k == ncnt && c->indicator)
			for (k = 0;
			     k < ncnt && !(cnt[k].indicator && !strcmp(cnt[k].indicator, c->indicator)); k++)
				;
		if (k == ncnt || k >= nsums)
			continue;
		v->suggestions[i].below = 1;
		v->suggestions[i].below_value = sums[k].value;
		v->suggestions[i].below_reports = below->submitted;
	}
	v->drafts = arena_alloc(ctx->arena, (v->nsections + 1) * sizeof *v->drafts);
	if (!v->drafts)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < v->nsections; i++)
		for (size_t k = 0; k < tv.nsections; k++)
			if (!strcmp(tv.sections[k].key, v->sections[i].key) && *tv.sections[k].text)
				v->drafts[v->ndrafts++] = (st_text){v->sections[i].key, tv.sections[k].text};
	v->below = below;
	return TT_OK;
}
