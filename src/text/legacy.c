/* legacy.c - TCVN3 and VNI to Unicode (see legacy.h). */
#include "text/legacy.h"

legacy_enc legacy_detect(const char *s, size_t n, int is_utf8)
{
	(void)s;
	(void)n;
	(void)is_utf8;
	return LEGACY_NONE;
}

tt_rc legacy_to_utf8(const char *s, size_t n, int is_utf8, legacy_enc e, tt_buf *out)
{
	(void)is_utf8;
	(void)e;
	return buf_add(out, s, n);
}

const char *legacy_name(legacy_enc e)
{
	return e == LEGACY_TCVN3 ? "TCVN3" : e == LEGACY_VNI ? "VNI" : "utf-8";
}
