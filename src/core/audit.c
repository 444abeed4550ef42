/* audit.c - audit entries: who, when, what, before and after. */
#include "core/audit.h"

#include <stdlib.h>

#include "core/perm.h"

tt_rc audit_record(tt_ctx *ctx, const char *action, const char *entity, const char *entity_id,
                   const json_t *before, const json_t *after)
{
	/* An entry names who acted: a user, or the system (the command line).
	 * A change without either has no place in the trail. */
	if (!ctx->user && !perm_is_system(ctx))
		return ctx_fail(ctx, TT_ERR_FORBIDDEN, "Cần đăng nhập để làm việc này.");
	char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	st_audit e = {
	    .user_id = ctx->user ? ctx->user->id : 0,
	    .login = ctx->user ? ctx->user->login : "system",
	    .action = action,
	    .entity = entity,
	    .entity_id = entity_id,
	    .before = b,
	    .after = a,
	};
	tt_rc rc = ((before && !b) || (after && !a)) ? TT_ERR_NOMEM : store_audit_add(ctx->db, &e);
	free(b);
	free(a);
	return rc;
}

tt_rc audit_list(tt_ctx *ctx, int limit, int offset, st_audit **out, size_t *n)
{
	tt_rc rc = perm_check(ctx, PERM_READ_AUDIT, 0);
	return rc ? rc : store_audit_list(ctx->db, ctx->arena, limit, offset, out, n);
}
