/* form.h - the pure parts of reading request bodies: URL decoding, the
 * urlencoded form parser, and the accumulation of multipart parts into
 * capped text fields and temporary files.
 *
 * Nothing here knows libmicrohttpd or a connection: the server feeds these
 * functions plain bytes, and so do the unit tests and the fuzz targets.
 * Strings are allocated from the caller's arena; text fields grow in capped
 * tt_bufs and files go to temporary files, both released by
 * form_parts_free(). */
#ifndef TT_FORM_H
#define TT_FORM_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"

typedef struct {
	const char *key;
	const char *value;
} http_kv;

/* A file part of a multipart/form-data body, stored in a temporary file
 * (mode 0600, "ttdn-upload-XXXXXX" under $TMPDIR or /tmp) that is unlinked
 * when the request is freed. */
typedef struct {
	const char *field;
	const char *filename;
	const char *path;
	size_t size; /* bytes received; the file holds at most the per-file cap */
} http_file;

/* Decodes one urlencoded component: '+' is a space, %XX a byte; a '%' not
 * followed by two hex digits stays as it is. Returns an arena string (NULL
 * when out of memory); *len gets the decoded length, which is larger than
 * strlen() when the input encoded a NUL byte. */
char *form_url_decode(tt_arena *a, const char *s, size_t n, size_t *len);

/* Parses an application/x-www-form-urlencoded body into an arena array.
 * Keys and values must be UTF-8 without NUL bytes. On error returns
 * TT_ERR_UTF8, TT_ERR_INVALID or TT_ERR_NOMEM and *why says why in
 * Vietnamese (static string); *out and *nout are set only on success. */
tt_rc form_parse_urlencoded(tt_arena *a, const char *s, size_t n, http_kv **out, size_t *nout,
                            const char **why);

typedef struct {
	size_t max_text;    /* bytes of one text field */
	size_t max_fields;  /* number of text fields */
	size_t max_file;    /* bytes kept of one file (more is counted, not kept) */
	size_t max_files;   /* number of files */
	uint64_t max_total; /* bytes of all parts together */
	const char *tmpdir; /* NULL: $TMPDIR, else /tmp */
} form_limits;

typedef struct {
	const char *key;
	tt_buf value;
} form_text;

/* The multipart parts of one request as they arrive. */
typedef struct {
	tt_arena *arena;
	form_limits lim;
	form_text *text;
	size_t ntext, cap_text;
	http_file *files;
	int *fds; /* open descriptor of each file while it is written, else -1 */
	size_t nfiles, cap_files;
	int cur;          /* kind of the current part: 0 none, 1 text, 2 file */
	uint64_t cur_len; /* bytes of the current part so far */
	uint64_t total;
	tt_rc rc;        /* first error, sticky */
	const char *why; /* its message (arena or static) */
} form_parts;

void form_parts_init(form_parts *p, tt_arena *a, const form_limits *lim);

/* Takes one piece of a part as a multipart parser delivers it: key is the
 * field name, filename is non-NULL for a file, off is the piece's offset
 * inside its part. A piece at offset 0 after bytes of the current part, or
 * with another name, starts a new part. Returns TT_OK or the first error
 * (TT_ERR_TOO_LARGE over a cap, TT_ERR_UTF8 for a name that is not UTF-8,
 * TT_ERR_INVALID, TT_ERR_IO, TT_ERR_NOMEM); the error sticks and p->why
 * says why in Vietnamese. */
tt_rc form_parts_add(form_parts *p, const char *key, const char *filename, uint64_t off, const char *data,
                     size_t size);

/* Ends the body: closes the files, checks the text fields (UTF-8, no NUL)
 * and hands out the text fields and the files as arena arrays (file parts
 * without a name and without bytes, an empty file input, are left out).
 * The temporary files stay until form_parts_free(). */
tt_rc form_parts_finish(form_parts *p, http_kv **form, size_t *nform, http_file **files, size_t *nfiles);

/* Closes and unlinks the temporary files and frees the text buffers. Safe
 * to call more than once. */
void form_parts_free(form_parts *p);

#endif
