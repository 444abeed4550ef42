/* plan.h - the annual plan as the spine of the work: an owner body's plan
 * of task groups and tasks, the bodies each task names (lead and
 * coordinating), the progress lead bodies report and the status of every
 * task at a date.
 *
 * Who may do what (perm.h): the owner's coordinators and admins edit a plan
 * and make plans; a lead body's reporters and coordinators post progress on
 * the tasks that body leads; a user reads the plans its body owns or is
 * named in and the plans owned in its subtree (drafts: only those who may
 * edit them and the owner's subtree). A plan the user may not read is
 * TT_ERR_NOT_FOUND. Results live in ctx's arena. */
#ifndef TT_PLAN_H
#define TT_PLAN_H

#include <stddef.h>

#include "core/ctx.h"

#define PLAN_MAX_TASKS 2000
#define PLAN_MAX_GROUPS 200
#define PLAN_MAX_PHRASES 50 /* lead or coordinating phrases per task */
#define PLAN_MAX_TEXT 20000 /* bytes of a task's text */

/* ---- status at a date ----
 * One lead body's status of a task at `at` (YYYY-MM-DD):
 *  - a task whose timeframe kind is "continuous" (Thường xuyên) is always
 *    continuous, whatever its progress: it is never overdue;
 *  - a task whose timeframe has neither start nor end (kind "unknown" or
 *    "within" without dates) is treated the same way: nothing says when it
 *    would be late, so it is never called overdue;
 *  - done (state "done" with done_on on or before at): done_late when
 *    done_on is after the end, else done_on_time;
 *  - else not_due before the start, overdue after the end, else
 *    in_progress (a task with a start and no end, "from 2019 on", is never
 *    overdue). */
typedef enum {
	PLAN_NOT_DUE = 0,
	PLAN_IN_PROGRESS,
	PLAN_DONE_ON_TIME,
	PLAN_DONE_LATE,
	PLAN_OVERDUE,
	PLAN_CONTINUOUS,
	PLAN_STATUS_COUNT
} plan_status;

/* "not_due", "in_progress", "done_on_time", "done_late", "overdue", "continuous". */
const char *plan_status_name(plan_status s);
/* The Vietnamese label ("Chưa đến hạn", ...). */
const char *plan_status_label(plan_status s);
/* state: the lead body's latest progress state (NULL: none); done_on may be NULL. */
plan_status plan_status_at(const char *tf_kind, const char *tf_start, const char *tf_end, const char *state,
                           const char *done_on, const char *at);
/* A task's status from its lead bodies' statuses (n of them; n = 0 never
 * happens: a task without a matched lead is computed as one lead without
 * progress):
 *  - all continuous: continuous;
 *  - all done: done_late if any is late, else done_on_time;
 *  - else any overdue: overdue;
 *  - else any in progress, or some done and others not yet due: in_progress;
 *  - else not_due. */
plan_status plan_status_combine(const plan_status *each, size_t n);

/* ---- reading ---- */
typedef struct {
	int pos;
	const char *text; /* as written */
	st_org *orgs;     /* the bodies matched (id, code, name); n = 0: unmatched */
	size_t n;
	int grp; /* a group phrase; with n = 0 a vague one ("các cơ quan liên quan") */
} plan_phrase;

typedef struct {
	st_plan_task task;
	const st_plan_group *group;
	plan_phrase *leads;
	size_t nleads;
	plan_phrase *coords;
	size_t ncoords;
	st_plan_progress *progress; /* latest progress of each lead body that reported */
	size_t nprogress;
	plan_status status;
	const char *last_progress; /* day of the latest progress (YYYY-MM-DD), NULL: none */
	int can_progress;          /* the user may post progress for one of its lead bodies */
	int64_t progress_org;      /* that body (the user's own, or 0) */
} plan_task_view;

typedef struct {
	st_plan plan;
	const char *at; /* the day statuses are computed for */
	st_plan_group *groups;
	size_t ngroups;
	plan_task_view *tasks;
	size_t ntasks;
	int counts[PLAN_STATUS_COUNT];
	size_t unmatched; /* phrases naming a body not matched yet (vague groups not counted) */
	int can_edit;
	int can_progress; /* the user may post progress on some task */
} plan_view;

/* Plans the user may read, newest period first. */
tt_rc plan_list(tt_ctx *ctx, st_plan **out, size_t *n);
/* The plan made from a document, when the user may read it;
 * TT_ERR_NOT_FOUND otherwise. */
tt_rc plan_of_document(tt_ctx *ctx, int64_t document_id, int64_t *plan_id);
/* A plan with every task, its bodies, progress and status at `at`
 * (NULL: today). TT_ERR_INVALID for a bad date. */
tt_rc plan_get(tt_ctx *ctx, int64_t id, const char *at, plan_view *out);
/* One task a body leads, with the plan it belongs to. */
typedef struct {
	const plan_view *view; /* the plan (its statuses at the same day) */
	const plan_task_view *task;
} plan_org_task;
/* The tasks body org_id leads across the active plans the user may read,
 * with statuses at `at` (NULL: today): overdue first, then in progress,
 * not due, continuous, done late and done on time; within a status by
 * plan (newest period first) and the task's place in it. Cost: one query
 * for the plans, then plan_get's fixed handful per plan that names the body
 * (never one per task). counts[] (may be NULL) gets the count of each
 * status. */
tt_rc plan_tasks_of_org(tt_ctx *ctx, int64_t org_id, const char *at, plan_org_task **out, size_t *n,
                        int counts[PLAN_STATUS_COUNT]);
/* Counts of each status over tasks[0..n) into counts[]. */
void plan_count_statuses(const plan_task_view *tasks, size_t n, int counts[PLAN_STATUS_COUNT]);

/* ---- changing ---- */
/* Sets title and state (NULL keeps it; state draft|active|closed) while the
 * plan's version is `version` (0: any): TT_ERR_CONFLICT otherwise. */
tt_rc plan_update(tt_ctx *ctx, int64_t id, int64_t version, const char *title, const char *state);

typedef struct {
	const char *text; /* NULL: keep */
	int set_timeframe;
	const char *tf_kind, *tf_start, *tf_end, *tf_text;
	const char *expected_output; /* NULL: keep; "" clears */
	const char *notes;           /* NULL: keep; "" clears */
	int64_t version;             /* 0: any */
} plan_task_edit;
tt_rc plan_task_update(tt_ctx *ctx, int64_t plan_id, int64_t task_id, const plan_task_edit *e);
/* Resolves phrase (role "lead" or "coord", pos) of a task to the bodies
 * codes[0..n) name; with one body the phrase is remembered as its alias
 * (as match_remember does, in the same transaction), when the user may
 * give that body an alias. */
tt_rc plan_task_resolve(tt_ctx *ctx, int64_t plan_id, int64_t task_id, const char *role, int pos,
                        const char *const *codes, size_t n);
/* Bodies a coordinator may pick for a name not matched in the plan: those
 * whose name or aliases contain q (case and diacritics ignored) among the
 * bodies directly under the owner's province (its departments and
 * districts) as they stood at the plan's start, at most 30. Only for
 * those who may edit the plan; q blank gives nothing. */
tt_rc plan_pick_bodies(tt_ctx *ctx, int64_t plan_id, const char *q, st_org **out, size_t *n);
/* Progress of lead body org_code on a task of an active plan: state
 * not_started | in_progress | done; done needs done_on (YYYY-MM-DD, not
 * after today); note may be NULL. */
tt_rc plan_progress_post(tt_ctx *ctx, int64_t plan_id, int64_t task_id, const char *org_code,
                         const char *state, const char *done_on, const char *note, int64_t *id);
/* The same inside the caller's write transaction (core_begin), which
 * commits or rolls back: a report saved with progress on its body's tasks
 * writes both or neither. */
tt_rc plan_progress_post_in(tt_ctx *ctx, int64_t plan_id, int64_t task_id, const char *org_code,
                            const char *state, const char *done_on, const char *note, int64_t *id);
/* What shows a progress (0: none): an activity of the register that the
 * user reads, of the lead body or a body under it, and an imported
 * document. Anything else is TT_ERR_INVALID with a message. */
typedef struct {
	int64_t activity_id;
	int64_t document_id;
} plan_evidence;
/* plan_progress_post and plan_progress_post_in with evidence (ev may be
 * NULL). */
tt_rc plan_progress_post_ev(tt_ctx *ctx, int64_t plan_id, int64_t task_id, const char *org_code,
                            const char *state, const char *done_on, const char *note, const plan_evidence *ev,
                            int64_t *id);
tt_rc plan_progress_post_ev_in(tt_ctx *ctx, int64_t plan_id, int64_t task_id, const char *org_code,
                               const char *state, const char *done_on, const char *note,
                               const plan_evidence *ev, int64_t *id);

/* ---- making plans (plan_make.c) ---- */
typedef struct {
	const char *text;
	const char *const *codes; /* the bodies, when given; else matched by text */
	size_t ncodes;
	int has_codes;
} plan_phrase_spec;

typedef struct {
	const char *label;
	const char *text;
	size_t group; /* index into the plan's groups */
	const char *tf_kind, *tf_start, *tf_end, *tf_text;
	const char *expected_output, *notes;
	plan_phrase_spec *leads;
	size_t nleads;
	plan_phrase_spec *coords;
	size_t ncoords;
} plan_task_spec;

typedef struct {
	const char *owner_code;
	const char *title;
	const char *period_start, *period_end;
	st_plan_group *groups;
	size_t ngroups;
	plan_task_spec *tasks;
	size_t ntasks;
} plan_spec;

/* A draft plan written by hand; phrases without codes are matched at the
 * period's start within the owner's subtree. */
tt_rc plan_create(tt_ctx *ctx, const plan_spec *spec, int64_t *id);
/* A draft plan from an imported plan (KH) document: the owner is its issuer
 * as the registry had it on the document's date, the period the plan's year
 * (the title's year, else the date's), groups the numbered sections that
 * hold tasks, each task with its full text, bodies matched on the
 * document's date. A document makes one plan: TT_ERR_CONFLICT when it
 * already has one. */
tt_rc plan_from_document(tt_ctx *ctx, int64_t document_id, int64_t *id);
/* Appends a group ("2", "Công tác thông tin") to a plan that is not
 * closed; *id gets its id. */
tt_rc plan_group_add(tt_ctx *ctx, int64_t plan_id, const char *label, const char *heading, int64_t *id);
/* Appends a task to group group_id of a plan that is not closed (x->group
 * ignored); phrases without codes are matched at the period's start within
 * the owner's subtree. *id gets its id. */
tt_rc plan_task_add(tt_ctx *ctx, int64_t plan_id, int64_t group_id, const plan_task_spec *x, int64_t *id);
/* A timeframe as written ("Quý II/2019", "Thường xuyên") read by the
 * timeframe parser; a value without a year takes default_year. kind,
 * start and end are arena strings (start/end NULL when none); a text the
 * parser cannot read is TT_ERR_INVALID with a message naming what it
 * accepts. */
tt_rc plan_timeframe_read(tt_ctx *ctx, const char *text, int default_year, const char **kind,
                          const char **start, const char **end);
/* A new draft plan one year later: timeframes shift by a year; each body
 * that has ended by the new period's start is replaced by the bodies that
 * carry it on (org successors, followed to the end). */
tt_rc plan_copy_next_year(tt_ctx *ctx, int64_t id, int64_t *new_id);

#endif
