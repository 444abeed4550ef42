/* schedule.c - reporting regimes (schedules), the daily tick that opens
 * their rounds, copying a round to another period, the ministry level above
 * the provinces with its drill-down, and an indicator compared across the
 * 2025 merger. See schedule.h. */
#include "core/schedule.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/cal.h"
#include "base/log.h"
#include "core/activity.h"
#include "core/audit.h"
#include "core/data.h"
#include "core/mutate.h"
#include "core/org.h"
#include "core/perm.h"
#include "core/round.h"
#include "core/round_int.h"
#include "text/vn.h"

static const char *id_str(tt_ctx *ctx, int64_t id)
{
	return arena_printf(ctx->arena, "%lld", (long long)id);
}

/* Text from a user: valid UTF-8, NFC, within max bytes, not blank. */
static tt_rc clean_text(tt_ctx *ctx, const char *in, size_t max, const char *what, const char **out)
{
	if (!in || ctx_blank(in))
		return ctx_fail(ctx, TT_ERR_INVALID, "Vui lòng nhập %s.", what);
	return round_clean_text(ctx, in, max, what, out);
}

static int year_of(const char *d)
{
	return (int)strtol(d, NULL, 10);
}

/* ---- the pure date logic ---- */

size_t schedule_due_periods(period_kind k, const char *starts_on, const char *today, period *out, size_t max)
{
	size_t n = 0;
	if (!cal_date_valid(starts_on) || !cal_date_valid(today) || strcmp(starts_on, today) > 0)
		return 0;
	/* Every period of year Y ends (its cut-off) inside year Y. */
	int y0 = year_of(starts_on), y1 = year_of(today);
	for (int y = y0; y <= y1 && n < max; y++) {
		period p[PERIOD_MAX];
		size_t np = period_list(k, y, p);
		for (size_t i = 0; i < np && n < max; i++)
			if (strcmp(p[i].end, starts_on) >= 0 && strcmp(p[i].end, today) <= 0)
				out[n++] = p[i];
	}
	return n;
}

tt_rc schedule_period_of(const char *start, const char *end, period *out)
{
	static const period_kind kinds[] = {PERIOD_HALF_YEAR, PERIOD_YEAR, PERIOD_NINE_MONTHS, PERIOD_QUARTER,
	                                    PERIOD_MONTH};
	if (!cal_date_valid(start) || !cal_date_valid(end))
		return TT_ERR_NOT_FOUND;
	int y = year_of(end);
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		period p[PERIOD_MAX];
		size_t np = period_list(kinds[k], y, p);
		for (size_t i = 0; i < np; i++)
			if (!strcmp(p[i].start, start) && !strcmp(p[i].end, end)) {
				*out = p[i];
				return TT_OK;
			}
	}
	return TT_ERR_NOT_FOUND;
}

/* Days from a to b (both valid YYYY-MM-DD). */
static int day_diff(const char *a, const char *b)
{
	struct tm ta = {0}, tb = {0};
	ta.tm_year = year_of(a) - 1900;
	ta.tm_mon = (int)strtol(a + 5, NULL, 10) - 1;
	ta.tm_mday = (int)strtol(a + 8, NULL, 10);
	tb.tm_year = year_of(b) - 1900;
	tb.tm_mon = (int)strtol(b + 5, NULL, 10) - 1;
	tb.tm_mday = (int)strtol(b + 8, NULL, 10);
	return (int)((timegm(&tb) - timegm(&ta)) / 86400);
}

static const char *add_days(tt_ctx *ctx, const char *d, int days)
{
	char out[CAL_DATE_LEN];
	if (cal_add_days(d, days, out))
		return NULL;
	return arena_strdup(ctx->arena, out);
}

/* ---- schedules ---- */

/* The canonical kinds text ("half_year,year", in the order of the enum). */
static tt_rc kinds_text(tt_ctx *ctx, const char *const *kinds, size_t n, const char **out)
{
	int seen[PERIOD_YEAR + 1] = {0};
	if (n == 0)
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Vui lòng chọn ít nhất một loại kỳ báo cáo (month, quarter, half_year, "
		                "nine_months, year).");
	for (size_t i = 0; i < n; i++) {
		period_kind k;
		if (!kinds[i] || period_kind_parse(kinds[i], &k))
			return ctx_fail(ctx, TT_ERR_INVALID,
			                "Loại kỳ \"%s\" không hợp lệ: chỉ nhận month, quarter, half_year, "
			                "nine_months hoặc year.",
			                kinds[i] ? kinds[i] : "");
		seen[k] = 1;
	}
	tt_buf b;
	buf_init(&b, 256);
	for (int k = 0; k <= PERIOD_YEAR; k++)
		if (seen[k] &&
		    ((b.len && buf_addc(&b, ',')) || buf_adds(&b, period_kind_name((period_kind)k)))) {
			buf_free(&b);
			return TT_ERR_NOMEM;
		}
	*out = arena_strdup(ctx->arena, b.data ? b.data : "");
	buf_free(&b);
	return *out ? TT_OK : TT_ERR_NOMEM;
}

/* Splits the stored kinds text into kinds; returns how many. */
static size_t kinds_parse(const char *s, period_kind out[PERIOD_YEAR + 1])
{
	size_t n = 0;
	while (s && *s && n <= PERIOD_YEAR) {
		const char *comma = strchr(s, ',');
		size_t len = comma ? (size_t)(comma - s) : strlen(s);
		char name[24];
		if (len < sizeof name) {
			memcpy(name, s, len);
			name[len] = '\0';
			if (!period_kind_parse(name, &out[n]))
				n++;
		}
		s = comma ? comma + 1 : NULL;
	}
	return n;
}

typedef struct {
	st_schedule x;
	st_section *sec;
	st_count *cnt;
	int64_t *orgs;
} checked_spec;

/* Checks a spec (outside the transaction: everything but the bodies). */
static tt_rc check_spec(tt_ctx *ctx, const schedule_spec *spec, checked_spec *c)
{
	tt_rc rc;
	memset(c, 0, sizeof *c);
	if ((rc = clean_text(ctx, spec->title, 500, "tên lịch báo cáo", &c->x.title)) ||
	    (rc = kinds_text(ctx, spec->kinds, spec->nkinds, &c->x.kinds)))
		return rc;
	if (spec->due_days < 1 || spec->due_days > SCHEDULE_MAX_DAYS)
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Số ngày hạn nộp sau ngày chốt số liệu (due_days) phải từ 1 đến %d.",
		                SCHEDULE_MAX_DAYS);
	if (spec->up_due_days &&
	    (spec->up_due_days <= spec->due_days || spec->up_due_days > SCHEDULE_MAX_DAYS))
		return ctx_fail(
		    ctx, TT_ERR_INVALID,
		    "Hạn báo cáo lên cấp trên (up_due_days = %d ngày) phải sau hạn các đơn vị nộp "
		    "(due_days = %d ngày) và không quá %d ngày.",
		    spec->up_due_days, spec->due_days, SCHEDULE_MAX_DAYS);
	if (spec->up_due_days < 0)
		return ctx_fail(ctx, TT_ERR_INVALID, "up_due_days không được âm.");
	c->x.due_days = spec->due_days;
	c->x.up_due_days = spec->up_due_days;
	c->x.active = spec->active;
	if (spec->norgs == 0 || spec->norgs > ROUND_MAX_ORGS)
		return ctx_fail(ctx, TT_ERR_INVALID, "Vui lòng chọn từ 1 đến %d đơn vị được yêu cầu báo cáo.",
		                ROUND_MAX_ORGS);
	if (spec->nsections + spec->ncounts == 0)
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Lịch báo cáo cần ít nhất một mục nội dung hoặc một chỉ tiêu số liệu.");
	if (spec->nsections > ROUND_MAX_ITEMS || spec->ncounts > ROUND_MAX_ITEMS)
		return ctx_fail(ctx, TT_ERR_INVALID, "Tối đa %d mục và %d chỉ tiêu.", ROUND_MAX_ITEMS,
		                ROUND_MAX_ITEMS);
	c->sec = arena_alloc(ctx->arena, (spec->nsections + 1) * sizeof *c->sec);
	c->cnt = arena_alloc(ctx->arena, (spec->ncounts + 1) * sizeof *c->cnt);
	c->orgs = arena_alloc(ctx->arena, spec->norgs * sizeof *c->orgs);
	if (!c->sec || !c->cnt || !c->orgs)
		return TT_ERR_NOMEM;
	return round_check_items(ctx, spec->sections, spec->nsections, spec->counts, spec->ncounts, c->sec,
	                         c->cnt);
}

/* Resolves the bodies of a schedule inside its transaction: each exists,
 * is still in office today, lies within the user's reach, once. */
static tt_rc resolve_orgs(tt_ctx *ctx, const schedule_spec *spec, int64_t *orgs)
{
	char today[CAL_DATE_LEN];
	cal_vn_date(ctx->now, today);
	return round_resolve_codes(ctx, spec->org_codes, spec->norgs, today, orgs);
}

static json_t *schedule_audit_json(const st_schedule *x, size_t norgs)
{
	json_t *j = json_pack("{s:s, s:s, s:i, s:i, s:I}", "title", x->title, "kinds", x->kinds, "due_days",
	                      x->due_days, "active", x->active, "orgs", (json_int_t)norgs);
	if (j && x->up_due_days)
		json_object_set_new(j, "up_due_days", json_integer(x->up_due_days));
	return j;
}

tt_rc schedule_create(tt_ctx *ctx, const schedule_spec *spec, int64_t *id)
{
	checked_spec c;
	if (!ctx->user)
		return ctx_fail(ctx, TT_ERR_FORBIDDEN, "Chỉ cán bộ điều phối mới được lập lịch báo cáo.");
	tt_rc rc = perm_check(ctx, PERM_CREATE_ROUND, 0);
	if (rc || (rc = check_spec(ctx, spec, &c)))
		return rc;
	char today[CAL_DATE_LEN];
	cal_vn_date(ctx->now, today);
	c.x.owner_org_id = ctx->user->org_id;
	c.x.created_by = ctx->user->id;
	c.x.starts_on = today;
	int64_t sid = 0;
	if ((rc = core_begin(ctx)))
		return rc;
	if ((rc = resolve_orgs(ctx, spec, c.orgs)) ||
	    (rc = store_schedule_add(ctx->db, &c.x, c.sec, spec->nsections, c.cnt, spec->ncounts, c.orgs,
	                             spec->norgs, &sid)))
		goto out;
	json_t *after = schedule_audit_json(&c.x, spec->norgs);
	rc = after ? audit_record(ctx, "schedule.create", "schedule", id_str(ctx, sid), NULL, after)
	           : TT_ERR_NOMEM;
	json_decref(after);
out:
	if (!(rc = core_end(ctx, rc)) && id)
		*id = sid;
	return rc;
}

/* Loads a schedule the user may read; *edit: may change it. */
static tt_rc load(tt_ctx *ctx, int64_t id, st_schedule *x, int *edit)
{
	int manage = 0, view = 0;
	if (!ctx->user && !perm_is_system(ctx))
		return TT_ERR_UNAUTH;
	tt_rc rc = store_schedule_get(ctx->db, ctx->arena, id, x);
	if (rc == TT_ERR_NOT_FOUND)
		return ctx_fail(ctx, rc, "Không có lịch báo cáo số %lld.", (long long)id);
	if (rc || (rc = perm_ask(ctx, PERM_MANAGE_ROUND, x->owner_org_id, &manage)))
		return rc;
	if (!manage) {
		int within = 0;
		if ((rc = perm_ask(ctx, PERM_VIEW_CONSOLIDATED, x->owner_org_id, &view)))
			return rc;
		/* a viewer of the owner's subtree, not one reaching it from above */
		if (view && ctx->user &&
		    (rc = store_org_within(ctx->db, ctx->user->org_id, x->owner_org_id, &within)))
			return rc;
		view = view && within;
	}
	if (!manage && !view)
		return ctx_fail(ctx, TT_ERR_NOT_FOUND, "Không có lịch báo cáo số %lld.", (long long)id);
	*edit = manage;
	return TT_OK;
}

tt_rc schedule_get(tt_ctx *ctx, int64_t id, schedule_view *out)
{
	schedule_view v = {0};
	tt_rc rc = load(ctx, id, &v.schedule, &v.can_edit);
	if (rc || (rc = store_schedule_sections(ctx->db, ctx->arena, id, &v.sections, &v.nsections)) ||
	    (rc = store_schedule_counts(ctx->db, ctx->arena, id, &v.counts, &v.ncounts)) ||
	    (rc = store_schedule_orgs(ctx->db, ctx->arena, id, &v.orgs, &v.norgs)))
		return rc;
	*out = v;
	return TT_OK;
}

tt_rc schedule_rates(tt_ctx *ctx, int64_t id, schedule_rate **out, size_t *n)
{
	st_schedule s;
	st_schedule_round *rs;
	size_t nr;
	int edit = 0;
	tt_rc rc = load(ctx, id, &s, &edit);
	if (rc || (rc = store_schedule_rounds(ctx->db, ctx->arena, id, &rs, &nr)))
		return rc;
	schedule_rate *x = arena_alloc(ctx->arena, (nr + 1) * sizeof *x);
	if (!x)
		return TT_ERR_NOMEM;
	size_t k = 0;
	for (size_t i = 0; i < nr; i++) {
		round_rates_t t;
		rc = round_rates(ctx, rs[i].round_id, &t);
		if (rc == TT_ERR_NOT_FOUND || rc == TT_ERR_FORBIDDEN) {
			ctx->error_detail = NULL;
			continue;
		}
		if (rc)
			return rc;
		period p;
		x[k] = (schedule_rate){.round_id = rs[i].round_id, .period_key = rs[i].period_key, .rates = t};
		if (period_from_key(rs[i].period_key, &p) == TT_OK)
			memcpy(x[k].label, p.label, sizeof x[k].label);
		else
			snprintf(x[k].label, sizeof x[k].label, "%s", rs[i].period_key);
		k++;
	}
	*out = x;
	*n = k;
	return TT_OK;
}

tt_rc schedule_list(tt_ctx *ctx, st_schedule **out, size_t *n)
{
	if (!ctx->user)
		return TT_ERR_UNAUTH;
	if (perm_unbounded(ctx))
		return store_schedule_list(ctx->db, ctx->arena, 0, 0, out, n);
	if (!perm_may(ctx, PERM_LIST_OWNED_ROUNDS, 0)) {
		*out = NULL;
		*n = 0;
		return TT_OK;
	}
	return store_schedule_list(ctx->db, ctx->arena, ctx->user->org_id, 0, out, n);
}

tt_rc schedule_update(tt_ctx *ctx, int64_t id, const schedule_spec *spec)
{
	checked_spec c;
	st_schedule old;
	int edit = 0;
	if (!ctx->user)
		return ctx_fail(ctx, TT_ERR_FORBIDDEN, "Chỉ cán bộ điều phối mới được sửa lịch báo cáo.");
	tt_rc rc = check_spec(ctx, spec, &c);
	if (rc || (rc = core_begin(ctx)))
		return rc;
	if ((rc = load(ctx, id, &old, &edit)))
		goto out;
	if (!edit) {
		rc = perm_check(ctx, PERM_MANAGE_ROUND, old.owner_org_id);
		goto out;
	}
	c.x.id = id;
	if ((rc = resolve_orgs(ctx, spec, c.orgs)) ||
	    (rc = store_schedule_update(ctx->db, &c.x, c.sec, spec->nsections, c.cnt, spec->ncounts, c.orgs,
	                                spec->norgs)))
		goto out;
	json_t *before = schedule_audit_json(&old, 0), *after = schedule_audit_json(&c.x, spec->norgs);
	rc = before && after
	         ? audit_record(ctx, "schedule.update", "schedule", id_str(ctx, id), before, after)
	         : TT_ERR_NOMEM;
	json_decref(before);
	json_decref(after);
out:
	return core_end(ctx, rc);
}

tt_rc schedule_delete(tt_ctx *ctx, int64_t id)
{
	st_schedule old;
	int edit = 0;
	if (!ctx->user)
		return ctx_fail(ctx, TT_ERR_FORBIDDEN, "Chỉ cán bộ điều phối mới được xóa lịch báo cáo.");
	tt_rc rc = core_begin(ctx);
	if (rc)
		return rc;
	if ((rc = load(ctx, id, &old, &edit)))
		goto out;
	if (!edit) {
		rc = perm_check(ctx, PERM_MANAGE_ROUND, old.owner_org_id);
		goto out;
	}
	if ((rc = store_schedule_delete(ctx->db, id)))
		goto out;
	json_t *before = schedule_audit_json(&old, 0);
	rc = before ? audit_record(ctx, "schedule.delete", "schedule", id_str(ctx, id), before, NULL)
	            : TT_ERR_NOMEM;
	json_decref(before);
out:
	return core_end(ctx, rc);
}

/* ---- opening rounds ---- */

/* Opens the round of one period of schedule x (as the system). */
static tt_rc open_period(tt_ctx *ctx, const st_schedule *x, const period *p, const st_section *sec, size_t ns,
                         const st_count *cnt, size_t nc, const int64_t *orgs, size_t no)
{
	round_spec spec = {
	    .title = arena_printf(ctx->arena, "%s %s", x->title, p->label),
	    .period_start = p->start,
	    .period_end = p->end,
	    .due = add_days(ctx, p->end, x->due_days),
	    .sections = sec,
	    .nsections = ns,
	    .counts = cnt,
	    .ncounts = nc,
	    .allow_past_due = 1,
	    .owner_org_id = x->owner_org_id,
	    .schedule_id = x->id,
	    .period_key = p->key,
	    .up_due = x->up_due_days ? add_days(ctx, p->end, x->up_due_days) : NULL,
	};
	const char **codes;
	size_t n;
	tt_rc rc = org_carried_codes(ctx, orgs, no, p->start, &codes, &n);
	if (rc)
		return rc;
	if (!spec.title || !spec.due)
		return TT_ERR_NOMEM;
	spec.org_codes = codes;
	spec.norgs = n;
	return round_create(ctx, &spec, NULL);
}

tt_rc schedule_tick(tt_ctx *ctx, schedule_tick_result *res)
{
	st_schedule *xs;
	size_t nx;
	schedule_tick_result r = {0};
	if (!perm_is_system(ctx))
		return ctx_fail(ctx, TT_ERR_FORBIDDEN, "Chỉ hệ thống mới mở các đợt báo cáo theo lịch.");
	char today[CAL_DATE_LEN];
	cal_vn_date(ctx->now, today);
	tt_rc rc = store_schedule_list(ctx->db, ctx->arena, 0, 1, &xs, &nx);
	if (rc)
		return rc;
	for (size_t i = 0; i < nx; i++) {
		const st_schedule *x = &xs[i];
		period_kind kinds[PERIOD_YEAR + 1];
		size_t nk = kinds_parse(x->kinds, kinds);
		st_section *sec = NULL;
		st_count *cnt = NULL;
		st_org *orgs = NULL;
		size_t ns = 0, nc = 0, no = 0;
		if ((rc = store_schedule_sections(ctx->db, ctx->arena, x->id, &sec, &ns)) ||
		    (rc = store_schedule_counts(ctx->db, ctx->arena, x->id, &cnt, &nc)) ||
		    (rc = store_schedule_orgs(ctx->db, ctx->arena, x->id, &orgs, &no)))
			return rc;
		int64_t *ids = arena_alloc(ctx->arena, (no + 1) * sizeof *ids);
		if (!ids)
			return TT_ERR_NOMEM;
		for (size_t j = 0; j < no; j++)
			ids[j] = orgs[j].id;
		for (size_t k = 0; k < nk; k++) {
			period ps[64];
			size_t np = schedule_due_periods(kinds[k], x->starts_on, today, ps, 64);
			for (size_t j = 0; j < np; j++) {
				int64_t have = 0;
				if ((rc = store_schedule_round(ctx->db, x->id, ps[j].key, &have)))
					return rc;
				if (have) {
					r.existing++;
					continue;
				}
				ctx->error_detail = NULL;
				rc = open_period(ctx, x, &ps[j], sec, ns, cnt, nc, ids, no);
				if (!rc)
					r.opened++;
				else if (rc == TT_ERR_CONFLICT)
					r.existing++;
				else {
					r.failed++;
					log_warn("schedule %lld, period %s: no round opened (%s)",
					         (long long)x->id, ps[j].key,
					         ctx->error_detail ? ctx->error_detail : tt_rc_message(rc));
				}
			}
		}
	}
	ctx->error_detail = NULL;
	*res = r;
	return TT_OK;
}

/* ---- copying a round ---- */

tt_rc round_copy(tt_ctx *ctx, int64_t id, const round_copy_spec *cs, int64_t *new_id)
{
	st_round r;
	int manage = 0;
	tt_rc rc = round_get(ctx, id, &r, &manage);
	if (rc)
		return rc;
	if (!manage)
		return perm_check(ctx, PERM_MANAGE_ROUND, r.owner_org_id);
	period np;
	const char *start = cs->period_start, *end = cs->period_end;
	if (cs->period_key) {
		if (period_from_key(cs->period_key, &np))
			return ctx_fail(
			    ctx, TT_ERR_INVALID,
			    "Trường \"period\" phải là mã kỳ báo cáo, ví dụ \"2026-H2\", \"2026-Q3\", "
			    "\"2026-M07\", \"2026-9M\" hoặc \"2026-Y\".");
		start = arena_strdup(ctx->arena, np.start);
		end = arena_strdup(ctx->arena, np.end);
	} else if (!ctx_date_valid(start) || !ctx_date_valid(end))
		return ctx_fail(
		    ctx, TT_ERR_INVALID,
		    "Cần kỳ báo cáo mới: \"period\" (mã kỳ) hoặc \"period_start\" và \"period_end\" "
		    "dạng YYYY-MM-DD.");
	const char *due = cs->due;
	if (!due && ctx_date_valid(r.due) && ctx_date_valid(r.period_end) && ctx_date_valid(end))
		due = add_days(ctx, end, day_diff(r.period_end, r.due));
	/* The title: the old period's label becomes the new one's. */
	const char *title = r.title;
	period op, nper;
	if (!schedule_period_of(r.period_start, r.period_end, &op) &&
	    !schedule_period_of(start, end, &nper)) {
		const char *at = strstr(r.title, op.label);
		if (at)
			title = arena_printf(ctx->arena, "%.*s%s%s", (int)(at - r.title), r.title, nper.label,
			                     at + strlen(op.label));
	}
	st_section *sec;
	st_count *cnt;
	st_report *rep;
	size_t ns, nc, nrep;
	if ((rc = round_layout(ctx, id, &sec, &ns, &cnt, &nc)) || (rc = round_reports(ctx, id, &rep, &nrep)))
		return rc;
	int64_t *ids = arena_alloc(ctx->arena, (nrep + 1) * sizeof *ids);
	if (!ids || !title)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < nrep; i++)
		ids[i] = rep[i].org_id;
	round_spec spec = {.title = title,
	                   .period_start = start,
	                   .period_end = end,
	                   .due = due,
	                   .sections = sec,
	                   .nsections = ns,
	                   .counts = cnt,
	                   .ncounts = nc,
	                   .plan_id = 0,
	                   .allow_past_due = cs->allow_past_due,
	                   .audit_action = "round.copy",
	                   .copied_from = id};
	if (ctx_date_valid(start) &&
	    (rc = org_carried_codes(ctx, ids, nrep, start, (const char ***)&spec.org_codes, &spec.norgs)))
		return rc;
	return round_create(ctx, &spec, new_id);
}

tt_rc round_schedule_info(tt_ctx *ctx, int64_t round_id, int64_t *schedule_id, const char **period_key,
                          const char **up_due)
{
	st_round r;
	int manage;
	tt_rc rc = round_get(ctx, round_id, &r, &manage);
	if (rc)
		return rc;
	return store_round_schedule_get(ctx->db, ctx->arena, round_id, schedule_id, period_key, up_due);
}

/* ---- the ministry level ---- */

enum { M_CODE, M_NAME, M_PARENT, M_ALIASES, M_FROM, M_TO, M_SUCC, M_RECEIVES };

static size_t split_semis(tt_arena *a, const char *s, const char **out, size_t cap)
{
	size_t n = 0;
	while (s && *s && n < cap) {
		const char *semi = strchr(s, ';');
		size_t len = semi ? (size_t)(semi - s) : strlen(s);
		if (len)
			out[n++] = arena_strndup(a, s, len);
		s = semi ? semi + 1 : NULL;
	}
	return n;
}

tt_rc ministry_load(tt_ctx *ctx, schedule_ministry_stats *stats)
{
	data_row *rows;
	size_t nrows;
	schedule_ministry_stats st = {0};
	tt_rc rc = perm_check(ctx, PERM_MANAGE_ORGS, 0);
	if (rc || (rc = data_table(ctx->arena, "ministries", &rows, &nrows)))
		return rc;
	if ((rc = core_begin(ctx)))
		return rc;
	for (size_t i = 0; i < nrows && !rc; i++) {
		const data_row *r = &rows[i];
		st_org o = {.code = data_field(r, M_CODE), .name = data_field(r, M_NAME), .kind = "ministry"},
		       parent;
		const char *from = data_field(r, M_FROM), *to = data_field(r, M_TO);
		o.valid_from = *from ? from : NULL;
		o.valid_to = *to ? to : NULL;
		if (*data_field(r, M_PARENT)) {
			if ((rc = store_org_get(ctx->db, ctx->arena, data_field(r, M_PARENT), &parent)))
				break;
			o.parent_id = parent.id;
		}
		const char *al[16];
		size_t nal = split_semis(ctx->arena, data_field(r, M_ALIASES), al, 16);
		if ((rc = org_put(ctx, &o, al, nal, NULL)))
			break;
		st.bodies++;
	}
	/* Successors and the provinces below, once every body exists. */
	for (size_t i = 0; i < nrows && !rc; i++) {
		const data_row *r = &rows[i];
		st_org self, succ;
		if ((rc = store_org_get(ctx->db, ctx->arena, data_field(r, M_CODE), &self)))
			break;
		const char *sc[8];
		size_t nsc = split_semis(ctx->arena, data_field(r, M_SUCC), sc, 8);
		for (size_t j = 0; j < nsc && !rc; j++)
			if (!(rc = store_org_get(ctx->db, ctx->arena, sc[j], &succ)))
				rc = store_org_successor_add(ctx->db, self.id, succ.id);
		const char *recv = data_field(r, M_RECEIVES);
		if (rc || !*recv)
			continue;
		st_org_query q = {.kind = "province", .limit = 1000};
		st_org *prov;
		size_t np;
		if ((rc = store_org_find(ctx->db, ctx->arena, &q, &prov, &np)))
			break;
		for (size_t j = 0; j < np && !rc; j++) {
			int take = !strcmp(recv, "all") ? !(self.valid_from && prov[j].valid_to &&
			                                    strcmp(prov[j].valid_to, self.valid_from) < 0)
			                                : !(self.valid_to && prov[j].valid_from &&
			                                    strcmp(prov[j].valid_from, self.valid_to) > 0);
			if (!take)
				continue;
			if (!(rc = store_org_report_to_add(ctx->db, prov[j].id, self.id)))
				st.provinces++;
		}
	}
	if (!rc) {
		json_t *after = json_pack("{s:I, s:I}", "bodies", (json_int_t)st.bodies, "province_links",
		                          (json_int_t)st.provinces);
		rc = after ? audit_record(ctx, "org.add_ministry", "org", "ministries", NULL, after)
		           : TT_ERR_NOMEM;
		json_decref(after);
	}
	if ((rc = core_end(ctx, rc)))
		return rc;
	if (stats)
		*stats = st;
	return TT_OK;
}

tt_rc ministry_provinces(tt_ctx *ctx, const char *at, st_org **out, size_t *n)
{
	if (!ctx->user)
		return TT_ERR_UNAUTH;
	if (!ctx_date_valid(at))
		return ctx_fail(ctx, TT_ERR_INVALID, "Ngày phải có dạng YYYY-MM-DD.");
	return store_org_reporting(ctx->db, ctx->arena, ctx->user->org_id, "province", at, out, n);
}

tt_rc round_drill(tt_ctx *ctx, int64_t round_id, round_drill_row **out, size_t *n)
{
	st_round r;
	int manage = 0;
	tt_rc rc = round_get(ctx, round_id, &r, &manage);
	if (rc)
		return rc;
	if (!manage && (rc = perm_check(ctx, PERM_VIEW_CONSOLIDATED, r.owner_org_id)))
		return rc;
	st_report *rep;
	size_t nrep;
	if ((rc = round_reports(ctx, round_id, &rep, &nrep)))
		return rc;
	round_drill_row *rows = arena_alloc(ctx->arena, (nrep + 1) * sizeof *rows);
	if (!rows)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < nrep; i++) {
		rows[i] = (round_drill_row){.report = rep[i]};
		if ((rc = store_round_find_period(ctx->db, rep[i].org_id, r.period_start, r.period_end,
		                                  &rows[i].own_round_id)))
			return rc;
		if (rows[i].own_round_id &&
		    (rc = store_round_tally(ctx->db, rows[i].own_round_id, &rows[i].own_expected,
		                            &rows[i].own_submitted)))
			return rc;
	}
	*out = rows;
	*n = nrep;
	return TT_OK;
}

/* ---- an indicator across the 2025 merger ---- */

static int valid_on(const st_org *o, const char *day)
{
	return (!o->valid_from || strcmp(o->valid_from, day) <= 0) &&
	       (!o->valid_to || strcmp(o->valid_to, day) >= 0);
}

static int overlaps(const st_org *o, const char *from, const char *to)
{
	return (!o->valid_from || strcmp(o->valid_from, to) <= 0) &&
	       (!o->valid_to || strcmp(o->valid_to, from) >= 0);
}

tt_rc indicator_compare(tt_ctx *ctx, const char *indicator, const int *years, size_t nyears, const char *at,
                        indicator_compare_row **out, size_t *n)
{
	const activity_indicator *ind = activity_indicator_get(indicator);
	if (!ctx->user)
		return TT_ERR_UNAUTH;
	if (!ind)
		return ctx_fail(ctx, TT_ERR_NOT_FOUND,
		                "Không có chỉ tiêu \"%s\" (xem GET /api/v1/indicators).",
		                indicator ? indicator : "");
	if (!ctx_date_valid(at))
		return ctx_fail(ctx, TT_ERR_INVALID, "Tham số \"at\" phải là ngày dạng YYYY-MM-DD.");
	if (nyears == 0 || nyears > 10)
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Tham số \"years\" gồm từ 1 đến 10 năm, ví dụ 2024,2025.");
	st_org_query q = {.kind = "province", .limit = 1000};
	st_org *prov;
	size_t np;
	tt_rc rc = store_org_find(ctx->db, ctx->arena, &q, &prov, &np);
	if (rc)
		return rc;
	/* The carrier of each province on day at (itself when in office). */
	const st_org **carrier = arena_alloc(ctx->arena, (np + 1) * sizeof *carrier);
	if (!carrier)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < np; i++) {
		carrier[i] = NULL;
		if (valid_on(&prov[i], at)) {
			carrier[i] = &prov[i];
			continue;
		}
		st_org *succ;
		size_t ns;
		if ((rc = store_org_successors(ctx->db, ctx->arena, prov[i].id, 1, &succ, &ns)))
			return rc;
		/* A province split between several: counted under the first. */
		for (size_t j = 0; j < ns && !carrier[i]; j++)
			if (valid_on(&succ[j], at) && !strcmp(succ[j].kind, "province"))
				carrier[i] = &succ[j];
	}
	indicator_compare_row *rows = arena_alloc(ctx->arena, (np + 1) * sizeof *rows);
	const st_org **row_org = arena_alloc(ctx->arena, (np + 1) * sizeof *row_org);
	tt_buf *src = calloc(np * nyears + 1, sizeof *src);
	size_t nr = 0;
	if (!rows || !row_org || !src) {
		free(src);
		return TT_ERR_NOMEM;
	}
	for (size_t i = 0; i < np && !rc; i++) {
		const st_org *c = carrier[i];
		if (!c)
			continue;
		size_t k = 0;
		while (k < nr && row_org[k]->id != c->id)
			k++;
		if (k == nr) {
			int see = perm_unbounded(ctx);
			if (!see && (rc = store_org_within(ctx->db, ctx->user->org_id, c->id, &see)))
				break;
			if (!see && (rc = store_org_reaches(ctx->db, ctx->user->org_id, c->id, &see)))
				break;
			if (!see)
				continue;
			row_org[nr] = c;
			rows[nr] = (indicator_compare_row){.code = c->code, .name = c->name};
			if (!(rows[nr].values = arena_alloc(ctx->arena, nyears * sizeof(double))) ||
			    !(rows[nr].sources = arena_alloc(ctx->arena, nyears * sizeof(char *)))) {
				rc = TT_ERR_NOMEM;
				break;
			}
			for (size_t y = 0; y < nyears; y++) {
				rows[nr].values[y] = 0;
				buf_init(&src[nr * nyears + y], 4096);
			}
			nr++;
		}
		for (size_t y = 0; y < nyears && !rc; y++) {
			period p;
			char key[16];
			snprintf(key, sizeof key, "%04d-Y", years[y]);
			if (period_from_key(key, &p) || !overlaps(&prov[i], p.start, p.end))
				continue;
			double v = 0;
			int64_t s = 0;
			if ((rc = store_activity_sum(ctx->db, ind->type, ind->field, prov[i].id, p.start,
			                             p.end, &v, &s)))
				break;
			rows[k].values[y] += v;
			tt_buf *b = &src[k * nyears + y];
			if (s > 0 && ((b->len && buf_adds(b, "; ")) || buf_adds(b, prov[i].name)))
				rc = TT_ERR_NOMEM;
		}
	}
	for (size_t k = 0; k < nr; k++)
		for (size_t y = 0; y < nyears; y++) {
			tt_buf *b = &src[k * nyears + y];
			if (!rc)
				rows[k].sources[y] = arena_strdup(ctx->arena, b->data ? b->data : "");
			buf_free(b);
		}
	free(src);
	if (rc)
		return rc;
	/* by name */
	for (size_t i = 1; i < nr; i++)
		for (size_t j = i; j > 0 && strcmp(rows[j - 1].name, rows[j].name) > 0; j--) {
			indicator_compare_row t = rows[j];
			rows[j] = rows[j - 1];
			rows[j - 1] = t;
		}
	*out = rows;
	*n = nr;
	return TT_OK;
}
