/* perm.c - the rules of perm.h: the role parsed once from the stored
 * string, then one table of what each role may do, with the body checks
 * (within the user's own subtree, or the user's own body). */
#include "core/perm.h"

#include <string.h>

static const char *const role_names[] = {NULL, "admin", "coordinator", "reporter", "viewer"};

tt_role perm_role(const char *role)
{
	for (int i = ROLE_ADMIN; i <= ROLE_VIEWER; i++)
		if (role && !strcmp(role, role_names[i]))
			return (tt_role)i;
	return ROLE_NONE;
}

const char *perm_role_name(tt_role role)
{
	return role > ROLE_NONE && role <= ROLE_VIEWER ? role_names[role] : NULL;
}

tt_role perm_ctx_role(const tt_ctx *ctx)
{
	return ctx->user ? perm_role(ctx->user->role) : ROLE_NONE;
}

int perm_is_system(const tt_ctx *ctx)
{
	return !ctx->user && ctx->system;
}

/* How a role's permission depends on the body. */
enum { NO = 0, ANY, WITHIN, OWN };

/* rule[action][role] */
static const unsigned char rule[PERM__COUNT][5] = {
    /*                          none admin coord   reporter viewer */
    [PERM_IMPORT_DOCUMENT] = {NO, ANY, ANY, ANY, NO},
    [PERM_CORRECT_DOCUMENT] = {NO, ANY, ANY, ANY, NO},
    [PERM_CREATE_ROUND] = {NO, ANY, WITHIN, NO, NO},
    [PERM_MANAGE_ROUND] = {NO, ANY, WITHIN, NO, NO},
    [PERM_RETURN_REPORT] = {NO, ANY, WITHIN, NO, NO},
    [PERM_VIEW_CONSOLIDATED] = {NO, ANY, WITHIN, NO, WITHIN},
    [PERM_LIST_OWNED_ROUNDS] = {NO, ANY, ANY, NO, ANY},
    [PERM_EDIT_REPORT] = {NO, ANY, OWN, OWN, NO},
    [PERM_ADMIN_USERS] = {NO, ANY, NO, NO, NO},
    [PERM_READ_AUDIT] = {NO, ANY, NO, NO, NO},
    [PERM_MANAGE_ORGS] = {NO, ANY, NO, NO, NO},
    [PERM_SEE_ALL_JOBS] = {NO, ANY, NO, NO, NO},
    [PERM_EDIT_PLAN] = {NO, ANY, WITHIN, NO, NO},
    [PERM_POST_PROGRESS] = {NO, ANY, OWN, OWN, NO},
    [PERM_READ_PLAN] = {NO, ANY, WITHIN, WITHIN, WITHIN},
    [PERM_RECORD_ACTIVITY] = {NO, ANY, OWN, OWN, NO},
    [PERM_READ_ACTIVITY] = {NO, ANY, WITHIN, WITHIN, WITHIN},
    [PERM_UNAPPROVE_REPORT] = {NO, ANY, NO, NO, NO},
};

static const char *const refusal[PERM__COUNT] = {
    [PERM_IMPORT_DOCUMENT] = "Tài khoản xem không được nhập văn bản.",
    [PERM_CORRECT_DOCUMENT] = "Bạn không có quyền sửa thông tin văn bản.",
    [PERM_CREATE_ROUND] = "Chỉ cán bộ điều phối mới được tạo đợt báo cáo.",
    [PERM_MANAGE_ROUND] = "Chỉ đơn vị điều phối mới quản lý được đợt báo cáo này.",
    [PERM_RETURN_REPORT] = "Chỉ đơn vị điều phối mới được trả lại báo cáo.",
    [PERM_VIEW_CONSOLIDATED] = "Chỉ đơn vị điều phối mới xem được báo cáo tổng hợp.",
    [PERM_LIST_OWNED_ROUNDS] = "Bạn không điều phối đợt báo cáo nào.",
    [PERM_EDIT_REPORT] = "Bạn không có quyền sửa báo cáo này.",
    [PERM_ADMIN_USERS] = "Chỉ quản trị hệ thống mới dùng được chức năng này.",
    [PERM_READ_AUDIT] = "Chỉ quản trị hệ thống mới dùng được chức năng này.",
    [PERM_MANAGE_ORGS] = "Chỉ quản trị hệ thống mới được sửa danh mục đơn vị.",
    [PERM_SEE_ALL_JOBS] = "Chỉ quản trị hệ thống mới xem được mọi lượt nhập văn bản.",
    [PERM_EDIT_PLAN] = "Chỉ cán bộ điều phối của đơn vị ban hành mới được sửa kế hoạch này.",
    [PERM_POST_PROGRESS] = "Chỉ đơn vị chủ trì nhiệm vụ mới được cập nhật tiến độ của nhiệm vụ này.",
    [PERM_READ_PLAN] = "Bạn không xem được kế hoạch này.",
    [PERM_RECORD_ACTIVITY] = "Chỉ cán bộ của chính đơn vị mới được ghi và sửa hoạt động của đơn vị đó.",
    [PERM_READ_ACTIVITY] = "Bạn chỉ xem được hoạt động của đơn vị mình và các đơn vị trực thuộc.",
    [PERM_UNAPPROVE_REPORT] = "Chỉ quản trị hệ thống mới được bỏ duyệt báo cáo.",
};

/* The decision without a message: 1 yes, 0 no (*rc set on a store error). */
static int decide(tt_ctx *ctx, tt_perm action, int64_t org_id, tt_rc *rc)
{
	*rc = TT_OK;
	if ((unsigned)action >= PERM__COUNT)
		return 0;
	if (perm_is_system(ctx))
		return 1;
	if (!ctx->user)
		return 0;
	switch (rule[action][perm_ctx_role(ctx)]) {
	case ANY: return 1;
	case OWN: return org_id > 0 && org_id == ctx->user->org_id;
	case WITHIN: {
		int within = 0;
		if (org_id <= 0)
			return 1;
		if ((*rc = store_org_within(ctx->db, ctx->user->org_id, org_id, &within)))
			return 0;
		/* The reporting hierarchy: a ministry asks the provinces that
		 * report to it for reports, and reads their own rounds (the
		 * drill-down), without owning anything inside them. */
		if (!within && (action == PERM_CREATE_ROUND || action == PERM_VIEW_CONSOLIDATED) &&
		    (*rc = store_org_reaches(ctx->db, ctx->user->org_id, org_id, &within)))
			return 0;
		return within;
	}
	default: return 0;
	}
}

tt_rc perm_check(tt_ctx *ctx, tt_perm action, int64_t org_id)
{
	tt_rc rc;
	if (decide(ctx, action, org_id, &rc))
		return TT_OK;
	if (rc)
		return rc;
	if (!ctx->user && !ctx->system)
		return ctx_fail(ctx, TT_ERR_FORBIDDEN, "Cần đăng nhập để làm việc này.");
	return ctx_fail(ctx, TT_ERR_FORBIDDEN, "%s",
	                (unsigned)action < PERM__COUNT && refusal[action]
	                    ? refusal[action]
	                    : "Bạn không có quyền làm việc này.");
}

tt_rc perm_ask(tt_ctx *ctx, tt_perm action, int64_t org_id, int *yes)
{
	tt_rc rc;
	*yes = decide(ctx, action, org_id, &rc);
	return rc;
}

int perm_unbounded(const tt_ctx *ctx)
{
	return perm_is_system(ctx) || perm_ctx_role(ctx) == ROLE_ADMIN;
}

int perm_may(tt_ctx *ctx, tt_perm action, int64_t org_id)
{
	tt_rc rc;
	return decide(ctx, action, org_id, &rc);
}
