/* docout.c - the data of the official documents ttdn writes: a body's
 * report in a round and a plan, with the issuing body's header lines and
 * the export settings (saved per body, overridden by a request, defaults
 * last). See docout.h. */
#include "core/docout.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/cal.h"
#include "core/activity.h"
#include "core/country.h"
#include "core/document.h"
#include "core/mutate.h"
#include "core/perm.h"
#include "text/date.h"
#include "text/vn.h"

const char *docout_upper(tt_ctx *ctx, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	char *o = arena_alloc(ctx->arena, n * 2 + 1), *p = o;
	if (!o)
		return s;
	utf8proc_ssize_t i = 0;
	while ((size_t)i < n) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k =
		    utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)n - i, &c);
		if (k <= 0) {
			*p++ = s[i++];
			continue;
		}
		i += k;
		c = utf8proc_toupper(c);
		p += utf8proc_encode_char(c, (utf8proc_uint8_t *)p);
	}
	*p = '\0';
	return o;
}

static int starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* The first letter of a word, upper case and without marks ("Đ" stays). */
static size_t initial(const char *w, char out[8])
{
	utf8proc_int32_t c;
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)w, -1, &c);
	if (k <= 0)
		return 0;
	utf8proc_uint8_t *m = NULL;
	char one[8];
	size_t n = (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)one);
	one[n] = '\0';
	if (utf8proc_map((const utf8proc_uint8_t *)one, (utf8proc_ssize_t)n, &m,
	                 UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK) < 0 ||
	    !m)
		return 0;
	utf8proc_int32_t b;
	k = utf8proc_iterate(m, -1, &b);
	free(m);
	if (k <= 0)
		return 0;
	return (size_t)utf8proc_encode_char(utf8proc_toupper(b), (utf8proc_uint8_t *)out);
}

/* "Sở Văn hóa, Thể thao và Du lịch" -> "SVHTTDL": the initials of the
 * name's words, skipping "và" and stopping at the place ("tỉnh ..."). */
static const char *abbreviation(tt_ctx *ctx, const char *name)
{
	tt_buf b;
	buf_init(&b, 64);
	const char *s = name;
	while (*s) {
		while (*s == ' ' || *s == ',' || *s == '-' || *s == '(' || *s == ')')
			s++;
		if (!*s)
			break;
		const char *e = s;
		while (*e && *e != ' ' && *e != ',' && *e != '(' && *e != ')')
			e++;
		size_t n = (size_t)(e - s);
		if ((n == 4 && starts(s, "tỉnh")) || (n == 4 && starts(s, "Tỉnh")) ||
		    (n == 5 && starts(s, "thành")))
			break;
		if (!(n == 3 && starts(s, "và")) && !(n == 1 && *s == '&')) {
			char *w = arena_strndup(ctx->arena, s, n);
			int upper_word = w && !strcmp(w, docout_upper(ctx, w));
			char ch[8];
			size_t k;
			if (upper_word && n > 1) /* an abbreviation already: "UBND", "TT&TT" */
				buf_add(&b, s, n);
			else if ((k = initial(s, ch)))
				buf_add(&b, ch, k);
		}
		s = e;
	}
	const char *r = b.len ? arena_strdup(ctx->arena, b.data) : "UB";
	buf_free(&b);
	return r;
}

static const char *strip_prefix(const char *name)
{
	static const char *const pre[] = {"Tỉnh ", "Thành phố ", "tỉnh ", "thành phố "};
	for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++)
		if (starts(name, pre[i]))
			return name + strlen(pre[i]);
	return name;
}

static int is_government(const char *kind)
{
	return !strcmp(kind, "province") || !strcmp(kind, "commune") || !strcmp(kind, "district");
}

/* A body as a document names it: a province or commune is its people's
 * committee ("Ủy ban nhân dân tỉnh Quảng Ngãi"). */
static const char *body_name(tt_ctx *ctx, const st_org *o)
{
	if (!is_government(o->kind) || starts(o->name, "Ủy ban") || starts(o->name, "UBND"))
		return o->name;
	utf8proc_int32_t c;
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)o->name, -1, &c);
	if (k <= 0)
		return o->name;
	char first[8];
	size_t n = (size_t)utf8proc_encode_char(utf8proc_tolower(c), (utf8proc_uint8_t *)first);
	return arena_printf(ctx->arena, "Ủy ban nhân dân %.*s%s", (int)n, first, o->name + k);
}

const char *docout_body_name(tt_ctx *ctx, int64_t org_id, const char *fallback)
{
	st_org o;
	if (store_org_get_id(ctx->db, ctx->arena, org_id, &o))
		return fallback;
	return body_name(ctx, &o);
}

/* The line a body has in a header: a province or commune is its people's
 * committee ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"). */
static const char *header_line(tt_ctx *ctx, const st_org *o)
{
	return docout_upper(ctx, body_name(ctx, o));
}

static tt_rc issuer_of(tt_ctx *ctx, int64_t org_id, docout_issuer *out)
{
	st_org o, p;
	tt_rc rc = store_org_get_id(ctx->db, ctx->arena, org_id, &o);
	if (rc)
		return rc;
	memset(out, 0, sizeof *out);
	out->issuer_line = header_line(ctx, &o);
	out->name = body_name(ctx, &o);
	out->abbr = is_government(o.kind) ? "UBND" : abbreviation(ctx, o.name);
	out->seat = NULL;
	int has_parent = o.parent_id && store_org_get_id(ctx->db, ctx->arena, o.parent_id, &p) == TT_OK;
	if (has_parent && strcmp(o.kind, "province"))
		out->parent_line = header_line(ctx, &p);
	/* The seat: the province the body is in (itself, or up the tree). */
	st_org cur = o;
	for (int depth = 0; depth < 8; depth++) {
		if (!strcmp(cur.kind, "province")) {
			out->seat = strip_prefix(cur.name);
			break;
		}
		if (!cur.parent_id || store_org_get_id(ctx->db, ctx->arena, cur.parent_id, &cur))
			break;
	}
	if (!out->seat)
		out->seat = strip_prefix(o.name);
	return TT_OK;
}

/* ---- settings ---- */

static const char *const AUTHORITIES[] = {"TM. ", "KT. ", "Q. ", "TL. ", "TUQ. "};

static tt_rc check_field(tt_ctx *ctx, const char *label, const char *v, size_t max, int multiline)
{
	size_t n = strlen(v), bad;
	if (vn_utf8_validate(v, n, &bad))
		return ctx_fail(ctx, TT_ERR_INVALID, "%s: chữ không hợp lệ (không phải UTF-8).", label);
	if (n > max)
		return ctx_fail(ctx, TT_ERR_INVALID, "%s dài quá %zu ký tự.", label, max);
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p < 0x20 && !(multiline && (*p == '\n' || *p == '\r')))
			return ctx_fail(ctx, TT_ERR_INVALID, "%s có ký tự điều khiển.", label);
	return TT_OK;
}

static const char *trimmed(tt_ctx *ctx, const char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return arena_strndup(ctx->arena, s, n);
}

/* Applies the given fields of ov to set, checking each. */
static tt_rc apply(tt_ctx *ctx, const docout_override *ov, docout_settings *set)
{
	tt_rc rc;
	if (!ov)
		return TT_OK;
	if (ov->number) {
		const char *v = trimmed(ctx, ov->number);
		if ((rc = check_field(ctx, "Số văn bản", v, 10, 0)))
			return rc;
		for (const char *p = v; *p; p++)
			if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') ||
			      (*p >= 'a' && *p <= 'z')))
				return ctx_fail(
				    ctx, TT_ERR_INVALID,
				    "Số văn bản chỉ gồm chữ số (ví dụ 215); để trống nếu văn thư sẽ ghi số.");
		set->number = v;
	}
	if (ov->date && !ctx_blank(ov->date)) {
		char iso[11];
		date_input d = date_read_input(ov->date, iso);
		if (d != DATE_IN_OK)
			return ctx_fail(ctx, TT_ERR_INVALID,
			                d == DATE_IN_INVALID
			                    ? "Ngày ban hành không có thật: %s."
			                    : "Ngày ban hành không đọc được: \"%s\"; hãy ghi ngày/tháng/năm, "
			                      "ví dụ 05/02/2027.",
			                ov->date);
		set->date = arena_strdup(ctx->arena, iso);
	}
	if (ov->place) {
		const char *v = trimmed(ctx, ov->place);
		if ((rc = check_field(ctx, "Địa danh", v, 100, 0)))
			return rc;
		if (*v)
			set->place = v;
	}
	if (ov->authority) {
		const char *v = trimmed(ctx, ov->authority);
		if ((rc = check_field(ctx, "Thẩm quyền ký", v, 200, 0)))
			return rc;
		int okp = !*v;
		for (size_t i = 0; i < sizeof AUTHORITIES / sizeof AUTHORITIES[0] && !okp; i++)
			okp = starts(v, AUTHORITIES[i]) && v[strlen(AUTHORITIES[i])];
		if (!okp)
			return ctx_fail(ctx, TT_ERR_INVALID,
			                "Thẩm quyền ký phải bắt đầu bằng TM., KT., Q., TL. hoặc TUQ. và tiếp "
			                "theo là chức "
			                "danh, ví dụ \"KT. GIÁM ĐỐC\"; để trống khi người đứng đầu ký.");
		set->authority = v;
	}
	if (ov->signer_title) {
		const char *v = trimmed(ctx, ov->signer_title);
		if ((rc = check_field(ctx, "Chức danh người ký", v, 200, 0)))
			return rc;
		set->signer_title = v;
	}
	if (ov->signer_name) {
		const char *v = trimmed(ctx, ov->signer_name);
		if ((rc = check_field(ctx, "Họ tên người ký", v, 100, 0)))
			return rc;
		set->signer_name = v;
	}
	if (ov->recipients) {
		const char *v = trimmed(ctx, ov->recipients);
		if ((rc = check_field(ctx, "Nơi nhận", v, DOCOUT_MAX_FIELD * 10, 1)))
			return rc;
		size_t lines = 1;
		for (const char *p = v; *p; p++)
			lines += *p == '\n';
		if (lines > DOCOUT_MAX_RECIPIENTS)
			return ctx_fail(ctx, TT_ERR_INVALID, "Nơi nhận có quá %d dòng.",
			                DOCOUT_MAX_RECIPIENTS);
		set->recipients = v;
	}
	return TT_OK;
}

/* The settings of body org_id: saved, then ov, then defaults. */
static tt_rc settings_for(tt_ctx *ctx, int64_t org_id, const docout_issuer *iss, const char *owner,
                          const docout_override *ov, docout_settings *out)
{
	docout_settings s = {0};
	st_doc_settings saved;
	tt_rc rc = store_doc_settings_get(ctx->db, ctx->arena, org_id, &saved);
	if (rc && rc != TT_ERR_NOT_FOUND)
		return rc;
	if (!rc) {
		s.place = saved.place;
		s.authority = saved.authority;
		s.signer_title = saved.signer_title;
		s.signer_name = saved.signer_name;
		s.recipients = saved.recipients;
	}
	if ((rc = apply(ctx, ov, &s)))
		return rc;
	if (!s.number)
		s.number = "";
	if (!s.date) {
		char d[CAL_DATE_LEN];
		cal_vn_date(ctx->now, d);
		s.date = arena_strdup(ctx->arena, d);
	}
	if (!s.place || !*s.place)
		s.place = iss->seat;
	if (!s.authority)
		s.authority = "";
	if (!s.signer_title)
		s.signer_title = "";
	if (!s.signer_name)
		s.signer_name = "";
	if (!s.recipients || !*s.recipients)
		s.recipients = owner ? arena_printf(ctx->arena, "%s\nLưu: VT", owner) : "Lưu: VT";
	*out = s;
	return TT_OK;
}

tt_rc docout_settings_saved(tt_ctx *ctx, int64_t org_id, docout_settings *out)
{
	st_doc_settings d;
	docout_settings s = {.number = "",
	                     .date = "",
	                     .place = "",
	                     .authority = "",
	                     .signer_title = "",
	                     .signer_name = "",
	                     .recipients = ""};
	tt_rc rc = store_doc_settings_get(ctx->db, ctx->arena, org_id, &d);
	if (rc && rc != TT_ERR_NOT_FOUND)
		return rc;
	if (!rc) {
		s.place = d.place;
		s.authority = d.authority;
		s.signer_title = d.signer_title;
		s.signer_name = d.signer_name;
		s.recipients = d.recipients;
	}
	*out = s;
	return TT_OK;
}

int docout_may_save(tt_ctx *ctx, int64_t org_id)
{
	/* The same people who may write the body's reports. */
	return perm_may(ctx, PERM_EDIT_REPORT, org_id);
}

tt_rc docout_settings_save(tt_ctx *ctx, int64_t org_id, const docout_override *ov)
{
	if (!docout_may_save(ctx, org_id))
		return ctx_fail(
		    ctx, TT_ERR_FORBIDDEN,
		    "Chỉ người của chính cơ quan, đơn vị mới lưu được thông tin ký, gửi văn bản của "
		    "cơ quan, đơn vị đó.");
	tt_rc rc = core_begin(ctx);
	if (rc)
		return rc;
	docout_settings s = {0};
	st_doc_settings saved;
	rc = store_doc_settings_get(ctx->db, ctx->arena, org_id, &saved);
	if (rc == TT_ERR_NOT_FOUND)
		rc = TT_OK;
	else if (!rc) {
		s.place = saved.place;
		s.authority = saved.authority;
		s.signer_title = saved.signer_title;
		s.signer_name = saved.signer_name;
		s.recipients = saved.recipients;
	}
	if (!rc)
		rc = apply(ctx, ov, &s);
	if (!rc) {
		st_doc_settings d = {.org_id = org_id,
		                     .place = s.place,
		                     .authority = s.authority,
		                     .signer_title = s.signer_title,
		                     .signer_name = s.signer_name,
		                     .recipients = s.recipients};
		rc = store_doc_settings_put(ctx->db, &d);
	}
	return core_end(ctx, rc);
}

tt_rc docout_report_get(tt_ctx *ctx, int64_t round_id, const char *org_code, const docout_override *ov,
                        docout_report *out)
{
	docout_report d;
	memset(&d, 0, sizeof d);
	tt_rc rc = round_report_get(ctx, round_id, org_code, &d.view);
	if (rc || (rc = issuer_of(ctx, d.view.report.org_id, &d.issuer)))
		return rc;
	d.owner = docout_body_name(ctx, d.view.round.owner_org_id, d.view.round.owner_name);
	if ((rc = settings_for(ctx, d.view.report.org_id, &d.issuer, d.owner, ov, &d.set)))
		return rc;
	*out = d;
	return TT_OK;
}

/* The body above org_id as documents name it, or NULL. */
static const char *upper_body(tt_ctx *ctx, int64_t org_id)
{
	st_org o, up;
	if (store_org_get_id(ctx->db, ctx->arena, org_id, &o) == TT_OK && o.parent_id &&
	    store_org_get_id(ctx->db, ctx->arena, o.parent_id, &up) == TT_OK)
		return body_name(ctx, &up);
	return NULL;
}

tt_rc docout_consolidated_get(tt_ctx *ctx, int64_t round_id, const docout_override *ov, int activities,
                              docout_consolidated *out)
{
	docout_consolidated d;
	memset(&d, 0, sizeof d);
	tt_rc rc = round_consolidate(ctx, round_id, NULL, &d.cons);
	if (rc || (rc = issuer_of(ctx, d.cons.round.owner_org_id, &d.issuer)) ||
	    (rc = settings_for(ctx, d.cons.round.owner_org_id, &d.issuer,
	                       upper_body(ctx, d.cons.round.owner_org_id), ov, &d.set)) ||
	    (rc = round_text_saved(ctx, round_id, d.cons.sections, d.cons.nsections, &d.saved)))
		return rc;
	if (activities) {
		/* Each asked body's subtree over the round's period, as far as
		 * the user reads it. */
		st_report *reps;
		size_t nrep;
		if (!(d.activities = arena_alloc(ctx->arena, sizeof *d.activities)))
			return TT_ERR_NOMEM;
		memset(d.activities, 0, sizeof *d.activities);
		d.activities->from = d.cons.round.period_start;
		d.activities->to = d.cons.round.period_end;
		if ((rc = store_report_list(ctx->db, ctx->arena, round_id, &reps, &nrep)))
			return rc;
		for (size_t i = 0; i < nrep && !d.activities->truncated; i++) {
			st_activity_query q = {.org_id = reps[i].org_id,
			                       .subtree = 1,
			                       .from = d.cons.round.period_start,
			                       .to = d.cons.round.period_end};
			rc = docout_activity_rows(ctx, &q, d.activities);
			if (rc == TT_ERR_FORBIDDEN) {
				ctx->error_detail = NULL;
				continue;
			}
			if (rc)
				return rc;
		}
	}
	*out = d;
	return TT_OK;
}

static const char *dmy(tt_ctx *ctx, const char *iso)
{
	if (!iso || strlen(iso) < 10)
		return "";
	return arena_printf(ctx->arena, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

tt_rc docout_activity_rows(tt_ctx *ctx, st_activity_query *q, docout_activities *d)
{
	size_t cap = d->nrows + ACTIVITY_MAX_PAGE;
	q->limit = ACTIVITY_MAX_PAGE;
	for (q->offset = 0;;) {
		st_activity *a;
		size_t n;
		int64_t total;
		tt_rc rc = activity_list(ctx, q, &a, &n, &total);
		if (rc)
			return rc;
		if (d->nrows + n > cap || !d->rows) {
			cap = (d->nrows + n) * 2 + 16;
			docout_activity *nr = arena_alloc(ctx->arena, cap * sizeof *nr);
			if (!nr)
				return TT_ERR_NOMEM;
			if (d->nrows)
				memcpy(nr, d->rows, d->nrows * sizeof *nr);
			d->rows = nr;
		}
		for (size_t i = 0; i < n; i++) {
			if (d->nrows >= DOCOUT_MAX_ACTIVITIES) {
				d->truncated = 1;
				return TT_OK;
			}
			int dup = 0;
			for (size_t k = 0; k < d->nrows && !dup; k++)
				dup = d->rows[k].id == a[i].id;
			if (dup)
				continue;
			const activity_type *t = activity_type_get(a[i].type);
			const char **cc = NULL;
			size_t nc = 0;
			if ((rc = activity_countries(ctx, a[i].id, &cc, &nc)))
				return rc;
			tt_buf cs;
			buf_init(&cs, 0);
			for (size_t k = 0; k < nc; k++) {
				const country *c = country_get(cc[k]);
				buf_printf(&cs, "%s%s", k ? ", " : "", c ? c->name : cc[k]);
			}
			docout_activity *x = &d->rows[d->nrows++];
			x->id = a[i].id;
			x->date = a[i].end_on && *a[i].end_on && strcmp(a[i].end_on, a[i].start_on)
			              ? arena_printf(ctx->arena, "%s - %s", dmy(ctx, a[i].start_on),
			                             dmy(ctx, a[i].end_on))
			              : dmy(ctx, a[i].start_on);
			x->type = t ? t->label : a[i].type;
			x->title = a[i].title;
			x->org = a[i].org_name ? a[i].org_name : a[i].org_code;
			x->countries = arena_strndup(ctx->arena, cs.data ? cs.data : "", cs.len);
			x->people = a[i].people;
			buf_free(&cs);
			if (!x->date || !x->countries)
				return TT_ERR_NOMEM;
		}
		q->offset += (int)n;
		if (!n || q->offset >= total)
			return TT_OK;
	}
}

tt_rc docout_activities_get(tt_ctx *ctx, st_activity_query *q, const docout_override *ov,
                            docout_activities *out)
{
	docout_activities d;
	memset(&d, 0, sizeof d);
	if (!ctx->user)
		return TT_ERR_UNAUTH;
	tt_rc rc = issuer_of(ctx, ctx->user->org_id, &d.issuer);
	if (rc || (rc = settings_for(ctx, ctx->user->org_id, &d.issuer, upper_body(ctx, ctx->user->org_id),
	                             ov, &d.set)))
		return rc;
	d.from = q->from;
	d.to = q->to;
	if ((rc = docout_activity_rows(ctx, q, &d)))
		return rc;
	*out = d;
	return TT_OK;
}

/* "Căn cứ ..." lines at the head of a document's text, before its first
 * numbered section. */
static void basis_lines(tt_ctx *ctx, const char *text, const char ***out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!text)
		return;
	size_t cap = 0;
	const char **v = NULL;
	for (const char *s = text; *s;) {
		const char *e = strchr(s, '\n');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		const char *l = s;
		while (len && (*l == ' ' || *l == '\t' || *l == '-' || *l == '*' || *l == '_')) {
			l++;
			len--;
		}
		while (len &&
		       (l[len - 1] == ' ' || l[len - 1] == '\r' || l[len - 1] == '*' || l[len - 1] == '_'))
			len--;
		if (len >= 2 && (l[0] == 'I' || (l[0] >= '1' && l[0] <= '9')) &&
		    (l[1] == '.' || l[1] == ' ' || l[1] == 'I'))
			break; /* the first numbered section */
		if (len > strlen("Căn cứ") && starts(l, "Căn cứ") && *n < 20) {
			if (*n == cap) {
				size_t nc = cap ? cap * 2 : 8;
				const char **nv = arena_alloc(ctx->arena, nc * sizeof *nv);
				if (!nv)
					break;
				if (v)
					memcpy(nv, v, *n * sizeof *v);
				v = nv;
				cap = nc;
			}
			v[(*n)++] = arena_strndup(ctx->arena, l, len);
		}
		if (!e)
			break;
		s = e + 1;
	}
	*out = v;
}

tt_rc docout_plan_get(tt_ctx *ctx, int64_t plan_id, const docout_override *ov, docout_plan *out)
{
	docout_plan d;
	memset(&d, 0, sizeof d);
	tt_rc rc = plan_get(ctx, plan_id, NULL, &d.plan);
	if (rc || (rc = issuer_of(ctx, d.plan.plan.owner_org_id, &d.issuer)))
		return rc;
	const char *upper = NULL;
	st_org owner, up;
	if (store_org_get_id(ctx->db, ctx->arena, d.plan.plan.owner_org_id, &owner) == TT_OK &&
	    owner.parent_id && store_org_get_id(ctx->db, ctx->arena, owner.parent_id, &up) == TT_OK)
		upper = body_name(ctx, &up);
	if ((rc = settings_for(ctx, d.plan.plan.owner_org_id, &d.issuer, upper, ov, &d.set)))
		return rc;
	if (d.plan.plan.document_id) {
		st_document doc;
		if (document_get(ctx, d.plan.plan.document_id, &doc) == TT_OK)
			basis_lines(ctx, doc.text, &d.basis, &d.nbasis);
	}
	*out = d;
	return TT_OK;
}
