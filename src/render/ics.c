/* ics.c - the calendar feed in iCalendar (see ics.h). libical builds the
 * components and writes them: it escapes text values and folds long lines.
 * Only its reentrant calls (_r, caller frees) are used, since the server
 * writes feeds on several threads. */
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

#include "render/ics.h"

static struct icaltimetype date_of(const char *iso)
{
	struct icaltimetype t = icaltime_null_date();
	/* iso is a valid YYYY-MM-DD (the caller's contract). */
	t.year = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0');
	t.month = (iso[5] - '0') * 10 + (iso[6] - '0');
	t.day = (iso[8] - '0') * 10 + (iso[9] - '0');
	t.is_date = 1;
	return t;
}

static int iso_date(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

static icalcomponent *event_of(const calendar_event *e, struct icaltimetype stamp)
{
	struct icaltimetype start = date_of(e->date), end = start;
	icaltime_adjust(&end, 1, 0, 0, 0);
	icalcomponent *ev = icalcomponent_new_vevent();
	if (!ev)
		return NULL;
	icalcomponent_add_property(ev, icalproperty_new_uid(e->uid));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp));
	icalcomponent_add_property(ev, icalproperty_new_dtstart(start));
	icalcomponent_add_property(ev, icalproperty_new_dtend(end));
	icalcomponent_add_property(ev, icalproperty_new_summary(e->summary));
	icalcomponent_add_property(ev, icalproperty_new_description(e->description));
	icalcomponent_add_property(ev, icalproperty_new_url(e->url));
	icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));

	struct icaltriggertype trig;
	memset(&trig, 0, sizeof trig);
	trig.time = icaltime_null_time();
	trig.duration = icaldurationtype_null_duration();
	trig.duration.is_neg = 1;
	trig.duration.days = CALENDAR_ALARM_DAYS;
	icalcomponent *al = icalcomponent_new_valarm();
	if (al) {
		icalcomponent_add_property(al, icalproperty_new_action(ICAL_ACTION_DISPLAY));
		icalcomponent_add_property(al, icalproperty_new_trigger(trig));
		icalcomponent_add_property(al, icalproperty_new_description(e->summary));
		icalcomponent_add_component(ev, al);
	}
	return ev;
}

tt_rc ics_write(const calendar_feed_t *f, time_t now, tt_buf *out)
{
	icalcomponent *cal = icalcomponent_new_vcalendar();
	if (!cal)
		return TT_ERR_NOMEM;
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_prodid("-//ttdn//Lich han nop//VI"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	icalproperty *name = icalproperty_new_x(f->name ? f->name : "ttdn");
	if (name) {
		icalproperty_set_x_name(name, "X-WR-CALNAME");
		icalcomponent_add_property(cal, name);
	}
	struct icaltimetype stamp = icaltime_from_timet_with_zone(now, 0, icaltimezone_get_utc_timezone());
	tt_rc rc = TT_OK;
	for (size_t i = 0; !rc && i < f->n; i++) {
		if (!iso_date(f->events[i].date))
			continue; /* a deadline that is not a day cannot be placed */
		icalcomponent *ev = event_of(&f->events[i], stamp);
		if (!ev)
			rc = TT_ERR_NOMEM;
		else
			icalcomponent_add_component(cal, ev);
	}
	char *text = rc ? NULL : icalcomponent_as_ical_string_r(cal);
	if (!rc && !text)
		rc = TT_ERR_NOMEM;
	if (!rc)
		rc = buf_add(out, text, strlen(text));
	free(text);
	icalcomponent_free(cal);
	return rc;
}
