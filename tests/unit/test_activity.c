/* test_activity.c - the activity register in the domain layer: the types
 * and indicators read from data/, the checks of each type's fields (nothing
 * stored on a refusal), who may record and read, and indicator values over
 * a body's subtree and the edges of a period, another province not
 * counted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/activity.h"
#include "core/country.h"
#include "core/org.h"
#include "testutil.h"

typedef struct {
	test_db *t;
	st_user coord, rep_dept, rep_other, viewer_dept;
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
	put_org(f->t, "P", "Tỉnh Kon Tum", "province", NULL);
	put_org(f->t, "NV", "Sở Ngoại vụ", "department", "P");
	put_org(f->t, "Q", "Tỉnh Quảng Ngãi", "province", NULL);
	put_org(f->t, "QNV", "Sở Ngoại vụ Quảng Ngãi", "department", "Q");
	make_user(f->t, "coord", "P", "coordinator", &f->coord);
	make_user(f->t, "rep", "NV", "reporter", &f->rep_dept);
	make_user(f->t, "other", "QNV", "reporter", &f->rep_other);
	make_user(f->t, "viewer", "NV", "viewer", &f->viewer_dept);
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

/* Records an activity written as JSON; returns the rc (id in *id). */
static tt_rc record(fixture *f, const st_user *u, const char *json, int64_t *id)
{
	f->t->ctx.user = u;
	json_error_t err;
	json_t *o = json_loads(json, 0, &err);
	if (!o)
		fail_msg("bad test JSON: %s", err.text);
	activity_input in;
	int64_t dummy;
	tt_rc rc = activity_input_json(&f->t->ctx, o, &in);
	if (!rc)
		rc = activity_create(&f->t->ctx, &in, id ? id : &dummy);
	json_decref(o);
	return rc;
}

static int64_t count_all(fixture *f)
{
	f->t->ctx.user = NULL;
	st_activity_query q = {0};
	st_activity *a;
	size_t n;
	int64_t total = -1;
	assert_int_equal(activity_list(&f->t->ctx, &q, &a, &n, &total), TT_OK);
	return total;
}

static void test_data_tables(void **state)
{
	(void)state;
	size_t n;
	const activity_type *t = activity_types(&n);
	assert_int_equal(n, 11);
	assert_string_equal(t[0].key, "delegation_in");
	const activity_type *out = activity_type_get("delegation_out");
	assert_non_null(out);
	assert_true(out->people);
	int amount = 0;
	for (size_t i = 0; i < out->nfields; i++)
		if (!strcmp(out->fields[i].key, "amount_vnd"))
			amount = out->fields[i].kind == AF_DECIMAL && out->fields[i].number;
	assert_true(amount);
	assert_false(activity_type_get("conference")->people);
	const activity_field *lvl = NULL;
	const activity_type *in = activity_type_get("delegation_in");
	for (size_t i = 0; i < in->nfields; i++)
		if (!strcmp(in->fields[i].key, "level"))
			lvl = &in->fields[i];
	assert_non_null(lvl);
	assert_string_equal(activity_choice_label(lvl, "commune"), "Cấp xã");
	/* every type has its count; the named sums are there */
	for (size_t i = 0; i < n; i++) {
		char key[64];
		snprintf(key, sizeof key, "%s.count", t[i].key);
		assert_non_null(activity_indicator_get(key));
	}
	const char *named[] = {"delegation_in.people",
	                       "delegation_out.people",
	                       "foreign_press.people",
	                       "training.people",
	                       "conference.foreign_delegates",
	                       "delegation_out.budget_vnd",
	                       "budget.vnd"};
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		assert_non_null(activity_indicator_get(named[i]));
	assert_string_equal(activity_indicator_get("budget.vnd")->field, "amount_vnd");
	assert_null(activity_indicator_get("delegation_in.count")->field);
}

static void test_countries(void **state)
{
	(void)state;
	assert_int_equal(country_load(), TT_OK);
	const country *jp = country_get("jp");
	assert_non_null(jp);
	assert_string_equal(jp->code, "JP");
	assert_string_equal(jp->name, "Nhật Bản");
	assert_ptr_equal(country_find("nhat"), jp);
	assert_ptr_equal(country_find("Japan"), jp);
	assert_ptr_equal(country_find("Nhật Bản"), jp);
	/* the short names of official documents replace the catalogue's,
	 * which stay searchable */
	assert_string_equal(country_get("KR")->name, "Hàn Quốc");
	assert_string_equal(country_get("LA")->name, "Lào");
	assert_string_equal(country_get("ID")->name, "Indonesia");
	assert_ptr_equal(country_find("Nam Dương"), country_get("ID"));
	assert_ptr_equal(country_find("cam bot"), country_get("KH"));
	/* a country the data file does not name keeps the catalogue's name */
	assert_string_equal(country_get("FR")->name, "Pháp");
	assert_null(country_get("XX"));
	size_t n;
	country_all(&n);
	assert_true(n > 240);
}

static void test_validation_per_type(void **state)
{
	fixture *f = *state;
	struct {
		const char *json;
		const char *says; /* part of the message */
	} bad[] = {
	    {"{\"title\":\"x\",\"start_on\":\"2025-01-02\"}", "type"},
	    {"{\"type\":\"picnic\",\"title\":\"x\",\"start_on\":\"2025-01-02\"}", "picnic"},
	    {"{\"type\":\"training\",\"start_on\":\"2025-01-02\"}", "title"},
	    {"{\"type\":\"training\",\"title\":\"x\"}", "start_on"},
	    {"{\"type\":\"training\",\"title\":\"x\",\"start_on\":\"2025-02-30\"}", "start_on"},
	    {"{\"type\":\"training\",\"title\":\"x\",\"start_on\":\"2025-03-02\",\"end_on\":\"2025-03-01\"}",
	     "end_on"},
	    {"{\"type\":\"training\",\"title\":\"x\",\"start_on\":\"2025-03-02\",\"people\":-3}", "âm"},
	    {"{\"type\":\"training\",\"title\":\"x\",\"start_on\":\"2025-03-02\",\"countries\":[\"XX\"]}",
	     "XX"},
	    /* delegation_in needs its foreign organisation */
	    {"{\"type\":\"delegation_in\",\"title\":\"x\",\"start_on\":\"2025-03-02\"}", "foreign_org"},
	    {"{\"type\":\"delegation_in\",\"title\":\"x\",\"start_on\":\"2025-03-02\",\"fields\":"
	     "{\"foreign_org\":\"JICA\",\"level\":\"district\"}}",
	     "level"},
	    {"{\"type\":\"delegation_in\",\"title\":\"x\",\"start_on\":\"2025-03-02\",\"fields\":"
	     "{\"foreign_org\":\"JICA\",\"permit_date\":\"15/03/2025\"}}",
	     "permit_date"},
	    {"{\"type\":\"delegation_in\",\"title\":\"x\",\"start_on\":\"2025-03-02\",\"fields\":"
	     "{\"foreign_org\":\"JICA\",\"colour\":\"red\"}}",
	     "colour"},
	    /* delegation_out: numbers */
	    {"{\"type\":\"delegation_out\",\"title\":\"x\",\"start_on\":\"2025-03-02\",\"fields\":"
	     "{\"inviting_body\":\"KOICA\",\"amount_vnd\":-5}}",
	     "amount_vnd"},
	    {"{\"type\":\"delegation_out\",\"title\":\"x\",\"start_on\":\"2025-03-02\",\"fields\":"
	     "{\"inviting_body\":\"KOICA\",\"amount_vnd\":\"nhiều\"}}",
	     "amount_vnd"},
	    /* conference: required enum, integer delegates, no people */
	    {"{\"type\":\"conference\",\"title\":\"x\",\"start_on\":\"2025-03-02\"}", "role"},
	    {"{\"type\":\"conference\",\"title\":\"x\",\"start_on\":\"2025-03-02\",\"fields\":"
	     "{\"role\":\"hosted\",\"foreign_delegates\":2.5}}",
	     "foreign_delegates"},
	    {"{\"type\":\"conference\",\"title\":\"x\",\"start_on\":\"2025-03-02\",\"people\":4,\"fields\":"
	     "{\"role\":\"hosted\"}}",
	     "people"},
	    {"{\"type\":\"budget\",\"title\":\"x\",\"start_on\":\"2025-03-02\",\"fields\":{\"source\":"
	     "\"state\"}}",
	     "amount_vnd"},
	    {"{\"type\":\"media_item\",\"title\":\"x\",\"start_on\":\"2025-03-02\",\"fields\":{}}", "outlet"},
	    {"{\"type\":\"agreement\",\"title\":\"x\",\"start_on\":\"2025-03-02\",\"fields\":{\"partner\":7}"
	     "}",
	     "partner"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		f->t->ctx.error_detail = NULL;
		tt_rc rc = record(f, &f->rep_dept, bad[i].json, NULL);
		if (rc != TT_ERR_INVALID)
			fail_msg("case %zu: rc %d", i, rc);
		assert_non_null(f->t->ctx.error_detail);
		if (!strstr(f->t->ctx.error_detail, bad[i].says))
			fail_msg("case %zu: \"%s\" does not name %s", i, f->t->ctx.error_detail, bad[i].says);
	}
	assert_int_equal(count_all(f), 0);
	/* the good ones */
	int64_t id;
	assert_int_equal(
	    record(f, &f->rep_dept,
	           "{\"type\":\"delegation_in\",\"title\":\"Đoàn JICA\",\"start_on\":\"2025-03-02\","
	           "\"end_on\":\"2025-03-04\",\"people\":5,\"countries\":[\"jp\",\"JP\"],"
	           "\"fields\":{\"foreign_org\":\"JICA\",\"level\":\"province\",\"host_body\":\"\"}}",
	           &id),
	    TT_OK);
	activity_view v;
	assert_int_equal(activity_get(&f->t->ctx, id, &v), TT_OK);
	assert_string_equal(v.a.org_code, "NV");
	assert_int_equal(v.a.people, 5);
	assert_int_equal(v.ncountries, 1);
	assert_string_equal(v.countries[0], "JP");
	assert_string_equal(v.a.fields, "{\"foreign_org\":\"JICA\",\"level\":\"province\"}");
	assert_true(v.can_edit);
	assert_int_equal(count_all(f), 1);
}

static void test_permissions(void **state)
{
	fixture *f = *state;
	int64_t id;
	/* a reporter records for its own body only */
	assert_int_equal(
	    record(f, &f->rep_dept,
	           "{\"org\":\"P\",\"type\":\"training\",\"title\":\"x\",\"start_on\":\"2025-03-02\"}", NULL),
	    TT_ERR_FORBIDDEN);
	assert_int_equal(record(f, &f->viewer_dept,
	                        "{\"type\":\"training\",\"title\":\"x\",\"start_on\":\"2025-03-02\"}", NULL),
	                 TT_ERR_FORBIDDEN);
	assert_int_equal(record(f, &f->rep_dept,
	                        "{\"type\":\"training\",\"title\":\"Lớp\",\"start_on\":\"2025-03-02\"}", &id),
	                 TT_OK);
	activity_view v;
	/* the coordinator above reads it but does not edit it; the viewer of the
	 * body reads it; another province does not see it */
	f->t->ctx.user = &f->coord;
	assert_int_equal(activity_get(&f->t->ctx, id, &v), TT_OK);
	assert_false(v.can_edit);
	assert_int_equal(activity_delete(&f->t->ctx, id), TT_ERR_FORBIDDEN);
	f->t->ctx.user = &f->viewer_dept;
	assert_int_equal(activity_get(&f->t->ctx, id, &v), TT_OK);
	f->t->ctx.user = &f->rep_other;
	assert_int_equal(activity_get(&f->t->ctx, id, &v), TT_ERR_NOT_FOUND);
	assert_int_equal(activity_delete(&f->t->ctx, id), TT_ERR_NOT_FOUND);
	st_activity_query q = {0};
	st_activity *list;
	size_t n;
	int64_t total;
	assert_int_equal(activity_list(&f->t->ctx, &q, &list, &n, &total), TT_OK);
	assert_int_equal(total, 0);
	f->t->ctx.user = &f->coord;
	assert_int_equal(activity_list(&f->t->ctx, &q, &list, &n, &total), TT_OK);
	assert_int_equal(total, 1);
	/* the reporter deletes it */
	f->t->ctx.user = &f->rep_dept;
	assert_int_equal(activity_delete(&f->t->ctx, id), TT_OK);
	assert_int_equal(activity_get(&f->t->ctx, id, &v), TT_ERR_NOT_FOUND);
}

static double value_of(fixture *f, const char *key, const char *org, const char *from, const char *to,
                       int64_t *sources)
{
	st_org o;
	assert_int_equal(store_org_get(f->t->db, &f->t->arena, org, &o), TT_OK);
	f->t->ctx.user = NULL;
	double v = -1;
	assert_int_equal(activity_indicator_value(&f->t->ctx, key, o.id, from, to, &v, sources), TT_OK);
	return v;
}

static void test_indicators_subtree_and_period(void **state)
{
	fixture *f = *state;
#define PRESS                                                                                                \
	"{\"type\":\"foreign_press\",\"title\":\"PV\",\"start_on\":\"%s\",\"people\":%d,"                    \
	"\"fields\":{\"outlet\":\"NHK\"}}"
	char buf[512];
	/* the department: inside the year, on both edges, and outside it */
	const char *days[] = {"2024-12-31", "2025-01-01", "2025-06-15", "2025-12-31", "2026-01-01"};
	int people[] = {100, 3, 4, 5, 200};
	for (int i = 0; i < 5; i++) {
		snprintf(buf, sizeof buf, PRESS, days[i], people[i]);
		assert_int_equal(record(f, &f->rep_dept, buf, NULL), TT_OK);
	}
	/* the province itself (its coordinator records) and another province */
	snprintf(buf, sizeof buf, PRESS, "2025-05-05", 10);
	assert_int_equal(record(f, &f->coord, buf, NULL), TT_OK);
	snprintf(buf, sizeof buf, PRESS, "2025-05-05", 1000);
	assert_int_equal(record(f, &f->rep_other, buf, NULL), TT_OK);
	/* a press group without a count of reporters counts once, adds nothing */
	assert_int_equal(record(f, &f->rep_dept,
	                        "{\"type\":\"foreign_press\",\"title\":\"PV\",\"start_on\":\"2025-07-01\","
	                        "\"fields\":{\"outlet\":\"KBS\",\"products\":6}}",
	                        NULL),
	                 TT_OK);
	int64_t src;
	assert_true(value_of(f, "foreign_press.people", "NV", "2025-01-01", "2025-12-31", &src) == 12);
	assert_int_equal(src, 3);
	assert_true(value_of(f, "foreign_press.count", "NV", "2025-01-01", "2025-12-31", &src) == 4);
	assert_int_equal(src, 4);
	assert_true(value_of(f, "foreign_press.people", "P", "2025-01-01", "2025-12-31", &src) == 22);
	assert_int_equal(src, 4);
	assert_true(value_of(f, "foreign_press.products", "P", "2025-01-01", "2025-12-31", &src) == 6);
	assert_int_equal(src, 1);
	assert_true(value_of(f, "foreign_press.people", "Q", "2025-01-01", "2025-12-31", &src) == 1000);
	assert_true(value_of(f, "delegation_in.count", "P", "2025-01-01", "2025-12-31", &src) == 0);
	assert_int_equal(src, 0);
	/* money */
	assert_int_equal(record(f, &f->rep_dept,
	                        "{\"type\":\"budget\",\"title\":\"Kinh phí\",\"start_on\":\"2025-02-01\","
	                        "\"fields\":{\"source\":\"private\",\"amount_vnd\":1700000000.5}}",
	                        NULL),
	                 TT_OK);
	assert_true(value_of(f, "budget.vnd", "P", "2025-01-01", "2025-12-31", &src) == 1700000000.5);
	/* refusals */
	double v;
	f->t->ctx.user = NULL;
	assert_int_equal(
	    activity_indicator_value(&f->t->ctx, "nope.count", 1, "2025-01-01", "2025-12-31", &v, &src),
	    TT_ERR_INVALID);
	assert_int_equal(
	    activity_indicator_value(&f->t->ctx, "budget.vnd", 1, "2025-12-31", "2025-01-01", &v, &src),
	    TT_ERR_INVALID);
	/* another province's reporter may not count the province */
	st_org p;
	assert_int_equal(store_org_get(f->t->db, &f->t->arena, "P", &p), TT_OK);
	f->t->ctx.user = &f->rep_other;
	assert_int_equal(
	    activity_indicator_value(&f->t->ctx, "budget.vnd", p.id, "2025-01-01", "2025-12-31", &v, &src),
	    TT_ERR_FORBIDDEN);
}

static void test_update_versions(void **state)
{
	fixture *f = *state;
	int64_t id;
	assert_int_equal(
	    record(f, &f->rep_dept,
	           "{\"type\":\"training\",\"title\":\"Lớp 1\",\"start_on\":\"2025-03-02\",\"people\":30}",
	           &id),
	    TT_OK);
	json_t *o = json_loads("{\"type\":\"training\",\"title\":\"Lớp 1 (sửa)\",\"start_on\":\"2025-03-02\","
	                       "\"people\":35,\"version\":1}",
	                       0, NULL);
	activity_input in;
	assert_int_equal(activity_input_json(&f->t->ctx, o, &in), TT_OK);
	assert_int_equal(activity_update(&f->t->ctx, id, &in), TT_OK);
	assert_int_equal(activity_update(&f->t->ctx, id, &in), TT_ERR_CONFLICT);
	json_decref(o);
	activity_view v;
	assert_int_equal(activity_get(&f->t->ctx, id, &v), TT_OK);
	assert_int_equal(v.a.version, 2);
	assert_int_equal(v.a.people, 35);
	int64_t src;
	assert_true(value_of(f, "training.people", "NV", "2025-01-01", "2025-12-31", &src) == 35);
	st_audit *au;
	size_t n;
	assert_int_equal(store_audit_list(f->t->db, &f->t->arena, 10, 0, &au, &n), TT_OK);
	assert_true(n >= 2);
	assert_string_equal(au[0].action, "activity.update");
	assert_non_null(au[0].before);
}

/* `ttdn db copy` carries the register: activities, countries, numbers and
 * attachments arrive whole, and the indicators give the same values. */
static void test_copied_with_the_deployment(void **state)
{
	fixture *f = *state;
	int64_t id;
	assert_int_equal(
	    record(f, &f->rep_dept,
	           "{\"type\":\"delegation_out\",\"title\":\"Đoàn ra Hàn Quốc\",\"start_on\":"
	           "\"2025-09-01\",\"people\":6,\"countries\":[\"KR\"],\"fields\":{\"inviting_body\":"
	           "\"Tỉnh Gyeonggi\",\"amount_vnd\":350000000.25}}",
	           &id),
	    TT_OK);
	char path[160];
	snprintf(path, sizeof path, "%s/copy.db", f->t->dir);
	store *to;
	assert_int_equal(store_open(path, &to), TT_OK);
	assert_int_equal(store_migrate(to, NULL), TT_OK);
	store_copy_count counts[64];
	const char **names;
	assert_true(store_copy_tables(&names) <= 64);
	assert_int_equal(store_copy(f->t->db, to, counts, NULL, NULL), TT_OK);
	tt_ctx ctx;
	ctx_start_system(&ctx, to, &f->t->arena);
	activity_view v;
	assert_int_equal(activity_get(&ctx, id, &v), TT_OK);
	assert_string_equal(v.a.title, "Đoàn ra Hàn Quốc");
	assert_int_equal(v.ncountries, 1);
	st_org p;
	assert_int_equal(store_org_get(to, &f->t->arena, "P", &p), TT_OK);
	double val;
	int64_t src;
	assert_int_equal(activity_indicator_value(&ctx, "delegation_out.budget_vnd", p.id, "2025-01-01",
	                                          "2025-12-31", &val, &src),
	                 TT_OK);
	assert_true(val == 350000000.25);
	assert_int_equal(src, 1);
	/* a new activity in the copy gets a new id */
	json_t *o = json_loads(
	    "{\"org\":\"NV\",\"type\":\"training\",\"title\":\"Lớp\",\"start_on\":\"2025-10-01\"}", 0, NULL);
	activity_input in;
	int64_t id2;
	assert_int_equal(activity_input_json(&ctx, o, &in), TT_OK);
	assert_int_equal(activity_create(&ctx, &in, &id2), TT_OK);
	assert_true(id2 > id);
	json_decref(o);
	store_close(to);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_data_tables),
	    cmocka_unit_test(test_countries),
	    cmocka_unit_test_setup_teardown(test_validation_per_type, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_permissions, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_indicators_subtree_and_period, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_update_versions, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_copied_with_the_deployment, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
