/* test_plan.c - plans in the domain layer: the six-way status model at a
 * date for each timeframe kind and its combination over several lead
 * bodies; a plan written by hand stored and read back; progress and who
 * may post it; the copy to the next year with a body replaced by its
 * successor. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/org.h"
#include "core/plan.h"
#include "testutil.h"

/* ---- status ---- */

static plan_status at(const char *kind, const char *start, const char *end, const char *state,
                      const char *done_on, const char *day)
{
	return plan_status_at(kind, start, end, state, done_on, day);
}

static void test_status_six_cases(void **state)
{
	(void)state;
	/* a quarter: Q2 2019 */
	const char *s = "2019-04-01", *e = "2019-06-30";
	assert_int_equal(at("quarter", s, e, NULL, NULL, "2019-03-31"), PLAN_NOT_DUE);
	assert_int_equal(at("quarter", s, e, NULL, NULL, "2019-04-01"), PLAN_IN_PROGRESS);
	assert_int_equal(at("quarter", s, e, "in_progress", NULL, "2019-06-30"), PLAN_IN_PROGRESS);
	assert_int_equal(at("quarter", s, e, "not_started", NULL, "2019-07-01"), PLAN_OVERDUE);
	assert_int_equal(at("quarter", s, e, "done", "2019-06-30", "2019-07-10"), PLAN_DONE_ON_TIME);
	assert_int_equal(at("quarter", s, e, "done", "2019-07-02", "2019-07-10"), PLAN_DONE_LATE);
	/* done early, before the timeframe starts, is on time */
	assert_int_equal(at("quarter", s, e, "done", "2019-03-01", "2019-03-02"), PLAN_DONE_ON_TIME);
	/* at a day before it was done, it was not done yet */
	assert_int_equal(at("quarter", s, e, "done", "2019-07-02", "2019-06-01"), PLAN_IN_PROGRESS);
	assert_int_equal(at("quarter", s, e, "done", "2019-07-02", "2019-07-01"), PLAN_OVERDUE);
	/* continuous: never overdue, whatever the progress */
	assert_int_equal(at("continuous", NULL, NULL, NULL, NULL, "2030-01-01"), PLAN_CONTINUOUS);
	assert_int_equal(at("continuous", NULL, NULL, "done", "2019-05-01", "2019-06-01"), PLAN_CONTINUOUS);
}

static void test_status_each_kind(void **state)
{
	(void)state;
	/* within the year */
	assert_int_equal(at("within", "2019-01-01", "2019-12-31", NULL, NULL, "2019-06-01"),
	                 PLAN_IN_PROGRESS);
	assert_int_equal(at("within", "2019-01-01", "2019-12-31", NULL, NULL, "2020-01-01"), PLAN_OVERDUE);
	/* a month, a half, a range, an exact date */
	assert_int_equal(at("month", "2019-06-01", "2019-06-30", NULL, NULL, "2019-05-31"), PLAN_NOT_DUE);
	assert_int_equal(at("half", "2019-01-01", "2019-06-30", NULL, NULL, "2019-07-01"), PLAN_OVERDUE);
	assert_int_equal(at("range", "2019-03-01", "2019-05-31", "done", "2019-05-31", "2019-06-01"),
	                 PLAN_DONE_ON_TIME);
	assert_int_equal(at("date", "2019-06-15", "2019-06-15", NULL, NULL, "2019-06-15"), PLAN_IN_PROGRESS);
	assert_int_equal(at("date", "2019-06-15", "2019-06-15", NULL, NULL, "2019-06-16"), PLAN_OVERDUE);
	/* before a day: no start, due by the end */
	assert_int_equal(at("before", NULL, "2019-06-15", NULL, NULL, "2019-01-01"), PLAN_IN_PROGRESS);
	assert_int_equal(at("before", NULL, "2019-06-15", "done", "2019-06-20", "2019-07-01"),
	                 PLAN_DONE_LATE);
	/* from a year on: never overdue, not due before it starts */
	assert_int_equal(at("from", "2019-01-01", NULL, NULL, NULL, "2018-12-31"), PLAN_NOT_DUE);
	assert_int_equal(at("from", "2019-01-01", NULL, NULL, NULL, "2035-01-01"), PLAN_IN_PROGRESS);
	/* unknown without dates: like continuous; unknown with dates: the dates */
	assert_int_equal(at("unknown", NULL, NULL, NULL, NULL, "2019-01-01"), PLAN_CONTINUOUS);
	assert_int_equal(at("unknown", "2019-01-01", "2019-03-31", NULL, NULL, "2019-04-01"), PLAN_OVERDUE);
	assert_string_equal(plan_status_name(PLAN_DONE_LATE), "done_late");
	assert_string_equal(plan_status_label(PLAN_OVERDUE), "Quá hạn");
}

static void test_status_combine(void **state)
{
	(void)state;
	plan_status a[] = {PLAN_DONE_ON_TIME, PLAN_DONE_LATE};
	assert_int_equal(plan_status_combine(a, 2), PLAN_DONE_LATE);
	plan_status b[] = {PLAN_DONE_ON_TIME, PLAN_DONE_ON_TIME};
	assert_int_equal(plan_status_combine(b, 2), PLAN_DONE_ON_TIME);
	plan_status c[] = {PLAN_DONE_ON_TIME, PLAN_OVERDUE, PLAN_IN_PROGRESS};
	assert_int_equal(plan_status_combine(c, 3), PLAN_OVERDUE);
	plan_status d[] = {PLAN_DONE_ON_TIME, PLAN_NOT_DUE};
	assert_int_equal(plan_status_combine(d, 2), PLAN_IN_PROGRESS);
	plan_status e[] = {PLAN_NOT_DUE, PLAN_NOT_DUE};
	assert_int_equal(plan_status_combine(e, 2), PLAN_NOT_DUE);
	plan_status f[] = {PLAN_CONTINUOUS, PLAN_CONTINUOUS};
	assert_int_equal(plan_status_combine(f, 2), PLAN_CONTINUOUS);
}

/* ---- store and domain ---- */

typedef struct {
	test_db *t;
	st_user coord, rep_a, rep_b, viewer;
} fixture;

static void put_org(test_db *t, const char *code, const char *name, const char *kind, const char *parent,
                    const char *valid_to)
{
	st_org o = {.code = code, .name = name, .kind = kind, .valid_to = valid_to};
	if (parent) {
		st_org p;
		assert_int_equal(store_org_get(t->db, &t->arena, parent, &p), TT_OK);
		o.parent_id = p.id;
	}
	assert_int_equal(org_put(&t->ctx, &o, NULL, 0, NULL), TT_OK);
}

static void make_user(test_db *t, const char *login, const char *org, const char *role, st_user *out)
{
	int64_t id;
	assert_int_equal(auth_user_add(&t->ctx, login, NULL, "mật khẩu đủ dài 123", org, role, &id), TT_OK);
	assert_int_equal(store_user_get(t->db, &t->arena, id, out), TT_OK);
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	f->t = test_db_new();
	put_org(f->t, "P", "Tỉnh Kon Tum", "province", NULL, NULL);
	put_org(f->t, "TTTT", "Sở Thông tin và Truyền thông", "department", "P", "2019-12-31");
	put_org(f->t, "VH", "Sở Văn hóa, Thể thao và Du lịch", "department", "P", NULL);
	put_org(f->t, "NV", "Sở Ngoại vụ", "department", "P", NULL);
	st_org a, b;
	assert_int_equal(store_org_get(f->t->db, &f->t->arena, "TTTT", &a), TT_OK);
	assert_int_equal(store_org_get(f->t->db, &f->t->arena, "VH", &b), TT_OK);
	assert_int_equal(store_org_successor_add(f->t->db, a.id, b.id), TT_OK);
	make_user(f->t, "coord", "P", "coordinator", &f->coord);
	make_user(f->t, "repa", "TTTT", "reporter", &f->rep_a);
	make_user(f->t, "repb", "VH", "reporter", &f->rep_b);
	make_user(f->t, "viewer", "VH", "viewer", &f->viewer);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	test_db_free(f->t);
	free(f);
	return 0;
}

static int64_t make_plan(fixture *f)
{
	static const char *const tttt[] = {"TTTT"};
	static const char *const vh[] = {"VH"};
	plan_phrase_spec lead1[] = {{.text = "Sở TT&TT", .codes = tttt, .ncodes = 1, .has_codes = 1}};
	plan_phrase_spec coord1[] = {{.text = "Sở VHTTDL", .codes = vh, .ncodes = 1, .has_codes = 1},
	                             {.text = "các cơ quan liên quan", .has_codes = 1}};
	plan_phrase_spec lead2[] = {{.text = "Sở Văn hóa", .codes = vh, .ncodes = 1, .has_codes = 1}};
	st_plan_group groups[] = {{.label = "1", .heading = "Tuyên truyền"},
	                          {.label = "2", .heading = "Tập huấn"}};
	plan_task_spec tasks[] = {
	    {.label = "1.1",
	     .text = "Hướng dẫn nội dung tuyên truyền đối ngoại",
	     .group = 0,
	     .tf_kind = "quarter",
	     .tf_start = "2019-04-01",
	     .tf_end = "2019-06-30",
	     .tf_text = "Quý II/2019",
	     .leads = lead1,
	     .nleads = 1,
	     .coords = coord1,
	     .ncoords = 2},
	    {.label = "1.1",
	     .text = "Một nhiệm vụ khác cùng số",
	     .group = 0,
	     .tf_kind = "continuous",
	     .tf_text = "Thường xuyên",
	     .leads = lead2,
	     .nleads = 1},
	    {.label = "2",
	     .text = "Tập huấn nghiệp vụ",
	     .group = 1,
	     .tf_kind = "within",
	     .tf_start = "2019-01-01",
	     .tf_end = "2019-12-31",
	     .leads = lead1,
	     .nleads = 1},
	};
	plan_spec spec = {.owner_code = "P",
	                  .title = "Kế hoạch thông tin đối ngoại năm 2019",
	                  .period_start = "2019-01-01",
	                  .period_end = "2019-12-31",
	                  .groups = groups,
	                  .ngroups = 2,
	                  .tasks = tasks,
	                  .ntasks = 3};
	int64_t id = 0;
	f->t->ctx.user = &f->rep_a;
	assert_int_equal(plan_create(&f->t->ctx, &spec, &id), TT_ERR_FORBIDDEN);
	f->t->ctx.user = &f->coord;
	assert_int_equal(plan_create(&f->t->ctx, &spec, &id), TT_OK);
	assert_true(id > 0);
	return id;
}

static void test_round_trip(void **state)
{
	fixture *f = *state;
	int64_t id = make_plan(f);
	plan_view v;
	f->t->ctx.user = &f->coord;
	assert_int_equal(plan_get(&f->t->ctx, id, "2019-05-01", &v), TT_OK);
	assert_string_equal(v.plan.state, "draft");
	assert_string_equal(v.plan.owner_code, "P");
	assert_int_equal(v.ngroups, 2);
	assert_int_equal(v.ntasks, 3);
	assert_true(v.can_edit);
	/* labels repeat, ids do not */
	assert_string_equal(v.tasks[0].task.label, "1.1");
	assert_string_equal(v.tasks[1].task.label, "1.1");
	assert_true(v.tasks[0].task.id != v.tasks[1].task.id);
	assert_string_equal(v.tasks[0].task.text, "Hướng dẫn nội dung tuyên truyền đối ngoại");
	assert_string_equal(v.tasks[0].group->heading, "Tuyên truyền");
	assert_string_equal(v.tasks[2].group->label, "2");
	assert_int_equal(v.tasks[0].nleads, 1);
	assert_string_equal(v.tasks[0].leads[0].text, "Sở TT&TT");
	assert_int_equal(v.tasks[0].leads[0].n, 1);
	assert_string_equal(v.tasks[0].leads[0].orgs[0].code, "TTTT");
	assert_int_equal(v.tasks[0].ncoords, 2);
	assert_int_equal(v.tasks[0].coords[1].n, 0);
	assert_int_equal(v.unmatched, 1);
	assert_int_equal(v.tasks[0].status, PLAN_IN_PROGRESS);
	assert_int_equal(v.tasks[1].status, PLAN_CONTINUOUS);
	assert_int_equal(v.counts[PLAN_IN_PROGRESS], 2);
	assert_int_equal(v.counts[PLAN_CONTINUOUS], 1);

	/* the viewer of a body named only in a draft does not see it */
	f->t->ctx.user = &f->viewer;
	assert_int_equal(plan_get(&f->t->ctx, id, NULL, &v), TT_ERR_NOT_FOUND);

	/* progress needs an active plan */
	int64_t task = v.tasks[0].task.id;
	f->t->ctx.user = &f->coord;
	assert_int_equal(plan_get(&f->t->ctx, id, "2019-05-01", &v), TT_OK);
	task = v.tasks[0].task.id;
	/* the owner's coordinator does not report for the lead body */
	assert_int_equal(plan_progress_post(&f->t->ctx, id, task, "TTTT", "done", "2019-05-02", NULL, NULL),
	                 TT_ERR_FORBIDDEN);
	f->t->ctx.user = NULL; /* the system */
	assert_int_equal(plan_progress_post(&f->t->ctx, id, task, "TTTT", "done", "2019-05-02", NULL, NULL),
	                 TT_ERR_CONFLICT);
	/* a draft is not shown to the bodies it names */
	f->t->ctx.user = &f->rep_a;
	assert_int_equal(plan_progress_post(&f->t->ctx, id, task, "TTTT", "done", "2019-05-02", NULL, NULL),
	                 TT_ERR_NOT_FOUND);
	assert_int_equal(plan_update(&f->t->ctx, id, 0, NULL, "active"), TT_ERR_NOT_FOUND);
	f->t->ctx.user = &f->coord;
	assert_int_equal(plan_update(&f->t->ctx, id, 7, NULL, "active"), TT_ERR_CONFLICT);
	assert_int_equal(plan_update(&f->t->ctx, id, 1, NULL, "active"), TT_OK);

	/* only the lead body's reporter, for its own body and lead tasks */
	f->t->ctx.user = &f->rep_b;
	assert_int_equal(plan_progress_post(&f->t->ctx, id, task, "TTTT", "in_progress", NULL, NULL, NULL),
	                 TT_ERR_FORBIDDEN);
	assert_int_equal(plan_progress_post(&f->t->ctx, id, task, "VH", "in_progress", NULL, NULL, NULL),
	                 TT_ERR_FORBIDDEN);
	f->t->ctx.user = &f->rep_a;
	assert_int_equal(plan_progress_post(&f->t->ctx, id, task, "TTTT", "done", NULL, NULL, NULL),
	                 TT_ERR_INVALID);
	assert_int_equal(plan_progress_post(&f->t->ctx, id, task, "TTTT", "finished", NULL, NULL, NULL),
	                 TT_ERR_INVALID);
	assert_int_equal(
	    plan_progress_post(&f->t->ctx, id, task, "TTTT", "done", "2019-07-05", "Đã xong", NULL), TT_OK);
	f->t->ctx.user = &f->coord;
	assert_int_equal(plan_get(&f->t->ctx, id, "2019-07-10", &v), TT_OK);
	assert_int_equal(v.tasks[0].status, PLAN_DONE_LATE);
	assert_int_equal(v.tasks[0].nprogress, 1);
	assert_string_equal(v.tasks[0].progress[0].note, "Đã xong");
	assert_int_equal(plan_get(&f->t->ctx, id, "2019-07-01", &v), TT_OK);
	assert_int_equal(v.tasks[0].status, PLAN_OVERDUE);

	/* now active, the viewer of a named body reads it */
	f->t->ctx.user = &f->viewer;
	assert_int_equal(plan_get(&f->t->ctx, id, NULL, &v), TT_OK);
	assert_false(v.can_edit);
	st_plan *list;
	size_t n;
	assert_int_equal(plan_list(&f->t->ctx, &list, &n), TT_OK);
	assert_int_equal(n, 1);

	/* an edit with an old version is refused */
	f->t->ctx.user = &f->coord;
	plan_task_edit e = {.text = "Nội dung mới", .version = 5};
	assert_int_equal(plan_task_update(&f->t->ctx, id, task, &e), TT_ERR_CONFLICT);
	e.version = 1;
	assert_int_equal(plan_task_update(&f->t->ctx, id, task, &e), TT_OK);
	assert_int_equal(plan_get(&f->t->ctx, id, NULL, &v), TT_OK);
	assert_string_equal(v.tasks[0].task.text, "Nội dung mới");
}

static void test_copy_next_year(void **state)
{
	fixture *f = *state;
	int64_t id = make_plan(f), copy = 0;
	plan_view v;
	f->t->ctx.user = &f->coord;
	assert_int_equal(plan_copy_next_year(&f->t->ctx, id, &copy), TT_OK);
	assert_true(copy > id);
	assert_int_equal(plan_get(&f->t->ctx, copy, "2020-05-01", &v), TT_OK);
	assert_string_equal(v.plan.title, "Kế hoạch thông tin đối ngoại năm 2020");
	assert_string_equal(v.plan.period_start, "2020-01-01");
	assert_string_equal(v.plan.period_end, "2020-12-31");
	assert_string_equal(v.plan.state, "draft");
	assert_int_equal(v.ntasks, 3);
	assert_string_equal(v.tasks[0].task.tf_start, "2020-04-01");
	assert_string_equal(v.tasks[0].task.tf_end, "2020-06-30");
	assert_string_equal(v.tasks[0].task.tf_text, "Quý II/2020");
	/* the Sở TT&TT ended on 2019-12-31: its successor leads now */
	assert_string_equal(v.tasks[0].leads[0].text, "Sở TT&TT");
	assert_int_equal(v.tasks[0].leads[0].n, 1);
	assert_string_equal(v.tasks[0].leads[0].orgs[0].code, "VH");
	/* a body still in office stays; an unmatched phrase stays unmatched */
	assert_string_equal(v.tasks[0].coords[0].orgs[0].code, "VH");
	assert_int_equal(v.tasks[0].coords[1].n, 0);
	f->t->ctx.user = &f->rep_a;
	assert_int_equal(plan_copy_next_year(&f->t->ctx, id, &copy), TT_ERR_NOT_FOUND);
	f->t->ctx.user = &f->coord;
	assert_int_equal(plan_update(&f->t->ctx, id, 0, NULL, "active"), TT_OK);
	f->t->ctx.user = &f->rep_a;
	assert_int_equal(plan_copy_next_year(&f->t->ctx, id, &copy), TT_ERR_FORBIDDEN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_status_six_cases),
	    cmocka_unit_test(test_status_each_kind),
	    cmocka_unit_test(test_status_combine),
	    cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_copy_next_year, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
