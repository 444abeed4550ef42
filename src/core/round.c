/* round.c - the reporting round: creation, filling in, submission, return,
 * completeness and consolidation, with the permission rules of each step.
 *
 * Who may do what is decided in perm.c (see perm.h). */
#include "core/round.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cal.h"
#include "core/activity.h"
#include "core/audit.h"
#include "core/mutate.h"
#include "core/perm.h"
#include "core/plan_int.h"
#include "core/round_text.h"
#include "core/round_int.h"
#include "text/vn.h"

#define date_valid ctx_date_valid

static int key_valid(const char *k)
{
	size_t n = k ? strlen(k) : 0;
	return n > 0 && n <= 64 &&
	       strspn(k, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") == n;
}

/* Text from a user: valid UTF-8, stored as NFC, within max bytes. */
static tt_rc clean_text(tt_ctx *ctx, const char *in, size_t max, const char *what, const char **out)
{
	size_t off;
	tt_buf b;
	if (!in)
		return ctx_fail(ctx, TT_ERR_INVALID, "Thiếu %s.", what);
	if (strlen(in) > max)
		return ctx_fail(ctx, TT_ERR_TOO_LARGE, "%s dài quá %zu byte.", what, max);
	if (vn_utf8_validate(in, strlen(in), &off))
		return ctx_fail(ctx, TT_ERR_UTF8, "%s có ký tự không hợp lệ tại byte %zu.", what, off);
	buf_init(&b, 0);
	tt_rc rc = vn_nfc(in, strlen(in), &b);
	if (!rc && !(*out = arena_strdup(ctx->arena, b.data ? b.data : "")))
		rc = TT_ERR_NOMEM;
	buf_free(&b);
	return rc;
}

const char *round_msg_integer(tt_ctx *ctx, const st_count *c)
{
	return arena_printf(
	    ctx->arena, "Chỉ tiêu \"%s\" là số nguyên, không nhận số lẻ; ví dụ viết 12 hoặc 1.200.", c->name);
}

static const char *id_str(tt_ctx *ctx, int64_t id)
{
	return arena_printf(ctx->arena, "%lld", (long long)id);
}

tt_rc round_resolve_codes(tt_ctx *ctx, const char *const *codes, size_t n, const char *at, int64_t *orgs)
{
	tt_rc rc;
	for (size_t i = 0; i < n; i++) {
		st_org o;
		int within = 0;
		const char *code = codes[i] ? codes[i] : "";
		if ((rc = store_org_get(ctx->db, ctx->arena, code, &o)))
			return rc == TT_ERR_NOT_FOUND ? ctx_fail(ctx, TT_ERR_INVALID, "Không có đơn vị mã %s.", code)
			                              : rc;
		if (o.valid_to && strcmp(o.valid_to, at) < 0)
			return ctx_fail(ctx, TT_ERR_INVALID, "Đơn vị %s (%s) đã thôi hoạt động từ %s.",
			                o.name, o.code, o.valid_to);
		if ((rc = perm_ask(ctx, PERM_CREATE_ROUND, o.id, &within)))
			return rc;
		if (!within)
			return ctx_fail(ctx, TT_ERR_FORBIDDEN,
			                "Đơn vị %s (%s) không thuộc phạm vi điều phối của bạn.", o.name,
			                o.code);
		for (size_t j = 0; j < i; j++)
			if (orgs[j] == o.id)
				return ctx_fail(ctx, TT_ERR_INVALID, "Đơn vị %s được chọn hai lần.", o.code);
		orgs[i] = o.id;
	}
	return TT_OK;
}

/* The plan a new round is tied to (0: none): the creator reads it, it is
 * active, and its owner lies within the creator's body's subtree. Runs
 * inside the round's write transaction. */
static tt_rc check_plan(tt_ctx *ctx, int64_t plan_id)
{
	st_plan p;
	int within = 0;
	if (!plan_id)
		return TT_OK;
	tt_rc rc = plan_load(ctx, plan_id, &p, NULL);
	if (rc == TT_ERR_NOT_FOUND)
		return ctx_fail(ctx, TT_ERR_INVALID, "Không có kế hoạch số %lld, hoặc bạn không xem được kế hoạch này.",
		                (long long)plan_id);
	if (rc)
		return rc;
	if (strcmp(p.state, "active"))
		return ctx_fail(ctx, TT_ERR_INVALID,
		                strcmp(p.state, "draft")
		                    ? "Kế hoạch \"%s\" đã kết thúc; chỉ gắn đợt báo cáo với kế hoạch đang thực hiện."
		                    : "Kế hoạch \"%s\" còn là dự thảo; chỉ gắn đợt báo cáo với kế hoạch đang thực "
		                      "hiện.",
		                p.title);
	if (p.owner_org_id != ctx->user->org_id &&
	    (rc = store_org_within(ctx->db, ctx->user->org_id, p.owner_org_id, &within)))
		return rc;
	if (p.owner_org_id != ctx->user->org_id && !within)
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Kế hoạch \"%s\" do %s ban hành, không thuộc đơn vị của bạn nên không gắn "
		                "vào đợt báo cáo được.",
		                p.title, p.owner_name ? p.owner_name : p.owner_code);
	return TT_OK;
}

tt_rc round_plan_choices(tt_ctx *ctx, st_plan **out, size_t *n)
{
	st_plan *p;
	size_t np, k = 0;
	if (!ctx->user)
		return TT_ERR_UNAUTH;
	tt_rc rc = plan_list(ctx, &p, &np);
	if (rc)
		return rc;
	for (size_t i = 0; i < np; i++) {
		int within = p[i].owner_org_id == ctx->user->org_id;
		if (!within && (rc = store_org_within(ctx->db, ctx->user->org_id, p[i].owner_org_id, &within)))
			return rc;
		if (within && !strcmp(p[i].state, "active"))
			p[k++] = p[i];
	}
	*out = p;
	*n = k;
	return TT_OK;
}

/* Links a new round to its schedule's period, inside the round's write
 * transaction: a period that has a round already is a conflict, so two
 * ticks at once open it once. */
static tt_rc link_schedule(tt_ctx *ctx, const round_spec *spec, int64_t rid)
{
	int64_t have = 0;
	tt_rc rc = store_schedule_round(ctx->db, spec->schedule_id, spec->period_key, &have);
	if (rc)
		return rc;
	if (have)
		return ctx_fail(ctx, TT_ERR_CONFLICT, "Kỳ %s của lịch báo cáo đã được mở đợt báo cáo.",
		                spec->period_key);
	return store_round_schedule_add(ctx->db, rid, spec->schedule_id, spec->period_key, spec->up_due);
}

tt_rc round_check_layout(tt_ctx *ctx, const round_spec *spec, st_section *sec, st_count *cnt)
{
	return round_check_items(ctx, spec->sections, spec->nsections, spec->counts, spec->ncounts, sec, cnt);
}

tt_rc round_check_items(tt_ctx *ctx, const st_section *sections, size_t nsections, const st_count *counts,
                        size_t ncounts, st_section *sec, st_count *cnt)
{
	tt_rc rc;
	for (size_t i = 0; i < nsections; i++) {
		if (!key_valid(sections[i].key))
			return ctx_fail(ctx, TT_ERR_INVALID,
			                "Mã mục '%s' chỉ gồm chữ không dấu, số, _ - . (tối đa 64).",
			                sections[i].key ? sections[i].key : "");
		for (size_t j = 0; j < i; j++)
			if (!strcmp(sections[i].key, sections[j].key))
				return ctx_fail(ctx, TT_ERR_INVALID, "Mã mục '%s' bị trùng.",
				                sections[i].key);
		sec[i].key = sections[i].key;
		if ((rc = clean_text(ctx, sections[i].heading, 1000, "Tên mục", &sec[i].heading)))
			return rc;
		if (ctx_blank(sec[i].heading))
			return ctx_fail(ctx, TT_ERR_INVALID, "Mục '%s' chưa có tên.", sec[i].key);
	}
	for (size_t i = 0; i < ncounts; i++) {
		if (!key_valid(counts[i].key))
			return ctx_fail(ctx, TT_ERR_INVALID,
			                "Mã chỉ tiêu '%s' chỉ gồm chữ không dấu, số, _ - . (tối đa 64).",
			                counts[i].key ? counts[i].key : "");
		for (size_t j = 0; j < i; j++)
			if (!strcmp(counts[i].key, counts[j].key))
				return ctx_fail(ctx, TT_ERR_INVALID, "Mã chỉ tiêu '%s' bị trùng.",
				                counts[i].key);
		cnt[i].key = counts[i].key;
		if ((rc = clean_text(ctx, counts[i].name, 1000, "Tên chỉ tiêu", &cnt[i].name)) ||
		    (rc = clean_text(ctx, counts[i].unit ? counts[i].unit : "", 100,
		                     "Đơn vị tính", &cnt[i].unit)))
			return rc;
		if (ctx_blank(cnt[i].name))
			return ctx_fail(ctx, TT_ERR_INVALID, "Chỉ tiêu '%s' chưa có tên.", cnt[i].key);
		const char *type = counts[i].type;
		if (type && strcmp(type, "integer") && strcmp(type, "decimal"))
			return ctx_fail(ctx, TT_ERR_INVALID,
			                "Kiểu của chỉ tiêu '%s' phải là \"integer\" (số nguyên) hoặc "
			                "\"decimal\" (số thập phân).",
			                cnt[i].key);
		const char *ikey = counts[i].indicator;
		cnt[i].indicator = NULL;
		if (ikey && *ikey) {
			/* The count takes the indicator's unit and kind when it
			 * names none; a unit it names must be the indicator's, and
			 * a decimal indicator (an amount) needs a decimal count. */
			const activity_indicator *ind = activity_indicator_get(ikey);
			if (!ind)
				return ctx_fail(
				    ctx, TT_ERR_INVALID,
				    "Chỉ tiêu '%s': sổ hoạt động không có chỉ tiêu \"%s\" (xem danh mục "
				    "GET /api/v1/indicators).",
				    cnt[i].key, ikey);
			cnt[i].indicator = ind->key;
			if (ctx_blank(cnt[i].unit))
				cnt[i].unit = ind->unit;
			else if (strcmp(cnt[i].unit, ind->unit))
				return ctx_fail(
				    ctx, TT_ERR_INVALID,
				    "Chỉ tiêu \"%s\" lấy số từ sổ hoạt động (%s), tính bằng \"%s\": "
				    "đơn vị tính phải là \"%s\" hoặc để trống, không phải \"%s\".",
				    cnt[i].name, ind->name, ind->unit, ind->unit, cnt[i].unit);
			if (!type)
				type = ind->kind;
			if (!strcmp(ind->kind, "decimal") && !strcmp(type, "integer"))
				return ctx_fail(
				    ctx, TT_ERR_INVALID,
				    "Chỉ tiêu \"%s\" lấy số từ sổ hoạt động (%s) là số thập phân, nên "
				    "kiểu số phải là \"decimal\" (số thập phân).",
				    cnt[i].name, ind->name);
		}
		cnt[i].type = type ? type : "integer";
	}
	return TT_OK;
}

tt_rc round_create(tt_ctx *ctx, const round_spec *spec, int64_t *id)
{
	tt_rc rc;
	/* a round is owned by the creator's body, or the schedule's owner */
	if (!ctx->user && !(perm_is_system(ctx) && spec->owner_org_id > 0))
		return ctx_fail(ctx, TT_ERR_FORBIDDEN, "Chỉ cán bộ điều phối mới được tạo đợt báo cáo.");
	if ((rc = perm_check(ctx, PERM_CREATE_ROUND, 0)))
		return rc;
	st_round r = {.owner_org_id = ctx->user ? ctx->user->org_id : spec->owner_org_id,
	              .created_by = ctx->user ? ctx->user->id : 0};
	if ((rc = clean_text(ctx, spec->title, 500, "Tiêu đề", &r.title)))
		return rc;
	if (ctx_blank(r.title))
		return ctx_fail(ctx, TT_ERR_INVALID, "Vui lòng nhập tiêu đề đợt báo cáo.");
	if (!date_valid(spec->period_start) || !date_valid(spec->period_end) || !date_valid(spec->due))
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Kỳ báo cáo và hạn nộp phải là ngày hợp lệ dạng YYYY-MM-DD.");
	if (strcmp(spec->period_start, spec->period_end) > 0)
		return ctx_fail(ctx, TT_ERR_INVALID, "Ngày bắt đầu kỳ báo cáo phải trước ngày kết thúc.");
	if (strcmp(spec->due, spec->period_start) < 0)
		return ctx_fail(ctx, TT_ERR_INVALID, "Hạn nộp không thể trước ngày bắt đầu kỳ báo cáo.");
	char today[CAL_DATE_LEN];
	cal_vn_date(ctx->now, today);
	if (!spec->allow_past_due && strcmp(spec->due, today) < 0)
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Hạn nộp %.2s/%.2s/%.4s đã qua (hôm nay là %.2s/%.2s/%.4s). "
		                "Vui lòng chọn hạn nộp từ hôm nay trở đi.",
		                spec->due + 8, spec->due + 5, spec->due, today + 8, today + 5, today);
	r.period_start = spec->period_start;
	r.period_end = spec->period_end;
	r.due = spec->due;
	if (spec->norgs == 0 || spec->norgs > ROUND_MAX_ORGS)
		return ctx_fail(ctx, TT_ERR_INVALID, "Vui lòng chọn từ 1 đến %d đơn vị được yêu cầu báo cáo.",
		                ROUND_MAX_ORGS);
	if (spec->nsections + spec->ncounts == 0)
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Đợt báo cáo cần ít nhất một mục nội dung hoặc một chỉ tiêu số liệu.");
	if (spec->nsections > ROUND_MAX_ITEMS || spec->ncounts > ROUND_MAX_ITEMS)
		return ctx_fail(ctx, TT_ERR_INVALID, "Tối đa %d mục và %d chỉ tiêu.", ROUND_MAX_ITEMS,
		                ROUND_MAX_ITEMS);
	st_section *sec = arena_alloc(ctx->arena, (spec->nsections + 1) * sizeof *sec);
	st_count *cnt = arena_alloc(ctx->arena, (spec->ncounts + 1) * sizeof *cnt);
	int64_t *orgs = arena_alloc(ctx->arena, spec->norgs * sizeof *orgs);
	if (!sec || !cnt || !orgs)
		return TT_ERR_NOMEM;
	if ((rc = round_check_layout(ctx, spec, sec, cnt)))
		return rc;
	int64_t rid = 0;
	if (spec->plan_id < 0)
		return ctx_fail(ctx, TT_ERR_INVALID, "Mã kế hoạch (plan_id) không hợp lệ.");
	r.plan_id = spec->plan_id;
	if ((rc = core_begin(ctx)))
		return rc;
	if ((rc = check_plan(ctx, spec->plan_id)) || (rc = round_resolve_orgs(ctx, spec, orgs)) ||
	    (rc = store_round_add(ctx->db, &r, sec, spec->nsections, cnt, spec->ncounts, orgs, spec->norgs,
	                          &rid)))
		goto out;
	if (spec->schedule_id && (rc = link_schedule(ctx, spec, rid)))
		goto out;
	json_t *after =
	    json_pack("{s:s, s:s, s:s, s:s, s:I}", "title", r.title, "period_start", r.period_start,
	              "period_end", r.period_end, "due", r.due, "orgs", (json_int_t)spec->norgs);
	if (after && r.plan_id)
		json_object_set_new(after, "plan", json_integer((json_int_t)r.plan_id));
	if (after && spec->schedule_id) {
		json_object_set_new(after, "schedule", json_integer((json_int_t)spec->schedule_id));
		json_object_set_new(after, "period", json_string(spec->period_key));
	}
	if (after && spec->copied_from)
		json_object_set_new(after, "copied_from", json_integer((json_int_t)spec->copied_from));
	rc = after ? audit_record(ctx, spec->audit_action ? spec->audit_action : "round.create", "round",
	                          id_str(ctx, rid), NULL, after)
	           : TT_ERR_NOMEM;
	json_decref(after);
out:
	if (!(rc = core_end(ctx, rc)) && id)
		*id = rid;
	return rc;
}

/* Whether the user runs round r: admin, or coordinator whose body contains
 * the round's owner. */
static tt_rc may_manage(tt_ctx *ctx, const st_round *r, int *yes)
{
	return perm_ask(ctx, PERM_MANAGE_ROUND, r->owner_org_id, yes);
}

/* Whether the user is a viewer at or above the body that runs round r:
 * such a viewer reads everything in it, like its coordinator. */
static tt_rc viewer_over(tt_ctx *ctx, const st_round *r, int *yes)
{
	/* Only asked when the user does not manage r, so of those who may view
	 * the consolidation only such viewers remain. */
	return perm_ask(ctx, PERM_VIEW_CONSOLIDATED, r->owner_org_id, yes);
}

/* Whether the user may read round r at all (and which reports). */
static tt_rc may_see(tt_ctx *ctx, const st_round *r, int *manage, int *see)
{
	tt_rc rc = may_manage(ctx, r, manage);
	if (rc)
		return rc;
	*see = *manage;
	if (*see)
		return TT_OK;
	if ((rc = viewer_over(ctx, r, see)))
		return rc;
	if (*see)
		return TT_OK;
	st_report own;
	rc = store_report_get(ctx->db, ctx->arena, r->id, ctx->user->org_code, &own);
	if (rc == TT_ERR_NOT_FOUND)
		return TT_OK;
	if (!rc)
		*see = 1;
	return rc;
}

tt_rc round_list(tt_ctx *ctx, st_round **out, size_t *n)
{
	if (!ctx->user)
		return TT_ERR_UNAUTH;
	st_round *owned = NULL, *asked = NULL;
	size_t nowned = 0, nasked = 0;
	tt_rc rc;
	if (perm_unbounded(ctx))
		return store_round_list_owned(ctx->db, ctx->arena, 0, out, n);
	if (perm_may(ctx, PERM_LIST_OWNED_ROUNDS, 0) &&
	    (rc = store_round_list_owned(ctx->db, ctx->arena, ctx->user->org_id, &owned, &nowned)))
		return rc;
	if ((rc = store_round_list_asked(ctx->db, ctx->arena, ctx->user->org_id, &asked, &nasked)))
		return rc;
	st_round *all = arena_alloc(ctx->arena, (nowned + nasked + 1) * sizeof *all);
	if (!all)
		return TT_ERR_NOMEM;
	size_t k = 0;
	for (size_t i = 0; i < nowned; i++)
		all[k++] = owned[i];
	for (size_t i = 0; i < nasked; i++) {
		int dup = 0;
		for (size_t j = 0; j < nowned && !dup; j++)
			dup = owned[j].id == asked[i].id;
		if (!dup)
			all[k++] = asked[i];
	}
	*out = all;
	*n = k;
	return TT_OK;
}

tt_rc round_get(tt_ctx *ctx, int64_t id, st_round *out, int *manage)
{
	st_round r;
	int m = 0, see = 0;
	if (!ctx->user)
		return TT_ERR_UNAUTH;
	tt_rc rc = store_round_get(ctx->db, ctx->arena, id, &r);
	if (rc)
		return rc;
	if ((rc = may_see(ctx, &r, &m, &see)))
		return rc;
	if (!see)
		return TT_ERR_NOT_FOUND;
	*out = r;
	if (manage)
		*manage = m;
	return TT_OK;
}

tt_rc round_reports(tt_ctx *ctx, int64_t round_id, st_report **out, size_t *n)
{
	st_round r;
	int manage = 0;
	tt_rc rc = round_get(ctx, round_id, &r, &manage);
	if (rc)
		return rc;
	st_report *all;
	size_t nall;
	if ((rc = store_report_list(ctx->db, ctx->arena, round_id, &all, &nall)))
		return rc;
	int over = 0;
	if (!manage && (rc = viewer_over(ctx, &r, &over)))
		return rc;
	if (manage || over) {
		*out = all;
		*n = nall;
		return TT_OK;
	}
	size_t k = 0;
	for (size_t i = 0; i < nall; i++)
		if (all[i].org_id == ctx->user->org_id)
			all[k++] = all[i];
	*out = all;
	*n = k;
	return TT_OK;
}

/* Loads a round and one of its reports, checking visibility. */
static tt_rc load_report(tt_ctx *ctx, int64_t round_id, const char *org_code, st_round *r, st_report *rep,
                         int *manage, int *own)
{
	tt_rc rc = round_get(ctx, round_id, r, manage);
	if (rc)
		return rc;
	if ((rc = store_report_get(ctx->db, ctx->arena, round_id, org_code, rep)))
		return rc;
	*own = rep->org_id == ctx->user->org_id;
	int viewer_within = 0;
	if (!*manage && !*own && (rc = viewer_over(ctx, r, &viewer_within)))
		return rc;
	if (!*manage && !*own && !viewer_within)
		return TT_ERR_NOT_FOUND;
	return TT_OK;
}

static int may_write_own(tt_ctx *ctx, int own)
{
	return perm_may(ctx, PERM_EDIT_REPORT, own ? ctx->user->org_id : -1);
}

const char *round_plan_day(tt_ctx *ctx, const st_round *r)
{
	char today[CAL_DATE_LEN];
	cal_vn_date(ctx->now, today);
	return arena_strdup(ctx->arena, strcmp(r->period_end, today) < 0 ? r->period_end : today);
}

/* The round's plan at round_plan_day as the user may read it; *out stays
 * NULL when the round has no plan or the user may not read it. */
static tt_rc round_plan(tt_ctx *ctx, const st_round *r, const plan_view **out)
{
	*out = NULL;
	if (!r->plan_id)
		return TT_OK;
	const char *at = round_plan_day(ctx, r);
	plan_view *v = arena_alloc(ctx->arena, sizeof *v);
	if (!at || !v)
		return TT_ERR_NOMEM;
	tt_rc rc = plan_get(ctx, r->plan_id, at, v);
	if (rc == TT_ERR_NOT_FOUND) {
		ctx->error_detail = NULL;
		return TT_OK;
	}
	if (!rc)
		*out = v;
	return rc;
}

plan_status round_lead_status(const plan_view *v, const plan_task_view *tv, int64_t org_id,
                              const st_plan_progress **p)
{
	const st_plan_progress *g = NULL;
	for (size_t i = 0; i < tv->nprogress && !g; i++)
		if (tv->progress[i].org_id == org_id)
			g = &tv->progress[i];
	if (p)
		*p = g;
	return plan_status_at(tv->task.tf_kind, tv->task.tf_start, tv->task.tf_end, g ? g->state : NULL,
	                      g ? g->done_on : NULL, v->at);
}

size_t round_lead_orgs(tt_arena *a, const plan_task_view *tv, const st_org ***out)
{
	size_t cap = 1, n = 0;
	for (size_t i = 0; i < tv->nleads; i++)
		cap += tv->leads[i].n;
	const st_org **v = arena_alloc(a, cap * sizeof *v);
	*out = v;
	if (!v)
		return 0;
	for (size_t i = 0; i < tv->nleads; i++)
		for (size_t j = 0; j < tv->leads[i].n; j++) {
			int dup = 0;
			for (size_t k = 0; k < n && !dup; k++)
				dup = v[k]->id == tv->leads[i].orgs[j].id;
			if (!dup)
				v[n++] = &tv->leads[i].orgs[j];
		}
	return n;
}

static int task_led_by(const plan_task_view *tv, int64_t org_id)
{
	for (size_t i = 0; i < tv->nleads; i++)
		for (size_t j = 0; j < tv->leads[i].n; j++)
			if (tv->leads[i].orgs[j].id == org_id)
				return 1;
	return 0;
}

/* The tasks of the round's plan that the report's body leads. */
static tt_rc report_tasks(tt_ctx *ctx, round_report_view *v)
{
	tt_rc rc = round_plan(ctx, &v->round, &v->plan);
	if (rc || !v->plan)
		return rc;
	if (!(v->tasks = arena_alloc(ctx->arena, (v->plan->ntasks + 1) * sizeof *v->tasks)))
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < v->plan->ntasks; i++) {
		const plan_task_view *tv = &v->plan->tasks[i];
		if (!task_led_by(tv, v->report.org_id))
			continue;
		round_task *t = &v->tasks[v->ntasks++];
		t->tv = tv;
		t->status = round_lead_status(v->plan, tv, v->report.org_id, &t->progress);
	}
	return TT_OK;
}

int round_differs(double reported, double suggested)
{
	return fabs(reported - suggested) > 1e-9 * fmax(1.0, fabs(suggested));
}

double round_difference(double reported, double reg)
{
	return round((reported - reg) * 1e6) / 1e6;
}

tt_rc round_suggest(tt_ctx *ctx, const st_count *c, int64_t org_id, const char *from, const char *to,
                    round_suggestion *out)
{
	memset(out, 0, sizeof *out);
	const activity_indicator *ind = c->indicator ? activity_indicator_get(c->indicator) : NULL;
	if (!ind)
		return TT_OK;
	double v = 0;
	int64_t n = 0;
	tt_rc rc = store_activity_sum(ctx->db, ind->type, ind->field, org_id, from, to, &v, &n);
	if (rc)
		return rc;
	out->indicator = ind->key;
	out->type = ind->type;
	out->value = v;
	out->sources = n;
	return TT_OK;
}

/* The suggestion of each count of a report (one query per count that
 * names an indicator). */
static tt_rc report_suggestions(tt_ctx *ctx, const st_round *r, const st_report *rep, const st_count *cnt,
                                size_t ncnt, round_suggestion **out)
{
	round_suggestion *s = arena_alloc(ctx->arena, (ncnt + 1) * sizeof *s);
	if (!s)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < ncnt; i++) {
		tt_rc rc = round_suggest(ctx, &cnt[i], rep->org_id, r->period_start, r->period_end, &s[i]);
		if (rc)
			return rc;
	}
	*out = s;
	return TT_OK;
}

tt_rc round_report_get(tt_ctx *ctx, int64_t round_id, const char *org_code, round_report_view *out)
{
	round_report_view v;
	int manage, own;
	memset(&v, 0, sizeof v);
	tt_rc rc = load_report(ctx, round_id, org_code, &v.round, &v.report, &manage, &own);
	if (rc || (rc = store_round_sections(ctx->db, ctx->arena, round_id, &v.sections, &v.nsections)) ||
	    (rc = store_round_counts(ctx->db, ctx->arena, round_id, &v.counts, &v.ncounts)) ||
	    (rc = store_report_texts(ctx->db, ctx->arena, v.report.id, &v.texts, &v.ntexts)) ||
	    (rc = store_report_values(ctx->db, ctx->arena, v.report.id, &v.values, &v.nvalues)) ||
	    (rc = store_report_notes(ctx->db, ctx->arena, v.report.id, &v.notes, &v.nnotes)) ||
	    (rc = report_suggestions(ctx, &v.round, &v.report, v.counts, v.ncounts, &v.suggestions)) ||
	    (rc = report_tasks(ctx, &v)) || (rc = round_below_fill(ctx, &v)) ||
	    (rc = store_report_events(ctx->db, ctx->arena, v.report.id, &v.events, &v.nevents)))
		return rc;
	int open = strcmp(v.report.status, "submitted") != 0;
	v.can_edit = open && round_open(&v.round) && may_write_own(ctx, own);
	v.can_return = !open && !v.report.approved_at && manage;
	v.can_approve = v.can_return;
	v.can_unapprove = v.report.approved_at && manage && perm_may(ctx, PERM_UNAPPROVE_REPORT, 0);
	v.can_extend = open && manage;
	*out = v;
	return TT_OK;
}

static json_t *report_json(tt_ctx *ctx, int64_t report_id, const char *status)
{
	st_text *t;
	st_value *v;
	size_t nt, nv;
	if (store_report_texts(ctx->db, ctx->arena, report_id, &t, &nt) ||
	    store_report_values(ctx->db, ctx->arena, report_id, &v, &nv))
		return NULL;
	json_t *o = json_object(), *sections = json_object(), *counts = json_object();
	for (size_t i = 0; i < nt; i++)
		json_object_set_new(sections, t[i].key, json_string(t[i].text));
	for (size_t i = 0; i < nv; i++)
		json_object_set_new(counts, v[i].key,
		                    v[i].value == floor(v[i].value) && fabs(v[i].value) < 9e15
		                        ? json_integer((json_int_t)v[i].value)
		                        : json_real(v[i].value));
	json_object_set_new(o, "status", json_string(status));
	json_object_set_new(o, "sections", sections);
	json_object_set_new(o, "counts", counts);
	st_text *nn;
	size_t nnn;
	if (store_report_notes(ctx->db, ctx->arena, report_id, &nn, &nnn)) {
		json_decref(o);
		return NULL;
	}
	if (nnn) {
		json_t *notes = json_object();
		for (size_t i = 0; i < nnn; i++)
			json_object_set_new(notes, nn[i].key, json_string(nn[i].text));
		json_object_set_new(o, "notes", notes);
	}
	return o;
}

/* Answers to a request that lost a race with another one (409). */
static const char MSG_ALREADY_SUBMITTED[] = "Báo cáo đã được nộp bởi người khác; hãy tải lại trang.";
static const char MSG_SAVE_SUBMITTED[] =
    "Báo cáo đã được nộp nên không lưu được thay đổi; hãy tải lại trang. Đơn vị điều phối có thể trả lại "
    "báo cáo để sửa.";
static const char MSG_CHANGED[] =
    "Báo cáo đã được người khác lưu hoặc đổi trạng thái từ lúc bạn mở, nên chưa lưu thay đổi của bạn.";
static const char MSG_NOT_SUBMITTED[] = "Báo cáo đã được trả lại hoặc chưa được nộp; hãy tải lại trang.";
static const char MSG_APPROVED[] =
    "Báo cáo đã được duyệt nên không trả lại được. Quản trị hệ thống có thể bỏ duyệt (ghi rõ lý do) nếu "
    "cần sửa.";

/* Inside a save's or submit's write transaction: the round is still open. */
static tt_rc still_open(tt_ctx *ctx, int64_t round_id)
{
	st_round now;
	tt_rc rc = store_round_get(ctx->db, ctx->arena, round_id, &now);
	if (rc)
		return rc;
	return round_open(&now) ? TT_OK : round_fail_closed(ctx);
}

/* Begins a write transaction (which holds the write lock from its start)
 * and reads the report again inside it: what *now says stays true until
 * the commit. Rolls back on failure. */
static tt_rc begin_fresh(tt_ctx *ctx, const st_report *rep, st_report *now)
{
	tt_rc rc = core_begin(ctx);
	if (!rc && (rc = store_report_get(ctx->db, ctx->arena, rep->round_id, rep->org_code, now)))
		core_end(ctx, rc);
	return rc;
}

static const char *report_entity(tt_ctx *ctx, const st_report *rep)
{
	return arena_printf(ctx->arena, "%lld/%s", (long long)rep->round_id, rep->org_code);
}

int round_count_integer(const st_count *c)
{
	return !c->type || strcmp(c->type, "decimal") != 0;
}

tt_rc round_report_save(tt_ctx *ctx, int64_t round_id, const char *org_code, const st_text *texts,
                        size_t ntexts, const st_value *values, size_t nvalues)
{
	return round_report_save_if(ctx, round_id, org_code, 0, texts, ntexts, values, nvalues);
}

tt_rc round_report_save_if(tt_ctx *ctx, int64_t round_id, const char *org_code, int64_t version,
                           const st_text *texts, size_t ntexts, const st_value *values, size_t nvalues)
{
	return round_report_save_full(ctx, round_id, org_code, version, texts, ntexts, values, nvalues, NULL, 0);
}

static int same_opt(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

/* Posts the progress sent with a report, inside its write transaction:
 * entries without a state, or the same as the body's latest, are skipped. */
static tt_rc save_progress(tt_ctx *ctx, const st_round *r, const st_report *rep, const round_progress *pg,
                           size_t np)
{
	st_plan_progress *latest;
	size_t nl;
	tt_rc rc;
	if (!np)
		return TT_OK;
	if (!r->plan_id)
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Đợt báo cáo này không gắn với kế hoạch nào nên không nhận tiến độ nhiệm vụ.");
	if ((rc = store_plan_progress_latest(ctx->db, ctx->arena, r->plan_id, &latest, &nl)))
		return rc;
	for (size_t i = 0; i < np; i++) {
		if (!pg[i].state || !*pg[i].state)
			continue;
		const st_plan_progress *l = NULL;
		for (size_t j = 0; j < nl && !l; j++)
			if (latest[j].task_id == pg[i].task_id && latest[j].org_id == rep->org_id)
				l = &latest[j];
		if (l && !strcmp(l->state, pg[i].state) && same_opt(l->done_on, pg[i].done_on) &&
		    same_opt(l->note, pg[i].note))
			continue;
		if ((rc = plan_progress_post_in(ctx, r->plan_id, pg[i].task_id, rep->org_code, pg[i].state,
		                                pg[i].done_on, pg[i].note, NULL)))
			return rc;
	}
	return TT_OK;
}

tt_rc round_report_save_full(tt_ctx *ctx, int64_t round_id, const char *org_code, int64_t version,
                             const st_text *texts, size_t ntexts, const st_value *values, size_t nvalues,
                             const round_progress *progress, size_t np)
{
	return round_report_save_all(ctx, round_id, org_code, version, texts, ntexts, values, nvalues, NULL,
	                             0, progress, np);
}

/* The notes sent with a save, checked and cleaned into out[]; then each
 * value that differs from its count's suggestion must have a note, sent
 * now or stored. */
static tt_rc check_notes(tt_ctx *ctx, const st_round *r, const st_report *rep, const st_count *cnt,
                         size_t ncnt, const st_value *values, size_t nvalues, const st_text *notes,
                         size_t nnotes, st_text *out)
{
	tt_rc rc;
	for (size_t i = 0; i < nnotes; i++) {
		size_t k;
		for (k = 0; k < ncnt && strcmp(cnt[k].key, notes[i].key); k++)
			;
		if (k == ncnt)
			return ctx_fail(ctx, TT_ERR_INVALID, "Đợt báo cáo không có chỉ tiêu '%s'.",
			                notes[i].key);
		if (!cnt[k].indicator)
			return ctx_fail(ctx, TT_ERR_INVALID,
			                "Chỉ tiêu \"%s\" không lấy số từ sổ hoạt động nên không có ghi chú.",
			                cnt[k].name);
		out[i].key = notes[i].key;
		if ((rc = clean_text(ctx, notes[i].text, 5000, "Ghi chú", &out[i].text)))
			return rc;
		if (ctx_blank(out[i].text))
			out[i].text = "";
	}
	st_text *stored = NULL;
	size_t nstored = 0;
	int fetched = 0;
	for (size_t i = 0; i < nvalues; i++) {
		size_t k;
		if (values[i].clear)
			continue;
		for (k = 0; k < ncnt && strcmp(cnt[k].key, values[i].key); k++)
			;
		if (k == ncnt || !cnt[k].indicator)
			continue;
		round_suggestion sg;
		if ((rc = round_suggest(ctx, &cnt[k], rep->org_id, r->period_start, r->period_end, &sg)))
			return rc;
		if (!sg.indicator || !round_differs(values[i].value, sg.value))
			continue;
		const char *note = NULL;
		for (size_t j = 0; j < nnotes && !note; j++)
			if (!strcmp(out[j].key, cnt[k].key))
				note = out[j].text;
		if (!note) {
			if (!fetched &&
			    (rc = store_report_notes(ctx->db, ctx->arena, rep->id, &stored, &nstored)))
				return rc;
			fetched = 1;
			for (size_t j = 0; j < nstored && !note; j++)
				if (!strcmp(stored[j].key, cnt[k].key))
					note = stored[j].text;
		}
		if (!note || ctx_blank(note))
			return ctx_fail(
			    ctx, TT_ERR_INVALID,
			    "Số liệu \"%s\" khác số gợi ý từ sổ hoạt động (%.15g, từ %lld bản ghi); hãy "
			    "ghi chú vì sao khác.",
			    cnt[k].name, sg.value, (long long)sg.sources);
	}
	return TT_OK;
}

tt_rc round_report_save_all(tt_ctx *ctx, int64_t round_id, const char *org_code, int64_t version,
                            const st_text *texts, size_t ntexts, const st_value *values, size_t nvalues,
                            const st_text *notes, size_t nnotes, const round_progress *progress, size_t np)
{
	st_round r;
	st_report rep;
	int manage, own;
	tt_rc rc = load_report(ctx, round_id, org_code, &r, &rep, &manage, &own);
	if (rc)
		return rc;
	if (!may_write_own(ctx, own))
		return ctx_fail(ctx, TT_ERR_FORBIDDEN, "Bạn không có quyền sửa báo cáo của đơn vị này.");
	if (!strcmp(rep.status, "submitted"))
		return ctx_fail(ctx, TT_ERR_CONFLICT, "%s", MSG_SAVE_SUBMITTED);
	if (!round_open(&r))
		return round_fail_closed(ctx);
	st_section *sec;
	st_count *cnt;
	size_t nsec, ncnt;
	if ((rc = store_round_sections(ctx->db, ctx->arena, round_id, &sec, &nsec)) ||
	    (rc = store_round_counts(ctx->db, ctx->arena, round_id, &cnt, &ncnt)))
		return rc;
	st_text *t = arena_alloc(ctx->arena, (ntexts + 1) * sizeof *t);
	if (!t)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < ntexts; i++) {
		size_t k;
		for (k = 0; k < nsec && strcmp(sec[k].key, texts[i].key); k++)
			;
		if (k == nsec)
			return ctx_fail(ctx, TT_ERR_INVALID, "Đợt báo cáo không có mục '%s'.", texts[i].key);
		t[i].key = texts[i].key;
		if ((rc = clean_text(ctx, texts[i].text, ROUND_MAX_TEXT, "Nội dung báo cáo", &t[i].text)))
			return rc;
	}
	for (size_t i = 0; i < nvalues; i++) {
		size_t k;
		for (k = 0; k < ncnt && strcmp(cnt[k].key, values[i].key); k++)
			;
		if (k == ncnt)
			return ctx_fail(ctx, TT_ERR_INVALID, "Đợt báo cáo không có chỉ tiêu '%s'.",
			                values[i].key);
		if (!values[i].clear &&
		    (!isfinite(values[i].value) || values[i].value < 0 || values[i].value > ROUND_MAX_COUNT))
			return ctx_fail(ctx, TT_ERR_INVALID, "Chỉ tiêu \"%s\" phải là số không âm.",
			                cnt[k].name);
		if (!values[i].clear && round_count_integer(&cnt[k]) &&
		    values[i].value != floor(values[i].value))
			return ctx_fail(ctx, TT_ERR_INVALID, "%s", round_msg_integer(ctx, &cnt[k]));
	}
	st_text *nt = arena_alloc(ctx->arena, (nnotes + 1) * sizeof *nt);
	if (!nt)
		return TT_ERR_NOMEM;
	if ((rc = check_notes(ctx, &r, &rep, cnt, ncnt, values, nvalues, notes, nnotes, nt)))
		return rc;
	/* The status seen above may be stale: it is read again inside the
	 * write transaction, and the save applies only in that status. */
	st_report now;
	json_t *before = NULL, *after = NULL;
	if ((rc = begin_fresh(ctx, &rep, &now)))
		return rc;
	if (!strcmp(now.status, "submitted")) {
		rc = ctx_fail(ctx, TT_ERR_CONFLICT, "%s", MSG_SAVE_SUBMITTED);
		goto out;
	}
	if ((rc = still_open(ctx, round_id)))
		goto out;
	if (version && now.version != version) {
		rc = ctx_fail(ctx, TT_ERR_PRECONDITION, "%s", MSG_CHANGED);
		goto out;
	}
	if (!(before = report_json(ctx, now.id, now.status)))
		rc = TT_ERR_DB;
	if (!rc)
		rc = store_report_save(ctx->db, now.id, now.status, version, ctx->user->id, t, ntexts, values,
		                       nvalues);
	if (!rc)
		rc = store_report_set_notes(ctx->db, now.id, nt, nnotes);
	if (rc == TT_ERR_CONFLICT)
		rc = version ? ctx_fail(ctx, TT_ERR_PRECONDITION, "%s", MSG_CHANGED)
		             : ctx_fail(ctx, TT_ERR_CONFLICT, "%s", MSG_SAVE_SUBMITTED);
	if (!rc && !(after = report_json(ctx, now.id, now.status)))
		rc = TT_ERR_DB;
	if (!rc)
		rc = audit_record(ctx, "report.save", "report",
		                  arena_printf(ctx->arena, "%lld/%s", (long long)round_id, org_code), before,
		                  after);
	if (!rc)
		rc = save_progress(ctx, &r, &now, progress, np);
	if (!rc)
		rc = round_event(ctx, now.id, "saved", NULL);
out:
	json_decref(before);
	json_decref(after);
	return core_end(ctx, rc);
}

/* The step of a status change inside its write transaction: from the
 * state now holds to `to`, refused with conflict_msg when another change
 * got there first, then audited with before and after (NULL = out of
 * memory). */
static tt_rc move_status(tt_ctx *ctx, const st_report *now, const char *to, const char *submitted_at,
                         const char *comment, const char *action, json_t *before, json_t *after,
                         const char *conflict_msg)
{
	if (!before || !after)
		return TT_ERR_NOMEM;
	tt_rc rc =
	    store_report_set_status(ctx->db, now->id, now->status, to, submitted_at, comment, ctx->user->id);
	if (rc == TT_ERR_CONFLICT)
		return ctx_fail(ctx, TT_ERR_CONFLICT, "%s", conflict_msg);
	return rc ? rc : audit_record(ctx, action, "report", report_entity(ctx, now), before, after);
}

tt_rc round_report_submit(tt_ctx *ctx, int64_t round_id, const char *org_code)
{
	st_round r;
	st_report rep, now;
	int manage, own;
	char ts[21];
	json_t *before = NULL, *after = NULL;
	tt_rc rc = load_report(ctx, round_id, org_code, &r, &rep, &manage, &own);
	if (rc)
		return rc;
	if (!may_write_own(ctx, own))
		return ctx_fail(ctx, TT_ERR_FORBIDDEN, "Bạn không có quyền gửi báo cáo của đơn vị này.");
	if (!strcmp(rep.status, "submitted"))
		return ctx_fail(ctx, TT_ERR_CONFLICT, "%s", MSG_ALREADY_SUBMITTED);
	if (!round_open(&r))
		return round_fail_closed(ctx);
	/* Decided again inside the write transaction: of two simultaneous
	 * submits exactly one moves the report, and the audit's before is the
	 * status the winner replaced. */
	if ((rc = begin_fresh(ctx, &rep, &now)))
		return rc;
	if (!strcmp(now.status, "submitted")) {
		rc = ctx_fail(ctx, TT_ERR_CONFLICT, "%s", MSG_ALREADY_SUBMITTED);
		goto out;
	}
	if ((rc = still_open(ctx, round_id)))
		goto out;
	cal_iso_utc(ctx->now, ts);
	before = json_pack("{s:s}", "status", now.status);
	after = json_pack("{s:s, s:s}", "status", "submitted", "submitted_at", ts);
	rc = move_status(ctx, &now, "submitted", ts, now.return_comment, "report.submit", before, after,
	                 MSG_ALREADY_SUBMITTED);
	if (!rc)
		rc = round_event(ctx, now.id, strcmp(now.status, "returned") ? "submitted" : "resubmitted", NULL);
out:
	rc = core_end(ctx, rc);
	json_decref(before);
	json_decref(after);
	return rc;
}

tt_rc round_report_return(tt_ctx *ctx, int64_t round_id, const char *org_code, const char *comment)
{
	st_round r;
	st_report rep, now;
	int manage, own;
	const char *c;
	json_t *before = NULL, *after = NULL;
	tt_rc rc = load_report(ctx, round_id, org_code, &r, &rep, &manage, &own);
	if (rc)
		return rc;
	if (!manage)
		return ctx_fail(ctx, TT_ERR_FORBIDDEN,
		                "Chỉ đơn vị điều phối đợt báo cáo mới được trả lại báo cáo.");
	if (strcmp(rep.status, "submitted"))
		return ctx_fail(ctx, TT_ERR_CONFLICT, "Chỉ trả lại được báo cáo đã gửi.");
	if (rep.approved_at)
		return ctx_fail(ctx, TT_ERR_CONFLICT, "%s", MSG_APPROVED);
	if ((rc = clean_text(ctx, comment, 5000, "Ý kiến", &c)))
		return rc;
	if (ctx_blank(c))
		return ctx_fail(ctx, TT_ERR_INVALID, "Vui lòng ghi rõ lý do trả lại để đơn vị sửa.");
	if ((rc = begin_fresh(ctx, &rep, &now)))
		return rc;
	if (strcmp(now.status, "submitted") || now.approved_at) {
		rc = ctx_fail(ctx, TT_ERR_CONFLICT, "%s", now.approved_at ? MSG_APPROVED : MSG_NOT_SUBMITTED);
		goto out;
	}
	before = json_pack("{s:s, s:s?}", "status", now.status, "submitted_at", now.submitted_at);
	after = json_pack("{s:s, s:s}", "status", "returned", "comment", c);
	rc = move_status(ctx, &now, "returned", NULL, c, "report.return", before, after, MSG_NOT_SUBMITTED);
	if (!rc)
		rc = round_event(ctx, now.id, "returned", c);
out:
	rc = core_end(ctx, rc);
	json_decref(before);
	json_decref(after);
	return rc;
}

int round_report_state(const char *due, const st_report *r, const char *now)
{
	/* The due day ends at 24:00 in Vietnam (cal_vn_day_end). */
	char deadline[CAL_ISO_LEN];
	time_t end;
	if (cal_vn_day_end(due, &end))
		end = 0;
	cal_iso_utc(end, deadline);
	if (!strcmp(r->status, "submitted") && r->submitted_at)
		return strcmp(r->submitted_at, deadline) < 0 ? 0 : 1;
	return strcmp(now, deadline) < 0 ? 2 : 3;
}

tt_rc round_completeness_get(tt_ctx *ctx, int64_t round_id, round_completeness *out)
{
	st_round r;
	int manage;
	st_report *reps;
	size_t n;
	char now[21];
	int over = 0;
	tt_rc rc = round_get(ctx, round_id, &r, &manage);
	if (rc || (!manage && (rc = viewer_over(ctx, &r, &over))))
		return rc;
	if (!manage && !over)
		return ctx_fail(ctx, TT_ERR_FORBIDDEN,
		                "Chỉ đơn vị điều phối mới xem được tình hình nộp báo cáo.");
	if ((rc = store_report_list(ctx->db, ctx->arena, round_id, &reps, &n)))
		return rc;
	cal_iso_utc(ctx->now, now);
	round_completeness c = {.expected = (int)n};
	for (size_t i = 0; i < n; i++) {
		switch (round_report_state(round_report_due(&r, &reps[i]), &reps[i], now)) {
		case 0: c.submitted_on_time++; break;
		case 1: c.submitted_late++; break;
		case 2: c.not_due++; break;
		default: c.overdue++; break;
		}
	}
	*out = c;
	return TT_OK;
}

static int cmp_pair(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The row of a report id in (report id, row) pairs sorted by id; nrows
 * when it is not on the page. */
static size_t row_of(const int64_t *index, size_t nrows, int64_t report_id)
{
	const int64_t *hit = bsearch(&report_id, index, nrows, 2 * sizeof *index, cmp_pair);
	return hit ? (size_t)hit[1] : nrows;
}

/* The register's value beside each selected report's count that names an
 * indicator: one aggregate query per such count over the whole page, and
 * the reports' notes. */
static tt_rc register_cells(tt_ctx *ctx, const st_pivot_query *q, round_consolidated *c)
{
	size_t cells = c->nrows * c->ncounts;
	c->cells = arena_alloc(ctx->arena, (cells + 1) * sizeof *c->cells);
	if (!c->cells)
		return TT_ERR_NOMEM;
	memset(c->cells, 0, (cells + 1) * sizeof *c->cells);
	int64_t *index = arena_alloc(ctx->arena, (2 * c->nrows + 2) * sizeof *index);
	if (!index)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < c->nrows; i++) {
		index[2 * i] = c->rows[i].report_id;
		index[2 * i + 1] = (int64_t)i;
	}
	qsort(index, c->nrows, 2 * sizeof *index, cmp_pair);
	tt_rc rc;
	for (size_t k = 0; k < c->ncounts; k++) {
		const activity_indicator *ind =
		    c->counts[k].indicator ? activity_indicator_get(c->counts[k].indicator) : NULL;
		if (!ind)
			continue;
		c->nindicators++;
		for (size_t i = 0; i < c->nrows; i++)
			c->cells[i * c->ncounts + k].indicator = 1;
		if (!c->nrows)
			continue;
		st_register_value *v;
		size_t n;
		if ((rc = store_round_register(ctx->db, ctx->arena, c->round.id, q, ind->type, ind->field,
		                               c->round.period_start, c->round.period_end, &v, &n)))
			return rc;
		for (size_t j = 0; j < n; j++) {
			size_t i = row_of(index, c->nrows, v[j].report_id);
			if (i < c->nrows) {
				c->cells[i * c->ncounts + k].value = v[j].value;
				c->cells[i * c->ncounts + k].sources = v[j].sources;
			}
		}
	}
	if (!c->nindicators || !c->nrows)
		return TT_OK;
	st_report_note *notes;
	size_t nn;
	if ((rc = store_round_notes(ctx->db, ctx->arena, c->round.id, q, &notes, &nn)))
		return rc;
	for (size_t j = 0; j < nn; j++) {
		size_t i = row_of(index, c->nrows, notes[j].report_id);
		for (size_t k = 0; i < c->nrows && k < c->ncounts; k++)
			if (!strcmp(c->counts[k].key, notes[j].key))
				c->cells[i * c->ncounts + k].note = notes[j].note;
	}
	return TT_OK;
}

tt_rc round_consolidate(tt_ctx *ctx, int64_t round_id, const st_pivot_query *q, round_consolidated *out)
{
	round_consolidated c;
	static const st_pivot_query all = {0};
	int manage;
	memset(&c, 0, sizeof c);
	int over = 0;
	tt_rc rc = round_get(ctx, round_id, &c.round, &manage);
	if (rc || (!manage && (rc = viewer_over(ctx, &c.round, &over))))
		return rc;
	if (!manage && !over)
		return ctx_fail(ctx, TT_ERR_FORBIDDEN, "Chỉ đơn vị điều phối mới xem được báo cáo tổng hợp.");
	if (!q)
		q = &all;
	if ((rc = store_round_sections(ctx->db, ctx->arena, round_id, &c.sections, &c.nsections)) ||
	    (rc = store_round_counts(ctx->db, ctx->arena, round_id, &c.counts, &c.ncounts)) ||
	    (rc = store_round_sums(ctx->db, ctx->arena, round_id, &c.sums, &c.nsums)) ||
	    (rc = store_round_tally(ctx->db, round_id, &c.expected, &c.submitted)) ||
	    (rc = store_round_pivot(ctx->db, ctx->arena, round_id, c.counts, c.ncounts, q, &c.rows, &c.nrows,
	                            &c.matched)) ||
	    (rc = store_round_texts(ctx->db, ctx->arena, round_id, q, &c.texts, &c.ntexts)) ||
	    (rc = round_plan(ctx, &c.round, &c.plan)) || (rc = register_cells(ctx, q, &c)))
		return rc;
	*out = c;
	return TT_OK;
}

/* For round_life.c (round_int.h). */
tt_rc round_clean_text(tt_ctx *ctx, const char *in, size_t max, const char *what, const char **out)
{
	return clean_text(ctx, in, max, what, out);
}

tt_rc round_resolve_orgs(tt_ctx *ctx, const round_spec *spec, int64_t *orgs)
{
	return round_resolve_codes(ctx, spec->org_codes, spec->norgs, spec->period_start, orgs);
}

tt_rc round_load_report(tt_ctx *ctx, int64_t round_id, const char *org_code, st_round *r, st_report *rep,
                        int *manage, int *own)
{
	return load_report(ctx, round_id, org_code, r, rep, manage, own);
}

tt_rc round_begin_fresh(tt_ctx *ctx, const st_report *rep, st_report *now)
{
	return begin_fresh(ctx, rep, now);
}

const char *round_report_entity(tt_ctx *ctx, const st_report *rep)
{
	return report_entity(ctx, rep);
}
