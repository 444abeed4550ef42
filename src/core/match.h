/* match.h - bodies named in plan tasks, matched to the registry as it was
 * on a date and inside an owner's subtree: by name, by alias, by the common
 * abbreviations (Sở TT&TT, UBND, BCH BĐBP ...), and group phrases
 * ("UBND các huyện, thành phố", "các Sở, ban, ngành") expanded to the
 * bodies they name on that date. The vocabulary lives in data, not in
 * branches. */
#ifndef TT_MATCH_H
#define TT_MATCH_H

#include <stddef.h>

#include "core/ctx.h"

typedef struct {
	const char *text; /* the phrase as written */
	st_org *orgs;     /* the bodies it names, valid on the date (arena) */
	size_t n;         /* 0: unmatched, left for a person to resolve */
	int group;        /* 1: a group phrase, expanded to n bodies */
	int vague;        /* 1: "các cơ quan, đơn vị liên quan" and the like: a
	                     group (group = 1, n = 0) with no definite members,
	                     not an unmatched name to resolve */
} match_body;

/* Matches one phrase naming a body or a group of bodies. scope_id is the
 * plan's owner (a province such as OP-KON-TUM, or a department): names are
 * looked up among the units valid on `at` (YYYY-MM-DD) in the subtree of
 * the owner's province, the province itself included ("UBND tỉnh").
 * An unmatched phrase is not an error: out->n = 0. Arena results.
 * Vocabulary: data/departments.csv (abbreviations), data/body_groups.csv,
 * data/body_words.csv. A named body gives group = 0 and usually n = 1 (n > 1
 * only when the registry holds two bodies of that name in the province);
 * after 2025-07-01 "UBND các huyện, thành phố" gives the communes, since
 * districts are gone. Reads only: callable inside a transaction.
 * TT_ERR_INVALID for a bad date or a phrase over 2,000 bytes, TT_ERR_UTF8. */
tt_rc match_body_text(tt_ctx *ctx, int64_t scope_id, const char *at, const char *text, match_body *out);

/* The issuing body of a document as the registry had it on `at`: e.g.
 * issuer_code "UBND", place "Kon Tum", at 2019-01-28 gives OP-KON-TUM (the
 * province of that day), not today's Quảng Ngãi. issuer_name is the
 * header's body line when the parser has one (may be NULL). TT_ERR_NOT_FOUND
 * when nothing fits. */
tt_rc match_issuer(tt_ctx *ctx, const char *issuer_code, const char *place, const char *issuer_name,
                   const char *at, st_org *out);

/* Remembers a person's choice for a phrase that did not match: the phrase
 * becomes an alias of org_id, so the next plan matches it by itself.
 * Admins, the system, and coordinators for bodies of their own province
 * (TT_ERR_FORBIDDEN otherwise). Runs its own transaction; inside one of the
 * caller's, call org_alias_add (core/org.h) instead, which does the same. */
tt_rc match_remember(tt_ctx *ctx, const char *text, int64_t org_id);

#endif
