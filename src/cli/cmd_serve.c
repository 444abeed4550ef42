/* cmd_serve.c - `ttdn serve`: migrate, start the import workers, run the
 * web server. The workers are separate processes (`ttdn worker`, the same
 * binary run anew, so they share nothing with the HTTP threads); one that
 * dies is started again, and all are stopped when the server stops. */
#include <errno.h>
#include <libintl.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/cal.h"
#include "base/clock.h"
#include "base/log.h"
#include "cli/cli.h"
#include "core/auth.h"
#include "core/country.h"
#include "core/job.h"
#include "core/schedule.h"
#include "web/server.h"

#define MAX_WORKERS 64

static struct {
	char exe[4096];
	const char *db;
	int n;
	pid_t pid[MAX_WORKERS];
	time_t started[MAX_WORKERS];
	atomic_int stop; /* set by the main thread, read by the ticker */
	pthread_mutex_t lock;
} g_workers = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* Starts worker i: fork, then exec at once (only async-signal-safe calls
 * in between: the server has threads). The worker gets SIGTERM if the
 * server dies, however it dies. */
static void worker_start(int i)
{
	char *argv[] = {g_workers.exe, "worker", "--db", (char *)g_workers.db, NULL};
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGPIPE, SIG_DFL);
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != parent)
			_exit(0);
		execv(g_workers.exe, argv);
		_exit(127);
	}
	g_workers.pid[i] = pid > 0 ? pid : 0;
	g_workers.started[i] = time(NULL);
	if (pid < 0)
		log_error("cannot start an import worker: %s", strerror(errno));
}

/* Restarts workers that ended, at most once a second per worker. */
static void *worker_watch(void *arg)
{
	(void)arg;
	while (!g_workers.stop) {
		pthread_mutex_lock(&g_workers.lock);
		for (int i = 0; i < g_workers.n && !g_workers.stop; i++) {
			int st;
			if (g_workers.pid[i] > 0 &&
			    waitpid(g_workers.pid[i], &st, WNOHANG) == g_workers.pid[i]) {
				log_warn("import worker %d ended (status %d); starting another",
				         (int)g_workers.pid[i], st);
				g_workers.pid[i] = 0;
			}
			if (g_workers.pid[i] == 0 && time(NULL) > g_workers.started[i])
				worker_start(i);
		}
		pthread_mutex_unlock(&g_workers.lock);
		struct timespec nap = {0, 200 * 1000000L};
		nanosleep(&nap, NULL);
	}
	return NULL;
}

/* SIGTERM to every worker; SIGKILL to those still there after 10 s. */
static void workers_stop(void)
{
	pthread_mutex_lock(&g_workers.lock);
	for (int i = 0; i < g_workers.n; i++)
		if (g_workers.pid[i] > 0)
			kill(g_workers.pid[i], SIGTERM);
	for (int tries = 0; tries < 200; tries++) {
		int left = 0;
		for (int i = 0; i < g_workers.n; i++) {
			if (g_workers.pid[i] <= 0)
				continue;
			int st;
			pid_t w = waitpid(g_workers.pid[i], &st, WNOHANG);
			if (w == g_workers.pid[i] || (w < 0 && errno == ECHILD))
				g_workers.pid[i] = 0;
			else
				left++;
		}
		if (!left)
			break;
		struct timespec nap = {0, 50 * 1000000L};
		nanosleep(&nap, NULL);
	}
	for (int i = 0; i < g_workers.n; i++)
		if (g_workers.pid[i] > 0) {
			kill(g_workers.pid[i], SIGKILL);
			waitpid(g_workers.pid[i], NULL, 0);
		}
	pthread_mutex_unlock(&g_workers.lock);
}

/* The daily tick (core/schedule.h): opens the rounds schedules have due,
 * once at start and then whenever the Vietnam day changes, checked each
 * minute. Several servers on one database may all run it (a period opens
 * once); `--no-tick` leaves it to a systemd timer instead. */
static struct {
	const char *db;
	atomic_int stop; /* set by the main thread, read by the ticker */
	char day[CAL_DATE_LEN];
} g_tick;

static void tick_once(void)
{
	store *s = NULL;
	if (store_open(g_tick.db, &s)) {
		log_warn("tick: cannot open the database");
		store_close(s);
		return;
	}
	tt_arena a;
	arena_init(&a, 0);
	tt_ctx ctx;
	ctx_start_system(&ctx, s, &a);
	schedule_tick_result res;
	tt_rc rc = schedule_tick(&ctx, &res);
	if (rc)
		log_warn("tick: %s", ctx.error_detail ? ctx.error_detail : tt_rc_message(rc));
	else if (res.opened || res.failed)
		log_info("tick: opened %d round(s), %d failed", res.opened, res.failed);
	arena_free(&a);
	store_close(s);
}

static void *tick_loop(void *arg)
{
	(void)arg;
	while (!g_tick.stop) {
		char today[CAL_DATE_LEN];
		cal_vn_date(clock_now(), today);
		if (strcmp(today, g_tick.day)) {
			memcpy(g_tick.day, today, sizeof today);
			tick_once();
		}
		for (int i = 0; i < 300 && !g_tick.stop; i++) { /* a minute, in steps of 0.2 s */
			struct timespec nap = {0, 200 * 1000000L};
			nanosleep(&nap, NULL);
		}
	}
	return NULL;
}

int cmd_serve(int argc, char **argv)
{
	server_config cfg = {0};
	cfg.db_location = cli_db_path(cli_opt(argc, argv, "db"));
	cfg.listen = cli_opt(argc, argv, "listen");
	if (!cfg.listen)
		cfg.listen = getenv("TTDN_LISTEN") ? getenv("TTDN_LISTEN") : "127.0.0.1:8080";
	const char *threads = cli_opt(argc, argv, "threads");
	cfg.threads = threads ? (int)strtol(threads, NULL, 10) : 0;
	const char *header_timeout = cli_opt(argc, argv, "header-timeout");
	if (header_timeout) {
		char *end;
		long v = strtol(header_timeout, &end, 10);
		if (*end || v < 1 || v > 3600) {
			fprintf(stderr, "ttdn serve: --header-timeout takes seconds (1-3600)\n");
			return 1;
		}
		cfg.header_timeout_s = (int)v;
	}
	const char *log = cli_opt(argc, argv, "access-log");
	FILE *logf = NULL;
	if (!log || !strcmp(log, "-"))
		cfg.access_log = stderr;
	else if (strcmp(log, "off")) {
		logf = fopen(log, "a");
		if (!logf) {
			fprintf(stderr, "ttdn serve: cannot open access log %s\n", log);
			return 1;
		}
		setvbuf(logf, NULL, _IOLBF, 0);
		cfg.access_log = logf;
	}
	if (cli_flag(argc, argv, "quiet"))
		log_set_quiet(1);
	if (auth_init())
		return 1;
	/* Page texts are Vietnamese msgids; a catalogue in TTDN_LOCALEDIR (or
	 * the system's) translates them when the locale asks for it. */
	setlocale(LC_MESSAGES, "");
	bindtextdomain("ttdn", getenv("TTDN_LOCALEDIR") ? getenv("TTDN_LOCALEDIR") : "/usr/share/locale");
	bind_textdomain_codeset("ttdn", "UTF-8");
	textdomain("ttdn");
	/* The country table is read once, before any request thread. */
	if (country_load() != TT_OK)
		log_warn("could not read the ISO 3166-1 country list (package iso-codes)");
	store *s = cli_open(argc, argv); /* migrate before serving */
	if (!s)
		return 1;
	/* Jobs whose worker died with a previous run go back to the queue. */
	if (job_recover(s) != TT_OK)
		log_warn("could not look for unfinished import jobs: %s", store_errmsg(s));
	store_close(s);
	const char *workers = cli_opt(argc, argv, "workers");
	if (!workers)
		workers = getenv("TTDN_WORKERS");
	char *end = NULL;
	long nw = workers && *workers ? strtol(workers, &end, 10) : 2;
	if ((end && *end) || nw < 0 || nw > MAX_WORKERS) {
		fprintf(stderr, "ttdn serve: --workers takes a number from 0 to %d\n", MAX_WORKERS);
		return 2;
	}
	/* The watcher thread must not take the signals meant for the server's
	 * sigwait(): block them before it starts (the workers unblock them). */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	pthread_t watcher;
	int watching = 0;
	ssize_t l = readlink("/proc/self/exe", g_workers.exe, sizeof g_workers.exe - 1);
	if (nw > 0 && l <= 0) {
		fprintf(stderr, "ttdn serve: cannot find its own binary to start workers\n");
		return 1;
	}
	if (nw > 0) {
		g_workers.exe[l] = '\0';
		g_workers.db = cfg.db_location;
		g_workers.n = (int)nw;
		for (int i = 0; i < g_workers.n; i++)
			worker_start(i);
		watching = pthread_create(&watcher, NULL, worker_watch, NULL) == 0;
		log_info("started %d import worker(s)", g_workers.n);
	}
	pthread_t ticker;
	int ticking = 0;
	if (!cli_flag(argc, argv, "no-tick")) {
		g_tick.db = cfg.db_location;
		ticking = pthread_create(&ticker, NULL, tick_loop, NULL) == 0;
	}
	tt_rc rc = server_run(&cfg);
	g_workers.stop = 1;
	g_tick.stop = 1;
	if (watching)
		pthread_join(watcher, NULL);
	if (ticking)
		pthread_join(ticker, NULL);
	workers_stop();
	if (logf)
		fclose(logf);
	return rc ? 1 : 0;
}
