/* audit.h - recording changes in the append-only audit trail. */
#ifndef TT_AUDIT_H
#define TT_AUDIT_H

#include <jansson.h>

#include "core/ctx.h"

/* Records that ctx->user (or the system, login "system") did action on
 * entity/entity_id, at ctx's time. before and after are JSON values (either
 * may be NULL); they are not consumed. Must run in the same transaction as
 * the change it records (core_begin/core_end). TT_ERR_FORBIDDEN without a
 * principal. */
tt_rc audit_record(tt_ctx *ctx, const char *action, const char *entity, const char *entity_id,
                   const json_t *before, const json_t *after);

/* A page of the audit trail, newest first, for those who may read it
 * (arena). */
tt_rc audit_list(tt_ctx *ctx, int limit, int offset, st_audit **out, size_t *n);

#endif
