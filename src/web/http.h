/* http.h - one HTTP request as handlers see it, and how they answer.
 *
 * A request owns an arena (req->arena) freed when the request completes;
 * handlers allocate from it and never free. Handlers return a tt_rc: TT_OK
 * after they have set a response, or an error that http_fail() turns into a
 * JSON error (API) or an HTML error page (pages). */
#ifndef TT_HTTP_H
#define TT_HTTP_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "base/arena.h"
#include "base/buf.h"
#include "core/ctx.h"
#include "store/store.h"
#include "web/form.h"

#define HTTP_MAX_JSON_BODY (1u << 20)     /* 1 MiB */
#define HTTP_MAX_FORM_BODY (2u << 20)     /* 2 MiB */
#define HTTP_MAX_PUBLIC_BODY (16u << 10)  /* login: anyone may send it */
#define HTTP_MAX_UPLOAD_BODY (120u << 20) /* document uploads, several files */
#define HTTP_MAX_UPLOAD_FILES 100         /* files in one upload */
#define HTTP_MAX_TEXT_FIELD (64u << 10)   /* one text field of a multipart body */
#define HTTP_MAX_TEXT_FIELDS 32           /* text fields of a multipart body */
/* Without a declared length, a body over its cap is read and dropped up to
 * this much more (so the client still gets its 413), then the connection is
 * closed. */
#define HTTP_DISCARD_SLACK (16u << 20)
#define HTTP_MAX_PARAMS 4
#define HTTP_MAX_HEADERS 8

/* A streamed body: fills buf with up to max bytes from byte pos and
 * returns how many (at least 1), or HTTP_STREAM_ERROR to abort the
 * connection. Called from the connection's thread after the handler has
 * returned, its transaction ended and its thread's store serving other
 * requests, so it must use only what arg owns. */
typedef ssize_t (*http_stream_read)(void *arg, uint64_t pos, char *buf, size_t max);
typedef void (*http_stream_free)(void *arg);
#define HTTP_STREAM_ERROR ((ssize_t)-2) /* MHD_CONTENT_READER_END_WITH_ERROR */

typedef struct http_req {
	void *conn; /* struct MHD_Connection */
	tt_arena arena;
	const char *method;
	const char *path; /* without the query string */
	const char *client_ip;
	tt_buf body;       /* JSON and urlencoded bodies (not uploads) */
	uint64_t received; /* body bytes read so far */
	int body_too_large;
	const void *route; /* the matched http_route, set on the headers */
	int is_api;
	uint64_t started_us;

	store *db;
	tt_ctx ctx;
	st_user user;
	int authed;
	const char *session_token;
	const char *csrf;

	const char *params[HTTP_MAX_PARAMS]; /* path captures, in order */
	int nparams;

	http_kv *form; /* parsed urlencoded body (pages) */
	size_t nform;
	http_file *files; /* multipart files (temporary files, unlinked with the request) */
	size_t nfiles;
	struct http_upload *upload; /* multipart parser while the body arrives */

	/* response */
	int status;
	tt_buf out;
	const char *content_type;
	const char *static_data; /* when set, sent instead of out (not copied) */
	size_t static_len;
	http_kv headers[HTTP_MAX_HEADERS];
	int nheaders;
	/* when stream_read is set, the body comes from it (http_send_stream) */
	http_stream_read stream_read;
	http_stream_free stream_free;
	void *stream_arg;
	uint64_t stream_size;
} http_req;

/* Maps an error to its HTTP status. The only place that does. */
int http_status_of(tt_rc rc);

/* Request accessors. */
const char *http_query(http_req *r, const char *key);   /* URL query value or NULL */
const char *http_header(http_req *r, const char *name); /* request header or NULL */
const char *http_cookie(http_req *r, const char *name);
/* Parses the body as JSON; on failure returns TT_ERR_JSON / TT_ERR_UTF8 /
 * TT_ERR_TOO_LARGE with a detail set. The caller decrefs *out. */
tt_rc http_json_body(http_req *r, json_t **out);
/* Parses an application/x-www-form-urlencoded body into r->form. */
tt_rc http_form_parse(http_req *r);
/* First form value for key, or NULL. */
const char *http_form(http_req *r, const char *key);
/* Every value for key (arena array); returns the count. */
size_t http_form_all(http_req *r, const char *key, const char ***out);

/* TT_OK when no query value (or key) holds a NUL byte after decoding. */
tt_rc http_check_query(http_req *r);

/* A multipart/form-data body is parsed as it arrives: begin on the headers
 * (checks the Content-Type), feed each piece, end when the body is
 * complete. Text fields go to r->form, files to r->files (temporary files).
 * Errors set a Vietnamese detail; after one, later pieces are ignored.
 * http_multipart_free() (called by the server when the request is freed)
 * closes and unlinks the temporary files. */
tt_rc http_multipart_begin(http_req *r);
tt_rc http_multipart_feed(http_req *r, const char *data, size_t n);
tt_rc http_multipart_end(http_req *r);
void http_multipart_free(http_req *r);

/* Responses. */
void http_set_header(http_req *r, const char *key, const char *value);
tt_rc http_send_json(http_req *r, int status, json_t *j); /* steals j */
tt_rc http_send_text(http_req *r, int status, const char *type, const char *body, size_t len);
tt_rc http_redirect(http_req *r, const char *location);
/* Answers with a body of size bytes (the Content-Length) that read
 * produces a piece at a time while it is sent, so a body of any size takes
 * constant memory. free_fn(arg) is called exactly once: when the response
 * is done, or at once when it is never sent (an error answers instead). */
tt_rc http_send_stream(http_req *r, int status, const char *type, uint64_t size, http_stream_read read,
                       http_stream_free free_fn, void *arg);
/* Drops a streamed body set by http_send_stream (calls its free_fn). */
void http_stream_drop(http_req *r);
/* Streams a blob (size bytes) a chunk at a time, each chunk read by a
 * short statement on a database connection of the response's own, opened
 * here and closed when the response is done. */
tt_rc http_send_blob(http_req *r, const char *type, int64_t blob_id, int64_t size);
/* Opens a new connection to the served database (server.c); the caller
 * closes it with store_close. */
tt_rc http_store_open(store **out);
/* JSON error with the rc's code and the context's detail or default message. */
tt_rc http_json_error(http_req *r, tt_rc rc);
/* Error as JSON for the API, as a page for the rest. */
tt_rc http_fail(http_req *r, tt_rc rc);

/* Session cookie helpers. */
void http_set_session_cookie(http_req *r, const char *token);
void http_clear_session_cookie(http_req *r);
/* Verifies the CSRF token of a change: header X-CSRF-Token, else the form
 * field "csrf" (urlencoded forms), else the query parameter "csrf" when
 * allow_query (multipart uploads, whose body is checked only after it is
 * read). */
tt_rc http_check_csrf(http_req *r, int allow_query);
/* Refuses a change sent from another site: Sec-Fetch-Site "cross-site", or
 * an Origin other than the request's own (scheme from X-Forwarded-Proto,
 * else http; host from Host). Requests with neither header pass. */
tt_rc http_check_origin(http_req *r);

#endif
