/* dept.c - the standard bodies of a province (data/departments.csv) added
 * under a province at a date, with their 2025 history: successors within
 * the province (the March 2025 mergers) and, for a province that ended on
 * 2025-06-30, in the province that succeeded it. */
#include <jansson.h>
#include <string.h>

#include "base/buf.h"
#include "core/audit.h"
#include "core/data.h"
#include "core/mutate.h"
#include "core/org.h"
#include "core/perm.h"

enum { COL_SUFFIX, COL_NAME, COL_KIND, COL_ALIASES, COL_FROM, COL_TO, COL_SUCC, COL_SET };

/* Splits a ';'-separated list into trimmed, non-empty arena strings. */
static size_t split_list(tt_arena *a, const char *s, const char **out, size_t cap)
{
	size_t n = 0;
	while (s && *s && n < cap) {
		const char *semi = strchr(s, ';');
		size_t len = semi ? (size_t)(semi - s) : strlen(s);
		const char *b = s, *e = s + len;
		while (b < e && *b == ' ')
			b++;
		while (e > b && e[-1] == ' ')
			e--;
		if (e > b)
			out[n++] = arena_strndup(a, b, (size_t)(e - b));
		s = semi ? semi + 1 : NULL;
	}
	return n;
}

/* "Sở Tư pháp {tinh}" -> "Sở Tư pháp tỉnh Kon Tum"; "Báo {ten}" -> "Báo Kon Tum". */
static const char *fill(tt_arena *a, const char *tmpl, const char *tinh, const char *ten)
{
	tt_buf b;
	buf_init(&b, 4096);
	tt_rc rc = TT_OK;
	for (const char *p = tmpl; *p && !rc;) {
		if (!strncmp(p, "{tinh}", 6)) {
			rc = buf_adds(&b, tinh);
			p += 6;
		} else if (!strncmp(p, "{ten}", 5)) {
			rc = buf_adds(&b, ten);
			p += 5;
		} else
			rc = buf_addc(&b, *p++);
	}
	const char *r = rc ? NULL : arena_strdup(a, b.data ? b.data : "");
	buf_free(&b);
	return r;
}

/* The province's name as its bodies carry it: "Tỉnh Kon Tum" gives tinh
 * "tỉnh Kon Tum" and ten "Kon Tum"; "Thành phố Đà Nẵng" gives "thành phố
 * Đà Nẵng" and "Đà Nẵng". */
static void province_words(tt_arena *a, const char *name, const char **tinh, const char **ten)
{
	static const struct {
		const char *upper, *lower;
	} prefixes[] = {{"Tỉnh ", "tỉnh "}, {"Thành phố ", "thành phố "}};
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		size_t n = strlen(prefixes[i].upper);
		if (!strncmp(name, prefixes[i].upper, n)) {
			*ten = name + n;
			*tinh = arena_printf(a, "%s%s", prefixes[i].lower, name + n);
			return;
		}
	}
	*ten = name;
	*tinh = arena_printf(a, "tỉnh %s", name);
}

static const char *body_code(tt_arena *a, const char *province_code, const char *suffix)
{
	return arena_printf(a, "%s-%s", province_code, suffix);
}

static int date_before(const char *a, const char *b)
{
	return a && b && strcmp(a, b) < 0;
}

static tt_rc add_province(tt_ctx *ctx, const st_org *prov, const char *at, const data_row *rows, size_t nrows,
                          size_t *created, int depth);

/* Whether row r applies to province p from date at on. */
static int row_applies(const data_row *r, const st_org *p, const char *at)
{
	const char *from = data_field(r, COL_FROM), *to = data_field(r, COL_TO);
	if (strcmp(data_field(r, COL_SET), "std"))
		return 0;
	if (*to && strcmp(to, at) < 0)
		return 0; /* ended before */
	if (*from && p->valid_to && strcmp(from, p->valid_to) > 0)
		return 0; /* begins after the province ended */
	return 1;
}

static tt_rc put_body(tt_ctx *ctx, const st_org *prov, const data_row *r, size_t *created)
{
	tt_arena *a = ctx->arena;
	const char *tinh, *ten;
	province_words(a, prov->name, &tinh, &ten);
	const char *code = body_code(a, prov->code, data_field(r, COL_SUFFIX));
	if (!code || !tinh)
		return TT_ERR_NOMEM;
	st_org existing;
	tt_rc rc = store_org_get(ctx->db, a, code, &existing);
	if (rc != TT_ERR_NOT_FOUND)
		return rc; /* kept as it is (TT_OK), or a store error */
	const char *from = data_field(r, COL_FROM), *to = data_field(r, COL_TO);
	st_org o = {.code = code,
	            .name = fill(a, data_field(r, COL_NAME), tinh, ten),
	            .kind = data_field(r, COL_KIND),
	            .parent_id = prov->id,
	            .valid_from = *from ? from : NULL,
	            .valid_to = *to ? to : NULL};
	if (prov->valid_from && (!o.valid_from || date_before(o.valid_from, prov->valid_from)))
		o.valid_from = prov->valid_from;
	if (prov->valid_to && (!o.valid_to || date_before(prov->valid_to, o.valid_to)))
		o.valid_to = prov->valid_to;
	const char *al[16];
	const char *raw[16];
	size_t nraw = split_list(a, data_field(r, COL_ALIASES), raw, 16), nal = 0;
	for (size_t i = 0; i < nraw; i++)
		if (raw[i] && (al[nal] = fill(a, raw[i], tinh, ten)))
			nal++;
	if (!o.name)
		return TT_ERR_NOMEM;
	if ((rc = org_put(ctx, &o, al, nal, NULL)))
		return rc;
	json_t *after =
	    json_pack("{s:s, s:s, s:s, s:s?, s:s?}", "name", o.name, "kind", o.kind, "parent_code",
	              prov->code, "valid_from", o.valid_from, "valid_to", o.valid_to);
	rc = after ? audit_record(ctx, "org.create", "org", code, NULL, after) : TT_ERR_NOMEM;
	json_decref(after);
	if (!rc)
		(*created)++;
	return rc;
}

static tt_rc link(tt_ctx *ctx, const char *pred_code, const char *succ_code)
{
	st_org p, s;
	tt_rc rc = store_org_get(ctx->db, ctx->arena, pred_code, &p);
	if (!rc)
		rc = store_org_get(ctx->db, ctx->arena, succ_code, &s);
	if (rc == TT_ERR_NOT_FOUND)
		return TT_OK; /* a successor this province does not have */
	return rc ? rc : store_org_successor_add(ctx->db, p.id, s.id);
}

/* Successor links of the bodies of province p that end. */
static tt_rc link_successors(tt_ctx *ctx, const st_org *p, const char *at, const data_row *rows, size_t nrows,
                             size_t *created, int depth)
{
	tt_rc rc = TT_OK;
	st_org *next = NULL;
	size_t nnext = 0;
	if (p->valid_to) {
		st_org *succ;
		size_t ns;
		if ((rc = store_org_successors(ctx->db, ctx->arena, p->id, 0, &succ, &ns)))
			return rc;
		next = arena_alloc(ctx->arena, (ns ? ns : 1) * sizeof *next);
		if (!next)
			return TT_ERR_NOMEM;
		for (size_t i = 0; i < ns && !rc; i++) {
			if (strcmp(succ[i].kind, "province") || succ[i].id == p->id)
				continue;
			next[nnext++] = succ[i];
			rc =
			    add_province(ctx, &succ[i], succ[i].valid_from ? succ[i].valid_from : p->valid_to,
			                 rows, nrows, created, depth + 1);
		}
	}
	for (size_t i = 0; i < nrows && !rc; i++) {
		const data_row *r = &rows[i];
		if (!row_applies(r, p, at))
			continue;
		const char *suffix = data_field(r, COL_SUFFIX), *to = data_field(r, COL_TO);
		const char *pred = body_code(ctx->arena, p->code, suffix);
		const char *succ[8];
		size_t nsucc = split_list(ctx->arena, data_field(r, COL_SUCC), succ, 8);
		if (!pred)
			return TT_ERR_NOMEM;
		if (*to && (!p->valid_to || strcmp(to, p->valid_to) < 0)) {
			/* Ended while the province went on: successors beside it. */
			for (size_t j = 0; j < nsucc && !rc; j++)
				rc = link(ctx, pred, body_code(ctx->arena, p->code, succ[j]));
			continue;
		}
		if (!p->valid_to)
			continue;
		/* Ended with the province: the same body of the successor
		 * province, or the listed ones when the body ended then too. */
		for (size_t k = 0; k < nnext && !rc; k++) {
			if (*to && nsucc) {
				for (size_t j = 0; j < nsucc && !rc; j++)
					rc = link(ctx, pred, body_code(ctx->arena, next[k].code, succ[j]));
			} else
				rc = link(ctx, pred, body_code(ctx->arena, next[k].code, suffix));
		}
	}
	return rc;
}

static tt_rc add_province(tt_ctx *ctx, const st_org *prov, const char *at, const data_row *rows, size_t nrows,
                          size_t *created, int depth)
{
	if (depth > 3)
		return TT_OK; /* a chain of provinces this long is not in the data */
	if (prov->valid_from && strcmp(at, prov->valid_from) < 0)
		at = prov->valid_from;
	tt_rc rc = TT_OK;
	for (size_t i = 0; i < nrows && !rc; i++)
		if (row_applies(&rows[i], prov, at))
			rc = put_body(ctx, prov, &rows[i], created);
	return rc ? rc : link_successors(ctx, prov, at, rows, nrows, created, depth);
}

tt_rc org_add_departments(tt_ctx *ctx, const char *code, const char *at, size_t *created)
{
	data_row *rows;
	size_t nrows, n = 0;
	st_org prov;
	tt_rc rc = perm_check(ctx, PERM_MANAGE_ORGS, 0);
	if (rc)
		return rc;
	if (!at || !ctx_date_valid(at))
		return ctx_fail(ctx, TT_ERR_INVALID, "Ngày phải có dạng YYYY-MM-DD.");
	if ((rc = data_table(ctx->arena, "departments", &rows, &nrows)))
		return rc;
	if ((rc = core_begin(ctx)))
		return rc;
	rc = store_org_get(ctx->db, ctx->arena, code ? code : "", &prov);
	if (rc == TT_ERR_NOT_FOUND)
		rc = ctx_fail(ctx, rc, "Không có đơn vị mã %s.", code ? code : "");
	else if (!rc && strcmp(prov.kind, "province"))
		rc = ctx_fail(ctx, TT_ERR_INVALID, "%s không phải là tỉnh, thành phố.", code);
	else if (!rc && prov.valid_to && strcmp(at, prov.valid_to) > 0)
		rc = ctx_fail(ctx, TT_ERR_INVALID, "%s chỉ tồn tại đến %s.", code, prov.valid_to);
	if (!rc)
		rc = add_province(ctx, &prov, at, rows, nrows, &n, 0);
	if (!rc && n) {
		json_t *after =
		    json_pack("{s:s, s:s, s:I}", "province", prov.code, "at", at, "created", (json_int_t)n);
		rc = after ? audit_record(ctx, "org.add_departments", "org", prov.code, NULL, after)
		           : TT_ERR_NOMEM;
		json_decref(after);
	}
	if ((rc = core_end(ctx, rc)))
		return rc;
	if (created)
		*created = n;
	return TT_OK;
}
