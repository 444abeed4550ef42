/* mail.h - e-mail through an SMTP server (libcurl), for reminders.
 *
 * A message is UTF-8 plain text: the subject is encoded (RFC 2047), the body
 * travels in base64, and every header value is either checked (addresses:
 * no CR, LF, <, > or spaces) or encoded, so no user text can add a header. */
#ifndef TT_MAIL_H
#define TT_MAIL_H

#include <time.h>

#include "base/buf.h"
#include "base/err.h"

/* 1 when addr looks like an e-mail address: local@domain.tld, at most 254
 * bytes, printable ASCII without spaces, quotes, CR/LF, <, > or commas. */
int mail_address_valid(const char *addr);
/* 1 when url is smtp://host[:port][/...] or smtps://... */
int mail_url_valid(const char *url);

/* Writes the whole message (headers CRLF, blank line, base64 body) into
 * out. TT_ERR_INVALID when an address is not valid or text not UTF-8. */
tt_rc mail_build(tt_buf *out, const char *from, const char *to, const char *subject, const char *body,
                 time_t date);

/* Sends a built message to one recipient through smtp_url. TT_ERR_IO with
 * a short English reason in why (for logs) when the server refuses. */
tt_rc mail_send(const char *smtp_url, const char *from, const char *to, const tt_buf *msg, char why[256]);

#endif
