/* ui_calendar.c - the calendar feed at its secret address: no session, the
 * token in the path is the credential (core/calendar.h). Any token that
 * does not open a feed is answered 404, the same for every reason. */
#include <string.h>

#include "core/calendar.h"
#include "render/ics.h"
#include "web/page.h"
#include "web/routes.h"

tt_rc ui_calendar_feed(http_req *r)
{
	calendar_feed_t f;
	tt_rc rc = calendar_feed(&r->ctx, r->params[0], &f);
	if (rc)
		return rc == TT_ERR_FORBIDDEN || rc == TT_ERR_UNAUTH ? TT_ERR_NOT_FOUND : rc;
	buf_reset(&r->out);
	if ((rc = ics_write(&f, r->ctx.now, &r->out)))
		return rc;
	r->status = 200;
	r->content_type = "text/calendar; charset=utf-8";
	http_set_header(r, "Cache-Control", "private, no-cache");
	http_set_header(r, "Content-Disposition", "inline; filename=\"ttdn.ics\"");
	return TT_OK;
}
