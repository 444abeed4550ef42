/* date.h - dates the way Vietnamese documents write them. */
#ifndef TT_RENDER_DATE_H
#define TT_RENDER_DATE_H

#include "base/buf.h"

/* "2026-01-05" -> "ngày 05 tháng 01 năm 2026" (Decree 30: leading zero
 * for days below 10 and months 1 and 2). Also accepts a full UTC timestamp,
 * which is shown in Vietnam time. Invalid input is copied as is. */
tt_rc date_vn_long(tt_buf *b, const char *iso);
/* "2026-01-05" -> "05/01/2026"; a UTC timestamp -> "05/01/2026 14:30"
 * (Vietnam time). */
tt_rc date_vn_short(tt_buf *b, const char *iso);

#endif
