/* job.c - the import queue in SQLite: adding, claiming, progress,
 * heartbeats, ending, and recovering the jobs of dead workers. Only plain
 * SQL (UPDATE ... RETURNING) so that the PostgreSQL engine can do the same
 * with one statement each. */
#include <string.h>
#include <time.h>

#include "store/store_int.h"

#define JOB_COLS                                                                                             \
	"j.id, j.kind, j.state, j.user_id, j.filename, j.size, j.progress, j.attempts, j.outcome, "          \
	"coalesce(j.document_id, 0), d.symbol, d.title, j.error_code, j.message, j.created_at, "             \
	"j.started_at, j.finished_at, coalesce(j.worker_pid, 0), j.heartbeat_at "

static tt_rc job_row(tt_arena *a, sqlite3_stmt *st, void *elem)
{
	st_job *j = elem;
	j->id = sqlite3_column_int64(st, 0);
	j->kind = store_col_text(a, st, 1);
	j->state = store_col_text(a, st, 2);
	j->user_id = sqlite3_column_int64(st, 3);
	j->filename = store_col_text(a, st, 4);
	j->size = (size_t)sqlite3_column_int64(st, 5);
	j->progress = sqlite3_column_int(st, 6);
	j->attempts = sqlite3_column_int(st, 7);
	j->outcome = store_col_text(a, st, 8);
	j->document_id = sqlite3_column_int64(st, 9);
	j->symbol = store_col_text(a, st, 10);
	j->title = store_col_text(a, st, 11);
	j->error_code = store_col_text(a, st, 12);
	j->message = store_col_text(a, st, 13);
	j->created_at = store_col_text(a, st, 14);
	j->started_at = store_col_text(a, st, 15);
	j->finished_at = store_col_text(a, st, 16);
	j->worker_pid = sqlite3_column_int64(st, 17);
	j->heartbeat_at = store_col_text(a, st, 18);
	return j->kind && j->state && j->filename && j->created_at ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_job_pending(store *s, int64_t user_id, int *total, int *mine)
{
	sqlite3_stmt *st = store_prep(s, "SELECT count(*), coalesce(sum(user_id = ?1), 0) FROM job "
	                                 "WHERE state IN ('queued', 'running')");
	if (!st)
		return TT_ERR_DB;
	sqlite3_bind_int64(st, 1, user_id);
	int src = sqlite3_step(st);
	tt_rc rc = TT_OK;
	if (src == SQLITE_ROW) {
		*total = sqlite3_column_int(st, 0);
		*mine = sqlite3_column_int(st, 1);
	} else
		rc = store_fail(s, src);
	store_done(st);
	return rc;
}

tt_rc store_job_add(store *s, int64_t user_id, const char *filename, const void *data, size_t len,
                    int64_t *id)
{
	char now[21];
	store_now(now);
	sqlite3_stmt *st =
	    store_prep(s, "INSERT INTO job(kind, state, user_id, filename, size, data, created_at) "
	                  "VALUES ('import', 'queued', ?1, ?2, ?3, ?4, ?5)");
	if (!st)
		return TT_ERR_DB;
	sqlite3_bind_int64(st, 1, user_id);
	store_bind_text(st, 2, filename);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)len);
	sqlite3_bind_blob64(st, 4, len ? data : "", len, SQLITE_STATIC);
	store_bind_text(st, 5, now);
	tt_rc rc = store_step_done(s, st);
	if (!rc && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

tt_rc store_job_get(store *s, tt_arena *a, int64_t id, st_job *out)
{
	sqlite3_stmt *st =
	    store_prep(s, "SELECT " JOB_COLS "FROM job j LEFT JOIN document d ON d.id = j.document_id "
	                  "WHERE j.id = ?1");
	if (!st)
		return TT_ERR_DB;
	sqlite3_bind_int64(st, 1, id);
	return store_collect_one(s, a, st, sizeof *out, job_row, out);
}

tt_rc store_job_list(store *s, tt_arena *a, int64_t user_id, int limit, st_job **out, size_t *n)
{
	sqlite3_stmt *st =
	    store_prep(s, "SELECT " JOB_COLS "FROM job j LEFT JOIN document d ON d.id = j.document_id "
	                  "WHERE (?1 = 0 OR j.user_id = ?1) ORDER BY j.id DESC LIMIT ?2");
	if (!st)
		return TT_ERR_DB;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int(st, 2, limit > 0 ? limit : 100);
	return store_collect(s, a, st, sizeof(st_job), job_row, (void **)out, n);
}

static tt_rc claimed_row(tt_arena *a, sqlite3_stmt *st, void *elem)
{
	st_job *j = elem;
	j->id = sqlite3_column_int64(st, 0);
	j->kind = store_col_text(a, st, 1);
	j->user_id = sqlite3_column_int64(st, 2);
	j->filename = store_col_text(a, st, 3);
	j->size = (size_t)sqlite3_column_int64(st, 4);
	j->attempts = sqlite3_column_int(st, 5);
	j->created_at = store_col_text(a, st, 6);
	j->state = "running";
	return j->kind && j->filename && j->created_at ? TT_OK : TT_ERR_NOMEM;
}

tt_rc store_job_claim(store *s, tt_arena *a, int64_t worker_pid, st_job *out)
{
	char now[21];
	store_now(now);
	sqlite3_stmt *st = store_prep(
	    s,
	    "UPDATE job SET state = 'running', attempts = attempts + 1, progress = 0, started_at = ?1, "
	    "heartbeat_at = ?1, worker_pid = ?2 "
	    "WHERE id = (SELECT id FROM job WHERE state = 'queued' ORDER BY id LIMIT 1) AND state = 'queued' "
	    "RETURNING id, kind, user_id, filename, size, attempts, created_at");
	if (!st)
		return TT_ERR_DB;
	store_bind_text(st, 1, now);
	sqlite3_bind_int64(st, 2, worker_pid);
	return store_collect_one(s, a, st, sizeof *out, claimed_row, out);
}

tt_rc store_job_data(store *s, tt_arena *a, int64_t id, const void **data, size_t *len)
{
	sqlite3_stmt *st = store_prep(s, "SELECT data FROM job WHERE id = ?1 AND data IS NOT NULL");
	if (!st)
		return TT_ERR_DB;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	tt_rc rc = TT_OK;
	if (src == SQLITE_ROW) {
		size_t n = (size_t)sqlite3_column_bytes(st, 0);
		void *p = arena_alloc(a, n ? n : 1);
		if (!p)
			rc = TT_ERR_NOMEM;
		else {
			if (n)
				memcpy(p, sqlite3_column_blob(st, 0), n);
			*data = p;
			*len = n;
		}
	} else
		rc = src == SQLITE_DONE ? TT_ERR_NOT_FOUND : store_fail(s, src);
	store_done(st);
	return rc;
}

/* Steps an UPDATE of one running job; TT_ERR_NOT_FOUND when it changed no row. */
static tt_rc update_running(store *s, sqlite3_stmt *st)
{
	tt_rc rc = store_step_done(s, st);
	if (!rc && sqlite3_changes(s->db) == 0)
		rc = TT_ERR_NOT_FOUND;
	return rc;
}

tt_rc store_job_progress(store *s, int64_t id, int progress)
{
	char now[21];
	store_now(now);
	sqlite3_stmt *st = store_prep(s, "UPDATE job SET progress = ?2, heartbeat_at = ?3 "
	                                 "WHERE id = ?1 AND state = 'running'");
	if (!st)
		return TT_ERR_DB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, progress < 0 ? 0 : progress > 100 ? 100 : progress);
	store_bind_text(st, 3, now);
	return update_running(s, st);
}

tt_rc store_job_heartbeat(store *s, int64_t id)
{
	char now[21];
	store_now(now);
	sqlite3_stmt *st =
	    store_prep(s, "UPDATE job SET heartbeat_at = ?2 WHERE id = ?1 AND state = 'running'");
	if (!st)
		return TT_ERR_DB;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, now);
	return update_running(s, st);
}

tt_rc store_job_finish(store *s, int64_t id, const char *outcome, int64_t document_id, const char *error_code,
                       const char *message)
{
	char now[21];
	store_now(now);
	sqlite3_stmt *st = store_prep(
	    s, "UPDATE job SET state = CASE WHEN ?2 = 'failed' THEN 'failed' ELSE 'done' END, outcome = ?2, "
	       "document_id = NULLIF(?3, 0), error_code = ?4, message = ?5, finished_at = ?6, heartbeat_at = "
	       "?6, "
	       "progress = CASE WHEN ?2 = 'failed' THEN progress ELSE 100 END, data = NULL "
	       "WHERE id = ?1 AND state = 'running'");
	if (!st)
		return TT_ERR_DB;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, outcome);
	sqlite3_bind_int64(st, 3, document_id);
	store_bind_text(st, 4, error_code);
	store_bind_text(st, 5, message);
	store_bind_text(st, 6, now);
	return update_running(s, st);
}

tt_rc store_job_requeue(store *s, int64_t id)
{
	sqlite3_stmt *st =
	    store_prep(s, "UPDATE job SET state = 'queued', progress = 0, worker_pid = NULL, "
	                  "attempts = max(attempts - 1, 0) WHERE id = ?1 AND state = 'running'");
	if (!st)
		return TT_ERR_DB;
	sqlite3_bind_int64(st, 1, id);
	return update_running(s, st);
}

tt_rc store_job_recover(store *s, int stale_seconds, int max_attempts, const char *code, const char *message,
                        int *requeued, int *failed)
{
	char now[21], before[21];
	store_now(now);
	time_t t = time(NULL) - stale_seconds;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(before, sizeof before, "%Y-%m-%dT%H:%M:%SZ", &tm);
	tt_rc rc = store_begin(s);
	if (rc)
		return rc;
	sqlite3_stmt *st = store_prep(
	    s,
	    "UPDATE job SET state = 'failed', outcome = 'failed', error_code = ?3, message = ?4, "
	    "finished_at = ?5, data = NULL WHERE state = 'running' AND heartbeat_at < ?1 AND attempts >= ?2");
	if (!st) {
		rc = TT_ERR_DB;
		goto out;
	}
	store_bind_text(st, 1, before);
	sqlite3_bind_int(st, 2, max_attempts);
	store_bind_text(st, 3, code);
	store_bind_text(st, 4, message);
	store_bind_text(st, 5, now);
	if ((rc = store_step_done(s, st)))
		goto out;
	int nfailed = sqlite3_changes(s->db);
	st = store_prep(s, "UPDATE job SET state = 'queued', progress = 0, worker_pid = NULL "
	                   "WHERE state = 'running' AND heartbeat_at < ?1");
	if (!st) {
		rc = TT_ERR_DB;
		goto out;
	}
	store_bind_text(st, 1, before);
	if ((rc = store_step_done(s, st)))
		goto out;
	int nrequeued = sqlite3_changes(s->db);
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
