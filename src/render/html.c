/* html.c - context-specific escapers for HTML output. */
#include "render/html.h"

#include <string.h>

static tt_rc escape(tt_buf *b, const char *s, int br)
{
	tt_rc rc = TT_OK;
	if (!s)
		return TT_OK;
	const char *run = s;
	for (const char *p = s; *p && !rc; p++) {
		const char *rep = NULL;
		switch (*p) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		case '\n': rep = br ? "<br>\n" : NULL; break;
		case '\r': rep = br ? "" : NULL; break;
		default: break;
		}
		if (!rep)
			continue;
		if ((rc = buf_add(b, run, (size_t)(p - run))))
			return rc;
		rc = buf_adds(b, rep);
		run = p + 1;
	}
	return rc ? rc : buf_adds(b, run);
}

tt_rc html_text(tt_buf *b, const char *s)
{
	return escape(b, s, 0);
}

tt_rc html_attr(tt_buf *b, const char *s)
{
	return escape(b, s, 0);
}

tt_rc html_text_br(tt_buf *b, const char *s)
{
	return escape(b, s, 1);
}

tt_rc html_url(tt_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	tt_rc rc = TT_OK;
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p && !rc; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.' || *p == '~')
			rc = buf_addc(b, (char)*p);
		else {
			char enc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			rc = buf_add(b, enc, 3);
		}
	}
	return rc;
}
