/* perm.h - who may do what: the one place where roles become decisions.
 *
 * The principal of a call is ctx->user when set, else the system when the
 * command line said so (ctx_start_system), else nobody: a call without a
 * user is never silently trusted. The rules (docs/api.md):
 *  - system, admin: everything;
 *  - coordinator: imports and corrects documents; creates rounds for
 *    bodies within its own body's subtree and manages (returns reports,
 *    reads completeness and consolidation of) rounds owned there; edits its
 *    own body's report;
 *  - reporter: imports and corrects documents; edits its own body's report;
 *  - viewer: reads what its body runs or is asked in, and everything of the
 *    rounds owned within its subtree; changes nothing.
 * Plans: the owner's coordinators (at or above the owner) and admins edit
 * them; a lead body's reporters and coordinators post progress on its
 * tasks; everyone reads the plans owned in its subtree or naming its body.
 * Activities: a body's reporters and coordinators (and admins) record and
 * edit its own activities; every role reads its body's and its subtree's.
 * The reporting hierarchy (org_report_to: the provinces below the ministry's
 * department) widens two rules only: a ministry's coordinators ask the
 * bodies reporting to it for reports (PERM_CREATE_ROUND), and its
 * coordinators and viewers read their own rounds (PERM_VIEW_CONSOLIDATED). */
#ifndef TT_PERM_H
#define TT_PERM_H

#include <stdint.h>

#include "core/ctx.h"

typedef enum { ROLE_NONE = 0, ROLE_ADMIN, ROLE_COORDINATOR, ROLE_REPORTER, ROLE_VIEWER } tt_role;

typedef enum {
	PERM_IMPORT_DOCUMENT,   /* queue or import documents */
	PERM_CORRECT_DOCUMENT,  /* correct what the parser read */
	PERM_CREATE_ROUND,      /* org: a body asked (0: may create at all) */
	PERM_MANAGE_ROUND,      /* org: the round's owner */
	PERM_RETURN_REPORT,     /* org: the round's owner */
	PERM_VIEW_CONSOLIDATED, /* org: the round's owner; also completeness */
	PERM_LIST_OWNED_ROUNDS, /* sees the rounds its subtree runs (org 0) */
	PERM_EDIT_REPORT,       /* org: the report's body */
	PERM_ADMIN_USERS,       /* users and roles */
	PERM_READ_AUDIT,        /* the audit trail */
	PERM_MANAGE_ORGS,       /* the registry of bodies (import, put) */
	PERM_SEE_ALL_JOBS,      /* every user's import jobs */
	PERM_EDIT_PLAN,         /* org: the plan's owner; also makes plans for it */
	PERM_POST_PROGRESS,     /* org: the lead body reporting */
	PERM_READ_PLAN,         /* org: the plan's owner (also: a body named in it) */
	PERM_RECORD_ACTIVITY,   /* org: the activity's body (record, edit, delete) */
	PERM_READ_ACTIVITY,     /* org: the activity's body (its own and the subtree's) */
	PERM_UNAPPROVE_REPORT,  /* take back the approval of a report */
	PERM__COUNT
} tt_perm;

/* The role a stored string names; ROLE_NONE for anything else. */
tt_role perm_role(const char *role);
/* The stored string of a role (NULL for ROLE_NONE). */
const char *perm_role_name(tt_role role);
/* The role of the acting user (ROLE_NONE without one). */
tt_role perm_ctx_role(const tt_ctx *ctx);
/* 1 when the call acts as the system (no user, and the command line said so). */
int perm_is_system(const tt_ctx *ctx);

/* 1 when the principal's rights are bounded by no body: the system or an
 * admin (e.g. sees every round). */
int perm_unbounded(const tt_ctx *ctx);

/* TT_OK when the principal may do action on body org_id (0: no particular
 * body); TT_ERR_FORBIDDEN with a Vietnamese detail when not (also without
 * any principal); another error when the store fails. */
tt_rc perm_check(tt_ctx *ctx, tt_perm action, int64_t org_id);
/* *yes = whether perm_check would give TT_OK, without an error detail;
 * returns only store errors. */
tt_rc perm_ask(tt_ctx *ctx, tt_perm action, int64_t org_id, int *yes);
/* 1 when perm_check would give TT_OK (0 also when the store fails); for
 * what a page shows. Leaves ctx->error_detail alone. */
int perm_may(tt_ctx *ctx, tt_perm action, int64_t org_id);

#endif
