/* buf.c - growable capped buffers (see buf.h). */
#include "base/buf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(tt_buf *b, size_t cap)
{
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
	b->cap = cap;
}

void buf_free(tt_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->alloc = 0;
}

void buf_reset(tt_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

static tt_rc buf_grow(tt_buf *b, size_t need)
{
	if (b->cap && b->len + need > b->cap)
		return TT_ERR_TOO_LARGE;
	if (b->len + need + 1 <= b->alloc)
		return TT_OK;
	size_t n = b->alloc ? b->alloc : 64;
	while (n < b->len + need + 1) {
		if (n > ((size_t)-1) / 2)
			return TT_ERR_NOMEM;
		n *= 2;
	}
	char *p = realloc(b->data, n);
	if (!p)
		return TT_ERR_NOMEM;
	b->data = p;
	b->alloc = n;
	return TT_OK;
}

tt_rc buf_add(tt_buf *b, const void *p, size_t n)
{
	tt_rc rc = buf_grow(b, n);
	if (rc)
		return rc;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return TT_OK;
}

tt_rc buf_adds(tt_buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

tt_rc buf_addc(tt_buf *b, char c)
{
	return buf_add(b, &c, 1);
}

tt_rc buf_vprintf(tt_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return TT_ERR_INVALID;
	tt_rc rc = buf_grow(b, (size_t)n);
	if (rc)
		return rc;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return TT_OK;
}

tt_rc buf_printf(tt_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tt_rc rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

char *buf_detach(tt_buf *b, size_t *len)
{
	if (!b->data && buf_grow(b, 0) != TT_OK)
		return NULL;
	if (b->len == 0)
		b->data[0] = '\0';
	char *p = b->data;
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->alloc = 0;
	return p;
}

tt_rc buf_read_file(tt_buf *b, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return errno == ENOENT ? TT_ERR_NOT_FOUND : TT_ERR_IO;
	tt_rc rc = TT_OK;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		rc = buf_add(b, chunk, n);
		if (rc)
			goto out;
	}
	if (ferror(f))
		rc = TT_ERR_IO;
out:
	fclose(f);
	return rc;
}
