/* activity.h - the activity register: what each body did (delegations
 * received and sent, foreign reporters hosted, conferences, promotion
 * events, publications, press items, trainings, border information,
 * agreements, budget), recorded once and counted into the indicators the
 * reports ask for.
 *
 * The types and their own fields are data (data/activity_types.csv,
 * data/activity_fields.csv), and so are the indicators
 * (data/indicators.csv): read once, never changed after.
 *
 * Who may do what (perm.h): a body's reporters and coordinators (and
 * admins) record, edit and delete their own body's activities; every role
 * reads the activities of its body and the bodies below it. An activity
 * the user may not read is TT_ERR_NOT_FOUND. Every change is audited
 * (activity.create, activity.update, activity.delete,
 * activity.attachment.add, activity.attachment.delete). Results live in
 * ctx's arena. */
#ifndef TT_ACTIVITY_H
#define TT_ACTIVITY_H

#include <jansson.h>
#include <stddef.h>

#include "core/ctx.h"
#include "text/table.h"

#define ACTIVITY_MAX_COUNTRIES 60
#define ACTIVITY_MAX_ATTACHMENT ((size_t)50 << 20) /* bytes of one attachment */
#define ACTIVITY_MAX_PAGE 200

/* ---- types and their fields (data) ---- */
typedef enum { AF_TEXT, AF_INTEGER, AF_DECIMAL, AF_DATE, AF_ENUM, AF_BOOL } activity_kind;

typedef struct {
	const char *key;
	const char *label;
} activity_choice;

typedef struct {
	const char *key;
	const char *label; /* Vietnamese */
	activity_kind kind;
	int required;
	int has_min, has_max;
	double min, max;                /* numbers: bounds; text: max characters */
	const activity_choice *choices; /* AF_ENUM */
	size_t nchoices;
	int number; /* kept in activity_number for indicators */
} activity_field;

typedef struct {
	const char *key;
	const char *label;
	int people;               /* the type counts people taking part */
	const char *people_label; /* what people means for it */
	const activity_field *fields;
	size_t nfields;
} activity_type;

/* Every type, in the order of data/activity_types.csv. */
const activity_type *activity_types(size_t *n);
/* A type by key, NULL when unknown. */
const activity_type *activity_type_get(const char *key);
/* "text", "integer", "decimal", "date", "enum", "bool". */
const char *activity_kind_name(activity_kind k);
/* The label of an enum value, NULL when not one of its choices. */
const char *activity_choice_label(const activity_field *f, const char *value);

/* ---- indicators (data) ---- */
typedef struct {
	const char *key; /* "foreign_press.people" */
	const char *name, *unit, *kind, *definition;
	const char *type;  /* activity type counted */
	const char *field; /* NULL: count; "people"; or a numeric own field */
} activity_indicator;

const activity_indicator *activity_indicators(size_t *n);
const activity_indicator *activity_indicator_get(const char *key);

/* ---- one activity ---- */
typedef struct {
	const char *org_code; /* NULL: the user's own body */
	const char *type, *title, *start_on, *end_on, *place, *description;
	long long people; /* -1: not given */
	int64_t plan_task_id;
	int in_plan;                  /* -1: not given (then 1 with a task, else 0) */
	json_t *fields;               /* object of own fields (borrowed), NULL: none */
	const char *const *countries; /* ISO codes */
	size_t ncountries;
	int64_t version; /* update: the version the user saw, 0: any */
} activity_input;

/* Reads an activity from a JSON object (the API's and imports' shape: see
 * docs/api.md) into in. TT_ERR_INVALID with a Vietnamese message naming
 * the field for a wrong JSON type. Nothing is checked against the types
 * yet (activity_create does). in borrows from o. */
tt_rc activity_input_json(tt_ctx *ctx, json_t *o, activity_input *in);

typedef struct {
	st_activity a;
	const char **countries; /* codes */
	size_t ncountries;
	st_activity_attachment *attachments;
	size_t nattachments;
	const char *task_label, *task_text; /* the plan task, when linked */
	int can_edit;
} activity_view;

/* Validates and records an activity; *id gets its id. A missing required
 * field, an unknown type, field or country code, an end before the start,
 * a number out of bounds or a value of the wrong type is TT_ERR_INVALID
 * with a Vietnamese message naming the field, and nothing is stored. */
tt_rc activity_create(tt_ctx *ctx, const activity_input *in, int64_t *id);
/* The same inside the caller's write transaction (core_begin). */
tt_rc activity_add_in_tx(tt_ctx *ctx, const activity_input *in, int64_t *id);
tt_rc activity_get(tt_ctx *ctx, int64_t id, activity_view *out);
/* Replaces an activity with in (same checks) while its version is
 * in->version (0: any): TT_ERR_CONFLICT otherwise. The body stays. */
tt_rc activity_update(tt_ctx *ctx, int64_t id, const activity_input *in);
/* Deletes an activity with its attachments; the audit keeps what it was. */
tt_rc activity_delete(tt_ctx *ctx, int64_t id);

/* The activities of a query the user may read. q->org_id 0: the user's
 * body and its subtree (everything for an admin). A body the user may not
 * read is TT_ERR_FORBIDDEN. */
tt_rc activity_list(tt_ctx *ctx, const st_activity_query *q, st_activity **out, size_t *n, int64_t *total);
/* The ISO codes of activity id (no permission check: for lists the user
 * already reads). */
tt_rc activity_countries(tt_ctx *ctx, int64_t id, const char ***out, size_t *n);
/* The activity as JSON (new reference): the shape of docs/api.md. */
json_t *activity_json(const activity_view *v);

/* ---- counting ---- */
/* The value of indicator key for body org_id and every body below it,
 * over the activities whose start date is in [from, to] (YYYY-MM-DD):
 * *value and *sources (how many records it comes from). One aggregate
 * query. TT_ERR_INVALID for an unknown key or a bad period. */
tt_rc activity_indicator_value(tt_ctx *ctx, const char *key, int64_t org_id, const char *from, const char *to,
                               double *value, int64_t *sources);
/* Statistics of org_id's subtree (0: the user's body, or all for an admin)
 * grouped by "type", "country", "month" or "org"; names in Vietnamese. */
tt_rc activity_stats(tt_ctx *ctx, const char *group, int64_t org_id, const char *from, const char *to,
                     st_activity_group **out, size_t *n);

/* ---- attachments ---- */
/* Adds a file (read from path, size bytes, streamed into a blob) to an
 * activity the user may edit; *att_id gets its id. */
tt_rc activity_attachment_add(tt_ctx *ctx, int64_t id, const char *filename, const char *path,
                              int64_t *att_id);
/* An attachment of an activity the user may read. */
tt_rc activity_attachment_get(tt_ctx *ctx, int64_t id, int64_t att_id, st_activity_attachment *out);
tt_rc activity_attachment_delete(tt_ctx *ctx, int64_t id, int64_t att_id);

/* ---- import from a spreadsheet (activity_import.c) ---- */
#define ACTIVITY_IMPORT_MAX_ERRORS 100
#define ACTIVITY_IMPORT_MAX_ROWS 5000 /* rows of one import (one write transaction) */
#define ACTIVITY_IMPORT_MAX_COLUMNS 40

typedef struct {
	const char *key;   /* "title", "people", "countries", an own field's key */
	const char *label; /* the Vietnamese header */
	const char *example;
	int required;
} activity_column;

/* The columns of a spreadsheet of type t, in template order: the common
 * fields, then the type's own fields. Returns how many (at most cap). */
size_t activity_import_columns(const activity_type *t, activity_column *out, size_t cap);

typedef struct {
	long line;          /* the row in the file (1: the header) */
	const char *column; /* its header as written, NULL for the whole row */
	const char *message;
} activity_import_error;

/* Records every row of tb (row 1: the headers, Vietnamese labels or field
 * keys) as an activity of type `type`, all or nothing: one write
 * transaction, rolled back on the first store error or if any row is
 * wrong. Cells: dates as dd/mm/yyyy or YYYY-MM-DD, enum values by label or
 * key, countries by code or name separated by "," or ";", booleans
 * có/không. On success *imported is how many. On wrong rows
 * TT_ERR_INVALID, *errs the first ACTIVITY_IMPORT_MAX_ERRORS (line, column,
 * Vietnamese message) and *total how many there were. */
tt_rc activity_import(tt_ctx *ctx, const char *type, const tt_table *tb, int64_t *imported,
                      activity_import_error **errs, size_t *nerrs, size_t *total);

#endif
