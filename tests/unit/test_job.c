/* test_job.c - the import queue in the store and its domain rules: bounds,
 * who sees a job, atomic claims, running a job as the uploader, recovery
 * of the jobs of dead workers with a bounded number of attempts, and the
 * precise mapping of constraint violations (only UNIQUE is a conflict). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/document.h"
#include "core/job.h"
#include "testutil.h"

typedef struct {
	test_db *t;
	st_user owner, other, admin;
} fixture;

static void add_user(fixture *f, const char *login, const char *role, st_user *out)
{
	st_org o = {.code = "P99", .name = "Tỉnh thử", .kind = "province"};
	int64_t oid = 0, uid = 0;
	assert_int_equal(store_org_put(f->t->db, &o, "tinh thu", &oid), TT_OK);
	st_user u = {.login = login, .name = login, .pwhash = "x", .role = role, .org_id = oid};
	assert_int_equal(store_user_add(f->t->db, &u, &uid), TT_OK);
	assert_int_equal(store_user_get(f->t->db, &f->t->arena, uid, out), TT_OK);
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	f->t = test_db_new();
	add_user(f, "owner", "reporter", &f->owner);
	add_user(f, "other", "reporter", &f->other);
	add_user(f, "boss", "admin", &f->admin);
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

static const char *plan = "ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\n\nSố: 12/KH-UBND\n\nBình Định, ngày 05 tháng 01 "
                          "năm 2018\n\nKẾ HOẠCH\nHoạt động thông tin đối ngoại năm 2018\n";

static void test_enqueue_run_and_visibility(void **state)
{
	fixture *f = *state;
	tt_ctx *ctx = &f->t->ctx;
	ctx->user = &f->owner;
	job_upload up[2] = {{.filename = "kh.txt", .data = plan, .len = strlen(plan)},
	                    {.filename = "rong.txt", .data = "", .len = 0}};
	int64_t ids[2];
	assert_int_equal(job_enqueue(ctx, up, 2, ids), TT_OK);
	st_job j;
	assert_int_equal(job_get(ctx, ids[0], &j), TT_OK);
	assert_string_equal(j.state, "queued");
	/* Another user does not see it; an admin does. */
	ctx->user = &f->other;
	assert_int_equal(job_get(ctx, ids[0], &j), TT_ERR_NOT_FOUND);
	ctx->user = &f->admin;
	assert_int_equal(job_get(ctx, ids[0], &j), TT_OK);

	/* Claims are taken in order, each once. */
	tt_ctx wctx = {.db = f->t->db, .arena = &f->t->arena};
	st_job c1, c2, c3;
	assert_int_equal(store_job_claim(f->t->db, &f->t->arena, 1234, &c1), TT_OK);
	assert_int_equal(store_job_claim(f->t->db, &f->t->arena, 1234, &c2), TT_OK);
	assert_int_equal(store_job_claim(f->t->db, &f->t->arena, 1234, &c3), TT_ERR_NOT_FOUND);
	assert_int_equal(c1.id, ids[0]);
	assert_int_equal(c1.attempts, 1);
	assert_int_equal(job_run(&wctx, &c1), TT_OK);
	assert_int_equal(wctx.user->id, f->owner.id);
	wctx.user = NULL;
	assert_int_equal(job_run(&wctx, &c2), TT_OK); /* recorded, as a failure */
	ctx->user = &f->owner;
	assert_int_equal(job_get(ctx, ids[0], &j), TT_OK);
	assert_string_equal(j.state, "done");
	assert_string_equal(j.outcome, "imported");
	assert_int_equal(j.progress, 100);
	assert_string_equal(j.symbol, "12/KH-UBND");
	assert_true(j.document_id > 0);
	/* The file of an ended job is deleted with its chunks. */
	int64_t blob, size;
	assert_int_equal(store_job_blob(f->t->db, ids[0], &blob, &size), TT_ERR_NOT_FOUND);
	assert_int_equal(store_job_blob(f->t->db, ids[1], &blob, &size), TT_ERR_NOT_FOUND);
	assert_int_equal(job_get(ctx, ids[1], &j), TT_OK);
	assert_string_equal(j.state, "failed");
	assert_string_equal(j.error_code, "parse_error");
	assert_non_null(strstr(j.message, "rong.txt"));
	/* A second import of the same bytes is a duplicate of that document. */
	int64_t again;
	assert_int_equal(job_enqueue(ctx, up, 1, &again), TT_OK);
	assert_int_equal(store_job_claim(f->t->db, &f->t->arena, 1, &c3), TT_OK);
	assert_int_equal(job_run(&wctx, &c3), TT_OK);
	st_job d;
	assert_int_equal(job_get(ctx, again, &d), TT_OK);
	assert_string_equal(d.outcome, "duplicate");
	st_job first;
	assert_int_equal(job_get(ctx, ids[0], &first), TT_OK);
	assert_int_equal(d.document_id, first.document_id);
	ctx->user = NULL;
}

static void test_bounds(void **state)
{
	fixture *f = *state;
	tt_ctx *ctx = &f->t->ctx;
	job_upload *up = calloc(JOB_MAX_PENDING_USER + 1, sizeof *up);
	int64_t *ids = calloc(JOB_MAX_PENDING_USER + 1, sizeof *ids);
	for (int i = 0; i <= JOB_MAX_PENDING_USER; i++)
		up[i] = (job_upload){.filename = "a.txt", .data = "x", .len = 1};
	ctx->user = &f->other;
	assert_int_equal(job_enqueue(ctx, up, JOB_MAX_PENDING_USER + 1, ids), TT_ERR_THROTTLED);
	assert_non_null(strstr(ctx->error_detail, "tối đa"));
	assert_int_equal(job_enqueue(ctx, up, JOB_MAX_PENDING_USER, ids), TT_OK);
	assert_int_equal(job_enqueue(ctx, up, 1, ids), TT_ERR_THROTTLED);
	int total, mine;
	assert_int_equal(store_job_pending(f->t->db, f->other.id, &total, &mine), TT_OK);
	assert_int_equal(mine, JOB_MAX_PENDING_USER);
	st_user viewer = f->other;
	viewer.role = "viewer";
	ctx->user = &viewer;
	assert_int_equal(job_enqueue(ctx, up, 1, ids), TT_ERR_FORBIDDEN);
	ctx->user = NULL;
	free(up);
	free(ids);
}

static void test_recover_dead_worker(void **state)
{
	fixture *f = *state;
	test_db *t = f->t;
	t->ctx.user = &f->admin;
	job_upload up = {.filename = "b.txt", .data = "y", .len = 1};
	int64_t id;
	assert_int_equal(job_enqueue(&t->ctx, &up, 1, &id), TT_OK);
	/* Drain what earlier tests queued, keeping only this job. */
	st_job c;
	while (store_job_claim(t->db, &t->arena, 1, &c) == TT_OK)
		if (c.id != id)
			assert_int_equal(store_job_finish(t->db, c.id, "failed", 0, "x", "x"), TT_OK);
	/* The worker died (a heartbeat in the past counts as stale with a
	 * negative age): queued again once, then failed. */
	int rq = 0, fl = 0;
	assert_int_equal(store_job_recover(t->db, -60, JOB_MAX_ATTEMPTS, "crashed", "m", &rq, &fl), TT_OK);
	assert_int_equal(rq, 1);
	assert_int_equal(fl, 0);
	assert_int_equal(store_job_claim(t->db, &t->arena, 2, &c), TT_OK);
	assert_int_equal(c.id, id);
	assert_int_equal(c.attempts, 2);
	assert_int_equal(store_job_recover(t->db, -60, JOB_MAX_ATTEMPTS, "crashed", "m", &rq, &fl), TT_OK);
	assert_int_equal(rq, 0);
	assert_int_equal(fl, 1);
	st_job j;
	assert_int_equal(job_get(&t->ctx, id, &j), TT_OK);
	assert_string_equal(j.state, "failed");
	assert_string_equal(j.error_code, "crashed");
	/* A fresh heartbeat is not stale. */
	assert_int_equal(job_enqueue(&t->ctx, &up, 1, &id), TT_OK);
	assert_int_equal(store_job_claim(t->db, &t->arena, 3, &c), TT_OK);
	assert_int_equal(store_job_recover(t->db, 30, JOB_MAX_ATTEMPTS, "crashed", "m", &rq, &fl), TT_OK);
	assert_int_equal(rq + fl, 0);
	/* A stopping worker gives its job back without using an attempt. */
	assert_int_equal(store_job_requeue(t->db, c.id), TT_OK);
	assert_int_equal(store_job_claim(t->db, &t->arena, 3, &c), TT_OK);
	assert_int_equal(c.attempts, 1);
	t->ctx.user = NULL;
}

static void test_constraint_codes(void **state)
{
	fixture *f = *state;
	test_db *t = f->t;
	/* UNIQUE: a conflict. */
	st_user u = {
	    .login = "owner", .name = "x", .pwhash = "x", .role = "viewer", .org_id = f->owner.org_id};
	int64_t uid;
	assert_int_equal(store_user_add(t->db, &u, &uid), TT_ERR_CONFLICT);
	/* CHECK: a wrong value, not a conflict. */
	u.login = "newone";
	u.role = "king";
	assert_int_equal(store_user_add(t->db, &u, &uid), TT_ERR_INVALID);
	/* NOT NULL (a value lost, e.g. to a failed allocation): never a
	 * conflict, so never a "duplicate". */
	st_document d = {
	    .sha256 = "ab", .filename = "f.txt", .format = "txt", .kind = NULL, .text = "t", .parsed = "{}"};
	int64_t did = 0;
	assert_int_equal(store_document_add(t->db, &d, 0, 1, NULL, 0, 0, &did), TT_ERR_DB);
	st_citation c = {.symbol = NULL, .symbol_key = NULL};
	d.kind = "BC";
	assert_int_equal(store_begin(t->db), TT_OK);
	assert_int_equal(store_document_add(t->db, &d, 0, 1, &c, 1, 0, &did), TT_ERR_DB);
	store_rollback(t->db);
	/* The same content hash: a conflict that names the stored document. */
	assert_int_equal(store_document_add(t->db, &d, 0, 1, NULL, 0, 0, &did), TT_OK);
	int64_t dup = 0;
	assert_int_equal(store_document_add(t->db, &d, 0, 1, NULL, 0, 0, &dup), TT_ERR_CONFLICT);
	assert_int_equal(dup, did);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_enqueue_run_and_visibility),
	    cmocka_unit_test(test_bounds),
	    cmocka_unit_test(test_recover_dead_worker),
	    cmocka_unit_test(test_constraint_codes),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
