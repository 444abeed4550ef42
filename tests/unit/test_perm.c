/* test_perm.c - the permission matrix of core/perm.c: each role and body,
 * the system principal, and a call without any principal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/document.h"
#include "core/job.h"
#include "core/org.h"
#include "core/perm.h"
#include "testutil.h"

typedef struct {
	test_db *t;
	int64_t p51, dept, p01;
} fixture;

static int64_t put_org(test_db *t, const char *code, const char *kind, int64_t parent)
{
	st_org o = {.code = code, .name = code, .kind = kind, .parent_id = parent};
	int64_t id = 0;
	assert_int_equal(org_put(&t->ctx, &o, NULL, 0, &id), TT_OK);
	return id;
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	f->t = test_db_new();
	f->p51 = put_org(f->t, "P51", "province", 0);
	f->dept = put_org(f->t, "P51-SNGV", "department", f->p51);
	f->p01 = put_org(f->t, "P01", "province", 0);
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

/* Whether a user of role at body org may do action on body target. */
static int may(fixture *f, const char *role, int64_t org, tt_perm action, int64_t target)
{
	st_user u = {.id = 7, .login = "u", .role = role, .org_id = org};
	tt_ctx c;
	ctx_start(&c, f->t->db, &f->t->arena);
	c.user = &u;
	int yes = perm_may(&c, action, target);
	tt_rc rc = perm_check(&c, action, target);
	/* perm_check and perm_may agree; a refusal says why in Vietnamese. */
	assert_int_equal(rc == TT_OK, yes);
	if (!yes) {
		assert_int_equal(rc, TT_ERR_FORBIDDEN);
		assert_non_null(c.error_detail);
	}
	return yes;
}

static void test_roles_parse(void **state)
{
	(void)state;
	assert_int_equal(perm_role("admin"), ROLE_ADMIN);
	assert_int_equal(perm_role("coordinator"), ROLE_COORDINATOR);
	assert_int_equal(perm_role("reporter"), ROLE_REPORTER);
	assert_int_equal(perm_role("viewer"), ROLE_VIEWER);
	assert_int_equal(perm_role("Admin"), ROLE_NONE);
	assert_int_equal(perm_role("king"), ROLE_NONE);
	assert_int_equal(perm_role(NULL), ROLE_NONE);
	assert_string_equal(perm_role_name(ROLE_VIEWER), "viewer");
	assert_null(perm_role_name(ROLE_NONE));
}

static void test_documents(void **state)
{
	fixture *f = *state;
	for (int a = PERM_IMPORT_DOCUMENT; a <= PERM_CORRECT_DOCUMENT; a++) {
		assert_true(may(f, "admin", f->p51, a, 0));
		assert_true(may(f, "coordinator", f->p51, a, 0));
		assert_true(may(f, "reporter", f->dept, a, 0));
		assert_false(may(f, "viewer", f->p51, a, 0));
		assert_false(may(f, "king", f->p51, a, 0));
	}
}

static void test_rounds(void **state)
{
	fixture *f = *state;
	/* Creating: admin anywhere, a coordinator within its own subtree. */
	assert_true(may(f, "admin", f->p01, PERM_CREATE_ROUND, f->dept));
	assert_true(may(f, "coordinator", f->p51, PERM_CREATE_ROUND, 0));
	assert_true(may(f, "coordinator", f->p51, PERM_CREATE_ROUND, f->dept));
	assert_true(may(f, "coordinator", f->p51, PERM_CREATE_ROUND, f->p51));
	assert_false(may(f, "coordinator", f->p51, PERM_CREATE_ROUND, f->p01));
	assert_false(may(f, "coordinator", f->dept, PERM_CREATE_ROUND, f->p51));
	assert_false(may(f, "reporter", f->p51, PERM_CREATE_ROUND, 0));
	assert_false(may(f, "viewer", f->p51, PERM_CREATE_ROUND, 0));
	/* Managing and returning: the coordinator over the owner. */
	for (int a = PERM_MANAGE_ROUND; a <= PERM_RETURN_REPORT; a++) {
		assert_true(may(f, "admin", f->p01, a, f->p51));
		assert_true(may(f, "coordinator", f->p51, a, f->dept));
		assert_false(may(f, "coordinator", f->dept, a, f->p51));
		assert_false(may(f, "coordinator", f->p01, a, f->p51));
		assert_false(may(f, "reporter", f->p51, a, f->p51));
		assert_false(may(f, "viewer", f->p51, a, f->p51));
	}
	/* Reading the consolidation: also a viewer over the owner. */
	assert_true(may(f, "viewer", f->p51, PERM_VIEW_CONSOLIDATED, f->p51));
	assert_true(may(f, "viewer", f->p51, PERM_VIEW_CONSOLIDATED, f->dept));
	assert_false(may(f, "viewer", f->dept, PERM_VIEW_CONSOLIDATED, f->p51));
	assert_false(may(f, "viewer", f->p01, PERM_VIEW_CONSOLIDATED, f->p51));
	assert_true(may(f, "coordinator", f->p51, PERM_VIEW_CONSOLIDATED, f->dept));
	assert_false(may(f, "reporter", f->p51, PERM_VIEW_CONSOLIDATED, f->p51));
	assert_true(may(f, "viewer", f->p51, PERM_LIST_OWNED_ROUNDS, 0));
	assert_false(may(f, "reporter", f->dept, PERM_LIST_OWNED_ROUNDS, 0));
	/* Editing a report: one's own body only (admin: any). */
	assert_true(may(f, "reporter", f->dept, PERM_EDIT_REPORT, f->dept));
	assert_false(may(f, "reporter", f->dept, PERM_EDIT_REPORT, f->p51));
	assert_true(may(f, "coordinator", f->p51, PERM_EDIT_REPORT, f->p51));
	assert_false(may(f, "coordinator", f->p51, PERM_EDIT_REPORT, f->dept));
	assert_false(may(f, "viewer", f->dept, PERM_EDIT_REPORT, f->dept));
	assert_true(may(f, "admin", f->p01, PERM_EDIT_REPORT, f->dept));
}

static void test_admin_only(void **state)
{
	fixture *f = *state;
	const tt_perm admin_only[] = {PERM_ADMIN_USERS, PERM_READ_AUDIT, PERM_MANAGE_ORGS, PERM_SEE_ALL_JOBS};
	for (size_t i = 0; i < sizeof admin_only / sizeof admin_only[0]; i++) {
		assert_true(may(f, "admin", f->dept, admin_only[i], 0));
		assert_false(may(f, "coordinator", f->p51, admin_only[i], 0));
		assert_false(may(f, "reporter", f->p51, admin_only[i], 0));
		assert_false(may(f, "viewer", f->p51, admin_only[i], 0));
	}
}

static void test_system_and_nobody(void **state)
{
	fixture *f = *state;
	tt_ctx sys, nobody;
	ctx_start_system(&sys, f->t->db, &f->t->arena);
	ctx_start(&nobody, f->t->db, &f->t->arena);
	assert_true(perm_is_system(&sys));
	assert_true(perm_unbounded(&sys));
	assert_false(perm_is_system(&nobody));
	assert_false(perm_unbounded(&nobody));
	for (int a = 0; a < PERM__COUNT; a++) {
		assert_int_equal(perm_check(&sys, a, f->p01), TT_OK);
		assert_true(perm_may(&sys, a, f->dept));
		/* No user and no word from the command line: never trusted. */
		assert_false(perm_may(&nobody, a, 0));
		nobody.error_detail = NULL;
		assert_int_equal(perm_check(&nobody, a, 0), TT_ERR_FORBIDDEN);
		assert_non_null(nobody.error_detail);
	}
	/* What the core refuses without a principal. */
	int64_t id;
	document_outcome o;
	assert_int_equal(document_import(&nobody, "a.txt", "x", 1, &id, &o), TT_ERR_FORBIDDEN);
	job_upload up = {.filename = "a.txt", .data = "x", .len = 1};
	assert_int_equal(job_enqueue(&nobody, &up, 1, &id), TT_ERR_FORBIDDEN);
	assert_int_equal(auth_user_add(&nobody, "x", NULL, "mật khẩu đủ dài 123", "P51", "viewer", NULL),
	                 TT_ERR_FORBIDDEN);
	st_org org = {.code = "X", .name = "X", .kind = "other"};
	assert_int_equal(org_put(&nobody, &org, NULL, 0, NULL), TT_ERR_FORBIDDEN);
	/* A user's role counts even when the command line set the system. */
	st_user v = {.id = 3, .login = "v", .role = "viewer", .org_id = f->p51};
	sys.user = &v;
	assert_false(perm_is_system(&sys));
	assert_int_equal(perm_check(&sys, PERM_IMPORT_DOCUMENT, 0), TT_ERR_FORBIDDEN);
	assert_string_equal(sys.error_detail, "Tài khoản xem không được nhập văn bản.");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_roles_parse),
	    cmocka_unit_test_setup_teardown(test_documents, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_rounds, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_admin_only, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_system_and_nobody, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
