/* cmd_worker.c - `ttdn worker`: takes import jobs from the queue in the
 * database and runs each in a child process of its own, under one deadline,
 * keeping the job's heartbeat fresh while it runs. A crash or a hang of a
 * converter or the parser then costs one job, never the worker. `ttdn
 * serve` starts these (--workers N); several servers on one database can
 * each run their own, or workers can run alone. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/log.h"
#include "cli/cli.h"
#include "core/auth.h"
#include "core/job.h"

#define IDLE_MS 250      /* pause when the queue is empty */
#define RECOVER_EVERY 10 /* seconds between looks for jobs of dead workers */

static volatile sig_atomic_t g_stop;

static void on_stop(int sig)
{
	(void)sig;
	g_stop = 1;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void nap_ms(long ms)
{
	struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&t, NULL); /* a signal cuts it short, which is what we want */
}

/* The child: a connection of its own (the parent's must not be used after
 * fork), the import, the result. Never returns. */
static void run_child(const char *db_location, const st_job *job)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	store *s = NULL;
	int code = 1;
	if (store_open(db_location, &s) == TT_OK) {
		tt_arena a;
		arena_init(&a, 0);
		tt_ctx ctx;
		ctx_start(&ctx, s, &a); /* acts as the job's uploader (job_run) */
		code = job_run(&ctx, job) == TT_OK ? 0 : 1;
		arena_free(&a);
		store_close(s);
	}
	_exit(code);
}

/* Runs one claimed job in a child and waits for it, heartbeating, up to
 * the deadline. */
static void supervise(store *s, const char *db_location, const st_job *job)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		log_error("job %lld: fork failed: %s", (long long)job->id, strerror(errno));
		store_job_requeue(s, job->id);
		nap_ms(1000);
		return;
	}
	if (pid == 0) {
		setpgid(0, 0);
		run_child(db_location, job);
	}
	setpgid(pid, pid);
	long long start = now_ms(), deadline = start + (long long)job_deadline() * 1000,
	          beat = start + JOB_HEARTBEAT * 1000;
	int status = 0, timed_out = 0, stopped = 0;
	for (;;) {
		pid_t w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			status = -1;
			break;
		}
		long long now = now_ms();
		if (g_stop || now >= deadline) {
			stopped = g_stop;
			timed_out = !g_stop;
			kill(-pid, SIGKILL); /* not yet reaped: the group id is still ours */
			kill(pid, SIGKILL);
			while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
				;
			break;
		}
		if (now >= beat) {
			store_job_heartbeat(s, job->id);
			beat = now + JOB_HEARTBEAT * 1000;
		}
		nap_ms(50);
	}
	/* The child's converters died with it: their sandbox (bwrap
	 * --die-with-parent) is bound to its life. */
	if (stopped) {
		store_job_requeue(s, job->id);
		log_info("job %lld: worker stopping, queued again", (long long)job->id);
		return;
	}
	if (timed_out || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (timed_out)
			log_warn("job %lld (%s): past the deadline of %u s, stopped", (long long)job->id,
			         job->filename, job_deadline());
		else
			log_warn("job %lld (%s): its process ended abnormally (status %d)",
			         (long long)job->id, job->filename, status);
		job_abandon(s, job->id, timed_out);
	}
}

int cmd_worker(int argc, char **argv)
{
	if (cli_flag(argc, argv, "quiet"))
		log_set_quiet(1);
	if (auth_init())
		return 1;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop; /* no SA_RESTART: sleeps end at once */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	const char *db_location = cli_db_path(cli_opt(argc, argv, "db"));
	store *s = cli_open(argc, argv);
	if (!s)
		return 1;
	log_info("worker %d: taking import jobs from %s", (int)getpid(), db_location);
	long long next_recover = 0;
	while (!g_stop) {
		if (now_ms() >= next_recover) {
			if (job_recover(s) != TT_OK)
				log_warn("worker: could not look for jobs of dead workers: %s",
				         store_errmsg(s));
			next_recover = now_ms() + RECOVER_EVERY * 1000;
		}
		tt_arena a;
		arena_init(&a, 0);
		st_job job;
		tt_rc rc = store_job_claim(s, &a, getpid(), &job);
		if (rc == TT_OK)
			supervise(s, db_location, &job);
		arena_free(&a);
		if (rc == TT_ERR_NOT_FOUND)
			nap_ms(IDLE_MS);
		else if (rc != TT_OK) {
			log_warn("worker: could not take a job: %s", store_errmsg(s));
			nap_ms(1000);
		}
	}
	log_info("worker %d: stopped", (int)getpid());
	store_close(s);
	return 0;
}
