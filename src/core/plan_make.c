/* plan_make.c - making plans: written by hand, read from an imported plan
 * (KH) document, copied to the next year; and resolving a phrase that names
 * bodies. The bodies a task names are matched to the registry by the body
 * matcher (match.h) at the plan's date, within the owner's subtree. */
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/document.h"
#include "core/org.h"
#include "core/match.h"
#include "core/mutate.h"
#include "core/perm.h"
#include "core/plan.h"
#include "core/plan_int.h"
#include "text/timeframe.h"

/* What the matcher found for the phrases of one plan: the same phrase
 * ("Sở TT&TT", "UBND các huyện, thành phố") recurs in task after task, and
 * is matched once. */
typedef struct {
	const char *text;
	st_org *orgs; /* id only */
	size_t n;
	int grp;
} match_memo;

typedef struct {
	match_memo *v;
	size_t n, cap;
} match_cache;

#define MATCH_CACHE_MAX 4096

/* Matches text, from the cache or with the matcher working in an arena of
 * its own that is dropped afterwards (only the bodies' ids are kept), so a
 * plan of thousands of phrases costs the request's arena little. */
static tt_rc match_cached(tt_ctx *ctx, match_cache *mc, int64_t owner_id, const char *at, const char *text,
                          st_org **orgs, size_t *n, int *grp)
{
	for (size_t i = 0; i < mc->n; i++)
		if (!strcmp(mc->v[i].text, text)) {
			*orgs = mc->v[i].orgs;
			*n = mc->v[i].n;
			*grp = mc->v[i].grp;
			return TT_OK;
		}
	tt_arena scratch, *main = ctx->arena;
	match_body m;
	memset(&m, 0, sizeof m);
	arena_init(&scratch, main->limit);
	ctx->arena = &scratch;
	tt_rc rc = match_body_text(ctx, owner_id, at, text, &m);
	ctx->arena = main;
	st_org *keep = NULL;
	if (rc) {
		if (ctx->error_detail)
			ctx->error_detail = arena_strdup(main, ctx->error_detail);
	} else if (!(keep = arena_alloc(main, (m.n + 1) * sizeof *keep))) {
		rc = TT_ERR_NOMEM;
	} else {
		for (size_t i = 0; i < m.n; i++)
			keep[i] = (st_org){.id = m.orgs[i].id};
	}
	arena_free(&scratch);
	if (rc)
		return rc;
	*orgs = keep;
	*n = m.n;
	*grp = m.group;
	if (mc->n == mc->cap && mc->cap < MATCH_CACHE_MAX) {
		size_t nc = mc->cap ? mc->cap * 2 : 64;
		match_memo *v = arena_alloc(main, nc * sizeof *v);
		if (!v)
			return TT_ERR_NOMEM;
		if (mc->n)
			memcpy(v, mc->v, mc->n * sizeof *v);
		mc->v = v;
		mc->cap = nc;
	}
	if (mc->n < mc->cap)
		mc->v[mc->n++] = (match_memo){.text = text, .orgs = keep, .n = m.n, .grp = m.group};
	return TT_OK;
}

/* Rows of one phrase: the given bodies, or what the matcher finds. */
static tt_rc phrase_rows(tt_ctx *ctx, match_cache *mc, int64_t owner_id, const char *at,
                         const plan_phrase_spec *ph, size_t task_ix, const char *role, int pos,
                         st_plan_body **rows, size_t *nrows, size_t *cap)
{
	const char *text;
	tt_rc rc = plan_clean_text(ctx, ph->text, 1000, "Tên cơ quan", &text);
	if (rc)
		return rc;
	if (!text || ctx_blank(text))
		return ctx_fail(ctx, TT_ERR_INVALID, "Mỗi cơ quan chủ trì, phối hợp cần có tên (text).");
	st_org *orgs = NULL;
	size_t n = 0;
	int grp = 0;
	if (ph->has_codes) {
		if (ph->ncodes > PLAN_MAX_PHRASES * 10)
			return ctx_fail(ctx, TT_ERR_INVALID, "Quá nhiều đơn vị cho \"%s\".", text);
		orgs = arena_alloc(ctx->arena, (ph->ncodes + 1) * sizeof *orgs);
		if (!orgs)
			return TT_ERR_NOMEM;
		for (size_t i = 0; i < ph->ncodes; i++) {
			if (!ph->codes[i] ||
			    (rc = store_org_get(ctx->db, ctx->arena, ph->codes[i], &orgs[i])))
				return rc && rc != TT_ERR_NOT_FOUND
				           ? rc
				           : ctx_fail(ctx, TT_ERR_INVALID, "Không có đơn vị mã %s.",
				                      ph->codes[i] ? ph->codes[i] : "");
		}
		n = ph->ncodes;
		grp = n > 1;
	} else if ((rc = match_cached(ctx, mc, owner_id, at, text, &orgs, &n, &grp)))
		return rc;
	size_t need = *nrows + (n ? n : 1);
	if (need > *cap) {
		size_t nc = need * 2 + 16;
		st_plan_body *r = arena_alloc(ctx->arena, nc * sizeof *r);
		if (!r)
			return TT_ERR_NOMEM;
		if (*nrows)
			memcpy(r, *rows, *nrows * sizeof *r);
		*rows = r;
		*cap = nc;
	}
	for (size_t i = 0; i < (n ? n : 1); i++)
		(*rows)[(*nrows)++] = (st_plan_body){.task_ix = task_ix,
		                                     .role = role,
		                                     .pos = pos,
		                                     .text = text,
		                                     .org_id = n ? orgs[i].id : 0,
		                                     .grp = grp};
	return TT_OK;
}

/* Checks a spec and creates its plan; match_at is the day bodies are
 * matched on (NULL: the period's start). */
static tt_rc make_plan(tt_ctx *ctx, const plan_spec *spec, const char *match_at, int64_t document_id,
                       const char *action, int64_t *id)
{
	st_org owner;
	st_plan p = {.document_id = document_id, .state = "draft"};
	tt_rc rc;
	if (!spec->owner_code || !*spec->owner_code)
		return ctx_fail(ctx, TT_ERR_INVALID, "Vui lòng chọn đơn vị ban hành kế hoạch (owner).");
	if ((rc = plan_clean_text(ctx, spec->title, 1000, "Tên kế hoạch", &p.title)))
		return rc;
	if (!p.title || ctx_blank(p.title))
		return ctx_fail(ctx, TT_ERR_INVALID, "Vui lòng nhập tên kế hoạch (title).");
	if (!ctx_date_valid(spec->period_start) || !ctx_date_valid(spec->period_end))
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Kỳ kế hoạch (period_start, period_end) phải là ngày hợp lệ "
		                "dạng YYYY-MM-DD.");
	if (strcmp(spec->period_start, spec->period_end) > 0)
		return ctx_fail(ctx, TT_ERR_INVALID, "Ngày bắt đầu kỳ kế hoạch phải trước ngày kết thúc.");
	if (spec->ngroups > PLAN_MAX_GROUPS || spec->ntasks > PLAN_MAX_TASKS)
		return ctx_fail(ctx, TT_ERR_INVALID, "Kế hoạch có tối đa %d nhóm và %d nhiệm vụ.",
		                PLAN_MAX_GROUPS, PLAN_MAX_TASKS);
	if (spec->ntasks && !spec->ngroups)
		return ctx_fail(ctx, TT_ERR_INVALID, "Nhiệm vụ phải thuộc một nhóm (groups).");
	p.period_start = spec->period_start;
	p.period_end = spec->period_end;
	if (!match_at)
		match_at = spec->period_start;
	if ((rc = store_org_get(ctx->db, ctx->arena, spec->owner_code, &owner)))
		return rc == TT_ERR_NOT_FOUND
		           ? ctx_fail(ctx, TT_ERR_INVALID, "Không có đơn vị mã %s.", spec->owner_code)
		           : rc;
	if ((rc = perm_check(ctx, PERM_EDIT_PLAN, owner.id)))
		return rc;
	p.owner_org_id = owner.id;
	p.created_by = ctx->user ? ctx->user->id : 0;
	st_plan_group *g = arena_alloc(ctx->arena, (spec->ngroups + 1) * sizeof *g);
	st_plan_task *t = arena_alloc(ctx->arena, (spec->ntasks + 1) * sizeof *t);
	if (!g || !t)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < spec->ngroups; i++) {
		g[i] = spec->groups[i];
		if ((rc = plan_clean_text(ctx, g[i].label ? g[i].label : "", 50, "Số thứ tự nhóm",
		                          &g[i].label)) ||
		    (rc = plan_clean_text(ctx, g[i].heading ? g[i].heading : "", 1000, "Tên nhóm",
		                          &g[i].heading)))
			return rc;
	}
	for (size_t i = 0; i < spec->ntasks; i++) {
		const plan_task_spec *x = &spec->tasks[i];
		st_plan_task *y = &t[i];
		memset(y, 0, sizeof *y);
		if (x->group >= spec->ngroups)
			return ctx_fail(ctx, TT_ERR_INVALID,
			                "Nhiệm vụ thứ %zu thuộc nhóm không có trong kế hoạch.", i + 1);
		y->group_ix = x->group;
		if ((rc = plan_clean_text(ctx, x->label ? x->label : "", 50, "Số thứ tự nhiệm vụ",
		                          &y->label)) ||
		    (rc = plan_clean_text(ctx, x->text, PLAN_MAX_TEXT, "Nội dung nhiệm vụ", &y->text)) ||
		    (rc = plan_clean_text(ctx, x->tf_text, 500, "Thời hạn", &y->tf_text)) ||
		    (rc = plan_clean_text(ctx, x->expected_output, 5000, "Sản phẩm dự kiến",
		                          &y->expected_output)) ||
		    (rc = plan_clean_text(ctx, x->notes, 5000, "Ghi chú", &y->notes)))
			return rc;
		if (!y->text || ctx_blank(y->text))
			return ctx_fail(ctx, TT_ERR_INVALID, "Nhiệm vụ thứ %zu chưa có nội dung (text).",
			                i + 1);
		y->tf_kind = x->tf_kind ? x->tf_kind : "unknown";
		y->tf_start = x->tf_start && *x->tf_start ? x->tf_start : NULL;
		y->tf_end = x->tf_end && *x->tf_end ? x->tf_end : NULL;
		if ((rc = plan_check_timeframe(ctx, y->label, y->tf_kind, y->tf_start, y->tf_end)))
			return rc;
		if (x->nleads > PLAN_MAX_PHRASES || x->ncoords > PLAN_MAX_PHRASES)
			return ctx_fail(ctx, TT_ERR_INVALID,
			                "Nhiệm vụ %s có quá nhiều cơ quan (tối đa %d mỗi loại).", y->label,
			                PLAN_MAX_PHRASES);
	}
	int64_t pid = 0;
	if ((rc = core_begin(ctx)))
		return rc;
	st_plan_body *rows = NULL;
	size_t nrows = 0, cap = 0;
	match_cache mc = {0};
	/* One plan per document, checked inside the write transaction so two
	 * clicks at once make one plan. */
	int64_t existing = 0;
	if (document_id && !(rc = store_plan_of_document(ctx->db, document_id, &existing))) {
		rc = ctx_fail(ctx, TT_ERR_CONFLICT,
		              "Văn bản này đã có kế hoạch (số %lld); hãy mở kế hoạch đó.",
		              (long long)existing);
		goto out;
	}
	if (rc == TT_ERR_NOT_FOUND)
		rc = TT_OK;
	for (size_t i = 0; i < spec->ntasks && !rc; i++) {
		const plan_task_spec *x = &spec->tasks[i];
		for (size_t j = 0; j < x->nleads && !rc; j++)
			rc = phrase_rows(ctx, &mc, owner.id, match_at, &x->leads[j], i, "lead", (int)j, &rows,
			                 &nrows, &cap);
		for (size_t j = 0; j < x->ncoords && !rc; j++)
			rc = phrase_rows(ctx, &mc, owner.id, match_at, &x->coords[j], i, "coord", (int)j, &rows,
			                 &nrows, &cap);
	}
	if (rc || (rc = store_plan_add(ctx->db, &p, g, spec->ngroups, t, spec->ntasks, rows, nrows, &pid)))
		goto out;
	json_t *after = json_pack("{s:s, s:s, s:s, s:s, s:I, s:I}", "owner", owner.code, "title", p.title,
	                          "period_start", p.period_start, "period_end", p.period_end, "tasks",
	                          (json_int_t)spec->ntasks, "document_id", (json_int_t)document_id);
	rc = after ? audit_record(ctx, action, "plan", plan_id_str(ctx, pid), NULL, after) : TT_ERR_NOMEM;
	json_decref(after);
out:
	if (!(rc = core_end(ctx, rc)) && id)
		*id = pid;
	return rc;
}

tt_rc plan_create(tt_ctx *ctx, const plan_spec *spec, int64_t *id)
{
	return make_plan(ctx, spec, NULL, 0, "plan.create", id);
}

/* The plan for a change of its content: loaded, editable, not closed. */
static tt_rc plan_for_change(tt_ctx *ctx, int64_t plan_id, st_plan *p)
{
	int edit = 0;
	tt_rc rc = plan_load(ctx, plan_id, p, &edit);
	if (rc)
		return rc;
	if (!edit)
		return perm_check(ctx, PERM_EDIT_PLAN, p->owner_org_id);
	if (!strcmp(p->state, "closed"))
		return ctx_fail(ctx, TT_ERR_CONFLICT, "Kế hoạch đã kết thúc; không thêm nhóm hay nhiệm vụ được nữa.");
	return TT_OK;
}

tt_rc plan_group_add(tt_ctx *ctx, int64_t plan_id, const char *label, const char *heading, int64_t *id)
{
	st_plan p;
	st_plan_group g = {0};
	st_plan_group *groups;
	size_t ng;
	int64_t gid = 0;
	tt_rc rc;
	if ((rc = plan_clean_text(ctx, label ? label : "", 50, "Số thứ tự nhóm", &g.label)) ||
	    (rc = plan_clean_text(ctx, heading, 1000, "Tên nhóm", &g.heading)))
		return rc;
	if (!g.heading || ctx_blank(g.heading))
		return ctx_fail(ctx, TT_ERR_INVALID, "Vui lòng nhập tên nhóm nhiệm vụ.");
	if ((rc = core_begin(ctx)))
		return rc;
	if ((rc = plan_for_change(ctx, plan_id, &p)) ||
	    (rc = store_plan_groups(ctx->db, ctx->arena, plan_id, &groups, &ng)))
		goto out;
	if (ng >= PLAN_MAX_GROUPS) {
		rc = ctx_fail(ctx, TT_ERR_INVALID, "Kế hoạch có tối đa %d nhóm.", PLAN_MAX_GROUPS);
		goto out;
	}
	if ((rc = store_plan_group_add(ctx->db, plan_id, &g, &gid)))
		goto out;
	json_t *after = json_pack("{s:I, s:s, s:s}", "plan", (json_int_t)plan_id, "label", g.label, "heading",
	                          g.heading);
	rc = after ? audit_record(ctx, "plan.group.add", "plan", plan_id_str(ctx, plan_id), NULL, after)
	           : TT_ERR_NOMEM;
	json_decref(after);
out:
	if (!(rc = core_end(ctx, rc)) && id)
		*id = gid;
	return rc;
}

tt_rc plan_task_add(tt_ctx *ctx, int64_t plan_id, int64_t group_id, const plan_task_spec *x, int64_t *id)
{
	st_plan p;
	st_plan_task t = {.plan_id = plan_id, .group_id = group_id};
	st_plan_group *groups;
	st_plan_task *tasks;
	size_t ng, nt;
	int64_t tid = 0;
	tt_rc rc;
	if ((rc = plan_clean_text(ctx, x->label ? x->label : "", 50, "Số thứ tự nhiệm vụ", &t.label)) ||
	    (rc = plan_clean_text(ctx, x->text, PLAN_MAX_TEXT, "Nội dung nhiệm vụ", &t.text)) ||
	    (rc = plan_clean_text(ctx, x->tf_text, 500, "Thời hạn", &t.tf_text)) ||
	    (rc = plan_clean_text(ctx, x->expected_output, 5000, "Sản phẩm dự kiến", &t.expected_output)) ||
	    (rc = plan_clean_text(ctx, x->notes, 5000, "Ghi chú", &t.notes)))
		return rc;
	if (!t.text || ctx_blank(t.text))
		return ctx_fail(ctx, TT_ERR_INVALID, "Vui lòng nhập nội dung nhiệm vụ.");
	t.tf_kind = x->tf_kind ? x->tf_kind : "unknown";
	t.tf_start = x->tf_start && *x->tf_start ? x->tf_start : NULL;
	t.tf_end = x->tf_end && *x->tf_end ? x->tf_end : NULL;
	if (t.tf_text && !*t.tf_text)
		t.tf_text = NULL;
	if (t.expected_output && !*t.expected_output)
		t.expected_output = NULL;
	if (t.notes && !*t.notes)
		t.notes = NULL;
	if ((rc = plan_check_timeframe(ctx, t.label, t.tf_kind, t.tf_start, t.tf_end)))
		return rc;
	if (x->nleads > PLAN_MAX_PHRASES || x->ncoords > PLAN_MAX_PHRASES)
		return ctx_fail(ctx, TT_ERR_INVALID, "Nhiệm vụ %s có quá nhiều cơ quan (tối đa %d mỗi loại).",
		                t.label, PLAN_MAX_PHRASES);
	if ((rc = core_begin(ctx)))
		return rc;
	st_plan_body *rows = NULL;
	size_t nrows = 0, cap = 0;
	match_cache mc = {0};
	if ((rc = plan_for_change(ctx, plan_id, &p)) ||
	    (rc = store_plan_groups(ctx->db, ctx->arena, plan_id, &groups, &ng)) ||
	    (rc = store_plan_tasks(ctx->db, ctx->arena, plan_id, &tasks, &nt)))
		goto out;
	int found = 0;
	for (size_t i = 0; i < ng && !found; i++)
		found = groups[i].id == group_id;
	if (!found) {
		rc = ctx_fail(ctx, TT_ERR_INVALID, "Vui lòng chọn một nhóm của kế hoạch cho nhiệm vụ.");
		goto out;
	}
	if (nt >= PLAN_MAX_TASKS) {
		rc = ctx_fail(ctx, TT_ERR_INVALID, "Kế hoạch có tối đa %d nhiệm vụ.", PLAN_MAX_TASKS);
		goto out;
	}
	for (size_t j = 0; j < x->nleads && !rc; j++)
		rc = phrase_rows(ctx, &mc, p.owner_org_id, p.period_start, &x->leads[j], 0, "lead", (int)j, &rows,
		                 &nrows, &cap);
	for (size_t j = 0; j < x->ncoords && !rc; j++)
		rc = phrase_rows(ctx, &mc, p.owner_org_id, p.period_start, &x->coords[j], 0, "coord", (int)j, &rows,
		                 &nrows, &cap);
	if (rc || (rc = store_plan_task_add(ctx->db, &t, rows, nrows, &tid)))
		goto out;
	json_t *after = json_pack("{s:I, s:I, s:s, s:s, s:s}", "plan", (json_int_t)plan_id, "group",
	                          (json_int_t)group_id, "label", t.label, "text", t.text, "tf_kind", t.tf_kind);
	rc = after ? audit_record(ctx, "plan.task.add", "plan_task", plan_id_str(ctx, tid), NULL, after)
	           : TT_ERR_NOMEM;
	json_decref(after);
out:
	if (!(rc = core_end(ctx, rc)) && id)
		*id = tid;
	return rc;
}

tt_rc plan_timeframe_read(tt_ctx *ctx, const char *text, int default_year, const char **kind,
                          const char **start, const char **end)
{
	doc_timeframe tf;
	memset(&tf, 0, sizeof tf);
	*kind = "unknown";
	*start = *end = NULL;
	if (!text || ctx_blank(text))
		return TT_OK;
	tf_parse(text, strlen(text), default_year, &tf);
	if (tf.kind == TF_UNKNOWN)
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Không đọc được thời gian \"%s\"; hãy viết như \"Thường xuyên\", \"Quý II/2025\", "
		                "\"Tháng 6/2025\", \"6 tháng đầu năm 2025\", \"Năm 2025\", \"trước ngày "
		                "15/6/2025\" hoặc \"từ 01/3/2025 đến 30/6/2025\".",
		                text);
	*kind = doc_tf_kind_name(tf.kind);
	if (tf.start[0] && !(*start = arena_strdup(ctx->arena, tf.start)))
		return TT_ERR_NOMEM;
	if (tf.end[0] && !(*end = arena_strdup(ctx->arena, tf.end)))
		return TT_ERR_NOMEM;
	return TT_OK;
}

/* ---- from a document ---- */

/* The last year (1900-2199) written in s, or 0. */
static int last_year(const char *s)
{
	int year = 0;
	for (const char *p = s; p && *p; p++) {
		if (!isdigit((unsigned char)*p) || (p > s && isdigit((unsigned char)p[-1])))
			continue;
		size_t n = strspn(p, "0123456789");
		if (n == 4) {
			int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
			if (y >= 1900 && y < 2200)
				year = y;
		}
	}
	return year;
}

static const char *jstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* The first part of a task label: "5" of "5.1". */
static const char *label_head(tt_ctx *ctx, const char *label)
{
	if (!label)
		return NULL;
	size_t n = strcspn(label, ".");
	return arena_printf(ctx->arena, "%.*s", (int)n, label);
}

/* The top section whose children are the task groups: the first whose
 * children carry the first task's head label. */
static json_t *task_top(json_t *sections, const char *head)
{
	size_t i, j;
	json_t *s, *c;
	json_array_foreach(sections, i, s)
	{
		json_array_foreach(json_object_get(s, "children"), j, c)
		{
			const char *l = jstr(c, "label");
			if (head && l && !strcmp(l, head))
				return s;
		}
	}
	return NULL;
}

static tt_rc phrases_from_json(tt_ctx *ctx, json_t *arr, plan_phrase_spec **out, size_t *n)
{
	size_t k = json_array_size(arr);
	if (k > PLAN_MAX_PHRASES)
		k = PLAN_MAX_PHRASES;
	plan_phrase_spec *ph = arena_alloc(ctx->arena, (k + 1) * sizeof *ph);
	if (!ph)
		return TT_ERR_NOMEM;
	size_t m = 0;
	for (size_t i = 0; i < k; i++) {
		const char *t = json_string_value(json_array_get(arr, i));
		if (t && !ctx_blank(t))
			ph[m++] = (plan_phrase_spec){.text = t};
	}
	*out = ph;
	*n = m;
	return TT_OK;
}

tt_rc plan_from_document(tt_ctx *ctx, int64_t document_id, int64_t *id)
{
	st_document d;
	st_org owner;
	json_error_t jerr;
	tt_rc rc = document_get(ctx, document_id, &d);
	if (rc == TT_ERR_NOT_FOUND)
		return ctx_fail(ctx, TT_ERR_INVALID, "Không có văn bản số %lld.", (long long)document_id);
	if (rc)
		return rc;
	if (!d.kind || strcmp(d.kind, "KH"))
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Văn bản %s không phải là kế hoạch (KH); chỉ tạo được kế hoạch từ "
		                "văn bản kế hoạch.",
		                d.symbol ? d.symbol : "này");
	if (!d.date || !ctx_date_valid(d.date))
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Văn bản chưa có ngày ban hành; hãy sửa thông tin văn bản trước.");
	rc = match_issuer(ctx, d.issuer_code, d.place, NULL, d.date, &owner);
	if (rc == TT_ERR_NOT_FOUND)
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Không tìm thấy cơ quan ban hành (%s, %s) trong danh mục đơn vị vào ngày %s.",
		                d.issuer_code ? d.issuer_code : "?", d.place ? d.place : "?", d.date);
	if (rc)
		return rc;
	json_t *j = d.parsed ? json_loads(d.parsed, 0, &jerr) : NULL;
	if (!j)
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Văn bản chưa được đọc thành dữ liệu; hãy nhập lại văn bản.");
	json_t *tasks = json_object_get(j, "tasks"), *sections = json_object_get(j, "sections");
	size_t nt = json_array_size(tasks);
	if (nt == 0) {
		json_decref(j);
		return ctx_fail(ctx, TT_ERR_INVALID, "Không đọc được nhiệm vụ nào trong văn bản này.");
	}
	if (nt > PLAN_MAX_TASKS)
		nt = PLAN_MAX_TASKS;
	int year = last_year(d.title);
	if (!year)
		year = d.year ? d.year : last_year(d.date);
	plan_spec spec = {
	    .owner_code = owner.code,
	    .title = d.title && *d.title ? arena_printf(ctx->arena, "Kế hoạch %s", d.title)
	                                 : arena_printf(ctx->arena, "Kế hoạch năm %d", year),
	    .period_start = arena_printf(ctx->arena, "%04d-01-01", year),
	    .period_end = arena_printf(ctx->arena, "%04d-12-31", year),
	};
	spec.groups = arena_alloc(ctx->arena, (nt + 1) * sizeof *spec.groups);
	spec.tasks = arena_alloc(ctx->arena, (nt + 1) * sizeof *spec.tasks);
	if (!spec.groups || !spec.tasks || !spec.title) {
		json_decref(j);
		return TT_ERR_NOMEM;
	}
	json_t *top = task_top(sections, label_head(ctx, jstr(json_array_get(tasks, 0), "label")));
	json_t *kids = json_object_get(top, "children");
	for (size_t i = 0; i < nt && !rc; i++) {
		json_t *x = json_array_get(tasks, i), *tf = json_object_get(x, "timeframe");
		plan_task_spec *y = &spec.tasks[i];
		const char *head = label_head(ctx, jstr(x, "label")), *glabel = "", *gheading = "Nhiệm vụ";
		size_t k;
		json_t *c;
		json_array_foreach(kids, k, c)
		{
			const char *l = jstr(c, "label");
			if (head && l && !strcmp(l, head)) {
				glabel = l;
				gheading = jstr(c, "heading") ? jstr(c, "heading") : "";
				break;
			}
		}
		size_t gi = 0;
		while (gi < spec.ngroups && strcmp(spec.groups[gi].label, glabel))
			gi++;
		if (gi == spec.ngroups)
			spec.groups[spec.ngroups++] = (st_plan_group){.label = glabel, .heading = gheading};
		*y = (plan_task_spec){.label = jstr(x, "label"),
		                      .text = jstr(x, "content"),
		                      .group = gi,
		                      .tf_kind = json_is_object(tf) ? jstr(tf, "kind") : "unknown",
		                      .tf_start = jstr(tf, "start"),
		                      .tf_end = jstr(tf, "end"),
		                      .tf_text = jstr(tf, "text")};
		if (!y->text || ctx_blank(y->text))
			y->text = y->label ? arena_printf(ctx->arena, "Nhiệm vụ %s", y->label) : "Nhiệm vụ";
		if (!y->tf_kind)
			y->tf_kind = "unknown";
		if ((rc = phrases_from_json(ctx, json_object_get(x, "lead"), &y->leads, &y->nleads)) ||
		    (rc =
		         phrases_from_json(ctx, json_object_get(x, "coordinating"), &y->coords, &y->ncoords)))
			break;
	}
	spec.ntasks = nt;
	if (!rc)
		rc = make_plan(ctx, &spec, d.date, d.id, "plan.from_document", id);
	json_decref(j);
	return rc;
}

/* ---- copy to the next year ---- */

static int year_of(const char *d)
{
	return (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
}

/* d one year later ("2020-02-29" has no such day a year on: the 28th). */
static const char *next_year_day(tt_ctx *ctx, const char *d)
{
	if (!d || !ctx_date_valid(d))
		return NULL;
	const char *md = d + 4;
	if (!strcmp(md, "-02-29"))
		md = "-02-28";
	return arena_printf(ctx->arena, "%04d%s", year_of(d) + 1, md);
}

/* s with every year `from` written on its own (not inside a longer
 * number) replaced by from + 1: "Quý II/2019" -> "Quý II/2020". */
static const char *next_year_text(tt_ctx *ctx, const char *s, int from)
{
	if (!s)
		return NULL;
	char y[16], y1[16];
	snprintf(y, sizeof y, "%04d", from);
	snprintf(y1, sizeof y1, "%04d", from + 1);
	tt_buf b;
	buf_init(&b, 0);
	for (const char *p = s; *p;) {
		if (!strncmp(p, y, 4) && (p == s || !isdigit((unsigned char)p[-1])) &&
		    !isdigit((unsigned char)p[4])) {
			buf_add(&b, y1, 4);
			p += 4;
		} else {
			buf_addc(&b, *p);
			p++;
		}
	}
	const char *out = arena_strdup(ctx->arena, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

/* The codes a phrase carries on into the new period: each body, or the
 * bodies that carry it on when it has ended before new_start. */
static tt_rc carried_codes(tt_ctx *ctx, const plan_phrase *ph, const char *new_start, plan_phrase_spec *out)
{
	const char **codes;
	size_t n;
	int64_t *ids = arena_alloc(ctx->arena, (ph->n + 1) * sizeof *ids);
	if (!ids)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < ph->n; i++)
		ids[i] = ph->orgs[i].id;
	tt_rc rc = org_carried_codes(ctx, ids, ph->n, new_start, &codes, &n);
	if (rc)
		return rc;
	*out = (plan_phrase_spec){.text = ph->text, .codes = codes, .ncodes = n, .has_codes = 1};
	return TT_OK;
}

static tt_rc carried_phrases(tt_ctx *ctx, const plan_phrase *ph, size_t n, const char *new_start,
                             plan_phrase_spec **out)
{
	*out = arena_alloc(ctx->arena, (n + 1) * sizeof **out);
	if (!*out)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		tt_rc rc = carried_codes(ctx, &ph[i], new_start, &(*out)[i]);
		if (rc)
			return rc;
	}
	return TT_OK;
}

tt_rc plan_copy_next_year(tt_ctx *ctx, int64_t id, int64_t *new_id)
{
	plan_view v;
	tt_rc rc = plan_get(ctx, id, NULL, &v);
	if (rc)
		return rc;
	if (!v.can_edit)
		return perm_check(ctx, PERM_EDIT_PLAN, v.plan.owner_org_id);
	int year = year_of(v.plan.period_start);
	plan_spec spec = {
	    .owner_code = v.plan.owner_code,
	    .title = next_year_text(ctx, v.plan.title, year),
	    .period_start = next_year_day(ctx, v.plan.period_start),
	    .period_end = next_year_day(ctx, v.plan.period_end),
	    .groups = v.groups,
	    .ngroups = v.ngroups,
	    .ntasks = v.ntasks,
	};
	if (!(spec.tasks = arena_alloc(ctx->arena, (v.ntasks + 1) * sizeof *spec.tasks)) || !spec.title ||
	    !spec.period_start || !spec.period_end)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < v.ntasks; i++) {
		const plan_task_view *tv = &v.tasks[i];
		const st_plan_task *t = &tv->task;
		plan_task_spec *y = &spec.tasks[i];
		size_t g = 0;
		while (g < v.ngroups && v.groups[g].id != t->group_id)
			g++;
		*y = (plan_task_spec){.label = t->label,
		                      .text = t->text,
		                      .group = g,
		                      .tf_kind = t->tf_kind,
		                      .tf_start = next_year_day(ctx, t->tf_start),
		                      .tf_end = next_year_day(ctx, t->tf_end),
		                      .tf_text = next_year_text(ctx, t->tf_text, year),
		                      .expected_output = t->expected_output,
		                      .notes = t->notes,
		                      .nleads = tv->nleads,
		                      .ncoords = tv->ncoords};
		if ((rc = carried_phrases(ctx, tv->leads, tv->nleads, spec.period_start, &y->leads)) ||
		    (rc = carried_phrases(ctx, tv->coords, tv->ncoords, spec.period_start, &y->coords)))
			return rc;
	}
	return make_plan(ctx, &spec, NULL, 0, "plan.copy", new_id);
}

/* ---- resolving a phrase ---- */

tt_rc plan_pick_bodies(tt_ctx *ctx, int64_t plan_id, const char *q, st_org **out, size_t *n)
{
	st_plan p;
	st_org o;
	int edit = 0;
	tt_rc rc;
	*out = NULL;
	*n = 0;
	if ((rc = plan_load(ctx, plan_id, &p, &edit)))
		return rc;
	if (!edit)
		return perm_check(ctx, PERM_EDIT_PLAN, p.owner_org_id);
	if (!q || ctx_blank(q))
		return TT_OK;
	if (strlen(q) > 200)
		return ctx_fail(ctx, TT_ERR_INVALID, "Từ khóa tìm đơn vị dài quá 200 byte.");
	/* the owner's province (the owner itself when it is one) */
	int64_t id = p.owner_org_id;
	const char *province = NULL;
	for (int depth = 0; id && depth < 8 && !province; depth++) {
		if ((rc = store_org_get_id(ctx->db, ctx->arena, id, &o)))
			return rc;
		if (!strcmp(o.kind, "province"))
			province = o.code;
		id = o.parent_id;
	}
	return org_search(ctx, q, p.period_start, NULL, province ? province : p.owner_code, 30, 0, out, n);
}

tt_rc plan_task_resolve(tt_ctx *ctx, int64_t plan_id, int64_t task_id, const char *role, int pos,
                        const char *const *codes, size_t n)
{
	st_plan p;
	st_plan_task t;
	int edit = 0;
	const char *text = NULL;
	int64_t *ids;
	tt_rc rc;
	if (!role || (strcmp(role, "lead") && strcmp(role, "coord")))
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "resolve.role phải là \"lead\" (chủ trì) hoặc \"coord\" (phối hợp).");
	if (n > PLAN_MAX_PHRASES * 10)
		return ctx_fail(ctx, TT_ERR_INVALID, "Quá nhiều đơn vị.");
	if (!(ids = arena_alloc(ctx->arena, (n + 1) * sizeof *ids)))
		return TT_ERR_NOMEM;
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
	for (size_t i = 0; i < n; i++) {
		st_org o;
		if (!codes[i] || (rc = store_org_get(ctx->db, ctx->arena, codes[i], &o))) {
			if (!rc || rc == TT_ERR_NOT_FOUND)
				rc = ctx_fail(ctx, TT_ERR_INVALID, "Không có đơn vị mã %s.",
				              codes[i] ? codes[i] : "");
			goto out;
		}
		ids[i] = o.id;
	}
	rc = store_plan_body_resolve(ctx->db, ctx->arena, task_id, role, pos, ids, n, &text);
	if (rc == TT_ERR_NOT_FOUND) {
		rc = ctx_fail(ctx, TT_ERR_INVALID, "Nhiệm vụ %s không có cơ quan %s thứ %d.", t.label,
		              strcmp(role, "lead") ? "phối hợp" : "chủ trì", pos);
		goto out;
	}
	if (rc)
		goto out;
	json_t *codes_j = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(codes_j, json_string(codes[i]));
	json_t *after =
	    json_pack("{s:s, s:i, s:s, s:o}", "role", role, "pos", pos, "text", text, "orgs", codes_j);
	rc = after
	         ? audit_record(ctx, "plan.task.resolve", "plan_task", plan_id_str(ctx, task_id), NULL, after)
	         : TT_ERR_NOMEM;
	json_decref(after);
	/* The choice becomes an alias of the body, so the next plan matches
	 * the phrase by itself (what match_remember does, inside this
	 * transaction). A body outside the coordinator's province (a ministry)
	 * may be chosen but is not given the alias. */
	if (!rc && n == 1 && (rc = org_alias_add(ctx, ids[0], text)) == TT_ERR_FORBIDDEN) {
		ctx->error_detail = NULL;
		rc = TT_OK;
	}
out:
	return core_end(ctx, rc);
}
