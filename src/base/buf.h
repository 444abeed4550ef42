/* buf.h - a length-carrying, growable byte buffer with a size cap.
 *
 * Anything fed from outside goes through a tt_buf with a cap, so a hostile
 * input cannot grow memory without bound. The data is always NUL-terminated
 * for convenience; len does not count the NUL. The owner calls buf_free(). */
#ifndef TT_BUF_H
#define TT_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "base/err.h"

typedef struct {
	char *data;
	size_t len;
	size_t alloc;
	size_t cap; /* 0 means unlimited */
} tt_buf;

void buf_init(tt_buf *b, size_t cap);
void buf_free(tt_buf *b);
void buf_reset(tt_buf *b);
tt_rc buf_add(tt_buf *b, const void *p, size_t n);
tt_rc buf_adds(tt_buf *b, const char *s);
tt_rc buf_addc(tt_buf *b, char c);
tt_rc buf_printf(tt_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
tt_rc buf_vprintf(tt_buf *b, const char *fmt, va_list ap);
/* Hands the data to the caller (free() it) and leaves b empty. */
char *buf_detach(tt_buf *b, size_t *len);

/* Reads a whole file into b (respecting b's cap). */
tt_rc buf_read_file(tt_buf *b, const char *path);

#endif
