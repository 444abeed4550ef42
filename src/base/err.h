/* err.h - the one project-wide error code.
 *
 * Every function that can fail returns tt_rc. tt_rc_name() gives the stable
 * English code used in JSON errors and logs; tt_rc_message() gives the
 * Vietnamese default message shown to a user. The mapping from tt_rc to an
 * HTTP status lives in src/web/ (http_status_of), nowhere else. */
#ifndef TT_ERR_H
#define TT_ERR_H

typedef enum {
	TT_OK = 0,
	TT_ERR_NOMEM,       /* allocation failed */
	TT_ERR_INVALID,     /* a value the caller gave is wrong */
	TT_ERR_UTF8,        /* text is not valid UTF-8 */
	TT_ERR_JSON,        /* body is not valid JSON */
	TT_ERR_TOO_LARGE,   /* input exceeds a size limit */
	TT_ERR_NOT_FOUND,   /* no such object (or not visible to the caller) */
	TT_ERR_UNAUTH,      /* not logged in */
	TT_ERR_FORBIDDEN,   /* logged in but not allowed */
	TT_ERR_CSRF,        /* missing or wrong CSRF token */
	TT_ERR_CONFLICT,    /* state does not allow it (e.g. already submitted) */
	TT_ERR_THROTTLED,   /* too many attempts, try later */
	TT_ERR_IO,          /* file or OS error */
	TT_ERR_DB,          /* storage engine error */
	TT_ERR_PARSE,       /* a document or file could not be read */
	TT_ERR_UNSUPPORTED, /* a format or feature that is not available */
	TT_ERR_BUSY,        /* the server is at capacity (the import queue is full), try later */
	/* the object changed since the version the caller saw (If-Match) */
	TT_ERR_PRECONDITION,
	TT_ERR__COUNT
} tt_rc;

/* Stable English code, e.g. "not_found". Never NULL. */
const char *tt_rc_name(tt_rc rc);
/* Default Vietnamese message for users. Never NULL. */
const char *tt_rc_message(tt_rc rc);

#endif
