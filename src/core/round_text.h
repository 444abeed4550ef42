/* round_text.h - the consolidated text of a round, edited before export:
 * each section starts as the draft made of the bodies' submitted texts,
 * each group of paragraphs named by its body ("Sở Ngoại vụ: ..."), and the
 * round's coordinator rewrites it into one narrative, which is saved and
 * is what the consolidated BÁO CÁO prints.
 *
 * Also the report of a body in a higher round drafted from below: the
 * body's own round for the same period gives each count's suggested value
 * (the sum of its submitted reports) and each section's draft text (its
 * consolidated text). See round_below_fill.
 *
 * Strings are arena-owned (ctx->arena). */
#ifndef TT_ROUND_TEXT_H
#define TT_ROUND_TEXT_H

#include "core/round.h"

typedef struct {
	const char *key, *heading;
	const char *text;       /* the saved text, or the draft when none is saved */
	const char *draft;      /* the bodies' submitted texts, each named by body */
	int saved;              /* a (non-empty) text is saved */
	int64_t version;        /* to name when saving: 0 = never saved */
	const char *updated_at; /* NULL when never saved */
} round_text_section;

typedef struct {
	st_round round;
	round_text_section *sections;
	size_t nsections;
	int submitted, expected; /* reports the drafts come from, and asked for */
} round_text_view;

/* The consolidated text of a round, for those who manage it (another
 * body's round: TT_ERR_NOT_FOUND; one the user sees but does not manage:
 * TT_ERR_FORBIDDEN). */
tt_rc round_text_get(tt_ctx *ctx, int64_t round_id, round_text_view *out);

typedef struct {
	const char *key;
	const char *text; /* "" = back to the draft */
	int64_t version;  /* the version the editor read (0: none saved) */
} round_text_edit;

/* Saves the sections given, each only while its version is still the one
 * named: TT_ERR_CONFLICT (409) otherwise, and nothing of the request is
 * written. A text the same as what is saved, or (when nothing is saved)
 * as the draft, is left alone, so the draft keeps following the bodies'
 * reports until a person changes it. Text: at most ROUND_MAX_TEXT bytes of
 * valid UTF-8, stored as NFC. Audited as round.text.save. */
tt_rc round_text_save(tt_ctx *ctx, int64_t round_id, const round_text_edit *e, size_t n);

/* The draft of section key from the merged texts t[0..n) (by body, as
 * store_round_texts gives them): "<body>: <text>" groups separated by an
 * empty line; "" when no body wrote anything. Pure. */
const char *round_text_draft(tt_arena *a, const st_merged_text *t, size_t n, const char *key);

/* What the report prints for each of the round's sections sec[0..nsec):
 * (*saved)[i] the saved text or NULL. No permission check: for callers
 * that checked. */
tt_rc round_text_saved(tt_ctx *ctx, int64_t round_id, const st_section *sec, size_t nsec,
                       const char ***saved);

/* The body's own round below r: one body org_id owns, for the same period
 * (same start and end), with at least one submitted report; the newest
 * such. TT_ERR_NOT_FOUND when there is none. */
tt_rc round_below_find(tt_ctx *ctx, int64_t org_id, const st_round *r, st_round *out);
/* Fills v's suggestions (below, below_value, below_reports) and drafts
 * from the report's body's own round below v->round, when it has one:
 * each count from the count of the same key there, else of the same
 * indicator; each section from the section of the same key. Summed over
 * the reports submitted there, without a read check on them (only totals
 * and the consolidated text come out). */
tt_rc round_below_fill(tt_ctx *ctx, round_report_view *v);

#endif
