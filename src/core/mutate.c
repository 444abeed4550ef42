/* mutate.c - begin, change, audit, commit or roll back (see mutate.h). */
#include "core/mutate.h"

tt_rc core_begin(tt_ctx *ctx)
{
	return store_begin(ctx->db);
}

tt_rc core_end(tt_ctx *ctx, tt_rc rc)
{
	if (!rc)
		rc = store_commit(ctx->db);
	if (rc)
		store_rollback(ctx->db);
	return rc;
}

tt_rc core_mutate(tt_ctx *ctx, core_change_fn fn, void *arg)
{
	tt_rc rc = core_begin(ctx);
	if (rc)
		return rc;
	return core_end(ctx, fn(ctx, arg));
}
