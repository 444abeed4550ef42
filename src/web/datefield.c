/* datefield.c - the date field of every form. A browser's own date input
 * reads what is typed in the order of the browser's locale, so
 * "15/12/2017" could become another day; here a date is a text field read
 * the Vietnamese way on the server (date_read_input), with a calendar
 * button beside it whose native picker fills the text field (app.js). */
#include <string.h>

#include "text/date.h"
#include "web/page.h"
#include "web/web_int.h"

void web_date_input(http_req *r, const char *id, const char *value, int required)
{
	web_date_input_named(r, id, id, value, required);
}

void web_date_input_named(http_req *r, const char *id, const char *name, const char *value, int required)
{
	char iso[11];
	P(r, "<span class=\"date-field\"><input type=\"text\" id=\"%s\" name=\"%s\" value=\"", id, name);
	if (value && *value) {
		/* A stored date in ISO form is shown day first; what was typed
		 * and refused is shown as typed, to be corrected. */
		if (strlen(value) == 10 && value[4] == '-' && date_read_input(value, iso) == DATE_IN_OK)
			P(r, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
		else
			A(r, value);
	}
	P(r, "\" inputmode=\"numeric\" autocomplete=\"off\" maxlength=\"20\" class=\"date-text\" "
	     "placeholder=\"");
	A(r, _("ngày/tháng/năm"));
	P(r, "\" data-date data-msg-format=\"");
	A(r, date_input_why(DATE_IN_FORMAT));
	P(r, "\" data-msg-ambiguous=\"");
	A(r, date_input_why(DATE_IN_AMBIGUOUS));
	P(r, "\" data-msg-invalid=\"");
	A(r, date_input_why(DATE_IN_INVALID));
	P(r, "\"%s", required ? " required" : "");
	P(r,
	  "\"><input type=\"date\" class=\"date-pick\" tabindex=\"-1\" aria-hidden=\"true\" data-for=\"%s\">"
	  "<button type=\"button\" class=\"secondary date-button\" data-date-for=\"%s\" title=\"",
	  id, id);
	A(r, _("Chọn ngày trên lịch"));
	P(r, "\" aria-label=\"");
	A(r, _("Chọn ngày trên lịch"));
	/* A drawn calendar: phones and servers do not all have an emoji font. */
	P(r, "\"><svg width=\"18\" height=\"18\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" fill=\"none\" "
	     "stroke=\"currentColor\" stroke-width=\"2\"><rect x=\"3\" y=\"5\" width=\"18\" height=\"16\" "
	     "rx=\"2\"/><path d=\"M3 10h18M8 3v4M16 3v4\"/></svg></button></span>");
}

tt_rc web_form_date(http_req *r, const char *name, const char *label, int required, int from_query,
                    const char **iso)
{
	const char *v = from_query ? http_query(r, name) : http_form(r, name);
	char out[11];
	date_input e = date_read_input(v, out);
	if (e == DATE_IN_EMPTY && !required) {
		*iso = NULL;
		return TT_OK;
	}
	if (e != DATE_IN_OK && e != DATE_IN_EMPTY)
		return ctx_fail(&r->ctx, TT_ERR_INVALID, "%s “%s”: %s", label, v, date_input_why(e));
	if (e != DATE_IN_OK)
		return ctx_fail(&r->ctx, TT_ERR_INVALID, "%s: %s", label, date_input_why(e));
	const char *s = arena_strdup(&r->arena, out);
	if (!s)
		return TT_ERR_NOMEM;
	*iso = s;
	return TT_OK;
}

const char *web_typed_day(http_req *r, const char *s)
{
	char out[11];
	if (date_read_input(s, out) != DATE_IN_OK)
		return NULL;
	return arena_strdup(&r->arena, out);
}
