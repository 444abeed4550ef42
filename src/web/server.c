/* server.c - runs libmicrohttpd, owns each request's lifecycle (checks on
 * the headers before any body byte is read, body with a size cap or
 * streamed to temporary files, session, CSRF, dispatch, security headers,
 * access log), the header deadline of connections and the per-thread
 * database connections. */
#include "web/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "base/log.h"
#include "core/auth.h"
#include "core/perm.h"
#include "web/page.h"
#include "web/routes.h"
#include "web/web_int.h"

static const server_config *g_cfg;
static pthread_key_t g_store_key;

static const char *const security_headers[][2] = {
    {"Content-Security-Policy",
     "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
     "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "same-origin"},
};

static uint64_t now_us(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (uint64_t)tv.tv_sec * 1000000u + (uint64_t)tv.tv_usec;
}

static void store_key_free(void *p)
{
	store_close(p);
}

/* One database connection per worker thread, opened on first use and closed
 * when the thread exits. */
static tt_rc thread_store(store **out)
{
	store *s = pthread_getspecific(g_store_key);
	if (!s) {
		tt_rc rc = store_open(g_cfg->db_location, &s);
		if (rc)
			return rc;
		pthread_setspecific(g_store_key, s);
	}
	*out = s;
	return TT_OK;
}

tt_rc http_store_open(store **out)
{
	return store_open(g_cfg->db_location, out);
}

/* Header deadline. libmicrohttpd's connection timeout counts idle time, so
 * a client that sends a header byte every few seconds would hold its
 * connection for ever. Every connection is listed from its start (and again
 * after each request it completes) with a deadline for the headers of its
 * next request (and the body too, on the public routes); the first call of
 * on_request takes it off the list (the last call, on public routes), and a
 * sweeper thread shuts down the sockets of those still listed past their
 * deadline. shutdown() only wakes libmicrohttpd, which then closes and
 * frees the connection itself; the entry leaves the list (under the lock)
 * in the CLOSED notification, before libmicrohttpd closes the descriptor. */
typedef struct conn_watch {
	struct conn_watch *prev, *next; /* in g_watch while headers are awaited */
	int fd;
	uint64_t deadline_us;
} conn_watch;

static conn_watch g_watch = {&g_watch, &g_watch, -1, 0};
static pthread_mutex_t g_watch_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_watch_cv = PTHREAD_COND_INITIALIZER;
static int g_watch_stop;

static void watch_unlink(conn_watch *w)
{
	if (w->next) {
		w->prev->next = w->next;
		w->next->prev = w->prev;
		w->prev = w->next = NULL;
	}
}

static void watch_arm(conn_watch *w, uint64_t deadline_us)
{
	watch_unlink(w);
	w->deadline_us = deadline_us;
	w->prev = g_watch.prev;
	w->next = &g_watch;
	g_watch.prev->next = w;
	g_watch.prev = w;
}

static conn_watch *watch_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

static unsigned header_timeout_s(void)
{
	return (unsigned)(g_cfg->header_timeout_s > 0 ? g_cfg->header_timeout_s : 10);
}

static unsigned idle_timeout_s(void)
{
	return (unsigned)(g_cfg->timeout_s > 0 ? g_cfg->timeout_s : 30);
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
	conn_watch *w = *socket_context;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
		    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		if (!ci || !(w = calloc(1, sizeof *w)))
			return; /* not watched: the idle timeout still applies */
		w->fd = ci->connect_fd;
		pthread_mutex_lock(&g_watch_mu);
		watch_arm(w, now_us() + (uint64_t)header_timeout_s() * 1000000u);
		pthread_mutex_unlock(&g_watch_mu);
		*socket_context = w;
	} else if (w) {
		pthread_mutex_lock(&g_watch_mu);
		watch_unlink(w);
		pthread_mutex_unlock(&g_watch_mu);
		free(w);
		*socket_context = NULL;
	}
}

/* The headers of a request are complete. */
static void watch_headers_done(struct MHD_Connection *conn)
{
	conn_watch *w = watch_of(conn);
	if (!w)
		return;
	pthread_mutex_lock(&g_watch_mu);
	watch_unlink(w);
	pthread_mutex_unlock(&g_watch_mu);
}

/* A request ended; a kept-alive connection may wait idle, then gets the
 * header deadline for its next request. */
static void watch_request_done(struct MHD_Connection *conn)
{
	conn_watch *w = watch_of(conn);
	if (!w)
		return;
	pthread_mutex_lock(&g_watch_mu);
	watch_arm(w, now_us() + (uint64_t)(idle_timeout_s() + header_timeout_s()) * 1000000u);
	pthread_mutex_unlock(&g_watch_mu);
}

static void *watch_sweeper(void *arg)
{
	pthread_mutex_lock(&g_watch_mu);
	while (!g_watch_stop) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 250 * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&g_watch_cv, &g_watch_mu, &ts);
		uint64_t now = now_us();
		for (conn_watch *w = g_watch.next, *next; w != &g_watch; w = next) {
			next = w->next;
			if (w->deadline_us <= now) {
				shutdown(w->fd, SHUT_RDWR);
				watch_unlink(w);
			}
		}
	}
	pthread_mutex_unlock(&g_watch_mu);
	return NULL;
}

static http_req *req_new(struct MHD_Connection *conn, const char *method, const char *url)
{
	http_req *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	arena_init(&r->arena, 64u << 20);
	r->conn = conn;
	r->method = arena_strdup(&r->arena, method);
	r->path = arena_strdup(&r->arena, url);
	r->is_api = !strncmp(url, "/api/", 5);
	r->started_us = now_us();
	buf_init(&r->body, r->is_api ? HTTP_MAX_JSON_BODY : HTTP_MAX_FORM_BODY);
	buf_init(&r->out, 0);
	ctx_start(&r->ctx, NULL, &r->arena); /* the request's "now" */
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char ip[INET6_ADDRSTRLEN] = "-";
	if (ci && ci->client_addr) {
		if (ci->client_addr->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, ip,
			          sizeof ip);
		else if (ci->client_addr->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, ip,
			          sizeof ip);
	}
	r->client_ip = arena_strdup(&r->arena, ip);
	if (!r->method || !r->path || !r->client_ip) {
		arena_free(&r->arena);
		free(r);
		return NULL;
	}
	return r;
}

static void req_free(http_req *r)
{
	http_multipart_free(r); /* unlinks the uploaded temporary files */
	http_stream_drop(r);    /* a streamed body that was never handed over */
	buf_free(&r->body);
	buf_free(&r->out);
	arena_free(&r->arena);
	free(r);
}

static enum MHD_Result queue(http_req *r)
{
	struct MHD_Response *resp;
	if (r->stream_read) {
		/* From here libmicrohttpd owns the stream and frees it. */
		resp = MHD_create_response_from_callback(r->stream_size, 64 * 1024, r->stream_read,
		                                         r->stream_arg, r->stream_free);
		if (resp) {
			r->stream_free = NULL;
			r->stream_read = NULL;
		}
	} else if (r->static_data)
		resp = MHD_create_response_from_buffer(r->static_len, (void *)r->static_data,
		                                       MHD_RESPMEM_PERSISTENT);
	else
		resp = MHD_create_response_from_buffer(r->out.len, r->out.data ? r->out.data : (void *)"",
		                                       MHD_RESPMEM_MUST_COPY);
	if (!resp)
		return MHD_NO;
	for (size_t i = 0; i < sizeof security_headers / sizeof security_headers[0]; i++)
		MHD_add_response_header(resp, security_headers[i][0], security_headers[i][1]);
	if (r->content_type)
		MHD_add_response_header(resp, "Content-Type", r->content_type);
	if (!r->static_data)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	for (int i = 0; i < r->nheaders; i++)
		MHD_add_response_header(resp, r->headers[i].key, r->headers[i].value);
	enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static int is_change(const http_req *r)
{
	return strcmp(r->method, "GET") && strcmp(r->method, "HEAD");
}

/* The body cap of a route. */
static size_t body_cap(const http_route *route)
{
	if (route->flags & ROUTE_MULTIPART)
		return HTTP_MAX_UPLOAD_BODY;
	if (route->flags & ROUTE_PUBLIC) /* no session: keep what anyone can make us hold small */
		return HTTP_MAX_PUBLIC_BODY;
	return route->flags & ROUTE_API ? HTTP_MAX_JSON_BODY : HTTP_MAX_FORM_BODY;
}

static tt_rc too_large(http_req *r, size_t cap)
{
	if (cap >= (100u << 20))
		return ctx_fail(&r->ctx, TT_ERR_TOO_LARGE, "Dữ liệu gửi lên vượt quá %zu MB.", cap >> 20);
	return ctx_fail(&r->ctx, TT_ERR_TOO_LARGE, "Dữ liệu gửi lên vượt quá %zu KiB.", cap / 1024);
}

/* Everything that can be decided on the headers, before any byte of the
 * body is read: origin, route, session, role, CSRF of API calls and
 * uploads, declared length. An answer queued now goes out without
 * "100 Continue", and libmicrohttpd closes the connection instead of
 * reading the body. Returns an error to answer with, or TT_OK with
 * *answered set when the request has its answer (405, redirect to the
 * login page), or TT_OK to go on and read the body. */
static tt_rc admit(http_req *r, int *answered)
{
	int mismatch;
	tt_rc rc;
	*answered = 0;
	if (is_change(r) && (rc = http_check_origin(r)))
		return rc;
	const http_route *route = route_match(r, r->method, r->path, &mismatch);
	if (!route) {
		if (mismatch) {
			r->status = 405;
			r->content_type = "application/json; charset=utf-8";
			*answered = 1;
			return buf_adds(&r->out, "{\"error\":{\"code\":\"method_not_allowed\","
			                         "\"message\":\"Phương thức không được hỗ trợ.\"}}");
		}
		return TT_ERR_NOT_FOUND;
	}
	r->route = route;
	r->is_api = (route->flags & ROUTE_API) != 0;
	r->body.cap = body_cap(route);
	if ((rc = http_check_query(r)))
		return rc;
	if (route->flags & ROUTE_PUBLIC && !strncmp(r->path, "/static/", 8))
		return TT_OK; /* assets need no database */
	if ((rc = thread_store(&r->db)))
		return rc;
	r->ctx.db = r->db;
	store_set_now(r->db, r->ctx.now);
	const char *token = http_cookie(r, "ttdn_session");
	if (token && auth_session(&r->ctx, token, &r->user, &r->csrf) == TT_OK) {
		r->authed = 1;
		r->session_token = token;
		r->ctx.user = &r->user;
	}
	if (!(route->flags & ROUTE_PUBLIC) && !r->authed) {
		if (!r->is_api) {
			*answered = 1;
			return http_redirect(
			    r, arena_printf(&r->arena, "/login?next=%s", page_url_escape(r, r->path)));
		}
		return TT_ERR_UNAUTH;
	}
	if (route->flags & ROUTE_ADMIN && (rc = web_require_admin(r)))
		return rc;
	if (route->flags & ROUTE_WRITER && (rc = perm_check(&r->ctx, PERM_IMPORT_DOCUMENT, 0)))
		return rc;
	/* A form carries its token in its (small) body; everything else on the
	 * headers, uploads also in the query of the form's action. */
	if (is_change(r) && !(route->flags & (ROUTE_NO_CSRF | ROUTE_FORM)) &&
	    (rc = http_check_csrf(r, (route->flags & ROUTE_MULTIPART) != 0)))
		return rc;
	const char *cl = http_header(r, "Content-Length");
	if (cl) {
		char *end;
		errno = 0;
		unsigned long long n = strtoull(cl, &end, 10);
		if (errno == ERANGE || n > body_cap(route))
			return too_large(r, body_cap(route));
	}
	if (route->flags & ROUTE_MULTIPART)
		return http_multipart_begin(r);
	return TT_OK;
}

/* Runs the route's handler once the body is complete, inside a read
 * transaction for reads. */
static tt_rc dispatch(http_req *r)
{
	tt_rc rc;
	const http_route *route = r->route;
	if (route->flags & ROUTE_PUBLIC && !strncmp(r->path, "/static/", 8))
		return route->handler(r);
	if (route->flags & ROUTE_MULTIPART && (rc = http_multipart_end(r)))
		return rc;
	if (route->flags & ROUTE_FORM && (rc = http_form_parse(r)))
		return rc;
	if (is_change(r) && route->flags & ROUTE_FORM && !(route->flags & ROUTE_NO_CSRF) &&
	    (rc = http_check_csrf(r, 0)))
		return rc;
	int reading = !is_change(r);
	/* A page or API read sees one snapshot and locks the database once. */
	if (reading && (rc = store_read_begin(r->db)))
		return rc;
	rc = route->handler(r);
	if (reading)
		store_read_end(r->db);
	return rc;
}

/* The path as logs show it: a calendar feed's address carries its secret
 * token (the credential of the feed), which no log keeps. */
static const char *logged_path(const http_req *r)
{
	return strncmp(r->path, "/calendar/", 10) ? r->path : "/calendar/(token).ics";
}

/* Turns an error into the response: JSON for the API, a page for the rest. */
static void answer_error(http_req *r, tt_rc rc)
{
	r->nheaders = 0;
	r->static_data = NULL;
	http_stream_drop(r);
	if (rc == TT_ERR_DB || rc == TT_ERR_NOMEM || rc == TT_ERR_IO)
		log_error("%s %s failed: %s", r->method, logged_path(r), tt_rc_name(rc));
	if (r->is_api || !strncmp(r->path, "/api/", 5))
		http_json_error(r, rc);
	else
		page_error(r, rc);
}

/* Takes one piece of the body: multipart goes through its parser into
 * temporary files, the rest into the capped body buffer. Past an error or
 * the cap the bytes are dropped, so the client still gets an answer once it
 * has sent everything; a body that goes on far past its cap (possible only
 * without a declared length) closes the connection. */
static enum MHD_Result take_body(http_req *r, const char *data, size_t n)
{
	const http_route *route = r->route;
	r->received += n;
	if (r->received > (uint64_t)body_cap(route) + HTTP_DISCARD_SLACK)
		return MHD_NO;
	if (route->flags & ROUTE_MULTIPART)
		http_multipart_feed(r, data, n);
	else if (!r->body_too_large && buf_add(&r->body, data, n) != TT_OK)
		r->body_too_large = 1;
	return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
	http_req *r = *con_cls;
	tt_rc rc;
	if (!r) {
		r = req_new(conn, method, url);
		if (!r)
			return MHD_NO;
		*con_cls = r;
		int answered;
		rc = admit(r, &answered);
		/* The deadline stops with the headers, except for the small
		 * bodies anyone may send (login): those must arrive in time too. */
		const http_route *route = r->route;
		if (!route || !(route->flags & ROUTE_PUBLIC))
			watch_headers_done(conn);
		if (rc)
			answer_error(r, rc);
		if (rc || answered)
			return queue(r); /* before the body: no 100 Continue, body not read */
		return MHD_YES;
	}
	if (*upload_data_size) {
		enum MHD_Result ok = take_body(r, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return ok;
	}
	watch_headers_done(conn);
	if (r->body_too_large)
		rc = too_large(r, r->body.cap);
	else
		rc = dispatch(r);
	if (rc)
		answer_error(r, rc);
	return queue(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	http_req *r = *con_cls;
	watch_request_done(conn);
	if (!r)
		return;
	if (g_cfg->access_log) {
		uint64_t bytes = r->stream_size   ? r->stream_size
		                 : r->static_data ? r->static_len
		                                  : r->out.len;
		fprintf(g_cfg->access_log, "%s \"%s %s\" %d %llu %.1fms\n", r->client_ip, r->method, logged_path(r),
		        r->status, (unsigned long long)bytes, (double)(now_us() - r->started_us) / 1000.0);
	}
	req_free(r);
	*con_cls = NULL;
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n'))
		msg[--n] = '\0';
	/* Clients that go away mid-request, and the header deadline (which
	 * shuts the socket down, so it looks the same), are routine: under a
	 * slow-client attack they would flood the log. */
	if (strstr(msg, "closed by remote side"))
		return;
	log_warn("http: %s", msg);
}

static tt_rc parse_listen(const char *listen, struct sockaddr_in *sa)
{
	const char *colon = strrchr(listen, ':');
	char host[64];
	if (!colon || (size_t)(colon - listen) >= sizeof host)
		return TT_ERR_INVALID;
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end || port < 0 || port > 65535)
		return TT_ERR_INVALID;
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	if (!*host || !strcmp(host, "localhost"))
		memcpy(host, "127.0.0.1", sizeof "127.0.0.1");
	if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		return TT_ERR_INVALID;
	return TT_OK;
}

static void watch_sweeper_stop(pthread_t sweeper)
{
	pthread_mutex_lock(&g_watch_mu);
	g_watch_stop = 1;
	pthread_cond_signal(&g_watch_cv);
	pthread_mutex_unlock(&g_watch_mu);
	pthread_join(sweeper, NULL);
}

/* Raises the open-file limit to its hard limit and returns a connection
 * limit that leaves room for the database, logs and uploads: thousands of
 * held connections must not lock everyone else out. */
static unsigned connection_limit(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl))
		return 1024;
	if (rl.rlim_cur < rl.rlim_max) {
		rlim_t want = rl.rlim_max == RLIM_INFINITY ? 65536 : rl.rlim_max;
		struct rlimit up = {want, rl.rlim_max};
		if (!setrlimit(RLIMIT_NOFILE, &up))
			rl.rlim_cur = want;
	}
	rlim_t n = rl.rlim_cur == RLIM_INFINITY ? 65536 : rl.rlim_cur;
	if (n <= 128)
		return 64;
	n -= 64;
	return n > 10000 ? 10000 : (unsigned)n;
}

tt_rc server_run(const server_config *cfg)
{
	struct sockaddr_in sa;
	sigset_t set;
	int sig;
	g_cfg = cfg;
	if (parse_listen(cfg->listen, &sa)) {
		log_error("--listen must be ADDR:PORT, e.g. 127.0.0.1:8080");
		return TT_ERR_INVALID;
	}
	if (pthread_key_create(&g_store_key, store_key_free))
		return TT_ERR_NOMEM;
	/* Block the signals before MHD starts its threads so they inherit the
	 * mask and only sigwait() below sees them. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned threads = (unsigned)(cfg->threads > 0 ? cfg->threads : cores > 0 ? cores : 2);
	unsigned max_conn = cfg->max_connections > 0 ? (unsigned)cfg->max_connections : connection_limit();
	pthread_t sweeper;
	g_watch_stop = 0;
	if (pthread_create(&sweeper, NULL, watch_sweeper, NULL))
		return TT_ERR_NOMEM;
	struct MHD_Daemon *d = MHD_start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, NULL, NULL, on_request,
	    NULL, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT, max_conn,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)(cfg->max_per_ip > 0 ? cfg->max_per_ip : 256),
	    MHD_OPTION_CONNECTION_TIMEOUT, idle_timeout_s(), MHD_OPTION_CONNECTION_MEMORY_LIMIT,
	    (size_t)(32 * 1024), MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
	    MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL, MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
	    MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u, MHD_OPTION_END);
	if (!d) {
		log_error("cannot listen on %s", cfg->listen);
		watch_sweeper_stop(sweeper);
		return TT_ERR_IO;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char host[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &sa.sin_addr, host, sizeof host);
	printf("ttdn: listening on http://%s:%u\n", host, di ? di->port : ntohs(sa.sin_port));
	fflush(stdout);
	log_info("serving %s with %u threads, up to %u connections", cfg->db_location, threads, max_conn);
	sigwait(&set, &sig);
	log_info("signal %d: shutting down", sig);
	watch_sweeper_stop(sweeper);
	MHD_stop_daemon(d);
	pthread_key_delete(g_store_key);
	return TT_OK;
}
