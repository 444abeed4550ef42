/* plan.c - reading plans, the status of tasks at a date, progress and
 * edits (see plan.h). Making plans and resolving bodies, which need the
 * body matcher, live in plan_make.c. */
#include "core/plan.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/cal.h"
#include "core/activity.h"
#include "core/audit.h"
#include "core/document.h"
#include "core/mutate.h"
#include "core/perm.h"
#include "core/plan_int.h"
#include "text/vn.h"

/* ---- status ---- */

static const char *const status_names[PLAN_STATUS_COUNT] = {
    "not_due", "in_progress", "done_on_time", "done_late", "overdue", "continuous",
};
static const char *const status_labels[PLAN_STATUS_COUNT] = {
    "Chưa đến hạn", "Đang thực hiện", "Hoàn thành đúng hạn", "Hoàn thành trễ hạn", "Quá hạn", "Thường xuyên",
};

const char *plan_status_name(plan_status s)
{
	return (unsigned)s < PLAN_STATUS_COUNT ? status_names[s] : "not_due";
}

const char *plan_status_label(plan_status s)
{
	return (unsigned)s < PLAN_STATUS_COUNT ? status_labels[s] : status_labels[0];
}

static int has(const char *s)
{
	return s && *s;
}

plan_status plan_status_at(const char *tf_kind, const char *tf_start, const char *tf_end, const char *state,
                           const char *done_on, const char *at)
{
	if ((tf_kind && !strcmp(tf_kind, "continuous")) || (!has(tf_start) && !has(tf_end)))
		return PLAN_CONTINUOUS;
	int done = state && !strcmp(state, "done") && (!has(done_on) || strcmp(done_on, at) <= 0);
	if (done)
		return has(tf_end) && has(done_on) && strcmp(done_on, tf_end) > 0 ? PLAN_DONE_LATE
		                                                                  : PLAN_DONE_ON_TIME;
	if (has(tf_start) && strcmp(at, tf_start) < 0)
		return PLAN_NOT_DUE;
	if (has(tf_end) && strcmp(at, tf_end) > 0)
		return PLAN_OVERDUE;
	return PLAN_IN_PROGRESS;
}

plan_status plan_status_combine(const plan_status *each, size_t n)
{
	int count[PLAN_STATUS_COUNT] = {0};
	if (n == 0)
		return PLAN_NOT_DUE;
	for (size_t i = 0; i < n; i++)
		if ((unsigned)each[i] < PLAN_STATUS_COUNT)
			count[each[i]]++;
	size_t done = (size_t)(count[PLAN_DONE_ON_TIME] + count[PLAN_DONE_LATE]);
	if ((size_t)count[PLAN_CONTINUOUS] == n)
		return PLAN_CONTINUOUS;
	if (done == n)
		return count[PLAN_DONE_LATE] ? PLAN_DONE_LATE : PLAN_DONE_ON_TIME;
	if (count[PLAN_OVERDUE])
		return PLAN_OVERDUE;
	if (count[PLAN_IN_PROGRESS] || done)
		return PLAN_IN_PROGRESS;
	return count[PLAN_NOT_DUE] ? PLAN_NOT_DUE : PLAN_CONTINUOUS;
}

void plan_count_statuses(const plan_task_view *tasks, size_t n, int counts[PLAN_STATUS_COUNT])
{
	for (int i = 0; i < PLAN_STATUS_COUNT; i++)
		counts[i] = 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned)tasks[i].status < PLAN_STATUS_COUNT)
			counts[tasks[i].status]++;
}

/* ---- shared checks ---- */

const char *plan_id_str(tt_ctx *ctx, int64_t id)
{
	return arena_printf(ctx->arena, "%lld", (long long)id);
}

tt_rc plan_clean_text(tt_ctx *ctx, const char *in, size_t max, const char *what, const char **out)
{
	size_t off;
	tt_buf b;
	if (!in) {
		*out = NULL;
		return TT_OK;
	}
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

static const char *const tf_kinds[] = {"continuous", "date", "month",  "quarter", "half",
                                       "within",     "from", "before", "range",   "unknown"};

tt_rc plan_check_timeframe(tt_ctx *ctx, const char *label, const char *kind, const char *start,
                           const char *end)
{
	int known = 0;
	for (size_t i = 0; i < sizeof tf_kinds / sizeof tf_kinds[0]; i++)
		known |= kind && !strcmp(kind, tf_kinds[i]);
	if (!known)
		return ctx_fail(
		    ctx, TT_ERR_INVALID,
		    "Nhiệm vụ %s: loại thời hạn \"%s\" không hợp lệ (continuous, date, month, quarter, "
		    "half, within, from, before, range hoặc unknown).",
		    label ? label : "", kind ? kind : "");
	if ((start && !ctx_date_valid(start)) || (end && !ctx_date_valid(end)))
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Nhiệm vụ %s: ngày bắt đầu và kết thúc phải là ngày hợp lệ dạng YYYY-MM-DD.",
		                label ? label : "");
	if (start && end && strcmp(start, end) > 0)
		return ctx_fail(ctx, TT_ERR_INVALID, "Nhiệm vụ %s: ngày bắt đầu phải trước ngày kết thúc.",
		                label ? label : "");
	return TT_OK;
}

tt_rc plan_load(tt_ctx *ctx, int64_t id, st_plan *out, int *can_edit)
{
	st_plan p;
	int edit = 0, read = 0;
	if (!ctx->user && !perm_is_system(ctx))
		return TT_ERR_UNAUTH;
	tt_rc rc = store_plan_get(ctx->db, ctx->arena, id, &p);
	if (rc == TT_ERR_NOT_FOUND)
		return ctx_fail(ctx, rc, "Không có kế hoạch này.");
	if (rc || (rc = perm_ask(ctx, PERM_EDIT_PLAN, p.owner_org_id, &edit)))
		return rc;
	read = edit;
	if (!read && (rc = perm_ask(ctx, PERM_READ_PLAN, p.owner_org_id, &read)))
		return rc;
	/* A body named in a plan reads it once it is issued, not as a draft. */
	if (!read && ctx->user && strcmp(p.state, "draft") &&
	    (rc = store_plan_names_org(ctx->db, p.id, ctx->user->org_id, NULL, &read)))
		return rc;
	if (!read && ctx->user && p.owner_org_id == ctx->user->org_id)
		read = 1;
	if (!read)
		return ctx_fail(ctx, TT_ERR_NOT_FOUND, "Không có kế hoạch này.");
	*out = p;
	if (can_edit)
		*can_edit = edit;
	return TT_OK;
}

/* ---- reading ---- */

tt_rc plan_list(tt_ctx *ctx, st_plan **out, size_t *n)
{
	st_plan *all;
	size_t nall, k = 0;
	tt_rc rc;
	if (!ctx->user && !perm_is_system(ctx))
		return TT_ERR_UNAUTH;
	if (perm_unbounded(ctx))
		return store_plan_list(ctx->db, ctx->arena, 0, 0, out, n);
	if ((rc = store_plan_list(ctx->db, ctx->arena, ctx->user->org_id, ctx->user->org_id, &all, &nall)))
		return rc;
	for (size_t i = 0; i < nall; i++) {
		st_plan p;
		rc = plan_load(ctx, all[i].id, &p, NULL);
		if (rc == TT_ERR_NOT_FOUND)
			continue;
		if (rc)
			return rc;
		all[k++] = all[i];
	}
	ctx->error_detail = NULL;
	*out = all;
	*n = k;
	return TT_OK;
}

tt_rc plan_of_document(tt_ctx *ctx, int64_t document_id, int64_t *plan_id)
{
	int64_t id;
	st_plan p;
	tt_rc rc = store_plan_of_document(ctx->db, document_id, &id);
	if (rc || (rc = plan_load(ctx, id, &p, NULL)))
		return rc;
	*plan_id = id;
	return TT_OK;
}

/* Groups the body rows of one task (sorted by role, pos) into phrases. */
static tt_rc phrases_of(tt_ctx *ctx, const st_plan_body *b, size_t nb, const char *role, plan_phrase **out,
                        size_t *n)
{
	size_t cap = 0, k = 0;
	for (size_t i = 0; i < nb; i++)
		cap += !strcmp(b[i].role, role);
	plan_phrase *ph = arena_alloc(ctx->arena, (cap + 1) * sizeof *ph);
	st_org *orgs = arena_alloc(ctx->arena, (cap + 1) * sizeof *orgs);
	if (!ph || !orgs)
		return TT_ERR_NOMEM;
	size_t used = 0;
	for (size_t i = 0; i < nb; i++) {
		if (strcmp(b[i].role, role))
			continue;
		if (!k || ph[k - 1].pos != b[i].pos) {
			ph[k] = (plan_phrase){
			    .pos = b[i].pos, .text = b[i].text, .orgs = orgs + used, .grp = b[i].grp};
			k++;
		}
		if (b[i].org_id) {
			orgs[used++] =
			    (st_org){.id = b[i].org_id, .code = b[i].org_code, .name = b[i].org_name};
			ph[k - 1].n++;
		}
	}
	*out = ph;
	*n = k;
	return TT_OK;
}

/* The day (Vietnam) of a stored UTC time, or NULL. */
static const char *day_of(tt_ctx *ctx, const char *iso)
{
	time_t t;
	char d[CAL_DATE_LEN];
	if (!iso || cal_parse_iso(iso, &t))
		return NULL;
	cal_vn_date(t, d);
	return arena_strdup(ctx->arena, d);
}

/* Lead bodies, progress, status and what the user may do, for one task. */
static tt_rc task_fill(tt_ctx *ctx, plan_view *v, plan_task_view *tv, const st_plan_progress *prog, size_t np)
{
	size_t nlead = 0;
	for (size_t i = 0; i < tv->nleads; i++)
		nlead += tv->leads[i].n;
	int64_t *lead_ids = arena_alloc(ctx->arena, (nlead + 1) * sizeof *lead_ids);
	plan_status *each = arena_alloc(ctx->arena, (nlead + 1) * sizeof *each);
	tv->progress = arena_alloc(ctx->arena, (nlead + 1) * sizeof *tv->progress);
	if (!lead_ids || !each || !tv->progress)
		return TT_ERR_NOMEM;
	size_t k = 0;
	for (size_t i = 0; i < tv->nleads; i++)
		for (size_t j = 0; j < tv->leads[i].n; j++) {
			int64_t id = tv->leads[i].orgs[j].id;
			int dup = 0;
			for (size_t x = 0; x < k && !dup; x++)
				dup = lead_ids[x] == id;
			if (!dup)
				lead_ids[k++] = id;
		}
	const st_plan_task *t = &tv->task;
	for (size_t i = 0; i < k; i++) {
		const st_plan_progress *p = NULL;
		for (size_t j = 0; j < np && !p; j++)
			if (prog[j].task_id == t->id && prog[j].org_id == lead_ids[i])
				p = &prog[j];
		if (p) {
			tv->progress[tv->nprogress++] = *p;
			const char *d = day_of(ctx, p->at);
			if (d && (!tv->last_progress || strcmp(d, tv->last_progress) > 0))
				tv->last_progress = d;
		}
		each[i] = plan_status_at(t->tf_kind, t->tf_start, t->tf_end, p ? p->state : NULL,
		                         p ? p->done_on : NULL, v->at);
	}
	if (k == 0)
		each[k++] = plan_status_at(t->tf_kind, t->tf_start, t->tf_end, NULL, NULL, v->at);
	tv->status = plan_status_combine(each, k);
	if (strcmp(v->plan.state, "active") || !ctx->user)
		return TT_OK;
	for (size_t i = 0; i < k && !tv->can_progress; i++)
		if (lead_ids[i] == ctx->user->org_id && perm_may(ctx, PERM_POST_PROGRESS, lead_ids[i])) {
			tv->can_progress = 1;
			tv->progress_org = lead_ids[i];
		}
	if (!tv->can_progress && perm_unbounded(ctx) && tv->nleads && lead_ids[0] && nlead) {
		tv->can_progress = 1;
		tv->progress_org = lead_ids[0];
	}
	return TT_OK;
}

tt_rc plan_get(tt_ctx *ctx, int64_t id, const char *at, plan_view *out)
{
	plan_view v;
	st_plan_task *tasks;
	st_plan_body *bodies;
	st_plan_progress *prog;
	size_t ntasks, nbodies, nprog;
	char today[CAL_DATE_LEN];
	memset(&v, 0, sizeof v);
	if (at && !ctx_date_valid(at))
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Ngày xem tình trạng (at) phải là ngày hợp lệ dạng YYYY-MM-DD.");
	cal_vn_date(ctx->now, today);
	if (!(v.at = arena_strdup(ctx->arena, at ? at : today)))
		return TT_ERR_NOMEM;
	tt_rc rc = plan_load(ctx, id, &v.plan, &v.can_edit);
	if (rc || (rc = store_plan_groups(ctx->db, ctx->arena, id, &v.groups, &v.ngroups)) ||
	    (rc = store_plan_tasks(ctx->db, ctx->arena, id, &tasks, &ntasks)) ||
	    (rc = store_plan_bodies(ctx->db, ctx->arena, id, 0, &bodies, &nbodies)) ||
	    (rc = store_plan_progress_latest(ctx->db, ctx->arena, id, &prog, &nprog)))
		return rc;
	/* An activity shown as evidence is named only to those who may read it. */
	for (size_t i = 0; i < nprog; i++)
		if (prog[i].evidence_activity_id &&
		    !perm_may(ctx, PERM_READ_ACTIVITY, prog[i].evidence_activity_org_id))
			prog[i].evidence_activity_title = NULL;
	if (!(v.tasks = arena_alloc(ctx->arena, (ntasks + 1) * sizeof *v.tasks)))
		return TT_ERR_NOMEM;
	size_t b = 0;
	for (size_t i = 0; i < ntasks; i++) {
		plan_task_view *tv = &v.tasks[i];
		memset(tv, 0, sizeof *tv);
		tv->task = tasks[i];
		for (size_t g = 0; g < v.ngroups && !tv->group; g++)
			if (v.groups[g].id == tasks[i].group_id)
				tv->group = &v.groups[g];
		size_t from = b;
		while (b < nbodies && bodies[b].task_id == tasks[i].id)
			b++;
		if ((rc = phrases_of(ctx, bodies + from, b - from, "lead", &tv->leads, &tv->nleads)) ||
		    (rc = phrases_of(ctx, bodies + from, b - from, "coord", &tv->coords, &tv->ncoords)) ||
		    (rc = task_fill(ctx, &v, tv, prog, nprog)))
			return rc;
		/* A group phrase without members ("các cơ quan liên quan") is
		 * vague, not a name left to resolve. */
		for (size_t j = 0; j < tv->nleads; j++)
			v.unmatched += tv->leads[j].n == 0 && !tv->leads[j].grp;
		for (size_t j = 0; j < tv->ncoords; j++)
			v.unmatched += tv->coords[j].n == 0 && !tv->coords[j].grp;
		v.can_progress |= tv->can_progress;
	}
	v.ntasks = ntasks;
	plan_count_statuses(v.tasks, v.ntasks, v.counts);
	*out = v;
	return TT_OK;
}

/* The order of "my tasks": what needs doing first. */
static int urgency(plan_status s)
{
	switch (s) {
	case PLAN_OVERDUE:
		return 0;
	case PLAN_IN_PROGRESS:
		return 1;
	case PLAN_NOT_DUE:
		return 2;
	case PLAN_CONTINUOUS:
		return 3;
	case PLAN_DONE_LATE:
		return 4;
	default:
		return 5;
	}
}

static int org_task_cmp(const plan_org_task *a, const plan_org_task *b)
{
	int ua = urgency(a->task->status), ub = urgency(b->task->status);
	if (ua != ub)
		return ua < ub ? -1 : 1;
	/* the plans and their tasks are already in order: keep it */
	if (a->view != b->view)
		return a->view < b->view ? -1 : 1;
	return a->task < b->task ? -1 : a->task > b->task;
}

static int org_task_qcmp(const void *a, const void *b)
{
	return org_task_cmp(a, b);
}

static int leads_org(const plan_task_view *tv, int64_t org_id)
{
	for (size_t i = 0; i < tv->nleads; i++)
		for (size_t j = 0; j < tv->leads[i].n; j++)
			if (tv->leads[i].orgs[j].id == org_id)
				return 1;
	return 0;
}

tt_rc plan_tasks_of_org(tt_ctx *ctx, int64_t org_id, const char *at, plan_org_task **out, size_t *n,
                        int counts[PLAN_STATUS_COUNT])
{
	st_plan *plans;
	size_t nplans, k = 0, cap = 0;
	tt_rc rc;
	if (!ctx->user && !perm_is_system(ctx))
		return TT_ERR_UNAUTH;
	if (at && !ctx_date_valid(at))
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Ngày xem tình trạng (at) phải là ngày hợp lệ dạng YYYY-MM-DD.");
	/* plans owned by or naming the body (one query; newest period first) */
	if ((rc = store_plan_list(ctx->db, ctx->arena, 0, org_id, &plans, &nplans)))
		return rc;
	plan_view *views = arena_alloc(ctx->arena, (nplans + 1) * sizeof *views);
	if (!views)
		return TT_ERR_NOMEM;
	size_t nv = 0;
	for (size_t i = 0; i < nplans; i++) {
		if (strcmp(plans[i].state, "active"))
			continue;
		rc = plan_get(ctx, plans[i].id, at, &views[nv]);
		if (rc == TT_ERR_NOT_FOUND) {
			ctx->error_detail = NULL;
			continue;
		}
		if (rc)
			return rc;
		size_t mine = 0;
		for (size_t t = 0; t < views[nv].ntasks; t++)
			mine += leads_org(&views[nv].tasks[t], org_id);
		if (mine) {
			cap += mine;
			nv++;
		}
	}
	plan_org_task *list = arena_alloc(ctx->arena, (cap + 1) * sizeof *list);
	if (!list)
		return TT_ERR_NOMEM;
	if (counts)
		for (int i = 0; i < PLAN_STATUS_COUNT; i++)
			counts[i] = 0;
	for (size_t v = 0; v < nv; v++)
		for (size_t t = 0; t < views[v].ntasks; t++)
			if (leads_org(&views[v].tasks[t], org_id)) {
				list[k++] = (plan_org_task){.view = &views[v], .task = &views[v].tasks[t]};
				if (counts)
					counts[views[v].tasks[t].status]++;
			}
	qsort(list, k, sizeof *list, org_task_qcmp);
	*out = list;
	*n = k;
	return TT_OK;
}

/* ---- changing ---- */

tt_rc plan_update(tt_ctx *ctx, int64_t id, int64_t version, const char *title, const char *state)
{
	st_plan p;
	int edit = 0;
	tt_rc rc;
	if (state && strcmp(state, "draft") && strcmp(state, "active") && strcmp(state, "closed"))
		return ctx_fail(
		    ctx, TT_ERR_INVALID,
		    "Trạng thái kế hoạch phải là \"draft\" (dự thảo), \"active\" (đang thực hiện) hoặc "
		    "\"closed\" (đã kết thúc).");
	if ((rc = plan_clean_text(ctx, title, 1000, "Tên kế hoạch", &title)))
		return rc;
	if (title && ctx_blank(title))
		return ctx_fail(ctx, TT_ERR_INVALID, "Vui lòng nhập tên kế hoạch.");
	if ((rc = core_begin(ctx)))
		return rc;
	if ((rc = plan_load(ctx, id, &p, &edit)))
		goto out;
	if (!edit) {
		rc = perm_check(ctx, PERM_EDIT_PLAN, p.owner_org_id);
		goto out;
	}
	rc = store_plan_update(ctx->db, id, version, title, NULL, NULL, state);
	if (rc == TT_ERR_CONFLICT) {
		rc = ctx_fail(
		    ctx, rc,
		    "Kế hoạch đã được người khác sửa (phiên bản hiện tại %lld, bạn gửi %lld); hãy tải lại "
		    "rồi sửa lại.",
		    (long long)p.version, (long long)version);
		goto out;
	}
	if (rc)
		goto out;
	json_t *before = json_pack("{s:s, s:s, s:I}", "title", p.title, "state", p.state, "version",
	                           (json_int_t)p.version);
	json_t *after = json_pack("{s:s, s:s, s:I}", "title", title ? title : p.title, "state",
	                          state ? state : p.state, "version", (json_int_t)p.version + 1);
	rc = before && after ? audit_record(ctx, "plan.update", "plan", plan_id_str(ctx, id), before, after)
	                     : TT_ERR_NOMEM;
	json_decref(before);
	json_decref(after);
out:
	return core_end(ctx, rc);
}

static json_t *task_json(const st_plan_task *t)
{
	return json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:I}", "label", t->label, "text",
	                 t->text, "tf_kind", t->tf_kind, "tf_start", t->tf_start, "tf_end", t->tf_end,
	                 "tf_text", t->tf_text, "expected_output", t->expected_output, "notes", t->notes,
	                 "version", (json_int_t)t->version);
}

static const char *blank_null(const char *s)
{
	return s && *s ? s : NULL;
}

tt_rc plan_task_update(tt_ctx *ctx, int64_t plan_id, int64_t task_id, const plan_task_edit *e)
{
	st_plan p;
	st_plan_task t;
	int edit = 0;
	const char *text = NULL, *eo = NULL, *notes = NULL, *tft = NULL;
	tt_rc rc;
	if ((rc = plan_clean_text(ctx, e->text, PLAN_MAX_TEXT, "Nội dung nhiệm vụ", &text)) ||
	    (rc = plan_clean_text(ctx, e->expected_output, 5000, "Sản phẩm dự kiến", &eo)) ||
	    (rc = plan_clean_text(ctx, e->notes, 5000, "Ghi chú", &notes)) ||
	    (rc = plan_clean_text(ctx, e->tf_text, 500, "Thời hạn", &tft)))
		return rc;
	if (e->text && ctx_blank(text))
		return ctx_fail(ctx, TT_ERR_INVALID, "Nội dung nhiệm vụ không được để trống.");
	if ((rc = core_begin(ctx)))
		return rc;
	if ((rc = plan_load(ctx, plan_id, &p, &edit)))
		goto out;
	if (!edit) {
		rc = perm_check(ctx, PERM_EDIT_PLAN, p.owner_org_id);
		goto out;
	}
	if ((rc = store_plan_task_get(ctx->db, ctx->arena, plan_id, task_id, &t))) {
		if (rc == TT_ERR_NOT_FOUND)
			rc = ctx_fail(ctx, rc, "Không có nhiệm vụ này trong kế hoạch.");
		goto out;
	}
	st_plan_task n = t;
	if (text)
		n.text = text;
	if (e->set_timeframe) {
		n.tf_kind = e->tf_kind ? e->tf_kind : "unknown";
		n.tf_start = blank_null(e->tf_start);
		n.tf_end = blank_null(e->tf_end);
		n.tf_text = blank_null(tft);
		if ((rc = plan_check_timeframe(ctx, t.label, n.tf_kind, n.tf_start, n.tf_end)))
			goto out;
	}
	if (e->expected_output)
		n.expected_output = blank_null(eo);
	if (e->notes)
		n.notes = blank_null(notes);
	rc = store_plan_task_update(ctx->db, &n, e->version);
	if (rc == TT_ERR_CONFLICT) {
		rc = ctx_fail(
		    ctx, rc,
		    "Nhiệm vụ đã được người khác sửa (phiên bản hiện tại %lld, bạn gửi %lld); hãy tải lại "
		    "rồi sửa lại.",
		    (long long)t.version, (long long)e->version);
		goto out;
	}
	if (rc)
		goto out;
	n.version = t.version + 1;
	json_t *before = task_json(&t), *after = task_json(&n);
	rc = before && after ? audit_record(ctx, "plan.task.update", "plan_task", plan_id_str(ctx, task_id),
	                                    before, after)
	                     : TT_ERR_NOMEM;
	json_decref(before);
	json_decref(after);
out:
	return core_end(ctx, rc);
}

/* The evidence of a progress of body o: an activity the user reads, of o
 * or a body under it, and an imported document. */
static tt_rc evidence_check(tt_ctx *ctx, const st_org *o, const plan_evidence *ev)
{
	tt_rc rc;
	if (ev->activity_id < 0 || ev->document_id < 0)
		return ctx_fail(ctx, TT_ERR_INVALID, "Mã hoạt động hoặc văn bản minh chứng không hợp lệ.");
	if (ev->activity_id) {
		activity_view a;
		int within = 0;
		if ((rc = activity_get(ctx, ev->activity_id, &a)))
			return rc == TT_ERR_NOT_FOUND || rc == TT_ERR_FORBIDDEN
			           ? ctx_fail(ctx, TT_ERR_INVALID, "Không có hoạt động số %lld để làm minh chứng.",
			                      (long long)ev->activity_id)
			           : rc;
		if ((rc = store_org_within(ctx->db, o->id, a.a.org_id, &within)))
			return rc;
		if (!within)
			return ctx_fail(ctx, TT_ERR_INVALID,
			                "Hoạt động “%s” không phải của %s hay đơn vị trực thuộc nên không làm minh "
			                "chứng cho tiến độ của đơn vị này được.",
			                a.a.title, o->name);
	}
	if (ev->document_id) {
		st_document d;
		if ((rc = document_get(ctx, ev->document_id, &d)))
			return rc == TT_ERR_NOT_FOUND || rc == TT_ERR_FORBIDDEN
			           ? ctx_fail(ctx, TT_ERR_INVALID, "Không có văn bản số %lld để làm minh chứng.",
			                      (long long)ev->document_id)
			           : rc;
	}
	return TT_OK;
}

tt_rc plan_progress_post_in(tt_ctx *ctx, int64_t plan_id, int64_t task_id, const char *org_code,
                            const char *state, const char *done_on, const char *note, int64_t *id)
{
	return plan_progress_post_ev_in(ctx, plan_id, task_id, org_code, state, done_on, note, NULL, id);
}

tt_rc plan_progress_post_ev_in(tt_ctx *ctx, int64_t plan_id, int64_t task_id, const char *org_code,
                               const char *state, const char *done_on, const char *note,
                               const plan_evidence *ev, int64_t *id)
{
	st_plan p;
	st_plan_task t;
	st_org o;
	st_plan_body *b;
	size_t nb;
	char today[CAL_DATE_LEN];
	int64_t gid = 0;
	tt_rc rc;
	cal_vn_date(ctx->now, today);
	if ((rc = plan_clean_text(ctx, note, 5000, "Ghi chú tiến độ", &note)))
		return rc;
	if ((rc = plan_load(ctx, plan_id, &p, NULL)))
		goto out;
	if ((rc = store_plan_task_get(ctx->db, ctx->arena, plan_id, task_id, &t))) {
		if (rc == TT_ERR_NOT_FOUND)
			rc = ctx_fail(ctx, rc, "Không có nhiệm vụ này trong kế hoạch.");
		goto out;
	}
	if (!org_code || !*org_code) {
		if (!ctx->user) {
			rc = ctx_fail(ctx, TT_ERR_INVALID, "Vui lòng chọn đơn vị báo cáo tiến độ (org).");
			goto out;
		}
		org_code = ctx->user->org_code;
	}
	if ((rc = store_org_get(ctx->db, ctx->arena, org_code, &o))) {
		if (rc == TT_ERR_NOT_FOUND)
			rc = ctx_fail(ctx, TT_ERR_INVALID, "Không có đơn vị mã %s.", org_code);
		goto out;
	}
	if ((rc = perm_check(ctx, PERM_POST_PROGRESS, o.id)))
		goto out;
	if ((rc = store_plan_bodies(ctx->db, ctx->arena, plan_id, task_id, &b, &nb)))
		goto out;
	int lead = 0;
	for (size_t i = 0; i < nb && !lead; i++)
		lead = b[i].org_id == o.id && !strcmp(b[i].role, "lead");
	if (!lead) {
		rc = ctx_fail(ctx, TT_ERR_FORBIDDEN,
		              "Đơn vị %s không chủ trì nhiệm vụ %s nên không cập nhật được tiến độ.", o.name,
		              t.label);
		goto out;
	}
	if (strcmp(p.state, "active")) {
		rc = ctx_fail(ctx, TT_ERR_CONFLICT,
		              strcmp(p.state, "draft")
		                  ? "Kế hoạch đã kết thúc; không cập nhật tiến độ được nữa."
		                  : "Kế hoạch còn là dự thảo; chỉ cập nhật tiến độ khi kế hoạch "
		                    "đã được đưa vào thực hiện.");
		goto out;
	}
	if (!state ||
	    (strcmp(state, "not_started") && strcmp(state, "in_progress") && strcmp(state, "done"))) {
		rc = ctx_fail(
		    ctx, TT_ERR_INVALID,
		    "Trạng thái tiến độ phải là \"not_started\" (chưa thực hiện), \"in_progress\" (đang thực "
		    "hiện) hoặc \"done\" (đã hoàn thành).");
		goto out;
	}
	done_on = blank_null(done_on);
	if (!strcmp(state, "done") && !done_on) {
		rc = ctx_fail(ctx, TT_ERR_INVALID, "Vui lòng nhập ngày hoàn thành.");
		goto out;
	}
	if (strcmp(state, "done") && done_on) {
		rc = ctx_fail(ctx, TT_ERR_INVALID, "Chỉ ghi ngày hoàn thành khi nhiệm vụ đã hoàn thành.");
		goto out;
	}
	if (done_on && !ctx_date_valid(done_on)) {
		rc = ctx_fail(ctx, TT_ERR_INVALID, "Ngày hoàn thành phải là ngày hợp lệ dạng YYYY-MM-DD.");
		goto out;
	}
	if (done_on && strcmp(done_on, today) > 0) {
		rc = ctx_fail(ctx, TT_ERR_INVALID, "Ngày hoàn thành không thể sau hôm nay (%s).", today);
		goto out;
	}
	if (ev && (rc = evidence_check(ctx, &o, ev)))
		goto out;
	st_plan_progress g = {.task_id = task_id,
	                      .org_id = o.id,
	                      .state = state,
	                      .done_on = done_on,
	                      .note = blank_null(note),
	                      .user_id = ctx->user ? ctx->user->id : 0,
	                      .evidence_activity_id = ev ? ev->activity_id : 0,
	                      .evidence_document_id = ev ? ev->document_id : 0};
	if ((rc = store_plan_progress_add(ctx->db, &g, &gid)))
		goto out;
	json_t *after = json_pack("{s:I, s:I, s:s, s:s, s:s?, s:s?}", "plan", (json_int_t)plan_id, "task",
	                          (json_int_t)task_id, "org", o.code, "state", state, "done_on", done_on,
	                          "note", g.note);
	if (after && g.evidence_activity_id)
		json_object_set_new(after, "evidence_activity", json_integer(g.evidence_activity_id));
	if (after && g.evidence_document_id)
		json_object_set_new(after, "evidence_document", json_integer(g.evidence_document_id));
	rc = after ? audit_record(ctx, "plan.progress", "plan_task", plan_id_str(ctx, task_id), NULL, after)
	           : TT_ERR_NOMEM;
	json_decref(after);
out:
	if (!rc && id)
		*id = gid;
	return rc;
}

tt_rc plan_progress_post(tt_ctx *ctx, int64_t plan_id, int64_t task_id, const char *org_code,
                         const char *state, const char *done_on, const char *note, int64_t *id)
{
	tt_rc rc = core_begin(ctx);
	if (rc)
		return rc;
	return core_end(ctx, plan_progress_post_in(ctx, plan_id, task_id, org_code, state, done_on, note, id));
}

tt_rc plan_progress_post_ev(tt_ctx *ctx, int64_t plan_id, int64_t task_id, const char *org_code,
                            const char *state, const char *done_on, const char *note, const plan_evidence *ev,
                            int64_t *id)
{
	tt_rc rc = core_begin(ctx);
	if (rc)
		return rc;
	return core_end(ctx,
	                plan_progress_post_ev_in(ctx, plan_id, task_id, org_code, state, done_on, note, ev, id));
}
