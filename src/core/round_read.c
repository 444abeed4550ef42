/* round_read.c - read models of a round for pages and the API, each
 * checking that the user may see the round (round_get). */
#include "core/round.h"

tt_rc round_layout(tt_ctx *ctx, int64_t round_id, st_section **sec, size_t *ns, st_count **cnt, size_t *nc)
{
	st_round r;
	tt_rc rc = round_get(ctx, round_id, &r, NULL);
	if (rc || (rc = store_round_sections(ctx->db, ctx->arena, round_id, sec, ns)) ||
	    (rc = store_round_counts(ctx->db, ctx->arena, round_id, cnt, nc)))
		return rc;
	return TT_OK;
}

tt_rc round_own_report(tt_ctx *ctx, int64_t round_id, st_report *out)
{
	if (!ctx->user)
		return TT_ERR_UNAUTH;
	return store_report_get(ctx->db, ctx->arena, round_id, ctx->user->org_code, out);
}
