/* plan_int.h - what plan.c (reading, status, progress, edits) and
 * plan_make.c (making plans, resolving bodies) share inside core. */
#ifndef TT_PLAN_INT_H
#define TT_PLAN_INT_H

#include "core/plan.h"

/* Text from a user: valid UTF-8, stored as NFC, within max bytes; what
 * names the field in the message. NULL in gives NULL out. */
tt_rc plan_clean_text(tt_ctx *ctx, const char *in, size_t max, const char *what, const char **out);
/* Checks a timeframe: a known kind, days YYYY-MM-DD or NULL, start not
 * after end. label names the task in the message. */
tt_rc plan_check_timeframe(tt_ctx *ctx, const char *label, const char *kind, const char *start,
                           const char *end);
/* Loads a plan and decides what the user may do with it: TT_ERR_NOT_FOUND
 * when it may not read it. */
tt_rc plan_load(tt_ctx *ctx, int64_t id, st_plan *out, int *can_edit);
/* The plan id as text, for the audit trail. */
const char *plan_id_str(tt_ctx *ctx, int64_t id);

#endif
