/* round_int.h - what round.c shares with round_life.c and schedule.c; not
 * for callers outside src/core/round*.c and src/core/schedule.c. */
#ifndef TT_ROUND_INT_H
#define TT_ROUND_INT_H

#include "core/round.h"

/* round_check_items (core/round.h) on spec's sections and counts. */
tt_rc round_check_layout(tt_ctx *ctx, const round_spec *spec, st_section *sec, st_count *cnt);
/* Text from a user: valid UTF-8 within max bytes, as NFC in the arena. */
tt_rc round_clean_text(tt_ctx *ctx, const char *in, size_t max, const char *what, const char **out);
/* Resolves n body codes into orgs[], checking each: it exists, is active
 * on day at, lies within the user's reach to create rounds, and is not
 * named twice. Runs inside the caller's write transaction. */
tt_rc round_resolve_codes(tt_ctx *ctx, const char *const *codes, size_t n, const char *at, int64_t *orgs);
/* The bodies spec->org_codes resolved into orgs[] at the period's start. */
tt_rc round_resolve_orgs(tt_ctx *ctx, const round_spec *spec, int64_t *orgs);
/* A round and one of its reports the user may see. */
tt_rc round_load_report(tt_ctx *ctx, int64_t round_id, const char *org_code, st_round *r, st_report *rep,
                        int *manage, int *own);
/* A write transaction, with the report read again inside it. */
tt_rc round_begin_fresh(tt_ctx *ctx, const st_report *rep, st_report *now);
const char *round_report_entity(tt_ctx *ctx, const st_report *rep);
/* Adds a timeline entry of the report by the user (inside the change's
 * write transaction). */
tt_rc round_event(tt_ctx *ctx, int64_t report_id, const char *kind, const char *note);
/* The 409 of a save or submit in a closed round. */
tt_rc round_fail_closed(tt_ctx *ctx);

#endif
