/* calendar.h - each user's calendar feed of deadlines, read by a phone's
 * calendar at a secret address (no session: the token is the credential).
 *
 * The token is the HMAC-SHA256 of the user and a random nonce under the
 * database's calendar_key (setting), in URL-safe base64 (43 characters).
 * The nonce and the token's SHA-256 are stored (calendar_token): lookups go
 * by the hash, and the address can be shown again to its owner. A new
 * nonce replaces the old address, which stops working at once. The feed
 * holds, for the token's owner:
 *  - each report their body has not submitted (draft or returned), due on
 *    the round's due day;
 *  - for those who manage their body's rounds, the due day of each round
 *    their body runs while some report is still missing;
 *  - the tasks of active plans their body leads whose deadline falls within
 *    the next 12 months and that are not done.
 * Rendering to iCalendar text is render/ics.c. */
#ifndef TT_CALENDAR_H
#define TT_CALENDAR_H

#include <stddef.h>

#include "core/ctx.h"

#define CALENDAR_NONCE_BYTES 16
#define CALENDAR_TOKEN_LEN 43 /* base64url of 32 bytes, no padding */
#define CALENDAR_ALARM_DAYS 3 /* the reminder, days before the deadline */
#define CALENDAR_TASK_DAYS 366 /* plan deadlines shown this far ahead */

typedef struct {
	const char *uid;         /* stable across feeds: "report-12@ttdn" */
	const char *date;        /* the deadline, YYYY-MM-DD (an all-day event) */
	const char *summary;     /* one line */
	const char *description; /* lines separated by \n */
	const char *url;         /* the page to act on */
} calendar_event;

typedef struct {
	const char *name; /* the calendar's name: "Hạn nộp – <body>" */
	calendar_event *events;
	size_t n;
} calendar_feed_t;

/* ctx->user's feed address and when it was made (arena), both NULL when
 * there is none. */
tt_rc calendar_created(tt_ctx *ctx, const char **created_at, const char **url);

/* Makes a new feed address for ctx->user, replacing the old one (audited
 * "calendar.rotate"). *url (arena) is the full address: the base_url
 * setting + "/calendar/" + token + ".ics". */
tt_rc calendar_rotate(tt_ctx *ctx, const char **url);

/* The feed of the user whose token this is. TT_ERR_NOT_FOUND for a token
 * of the wrong form, an unknown one (after a constant-time comparison) or
 * one of a disabled account. Reads as that user: ctx->user is set to them
 * for the call and put back after. */
tt_rc calendar_feed(tt_ctx *ctx, const char *token, calendar_feed_t *out);

#endif
