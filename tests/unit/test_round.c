/* test_round.c - the reporting round in the domain layer on a real SQLite
 * file: creation rules, the permission matrix, save/submit/return,
 * completeness and consolidation, and the audit trail. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "base/cal.h"
#include "core/activity.h"
#include "core/audit.h"
#include "core/org.h"
#include "core/round.h"
#include "text/vn.h"
#include "testutil.h"

typedef struct {
	test_db *t;
	st_user coord, coord_other, rep_a, rep_b, viewer, viewer_a;
} fixture;

static void put_org(test_db *t, const char *code, const char *name, const char *kind, const char *parent)
{
	st_org o = {.code = code, .name = name, .kind = kind};
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
	put_org(f->t, "P51", "Tỉnh Quảng Ngãi", "province", NULL);
	put_org(f->t, "P01", "Thành phố Hà Nội", "province", NULL);
	put_org(f->t, "A", "Sở Văn hóa, Thể thao và Du lịch", "department", "P51");
	put_org(f->t, "B", "Sở Ngoại vụ", "department", "P51");
	put_org(f->t, "C", "Sở Tài chính", "department", "P51");
	put_org(f->t, "H", "Sở Ngoại vụ Hà Nội", "department", "P01");
	make_user(f->t, "coord", "P51", "coordinator", &f->coord);
	make_user(f->t, "coordhn", "P01", "coordinator", &f->coord_other);
	make_user(f->t, "repa", "A", "reporter", &f->rep_a);
	make_user(f->t, "repb", "B", "reporter", &f->rep_b);
	make_user(f->t, "viewer", "P51", "viewer", &f->viewer);
	make_user(f->t, "viewera", "A", "viewer", &f->viewer_a);
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

static const st_section sections[] = {{"kq", "Kết quả"}, {"kn", "Kiến nghị"}};
static const st_count counts[] = {{"doan_ra", "Đoàn ra", "đoàn"},
                                  {"kinh_phi", "Kinh phí", "triệu đồng", "decimal"}};

static int64_t create_round(fixture *f, const char *due, const char *const *orgs, size_t n)
{
	round_spec spec = {.title = "Báo cáo 6 tháng",
	                   .period_start = "2019-12-15",
	                   .period_end = "2020-06-14",
	                   .due = due,
	                   .org_codes = orgs,
	                   .norgs = n,
	                   .sections = sections,
	                   .nsections = 2,
	                   .counts = counts,
	                   .ncounts = 2,
	                   .allow_past_due = 1};
	int64_t id = 0;
	f->t->ctx.user = &f->coord;
	assert_int_equal(round_create(&f->t->ctx, &spec, &id), TT_OK);
	assert_true(id > 0);
	return id;
}

static void as(fixture *f, st_user *u)
{
	f->t->ctx.user = u;
	f->t->ctx.error_detail = NULL;
}

static void test_create_rules(void **state)
{
	fixture *f = *state;
	const char *outside[] = {"A", "H"};
	round_spec spec = {.title = "x",
	                   .period_start = "2026-01-01",
	                   .period_end = "2026-06-30",
	                   .due = "2026-07-05",
	                   .org_codes = outside,
	                   .norgs = 2,
	                   .sections = sections,
	                   .nsections = 2,
	                   .allow_past_due = 1};
	int64_t id = 0;
	as(f, &f->coord);
	assert_int_equal(round_create(&f->t->ctx, &spec, &id), TT_ERR_FORBIDDEN); /* H is in Hà Nội */
	assert_non_null(f->t->ctx.error_detail);
	spec.norgs = 1;
	spec.due = "2026-02-30";
	assert_int_equal(round_create(&f->t->ctx, &spec, &id), TT_ERR_INVALID);
	spec.due = "2026-07-05";
	spec.period_start = "2026-08-01";
	assert_int_equal(round_create(&f->t->ctx, &spec, &id), TT_ERR_INVALID); /* start after end */
	spec.period_start = "2026-01-01";
	spec.due = "2025-12-31";
	assert_int_equal(round_create(&f->t->ctx, &spec, &id), TT_ERR_INVALID); /* due before the period */
	spec.due = "2026-07-05";
	spec.title = " \t ";
	assert_int_equal(round_create(&f->t->ctx, &spec, &id), TT_ERR_INVALID); /* blank title */
	spec.title = "x";
	const char *unknown[] = {"NOPE"};
	spec.org_codes = unknown;
	assert_int_equal(round_create(&f->t->ctx, &spec, &id), TT_ERR_INVALID);
	spec.org_codes = outside;
	as(f, &f->rep_a);
	assert_int_equal(round_create(&f->t->ctx, &spec, &id), TT_ERR_FORBIDDEN);
	as(f, &f->viewer);
	assert_int_equal(round_create(&f->t->ctx, &spec, &id), TT_ERR_FORBIDDEN);
	assert_int_equal(id, 0);
	/* A due day before today (Vietnam day of ctx->now) needs allow_past_due;
	 * 01:00 UTC on 6 July is already 6 July in Vietnam. */
	as(f, &f->coord);
	spec.norgs = 1;
	spec.allow_past_due = 0;
	time_t saved = f->t->ctx.now;
	assert_int_equal(cal_parse_iso("2026-07-06T01:00:00Z", &f->t->ctx.now), TT_OK);
	assert_int_equal(round_create(&f->t->ctx, &spec, &id), TT_ERR_INVALID);
	assert_non_null(strstr(f->t->ctx.error_detail, "05/07/2026 đã qua"));
	/* 16:59 UTC on 5 July is still 5 July in Vietnam: due today is fine. */
	assert_int_equal(cal_parse_iso("2026-07-05T16:59:00Z", &f->t->ctx.now), TT_OK);
	assert_int_equal(round_create(&f->t->ctx, &spec, &id), TT_OK);
	f->t->ctx.now = saved;
}

static double value(const round_report_view *v, const char *key)
{
	for (size_t i = 0; i < v->nvalues; i++)
		if (!strcmp(v->values[i].key, key))
			return v->values[i].value;
	return NAN;
}

static void test_full_round(void **state)
{
	fixture *f = *state;
	const char *orgs[] = {"A", "B", "C"};
	int64_t id = create_round(f, "2099-12-31", orgs, 3);
	round_report_view v;
	round_completeness c;

	/* A saves a draft, reads it back, submits. */
	as(f, &f->rep_a);
	st_text ta[] = {{"kq", "Đón 7 đoàn phóng viên nước ngoài."}};
	st_value va[] = {{"doan_ra", 3}, {"kinh_phi", 1700}};
	assert_int_equal(round_report_save(&f->t->ctx, id, "A", ta, 1, va, 2), TT_OK);
	assert_int_equal(round_report_get(&f->t->ctx, id, "A", &v), TT_OK);
	assert_string_equal(v.report.status, "draft");
	assert_true(v.can_edit);
	assert_true(value(&v, "doan_ra") == 3);
	assert_int_equal(round_report_submit(&f->t->ctx, id, "A"), TT_OK);
	assert_int_equal(round_report_submit(&f->t->ctx, id, "A"), TT_ERR_CONFLICT);
	assert_int_equal(round_report_save(&f->t->ctx, id, "A", ta, 1, va, 2), TT_ERR_CONFLICT);

	/* B only saves a draft: drafts are not consolidated. */
	as(f, &f->rep_b);
	st_value vb[] = {{"doan_ra", 5}};
	assert_int_equal(round_report_save(&f->t->ctx, id, "B", NULL, 0, vb, 1), TT_OK);

	as(f, &f->coord);
	assert_int_equal(round_completeness_get(&f->t->ctx, id, &c), TT_OK);
	assert_int_equal(c.expected, 3);
	assert_int_equal(c.submitted_on_time, 1);
	assert_int_equal(c.not_due, 2);
	assert_int_equal(c.submitted_late + c.overdue, 0);
	round_consolidated cons;
	assert_int_equal(round_consolidate(&f->t->ctx, id, NULL, &cons), TT_OK);
	assert_int_equal(cons.nsums, 2);
	assert_string_equal(cons.sums[0].key, "doan_ra");
	assert_true(cons.sums[0].value == 3);
	assert_true(cons.sums[1].value == 1700);
	assert_int_equal(cons.ntexts, 1);
	assert_string_equal(cons.texts[0].org_name, "Sở Văn hóa, Thể thao và Du lịch");

	/* Return with a comment; A edits and resubmits; B submits. */
	assert_int_equal(round_report_return(&f->t->ctx, id, "A", ""), TT_ERR_INVALID);
	assert_int_equal(round_report_return(&f->t->ctx, id, "B", "sửa"),
	                 TT_ERR_CONFLICT); /* B not submitted */
	assert_int_equal(round_report_return(&f->t->ctx, id, "A", "Bổ sung kinh phí xã hội hóa."), TT_OK);
	as(f, &f->rep_a);
	assert_int_equal(round_report_get(&f->t->ctx, id, "A", &v), TT_OK);
	assert_string_equal(v.report.status, "returned");
	assert_string_equal(v.report.return_comment, "Bổ sung kinh phí xã hội hóa.");
	st_value va2[] = {{"kinh_phi", 1750}, {"doan_ra", 0, 1}}; /* correct one figure, clear another */
	assert_int_equal(round_report_save(&f->t->ctx, id, "A", NULL, 0, va2, 2), TT_OK);
	assert_int_equal(round_report_get(&f->t->ctx, id, "A", &v), TT_OK);
	assert_int_equal(v.nvalues, 1);
	assert_true(isnan(value(&v, "doan_ra")));
	assert_int_equal(round_report_submit(&f->t->ctx, id, "A"), TT_OK);
	as(f, &f->rep_b);
	assert_int_equal(round_report_submit(&f->t->ctx, id, "B"), TT_OK);
	as(f, &f->coord);
	assert_int_equal(round_consolidate(&f->t->ctx, id, NULL, &cons), TT_OK);
	assert_true(cons.sums[0].value == 5);    /* A's 3 was cleared; B's 5 */
	assert_true(cons.sums[1].value == 1750); /* A's corrected figure */
	assert_int_equal(round_completeness_get(&f->t->ctx, id, &c), TT_OK);
	assert_int_equal(c.submitted_on_time, 2);
	assert_int_equal(c.not_due, 1);

	/* Every step left an audit entry. */
	st_audit *e;
	size_t n;
	assert_int_equal(store_audit_list(f->t->db, &f->t->arena, 100, 0, &e, &n), TT_OK);
	size_t saves = 0, submits = 0, returns = 0;
	for (size_t i = 0; i < n; i++) {
		saves += !strcmp(e[i].action, "report.save");
		submits += !strcmp(e[i].action, "report.submit");
		returns += !strcmp(e[i].action, "report.return");
	}
	assert_int_equal(saves, 3);
	assert_int_equal(submits, 3);
	assert_int_equal(returns, 1);
}

static void test_permissions(void **state)
{
	fixture *f = *state;
	const char *orgs[] = {"A", "B"};
	int64_t id = create_round(f, "2099-12-31", orgs, 2);
	round_report_view v;
	round_completeness c;
	st_value val[] = {{"doan_ra", 1}};
	st_round r;

	as(f, &f->rep_a); /* another body's report is invisible */
	assert_int_equal(round_report_get(&f->t->ctx, id, "B", &v), TT_ERR_NOT_FOUND);
	assert_int_equal(round_report_save(&f->t->ctx, id, "B", NULL, 0, val, 1), TT_ERR_NOT_FOUND);
	assert_int_equal(round_report_submit(&f->t->ctx, id, "B"), TT_ERR_NOT_FOUND);
	assert_int_equal(round_completeness_get(&f->t->ctx, id, &c), TT_ERR_FORBIDDEN);
	st_report *reps;
	size_t n;
	assert_int_equal(round_reports(&f->t->ctx, id, &reps, &n), TT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(reps[0].org_code, "A");

	as(f, &f->viewer); /* reads, never writes */
	assert_int_equal(round_report_get(&f->t->ctx, id, "A", &v), TT_OK);
	assert_false(v.can_edit);
	assert_int_equal(round_report_save(&f->t->ctx, id, "A", NULL, 0, val, 1), TT_ERR_FORBIDDEN);
	assert_int_equal(round_report_submit(&f->t->ctx, id, "A"), TT_ERR_FORBIDDEN);
	assert_int_equal(round_completeness_get(&f->t->ctx, id, &c), TT_OK);

	as(f, &f->viewer_a); /* a viewer of an asked body sees its own body only */
	assert_int_equal(round_reports(&f->t->ctx, id, &reps, &n), TT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(reps[0].org_code, "A");
	assert_int_equal(round_report_get(&f->t->ctx, id, "B", &v), TT_ERR_NOT_FOUND);
	assert_int_equal(round_completeness_get(&f->t->ctx, id, &c), TT_ERR_FORBIDDEN);
	round_consolidated cons;
	assert_int_equal(round_consolidate(&f->t->ctx, id, NULL, &cons), TT_ERR_FORBIDDEN);

	as(f, &f->coord_other); /* another province's coordinator sees nothing */
	assert_int_equal(round_get(&f->t->ctx, id, &r, NULL), TT_ERR_NOT_FOUND);
	assert_int_equal(round_report_return(&f->t->ctx, id, "A", "x"), TT_ERR_NOT_FOUND);
	assert_int_equal(round_completeness_get(&f->t->ctx, id, &c), TT_ERR_NOT_FOUND);

	as(f, &f->rep_a); /* bad values */
	st_value neg[] = {{"doan_ra", -1}};
	st_value unknown[] = {{"nope", 1}};
	st_text bad_utf8[] = {{"kq", "\xC3\x28"}};
	assert_int_equal(round_report_save(&f->t->ctx, id, "A", NULL, 0, neg, 1), TT_ERR_INVALID);
	assert_int_equal(round_report_save(&f->t->ctx, id, "A", NULL, 0, unknown, 1), TT_ERR_INVALID);
	assert_int_equal(round_report_save(&f->t->ctx, id, "A", bad_utf8, 1, NULL, 0), TT_ERR_UTF8);
	assert_int_equal(round_report_get(&f->t->ctx, id, "A", &v), TT_OK);
	assert_int_equal(v.nvalues, 0); /* nothing was stored */
}

static void test_late_and_overdue(void **state)
{
	fixture *f = *state;
	const char *orgs[] = {"A", "B", "C"};
	int64_t id = create_round(f, "2020-01-10", orgs, 3);
	round_completeness c;
	as(f, &f->rep_a);
	assert_int_equal(round_report_submit(&f->t->ctx, id, "A"), TT_OK);
	as(f, &f->coord);
	assert_int_equal(round_completeness_get(&f->t->ctx, id, &c), TT_OK);
	assert_int_equal(c.expected, 3);
	assert_int_equal(c.submitted_late, 1);
	assert_int_equal(c.overdue, 2);
	assert_int_equal(c.submitted_on_time + c.not_due, 0);
	assert_int_equal(c.submitted_on_time + c.submitted_late + c.not_due + c.overdue, c.expected);
}

static void test_report_state_deadline(void **state)
{
	/* The due day ends at 24:00 Vietnam time = 17:00 UTC. */
	st_report sub = {.status = "submitted", .submitted_at = "2026-06-15T16:59:59Z"};
	assert_int_equal(round_report_state("2026-06-15", &sub, "2026-07-01T00:00:00Z"), 0);
	sub.submitted_at = "2026-06-15T17:00:00Z";
	assert_int_equal(round_report_state("2026-06-15", &sub, "2026-07-01T00:00:00Z"), 1);
	st_report draft = {.status = "draft"};
	assert_int_equal(round_report_state("2026-06-15", &draft, "2026-06-15T16:00:00Z"), 2);
	assert_int_equal(round_report_state("2026-06-15", &draft, "2026-06-15T17:00:01Z"), 3);
	st_report ret = {.status = "returned", .submitted_at = NULL};
	assert_int_equal(round_report_state("2026-06-15", &ret, "2026-06-16T00:00:00Z"), 3);
}

static void test_audit_append_only(void **state)
{
	fixture *f = *state;
	as(f, &f->coord);
	assert_int_equal(audit_record(&f->t->ctx, "test.action", "test", "1", NULL, NULL), TT_OK);
	/* The engine itself refuses to rewrite history. */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->t->path, &db), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE audit SET action = 'x'", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM audit", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	st_audit *e;
	size_t n;
	assert_int_equal(store_audit_list(f->t->db, &f->t->arena, 1, 0, &e, &n), TT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(e[0].action, "test.action");
	assert_string_equal(e[0].login, "coord");
}

/* Counts have a type: integer counts (the default) refuse fractions with a
 * message naming the count; decimal ones take them; other types are
 * refused at creation. */
static void test_count_types(void **state)
{
	fixture *f = *state;
	const char *orgs[] = {"A"};
	int64_t id = create_round(f, "2099-12-31", orgs, 1);
	round_report_view v;
	as(f, &f->rep_a);
	assert_int_equal(round_report_get(&f->t->ctx, id, "A", &v), TT_OK);
	assert_int_equal(v.ncounts, 2);
	assert_string_equal(v.counts[0].type, "integer");
	assert_string_equal(v.counts[1].type, "decimal");
	assert_true(round_count_integer(&v.counts[0]));
	assert_false(round_count_integer(&v.counts[1]));
	st_value frac[] = {{"doan_ra", 2.5}};
	assert_int_equal(round_report_save(&f->t->ctx, id, "A", NULL, 0, frac, 1), TT_ERR_INVALID);
	assert_non_null(strstr(f->t->ctx.error_detail, "Đoàn ra"));
	st_value dec[] = {{"kinh_phi", 350.5}, {"doan_ra", 1200}};
	assert_int_equal(round_report_save(&f->t->ctx, id, "A", NULL, 0, dec, 2), TT_OK);
	assert_int_equal(round_report_get(&f->t->ctx, id, "A", &v), TT_OK);
	assert_true(value(&v, "kinh_phi") == 350.5);
	assert_true(value(&v, "doan_ra") == 1200);

	as(f, &f->coord);
	st_section sec[] = {{"kq", "Kết quả"}};
	st_count bad[] = {{"x", "Số người", "người", "float"}};
	round_spec spec = {.title = "Đợt thử",
	                   .period_start = "2026-01-01",
	                   .period_end = "2026-06-30",
	                   .due = "2099-12-31",
	                   .org_codes = orgs,
	                   .norgs = 1,
	                   .sections = sec,
	                   .nsections = 1,
	                   .counts = bad,
	                   .ncounts = 1};
	assert_int_equal(round_create(&f->t->ctx, &spec, NULL), TT_ERR_INVALID);
	assert_non_null(strstr(f->t->ctx.error_detail, "decimal"));
}

/* Every save and status change adds 1 to the version; a save that names
 * an older version is refused (412) and writes nothing; without a version
 * the last write wins. */
static void test_versions(void **state)
{
	fixture *f = *state;
	const char *orgs[] = {"A"};
	int64_t id = create_round(f, "2099-12-31", orgs, 1);
	round_report_view v;
	as(f, &f->rep_a);
	assert_int_equal(round_report_get(&f->t->ctx, id, "A", &v), TT_OK);
	assert_int_equal(v.report.version, 1);
	st_text first[] = {{"kq", "Bản của người thứ nhất."}};
	st_text second[] = {{"kq", "Bản của người thứ hai."}};
	assert_int_equal(round_report_save_if(&f->t->ctx, id, "A", 1, first, 1, NULL, 0), TT_OK);
	assert_int_equal(round_report_save_if(&f->t->ctx, id, "A", 1, second, 1, NULL, 0),
	                 TT_ERR_PRECONDITION);
	assert_non_null(strstr(f->t->ctx.error_detail, "người khác"));
	assert_int_equal(round_report_get(&f->t->ctx, id, "A", &v), TT_OK);
	assert_int_equal(v.report.version, 2);
	assert_string_equal(v.texts[0].text, "Bản của người thứ nhất.");
	/* The store's conditional update refuses an old version by itself. */
	assert_int_equal(store_begin(f->t->db), TT_OK);
	assert_int_equal(store_report_save(f->t->db, v.report.id, "draft", 1, 0, second, 1, NULL, 0),
	                 TT_ERR_CONFLICT);
	store_rollback(f->t->db);
	/* With the version now stored it applies; without one, last write wins. */
	assert_int_equal(round_report_save_if(&f->t->ctx, id, "A", 2, second, 1, NULL, 0), TT_OK);
	assert_int_equal(round_report_save(&f->t->ctx, id, "A", first, 1, NULL, 0), TT_OK);
	assert_int_equal(round_report_submit(&f->t->ctx, id, "A"), TT_OK);
	assert_int_equal(round_report_get(&f->t->ctx, id, "A", &v), TT_OK);
	assert_int_equal(v.report.version, 5);
	assert_string_equal(v.texts[0].text, "Bản của người thứ nhất.");
}

/* The store applies a status change or a save only in the status the caller
 * expects: what a request read before another one committed cannot be
 * written over the newer state. */
static void test_status_change_is_conditional(void **state)
{
	fixture *f = *state;
	const char *orgs[] = {"A"};
	int64_t id = create_round(f, "2099-12-31", orgs, 1);
	st_report rep;
	assert_int_equal(store_report_get(f->t->db, &f->t->arena, id, "A", &rep), TT_OK);
	assert_string_equal(rep.status, "draft");
	assert_int_equal(store_report_set_status(f->t->db, rep.id, "draft", "submitted",
	                                         "2026-01-01T00:00:00Z", NULL, f->rep_a.id),
	                 TT_OK);
	/* A second request that also read "draft" loses. */
	assert_int_equal(store_report_set_status(f->t->db, rep.id, "draft", "submitted",
	                                         "2026-01-02T00:00:00Z", NULL, f->rep_a.id),
	                 TT_ERR_CONFLICT);
	st_value v[] = {{"doan_ra", 9}};
	assert_int_equal(store_report_save(f->t->db, rep.id, "draft", 0, f->rep_a.id, NULL, 0, v, 1),
	                 TT_ERR_CONFLICT);
	st_value *vals;
	size_t nv;
	assert_int_equal(store_report_values(f->t->db, &f->t->arena, rep.id, &vals, &nv), TT_OK);
	assert_int_equal(nv, 0); /* nothing written */
	assert_int_equal(store_report_get(f->t->db, &f->t->arena, id, "A", &rep), TT_OK);
	assert_string_equal(rep.submitted_at, "2026-01-01T00:00:00Z");

	/* Through the domain: the losers get a 409 with a reload message, and
	 * the audit's before is the state the winner replaced. */
	as(f, &f->rep_a);
	assert_int_equal(round_report_submit(&f->t->ctx, id, "A"), TT_ERR_CONFLICT);
	assert_non_null(strstr(f->t->ctx.error_detail, "tải lại trang"));
	assert_int_equal(round_report_save(&f->t->ctx, id, "A", NULL, 0, v, 1), TT_ERR_CONFLICT);
	as(f, &f->coord);
	assert_int_equal(round_report_return(&f->t->ctx, id, "A", "Bổ sung số liệu."), TT_OK);
	assert_int_equal(round_report_return(&f->t->ctx, id, "A", "Lần hai."), TT_ERR_CONFLICT);
	as(f, &f->rep_a);
	assert_int_equal(round_report_submit(&f->t->ctx, id, "A"), TT_OK);
	st_audit *e;
	size_t n;
	assert_int_equal(store_audit_list(f->t->db, &f->t->arena, 100, 0, &e, &n), TT_OK);
	assert_string_equal(e[0].action, "report.submit"); /* newest first */
	assert_string_equal(e[0].before, "{\"status\":\"returned\"}");
	assert_string_equal(e[1].action, "report.return");
	assert_non_null(strstr(e[1].before, "\"status\":\"submitted\""));
}

/* A round of many bodies: the consolidated view pages the body x count
 * table in name order, searches by body name without diacritics, and puts
 * each value under its own body and count, while the sums cover every
 * submitted report whatever the page. */
static void test_consolidated_pages(void **state)
{
	fixture *f = *state;
	enum { N = 450 };
	static char codes[N][16], names[N][48];
	const char *list[N];
	for (int i = 0; i < N; i++) {
		snprintf(codes[i], sizeof codes[i], "X%04d", i);
		/* Names whose order differs from the codes': "Xã Đông 0449" ... */
		snprintf(names[i], sizeof names[i], "%s %04d", i % 2 ? "Xã Đông" : "Phường Ân", N - 1 - i);
		put_org(f->t, codes[i], names[i], "commune", "P51");
		list[i] = codes[i];
	}
	int64_t id = create_round(f, "2099-12-31", list, N);
	st_report *reps;
	size_t nr;
	assert_int_equal(store_report_list(f->t->db, &f->t->arena, id, &reps, &nr), TT_OK);
	assert_int_equal(nr, N);
	assert_int_equal(store_begin(f->t->db), TT_OK);
	for (size_t i = 0; i < nr; i++) {
		int k = atoi(reps[i].org_code + 1);
		if (k % 10 == 9)
			continue; /* every tenth body has not submitted */
		st_value v[] = {{"doan_ra", k}, {"kinh_phi", k * 0.5}};
		assert_int_equal(
		    store_report_save(f->t->db, reps[i].id, "draft", 0, 0, NULL, 0, v, k % 3 ? 2 : 1), TT_OK);
		assert_int_equal(store_report_set_status(f->t->db, reps[i].id, "draft", "submitted",
		                                         "2026-01-01T00:00:00Z", NULL, 0),
		                 TT_OK);
	}
	assert_int_equal(store_commit(f->t->db), TT_OK);
	as(f, &f->coord);
	round_consolidated c;
	st_pivot_query page2 = {.limit = CONSOLIDATE_PAGE, .offset = CONSOLIDATE_PAGE};
	assert_int_equal(round_consolidate(&f->t->ctx, id, &page2, &c), TT_OK);
	assert_int_equal(c.expected, N);
	assert_int_equal(c.submitted, N - N / 10);
	assert_int_equal(c.matched, N - N / 10);
	assert_int_equal(c.nrows, CONSOLIDATE_PAGE);
	double want_ra = 0, want_kp = 0;
	for (int k = 0; k < N; k++)
		if (k % 10 != 9) {
			want_ra += k;
			want_kp += k % 3 ? k * 0.5 : 0;
		}
	assert_true(c.sums[0].value == want_ra);
	assert_true(c.sums[1].value == want_kp);
	for (size_t i = 0; i < c.nrows; i++) {
		int k = atoi(c.rows[i].org_code + 1);
		assert_true(k % 10 != 9);
		assert_true(c.rows[i].has[0] && c.rows[i].values[0] == k);
		assert_int_equal(c.rows[i].has[1], k % 3 ? 1 : 0);
		if (k % 3)
			assert_true(c.rows[i].values[1] == k * 0.5);
		if (i)
			assert_true(vn_collate(c.rows[i - 1].org_name, strlen(c.rows[i - 1].org_name),
			                       c.rows[i].org_name, strlen(c.rows[i].org_name)) < 0);
	}
	/* "Phường Ân" bodies sort before "Xã Đông" ones; page 2 starts inside
	 * the Phường block (all 225 of them submitted). */
	assert_non_null(strstr(c.rows[0].org_name, "Phường Ân"));
	/* Search without diacritics, and the last page. */
	tt_buf key;
	buf_init(&key, 0);
	assert_int_equal(vn_search_key("xa dong", 7, &key), TT_OK);
	st_pivot_query dong = {.q_key = key.data, .limit = CONSOLIDATE_PAGE};
	assert_int_equal(round_consolidate(&f->t->ctx, id, &dong, &c), TT_OK);
	assert_int_equal(c.matched, 180); /* the 225 odd bodies less the 45 that did not submit */
	assert_int_equal(c.nrows, 180);
	for (size_t i = 0; i < c.nrows; i++)
		assert_non_null(strstr(c.rows[i].org_name, "Xã Đông"));
	dong.offset = CONSOLIDATE_PAGE; /* past the end: an empty page, the same total */
	assert_int_equal(round_consolidate(&f->t->ctx, id, &dong, &c), TT_OK);
	assert_int_equal(c.matched, 180);
	assert_int_equal(c.nrows, 0);
	buf_free(&key);
	/* No selection: every submitted body. */
	assert_int_equal(round_consolidate(&f->t->ctx, id, NULL, &c), TT_OK);
	assert_int_equal(c.nrows, N - N / 10);
}

static void press(fixture *f, st_user *u, const char *start, int people)
{
	char buf[512];
	json_error_t e;
	activity_input in;
	int64_t id;
	snprintf(buf, sizeof buf,
	         "{\"type\":\"foreign_press\",\"title\":\"PV\",\"start_on\":\"%s\",\"people\":%d,"
	         "\"fields\":{\"outlet\":\"NHK\"}}",
	         start, people);
	json_t *o = json_loads(buf, 0, &e);
	assert_non_null(o);
	as(f, u);
	assert_int_equal(activity_input_json(&f->t->ctx, o, &in), TT_OK);
	assert_int_equal(activity_create(&f->t->ctx, &in, &id), TT_OK);
	json_decref(o);
}

static const round_suggestion *suggestion(const round_report_view *v, const char *key)
{
	for (size_t i = 0; i < v->ncounts; i++)
		if (!strcmp(v->counts[i].key, key))
			return &v->suggestions[i];
	return NULL;
}

/* Counts that name an indicator: the checks at creation, the suggestion
 * over the period's edges (both days count, the days around do not), the
 * province's including its department's, another province's left out,
 * and the note a differing number needs. */
static void test_suggestions(void **state)
{
	fixture *f = *state;
	const char *orgs[] = {"P51", "A", "B"};
	st_count cnt[] = {{"pv", "Phóng viên", "", NULL, "foreign_press.people"},
	                  {"doan", "Đoàn", "", NULL, "foreign_press.count"},
	                  {"kp", "Kinh phí", "", NULL, "budget.vnd"},
	                  {"khac", "Khác", "cuộc", NULL, NULL}};
	round_spec spec = {.title = "Quý I",
	                   .period_start = "2025-01-01",
	                   .period_end = "2025-03-31",
	                   .due = "2025-04-10",
	                   .org_codes = orgs,
	                   .norgs = 3,
	                   .counts = cnt,
	                   .ncounts = 4,
	                   .allow_past_due = 1};
	int64_t id = 0;
	as(f, &f->coord);
	cnt[0].indicator = "foreign_press.none";
	assert_int_equal(round_create(&f->t->ctx, &spec, &id), TT_ERR_INVALID);
	cnt[0].indicator = "foreign_press.people";
	cnt[0].unit = "đoàn";
	assert_int_equal(round_create(&f->t->ctx, &spec, &id), TT_ERR_INVALID);
	cnt[0].unit = "người";
	cnt[2].type = "integer";
	assert_int_equal(round_create(&f->t->ctx, &spec, &id), TT_ERR_INVALID);
	cnt[2].type = NULL;
	assert_int_equal(round_create(&f->t->ctx, &spec, &id), TT_OK);

	press(f, &f->rep_a, "2024-12-31", 100); /* the day before */
	press(f, &f->rep_a, "2025-01-01", 3);   /* first day */
	press(f, &f->rep_a, "2025-03-31", 4);   /* last day */
	press(f, &f->rep_a, "2025-04-01", 200); /* the day after */
	press(f, &f->coord, "2025-02-10", 5);   /* the province itself */
	press(f, &f->coord_other, "2025-02-10", 50);

	round_report_view v;
	as(f, &f->rep_a);
	assert_int_equal(round_report_get(&f->t->ctx, id, "A", &v), TT_OK);
	assert_string_equal(v.counts[2].type, "decimal");
	assert_string_equal(v.counts[2].unit, "VNĐ");
	assert_string_equal(suggestion(&v, "pv")->indicator, "foreign_press.people");
	assert_true(suggestion(&v, "pv")->value == 7);
	assert_int_equal(suggestion(&v, "pv")->sources, 2);
	assert_true(suggestion(&v, "doan")->value == 2);
	assert_true(suggestion(&v, "kp")->value == 0);
	assert_int_equal(suggestion(&v, "kp")->sources, 0);
	assert_null(suggestion(&v, "khac")->indicator);
	as(f, &f->coord);
	assert_int_equal(round_report_get(&f->t->ctx, id, "P51", &v), TT_OK);
	assert_true(suggestion(&v, "pv")->value == 12);
	assert_int_equal(suggestion(&v, "pv")->sources, 3);
	assert_true(suggestion(&v, "doan")->value == 3);
	assert_int_equal(round_report_get(&f->t->ctx, id, "B", &v), TT_OK);
	assert_true(suggestion(&v, "pv")->value == 0);

	/* one day periods on the edges */
	round_suggestion sg;
	st_org a;
	assert_int_equal(store_org_get(f->t->db, &f->t->arena, "A", &a), TT_OK);
	assert_int_equal(round_suggest(&f->t->ctx, &cnt[0], a.id, "2025-03-31", "2025-03-31", &sg), TT_OK);
	assert_true(sg.value == 4);
	assert_int_equal(round_suggest(&f->t->ctx, &cnt[0], a.id, "2025-04-01", "2025-04-01", &sg), TT_OK);
	assert_true(sg.value == 200);
	assert_int_equal(round_suggest(&f->t->ctx, &cnt[3], a.id, "2025-01-01", "2025-12-31", &sg), TT_OK);
	assert_null(sg.indicator);
	assert_false(round_differs(7, 7));
	assert_false(round_differs(1500000.5, 1500000.5));
	assert_true(round_differs(8, 7));
	assert_true(round_differs(0.5, 0));

	/* a differing number needs a note; nothing is stored without one */
	st_value val = {"pv", 9, 0};
	st_text note = {"pv", "Hai phóng viên chưa vào sổ"};
	as(f, &f->rep_a);
	assert_int_equal(round_report_save_all(&f->t->ctx, id, "A", 0, NULL, 0, &val, 1, NULL, 0, NULL, 0),
	                 TT_ERR_INVALID);
	assert_non_null(strstr(f->t->ctx.error_detail, "ghi chú vì sao khác"));
	assert_int_equal(round_report_get(&f->t->ctx, id, "A", &v), TT_OK);
	assert_int_equal(v.nvalues, 0);
	assert_int_equal(round_report_save_all(&f->t->ctx, id, "A", 0, NULL, 0, &val, 1, &note, 1, NULL, 0),
	                 TT_OK);
	assert_int_equal(round_report_get(&f->t->ctx, id, "A", &v), TT_OK);
	assert_int_equal(v.nnotes, 1);
	assert_string_equal(v.notes[0].text, "Hai phóng viên chưa vào sổ");
	val.value = 7; /* the suggestion itself */
	st_text none = {"pv", ""};
	assert_int_equal(round_report_save_all(&f->t->ctx, id, "A", 0, NULL, 0, &val, 1, &none, 1, NULL, 0),
	                 TT_OK);
	assert_int_equal(round_report_get(&f->t->ctx, id, "A", &v), TT_OK);
	assert_int_equal(v.nnotes, 0);
	st_text other = {"khac", "x"};
	assert_int_equal(round_report_save_all(&f->t->ctx, id, "A", 0, NULL, 0, NULL, 0, &other, 1, NULL, 0),
	                 TT_ERR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_create_rules, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_full_round, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_permissions, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_late_and_overdue, setup, teardown),
	    cmocka_unit_test(test_report_state_deadline),
	    cmocka_unit_test_setup_teardown(test_audit_append_only, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_count_types, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_versions, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_status_change_is_conditional, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_consolidated_pages, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_suggestions, setup, teardown),
	};
	return cmocka_run_group_tests_name("round", tests, NULL, NULL);
}
