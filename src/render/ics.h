/* ics.h - a calendar feed as iCalendar text (RFC 5545), written by libical. */
#ifndef TT_ICS_H
#define TT_ICS_H

#include <time.h>

#include "base/buf.h"
#include "core/calendar.h"

/* Writes feed f as a VCALENDAR into out: one all-day VEVENT per event
 * (DTSTART;VALUE=DATE the deadline, DTEND the day after) with a display
 * VALARM CALENDAR_ALARM_DAYS days before; stamped now. Lines end in CRLF
 * and are folded at 75 octets, never inside a UTF-8 sequence. */
tt_rc ics_write(const calendar_feed_t *f, time_t now, tt_buf *out);

#endif
