/* job.c - the import queue's domain rules: who may queue and see what,
 * the bounds, and running one job (see job.h). Process handling (forking
 * a job, deadlines, heartbeats) lives in the worker command. */
#include "core/job.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/log.h"
#include "core/document.h"
#include "core/mutate.h"
#include "core/perm.h"

static const char *const MSG_CRASHED =
    "Việc đọc tệp này bị dừng đột ngột nên không nhập được; hãy mở bằng Word, lưu lại thành .docx "
    "rồi tải lên lại.";

unsigned job_deadline(void)
{
	const char *e = getenv("TTDN_JOB_TIMEOUT");
	if (!e || !*e)
		return JOB_DEADLINE;
	char *end;
	unsigned long v = strtoul(e, &end, 10);
	return *end || v == 0 || v > 3600 ? JOB_DEADLINE : (unsigned)v;
}

/* Writes one upload into a new blob (inside the caller's transaction):
 * from its file a piece at a time, or from its bytes. *len gets its size. */
static tt_rc upload_blob(tt_ctx *ctx, const job_upload *f, int64_t *blob, size_t *len)
{
	store_blob_writer *w = NULL;
	tt_rc rc = store_blob_begin(ctx->db, &w);
	size_t total = 0;
	if (rc)
		return rc;
	if (f->path) {
		FILE *in = fopen(f->path, "rb");
		char piece[64 * 1024];
		size_t k;
		if (!in)
			rc = TT_ERR_IO;
		while (!rc && (k = fread(piece, 1, sizeof piece, in)) > 0) {
			total += k;
			rc = total > DOCUMENT_MAX_FILE ? TT_ERR_TOO_LARGE : store_blob_write(w, piece, k);
		}
		if (!rc && ferror(in))
			rc = TT_ERR_IO;
		if (in)
			fclose(in);
		if (rc == TT_ERR_TOO_LARGE)
			ctx_fail(ctx, rc, "Tệp %s lớn hơn %zu MB.", f->filename, DOCUMENT_MAX_FILE >> 20);
		else if (rc == TT_ERR_IO)
			ctx_fail(ctx, rc, "Không đọc được tệp tải lên %s.", f->filename);
	} else if ((total = f->len))
		rc = store_blob_write(w, f->data, f->len);
	if (rc) {
		store_blob_abort(w);
		return rc;
	}
	if (!(rc = store_blob_finish(w, blob, NULL)))
		*len = total;
	return rc;
}

tt_rc job_enqueue(tt_ctx *ctx, const job_upload *files, size_t n, int64_t *ids)
{
	tt_rc rc;
	if ((rc = perm_check(ctx, PERM_IMPORT_DOCUMENT, 0)))
		return rc;
	if (!ctx->user) /* a job belongs to the user who queued it */
		return ctx_fail(ctx, TT_ERR_FORBIDDEN, "Cần đăng nhập để nhập văn bản.");
	if (!n)
		return ctx_fail(ctx, TT_ERR_INVALID, "Chưa chọn tệp nào để nhập.");
	for (size_t i = 0; i < n; i++)
		if (files[i].len > DOCUMENT_MAX_FILE)
			return ctx_fail(ctx, TT_ERR_TOO_LARGE, "Tệp %s lớn hơn %zu MB.", files[i].filename,
			                DOCUMENT_MAX_FILE >> 20);
	int total = 0, mine = 0;
	rc = core_begin(ctx);
	if (rc)
		goto done;
	if ((rc = store_job_pending(ctx->db, ctx->user->id, &total, &mine)))
		goto out;
	if ((size_t)total + n > JOB_MAX_PENDING) {
		rc = ctx_fail(
		    ctx, TT_ERR_BUSY,
		    "Hàng đợi đọc văn bản đang đầy (%d tệp đang chờ). Vui lòng thử lại sau ít phút.", total);
		goto out;
	}
	if ((size_t)mine + n > JOB_MAX_PENDING_USER) {
		rc = ctx_fail(ctx, TT_ERR_THROTTLED,
		              "Bạn đang có %d tệp chờ đọc; mỗi người được tối đa %d tệp cùng lúc. Vui lòng "
		              "đợi các tệp này xong rồi tải tiếp.",
		              mine, JOB_MAX_PENDING_USER);
		goto out;
	}
	/* Each file goes into the queue a piece at a time, never whole in
	 * memory. */
	for (size_t i = 0; i < n && !rc; i++) {
		int64_t blob = 0;
		size_t len = 0;
		if (!(rc = upload_blob(ctx, &files[i], &blob, &len)))
			rc = store_job_add(ctx->db, ctx->user->id, files[i].filename, blob, len, &ids[i]);
	}
out:
	rc = core_end(ctx, rc);
done:
	return rc;
}

static int is_admin(tt_ctx *ctx)
{
	return ctx->user && perm_may(ctx, PERM_SEE_ALL_JOBS, 0);
}

tt_rc job_get(tt_ctx *ctx, int64_t id, st_job *out)
{
	st_job j;
	tt_rc rc = store_job_get(ctx->db, ctx->arena, id, &j);
	if (rc == TT_OK && !is_admin(ctx) && (!ctx->user || j.user_id != ctx->user->id))
		rc = TT_ERR_NOT_FOUND;
	if (rc == TT_ERR_NOT_FOUND)
		return ctx_fail(ctx, rc, "Không có lượt nhập văn bản này.");
	if (!rc)
		*out = j;
	return rc;
}

tt_rc job_list(tt_ctx *ctx, int mine, int limit, st_job **out, size_t *n)
{
	if (!ctx->user)
		return TT_ERR_UNAUTH;
	return store_job_list(ctx->db, ctx->arena, mine || !is_admin(ctx) ? ctx->user->id : 0, limit, out, n);
}

typedef struct {
	store *db;
	int64_t id;
} progress_target;

static void store_progress(void *arg, int percent)
{
	progress_target *t = arg;
	/* Progress is advisory: a failed update must not fail the import. */
	if (store_job_progress(t->db, t->id, percent) != TT_OK)
		log_warn("job %lld: progress not recorded", (long long)t->id);
}

tt_rc job_run(tt_ctx *ctx, const st_job *job)
{
	st_user *u = arena_alloc(ctx->arena, sizeof *u);
	int64_t blob = 0, size = 0;
	int64_t id = 0;
	document_outcome outcome = DOC_IMPORTED;
	tt_rc rc = u ? TT_OK : TT_ERR_NOMEM;
	if (!rc && (rc = store_user_get(ctx->db, ctx->arena, job->user_id, u)))
		ctx_fail(ctx, rc, "Không tìm thấy tài khoản đã tải tệp lên.");
	if (!rc) {
		ctx->user = u;
		if ((rc = store_job_blob(ctx->db, job->id, &blob, &size)))
			ctx_fail(ctx, rc, "Tệp của lượt nhập này không còn.");
		else if ((uint64_t)size > DOCUMENT_MAX_FILE)
			rc = ctx_fail(ctx, TT_ERR_TOO_LARGE, "Tệp %s lớn hơn %zu MB.", job->filename,
			              DOCUMENT_MAX_FILE >> 20);
	}
	if (!rc) {
		progress_target t = {ctx->db, job->id};
		document_progress p = {store_progress, &t};
		ctx->error_detail = NULL;
		rc = document_import_blob(ctx, job->filename, blob, &p, &id, &outcome);
	}
	tt_rc frc;
	if (rc)
		frc = store_job_finish(ctx->db, job->id, "failed", 0, tt_rc_name(rc),
		                       ctx->error_detail ? ctx->error_detail : tt_rc_message(rc));
	else
		frc = store_job_finish(ctx->db, job->id, outcome == DOC_IMPORTED ? "imported" : "duplicate",
		                       id, NULL, NULL);
	if (frc)
		log_error("job %lld: result not recorded (%s)", (long long)job->id, tt_rc_name(frc));
	else if (rc)
		log_info("job %lld (%s): %s", (long long)job->id, job->filename, tt_rc_name(rc));
	return frc;
}

tt_rc job_abandon(store *s, int64_t id, int timed_out)
{
	char msg[256];
	if (timed_out)
		snprintf(msg, sizeof msg,
		         "Đọc tệp quá %u giây nên đã dừng; tệp có thể bị hỏng hoặc quá phức tạp. Hãy mở bằng "
		         "Word, lưu lại thành .docx rồi tải lên lại.",
		         job_deadline());
	tt_rc rc = store_job_finish(s, id, "failed", 0, timed_out ? "timeout" : "crashed",
	                            timed_out ? msg : MSG_CRASHED);
	return rc == TT_ERR_NOT_FOUND ? TT_OK : rc; /* it ended after all */
}

tt_rc job_recover(store *s)
{
	int requeued = 0, failed = 0;
	tt_rc rc =
	    store_job_recover(s, JOB_STALE, JOB_MAX_ATTEMPTS, "crashed", MSG_CRASHED, &requeued, &failed);
	if (!rc && (requeued || failed))
		log_warn("import queue: %d job(s) of a dead worker queued again, %d failed", requeued,
		         failed);
	return rc;
}
