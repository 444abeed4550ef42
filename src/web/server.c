/* server.c - runs libmicrohttpd, owns each request's lifecycle (arena, body
 * with a size cap, session, CSRF, dispatch, security headers, access log)
 * and the per-thread database connections. */
#include "web/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/time.h>
#include <unistd.h>

#include "base/log.h"
#include "core/auth.h"
#include "web/page.h"
#include "web/routes.h"

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
	int upload =
	    !strcmp(method, "POST") && (!strcmp(url, "/documents") || !strcmp(url, "/api/v1/documents"));
	buf_init(&r->body, upload      ? HTTP_MAX_UPLOAD_BODY
	                   : r->is_api ? HTTP_MAX_JSON_BODY
	                               : HTTP_MAX_FORM_BODY);
	buf_init(&r->out, 0);
	r->ctx.arena = &r->arena;
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
	return r;
}

static void req_free(http_req *r)
{
	for (size_t i = 0; i < r->nfiles; i++)
		buf_free(&r->files[i].data);
	buf_free(&r->body);
	buf_free(&r->out);
	arena_free(&r->arena);
	free(r);
}

static enum MHD_Result queue(http_req *r)
{
	struct MHD_Response *resp;
	if (r->static_data)
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

static tt_rc dispatch_authed(http_req *r, const http_route *route);

/* Finds the route and runs it, inside a read transaction for reads. */
static tt_rc dispatch(http_req *r)
{
	int mismatch;
	tt_rc rc;
	const http_route *route = route_match(r, r->method, r->path, &mismatch);
	if (!route) {
		if (mismatch) {
			r->status = 405;
			r->content_type = "application/json; charset=utf-8";
			return buf_adds(&r->out, "{\"error\":{\"code\":\"method_not_allowed\","
			                         "\"message\":\"Phương thức không được hỗ trợ.\"}}");
		}
		return TT_ERR_NOT_FOUND;
	}
	r->is_api = (route->flags & ROUTE_API) != 0;
	if (route->flags & ROUTE_PUBLIC && !strncmp(r->path, "/static/", 8))
		return route->handler(r); /* assets need no database */
	if ((rc = thread_store(&r->db)))
		return rc;
	r->ctx.db = r->db;
	int reading = !strcmp(r->method, "GET") || !strcmp(r->method, "HEAD");
	/* A page or API read sees one snapshot and locks the database once. */
	if (reading && (rc = store_read_begin(r->db)))
		return rc;
	rc = dispatch_authed(r, route);
	if (reading)
		store_read_end(r->db);
	return rc;
}

/* Authenticates, checks CSRF and runs the handler. */
static tt_rc dispatch_authed(http_req *r, const http_route *route)
{
	tt_rc rc;
	const char *token = http_cookie(r, "ttdn_session");
	if (token && auth_session(&r->ctx, token, &r->user, &r->csrf) == TT_OK) {
		r->authed = 1;
		r->session_token = token;
		r->ctx.user = &r->user;
	}
	if (!(route->flags & ROUTE_PUBLIC) && !r->authed) {
		if (!r->is_api)
			return http_redirect(
			    r, arena_printf(&r->arena, "/login?next=%s", page_url_escape(r, r->path)));
		return TT_ERR_UNAUTH;
	}
	if (route->flags & ROUTE_FORM && (rc = http_form_parse(r)))
		return rc;
	if (route->flags & ROUTE_MULTIPART) {
		http_file *files;
		size_t nfiles;
		if ((rc = http_multipart(r, &files, &nfiles)))
			return rc;
	}
	int change = strcmp(r->method, "GET") && strcmp(r->method, "HEAD");
	if (change && !(route->flags & ROUTE_NO_CSRF) && (rc = http_check_csrf(r)))
		return rc;
	return route->handler(r);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
	http_req *r = *con_cls;
	if (!r) {
		r = req_new(conn, method, url);
		if (!r)
			return MHD_NO;
		*con_cls = r;
		const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		if (cl && strtoull(cl, NULL, 10) > r->body.cap)
			r->body_too_large = 1;
		return MHD_YES; /* answering later keeps the connection alive */
	}
	if (*upload_data_size) {
		if (!r->body_too_large && buf_add(&r->body, upload_data, *upload_data_size) != TT_OK)
			r->body_too_large = 1;
		*upload_data_size = 0;
		return MHD_YES;
	}
	tt_rc rc;
	if (r->body_too_large)
		rc = ctx_fail(&r->ctx, TT_ERR_TOO_LARGE, "Dữ liệu gửi lên vượt quá %zu KiB.",
		              r->body.cap / 1024);
	else
		rc = dispatch(r);
	if (rc) {
		r->nheaders = 0;
		r->static_data = NULL;
		if (rc == TT_ERR_DB || rc == TT_ERR_NOMEM || rc == TT_ERR_IO)
			log_error("%s %s failed: %s", r->method, r->path, tt_rc_name(rc));
		if (r->is_api || !strncmp(r->path, "/api/", 5))
			http_json_error(r, rc);
		else
			page_error(r, rc);
	}
	return queue(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	http_req *r = *con_cls;
	if (!r)
		return;
	if (g_cfg->access_log) {
		size_t bytes = r->static_data ? r->static_len : r->out.len;
		fprintf(g_cfg->access_log, "%s \"%s %s\" %d %zu %.1fms\n", r->client_ip, r->method, r->path,
		        r->status, bytes, (double)(now_us() - r->started_us) / 1000.0);
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
	struct MHD_Daemon *d = MHD_start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, NULL, NULL, on_request,
	    NULL, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT,
	    (unsigned)(cfg->max_connections > 0 ? cfg->max_connections : 1024),
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)(cfg->max_per_ip > 0 ? cfg->max_per_ip : 256),
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)(cfg->timeout_s > 0 ? cfg->timeout_s : 30),
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024), MHD_OPTION_NOTIFY_COMPLETED,
	    on_completed, NULL, MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u, MHD_OPTION_END);
	if (!d) {
		log_error("cannot listen on %s", cfg->listen);
		return TT_ERR_IO;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char host[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &sa.sin_addr, host, sizeof host);
	printf("ttdn: listening on http://%s:%u\n", host, di ? di->port : ntohs(sa.sin_port));
	fflush(stdout);
	log_info("serving %s with %u threads", cfg->db_location, threads);
	sigwait(&set, &sig);
	log_info("signal %d: shutting down", sig);
	MHD_stop_daemon(d);
	pthread_key_delete(g_store_key);
	return TT_OK;
}
