/* schedule.h - reporting regimes. A body's coordinator sets up a schedule:
 * the same sections and counts asked of the same bodies for every period
 * of the kinds it names (month, quarter, half_year, nine_months, year),
 * due due_days (D1) after the period's cut-off, and, for a level that
 * reports on, the owner's own report due up_due_days (D2 > D1) after it.
 *
 * `ttdn tick` (and the server, daily) opens the rounds: a period's round
 * opens on its cut-off day, the last day of the period's Decree 09 window
 * (2026-06-14 for "2026-H1"), or on the first tick after it. Only periods
 * whose cut-off falls on or after the day the schedule was made are
 * opened, so a new schedule never floods the bodies with past periods.
 * Each (schedule, period) gets at most one round, enforced in the database.
 *
 * Also here: copying a round by hand to another period, and the reporting
 * level of the ministry above the provinces (data/ministries.csv). */
#ifndef TT_SCHEDULE_H
#define TT_SCHEDULE_H

#include <stddef.h>

#include "core/ctx.h"
#include "core/period.h"
#include "core/round.h"

#define SCHEDULE_MAX_DAYS 366 /* due_days and up_due_days */

typedef struct {
	const char *title;
	const char *const *kinds; /* period kind names ("half_year", "year") */
	size_t nkinds;
	const char *const *org_codes;
	size_t norgs;
	const st_section *sections;
	size_t nsections;
	const st_count *counts;
	size_t ncounts;
	int due_days;    /* D1, 1..366 */
	int up_due_days; /* D2 > D1, or 0: no level above */
	int active;
} schedule_spec;

typedef struct {
	st_schedule schedule;
	st_section *sections;
	size_t nsections;
	st_count *counts;
	size_t ncounts;
	st_org *orgs;
	size_t norgs;
	int can_edit;
} schedule_view;

/* Coordinators (and admins) of a body make, change and delete its
 * schedules; bodies asked must be within their reach, as for a round.
 * Audited (schedule.create, schedule.update, schedule.delete). */
tt_rc schedule_create(tt_ctx *ctx, const schedule_spec *spec, int64_t *id);
tt_rc schedule_update(tt_ctx *ctx, int64_t id, const schedule_spec *spec);
tt_rc schedule_delete(tt_ctx *ctx, int64_t id);
/* A schedule its owner's coordinators and viewers (at or above it) read;
 * TT_ERR_NOT_FOUND otherwise. Arena results. */
tt_rc schedule_get(tt_ctx *ctx, int64_t id, schedule_view *out);
/* The schedules of the user's body and the bodies below it (all for
 * admins), by id. */
tt_rc schedule_list(tt_ctx *ctx, st_schedule **out, size_t *n);

/* The rates of the rounds a schedule opened, oldest period first: one
 * point per round the user oversees (rounds deleted or not overseen are
 * left out), for the line chart of a regime over time. */
typedef struct {
	int64_t round_id;
	const char *period_key;
	char label[40]; /* the period's Vietnamese label ("6 tháng đầu năm 2026") */
	round_rates_t rates;
} schedule_rate;
tt_rc schedule_rates(tt_ctx *ctx, int64_t id, schedule_rate **out, size_t *n);

/* Pure: the periods of kind k whose cut-off day (period end) falls in
 * [starts_on, today], oldest first, into out (room for max); returns how
 * many. */
size_t schedule_due_periods(period_kind k, const char *starts_on, const char *today, period *out, size_t max);
/* Pure: the period of kind-any whose window is exactly [start, end]
 * (TT_ERR_NOT_FOUND when none). */
tt_rc schedule_period_of(const char *start, const char *end, period *out);

typedef struct {
	int opened;   /* rounds opened now */
	int existing; /* periods that had their round already */
	int failed;   /* periods that could not be opened (logged) */
} schedule_tick_result;

/* Opens the due rounds of every active schedule for the day of ctx->now.
 * Runs as the system (ctx_start_system): each round is owned by the
 * schedule's body and audited as the system. One transaction per round. */
tt_rc schedule_tick(tt_ctx *ctx, schedule_tick_result *res);

/* A copy of round id for another period: same title pattern (the old
 * period's label replaced by the new one), sections, counts and bodies
 * (ended bodies replaced by their successors). The new period is a key
 * (period_key) or two days; due NULL keeps the old distance from the
 * period's end. The copier must be able to create rounds for the bodies. */
typedef struct {
	const char *period_key;
	const char *period_start, *period_end, *due;
	int allow_past_due;
} round_copy_spec;
tt_rc round_copy(tt_ctx *ctx, int64_t id, const round_copy_spec *spec, int64_t *new_id);

/* The schedule link of a round the user may see: *schedule_id (0: none or
 * deleted), *period_key and *up_due (NULL: none). TT_ERR_NOT_FOUND when
 * the round was not opened by a schedule. */
tt_rc round_schedule_info(tt_ctx *ctx, int64_t round_id, int64_t *schedule_id, const char **period_key,
                          const char **up_due);

/* ---- the ministry level ---- */
typedef struct {
	size_t bodies;    /* ministry bodies added or updated */
	size_t provinces; /* provinces linked below them */
} schedule_ministry_stats;
/* Adds the ministries of data/ministries.csv (kind "ministry", with their
 * validity and successor links) and puts every province below the body
 * that received its reports, in the reporting hierarchy (org_report_to):
 * provinces that existed before 2025-03-01 below the Ministry of
 * Information and Communications' department, every province below the
 * Ministry of Culture, Sports and Tourism's. Running it again changes
 * nothing. Admins and the system. */
tt_rc ministry_load(tt_ctx *ctx, schedule_ministry_stats *stats);
/* The provinces that report to the user's body (or a body below it) and
 * are in office on day at: the "Tất cả tỉnh, thành phố" choice. */
tt_rc ministry_provinces(tt_ctx *ctx, const char *at, st_org **out, size_t *n);

/* One province of a ministry round in the drill-down: its report, and the
 * province's own round of the same period (0: none), readable by the
 * ministry's coordinators. */
typedef struct {
	st_report report;
	int64_t own_round_id;
	int own_expected, own_submitted;
} round_drill_row;
/* For a round the user manages: one row per body asked. */
tt_rc round_drill(tt_ctx *ctx, int64_t round_id, round_drill_row **out, size_t *n);

/* ---- an indicator across the 2025 merger ---- */
typedef struct {
	const char *code, *name; /* the province in office on the comparison day */
	double *values;          /* one per year */
	const char **sources;    /* per year: the old provinces counted, "; "-joined */
} indicator_compare_row;
/* The indicator's register value of every province for each Decree 09
 * year (15/12 of the year before to 14/12), each old province's value
 * counted under the province carrying it on day at. Rows by name. */
tt_rc indicator_compare(tt_ctx *ctx, const char *indicator, const int *years, size_t nyears, const char *at,
                        indicator_compare_row **out, size_t *n);

#endif
