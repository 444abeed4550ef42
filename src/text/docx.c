/* docx.c - text of .docx files (see docx.h). */
#include "text/docx.h"

#include <stdio.h>

tt_rc docx_read(const char *data, size_t n, tt_buf *out, char *msg, size_t msglen)
{
	(void)data;
	(void)n;
	(void)out;
	if (msg)
		snprintf(msg, msglen, "docx not yet supported");
	return TT_ERR_UNSUPPORTED;
}
