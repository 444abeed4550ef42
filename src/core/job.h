/* job.h - the import queue: uploaded files become jobs in the database and
 * separate worker processes (`ttdn worker`, started by `ttdn serve`) read,
 * parse and store them, so that HTTP threads never run a converter. The
 * queue is bounded overall and per user; a job's result names the stored
 * document or says, in Vietnamese, why it failed. */
#ifndef TT_JOB_H
#define TT_JOB_H

#include <stddef.h>
#include <stdint.h>

#include "core/ctx.h"

#define JOB_MAX_PENDING 200     /* queued or running jobs, all users */
#define JOB_MAX_PENDING_USER 50 /* queued or running jobs of one user */
#define JOB_MAX_ATTEMPTS 2      /* a file that kills its worker twice fails */
#define JOB_DEADLINE 180        /* seconds for one job, all converters included */
#define JOB_HEARTBEAT 2         /* seconds between a worker's heartbeats */
#define JOB_STALE 30            /* seconds without a heartbeat: the worker died */

/* One uploaded file to queue: its name and either its bytes (data, len)
 * or a file to read (path; len is then its size). */
typedef struct {
	const char *filename;
	const void *data;
	size_t len;
	const char *path;
} job_upload;

/* Queues n uploads as import jobs of ctx->user, all of them or none.
 * ids (n entries) gets their ids. TT_ERR_FORBIDDEN for a viewer,
 * TT_ERR_TOO_LARGE for a file over DOCUMENT_MAX_FILE, TT_ERR_BUSY when the
 * queue is full, TT_ERR_THROTTLED when the user has too many waiting;
 * ctx->error_detail says what to do. */
tt_rc job_enqueue(tt_ctx *ctx, const job_upload *files, size_t n, int64_t *ids);

/* A job ctx->user may see: their own, or any for an admin. Another user's
 * job is TT_ERR_NOT_FOUND, as if it did not exist. */
tt_rc job_get(tt_ctx *ctx, int64_t id, st_job *out);
/* The user's jobs (all users' for an admin unless mine), newest first. */
tt_rc job_list(tt_ctx *ctx, int mine, int limit, st_job **out, size_t *n);

/* Runs one claimed job in this process: its file through document import
 * (reader, NFC, parser, store with citations), audited as the uploader,
 * with progress, and records the result. ctx->user is set here. Returns
 * TT_OK once the result is recorded, whether the import worked or not. */
tt_rc job_run(tt_ctx *ctx, const st_job *job);

/* Fails a running job that did not end by itself (its process crashed or
 * ran past the deadline); timed_out picks the message. */
tt_rc job_abandon(store *s, int64_t id, int timed_out);

/* Re-queues or fails the jobs whose worker died (no heartbeat for
 * JOB_STALE seconds); logs what it did. */
tt_rc job_recover(store *s);

/* The deadline of one job in seconds: JOB_DEADLINE, or
 * TTDN_JOB_TIMEOUT from the environment. */
unsigned job_deadline(void);

#endif
