/* round.h - reporting rounds: a coordinator asks bodies for a report made of
 * sections and counts; each body fills in, saves and submits; the
 * coordinator returns, watches completeness and reads the consolidation.
 *
 * Every function checks ctx->user's role and body. A report of a body the
 * user may not see gives TT_ERR_NOT_FOUND, so its existence is not leaked. */
#ifndef TT_ROUND_H
#define TT_ROUND_H

#include <stddef.h>

#include "core/ctx.h"
#include "core/plan.h"

#define ROUND_MAX_TEXT 200000 /* bytes per section text */
#define ROUND_MAX_ITEMS 100   /* sections or counts per round */
#define ROUND_MAX_ORGS 5000
#define ROUND_MAX_COUNT 1e15 /* largest value of a count */

typedef struct {
	const char *title;
	const char *period_start, *period_end, *due; /* YYYY-MM-DD */
	const char *const *org_codes;
	size_t norgs;
	const st_section *sections;
	size_t nsections;
	const st_count *counts;
	size_t ncounts;
	/* The plan the round is tied to (0: none): one the creator may read,
	 * active, owned within the creator's body's subtree. Each body's
	 * report form then lists the tasks it leads in that plan. */
	int64_t plan_id;
	/* A due day before today (the Vietnam day of ctx->now) is refused
	 * unless this is set. */
	int allow_past_due;
	/* Rounds opened by `ttdn tick` (see core/schedule.h): the system acts,
	 * and the round is owned by owner_org_id (else by the creator's
	 * body); schedule_id/period_key link it to the schedule's period
	 * (TT_ERR_CONFLICT when that period has a round already) and up_due
	 * (may be NULL) is the owner's own due day to the level above. */
	int64_t owner_org_id;
	int64_t schedule_id;
	const char *period_key, *up_due;
	/* The audit action (NULL: "round.create") and the round copied from
	 * (0: none), recorded with it. */
	const char *audit_action;
	int64_t copied_from;
} round_spec;

tt_rc round_create(tt_ctx *ctx, const round_spec *spec, int64_t *id);
/* Checks and cleans nsections sections and ncounts counts into sec[] and
 * cnt[] (as many elements) as round_create does, so that what a schedule
 * keeps opens its rounds: keys, names, units, types and the indicators
 * they name. */
tt_rc round_check_items(tt_ctx *ctx, const st_section *sections, size_t nsections, const st_count *counts,
                        size_t ncounts, st_section *sec, st_count *cnt);
/* The plans a round the user creates may be tied to: active, readable,
 * owned by the user's body or one under it. */
tt_rc round_plan_choices(tt_ctx *ctx, st_plan **out, size_t *n);

/* Rounds the user can see: those their body runs (coordinator, viewer,
 * admin: all) and those their body is asked in. */
tt_rc round_list(tt_ctx *ctx, st_round **out, size_t *n);
/* A round the user may see (TT_ERR_NOT_FOUND otherwise). *manage = 1 when
 * the user may return reports and see everything in it. */
tt_rc round_get(tt_ctx *ctx, int64_t id, st_round *out, int *manage);

/* Reports of a round the user manages (all) or is asked in (their own). */
tt_rc round_reports(tt_ctx *ctx, int64_t round_id, st_report **out, size_t *n);

/* One task of the round's plan that the report's body leads. */
typedef struct {
	const plan_task_view *tv;
	const st_plan_progress *progress; /* the body's latest progress, NULL: none */
	plan_status status;               /* the body's status at the round's plan day */
} round_task;

/* The day a round's plan statuses are computed for: the end of the
 * round's period, or today when that is earlier (YYYY-MM-DD, arena). */
const char *round_plan_day(tt_ctx *ctx, const st_round *r);

/* A lead body's status of a task in a plan view, and its latest progress
 * (*p, NULL: none). */
plan_status round_lead_status(const plan_view *v, const plan_task_view *tv, int64_t org_id,
                              const st_plan_progress **p);

/* The distinct bodies matched to a task's lead phrases, in order, as an
 * arena array in *out (NULL when out of memory: returns 0). */
size_t round_lead_orgs(tt_arena *a, const plan_task_view *tv, const st_org ***out);

/* Progress on one task sent with a report. An entry the same as the
 * body's latest progress (state, done_on, note) is not recorded again;
 * an entry without a state is ignored. */
typedef struct {
	int64_t task_id;
	const char *state;   /* not_started | in_progress | done */
	const char *done_on; /* YYYY-MM-DD or NULL */
	const char *note;    /* NULL: none */
} round_progress;

/* The register's suggestion for one count of a report (core/activity.h):
 * the indicator the count names, counted over the activities of the
 * report's body and every body below it whose start date falls in the
 * round's period. */
typedef struct {
	const char *indicator; /* NULL: the count names none (nothing below is set) */
	const char *type;      /* the activity type counted (for the records' link) */
	double value;
	int64_t sources; /* how many records it comes from */
	/* Drafted from below (round_text.h): the body's own round for the
	 * same period has a count with the same key or indicator; below_value
	 * is its sum over below_reports submitted reports. */
	int below;
	double below_value;
	int64_t below_reports;
} round_suggestion;

/* The suggestion of count c for body org_id over [from, to]: one
 * aggregate query, computed for the body's subtree as the system sees it
 * (no read check on the activities: only the total and the number of
 * records come out, never a record). out->indicator is NULL when c names
 * no indicator. */
tt_rc round_suggest(tt_ctx *ctx, const st_count *c, int64_t org_id, const char *from, const char *to,
                    round_suggestion *out);
/* Whether a reported value differs from a suggestion (beyond rounding). */
int round_differs(double reported, double suggested);
/* reported - register, rounded to millionths so that sums of decimals
 * leave no binary noise (0.3, never 0.30000000000000004). */
double round_difference(double reported, double reg);

typedef struct {
	st_round round;
	st_report report;
	st_section *sections;
	size_t nsections;
	st_count *counts;
	size_t ncounts;
	st_text *texts;
	size_t ntexts;
	st_value *values;
	size_t nvalues;
	/* One per count, in the order of counts (indicator NULL: none). */
	round_suggestion *suggestions;
	/* Notes of counts (key = count key): why a number differs from the
	 * suggestion. */
	st_text *notes;
	size_t nnotes;
	int can_edit;   /* the user may save and submit it now */
	int can_return; /* the user may return it now */
	int can_approve, can_unapprove; /* the user may approve it, take the approval back */
	int can_extend;                 /* the user may give the body a later due date */
	st_report_event *events;        /* the report's timeline, oldest first */
	size_t nevents;
	/* The round's plan, when it has one the user may read (NULL: none),
	 * and the tasks in it the report's body leads, in plan order. */
	const plan_view *plan;
	round_task *tasks;
	size_t ntasks;
	/* The body's own round for the same period (NULL: none), and the
	 * draft of each section from it (key = section key; its consolidated
	 * text, saved or by body): for a person to edit, never saved by
	 * itself. */
	const st_round *below;
	st_text *drafts;
	size_t ndrafts;
} round_report_view;

tt_rc round_report_get(tt_ctx *ctx, int64_t round_id, const char *org_code, round_report_view *out);
/* Saves texts and counts (keys must be the round's; values >= 0; integer
 * counts take whole numbers only). Last write wins. */
tt_rc round_report_save(tt_ctx *ctx, int64_t round_id, const char *org_code, const st_text *texts,
                        size_t ntexts, const st_value *values, size_t nvalues);
/* The same, but only while the report's version is still `version` (the
 * one the caller read; 0 = any): otherwise TT_ERR_PRECONDITION (412) and
 * nothing is written. The version is compared inside the write
 * transaction, by a conditional update. */
tt_rc round_report_save_if(tt_ctx *ctx, int64_t round_id, const char *org_code, int64_t version,
                           const st_text *texts, size_t ntexts, const st_value *values, size_t nvalues);
/* The same with progress on the tasks the body leads in the round's plan
 * (progress[0..np)), each posted as plan_progress_post does (the same
 * checks and audit) inside the report's write transaction: the report and
 * its progress are saved together or not at all. */
tt_rc round_report_save_full(tt_ctx *ctx, int64_t round_id, const char *org_code, int64_t version,
                             const st_text *texts, size_t ntexts, const st_value *values, size_t nvalues,
                             const round_progress *progress, size_t np);
/* The same with notes on counts (key = count key; an empty text removes
 * the note). A value saved for a count that names an indicator and
 * differs from the suggestion computed now needs a note (sent with it or
 * already stored): TT_ERR_INVALID otherwise, nothing written. Notes are
 * taken only for counts that name an indicator (at most 5000 bytes). */
tt_rc round_report_save_all(tt_ctx *ctx, int64_t round_id, const char *org_code, int64_t version,
                            const st_text *texts, size_t ntexts, const st_value *values, size_t nvalues,
                            const st_text *notes, size_t nnotes, const round_progress *progress, size_t np);
/* Status changes: draft or returned -> submitted (submit), submitted ->
 * returned (return). Saves apply only while the report is not submitted.
 * The status is checked inside the write transaction that changes it, so of
 * two simultaneous requests exactly one succeeds; the other gets
 * TT_ERR_CONFLICT (409) and changes nothing. */
tt_rc round_report_submit(tt_ctx *ctx, int64_t round_id, const char *org_code);
tt_rc round_report_return(tt_ctx *ctx, int64_t round_id, const char *org_code, const char *comment);

/* Whether a count takes whole numbers only (type "integer", the default).
 * Count text typed in forms is read by vn_number_parse (text/number.h)
 * with this as its integer_only. */
int round_count_integer(const st_count *c);
/* The message refusing a fraction for integer count c (in ctx's arena). */
const char *round_msg_integer(tt_ctx *ctx, const st_count *c);

typedef struct {
	int expected, submitted_on_time, submitted_late, not_due, overdue;
} round_completeness;

/* The four states always add up to expected, so no rate exceeds 100%. */
tt_rc round_completeness_get(tt_ctx *ctx, int64_t round_id, round_completeness *out);
/* Classifies one report: 0 on time, 1 late, 2 not yet due, 3 overdue.
 * now is "YYYY-MM-DDTHH:MM:SSZ"; a due day ends at 24:00 Vietnam time. */
int round_report_state(const char *due, const st_report *r, const char *now);

/* What a consolidated view covers; see st_pivot_query. The page of the
 * consolidated view shows CONSOLIDATE_PAGE bodies at a time. */
#define CONSOLIDATE_PAGE 200

/* One body and count of the consolidated view, for counts that name an
 * indicator: the register's value now beside the submitted number (which
 * stays as submitted, even when records are corrected later). */
typedef struct {
	int indicator; /* the count names an indicator (else nothing below) */
	double value;  /* the register's value for the body's subtree */
	int64_t sources;
	const char *note; /* the report's note on the count, NULL: none */
} round_register_cell;

typedef struct {
	st_round round;
	st_section *sections;
	size_t nsections;
	st_count *counts;
	size_t ncounts;
	st_value *sums; /* over every submitted report, one per count, in order */
	size_t nsums;
	int expected, submitted; /* reports asked for, and submitted */
	st_pivot_row *rows;      /* the selected submitted reports, by body name */
	size_t nrows;
	int nindicators;            /* counts that name an indicator */
	round_register_cell *cells; /* nrows x ncounts, row by row */
	size_t matched;        /* submitted reports matching the search, before paging */
	st_merged_text *texts; /* section texts of the selected reports */
	size_t ntexts;
	/* The execution table of the round's plan (NULL: no plan, or one the
	 * user may not read): every task with each lead body's status at
	 * plan->at, which is round_plan_day. */
	const plan_view *plan;
} round_consolidated;

/* The consolidated view of a round for those who oversee it: sums of every
 * submitted report, and the body x count table and texts of the reports q
 * selects (NULL: all of them). The engine aggregates and lays out the
 * table; nothing here is quadratic in the number of bodies. */
tt_rc round_consolidate(tt_ctx *ctx, int64_t round_id, const st_pivot_query *q, round_consolidated *out);

/* Read models (round_read.c). The sections and counts of a round the user
 * may see; the report of the user's own body in a round (TT_ERR_NOT_FOUND
 * when the body is not asked). Arena results. */
tt_rc round_layout(tt_ctx *ctx, int64_t round_id, st_section **sec, size_t *ns, st_count **cnt, size_t *nc);
tt_rc round_own_report(tt_ctx *ctx, int64_t round_id, st_report *out);

/* ---- the life of a round (round_life.c) ----
 * Who runs a round (PERM_MANAGE_ROUND on its owner) edits, extends,
 * closes, reopens and deletes it, and approves its reports; an admin
 * alone takes an approval back. Every change is audited, and each change
 * of a report is an entry of its timeline. A change that depends on a
 * state is decided again inside its write transaction: of two racing
 * requests one applies and the other gets TT_ERR_CONFLICT (409). */
typedef struct {
	const char *title; /* NULL: unchanged */
	const char *due;   /* NULL: unchanged; else the due date of every body */
	int allow_past_due;
	/* The sections and counts replace the round's (only while no report
	 * was ever submitted). */
	int layout;
	const st_section *sections;
	size_t nsections;
	const st_count *counts;
	size_t ncounts;
	/* org_codes is the new list of bodies asked: new ones get a draft;
	 * those left out are removed, which only a body that never submitted
	 * may be (TT_ERR_CONFLICT naming the others, nothing changed). */
	int set_orgs;
	const char *const *org_codes;
	size_t norgs;
} round_change;

tt_rc round_update(tt_ctx *ctx, int64_t id, const round_change *ch);
/* A closed round takes no more saves or submits (409 with a message). */
tt_rc round_close(tt_ctx *ctx, int64_t id);
tt_rc round_reopen(tt_ctx *ctx, int64_t id);
/* Deletes a round none of whose reports was ever submitted. */
tt_rc round_delete(tt_ctx *ctx, int64_t id);
/* A later due date for one body (not before the round's, nor before today). */
tt_rc round_report_extend(tt_ctx *ctx, int64_t round_id, const char *org_code, const char *due);
/* submitted -> approved, which locks the report (no return, no save). */
tt_rc round_report_approve(tt_ctx *ctx, int64_t round_id, const char *org_code);
/* approved -> submitted, by an admin, with a reason. */
tt_rc round_report_unapprove(tt_ctx *ctx, int64_t round_id, const char *org_code, const char *reason);
/* The due date of a report: the body's own when later than the round's,
 * else the round's. */
const char *round_report_due(const st_round *round, const st_report *rep);
/* The state shown: draft | submitted | returned | approved. */
const char *round_report_status(const st_report *rep);
/* Whether a round takes saves and submits. */
int round_open(const st_round *round);

/* Rates of a round, as DHIS2 shows them: reports expected, submitted
 * (approved ones included), submitted by their due date, approved; the
 * rates are percentages of expected (0 when nothing is expected). */
typedef struct {
	int expected, submitted, on_time, approved;
	double rate, on_time_rate;
} round_rates_t;
/* One row of a breakdown: a body (key = its code) or a level (key = the
 * bodies' kind). */
typedef struct {
	const char *key, *name;
	round_rates_t rates;
	/* By body: the reports of the rounds that body and those under it run
	 * for the same period (a province's own round under a ministry's), when
	 * there are any (subtree_rounds > 0). */
	int subtree_rounds;
	round_rates_t subtree;
} round_rates_row;

/* The rates of a round, for those who oversee it (like completeness). */
tt_rc round_rates(tt_ctx *ctx, int64_t round_id, round_rates_t *out);
/* The same broken down by "org" (each body asked, with the rates of the
 * rounds run below it for the same period) or "level" (the kind of body:
 * department, commune, ...), in the round's order of bodies. */
tt_rc round_rates_by(tt_ctx *ctx, int64_t round_id, const char *by, round_rates_row **rows, size_t *n);
/* Adds one report to r: state as round_report_state gives it. */
void round_rates_add(round_rates_t *r, int state, int approved);
/* Computes the percentages of r from its counts. */
void round_rates_finish(round_rates_t *r);

#endif
