/* remind.h - reminders by e-mail to the reporters of bodies whose report is
 * not submitted, and the settings they use.
 *
 * Scheduled (`ttdn remind`, the system): for each report not submitted, one
 * mail of each kind at most: "before" (due within 3 days), "due" (the due
 * day) and "overdue" (after it, for rounds due at most 30 days ago), by
 * Vietnam date of ctx->now. Manual (the
 * round page's button): kind "manual", again at most once an hour per
 * report. Each reminder is claimed in reminder_sent inside the write
 * transaction that decides it; its unique key makes two racing runs send it
 * once. The mails go out after the commit: a mail that fails is logged and
 * counted, not retried. */
#ifndef TT_REMIND_H
#define TT_REMIND_H

#include "core/ctx.h"

#define REMIND_BEFORE_DAYS 3
#define REMIND_OVERDUE_DAYS 30
#define REMIND_MANUAL_AGAIN_SECONDS 3600

typedef struct {
	int reports; /* reports reminded (claimed) */
	int mails;   /* mails accepted by the SMTP server */
	int failed;  /* mails the server refused or could not take */
} remind_result;

/* round_id 0: the scheduled reminders of every round (system only);
 * round_id > 0: reminds now the bodies of that round that have not
 * submitted (PERM_MANAGE_ROUND on its owner). TT_ERR_CONFLICT when
 * smtp_url or smtp_from is not set. */
tt_rc remind_run(tt_ctx *ctx, int64_t round_id, remind_result *res);

/* The settings an administrator may set from the command line:
 * smtp_url (smtp:// or smtps://), smtp_from (an address) and base_url
 * (http:// or https://, the address of the site used in links). The
 * system only; audited. */
tt_rc setting_set(tt_ctx *ctx, const char *key, const char *value);
/* The value of one of those settings (arena), NULL when unset. */
tt_rc setting_get(tt_ctx *ctx, const char *key, const char **value);

#endif
