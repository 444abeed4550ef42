/* api_plans.c - JSON API of plans: making them (from a document, by hand,
 * copied to the next year), reading them with every task's bodies,
 * progress and status at a date, editing tasks, resolving bodies and
 * posting progress. The shapes are documented in docs/api.md. */
#include <stdlib.h>
#include <string.h>

#include "core/plan.h"
#include "web/kit.h"
#include "web/routes.h"
#include "web/web_int.h"

tt_rc web_plan_id(http_req *r, int i, int64_t *id)
{
	const char *s = r->params[i];
	char *end;
	if (!s || !*s || *s == '-' || *s == '+')
		return ctx_fail(&r->ctx, TT_ERR_NOT_FOUND,
		                i ? "Không có nhiệm vụ này." : "Không có kế hoạch này.");
	long long v = strtoll(s, &end, 10);
	if (*end || v <= 0)
		return ctx_fail(&r->ctx, TT_ERR_NOT_FOUND,
		                i ? "Không có nhiệm vụ này." : "Không có kế hoạch này.");
	*id = v;
	return TT_OK;
}

static json_t *plan_json(const st_plan *p)
{
	return json_pack("{s:I, s:s, s:{s:s, s:s}, s:s, s:s, s:o, s:s, s:I, s:s?, s:i}", "id",
	                 (json_int_t)p->id, "title", p->title, "owner", "code", p->owner_code, "name",
	                 p->owner_name, "period_start", p->period_start, "period_end", p->period_end,
	                 "document_id", p->document_id ? json_integer(p->document_id) : json_null(), "state",
	                 p->state, "version", (json_int_t)p->version, "created_at", p->created_at, "tasks",
	                 p->ntasks);
}

static json_t *phrases_json(const plan_phrase *ph, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *orgs = json_array();
		for (size_t j = 0; j < ph[i].n; j++)
			json_array_append_new(orgs, json_pack("{s:s, s:s}", "code", ph[i].orgs[j].code,
			                                      "name", ph[i].orgs[j].name));
		json_array_append_new(a, json_pack("{s:i, s:s, s:o, s:b}", "pos", ph[i].pos, "text",
		                                   ph[i].text, "orgs", orgs, "group", ph[i].grp));
	}
	return a;
}

json_t *web_plan_task_json(const plan_task_view *tv)
{
	const st_plan_task *t = &tv->task;
	json_t *prog = json_array();
	for (size_t i = 0; i < tv->nprogress; i++) {
		const st_plan_progress *p = &tv->progress[i];
		json_t *e = json_pack("{s:{s:s, s:s}, s:s, s:s?, s:s?, s:s}", "org", "code", p->org_code, "name",
		                      p->org_name, "state", p->state, "done_on", p->done_on, "note", p->note, "at",
		                      p->at);
		if (e && p->evidence_activity_id)
			json_object_set_new(e, "evidence_activity",
			                    json_pack("{s:I, s:s*}", "id", (json_int_t)p->evidence_activity_id, "title",
			                              p->evidence_activity_title));
		if (e && p->evidence_document_id)
			json_object_set_new(e, "evidence_document",
			                    json_pack("{s:I, s:s?, s:s?}", "id", (json_int_t)p->evidence_document_id,
			                              "symbol", p->evidence_document_symbol, "title",
			                              p->evidence_document_title));
		json_array_append_new(prog, e);
	}
	json_t *group = tv->group ? json_pack("{s:I, s:s, s:s}", "id", (json_int_t)tv->group->id, "label",
	                                      tv->group->label, "heading", tv->group->heading)
	                          : json_null();
	return json_pack(
	    "{s:I, s:s, s:s, s:o, s:o, s:o, s:{s:s, s:s?, s:s?, s:s?}, s:s?, s:s?, s:I, s:s, s:s, "
	    "s:s?, s:o, s:b}",
	    "id", (json_int_t)t->id, "label", t->label, "text", t->text, "group", group, "leads",
	    phrases_json(tv->leads, tv->nleads), "coordinating", phrases_json(tv->coords, tv->ncoords),
	    "timeframe", "kind", t->tf_kind, "start", t->tf_start, "end", t->tf_end, "text", t->tf_text,
	    "expected_output", t->expected_output, "notes", t->notes, "version", (json_int_t)t->version,
	    "status", plan_status_name(tv->status), "status_label", plan_status_label(tv->status),
	    "last_progress", tv->last_progress, "progress", prog, "can_progress", tv->can_progress);
}

static json_t *counts_json(const int counts[PLAN_STATUS_COUNT])
{
	json_t *o = json_object();
	for (int i = 0; i < PLAN_STATUS_COUNT; i++)
		json_object_set_new(o, plan_status_name((plan_status)i), json_integer(counts[i]));
	return o;
}

tt_rc api_plans_list(http_req *r)
{
	st_plan *p;
	size_t n;
	tt_rc rc = plan_list(&r->ctx, &p, &n);
	if (rc)
		return rc;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, plan_json(&p[i]));
	return http_send_json(r, 200, arr);
}

/* ---- a plan written as JSON ---- */

static tt_rc bad(http_req *r, const char *msg, const char *where)
{
	return ctx_fail(&r->ctx, TT_ERR_INVALID, "%s: %s", where, msg);
}

/* A string member, NULL when absent or null; an error for another type. */
static tt_rc opt_string(http_req *r, json_t *o, const char *key, const char *where, const char **out)
{
	json_t *v = json_object_get(o, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return TT_OK;
	if (!json_is_string(v))
		return ctx_fail(&r->ctx, TT_ERR_INVALID, "%s: trường \"%s\" phải là chuỗi.", where, key);
	*out = json_string_value(v);
	return TT_OK;
}

static tt_rc phrases_in(http_req *r, json_t *arr, const char *where, plan_phrase_spec **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!arr || json_is_null(arr))
		return TT_OK;
	if (!json_is_array(arr))
		return bad(r, "phải là mảng các {\"text\"} hoặc {\"text\", \"orgs\": [mã đơn vị]}.", where);
	size_t k = json_array_size(arr);
	if (k > PLAN_MAX_PHRASES)
		return bad(r, "quá nhiều cơ quan.", where);
	plan_phrase_spec *ph = arena_alloc(&r->arena, (k + 1) * sizeof *ph);
	if (!ph)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < k; i++) {
		json_t *e = json_array_get(arr, i), *orgs = json_object_get(e, "orgs");
		tt_rc rc;
		memset(&ph[i], 0, sizeof ph[i]);
		if (!json_is_object(e) || !json_is_string(json_object_get(e, "text")))
			return bad(r,
			           "mỗi cơ quan là {\"text\": tên như trong văn bản} (có thể kèm \"orgs\").",
			           where);
		if ((rc = opt_string(r, e, "text", where, &ph[i].text)))
			return rc;
		if (orgs && !json_is_null(orgs)) {
			if (!json_is_array(orgs) || json_array_size(orgs) > 500)
				return bad(r, "\"orgs\" phải là mảng mã đơn vị.", where);
			const char **codes =
			    arena_alloc(&r->arena, (json_array_size(orgs) + 1) * sizeof *codes);
			if (!codes)
				return TT_ERR_NOMEM;
			for (size_t j = 0; j < json_array_size(orgs); j++)
				if (!(codes[j] = json_string_value(json_array_get(orgs, j))))
					return bad(r, "mỗi phần tử của \"orgs\" là một mã đơn vị (chuỗi).",
					           where);
			ph[i].codes = codes;
			ph[i].ncodes = json_array_size(orgs);
			ph[i].has_codes = 1;
		}
	}
	*out = ph;
	*n = k;
	return TT_OK;
}

static tt_rc timeframe_in(http_req *r, json_t *tf, const char *where, plan_task_spec *t)
{
	if (!tf || json_is_null(tf)) {
		t->tf_kind = "unknown";
		return TT_OK;
	}
	if (!json_is_object(tf))
		return bad(r, "\"timeframe\" phải là {\"kind\", \"start\", \"end\", \"text\"}.", where);
	tt_rc rc;
	if ((rc = opt_string(r, tf, "kind", where, &t->tf_kind)) ||
	    (rc = opt_string(r, tf, "start", where, &t->tf_start)) ||
	    (rc = opt_string(r, tf, "end", where, &t->tf_end)) ||
	    (rc = opt_string(r, tf, "text", where, &t->tf_text)))
		return rc;
	if (!t->tf_kind)
		t->tf_kind = "unknown";
	return TT_OK;
}

static tt_rc spec_in(http_req *r, json_t *body, plan_spec *spec)
{
	tt_rc rc;
	json_t *groups = json_object_get(body, "groups");
	if ((rc = opt_string(r, body, "owner", "Kế hoạch", &spec->owner_code)) ||
	    (rc = opt_string(r, body, "title", "Kế hoạch", &spec->title)) ||
	    (rc = opt_string(r, body, "period_start", "Kế hoạch", &spec->period_start)) ||
	    (rc = opt_string(r, body, "period_end", "Kế hoạch", &spec->period_end)))
		return rc;
	if (!json_is_array(groups))
		return ctx_fail(
		    &r->ctx, TT_ERR_INVALID,
		    "Trường \"groups\" phải là mảng các nhóm {\"label\", \"heading\", \"tasks\": [...]}.");
	size_t ng = json_array_size(groups), nt = 0;
	if (ng > PLAN_MAX_GROUPS)
		return ctx_fail(&r->ctx, TT_ERR_INVALID, "Kế hoạch có tối đa %d nhóm.", PLAN_MAX_GROUPS);
	for (size_t i = 0; i < ng; i++) {
		json_t *tasks = json_object_get(json_array_get(groups, i), "tasks");
		if (!json_is_object(json_array_get(groups, i)) || (tasks && !json_is_array(tasks)))
			return ctx_fail(&r->ctx, TT_ERR_INVALID,
			                "Nhóm thứ %zu phải là {\"label\", \"heading\", \"tasks\": [...]}.",
			                i + 1);
		nt += json_array_size(tasks);
	}
	if (nt > PLAN_MAX_TASKS)
		return ctx_fail(&r->ctx, TT_ERR_INVALID, "Kế hoạch có tối đa %d nhiệm vụ.", PLAN_MAX_TASKS);
	spec->groups = arena_alloc(&r->arena, (ng + 1) * sizeof *spec->groups);
	spec->tasks = arena_alloc(&r->arena, (nt + 1) * sizeof *spec->tasks);
	if (!spec->groups || !spec->tasks)
		return TT_ERR_NOMEM;
	size_t k = 0;
	for (size_t i = 0; i < ng; i++) {
		json_t *g = json_array_get(groups, i), *tasks = json_object_get(g, "tasks");
		const char *where = arena_printf(&r->arena, "Nhóm thứ %zu", i + 1);
		memset(&spec->groups[i], 0, sizeof spec->groups[i]);
		if ((rc = opt_string(r, g, "label", where, &spec->groups[i].label)) ||
		    (rc = opt_string(r, g, "heading", where, &spec->groups[i].heading)))
			return rc;
		for (size_t j = 0; j < json_array_size(tasks); j++, k++) {
			json_t *t = json_array_get(tasks, j);
			plan_task_spec *y = &spec->tasks[k];
			memset(y, 0, sizeof *y);
			y->group = i;
			where = arena_printf(&r->arena, "Nhiệm vụ thứ %zu của nhóm %zu", j + 1, i + 1);
			if (!json_is_object(t))
				return bad(r, "phải là một đối tượng {\"label\", \"text\", ...}.", where);
			if ((rc = opt_string(r, t, "label", where, &y->label)) ||
			    (rc = opt_string(r, t, "text", where, &y->text)) ||
			    (rc = opt_string(r, t, "expected_output", where, &y->expected_output)) ||
			    (rc = opt_string(r, t, "notes", where, &y->notes)) ||
			    (rc = timeframe_in(r, json_object_get(t, "timeframe"), where, y)) ||
			    (rc = phrases_in(r, json_object_get(t, "leads"), where, &y->leads, &y->nleads)) ||
			    (rc = phrases_in(r, json_object_get(t, "coordinating"), where, &y->coords,
			                     &y->ncoords)))
				return rc;
		}
	}
	spec->ngroups = ng;
	spec->ntasks = nt;
	return TT_OK;
}

tt_rc api_plans_create(http_req *r)
{
	json_t *body;
	tt_rc rc = http_json_body(r, &body);
	if (rc)
		return rc;
	int64_t id = 0;
	json_t *doc = json_object_get(body, "document_id");
	if (!json_is_object(body))
		rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "Nội dung gửi lên phải là một đối tượng JSON {…}.");
	else if (doc && !json_is_null(doc)) {
		if (!json_is_integer(doc) || json_integer_value(doc) <= 0)
			rc = ctx_fail(&r->ctx, TT_ERR_INVALID,
			              "Trường \"document_id\" phải là số nguyên dương.");
		else
			rc = plan_from_document(&r->ctx, json_integer_value(doc), &id);
	} else {
		plan_spec spec = {0};
		if (!(rc = spec_in(r, body, &spec)))
			rc = plan_create(&r->ctx, &spec, &id);
	}
	json_decref(body);
	if (rc)
		return rc;
	return http_send_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

tt_rc api_plan_get(http_req *r)
{
	int64_t id;
	const char *at = NULL;
	plan_view v;
	const kit_field in[] = {{.name = "at", .type = KIT_TEXT, .max_len = 10, .text = &at}};
	tt_rc rc = kit_query(r, in, 1);
	if (rc || (rc = web_plan_id(r, 0, &id)) || (rc = plan_get(&r->ctx, id, at, &v)))
		return rc;
	json_t *j = plan_json(&v.plan), *groups = json_array(), *tasks = json_array();
	for (size_t i = 0; i < v.ngroups; i++)
		json_array_append_new(groups,
		                      json_pack("{s:I, s:s, s:s}", "id", (json_int_t)v.groups[i].id, "label",
		                                v.groups[i].label, "heading", v.groups[i].heading));
	for (size_t i = 0; i < v.ntasks; i++)
		json_array_append_new(tasks, web_plan_task_json(&v.tasks[i]));
	json_object_set_new(j, "at", json_string(v.at));
	json_object_set_new(j, "groups", groups);
	json_object_set_new(j, "tasks", tasks);
	json_object_set_new(j, "counts", counts_json(v.counts));
	json_object_set_new(j, "unmatched", json_integer((json_int_t)v.unmatched));
	json_object_set_new(j, "can_edit", json_boolean(v.can_edit));
	return http_send_json(r, 200, j);
}

tt_rc api_plan_status(http_req *r)
{
	int64_t id;
	const char *at = NULL;
	plan_view v;
	const kit_field in[] = {{.name = "at", .type = KIT_TEXT, .max_len = 10, .text = &at}};
	tt_rc rc = kit_query(r, in, 1);
	if (rc || (rc = web_plan_id(r, 0, &id)) || (rc = plan_get(&r->ctx, id, at, &v)))
		return rc;
	return http_send_json(r, 200,
	                      json_pack("{s:I, s:s, s:I, s:o}", "id", (json_int_t)id, "at", v.at, "tasks",
	                                (json_int_t)v.ntasks, "counts", counts_json(v.counts)));
}

tt_rc api_plan_put(http_req *r)
{
	int64_t id;
	const char *title = NULL, *state = NULL;
	long long version = 0;
	const kit_field in[] = {
	    {.name = "title", .type = KIT_TEXT, .max_len = 1000, .text = &title},
	    {.name = "state", .type = KIT_TEXT, .max_len = 20, .text = &state},
	    {.name = "version", .type = KIT_INT, .min = 1, .max = 1LL << 53, .num = &version},
	};
	tt_rc rc = web_plan_id(r, 0, &id);
	if (rc || (rc = kit_json(r, in, sizeof in / sizeof in[0])) ||
	    (rc = plan_update(&r->ctx, id, version, title, state)))
		return rc;
	plan_view v;
	if ((rc = plan_get(&r->ctx, id, NULL, &v)))
		return rc;
	return http_send_json(r, 200, plan_json(&v.plan));
}

tt_rc api_plan_copy(http_req *r)
{
	int64_t id = 0, copy = 0;
	tt_rc rc = web_plan_id(r, 0, &id);
	if (rc || (rc = plan_copy_next_year(&r->ctx, id, &copy)))
		return rc;
	return http_send_json(r, 201, json_pack("{s:I}", "id", (json_int_t)copy));
}

tt_rc api_plan_task_put(http_req *r)
{
	int64_t id, task;
	json_t *body;
	tt_rc rc = web_plan_id(r, 0, &id);
	if (rc || (rc = web_plan_id(r, 1, &task)) || (rc = http_json_body(r, &body)))
		return rc;
	json_t *resolve = json_object_get(body, "resolve"), *ver = json_object_get(body, "version");
	plan_task_edit e = {0};
	plan_task_spec tf = {0};
	const char *where = "Nhiệm vụ";
	if (!json_is_object(body)) {
		rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "Nội dung gửi lên phải là một đối tượng JSON {…}.");
		goto out;
	}
	if (ver && !json_is_null(ver)) {
		if (!json_is_integer(ver) || json_integer_value(ver) <= 0) {
			rc = ctx_fail(&r->ctx, TT_ERR_INVALID, "Trường \"version\" phải là số nguyên dương.");
			goto out;
		}
		e.version = json_integer_value(ver);
	}
	if (resolve && !json_is_null(resolve)) {
		json_t *pos = json_object_get(resolve, "pos"), *orgs = json_object_get(resolve, "orgs");
		const char *role = json_string_value(json_object_get(resolve, "role"));
		if (!json_is_object(resolve) || !role || !json_is_integer(pos) ||
		    json_integer_value(pos) < 0 || json_integer_value(pos) > 1000 || !json_is_array(orgs) ||
		    json_array_size(orgs) > 500) {
			rc = ctx_fail(&r->ctx, TT_ERR_INVALID,
			              "\"resolve\" phải là {\"role\": \"lead\"|\"coord\", \"pos\": số thứ "
			              "tự, \"orgs\": "
			              "[mã đơn vị]}.");
			goto out;
		}
		size_t n = json_array_size(orgs);
		const char **codes = arena_alloc(&r->arena, (n + 1) * sizeof *codes);
		if (!codes) {
			rc = TT_ERR_NOMEM;
			goto out;
		}
		for (size_t i = 0; i < n; i++)
			if (!(codes[i] = json_string_value(json_array_get(orgs, i)))) {
				rc = ctx_fail(&r->ctx, TT_ERR_INVALID,
				              "Mỗi phần tử của \"resolve.orgs\" là một mã đơn vị (chuỗi).");
				goto out;
			}
		if ((rc = plan_task_resolve(&r->ctx, id, task, role, (int)json_integer_value(pos), codes, n)))
			goto out;
	}
	if ((rc = opt_string(r, body, "text", where, &e.text)) ||
	    (rc = opt_string(r, body, "expected_output", where, &e.expected_output)) ||
	    (rc = opt_string(r, body, "notes", where, &e.notes)))
		goto out;
	json_t *tfj = json_object_get(body, "timeframe");
	if (tfj) {
		if ((rc = timeframe_in(r, tfj, where, &tf)))
			goto out;
		e.set_timeframe = 1;
		e.tf_kind = tf.tf_kind;
		e.tf_start = tf.tf_start;
		e.tf_end = tf.tf_end;
		e.tf_text = tf.tf_text;
	}
	if ((e.text || e.expected_output || e.notes || e.set_timeframe) &&
	    (rc = plan_task_update(&r->ctx, id, task, &e)))
		goto out;
	plan_view v;
	if ((rc = plan_get(&r->ctx, id, NULL, &v)))
		goto out;
	rc = ctx_fail(&r->ctx, TT_ERR_NOT_FOUND, "Không có nhiệm vụ này trong kế hoạch.");
	for (size_t i = 0; i < v.ntasks; i++)
		if (v.tasks[i].task.id == task) {
			r->ctx.error_detail = NULL;
			rc = http_send_json(r, 200, web_plan_task_json(&v.tasks[i]));
			break;
		}
out:
	json_decref(body);
	return rc;
}

tt_rc api_plan_progress(http_req *r)
{
	int64_t id, task, pid = 0;
	long long ev_activity = 0, ev_document = 0;
	const char *org = NULL, *state = NULL, *done_on = NULL, *note = NULL;
	const kit_field in[] = {
	    {.name = "evidence_activity", .type = KIT_INT, .max = INT64_MAX, .num = &ev_activity},
	    {.name = "evidence_document", .type = KIT_INT, .max = INT64_MAX, .num = &ev_document},
	    {.name = "org", .type = KIT_TEXT, .max_len = 100, .text = &org},
	    {.name = "state", .type = KIT_TEXT, .required = 1, .max_len = 20, .text = &state},
	    {.name = "done_on", .type = KIT_TEXT, .max_len = 10, .text = &done_on},
	    {.name = "note", .type = KIT_TEXT, .max_len = 5000, .text = &note},
	};
	tt_rc rc = web_plan_id(r, 0, &id);
	if (rc || (rc = web_plan_id(r, 1, &task)) || (rc = kit_json(r, in, sizeof in / sizeof in[0])) ||
	    (rc = plan_progress_post_ev(&r->ctx, id, task, org, state, done_on, note,
	                                &(plan_evidence){.activity_id = ev_activity, .document_id = ev_document},
	                                &pid)))
		return rc;
	return http_send_json(r, 201, json_pack("{s:I}", "id", (json_int_t)pid));
}
