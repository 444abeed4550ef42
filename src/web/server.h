/* server.h - the HTTP server: libmicrohttpd with a thread pool and epoll. */
#ifndef TT_SERVER_H
#define TT_SERVER_H

#include <stdio.h>

#include "base/err.h"

typedef struct {
	const char *db_location;
	const char *listen;   /* "ADDR:PORT"; port 0 picks a free one */
	int threads;          /* 0 = number of cores */
	int max_connections;  /* 0 = from the open-file limit, at most 10000 */
	int max_per_ip;       /* 0 = 256 */
	int timeout_s;        /* idle timeout; 0 = 30 s */
	int header_timeout_s; /* time to send a request's headers; 0 = 10 s */
	FILE *access_log;     /* NULL = no access log */
} server_config;

/* Serves until SIGTERM or SIGINT, then shuts down cleanly. Prints
 * "ttdn: listening on http://ADDR:PORT" on stdout once ready. */
tt_rc server_run(const server_config *cfg);

#endif
