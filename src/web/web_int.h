/* web_int.h - helpers shared by the API and page handlers. */
#ifndef TT_WEB_INT_H
#define TT_WEB_INT_H

#include <jansson.h>

#include "core/activity.h"
#include "core/document.h"
#include "core/plan.h"
#include "core/round.h"
#include "core/schedule.h"
#include "render/xlsx.h"
#include "web/http.h"

/* The round id in r->params[0]; TT_ERR_NOT_FOUND when not a positive integer. */
tt_rc web_round_id(http_req *r, int64_t *id);
/* A count as JSON: whole numbers as integers. */
json_t *web_number(double v);
/* The register page listing the records a round's suggestion counts: the
 * activities of type recorded by org_code and the bodies below it whose
 * start date is in the round's period (arena). */
const char *web_records_url(http_req *r, const st_round *x, const char *org_code, const char *type);
/* The consolidated view as JSON (the API shape, also the JSON export). */
json_t *web_consolidated_json(tt_arena *a, const round_consolidated *c);
/* The execution table of a round's plan: every task with each lead body's
 * status at v->at. */
json_t *web_execution_json(tt_arena *a, const plan_view *v);

/* Writes workbook b (render/xlsx.h; b is freed) and answers with it as a
 * download named filename (ASCII, no quotes), streamed from its temporary
 * file, which is already removed. The export of a list is: xlsx_open,
 * xlsx_sheet with the columns, a row of xlsx_text/xlsx_number/xlsx_date
 * per item, then this (ui_xlsx.c). */
tt_rc web_send_xlsx(http_req *r, xlsx_book *b, const char *filename);

/* TT_OK when the user is an admin; otherwise a forbidden error. */
tt_rc web_require_admin(http_req *r);

/* Citations shown at once on a document (page and API): a document may
 * cite hundreds of thousands of others. */
#define WEB_CITATION_PAGE 1000

/* The document id in r->params[0]; TT_ERR_NOT_FOUND when not a positive integer. */
tt_rc web_document_id(http_req *r, int64_t *id);
/* Queues the request's uploaded files as import jobs (all or none); *ids
 * (arena array, one per r->files entry) gets their ids. Refuses a viewer
 * or a request without files; TT_ERR_BUSY / TT_ERR_THROTTLED when the
 * queue is full, with a Vietnamese detail. */
tt_rc web_enqueue_uploads(http_req *r, int64_t **ids);
/* A job as the API shows it (with "result" once it has ended). */
json_t *web_job_json(const st_job *j);
/* imported | duplicate | failed once ended, else queued | running. */
const char *web_job_status(const st_job *j);
/* A stored document's metadata as JSON. */
json_t *web_document_json(const st_document *d);

/* The plan id (i = 0) or task id (i = 1) in r->params[i];
 * TT_ERR_NOT_FOUND when not a positive integer. */
tt_rc web_plan_id(http_req *r, int i, int64_t *id);
/* A task's status chip: its text and a colour (class = the status name). */
void web_plan_chip(http_req *r, plan_status s);
/* The number of tasks in each status, as a row of figures. */
void web_plan_counts(http_req *r, const int counts[PLAN_STATUS_COUNT]);
/* The counts of each status as an SVG chart (label, figure and share),
 * bar i a link to href[i] when href is not NULL. */
void web_plan_chart(http_req *r, const char *title, const int counts[PLAN_STATUS_COUNT],
                    const char *const *href);
/* A task of a plan as the API shows it. */
json_t *web_plan_task_json(const plan_task_view *tv);
/* The date field of every form (datefield.c): a text field typed the
 * Vietnamese way ("15/12/2017", "15122017") with a calendar button that
 * fills it. value is the stored date ("YYYY-MM-DD", shown as dd/mm/yyyy)
 * or what was typed (shown as is); NULL for an empty field. */
void web_date_input(http_req *r, const char *id, const char *value, int required);
/* A day typed on a form, read by the one strict reader of typed dates
 * (date_read_input: dd/mm/yyyy, ddmmyyyy, ISO): "YYYY-MM-DD" in the
 * arena, NULL when it is not one (or is empty). */
const char *web_typed_day(http_req *r, const char *s);
/* The same with a name that differs from the id (several forms of one
 * name on a page). */
void web_date_input_named(http_req *r, const char *id, const char *name, const char *value, int required);
/* Reads the date field name of the posted form (or of the query when
 * from_query) strictly (date_read_input). *iso gets "YYYY-MM-DD" (arena),
 * or NULL when the field is empty and not required. A date that is not
 * one, or that could be read as another, is TT_ERR_INVALID with a
 * Vietnamese message that names the field by label. */
tt_rc web_form_date(http_req *r, const char *name, const char *label, int required, int from_query,
                    const char **iso);

/* The activity id (i = 0) or attachment id (i = 1) in r->params[i];
 * TT_ERR_NOT_FOUND when not a positive integer. */
tt_rc web_activity_id(http_req *r, int i, int64_t *id);
/* The id of the body with code (0 when code is NULL or ""); an unknown
 * code is TT_ERR_INVALID. */
tt_rc web_activity_org(http_req *r, const char *code, int64_t *id);
/* The filters of an activity list from the query string (type, org,
 * subtree, from, to, country, plan_task, limit, offset). */
tt_rc web_activity_query(http_req *r, st_activity_query *q);
/* A type with its fields as the API shows it. */
json_t *web_activity_type_json(const activity_type *t);
/* Streams an attachment of an activity the user reads, as a download. */
tt_rc web_activity_send_attachment(http_req *r, int64_t id, int64_t att_id);
/* The form that exports an official document (ui_docout.c): number, date,
 * place, signer and recipients, filled with what body org_id saved; posts
 * to action. */
void web_export_form(http_req *r, const char *action, int64_t org_id);

/* The filters of the activity list page as its exports read them
 * (ui_activity_import.c): type, org, from, to (dd/mm/yyyy), country. */
tt_rc web_activity_export_query(http_req *r, st_activity_query *q);

/* A report drafted from below (core/round_text.h): the body's own round
 * as JSON, the "từ N báo cáo của đợt ..." line of a count, and a count's
 * suggestion from it as JSON (api_rounds.c). */
json_t *web_below_round(http_req *r, const st_round *below);
const char *web_below_text(http_req *r, const round_report_view *v, const round_suggestion *sg);
json_t *web_below_suggestion(http_req *r, const round_report_view *v, const round_suggestion *sg);
/* The life of a report in its API shape: "timeline", "due", "approved_at",
 * "round_closed", "can_approve", "can_unapprove", "can_extend" set on j. */
void web_report_life_json(json_t *j, const round_report_view *v);
/* A rate on a page as "66,7%" (one decimal, Vietnamese comma; ui_rounds.c). */
void web_rate_pct(http_req *r, double v);
/* Rates of a round as JSON (percentages to one decimal). */
json_t *web_rates_json(const round_rates_t *x);
/* Schedules and levels (api_schedules.c): the schedule link of a round
 * into its JSON (schedule_id, period_key, up_due; null when none), and
 * the merger comparison of the indicator in r->params[0] read from the
 * query (years, at). */
void web_round_schedule_json(http_req *r, int64_t round_id, json_t *j);
/* The round page's part of schedules and levels (ui_schedules.c): the
 * period and the owner's own due day to the level above (D2), the copy
 * button, and the drill-down into the bodies' own rounds of the period. */
void web_round_levels(http_req *r, const st_round *x, int manage);
/* The drill-down of a round its user oversees: for each body asked that
 * runs its own round of the same period, its report and that round's
 * consolidated view (nothing when none does). */
void web_round_drill(http_req *r, int64_t round_id);
/* In the new round form: the provinces reporting to the user's body (a
 * ministry) with a "Tất cả tỉnh, thành phố" tick; returns how many. */
size_t web_round_form_provinces(http_req *r, const char *const *ticks, size_t nticked);
tt_rc web_indicator_compare(http_req *r, int *years, size_t *ny, const char **at,
                            indicator_compare_row **rows, size_t *n);
/* ---- search (api_search.c, ui_search.c) ---- */
typedef struct search_params search_params;
/* q, type, year, org, doc_kind, limit, offset from the query string. */
tt_rc web_search_params(http_req *r, search_params *p);
/* The Vietnamese name of a document type code (ui_documents.c). */
const char *doc_kind_name(const char *code);

#endif
