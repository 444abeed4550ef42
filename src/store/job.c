/* job.c - the import queue in SQLite: adding, claiming, progress,
 * heartbeats, ending, and recovering the jobs of dead workers. Only plain
 * SQL (UPDATE ... RETURNING) so that the PostgreSQL engine can do the same
 * with one statement each. */
#include <string.h>
#include <time.h>

#include "base/cal.h"
#include "store/store_int.h"

#define JOB_COLS                                                                                             \
	"j.id, j.kind, j.state, j.user_id, j.filename, j.size, j.progress, j.attempts, j.outcome, "          \
	"coalesce(j.document_id, 0), d.symbol, d.title, j.error_code, j.message, j.created_at, "             \
	"j.started_at, j.finished_at, coalesce(j.worker_pid, 0), j.heartbeat_at "

static tt_rc job_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_job *j = elem;
	j->id = db_col_int64(st, 0);
	j->kind = store_col_text(a, st, 1);
	j->state = store_col_text(a, st, 2);
	j->user_id = db_col_int64(st, 3);
	j->filename = store_col_text(a, st, 4);
	j->size = (size_t)db_col_int64(st, 5);
	j->progress = db_col_int(st, 6);
	j->attempts = db_col_int(st, 7);
	j->outcome = store_col_text(a, st, 8);
	j->document_id = db_col_int64(st, 9);
	j->symbol = store_col_text(a, st, 10);
	j->title = store_col_text(a, st, 11);
	j->error_code = store_col_text(a, st, 12);
	j->message = store_col_text(a, st, 13);
	j->created_at = store_col_text(a, st, 14);
	j->started_at = store_col_text(a, st, 15);
	j->finished_at = store_col_text(a, st, 16);
	j->worker_pid = db_col_int64(st, 17);
	j->heartbeat_at = store_col_text(a, st, 18);
	return j->kind && j->state && j->filename && j->created_at ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_job_pending(store *s, int64_t user_id, int *total, int *mine)
{
	db_stmt *st = store_prep(
	    s, "SELECT count(*), coalesce(sum(CASE WHEN user_id = ?1 THEN 1 ELSE 0 END), 0) FROM job "
	       "WHERE state IN ('queued', 'running')");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, user_id);
	return store_step_pair(s, st, total, mine);
}

tt_rc store_job_add(store *s, int64_t user_id, const char *filename, int64_t blob_id, size_t len, int64_t *id)
{
	char now[21];
	store_now(s, now);
	db_stmt *st =
	    store_prep(s, "INSERT INTO job(kind, state, user_id, filename, size, data_blob_id, created_at) "
	                  "VALUES ('import', 'queued', ?1, ?2, ?3, ?4, ?5) RETURNING id");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, user_id);
	store_bind_text(st, 2, filename);
	db_bind_int64(st, 3, (int64_t)len);
	db_bind_int64(st, 4, blob_id);
	store_bind_text(st, 5, now);
	return store_step_id(s, st, id);
}

tt_rc store_job_get(store *s, tt_arena *a, int64_t id, st_job *out)
{
	db_stmt *st =
	    store_prep(s, "SELECT " JOB_COLS "FROM job j LEFT JOIN document d ON d.id = j.document_id "
	                  "WHERE j.id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	return store_collect_one(s, a, st, sizeof *out, job_row, out);
}

tt_rc store_job_list(store *s, tt_arena *a, int64_t user_id, int limit, st_job **out, size_t *n)
{
	db_stmt *st =
	    store_prep(s, "SELECT " JOB_COLS "FROM job j LEFT JOIN document d ON d.id = j.document_id "
	                  "WHERE (?1 = 0 OR j.user_id = ?1) ORDER BY j.id DESC LIMIT ?2");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, user_id);
	db_bind_int64(st, 2, limit > 0 ? limit : 100);
	return store_collect(s, a, st, sizeof(st_job), job_row, (void **)out, n);
}

static tt_rc claimed_row(tt_arena *a, db_stmt *st, void *elem)
{
	st_job *j = elem;
	j->id = db_col_int64(st, 0);
	j->kind = store_col_text(a, st, 1);
	j->user_id = db_col_int64(st, 2);
	j->filename = store_col_text(a, st, 3);
	j->size = (size_t)db_col_int64(st, 4);
	j->attempts = db_col_int(st, 5);
	j->created_at = store_col_text(a, st, 6);
	j->state = "running";
	return j->kind && j->filename && j->created_at ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_job_claim(store *s, tt_arena *a, int64_t worker_pid, st_job *out)
{
	char now[21];
	store_now(s, now);
	db_stmt *st = store_prep(
	    s,
	    "UPDATE job SET state = 'running', attempts = attempts + 1, progress = 0, started_at = ?1, "
	    "heartbeat_at = ?1, worker_pid = ?2 "
	    "WHERE id = (SELECT id FROM job WHERE state = 'queued' ORDER BY id LIMIT 1) AND state = 'queued' "
	    "RETURNING id, kind, user_id, filename, size, attempts, created_at");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, now);
	db_bind_int64(st, 2, worker_pid);
	return store_collect_one(s, a, st, sizeof *out, claimed_row, out);
}

tt_rc store_job_blob(store *s, int64_t id, int64_t *blob_id, int64_t *size)
{
	db_stmt *st = store_prep(s, "SELECT b.id, b.size FROM job j JOIN blob b ON b.id = j.data_blob_id "
	                            "WHERE j.id = ?1");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	return store_step_pair64(s, st, blob_id, size);
}

/* Deletes the files of ended jobs (their chunks go with them, and
 * job.data_blob_id becomes NULL). */
static tt_rc drop_ended_blobs(store *s)
{
	db_stmt *st = store_prep(s, "DELETE FROM blob WHERE id IN (SELECT data_blob_id FROM job "
	                            "WHERE state IN ('done', 'failed') AND data_blob_id IS NOT NULL)");
	return st ? store_step_done(s, st) : TT_ERR_DB;
}

/* Steps an UPDATE of one running job; TT_ERR_NOT_FOUND when it changed no row. */
static tt_rc update_running(store *s, db_stmt *st)
{
	tt_rc rc = store_step_done(s, st);
	if (!rc && store_changes(s) == 0)
		rc = TT_ERR_NOT_FOUND;
	return rc;
}

tt_rc store_job_progress(store *s, int64_t id, int progress)
{
	char now[21];
	store_now(s, now);
	db_stmt *st = store_prep(s, "UPDATE job SET progress = ?2, heartbeat_at = ?3 "
	                            "WHERE id = ?1 AND state = 'running'");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, progress < 0 ? 0 : progress > 100 ? 100 : progress);
	store_bind_text(st, 3, now);
	return update_running(s, st);
}

tt_rc store_job_heartbeat(store *s, int64_t id)
{
	char now[21];
	store_now(s, now);
	db_stmt *st = store_prep(s, "UPDATE job SET heartbeat_at = ?2 WHERE id = ?1 AND state = 'running'");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	store_bind_text(st, 2, now);
	return update_running(s, st);
}

tt_rc store_job_finish(store *s, int64_t id, const char *outcome, int64_t document_id, const char *error_code,
                       const char *message)
{
	char now[21];
	store_now(s, now);
	db_stmt *st = store_prep(
	    s, "UPDATE job SET state = CASE WHEN ?2 = 'failed' THEN 'failed' ELSE 'done' END, outcome = ?2, "
	       "document_id = NULLIF(?3, 0), error_code = ?4, message = ?5, finished_at = ?6, heartbeat_at = "
	       "?6, "
	       "progress = CASE WHEN ?2 = 'failed' THEN progress ELSE 100 END, data = NULL "
	       "WHERE id = ?1 AND state = 'running'");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	store_bind_text(st, 2, outcome);
	db_bind_int64(st, 3, document_id);
	store_bind_text(st, 4, error_code);
	store_bind_text(st, 5, message);
	store_bind_text(st, 6, now);
	tt_rc rc = update_running(s, st);
	/* Outside the update: a file left by a failure here goes with the
	 * next job that ends. */
	return rc ? rc : drop_ended_blobs(s);
}

tt_rc store_job_requeue(store *s, int64_t id)
{
	db_stmt *st = store_prep(s, "UPDATE job SET state = 'queued', progress = 0, worker_pid = NULL, "
	                            "attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END "
	                            "WHERE id = ?1 AND state = 'running'");
	if (!st)
		return TT_ERR_DB;
	db_bind_int64(st, 1, id);
	return update_running(s, st);
}

tt_rc store_job_recover(store *s, int stale_seconds, int max_attempts, const char *code, const char *message,
                        int *requeued, int *failed)
{
	char now[21], before[21];
	store_now(s, now);
	cal_iso_utc(store_time(s) - stale_seconds, before);
	tt_rc rc = store_begin(s);
	if (rc)
		return rc;
	db_stmt *st = store_prep(
	    s,
	    "UPDATE job SET state = 'failed', outcome = 'failed', error_code = ?3, message = ?4, "
	    "finished_at = ?5, data = NULL WHERE state = 'running' AND heartbeat_at < ?1 AND attempts >= ?2");
	if (!st) {
		rc = TT_ERR_DB;
		goto out;
	}
	store_bind_text(st, 1, before);
	db_bind_int64(st, 2, max_attempts);
	store_bind_text(st, 3, code);
	store_bind_text(st, 4, message);
	store_bind_text(st, 5, now);
	if ((rc = store_step_done(s, st)))
		goto out;
	int nfailed = store_changes(s);
	if ((rc = drop_ended_blobs(s)))
		goto out;
	st = store_prep(s, "UPDATE job SET state = 'queued', progress = 0, worker_pid = NULL "
	                   "WHERE state = 'running' AND heartbeat_at < ?1");
	if (!st) {
		rc = TT_ERR_DB;
		goto out;
	}
	store_bind_text(st, 1, before);
	if ((rc = store_step_done(s, st)))
		goto out;
	int nrequeued = store_changes(s);
	rc = store_commit(s);
	if (!rc) {
		if (requeued)
			*requeued = nrequeued;
		if (failed)
			*failed = nfailed;
	}
out:
	if (rc)
		store_rollback(s);
	return rc;
}
