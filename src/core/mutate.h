/* mutate.h - the one shape of every change to the data: begin a write
 * transaction, read and check what the change depends on inside it, make
 * the change, record it in the audit trail, then commit; on any error roll
 * everything back. Writers are serialised (store_begin), so what a check
 * read stays true until the commit.
 *
 *	tt_rc rc = core_begin(ctx);
 *	if (rc)
 *		return rc;
 *	if ((rc = ...read and check...)) goto out;
 *	if ((rc = ...store_* change...)) goto out;
 *	rc = audit_record(ctx, ...);
 * out:
 *	return core_end(ctx, rc);
 */
#ifndef TT_MUTATE_H
#define TT_MUTATE_H

#include "core/ctx.h"

/* Begins the write transaction of one change. */
tt_rc core_begin(tt_ctx *ctx);
/* Commits when rc is TT_OK (returning the commit's result), else rolls
 * back and returns rc. */
tt_rc core_end(tt_ctx *ctx, tt_rc rc);

/* The same as one call: fn(ctx, arg) reads, changes and audits between
 * core_begin and core_end. */
typedef tt_rc (*core_change_fn)(tt_ctx *ctx, void *arg);
tt_rc core_mutate(tt_ctx *ctx, core_change_fn fn, void *arg);

#endif
