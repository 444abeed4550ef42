/* html.h - escaping for HTML output, one function per context. Page code
 * never writes a user string without one of these. */
#ifndef TT_HTML_H
#define TT_HTML_H

#include "base/buf.h"

/* Text between tags: escapes & < > " '. NULL prints nothing. */
tt_rc html_text(tt_buf *b, const char *s);
/* A double-quoted attribute value: same set as text. */
tt_rc html_attr(tt_buf *b, const char *s);
/* A URL component (path segment or query value): percent-encodes all but
 * unreserved characters. */
tt_rc html_url(tt_buf *b, const char *s);
/* Text with line breaks kept as <br>. */
tt_rc html_text_br(tt_buf *b, const char *s);

#endif
