/* ui_plans.c - the plan pages: the list of plans, and one plan with its
 * groups and tasks (full text, lead and coordinating bodies as links,
 * timeframe, a status chip), the names still to resolve for its
 * coordinator, and a progress form on the tasks the reader's body leads.
 * On a phone each task is a card. The pieces (status chip, body links,
 * status counts) are helpers other plan pages reuse. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/perm.h"
#include "core/org.h"
#include "core/plan.h"
#include "render/svg.h"
#include "text/date.h"
#include "web/kit.h"
#include "web/page.h"
#include "web/routes.h"
#include "web/web_int.h"

static const char *state_label(const char *state)
{
	if (!strcmp(state, "draft"))
		return _("Dự thảo");
	if (!strcmp(state, "active"))
		return _("Đang thực hiện");
	if (!strcmp(state, "closed"))
		return _("Đã kết thúc");
	return state;
}

static const char *progress_label(const char *state)
{
	if (!strcmp(state, "not_started"))
		return _("Chưa thực hiện");
	if (!strcmp(state, "in_progress"))
		return _("Đang thực hiện");
	if (!strcmp(state, "done"))
		return _("Đã hoàn thành");
	return state;
}

/* The status labels as interface texts (the same words as
 * plan_status_label, which the API gives). */
static const char *const chip_labels[PLAN_STATUS_COUNT] = {
    N_("Chưa đến hạn"),       N_("Đang thực hiện"), N_("Hoàn thành đúng hạn"),
    N_("Hoàn thành trễ hạn"), N_("Quá hạn"),        N_("Thường xuyên"),
};

static const char *chip_label(plan_status s)
{
	return (unsigned)s < PLAN_STATUS_COUNT ? _(chip_labels[s]) : plan_status_label(s);
}

/* A status chip: its text and a colour class named after the status. */
void web_plan_chip(http_req *r, plan_status s)
{
	P(r, "<span class=\"chip %s\">", plan_status_name(s));
	T(r, chip_label(s));
	P(r, "</span>");
}

/* The bodies of a phrase as links to their pages, or the phrase as written
 * when it names none. */
static void phrase_links(http_req *r, const plan_phrase *ph)
{
	if (ph->n == 0) {
		P(r, "<span class=\"%s\">", ph->grp ? "vague" : "unmatched");
		T(r, ph->text);
		P(r, "</span>");
		return;
	}
	if (ph->grp) {
		T(r, ph->text);
		P(r, ": ");
	}
	for (size_t i = 0; i < ph->n; i++) {
		P(r, "%s<a href=\"/orgs/", i ? ", " : "");
		U(r, ph->orgs[i].code);
		P(r, "\">");
		T(r, ph->orgs[i].name);
		P(r, "</a>");
	}
}

static void phrases(http_req *r, const char *label, const plan_phrase *ph, size_t n)
{
	if (!n)
		return;
	P(r, "<dt>");
	T(r, label);
	P(r, "</dt><dd><ul class=\"bodies\">");
	for (size_t i = 0; i < n; i++) {
		P(r, "<li>");
		phrase_links(r, &ph[i]);
		P(r, "</li>");
	}
	P(r, "</ul></dd>");
}

/* The counts of each status as a row of figures. */
void web_plan_counts(http_req *r, const int counts[PLAN_STATUS_COUNT])
{
	P(r, "<ul class=\"plan-counts\">");
	for (int i = 0; i < PLAN_STATUS_COUNT; i++) {
		P(r, "<li class=\"%s\"><b>", plan_status_name((plan_status)i));
		NUM(r, counts[i]);
		P(r, "</b> ");
		T(r, chip_label((plan_status)i));
		P(r, "</li>");
	}
	P(r, "</ul>");
}

/* Bar colours of the statuses, darker shades of the chips' (the labels and
 * figures say the same, so colour is never the only sign). */
static const char *const chart_colors[PLAN_STATUS_COUNT] = {
    "#78909c", "#1565c0", "#2e7d32", "#ef6c00", "#c62828", "#7b1fa2",
};

void web_plan_chart(http_req *r, const char *title, const int counts[PLAN_STATUS_COUNT],
                    const char *const *href)
{
	svg_segment seg[PLAN_STATUS_COUNT];
	for (int i = 0; i < PLAN_STATUS_COUNT; i++)
		seg[i] = (svg_segment){chip_label((plan_status)i), counts[i], chart_colors[i]};
	svg_share_bars(&r->out, title, seg, href, PLAN_STATUS_COUNT);
}

/* What a failed form left to show again on the plan page. */
typedef struct {
	const char *error;
	int64_t task; /* the task whose form failed */
	const char *state, *done_on, *note;
	int64_t evidence_activity; /* chosen on the failed progress form */
	int back; /* the form sits on "my tasks" and returns there */
	int edit; /* the failed form is the task's edit form (task) or the new task's (no task) */
	const char *label, *text, *leads, *coords, *tf, *group, *heading;
} plan_form;

/* What shows a progress: links to the activity (named only to those who
 * read it) and to the document. */
static void evidence(http_req *r, const st_plan_progress *g)
{
	if (!g->evidence_activity_id && !g->evidence_document_id)
		return;
	P(r, " · ");
	T(r, _("Minh chứng:"));
	if (g->evidence_activity_id) {
		P(r, " <a class=\"evidence\" href=\"/activities/%lld\">", (long long)g->evidence_activity_id);
		if (g->evidence_activity_title)
			T(r, g->evidence_activity_title);
		else
			P(r, "%s %lld", _("hoạt động số"), (long long)g->evidence_activity_id);
		P(r, "</a>");
	}
	if (g->evidence_document_id) {
		P(r, "%s<a class=\"evidence\" href=\"/documents/%lld\">", g->evidence_activity_id ? "; " : " ",
		  (long long)g->evidence_document_id);
		T(r, g->evidence_document_symbol ? g->evidence_document_symbol : _("văn bản"));
		P(r, "</a>");
	}
}

/* One progress as read: state, day done, note, evidence, when it was said. */
static void progress_entry(http_req *r, const st_plan_progress *g)
{
	P(r, "<b>");
	T(r, progress_label(g->state));
	P(r, "</b>");
	if (g->done_on) {
		P(r, " (");
		DS(r, g->done_on);
		P(r, ")");
	}
	if (g->note) {
		P(r, " · ");
		T(r, g->note);
	}
	evidence(r, g);
	P(r, " <span class=\"muted\">");
	DS(r, g->at);
	P(r, "</span>");
}

/* The activities a lead body recorded for a task (its own and its
 * subtree's), to choose one as evidence; nothing when there are none. */
static void evidence_select(http_req *r, const plan_task_view *tv, int64_t chosen)
{
	st_activity *a;
	size_t n = 0;
	int64_t total = 0;
	st_activity_query q = {.org_id = tv->progress_org, .subtree = 1, .plan_task_id = tv->task.id,
	                       .limit = 50};
	if (!tv->progress_org || activity_list(&r->ctx, &q, &a, &n, &total) != TT_OK || !n) {
		r->ctx.error_detail = NULL;
		return;
	}
	P(r, "<label for=\"ev-%lld\">", (long long)tv->task.id);
	T(r, _("Minh chứng (hoạt động đã ghi nhận cho nhiệm vụ này)"));
	P(r, "</label><select id=\"ev-%lld\" name=\"evidence_activity\"><option value=\"\">",
	  (long long)tv->task.id);
	T(r, _("— không chọn —"));
	P(r, "</option>");
	for (size_t i = 0; i < n; i++) {
		P(r, "<option value=\"%lld\"%s>", (long long)a[i].id, a[i].id == chosen ? " selected" : "");
		DS(r, a[i].start_on);
		P(r, " · ");
		T(r, a[i].title);
		P(r, "</option>");
	}
	P(r, "</select>");
}

static void progress_form(http_req *r, const plan_view *v, const plan_task_view *tv, const plan_form *f)
{
	int mine = f && f->task == tv->task.id;
	const char *state = mine && f->state ? f->state : NULL;
	for (size_t i = 0; !state && i < tv->nprogress; i++)
		if (tv->progress[i].org_id == tv->progress_org)
			state = tv->progress[i].state;
	static const char *const states[] = {"not_started", "in_progress", "done"};
	/* Collapsed, so that a plan of many tasks is not a wall of forms;
	 * open again when its last try failed. */
	P(r, "<details class=\"progress\"%s><summary>", mine && f->error && !f->edit ? " open" : "");
	T(r, _("Cập nhật tiến độ"));
	P(r, "</summary>");
	P(r, "<form method=\"post\" class=\"progress\" action=\"/plans/%lld/tasks/%lld/progress\">",
	  (long long)v->plan.id, (long long)tv->task.id);
	page_csrf(r);
	if (f && f->back)
		P(r, "<input type=\"hidden\" name=\"back\" value=\"mine\">");
	P(r, "<input type=\"hidden\" name=\"org\" value=\"");
	for (size_t i = 0; i < tv->nleads; i++)
		for (size_t j = 0; j < tv->leads[i].n; j++)
			if (tv->leads[i].orgs[j].id == tv->progress_org) {
				A(r, tv->leads[i].orgs[j].code);
				i = tv->nleads - 1;
				break;
			}
	P(r, "\"><fieldset><legend>");
	T(r, _("Cập nhật tiến độ"));
	P(r, "</legend><label for=\"state-%lld\">", (long long)tv->task.id);
	T(r, _("Tình trạng"));
	P(r, "</label><select id=\"state-%lld\" name=\"state\">", (long long)tv->task.id);
	for (size_t i = 0; i < 3; i++) {
		P(r, "<option value=\"%s\"%s>", states[i],
		  state && !strcmp(state, states[i]) ? " selected" : "");
		T(r, progress_label(states[i]));
		P(r, "</option>");
	}
	P(r, "</select><label for=\"done-%lld\">", (long long)tv->task.id);
	T(r, _("Ngày hoàn thành"));
	P(r, "</label>");
	char did[32];
	snprintf(did, sizeof did, "done-%lld", (long long)tv->task.id);
	web_date_input_named(r, did, "done_on", mine ? f->done_on : NULL, 0);
	P(r, "<label for=\"note-%lld\">", (long long)tv->task.id);
	T(r, _("Ghi chú"));
	P(r, "</label><textarea id=\"note-%lld\" name=\"note\" rows=\"3\">", (long long)tv->task.id);
	if (mine && f->note)
		T(r, f->note);
	P(r, "</textarea>");
	evidence_select(r, tv, mine ? f->evidence_activity : 0);
	P(r, "<div class=\"actions\"><button type=\"submit\">");
	T(r, _("Lưu tiến độ"));
	P(r, "</button></div></fieldset></form></details>");
}

static void timeframe(http_req *r, const st_plan_task *t)
{
	if (t->tf_text)
		T(r, t->tf_text);
	else if (t->tf_start || t->tf_end) {
		if (t->tf_start)
			DS(r, t->tf_start);
		P(r, " – ");
		if (t->tf_end)
			DS(r, t->tf_end);
	} else
		T(r, _("Chưa rõ"));
}

/* A labelled text field (rows > 0: a textarea) with its value. */
static void field(http_req *r, const char *id, const char *name, const char *label, const char *value,
                  int rows, const char *hint)
{
	P(r, "<label for=\"%s\">", id);
	T(r, label);
	P(r, "</label>");
	if (hint) {
		P(r, "<small class=\"muted\" id=\"%s-hint\">", id);
		T(r, hint);
		P(r, "</small>");
	}
	if (rows) {
		P(r, "<textarea id=\"%s\" name=\"%s\" rows=\"%d\"%s%s%s>", id, name, rows,
		  hint ? " aria-describedby=\"" : "", hint ? id : "", hint ? "-hint\"" : "");
		if (value)
			T(r, value);
		P(r, "</textarea>");
		return;
	}
	P(r, "<input type=\"text\" id=\"%s\" name=\"%s\"%s%s%s value=\"", id, name,
	  hint ? " aria-describedby=\"" : "", hint ? id : "", hint ? "-hint\"" : "");
	if (value)
		A(r, value);
	P(r, "\">");
}

static const char *const tf_hint =
    N_("Ví dụ: Thường xuyên; Quý II/2025; Tháng 6/2025; Năm 2025; trước ngày 15/6/2025.");

/* The coordinator's form to change a task's text and timeframe. */
static void edit_form(http_req *r, const plan_view *v, const plan_task_view *tv, const plan_form *f)
{
	const st_plan_task *t = &tv->task;
	int mine = f && f->edit && f->task == t->id;
	long long id = (long long)t->id;
	P(r, "<details class=\"edit-task\"%s><summary>", mine ? " open" : "");
	T(r, _("Sửa nhiệm vụ"));
	P(r, "</summary><form method=\"post\" class=\"stack\" action=\"/plans/%lld/tasks/%lld/edit\">",
	  (long long)v->plan.id, id);
	page_csrf(r);
	P(r, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", (long long)t->version);
	field(r, arena_printf(&r->arena, "et-text-%lld", id), "text", _("Nội dung nhiệm vụ"),
	      mine && f->text ? f->text : t->text, 5, NULL);
	field(r, arena_printf(&r->arena, "et-tf-%lld", id), "timeframe", _("Thời gian thực hiện"),
	      mine && f->tf ? f->tf : t->tf_text, 0, _(tf_hint));
	P(r, "<div class=\"actions\"><button type=\"submit\">");
	T(r, _("Lưu nhiệm vụ"));
	P(r, "</button></div></form></details>");
}

/* Adding a group, then tasks one by one, on a plan not closed. */
static void add_forms(http_req *r, const plan_view *v, const plan_form *f)
{
	int failed_task = f && f->edit && !f->task && f->error;
	int failed_group = f && f->heading && f->error;
	P(r, "<section class=\"card\" id=\"add\"><h2>");
	T(r, _("Soạn kế hoạch"));
	P(r, "</h2>");
	if (v->ngroups) {
		P(r, "<details id=\"add-task\"%s><summary>", failed_task || !v->ntasks ? " open" : "");
		T(r, _("Thêm nhiệm vụ"));
		P(r, "</summary><form method=\"post\" class=\"stack\" action=\"/plans/%lld/tasks\">",
		  (long long)v->plan.id);
		page_csrf(r);
		P(r, "<label for=\"nt-group\">");
		T(r, _("Nhóm"));
		P(r, "</label><select id=\"nt-group\" name=\"group\">");
		for (size_t g = 0; g < v->ngroups; g++) {
			char gid[24];
			snprintf(gid, sizeof gid, "%lld", (long long)v->groups[g].id);
			int sel = failed_task && f->group ? !strcmp(f->group, gid) : g + 1 == v->ngroups;
			P(r, "<option value=\"%s\"%s>", gid, sel ? " selected" : "");
			if (*v->groups[g].label) {
				T(r, v->groups[g].label);
				P(r, ". ");
			}
			T(r, v->groups[g].heading);
			P(r, "</option>");
		}
		P(r, "</select>");
		field(r, "nt-label", "label", _("Số thứ tự (ví dụ 1.2)"), failed_task ? f->label : NULL, 0, NULL);
		field(r, "nt-text", "text", _("Nội dung nhiệm vụ"), failed_task ? f->text : NULL, 4, NULL);
		field(r, "nt-leads", "leads", _("Cơ quan chủ trì"), failed_task ? f->leads : NULL, 2,
		      _("Mỗi cơ quan một dòng, ví dụ: Sở Văn hóa, Thể thao và Du lịch; UBND các huyện, thành phố."));
		field(r, "nt-coords", "coordinating", _("Cơ quan phối hợp"), failed_task ? f->coords : NULL, 2,
		      _("Mỗi cơ quan một dòng."));
		field(r, "nt-tf", "timeframe", _("Thời gian thực hiện"), failed_task ? f->tf : NULL, 0, _(tf_hint));
		P(r, "<div class=\"actions\"><button type=\"submit\">");
		T(r, _("Thêm nhiệm vụ"));
		P(r, "</button></div></form></details>");
	}
	P(r, "<details id=\"add-group\"%s><summary>", failed_group || !v->ngroups ? " open" : "");
	T(r, _("Thêm nhóm nhiệm vụ"));
	P(r, "</summary><form method=\"post\" class=\"stack\" action=\"/plans/%lld/groups\">",
	  (long long)v->plan.id);
	page_csrf(r);
	field(r, "ng-label", "label", _("Số thứ tự nhóm (ví dụ 1, II)"), failed_group ? f->label : NULL, 0,
	      NULL);
	field(r, "ng-heading", "heading", _("Tên nhóm"), failed_group ? f->heading : NULL, 0, NULL);
	P(r, "<div class=\"actions\"><button type=\"submit\">");
	T(r, _("Thêm nhóm"));
	P(r, "</button></div></form></details></section>");
}

static void task_card(http_req *r, const plan_view *v, const plan_task_view *tv, const plan_form *f)
{
	const st_plan_task *t = &tv->task;
	P(r, "<article class=\"task\" id=\"task-%lld\" data-status=\"%s\"><header><h3>", (long long)t->id,
	  plan_status_name(tv->status));
	T(r, t->label);
	P(r, "</h3>");
	web_plan_chip(r, tv->status);
	if (tv->status == PLAN_CONTINUOUS && tv->last_progress) {
		P(r, " <span class=\"muted\">");
		T(r, _("cập nhật"));
		P(r, " ");
		DS(r, tv->last_progress);
		P(r, "</span>");
	}
	P(r, "</header><p class=\"task-text\">");
	TB(r, t->text);
	P(r, "</p><dl class=\"meta\">");
	phrases(r, _("Chủ trì"), tv->leads, tv->nleads);
	phrases(r, _("Phối hợp"), tv->coords, tv->ncoords);
	P(r, "<dt>");
	T(r, _("Thời gian"));
	P(r, "</dt><dd>");
	timeframe(r, t);
	P(r, "</dd>");
	if (t->expected_output) {
		P(r, "<dt>");
		T(r, _("Sản phẩm"));
		P(r, "</dt><dd>");
		T(r, t->expected_output);
		P(r, "</dd>");
	}
	for (size_t i = 0; i < tv->nprogress; i++) {
		const st_plan_progress *g = &tv->progress[i];
		P(r, "<dt>");
		T(r, _("Tiến độ"));
		P(r, "</dt><dd class=\"progress-entry\">");
		T(r, g->org_name);
		P(r, ": ");
		progress_entry(r, g);
		P(r, "</dd>");
	}
	P(r, "</dl>");
	if (f && f->error && f->task == t->id) {
		P(r, "<p class=\"alert\" role=\"alert\" id=\"form-error\">");
		T(r, f->error);
		P(r, "</p>");
	}
	if (tv->can_progress)
		progress_form(r, v, tv, f);
	if (v->can_edit && strcmp(v->plan.state, "closed"))
		edit_form(r, v, tv, f);
	P(r, "</article>");
}

/* The names still to resolve, each with a search of the bodies of the
 * owner's province (a GET form: pick names the phrase, q the words) whose
 * results are buttons that choose the body, and a field for a code. */
static tt_rc unmatched_list(http_req *r, const plan_view *v, const char *at, const char *pick,
                            const char *find)
{
	P(r, "<section class=\"card\" id=\"unmatched\"><h2>");
	T(r, _("Tên cơ quan chưa xác định được"));
	P(r, "</h2><p class=\"muted\">");
	T(r, _("Tìm đơn vị trong tỉnh theo tên rồi bấm chọn, hoặc nhập mã đơn vị (xem Danh mục đơn vị); lựa "
	       "chọn được ghi nhớ cho các kế hoạch sau."));
	P(r, "</p><ul class=\"unmatched-list\">");
	for (size_t i = 0; i < v->ntasks; i++) {
		const plan_task_view *tv = &v->tasks[i];
		for (int role = 0; role < 2; role++) {
			const plan_phrase *ph = role ? tv->coords : tv->leads;
			size_t n = role ? tv->ncoords : tv->nleads;
			const char *rname = role ? "coord" : "lead";
			for (size_t j = 0; j < n; j++) {
				if (ph[j].n || ph[j].grp)
					continue;
				const char *key = arena_printf(&r->arena, "%lld-%s-%d", (long long)tv->task.id,
				                               rname, ph[j].pos);
				int open = pick && !strcmp(pick, key);
				P(r, "<li id=\"pick-");
				A(r, key);
				P(r, "\"><a href=\"#task-%lld\">", (long long)tv->task.id);
				T(r, tv->task.label);
				P(r, "</a> · ");
				T(r, role ? _("Phối hợp") : _("Chủ trì"));
				P(r, ": <b>");
				T(r, ph[j].text);
				P(r, "</b><form method=\"get\" class=\"inline pick-search\" action=\"/plans/%lld#pick-",
				  (long long)v->plan.id);
				A(r, key);
				P(r, "\">");
				if (at) {
					P(r, "<input type=\"hidden\" name=\"at\" value=\"");
					A(r, at);
					P(r, "\">");
				}
				P(r, "<input type=\"hidden\" name=\"pick\" value=\"");
				A(r, key);
				P(r, "\"><input type=\"search\" name=\"q\" aria-label=\"");
				A(r, _("Tìm đơn vị theo tên"));
				P(r, "\" placeholder=\"");
				A(r, _("Tìm đơn vị theo tên"));
				P(r, "\" value=\"");
				A(r, open && find ? find : ph[j].text);
				P(r, "\"> <button type=\"submit\" class=\"secondary\">");
				T(r, _("Tìm"));
				P(r, "</button></form>");
				if (open) {
					st_org *found;
					size_t nfound;
					tt_rc rc = plan_pick_bodies(&r->ctx, v->plan.id, find, &found, &nfound);
					if (rc)
						return rc;
					P(r, "<div class=\"pick-results\" role=\"region\" aria-label=\"");
					A(r, _("Kết quả tìm đơn vị"));
					P(r, "\">");
					if (!nfound) {
						P(r, "<p class=\"muted\" id=\"pick-none\">");
						T(r, _("Không tìm thấy đơn vị nào trong tỉnh có tên như vậy; hãy thử từ khóa "
						       "ngắn hơn."));
						P(r, "</p>");
					}
					for (size_t x = 0; x < nfound; x++) {
						P(r,
						  "<form method=\"post\" class=\"inline resolve pick\" "
						  "action=\"/plans/%lld/tasks/%lld/resolve\">",
						  (long long)v->plan.id, (long long)tv->task.id);
						page_csrf(r);
						P(r,
						  "<input type=\"hidden\" name=\"role\" value=\"%s\"><input "
						  "type=\"hidden\" name=\"pos\" value=\"%d\"><button type=\"submit\" "
						  "class=\"secondary\" name=\"org\" value=\"",
						  rname, ph[j].pos);
						A(r, found[x].code);
						P(r, "\">");
						T(r, _("Chọn"));
						P(r, ": ");
						T(r, found[x].name);
						P(r, " <span class=\"muted\">(");
						T(r, found[x].code);
						P(r, ")</span></button></form>");
					}
					P(r, "</div>");
				}
				P(r,
				  "<form method=\"post\" class=\"inline resolve\" "
				  "action=\"/plans/%lld/tasks/%lld/resolve\">",
				  (long long)v->plan.id, (long long)tv->task.id);
				page_csrf(r);
				P(r,
				  "<input type=\"hidden\" name=\"role\" value=\"%s\"><input type=\"hidden\" "
				  "name=\"pos\" "
				  "value=\"%d\"><input type=\"text\" name=\"org\" aria-label=\"",
				  rname, ph[j].pos);
				A(r, _("Mã đơn vị"));
				P(r, "\" placeholder=\"");
				A(r, _("Mã đơn vị"));
				P(r, "\"> <button type=\"submit\" class=\"secondary\">");
				T(r, _("Gán"));
				P(r, "</button></form></li>");
			}
		}
	}
	P(r, "</ul></section>");
	return TT_OK;
}

/* The page's query: the day, and the status and body the tasks are
 * filtered by (NULL: not given). */
typedef struct {
	const char *at, *status, *org;
	const char *pick, *find; /* a name to resolve ("task-role-pos") and the words searched */
	int status_ix;          /* -1: every status */
	const st_org *org_seen; /* the body filtered by, among those the plan names */
} plan_query;

/* The plan page's address with the query q changed: status and org as
 * given (NULL: none), the day kept. */
static const char *plan_url(http_req *r, int64_t id, const plan_query *q, const char *status,
                            const char *org)
{
	const char *u = arena_printf(&r->arena, "/plans/%lld", (long long)id);
	char sep = '?';
	if (q->at) {
		u = arena_printf(&r->arena, "%s%cat=%s", u, sep, page_url_escape(r, q->at));
		sep = '&';
	}
	if (status) {
		u = arena_printf(&r->arena, "%s%cstatus=%s", u, sep, page_url_escape(r, status));
		sep = '&';
	}
	if (org)
		u = arena_printf(&r->arena, "%s%corg=%s", u, sep, page_url_escape(r, org));
	return u;
}

/* Does the task name the body (lead or coordinating)? */
static int task_names(const plan_task_view *tv, const char *code)
{
	for (int role = 0; role < 2; role++) {
		const plan_phrase *ph = role ? tv->coords : tv->leads;
		size_t n = role ? tv->ncoords : tv->nleads;
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < ph[i].n; j++)
				if (!strcmp(ph[i].orgs[j].code, code))
					return 1;
	}
	return 0;
}

/* The bodies the plan's tasks name, each once, in the plan's order. */
static tt_rc named_bodies(http_req *r, const plan_view *v, const st_org ***out, size_t *n)
{
	size_t cap = 0, k = 0;
	for (size_t i = 0; i < v->ntasks; i++) {
		for (size_t j = 0; j < v->tasks[i].nleads; j++)
			cap += v->tasks[i].leads[j].n;
		for (size_t j = 0; j < v->tasks[i].ncoords; j++)
			cap += v->tasks[i].coords[j].n;
	}
	const st_org **o = arena_alloc(&r->arena, (cap + 1) * sizeof *o);
	if (!o)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < v->ntasks; i++)
		for (int role = 0; role < 2; role++) {
			const plan_task_view *tv = &v->tasks[i];
			const plan_phrase *ph = role ? tv->coords : tv->leads;
			size_t np = role ? tv->ncoords : tv->nleads;
			for (size_t a = 0; a < np; a++)
				for (size_t b = 0; b < ph[a].n; b++) {
					int seen = 0;
					for (size_t x = 0; x < k && !seen; x++)
						seen = o[x]->id == ph[a].orgs[b].id;
					if (!seen)
						o[k++] = &ph[a].orgs[b];
				}
		}
	*out = o;
	*n = k;
	return TT_OK;
}

/* The chart of statuses (bars link to the tasks of that status), what it
 * covers, and the filter form. */
static tt_rc plan_filters(http_req *r, const plan_view *v, plan_query *q, size_t shown)
{
	const st_org **bodies;
	size_t nbodies;
	tt_rc rc = named_bodies(r, v, &bodies, &nbodies);
	if (rc)
		return rc;
	int counts[PLAN_STATUS_COUNT] = {0};
	size_t covered = 0;
	for (size_t i = 0; i < v->ntasks; i++)
		if (!q->org_seen || task_names(&v->tasks[i], q->org_seen->code)) {
			counts[v->tasks[i].status]++;
			covered++;
		}
	const char *href[PLAN_STATUS_COUNT];
	for (int i = 0; i < PLAN_STATUS_COUNT; i++)
		href[i] = arena_printf(&r->arena, "%s#tasks",
		                       plan_url(r, v->plan.id, q, plan_status_name((plan_status)i), q->org));
	P(r, "<section class=\"card plan-chart\" id=\"chart\"><h2>");
	T(r, _("Tình hình thực hiện"));
	P(r, "</h2><p class=\"muted\" id=\"chart-scope\">");
	if (q->org_seen) {
		P(r, "%s ", _("Tính trên"));
		NUM(r, (double)covered);
		P(r, " ");
		T(r, _("nhiệm vụ có"));
		P(r, " <b>");
		T(r, q->org_seen->name);
		P(r, "</b> ");
		T(r, _("chủ trì hoặc phối hợp, tại ngày"));
	} else {
		T(r, _("Tính trên toàn bộ"));
		P(r, " ");
		NUM(r, (double)covered);
		P(r, " ");
		T(r, _("nhiệm vụ của kế hoạch, tại ngày"));
	}
	P(r, " ");
	DS(r, v->at);
	P(r, ".</p>");
	web_plan_chart(r, q->org_seen ? arena_printf(&r->arena, "%s: %s", _("Tình trạng nhiệm vụ"), q->org_seen->name)
	                              : _("Tình trạng nhiệm vụ của kế hoạch"),
	               counts, href);
	P(r, "<form method=\"get\" class=\"filter\" action=\"/plans/%lld#tasks\">", (long long)v->plan.id);
	if (q->at) {
		P(r, "<input type=\"hidden\" name=\"at\" value=\"");
		A(r, q->at);
		P(r, "\">");
	}
	P(r, "<label for=\"f-status\">");
	T(r, _("Tình trạng"));
	P(r, "</label><select id=\"f-status\" name=\"status\"><option value=\"\">");
	T(r, _("Tất cả"));
	P(r, "</option>");
	for (int i = 0; i < PLAN_STATUS_COUNT; i++) {
		P(r, "<option value=\"%s\"%s>", plan_status_name((plan_status)i),
		  q->status_ix == i ? " selected" : "");
		T(r, chip_label((plan_status)i));
		P(r, " (%d)</option>", counts[i]);
	}
	P(r, "</select><label for=\"f-org\">");
	T(r, _("Đơn vị"));
	P(r, "</label><select id=\"f-org\" name=\"org\"><option value=\"\">");
	T(r, _("Tất cả đơn vị"));
	P(r, "</option>");
	for (size_t i = 0; i < nbodies; i++) {
		P(r, "<option value=\"");
		A(r, bodies[i]->code);
		P(r, "\"%s>", q->org_seen && q->org_seen->id == bodies[i]->id ? " selected" : "");
		T(r, bodies[i]->name);
		P(r, "</option>");
	}
	P(r, "</select><div class=\"actions\"><button type=\"submit\" class=\"secondary\">");
	T(r, _("Lọc"));
	P(r, "</button>");
	if (q->status || q->org) {
		P(r, " <a href=\"");
		A(r, plan_url(r, v->plan.id, q, NULL, NULL));
		P(r, "#tasks\" id=\"filter-clear\">");
		T(r, _("Bỏ lọc"));
		P(r, "</a>");
	}
	P(r, "</div></form><p id=\"filter-result\" role=\"status\">");
	T(r, _("Đang hiện"));
	P(r, " <b>");
	NUM(r, (double)shown);
	P(r, "</b> / ");
	NUM(r, (double)v->ntasks);
	P(r, " ");
	T(r, _("nhiệm vụ"));
	if (q->status_ix >= 0) {
		P(r, " · ");
		T(r, chip_label((plan_status)q->status_ix));
	}
	if (q->org_seen) {
		P(r, " · ");
		T(r, q->org_seen->name);
	}
	P(r, "</p></section>");
	return TT_OK;
}

static int task_shown(const plan_task_view *tv, const plan_query *q)
{
	if (q->status_ix >= 0 && (int)tv->status != q->status_ix)
		return 0;
	return !q->org || task_names(tv, q->org);
}

static tt_rc plan_page(http_req *r, int64_t id, const plan_form *f)
{
	plan_query q = {.status_ix = -1};
	const kit_field qf[] = {
	    {.name = "at", .type = KIT_TEXT, .max_len = 20, .text = &q.at},
	    {.name = "status", .type = KIT_TEXT, .max_len = 20, .text = &q.status},
	    {.name = "org", .type = KIT_TEXT, .max_len = 100, .text = &q.org},
	    {.name = "pick", .type = KIT_TEXT, .max_len = 60, .text = &q.pick},
	    {.name = "q", .type = KIT_TEXT, .max_len = 200, .text = &q.find},
	};
	plan_view v;
	tt_rc rc = kit_query(r, qf, sizeof qf / sizeof qf[0]);
	if (rc || (rc = web_form_date(r, "at", "Ngày xem tình trạng", 0, 1, &q.at)))
		return rc;
	for (int i = 0; q.status && i < PLAN_STATUS_COUNT; i++)
		if (!strcmp(q.status, plan_status_name((plan_status)i)))
			q.status_ix = i;
	if (q.status && q.status_ix < 0)
		return ctx_fail(&r->ctx, TT_ERR_INVALID,
		                "Tình trạng \"%s\" không có; hãy chọn một tình trạng trong danh sách.",
		                q.status);
	if ((rc = plan_get(&r->ctx, id, q.at, &v)))
		return rc;
	size_t shown = 0;
	for (size_t i = 0; i < v.ntasks; i++) {
		for (size_t j = 0; q.org && !q.org_seen && j < v.tasks[i].nleads; j++)
			for (size_t k = 0; k < v.tasks[i].leads[j].n && !q.org_seen; k++)
				if (!strcmp(v.tasks[i].leads[j].orgs[k].code, q.org))
					q.org_seen = &v.tasks[i].leads[j].orgs[k];
		for (size_t j = 0; q.org && !q.org_seen && j < v.tasks[i].ncoords; j++)
			for (size_t k = 0; k < v.tasks[i].coords[j].n && !q.org_seen; k++)
				if (!strcmp(v.tasks[i].coords[j].orgs[k].code, q.org))
					q.org_seen = &v.tasks[i].coords[j].orgs[k];
		shown += task_shown(&v.tasks[i], &q);
	}
	if (q.org && !q.org_seen)
		return ctx_fail(&r->ctx, TT_ERR_INVALID,
		                "Kế hoạch không giao nhiệm vụ nào cho đơn vị mã %s; hãy chọn đơn vị trong danh "
		                "sách.",
		                q.org);
	page_begin(r, v.plan.title);
	P(r, "<h1>");
	T(r, v.plan.title);
	P(r, "</h1>");
	page_flash(r);
	web_export_form(r, arena_printf(&r->arena, "/plans/%lld/export", (long long)id), v.plan.owner_org_id);
	if (f && f->error && !f->task) {
		P(r, "<p class=\"alert\" role=\"alert\" id=\"form-error\">");
		T(r, f->error);
		P(r, "</p>");
	}
	P(r, "<section class=\"card\"><dl class=\"meta\"><dt>");
	T(r, _("Đơn vị ban hành"));
	P(r, "</dt><dd><a href=\"/orgs/");
	U(r, v.plan.owner_code);
	P(r, "\">");
	T(r, v.plan.owner_name);
	P(r, "</a></dd><dt>");
	T(r, _("Kỳ kế hoạch"));
	P(r, "</dt><dd>");
	DS(r, v.plan.period_start);
	P(r, " – ");
	DS(r, v.plan.period_end);
	P(r, "</dd><dt>");
	T(r, _("Trạng thái"));
	P(r, "</dt><dd><span class=\"badge\" id=\"plan-state\">");
	T(r, state_label(v.plan.state));
	P(r, "</span></dd>");
	if (v.plan.document_id) {
		P(r, "<dt>");
		T(r, _("Văn bản gốc"));
		P(r, "</dt><dd><a href=\"/documents/%lld\">", (long long)v.plan.document_id);
		T(r, _("Xem văn bản"));
		P(r, "</a></dd>");
	}
	P(r, "<dt>");
	T(r, _("Tình trạng tính đến"));
	P(r, "</dt><dd><form method=\"get\" class=\"at\"><label class=\"visually-hidden\" for=\"at\">");
	T(r, _("Xem tình trạng tại ngày"));
	P(r, "</label>");
	web_date_input(r, "at", v.at, 0);
	P(r, " <button type=\"submit\" class=\"secondary\">");
	T(r, _("Xem"));
	P(r, "</button></form></dd></dl>");
	/* The tasks in Excel, with the statuses of the day shown. */
	P(r, "<p class=\"actions\"><a class=\"button secondary\" id=\"plan-xlsx\" href=\"/plans/%lld.xlsx",
	  (long long)v.plan.id);
	if (v.at && strlen(v.at) == 10)
		P(r, "?at=%.2s/%.2s/%.4s", v.at + 8, v.at + 5, v.at);
	P(r, "\">");
	T(r, _("Tải Excel"));
	P(r, "</a></p>");
	if (v.can_edit) {
		P(r, "<form method=\"post\" action=\"/plans/%lld/state\" class=\"actions\">",
		  (long long)v.plan.id);
		page_csrf(r);
		P(r, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", (long long)v.plan.version);
		if (strcmp(v.plan.state, "active")) {
			P(r, "<button type=\"submit\" name=\"state\" value=\"active\">");
			T(r, _("Đưa vào thực hiện"));
			P(r, "</button>");
		}
		if (!strcmp(v.plan.state, "active")) {
			P(r, "<button type=\"submit\" name=\"state\" value=\"closed\" class=\"secondary\">");
			T(r, _("Kết thúc kế hoạch"));
			P(r, "</button>");
		}
		P(r, "</form><form method=\"post\" action=\"/plans/%lld/copy\" class=\"actions\">",
		  (long long)v.plan.id);
		page_csrf(r);
		P(r, "<button type=\"submit\" class=\"secondary\" id=\"copy-plan\">");
		T(r, _("Sao chép sang năm sau"));
		P(r, "</button></form>");
	}
	P(r, "</section>");
	if ((rc = plan_filters(r, &v, &q, shown)))
		return rc;
	if (v.can_edit && v.unmatched && (rc = unmatched_list(r, &v, q.at, q.pick, q.find)))
		return rc;
	P(r, "<div id=\"tasks\">");
	for (size_t g = 0; g < v.ngroups; g++) {
		size_t in = 0;
		for (size_t i = 0; i < v.ntasks; i++)
			in += v.tasks[i].group == &v.groups[g] && task_shown(&v.tasks[i], &q);
		if (!in)
			continue;
		P(r, "<section class=\"plan-group\"><h2>");
		if (*v.groups[g].label) {
			T(r, v.groups[g].label);
			P(r, ". ");
		}
		T(r, v.groups[g].heading);
		P(r, "</h2>");
		for (size_t i = 0; i < v.ntasks; i++)
			if (v.tasks[i].group == &v.groups[g] && task_shown(&v.tasks[i], &q))
				task_card(r, &v, &v.tasks[i], f);
		P(r, "</section>");
	}
	if (!shown) {
		P(r, "<p class=\"card\" id=\"no-tasks\">");
		T(r, _("Không có nhiệm vụ nào khớp bộ lọc."));
		P(r, "</p>");
	}
	P(r, "</div>");
	if (v.can_edit && strcmp(v.plan.state, "closed"))
		add_forms(r, &v, f);
	return page_end(r);
}

tt_rc ui_plan(http_req *r)
{
	int64_t id;
	tt_rc rc = web_plan_id(r, 0, &id);
	if (rc)
		return rc;
	return plan_page(r, id, NULL);
}

/* The form of a plan written by hand: the owner (the user's body or one
 * directly under it), title and period as dd/mm/yyyy. */
static tt_rc new_plan_form(http_req *r, int failed, const char *owner, const char *title, const char *from,
                           const char *to)
{
	st_org *under;
	size_t nunder;
	tt_rc rc = org_search(&r->ctx, NULL, NULL, NULL, r->user.org_code, 200, 0, &under, &nunder);
	if (rc)
		return rc;
	P(r, "<details class=\"card\" id=\"new-plan\"%s><summary>", failed ? " open" : "");
	T(r, _("Lập kế hoạch mới"));
	P(r, "</summary><form method=\"post\" class=\"stack\" action=\"/plans/new\">");
	page_csrf(r);
	P(r, "<label for=\"np-owner\">");
	T(r, _("Đơn vị ban hành"));
	P(r, "</label><select id=\"np-owner\" name=\"owner\"><option value=\"");
	A(r, r->user.org_code);
	P(r, "\">");
	T(r, r->user.org_name);
	P(r, "</option>");
	for (size_t i = 0; i < nunder; i++) {
		if (!perm_may(&r->ctx, PERM_EDIT_PLAN, under[i].id))
			continue;
		P(r, "<option value=\"");
		A(r, under[i].code);
		P(r, "\"%s>", owner && !strcmp(owner, under[i].code) ? " selected" : "");
		T(r, under[i].name);
		P(r, "</option>");
	}
	P(r, "</select>");
	field(r, "np-title", "title", _("Tên kế hoạch"), title, 0, NULL);
	P(r, "<div class=\"period\"><div>");
	P(r, "<label for=\"period_start\">");
	T(r, _("Từ ngày"));
	P(r, "</label>");
	web_date_input(r, "period_start", from, 1);
	P(r, "</div><div><label for=\"period_end\">");
	T(r, _("Đến ngày"));
	P(r, "</label>");
	web_date_input(r, "period_end", to, 1);
	P(r, "</div></div><div class=\"actions\"><button type=\"submit\">");
	T(r, _("Tạo kế hoạch"));
	P(r, "</button></div></form></details>");
	return TT_OK;
}

/* The list of plans, with the form of a new plan for those who may make
 * one; rc (not TT_OK) is the new plan's failure, shown with its values. */
static tt_rc plans_page(http_req *r, tt_rc failed, const char *owner, const char *title, const char *from,
                        const char *to)
{
	st_plan *p;
	size_t n;
	const char *error = NULL;
	if (failed) {
		if (failed != TT_ERR_INVALID && failed != TT_ERR_FORBIDDEN && failed != TT_ERR_TOO_LARGE &&
		    failed != TT_ERR_UTF8)
			return failed;
		error = r->ctx.error_detail ? r->ctx.error_detail : tt_rc_message(failed);
		r->ctx.error_detail = NULL;
	}
	tt_rc rc = plan_list(&r->ctx, &p, &n);
	if (rc)
		return rc;
	page_begin(r, _("Kế hoạch"));
	P(r, "<h1>");
	T(r, _("Kế hoạch"));
	P(r, "</h1>");
	page_flash(r);
	if (error) {
		P(r, "<p class=\"alert\" role=\"alert\" id=\"form-error\">");
		T(r, error);
		P(r, "</p>");
		r->status = http_status_of(failed);
	}
	if (perm_may(&r->ctx, PERM_EDIT_PLAN, r->user.org_id) &&
	    (rc = new_plan_form(r, failed != TT_OK, owner, title, from, to)))
		return rc;
	if (!n) {
		P(r, "<p class=\"card\">");
		T(r,
		  _("Chưa có kế hoạch nào. Mở một văn bản kế hoạch (KH) đã nhập và bấm \"Tạo kế hoạch từ văn "
		    "bản này\", hoặc lập kế hoạch mới."));
		P(r, "</p>");
		return page_end(r);
	}
	static const char *heads[] = {N_("Kế hoạch"), N_("Đơn vị ban hành"), N_("Kỳ"), N_("Trạng thái"),
	                              N_("Nhiệm vụ")};
	const char *h[5];
	for (size_t i = 0; i < 5; i++)
		h[i] = _(heads[i]);
	kit_table_t t;
	kit_table(r, &t, "plans", h, 5);
	for (size_t i = 0; i < n; i++) {
		kit_row(r, &t);
		kit_cell_begin(r, &t, 0, 0);
		P(r, "<a href=\"/plans/%lld\">", (long long)p[i].id);
		T(r, p[i].title);
		P(r, "</a>");
		kit_cell_end(r);
		kit_cell(r, &t, 1, p[i].owner_name);
		kit_cell_begin(r, &t, 2, 0);
		DS(r, p[i].period_start);
		P(r, " – ");
		DS(r, p[i].period_end);
		kit_cell_end(r);
		kit_cell(r, &t, 3, state_label(p[i].state));
		kit_cell_num(r, &t, 4, p[i].ntasks);
	}
	kit_table_end(r, &t);
	return page_end(r);
}

tt_rc ui_plans(http_req *r)
{
	return plans_page(r, TT_OK, NULL, NULL, NULL, NULL);
}

/* Shows the plan again with the form's error, or the error page for
 * errors that are not the user's input. */
static tt_rc again(http_req *r, int64_t id, tt_rc rc, plan_form *f)
{
	if (rc != TT_ERR_INVALID && rc != TT_ERR_CONFLICT && rc != TT_ERR_FORBIDDEN &&
	    rc != TT_ERR_TOO_LARGE && rc != TT_ERR_UTF8)
		return rc;
	f->error = r->ctx.error_detail ? r->ctx.error_detail : tt_rc_message(rc);
	r->ctx.error_detail = NULL;
	tt_rc prc = plan_page(r, id, f);
	if (prc)
		return prc;
	r->status = http_status_of(rc);
	return TT_OK;
}

tt_rc ui_plan_progress(http_req *r)
{
	int64_t id, task;
	tt_rc rc = web_plan_id(r, 0, &id);
	if (rc || (rc = web_plan_id(r, 1, &task)))
		return rc;
	plan_form f = {.task = task,
	               .state = http_form(r, "state"),
	               .done_on = http_form(r, "done_on"),
	               .note = http_form(r, "note")};
	const char *done_on = NULL;
	if ((rc = web_form_date(r, "done_on", "Ngày hoàn thành", 0, 0, &done_on)))
		return again(r, id, rc, &f);
	const char *ev = http_form(r, "evidence_activity");
	if (ev && *ev) {
		char *end = NULL;
		long long n = strtoll(ev, &end, 10);
		if (!end || *end || n <= 0)
			return again(r, id, ctx_fail(&r->ctx, TT_ERR_INVALID, "Hoạt động minh chứng không hợp lệ."), &f);
		f.evidence_activity = n;
	}
	rc = plan_progress_post_ev(&r->ctx, id, task, http_form(r, "org"), f.state, done_on, f.note,
	                           &(plan_evidence){.activity_id = f.evidence_activity}, NULL);
	if (rc)
		return again(r, id, rc, &f);
	const char *back = http_form(r, "back");
	if (back && !strcmp(back, "mine"))
		return http_redirect(r, arena_printf(&r->arena, "/my-tasks?msg=progress#task-%lld", (long long)task));
	return http_redirect(
	    r, arena_printf(&r->arena, "/plans/%lld?msg=progress#task-%lld", (long long)id, (long long)task));
}

tt_rc ui_plan_state(http_req *r)
{
	int64_t id;
	tt_rc rc = web_plan_id(r, 0, &id);
	if (rc)
		return rc;
	const char *v = http_form(r, "version");
	plan_form f = {0};
	rc = plan_update(&r->ctx, id, v ? strtoll(v, NULL, 10) : 0, NULL, http_form(r, "state"));
	if (rc)
		return again(r, id, rc, &f);
	return http_redirect(r, arena_printf(&r->arena, "/plans/%lld?msg=plan_saved", (long long)id));
}

tt_rc ui_plan_resolve(http_req *r)
{
	int64_t id, task;
	tt_rc rc = web_plan_id(r, 0, &id);
	if (rc || (rc = web_plan_id(r, 1, &task)))
		return rc;
	const char *org = http_form(r, "org"), *pos = http_form(r, "pos");
	plan_form f = {0};
	if (!org || !*org)
		return again(r, id, ctx_fail(&r->ctx, TT_ERR_INVALID, "Vui lòng nhập mã đơn vị."), &f);
	char *end = NULL;
	long n = pos ? strtol(pos, &end, 10) : -1;
	if (!pos || !*pos || *end || n < 0 || n > 1000)
		return again(r, id, ctx_fail(&r->ctx, TT_ERR_INVALID, "Thiếu vị trí của tên cơ quan."), &f);
	const char *codes[1] = {org};
	rc = plan_task_resolve(&r->ctx, id, task, http_form(r, "role"), (int)n, codes, 1);
	if (rc)
		return again(r, id, rc, &f);
	return http_redirect(r,
	                     arena_printf(&r->arena, "/plans/%lld?msg=plan_saved#unmatched", (long long)id));
}

tt_rc ui_plan_from_document(http_req *r)
{
	const char *doc = http_form(r, "document_id");
	char *end = NULL;
	long long d = doc ? strtoll(doc, &end, 10) : 0;
	if (!doc || !*doc || *end || d <= 0)
		return ctx_fail(&r->ctx, TT_ERR_INVALID, "Thiếu văn bản để tạo kế hoạch.");
	int64_t id = 0;
	tt_rc rc = plan_from_document(&r->ctx, d, &id);
	if (rc)
		return rc;
	return http_redirect(r, arena_printf(&r->arena, "/plans/%lld?msg=plan_created", (long long)id));
}

/* The first max bytes of s ending at a word (a whole UTF-8 character at
 * least), or NULL when s is not longer. */
static const char *shortened(http_req *r, const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max)
		return NULL;
	size_t cut = max;
	while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	size_t word = cut;
	while (word > max / 2 && s[word] != ' ')
		word--;
	if (s[word] == ' ')
		cut = word;
	return arena_printf(&r->arena, "%.*s…", (int)cut, s);
}

/* "Việc của đơn vị tôi": the tasks the user's body leads across active
 * plans, what needs doing first. */
tt_rc ui_my_tasks(http_req *r)
{
	plan_org_task *list;
	size_t n;
	int counts[PLAN_STATUS_COUNT];
	tt_rc rc = plan_tasks_of_org(&r->ctx, r->user.org_id, NULL, &list, &n, counts);
	if (rc)
		return rc;
	page_begin(r, _("Việc của đơn vị tôi"));
	P(r, "<h1>");
	T(r, _("Việc của đơn vị tôi"));
	P(r, "</h1><p class=\"muted\">");
	T(r, _("Các nhiệm vụ"));
	P(r, " <b>");
	T(r, r->user.org_name);
	P(r, "</b> ");
	T(r, _("chủ trì trong các kế hoạch đang thực hiện; việc quá hạn lên trước."));
	P(r, "</p>");
	page_flash(r);
	if (!n) {
		P(r, "<p class=\"card\" id=\"no-tasks\">");
		T(r, _("Đơn vị chưa chủ trì nhiệm vụ nào trong các kế hoạch đang thực hiện."));
		P(r, "</p>");
		return page_end(r);
	}
	P(r, "<section class=\"card plan-chart\" id=\"chart\">");
	web_plan_chart(r, _("Tình trạng các nhiệm vụ đơn vị chủ trì"), counts, NULL);
	P(r, "</section>");
	plan_form back = {.back = 1};
	for (size_t i = 0; i < n; i++) {
		const plan_view *v = list[i].view;
		const plan_task_view *tv = list[i].task;
		const st_plan_task *t = &tv->task;
		P(r, "<article class=\"task mine\" id=\"task-%lld\" data-status=\"%s\"><header><h3>",
		  (long long)t->id, plan_status_name(tv->status));
		P(r, "<a href=\"/plans/%lld#task-%lld\">", (long long)v->plan.id, (long long)t->id);
		T(r, t->label);
		P(r, "</a></h3>");
		web_plan_chip(r, tv->status);
		P(r, "</header><p class=\"plan-of muted\"><a href=\"/plans/%lld\">", (long long)v->plan.id);
		T(r, v->plan.title);
		P(r, "</a></p>");
		const char *cut = shortened(r, t->text, 400);
		if (cut) {
			P(r, "<details class=\"task-text\"><summary>");
			T(r, cut);
			P(r, " <span class=\"more\">");
			T(r, _("Xem toàn văn"));
			P(r, "</span></summary><p>");
			TB(r, t->text);
			P(r, "</p></details>");
		} else {
			P(r, "<p class=\"task-text\">");
			TB(r, t->text);
			P(r, "</p>");
		}
		P(r, "<dl class=\"meta\"><dt>");
		T(r, _("Thời gian"));
		P(r, "</dt><dd>");
		timeframe(r, t);
		P(r, "</dd><dt>");
		T(r, _("Tiến độ gần nhất"));
		P(r, "</dt><dd class=\"progress-entry\">");
		const st_plan_progress *g = NULL;
		for (size_t j = 0; j < tv->nprogress; j++)
			if (tv->progress[j].org_id == r->user.org_id)
				g = &tv->progress[j];
		if (!g) {
			T(r, _("Chưa báo cáo"));
		} else
			progress_entry(r, g);
		P(r, "</dd></dl>");
		if (tv->can_progress)
			progress_form(r, v, tv, &back);
		P(r, "</article>");
	}
	return page_end(r);
}

/* Lines of a textarea (also split at ';'), trimmed, blanks dropped, as
 * phrases to match. */
static plan_phrase_spec *phrase_lines(http_req *r, const char *s, size_t *n)
{
	size_t cap = 1;
	*n = 0;
	for (const char *p = s; p && *p; p++)
		cap += *p == '\n' || *p == ';';
	plan_phrase_spec *out = arena_alloc(&r->arena, cap * sizeof *out);
	if (!out || !s)
		return out;
	while (*s) {
		size_t len = strcspn(s, "\n;");
		const char *a = s, *b = s + len;
		while (a < b && (*a == ' ' || *a == '\t' || *a == '\r'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r'))
			b--;
		if (b > a && *n < cap)
			out[(*n)++] = (plan_phrase_spec){.text = arena_printf(&r->arena, "%.*s", (int)(b - a), a)};
		s += len;
		if (*s)
			s++;
	}
	return out;
}

/* The year of a plan's start ("2019-01-01"), for timeframes without one. */
static int plan_year(http_req *r, int64_t id)
{
	plan_view v;
	memset(&v, 0, sizeof v);
	if (plan_get(&r->ctx, id, NULL, &v) || !v.plan.period_start)
		return 0;
	return (int)strtol(v.plan.period_start, NULL, 10);
}

tt_rc ui_plan_group_add(http_req *r)
{
	int64_t id;
	tt_rc rc = web_plan_id(r, 0, &id);
	if (rc)
		return rc;
	plan_form f = {.label = http_form(r, "label"), .heading = http_form(r, "heading")};
	if (!f.heading)
		f.heading = "";
	if ((rc = plan_group_add(&r->ctx, id, f.label, f.heading, NULL)))
		return again(r, id, rc, &f);
	return http_redirect(r, arena_printf(&r->arena, "/plans/%lld?msg=plan_saved#add", (long long)id));
}

tt_rc ui_plan_task_add(http_req *r)
{
	int64_t id;
	tt_rc rc = web_plan_id(r, 0, &id);
	if (rc)
		return rc;
	plan_form f = {.edit = 1,
	               .group = http_form(r, "group"),
	               .label = http_form(r, "label"),
	               .text = http_form(r, "text"),
	               .leads = http_form(r, "leads"),
	               .coords = http_form(r, "coordinating"),
	               .tf = http_form(r, "timeframe")};
	char *end = NULL;
	long long g = f.group ? strtoll(f.group, &end, 10) : 0;
	if (!f.group || !*f.group || *end || g <= 0)
		return again(r, id, ctx_fail(&r->ctx, TT_ERR_INVALID, "Vui lòng chọn nhóm cho nhiệm vụ."), &f);
	plan_task_spec x = {.label = f.label, .text = f.text, .tf_text = f.tf};
	x.leads = phrase_lines(r, f.leads, &x.nleads);
	x.coords = phrase_lines(r, f.coords, &x.ncoords);
	if (!x.leads || !x.coords)
		return TT_ERR_NOMEM;
	if ((rc = plan_timeframe_read(&r->ctx, f.tf, plan_year(r, id), &x.tf_kind, &x.tf_start, &x.tf_end)))
		return again(r, id, rc, &f);
	int64_t tid = 0;
	if ((rc = plan_task_add(&r->ctx, id, g, &x, &tid)))
		return again(r, id, rc, &f);
	return http_redirect(
	    r, arena_printf(&r->arena, "/plans/%lld?msg=plan_saved#task-%lld", (long long)id, (long long)tid));
}

tt_rc ui_plan_task_edit(http_req *r)
{
	int64_t id, task;
	tt_rc rc = web_plan_id(r, 0, &id);
	if (rc || (rc = web_plan_id(r, 1, &task)))
		return rc;
	plan_form f = {.edit = 1, .task = task, .text = http_form(r, "text"), .tf = http_form(r, "timeframe")};
	const char *ver = http_form(r, "version");
	plan_task_edit e = {.text = f.text, .set_timeframe = 1, .tf_text = f.tf,
	                    .version = ver ? strtoll(ver, NULL, 10) : 0};
	if ((rc = plan_timeframe_read(&r->ctx, f.tf, plan_year(r, id), &e.tf_kind, &e.tf_start, &e.tf_end)) ||
	    (rc = plan_task_update(&r->ctx, id, task, &e)))
		return again(r, id, rc, &f);
	return http_redirect(
	    r, arena_printf(&r->arena, "/plans/%lld?msg=plan_saved#task-%lld", (long long)id, (long long)task));
}

tt_rc ui_plan_copy(http_req *r)
{
	int64_t id, nid = 0;
	tt_rc rc = web_plan_id(r, 0, &id);
	if (rc)
		return rc;
	plan_form f = {0};
	if ((rc = plan_copy_next_year(&r->ctx, id, &nid)))
		return again(r, id, rc, &f);
	return http_redirect(r, arena_printf(&r->arena, "/plans/%lld?msg=plan_created", (long long)nid));
}

/* A plan written on the page: owner, title and period; groups and tasks
 * are added on the plan's page. */
tt_rc ui_plan_new(http_req *r)
{
	const char *owner = http_form(r, "owner"), *title = http_form(r, "title");
	const char *from = http_form(r, "period_start"), *to = http_form(r, "period_end");
	plan_spec spec = {.owner_code = owner, .title = title};
	tt_rc rc = web_form_date(r, "period_start", "Ngày bắt đầu kỳ kế hoạch", 1, 0, &spec.period_start);
	if (!rc)
		rc = web_form_date(r, "period_end", "Ngày kết thúc kỳ kế hoạch", 1, 0, &spec.period_end);
	int64_t id = 0;
	if (!rc)
		rc = plan_create(&r->ctx, &spec, &id);
	if (rc)
		return plans_page(r, rc, owner, title, from, to);
	return http_redirect(r, arena_printf(&r->arena, "/plans/%lld?msg=plan_created#add", (long long)id));
}
