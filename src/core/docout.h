/* docout.h - what an official document made by ttdn says besides its
 * content: number, date, place, signer and recipients (the export
 * settings), and the facts of the issuing body (its header lines, the
 * abbreviation in its symbol, its seat). Gathers the data of each kind of
 * document for render/official.h; reads permissions like the pages do.
 *
 * Every string is arena-owned (ctx->arena). */
#ifndef TT_DOCOUT_H
#define TT_DOCOUT_H

#include "core/ctx.h"
#include "core/plan.h"
#include "core/round.h"
#include "core/round_text.h"

#define DOCOUT_MAX_FIELD 300     /* bytes of one setting */
#define DOCOUT_MAX_RECIPIENTS 30 /* lines of "Nơi nhận" */

typedef struct {
	const char *number;       /* "" = left blank for the clerk ("Số:      /BC-UBND") */
	const char *date;         /* YYYY-MM-DD */
	const char *place;        /* "Quảng Ngãi" */
	const char *authority;    /* "" or "TM. ...", "KT. ...", "Q. ...", "TL. ...", "TUQ. ..." */
	const char *signer_title; /* "PHÓ GIÁM ĐỐC" (may be "") */
	const char *signer_name;  /* may be "" */
	const char *recipients;   /* one a line, without "- " and ";" (may be "": the defaults) */
} docout_settings;

/* The issuing body as its documents name it. */
typedef struct {
	const char *parent_line; /* "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", NULL for none */
	const char *issuer_line; /* "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH" */
	const char *abbr;        /* "SVHTTDL", "UBND" */
	const char *name; /* "Sở Văn hóa, Thể thao và Du lịch", "Ủy ban nhân dân tỉnh Quảng Ngãi" */
	const char *seat; /* the province's name without "Tỉnh": "Quảng Ngãi" */
} docout_issuer;

/* The settings a request gives, field by field (NULL: not given). */
typedef docout_settings docout_override;

typedef struct {
	round_report_view view;
	docout_issuer issuer;
	const char *owner; /* the round's owner as documents name it */
	docout_settings set;
} docout_report;

/* A body's report in a round, for those who may read it (TT_ERR_NOT_FOUND
 * otherwise), with its settings: the body's saved ones, then ov's fields
 * over them, then defaults (today in Vietnam time, the body's seat, the
 * round's owner and "Lưu: VT"). A bad override gives TT_ERR_INVALID with a
 * Vietnamese detail naming the field. */
tt_rc docout_report_get(tt_ctx *ctx, int64_t round_id, const char *org_code, const docout_override *ov,
                        docout_report *out);

typedef struct {
	plan_view plan;
	docout_issuer issuer;
	docout_settings set;
	const char **basis; /* "Căn cứ ..." lines of the source document */
	size_t nbasis;
} docout_plan;

/* A plan as its owner issues it (same visibility as reading the plan). */
tt_rc docout_plan_get(tt_ctx *ctx, int64_t plan_id, const docout_override *ov, docout_plan *out);

/* One activity of the register as a row of an appendix table. */
typedef struct {
	int64_t id;
	const char *date; /* "05/02/2027" or "05/02/2027 - 07/02/2027" */
	const char *type; /* the type's label */
	const char *title;
	const char *org;       /* the body's name */
	const char *countries; /* names, "" for none */
	long long people;      /* -1: not given */
} docout_activity;

#define DOCOUT_MAX_ACTIVITIES 2000 /* rows of one appendix */

typedef struct {
	docout_issuer issuer; /* the user's body */
	docout_settings set;
	const char *from, *to; /* the period of the list, NULL: open */
	docout_activity *rows;
	size_t nrows;
	int truncated; /* more than DOCOUT_MAX_ACTIVITIES matched */
} docout_activities;

/* Adds the activities of q the user reads to d->rows (q's offset and
 * limit are used to page), at most DOCOUT_MAX_ACTIVITIES in all; rows
 * already there (same activity) are not added twice. */
tt_rc docout_activity_rows(tt_ctx *ctx, st_activity_query *q, docout_activities *d);
/* The activity list of q as an appendix issued by the user's body, with
 * its settings (as docout_report_get). */
tt_rc docout_activities_get(tt_ctx *ctx, st_activity_query *q, const docout_override *ov,
                            docout_activities *out);

typedef struct {
	round_consolidated cons;
	docout_issuer issuer; /* the round's owner */
	docout_settings set;
	/* The text its coordinator saved for each section (round_text.h),
	 * NULL: none, the bodies' texts by body. */
	const char **saved;
	/* The register's activities of the round's bodies over its period
	 * (NULL: not asked). */
	docout_activities *activities;
} docout_consolidated;

/* The consolidated report of a round as its owner issues it, for those who
 * oversee the round (as round_consolidate): every submitted report, and
 * with activities the register's activities of the round's bodies over
 * its period for the appendix. */
tt_rc docout_consolidated_get(tt_ctx *ctx, int64_t round_id, const docout_override *ov, int activities,
                              docout_consolidated *out);

/* What body org_id saved (empty strings when nothing). */
tt_rc docout_settings_saved(tt_ctx *ctx, int64_t org_id, docout_settings *out);
/* 1 when the acting user may save body org_id's settings: its own
 * people who write its reports (not viewers), and admins. */
int docout_may_save(tt_ctx *ctx, int64_t org_id);
/* Saves the settings ov gives (place, signer, recipients; not the number
 * and date, which belong to one document) over those body org_id saved
 * before. Only the body's own people (not viewers) and admins:
 * TT_ERR_FORBIDDEN otherwise; TT_ERR_INVALID for a bad value. */
tt_rc docout_settings_save(tt_ctx *ctx, int64_t org_id, const docout_override *ov);

/* Body org_id as documents name it ("Ủy ban nhân dân tỉnh Quảng Ngãi");
 * fallback when it cannot be read. */
const char *docout_body_name(tt_ctx *ctx, int64_t org_id, const char *fallback);

/* Upper case of UTF-8 text (Vietnamese letters included), in the arena. */
const char *docout_upper(tt_ctx *ctx, const char *s);

#endif
