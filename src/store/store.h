/* store.h - the one storage interface of ttdn.
 *
 * Callers above src/store/ use only these typed functions; no SQL lives
 * anywhere else. A `store` is one connection: open one per thread and never
 * share it between threads. The engine is chosen by the location given to
 * store_open(): a file path means the embedded SQLite engine, a
 * postgresql:// URI the PostgreSQL engine. Both give the same answers to
 * every call (src/store/store_int.h says how).
 *
 * Ownership: strings in returned records are allocated from the arena the
 * caller passes and live as long as that arena. Out-parameters are set only
 * on success. Functions return TT_ERR_NOT_FOUND when a looked-up row does not
 * exist. */
#ifndef TT_STORE_H
#define TT_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/arena.h"
#include "base/err.h"

typedef struct store store;

/* Opens a connection; creates the file (and its folder) if missing. Does not
 * migrate. The caller frees with store_close(). */
tt_rc store_open(const char *location, store **out);
void store_close(store *s);
/* Applies pending migrations; *applied gets how many ran (may be NULL). */
tt_rc store_migrate(store *s, int *applied);
/* The last engine error text, for logs (never shown to users). */
const char *store_errmsg(store *s);
/* "sqlite" or "postgresql". */
const char *store_engine_name(store *s);

/* Transactions. store_begin takes the write lock at once (BEGIN IMMEDIATE)
 * so that a read-then-write sequence cannot deadlock under concurrency. */
tt_rc store_begin(store *s);
tt_rc store_commit(store *s);
void store_rollback(store *s);

/* A read transaction: every query between the two sees one snapshot and
 * the engine takes its locks once. */
tt_rc store_read_begin(store *s);
void store_read_end(store *s);

/* The time of the request or command using s: rows it stamps (created,
 * submitted, audit, session, job times) carry it. 0 goes back to asking
 * clock_now() at each stamp (workers, which live long). The store never
 * reads the wall clock itself. */
void store_set_now(store *s, time_t now);

/* ---- moving a deployment ---- */
typedef struct {
	const char *table;
	int64_t from, to; /* rows on each side after the copy */
} store_copy_count;
/* Called every 1,000 rows of a table. */
typedef void (*store_copy_progress)(void *arg, const char *table, int64_t rows);
/* Copies every table of from into the empty database to, in one write
 * transaction on to, and fills counts[] (one per table, see
 * store_copy_tables) with the rows on both sides. Fails, writing nothing,
 * when to already holds data or when any count differs. */
tt_rc store_copy(store *from, store *to, store_copy_count *counts, store_copy_progress cb, void *arg);
/* The tables store_copy moves, in order; returns how many. */
size_t store_copy_tables(const char ***names);
/* The tables store_copy builds again on the target instead of moving them
 * (the search index and, on SQLite, its FTS5 tables); returns how many. */
size_t store_copy_derived(const char ***names);

/* ---- settings ---- */
tt_rc store_setting_get(store *s, tt_arena *a, const char *key, const char **value);
tt_rc store_setting_set(store *s, const char *key, const char *value);

/* Blobs: byte strings of any size (document originals), stored as rows of
 * STORE_BLOB_CHUNK bytes (the last one shorter) and written and read a
 * chunk at a time, so no caller holds a whole blob in memory. */
#define STORE_BLOB_CHUNK ((size_t)1 << 20)

typedef struct store_blob_writer store_blob_writer;

/* Starts a blob inside the caller's write transaction. *out is freed by
 * store_blob_finish or store_blob_abort. */
tt_rc store_blob_begin(store *s, store_blob_writer **out);
/* Appends n bytes; full chunks are written to the database as they fill. */
tt_rc store_blob_write(store_blob_writer *w, const void *p, size_t n);
/* Writes the last chunk, records size and sha256 and frees w (also on
 * failure). *id gets the blob's id, sha256_hex (may be NULL) the lowercase
 * hex digest of the whole. */
tt_rc store_blob_finish(store_blob_writer *w, int64_t *id, char sha256_hex[65]);
/* Frees w without finishing; the caller rolls its transaction back. */
void store_blob_abort(store_blob_writer *w);
/* Size in bytes and sha256 (hex, may be NULL) of a blob; TT_ERR_NOT_FOUND. */
tt_rc store_blob_info(store *s, int64_t id, int64_t *size, char sha256_hex[65]);
/* Copies chunk seq (0-based) of a blob into buf (cap >= STORE_BLOB_CHUNK);
 * *len gets its length. TT_ERR_NOT_FOUND past the last chunk. One short
 * statement: no transaction is needed around it, since blobs never change. */
tt_rc store_blob_read(store *s, int64_t id, int64_t seq, void *buf, size_t cap, size_t *len);

/* ---- registry of bodies ---- */
typedef struct {
	int64_t id;
	const char *code;
	const char *name;
	const char *kind;
	int64_t parent_id; /* 0 = none */
	const char *parent_code;
	const char *parent_name;
	const char *valid_from; /* NULL = open */
	const char *valid_to;   /* NULL = open */
} st_org;

typedef struct {
	const char *q_key; /* search key (see vn_search_key), NULL = any */
	const char *at;    /* YYYY-MM-DD: valid on that day, NULL = any */
	const char *kind;  /* NULL = any */
	int64_t parent_id; /* 0 = any */
	int64_t within_id; /* 0 = any; else only descendants of this org */
	int limit;         /* <=0 means 50 */
	int offset;
} st_org_query;

/* Inserts or updates (by code) an org; *id gets its id (may be NULL).
 * search_key is the folded name plus aliases. */
tt_rc store_org_put(store *s, const st_org *o, const char *search_key, int64_t *id);
tt_rc store_org_get(store *s, tt_arena *a, const char *code, st_org *out);
tt_rc store_org_get_id(store *s, tt_arena *a, int64_t id, st_org *out);
tt_rc store_org_find(store *s, tt_arena *a, const st_org_query *q, st_org **out, size_t *n);
tt_rc store_org_count(store *s, const char *kind, const char *at, int64_t *n);
tt_rc store_org_alias_add(store *s, int64_t org_id, const char *alias);
tt_rc store_org_alias_clear(store *s, int64_t org_id);
tt_rc store_org_aliases(store *s, tt_arena *a, int64_t org_id, const char ***out, size_t *n);
tt_rc store_org_successor_add(store *s, int64_t pred_id, int64_t succ_id);
/* Direct successors (transitive = 0) or the units carrying it today
 * (transitive = 1: follow links until units that have none). */
tt_rc store_org_successors(store *s, tt_arena *a, int64_t id, int transitive, st_org **out, size_t *n);
tt_rc store_org_predecessors(store *s, tt_arena *a, int64_t id, st_org **out, size_t *n);
/* *yes = 1 if org is ancestor itself or lies below it in the tree. */
tt_rc store_org_within(store *s, int64_t ancestor_id, int64_t org_id, int *yes);

/* ---- accounts ---- */
typedef struct {
	int64_t id;
	const char *login;
	const char *name;
	const char *pwhash;
	const char *role;
	int64_t org_id;
	const char *org_code;
	const char *org_name;
	int disabled;
	const char *created_at;
	const char *email; /* NULL: none */
} st_user;

tt_rc store_user_add(store *s, const st_user *u, int64_t *id);
tt_rc store_user_by_login(store *s, tt_arena *a, const char *login, st_user *out);
tt_rc store_user_get(store *s, tt_arena *a, int64_t id, st_user *out);
tt_rc store_user_list(store *s, tt_arena *a, st_user **out, size_t *n);
/* The active admins, by body then name, at most limit of them. */
tt_rc store_user_admins(store *s, tt_arena *a, int limit, st_user **out, size_t *n);
tt_rc store_user_set_password(store *s, int64_t id, const char *pwhash);
tt_rc store_user_set_role(store *s, int64_t id, const char *role, int disabled);
/* Sets (NULL or "": clears) the e-mail address of a user. */
tt_rc store_user_set_email(store *s, int64_t id, const char *email);

/* ---- reminders (remind.c) ---- */
typedef struct {
	int64_t report_id;
	int64_t round_id;
	int64_t org_id;
	const char *org_code;
	const char *org_name;
	const char *title;
	const char *period_start;
	const char *period_end;
	const char *due;
} st_remind_report;
/* The reports not submitted (draft or returned) of open rounds, of every
 * round or of round_id (> 0), by round then body; due is the body's own
 * due date when it has one. */
tt_rc store_remind_reports(store *s, tt_arena *a, int64_t round_id, st_remind_report **out, size_t *n);
/* The e-mail addresses of the active reporters of org_id. */
tt_rc store_remind_emails(store *s, tt_arena *a, int64_t org_id, const char ***out, size_t *n);
/* Claims reminder kind of a report: *claimed = 1 when it had not gone out
 * yet, or (again_before non-NULL) went out before again_before; the row
 * then holds sent_at. Call inside the write transaction of the decision. */
tt_rc store_remind_claim(store *s, int64_t report_id, const char *kind, const char *sent_at,
                         const char *again_before, int *claimed);

/* ---- calendar feed (calendar.c) ---- */
/* Sets (replaces) user_id's feed token hash and the nonce it was made
 * from, stamped now. */
tt_rc store_calendar_set(store *s, int64_t user_id, const char *token_hash, const char *nonce);
/* When user_id's feed token was made and its nonce (arena);
 * TT_ERR_NOT_FOUND: none. */
tt_rc store_calendar_created(store *s, tt_arena *a, int64_t user_id, const char **created_at,
                             const char **nonce);
/* The active user whose token hash is token_hash, with the hash as stored
 * (arena); TT_ERR_NOT_FOUND when none or the account is disabled. */
tt_rc store_calendar_owner(store *s, tt_arena *a, const char *token_hash, int64_t *user_id,
                           const char **stored_hash);
/* The reports org_id has not submitted (draft or returned), by due day. */
tt_rc store_calendar_reports(store *s, tt_arena *a, int64_t org_id, st_remind_report **out, size_t *n);

tt_rc store_session_add(store *s, const char *token_hash, int64_t user_id, const char *csrf,
                        const char *expires_at);
/* Looks up a live session; fills the user and the session's CSRF token. */
tt_rc store_session_get(store *s, tt_arena *a, const char *token_hash, st_user *user, const char **csrf);
tt_rc store_session_delete(store *s, const char *token_hash);
/* Drops every session of a user except keep_hash (may be NULL). */
tt_rc store_session_delete_user(store *s, int64_t user_id, const char *keep_hash);

/* Records a login attempt from address key ip; *id gets its id (may be
 * NULL). */
tt_rc store_login_attempt_add(store *s, const char *ip, const char *login, int ok, int64_t *id);
/* Marks a recorded attempt as successful. */
tt_rc store_login_attempt_succeeded(store *s, int64_t id);
/* Forgets attempts older than the given UTC time. */
tt_rc store_login_attempt_prune(store *s, const char *before);
/* Failed attempts since the given UTC time: *pair of login from ip after
 * its last success from ip, *total from ip for any login. */
tt_rc store_login_failures(store *s, const char *ip, const char *login, const char *since, int *pair,
                           int *total);

/* ---- audit trail (append-only) ---- */
typedef struct {
	int64_t id;
	const char *at;
	int64_t user_id;
	const char *login;
	const char *action;
	const char *entity;
	const char *entity_id;
	const char *before; /* JSON or NULL */
	const char *after;  /* JSON or NULL */
} st_audit;

tt_rc store_audit_add(store *s, const st_audit *e);
tt_rc store_audit_list(store *s, tt_arena *a, int limit, int offset, st_audit **out, size_t *n);

/* ---- reporting rounds ---- */
typedef struct {
	int64_t id;
	const char *title;
	const char *period_start;
	const char *period_end;
	const char *due;
	int64_t owner_org_id;
	const char *owner_code;
	const char *owner_name;
	int64_t created_by;
	const char *created_at;
	int64_t plan_id; /* the plan the round is tied to, 0 = none */
	const char *closed_at; /* when it stopped taking saves and submits, NULL: open */
	/* filled by list functions */
	int expected;
	int submitted;
} st_round;

typedef struct {
	const char *key;
	const char *heading;
} st_section;

typedef struct {
	const char *key;
	const char *name;
	const char *unit;
	const char *type; /* "integer" (NULL means this too) or "decimal" */
	/* The indicator of the activity register the count is suggested
	 * from (data/indicators.csv), NULL: none. */
	const char *indicator;
} st_count;

typedef struct {
	int64_t id;
	int64_t round_id;
	int64_t org_id;
	const char *org_code;
	const char *org_name;
	const char *status; /* draft | submitted | returned */
	const char *submitted_at;
	const char *return_comment;
	const char *updated_at;
	int64_t version; /* 1 at creation, +1 on every save and status change */
	const char *due;         /* the body's own due date (extended), NULL: the round's */
	const char *approved_at; /* set while approved (status stays "submitted") */
	const char *org_kind;    /* the body's kind: department, commune, province... */
} st_report;

typedef struct {
	const char *key;
	const char *text;
} st_text;

typedef struct {
	const char *key;
	double value;
	int clear; /* store_report_save: remove the value instead */
} st_value;

/* Creates a round with its sections, counts and one draft report per org. */
tt_rc store_round_add(store *s, const st_round *r, const st_section *sec, size_t nsec, const st_count *cnt,
                      size_t ncnt, const int64_t *org_ids, size_t norg, int64_t *id);
tt_rc store_round_get(store *s, tt_arena *a, int64_t id, st_round *out);
tt_rc store_round_sections(store *s, tt_arena *a, int64_t round_id, st_section **out, size_t *n);
tt_rc store_round_counts(store *s, tt_arena *a, int64_t round_id, st_count **out, size_t *n);
/* Rounds owned by an org inside within_id's subtree (0 = all), newest first. */
tt_rc store_round_list_owned(store *s, tt_arena *a, int64_t within_id, st_round **out, size_t *n);
/* Rounds in which org_id is asked to report, newest first. */
tt_rc store_round_list_asked(store *s, tt_arena *a, int64_t org_id, st_round **out, size_t *n);

tt_rc store_report_list(store *s, tt_arena *a, int64_t round_id, st_report **out, size_t *n);
tt_rc store_report_get(store *s, tt_arena *a, int64_t round_id, const char *org_code, st_report *out);
tt_rc store_report_texts(store *s, tt_arena *a, int64_t report_id, st_text **out, size_t *n);
tt_rc store_report_values(store *s, tt_arena *a, int64_t report_id, st_value **out, size_t *n);
/* Replaces the given section texts and count values of a report (keys not
 * given are left alone), stamps updated_at/updated_by and adds 1 to its
 * version, only while the report's status is expect_status and, unless
 * expect_version is 0, its version is expect_version: TT_ERR_CONFLICT
 * (nothing written) otherwise. Run it inside a write transaction. */
tt_rc store_report_save(store *s, int64_t report_id, const char *expect_status, int64_t expect_version,
                        int64_t user_id, const st_text *t, size_t nt, const st_value *v, size_t nv);
/* The notes of a report's counts (key = count key, text = note): why a
 * reported number differs from the register's suggestion. */
tt_rc store_report_notes(store *s, tt_arena *a, int64_t report_id, st_text **out, size_t *n);
/* Replaces the given notes; an empty text removes the note. Run it inside
 * the report's write transaction. */
tt_rc store_report_set_notes(store *s, int64_t report_id, const st_text *t, size_t n);
/* Moves a report from status `from` to `to` and adds 1 to its version;
 * TT_ERR_CONFLICT (nothing changed) when its status is no longer `from`
 * or it is approved. */
tt_rc store_report_set_status(store *s, int64_t report_id, const char *from, const char *to,
                              const char *submitted_at, const char *return_comment, int64_t user_id);
/* ---- the life of a round (round_life.c) ---- */
/* One entry of a report's timeline. */
typedef struct {
	int64_t id;
	const char *at; /* the latest time of the entry */
	const char *kind; /* saved submitted resubmitted returned approved unapproved extended */
	const char *note; /* the reason, or the new due date; NULL: none */
	const char *login, *user_name; /* NULL: the system */
	int n; /* saves collapsed into this entry */
} st_report_event;
/* Adds an entry; a "saved" entry by the same user on the same day as the
 * report's latest entry, itself such a save, is folded into it (n + 1).
 * Run it inside the write transaction of the change. */
tt_rc store_report_event_add(store *s, int64_t report_id, int64_t user_id, const char *kind, const char *day,
                             const char *note);
/* The same entry for every report of a round that is not approved. */
tt_rc store_round_event_add(store *s, int64_t round_id, int64_t user_id, const char *kind, const char *day,
                            const char *note);
/* A report's timeline, oldest first. */
tt_rc store_report_events(store *s, tt_arena *a, int64_t report_id, st_report_event **out, size_t *n);
/* Approves a submitted report not yet approved (approve = 1), or takes the
 * approval back (0); adds 1 to its version. TT_ERR_CONFLICT when it is not
 * in that state any more. */
tt_rc store_report_approve(store *s, int64_t report_id, int approve, int64_t user_id);
/* A body's own due date (NULL: back to the round's). */
tt_rc store_report_set_due(store *s, int64_t report_id, const char *due);
/* Closes (closed_at = now) an open round, or reopens (NULL) a closed one;
 * TT_ERR_CONFLICT when it is not in that state. */
tt_rc store_round_set_closed(store *s, int64_t round_id, int close);
/* Changes title and due date of a round. */
tt_rc store_round_update(store *s, int64_t round_id, const char *title, const char *due);
/* Replaces the sections and counts of a round, dropping what the reports
 * hold for keys no longer there. */
tt_rc store_round_set_layout(store *s, int64_t round_id, const st_section *sec, size_t nsec,
                             const st_count *cnt, size_t ncnt);
/* Adds a draft report for org_id (nothing when it is asked already). */
tt_rc store_round_add_org(store *s, int64_t round_id, int64_t org_id);
/* Removes the report of org_id while it was never submitted;
 * TT_ERR_CONFLICT otherwise. */
tt_rc store_round_remove_org(store *s, int64_t round_id, int64_t org_id);
/* How many reports of a round were ever submitted (any status but a draft
 * never sent). */
tt_rc store_round_sent(store *s, int64_t round_id, int *n);
/* Deletes a round with everything in it while none of its reports was
 * ever submitted; TT_ERR_CONFLICT otherwise. */
tt_rc store_round_delete(store *s, int64_t round_id);

/* Sum of each count over the submitted reports of a round. */
tt_rc store_round_sums(store *s, tt_arena *a, int64_t round_id, st_value **out, size_t *n);

/* One submitted report's text for a section, for the consolidated view. */
typedef struct {
	const char *section_key;
	const char *org_code;
	const char *org_name;
	const char *text;
} st_merged_text;

/* Which submitted reports of a round a consolidated view covers: those
 * whose body matches like (a pattern made by the store from a folded search
 * key, NULL = all), in the order of their bodies' names, limit from offset
 * (limit <= 0: all). */
typedef struct {
	const char *q_key;
	int limit, offset;
} st_pivot_query;

/* One submitted report with its counts laid out in the round's count order:
 * values[k] holds count k when has[k] is 1. */
typedef struct {
	int64_t report_id;
	const char *org_code;
	const char *org_name;
	const char *parent_name; /* the body above it, NULL for none */
	double *values;
	unsigned char *has;
} st_pivot_row;

/* The expected reports of a round and how many are submitted. */
tt_rc store_round_tally(store *s, int64_t round_id, int *expected, int *submitted);
/* The body x count table of the selected submitted reports, laid out in
 * the order of counts[] (the round's counts). *matched gets how many
 * submitted reports match q before paging. */
tt_rc store_round_pivot(store *s, tt_arena *a, int64_t round_id, const st_count *counts, size_t ncounts,
                        const st_pivot_query *q, st_pivot_row **out, size_t *n, size_t *matched);
/* The register's value of one indicator for each report of the same
 * selection: the activities of type (field NULL: how many; else the sum of
 * activity_number field) recorded by the report's body or any body below
 * it, whose start date is in [from, to]. One aggregate query for the
 * page; reports with no such activity are left out. */
typedef struct {
	int64_t report_id;
	double value;
	int64_t sources;
} st_register_value;
tt_rc store_round_register(store *s, tt_arena *a, int64_t round_id, const st_pivot_query *q, const char *type,
                           const char *field, const char *from, const char *to, st_register_value **out,
                           size_t *n);
/* The notes of the same selection's reports. */
typedef struct {
	int64_t report_id;
	const char *key, *note;
} st_report_note;
tt_rc store_round_notes(store *s, tt_arena *a, int64_t round_id, const st_pivot_query *q,
                        st_report_note **out, size_t *n);
/* The non-empty section texts of the same selection, by section then body. */
tt_rc store_round_texts(store *s, tt_arena *a, int64_t round_id, const st_pivot_query *q,
                        st_merged_text **out, size_t *n);

/* The consolidated text of a round, one row per section its coordinator
 * saved (round_text.c). An empty text stands for "the draft". */
typedef struct {
	const char *key;
	const char *text;
	int64_t version; /* 1 at the first save, +1 on each */
	const char *updated_at;
} st_round_text;
tt_rc store_round_text_list(store *s, tt_arena *a, int64_t round_id, st_round_text **out, size_t *n);
/* Writes the text of one section while its version is still
 * expect_version (0: no row yet): TT_ERR_CONFLICT (nothing written)
 * otherwise. Caller's write transaction. */
tt_rc store_round_text_put(store *s, int64_t round_id, const char *key, const char *text,
                           int64_t expect_version, int64_t user_id);

/* ---- imported documents ---- */
typedef struct {
	int64_t id;
	const char *sha256;
	const char *filename;
	const char *format;
	const char *encoding;
	const char *kind;
	const char *symbol;
	const char *symbol_key;
	int64_t number; /* -1 = unknown */
	const char *issuer_code;
	const char *place;
	const char *date;
	int year;
	const char *title;
	const char *text;   /* only filled by store_document_get */
	const char *parsed; /* JSON; only filled by store_document_get */
	size_t size;
	const char *imported_at;
	const char *corrected_at;
} st_document;

typedef struct {
	const char *kind;
	const char *symbol;
	const char *symbol_key;
	const char *date;
	const char *text;
	/* filled by store_document_citations: the stored document it points to */
	int64_t target_id;
	const char *target_title;
	/* store_document_citations: how often the document names it;
	 * store_document_missing: how many documents cite it */
	int cited_count;
} st_citation;

typedef struct {
	const char *kind; /* NULL = any */
	const char *issuer_code;
	int year;          /* 0 = any */
	const char *q_key; /* folded text searched in symbol and title */
	int limit, offset;
} st_document_query;

/* Stores a document with its citations. TT_ERR_CONFLICT only when a
 * document with the same sha256 exists; *id then gets the existing one.
 * Any other failure (a NULL in a required field, no memory) is reported as
 * itself, never as a conflict. */
tt_rc store_document_add(store *s, const st_document *d, int64_t original_blob_id, size_t original_len,
                         const st_citation *c, size_t nc, int64_t user_id, int64_t *id);
/* The id of the stored document with this content hash (hex sha256), or
 * TT_ERR_NOT_FOUND. */
tt_rc store_document_by_hash(store *s, const char *sha256, int64_t *id);
tt_rc store_document_get(store *s, tt_arena *a, int64_t id, st_document *out);
/* The blob holding a document's original file and its size. */
tt_rc store_document_original(store *s, int64_t id, int64_t *blob_id, int64_t *size);
tt_rc store_document_find(store *s, tt_arena *a, const st_document_query *q, st_document **out, size_t *n);
/* Applies corrected metadata and the corrected parsed JSON and stamps
 * corrected_at. Unless expect_corrected is NULL, only while the stored
 * corrected_at is still expect_corrected ("" = never corrected):
 * TT_ERR_PRECONDITION (nothing written) otherwise. */
tt_rc store_document_update(store *s, const st_document *d, const char *expect_corrected);
/* The documents a document cites, once each in the order of first
 * mention (an undated mention of a symbol cited with its date elsewhere in
 * the document is the same one), from offset, at most limit of them, each
 * linked to a stored document with the same folded symbol (and the same
 * date when both are known), with how often it is named (cited_count). */
tt_rc store_document_citations(store *s, tt_arena *a, int64_t id, int limit, int offset, st_citation **out,
                               size_t *n);
/* How many distinct documents a document cites (the entries of
 * store_document_citations). */
tt_rc store_document_citation_count(store *s, int64_t id, int64_t *n);
/* Stored documents that cite this one. */
tt_rc store_document_cited_by(store *s, tt_arena *a, int64_t id, st_document **out, size_t *n);
/* Cited symbols that no stored document carries, with how many documents
 * cite each (a document naming it twice counts once), most cited first. */
tt_rc store_document_missing(store *s, tt_arena *a, int limit, st_citation **out, size_t *n);

/* ---- plans ----
 * A plan of an owner body: groups (its numbered sections) holding tasks;
 * each task names lead and coordinating bodies (one row per matched body
 * of a phrase, org_id 0 for a phrase not matched yet) and gathers progress
 * from its lead bodies as history (the latest row of a task and body
 * counts). */
typedef struct {
	int64_t id;
	int64_t owner_org_id;
	const char *owner_code;
	const char *owner_name;
	const char *title;
	const char *period_start, *period_end; /* YYYY-MM-DD */
	int64_t document_id;                   /* 0 = none */
	const char *state;                     /* draft | active | closed */
	int64_t created_by;
	const char *created_at;
	int64_t version;
	int ntasks; /* filled by reads */
} st_plan;

typedef struct {
	int64_t id;
	const char *label;
	const char *heading;
} st_plan_group;

typedef struct {
	int64_t id;
	int64_t plan_id;
	int64_t group_id;
	size_t group_ix; /* store_plan_add: index into the groups given */
	const char *label;
	const char *text;
	const char
	    *tf_kind; /* continuous, date, month, quarter, half, within, from, before, range, unknown */
	const char *tf_start, *tf_end, *tf_text; /* may be NULL */
	const char *expected_output, *notes;     /* may be NULL */
	int64_t version;
} st_plan_task;

typedef struct {
	int64_t task_id;
	size_t task_ix;   /* store_plan_add: index into the tasks given */
	const char *role; /* lead | coord */
	int pos;          /* the phrase's place among the task's phrases of that role */
	const char *text; /* the phrase as written */
	int64_t org_id;   /* 0: not matched */
	const char *org_code, *org_name;
	int grp; /* 1: a group phrase */
} st_plan_body;

typedef struct {
	int64_t id;
	int64_t task_id;
	int64_t org_id;
	const char *org_code, *org_name;
	const char *state; /* not_started | in_progress | done */
	const char *done_on;
	const char *note;
	const char *at;
	int64_t user_id;
	/* what shows it (0: none); the titles are filled by reads */
	int64_t evidence_activity_id, evidence_activity_org_id;
	const char *evidence_activity_title;
	int64_t evidence_document_id;
	const char *evidence_document_symbol, *evidence_document_title;
} st_plan_progress;

/* Creates a plan with its groups, tasks (group_ix) and bodies (task_ix)
 * in the caller's write transaction; *id gets the plan's id. */
tt_rc store_plan_add(store *s, const st_plan *p, const st_plan_group *g, size_t ng, const st_plan_task *t,
                     size_t nt, const st_plan_body *b, size_t nb, int64_t *id);
/* Appends a group to a plan (after its last); *id gets its id. */
tt_rc store_plan_group_add(store *s, int64_t plan_id, const st_plan_group *g, int64_t *id);
/* Appends a task to a plan's group t->group_id (after the plan's last task)
 * with the bodies it names (task_ix ignored); *id gets its id. */
tt_rc store_plan_task_add(store *s, const st_plan_task *t, const st_plan_body *b, size_t nb, int64_t *id);
tt_rc store_plan_get(store *s, tt_arena *a, int64_t id, st_plan *out);
/* The newest plan made from document_id; TT_ERR_NOT_FOUND when none. */
tt_rc store_plan_of_document(store *s, int64_t document_id, int64_t *plan_id);
/* Plans owned in within_id's subtree, or owned by or naming org_id; both 0:
 * every plan. Newest period first. */
tt_rc store_plan_list(store *s, tt_arena *a, int64_t within_id, int64_t org_id, st_plan **out, size_t *n);
/* *yes = 1 when org_id is named in any task of the plan (role NULL: any). */
tt_rc store_plan_names_org(store *s, int64_t plan_id, int64_t org_id, const char *role, int *yes);
tt_rc store_plan_groups(store *s, tt_arena *a, int64_t plan_id, st_plan_group **out, size_t *n);
tt_rc store_plan_tasks(store *s, tt_arena *a, int64_t plan_id, st_plan_task **out, size_t *n);
tt_rc store_plan_task_get(store *s, tt_arena *a, int64_t plan_id, int64_t task_id, st_plan_task *out);
/* Bodies of every task of a plan (task_id 0) or of one task, by task,
 * role, pos. */
tt_rc store_plan_bodies(store *s, tt_arena *a, int64_t plan_id, int64_t task_id, st_plan_body **out,
                        size_t *n);
/* The latest progress of each task and body of a plan. */
tt_rc store_plan_progress_latest(store *s, tt_arena *a, int64_t plan_id, st_plan_progress **out, size_t *n);
tt_rc store_plan_progress_add(store *s, const st_plan_progress *p, int64_t *id);
/* Sets title, period and state (NULL keeps each) and adds 1 to the version,
 * only while the version is expect_version (0: any); TT_ERR_CONFLICT
 * otherwise. */
tt_rc store_plan_update(store *s, int64_t id, int64_t expect_version, const char *title,
                        const char *period_start, const char *period_end, const char *state);
/* Replaces a task's text, timeframe, expected output and notes and adds 1
 * to its version, only while it is expect_version (0: any). */
tt_rc store_plan_task_update(store *s, const st_plan_task *t, int64_t expect_version);
/* Replaces the rows of phrase (task, role, pos) by one row per org (n of
 * them; n = 0 leaves it unmatched), keeping its text. TT_ERR_NOT_FOUND
 * when the task has no such phrase. *text gets the phrase (arena). */
tt_rc store_plan_body_resolve(store *s, tt_arena *a, int64_t task_id, const char *role, int pos,
                              const int64_t *org_ids, size_t n, const char **text);

/* ---- the activity register ----
 * What a body did (core/activity.h): common columns, the type's own fields
 * as JSON text, its countries, the numbers indicators sum (activity_number:
 * "people" and the numeric own fields) and attachments held in blobs. */
typedef struct {
	int64_t id;
	int64_t org_id;
	const char *org_code, *org_name; /* filled by reads */
	const char *type;
	const char *title;
	const char *start_on;            /* YYYY-MM-DD */
	const char *end_on;              /* NULL: none */
	const char *place, *description; /* NULL: none */
	int64_t people;                  /* -1: none */
	int64_t plan_task_id;            /* 0: none */
	int64_t plan_id;                 /* the task's plan, filled by reads (0: none) */
	int in_plan;
	const char *fields; /* JSON object text */
	int64_t recorded_by;
	const char *recorded_by_login; /* filled by reads, NULL when unknown */
	const char *recorded_at, *updated_at;
	int64_t version;
} st_activity;

typedef struct {
	const char *key;
	double value;
} st_activity_number;

typedef struct {
	int64_t org_id;        /* 0: every body */
	int subtree;           /* with org_id: its descendants too */
	const char *type;      /* NULL: any */
	const char *from, *to; /* start date within, either NULL: open */
	const char *country;   /* ISO code, NULL: any */
	int64_t plan_task_id;  /* 0: any */
	int limit, offset;     /* limit <= 0: 50 */
} st_activity_query;

typedef struct {
	int64_t id;
	int64_t activity_id;
	int64_t blob_id;
	const char *filename;
	const char *content_type;
	int64_t size;
	int64_t added_by;
	const char *added_at;
} st_activity_attachment;

/* One row of the statistics: a group's key and name (the body's name for
 * "org", else the key), how many activities and the people they count. */
typedef struct {
	const char *key;
	const char *name;
	int64_t count;
	int64_t people;
} st_activity_group;

/* Stores an activity with its countries and numbers (caller's write
 * transaction); *id gets its id. recorded_at and updated_at are now. */
tt_rc store_activity_add(store *s, const st_activity *a, const char *const *countries, size_t nc,
                         const st_activity_number *num, size_t nn, int64_t *id);
tt_rc store_activity_get(store *s, tt_arena *a, int64_t id, st_activity *out);
/* The ISO codes of an activity, in code order (arena). */
tt_rc store_activity_countries(store *s, tt_arena *a, int64_t id, const char ***out, size_t *n);
/* A page of activities, newest start first; *total gets how many match
 * before paging. */
tt_rc store_activity_find(store *s, tt_arena *a, const st_activity_query *q, st_activity **out, size_t *n,
                          int64_t *total);
/* Replaces an activity's columns (not org, recorder), countries and numbers
 * and adds 1 to its version, while the version is expect_version (0: any):
 * TT_ERR_CONFLICT otherwise. Caller's write transaction. */
tt_rc store_activity_update(store *s, const st_activity *a, int64_t expect_version,
                            const char *const *countries, size_t nc, const st_activity_number *num,
                            size_t nn);
/* Deletes an activity, its countries, numbers and attachments with their
 * blobs. Caller's write transaction. */
tt_rc store_activity_delete(store *s, tt_arena *a, int64_t id);
/* One aggregate over the activities of `type` recorded by org_id or a body
 * below it whose start date lies in [from, to]: key NULL counts them, else
 * sums their number `key` ("people" or a numeric own field). *sources gets
 * how many activities contributed. */
tt_rc store_activity_sum(store *s, const char *type, const char *key, int64_t org_id, const char *from,
                         const char *to, double *value, int64_t *sources);
/* Activities of org_id's subtree (0: all) starting in [from, to] (NULL:
 * open) grouped by group: "type", "country", "month" (YYYY-MM) or "org";
 * most first (months in order). */
tt_rc store_activity_stats(store *s, tt_arena *a, const char *group, int64_t org_id, const char *from,
                           const char *to, st_activity_group **out, size_t *n);
tt_rc store_activity_attachment_add(store *s, const st_activity_attachment *att, int64_t *id);
tt_rc store_activity_attachments(store *s, tt_arena *a, int64_t activity_id, st_activity_attachment **out,
                                 size_t *n);
tt_rc store_activity_attachment_get(store *s, tt_arena *a, int64_t activity_id, int64_t id,
                                    st_activity_attachment *out);
/* Deletes an attachment and its blob; TT_ERR_NOT_FOUND when none. */
tt_rc store_activity_attachment_delete(store *s, int64_t activity_id, int64_t id);
/* The plan a task belongs to; TT_ERR_NOT_FOUND when no such task. */
tt_rc store_activity_task_plan(store *s, int64_t task_id, int64_t *plan_id);

/* ---- the import queue ----
 * Uploaded files wait here for the worker processes (see core/job.h). A
 * job is queued, then running (claimed by one worker, which keeps its
 * heartbeat fresh), then done or failed; its file is dropped when it ends. */
typedef struct {
	int64_t id;
	const char *kind;
	const char *state; /* queued | running | done | failed */
	int64_t user_id;
	const char *filename;
	size_t size;
	int progress; /* 0-100 */
	int attempts;
	const char *outcome; /* imported | duplicate | failed; NULL until it ends */
	int64_t document_id; /* 0 = none */
	const char *symbol;  /* of that document, when there is one */
	const char *title;
	const char *error_code; /* tt_rc_name of a failure */
	const char *message;    /* Vietnamese, for the uploader */
	const char *created_at;
	const char *started_at;
	const char *finished_at;
	int64_t worker_pid;
	const char *heartbeat_at;
} st_job;

/* Jobs not yet ended (queued or running): *total of everyone, *mine of
 * user_id. Call inside the write transaction that adds, so that the bound
 * holds under concurrency. */
tt_rc store_job_pending(store *s, int64_t user_id, int *total, int *mine);
/* Queues an import of filename whose bytes (len of them) are in a blob
 * written in the same transaction; the blob is deleted when the job ends. */
tt_rc store_job_add(store *s, int64_t user_id, const char *filename, int64_t blob_id, size_t len,
                    int64_t *id);
tt_rc store_job_get(store *s, tt_arena *a, int64_t id, st_job *out);
/* Jobs of user_id (0 = every user), newest first. */
tt_rc store_job_list(store *s, tt_arena *a, int64_t user_id, int limit, st_job **out, size_t *n);
/* Takes the oldest queued job in one statement: it becomes running with
 * one more attempt, worker_pid and a fresh heartbeat. TT_ERR_NOT_FOUND when
 * the queue is empty. */
tt_rc store_job_claim(store *s, tt_arena *a, int64_t worker_pid, st_job *out);
/* The blob holding the file of a job that has not ended, and its size;
 * TT_ERR_NOT_FOUND once the job has ended. */
tt_rc store_job_blob(store *s, int64_t id, int64_t *blob_id, int64_t *size);
/* Sets the progress of a running job and refreshes its heartbeat. */
tt_rc store_job_progress(store *s, int64_t id, int progress);
/* Refreshes the heartbeat of a running job. */
tt_rc store_job_heartbeat(store *s, int64_t id);
/* Ends a running job: done with outcome imported or duplicate and the
 * document, or failed with error_code and message. Drops its file.
 * TT_ERR_NOT_FOUND when the job is not running (already ended). */
tt_rc store_job_finish(store *s, int64_t id, const char *outcome, int64_t document_id, const char *error_code,
                       const char *message);
/* Puts a running job back in the queue without counting the attempt (its
 * worker was asked to stop). */
tt_rc store_job_requeue(store *s, int64_t id);
/* Running jobs whose heartbeat is older than stale_seconds (their worker
 * died): queued again while they have had fewer than max_attempts, else
 * failed with code and message. Counts go to *requeued and *failed. */
tt_rc store_job_recover(store *s, int stale_seconds, int max_attempts, const char *code, const char *message,
                        int *requeued, int *failed);

/* ---- export settings of official documents (docset.c) ---- */
typedef struct {
	int64_t org_id;
	const char *place, *authority, *signer_title, *signer_name;
	const char *recipients; /* one a line */
	const char *updated_at;
} st_doc_settings;

/* The settings body org_id saved; TT_ERR_NOT_FOUND when none. */
tt_rc store_doc_settings_get(store *s, tt_arena *a, int64_t org_id, st_doc_settings *out);
/* Saves (replaces) the settings of d->org_id. */
tt_rc store_doc_settings_put(store *s, const st_doc_settings *d);

/* ---- schedules (reporting regimes) and the reporting hierarchy ---- */
typedef struct {
	int64_t id;
	int64_t owner_org_id;
	const char *owner_code, *owner_name;
	const char *title;
	const char *kinds; /* period kinds, comma-separated: "half_year,year" */
	int due_days;      /* D1: rounds are due this many days after the cut-off */
	int up_due_days;   /* D2: the owner's own report is due then (0: none) */
	int active;
	const char *starts_on; /* periods ending before this day are never opened */
	int64_t created_by;
	const char *created_at;
	int64_t version;
} st_schedule;

/* Adds a schedule with its sections, counts and bodies; *id its id. */
tt_rc store_schedule_add(store *s, const st_schedule *x, const st_section *sec, size_t nsec, const st_count *cnt,
                         size_t ncnt, const int64_t *org_ids, size_t norg, int64_t *id);
/* Replaces title, kinds, days, active flag, sections, counts and bodies
 * of schedule x->id; version + 1. */
tt_rc store_schedule_update(store *s, const st_schedule *x, const st_section *sec, size_t nsec,
                            const st_count *cnt, size_t ncnt, const int64_t *org_ids, size_t norg);
/* Deletes a schedule; the rounds it opened stay, unlinked. */
tt_rc store_schedule_delete(store *s, int64_t id);
tt_rc store_schedule_get(store *s, tt_arena *a, int64_t id, st_schedule *out);
/* Schedules owned within within_id's subtree (0: all), only active ones
 * when active_only; by id. */
tt_rc store_schedule_list(store *s, tt_arena *a, int64_t within_id, int active_only, st_schedule **out,
                          size_t *n);
tt_rc store_schedule_sections(store *s, tt_arena *a, int64_t id, st_section **out, size_t *n);
tt_rc store_schedule_counts(store *s, tt_arena *a, int64_t id, st_count **out, size_t *n);
/* The bodies a schedule asks, in order. */
tt_rc store_schedule_orgs(store *s, tt_arena *a, int64_t id, st_org **out, size_t *n);
/* Links round_id to the period of a schedule it was opened for (up_due may
 * be NULL); TT_ERR_CONFLICT when the period has a round already. */
tt_rc store_round_schedule_add(store *s, int64_t round_id, int64_t schedule_id, const char *period_key,
                               const char *up_due);
/* The link of a round (TT_ERR_NOT_FOUND: none). *schedule_id is 0 when
 * its schedule was deleted. */
tt_rc store_round_schedule_get(store *s, tt_arena *a, int64_t round_id, int64_t *schedule_id,
                               const char **period_key, const char **up_due);
/* The round opened for a schedule's period: 0 none, -1 opened but since
 * deleted (the period is not opened again). */
tt_rc store_schedule_round(store *s, int64_t schedule_id, const char *period_key, int64_t *round_id);
/* The rounds a schedule opened that still exist, oldest period first. */
typedef struct {
	int64_t round_id;
	const char *period_key;
} st_schedule_round;
tt_rc store_schedule_rounds(store *s, tt_arena *a, int64_t schedule_id, st_schedule_round **out,
                            size_t *n);
/* The newest round owned by owner_id over exactly [start, end] (0: none). */
tt_rc store_round_find_period(store *s, int64_t owner_id, const char *start, const char *end,
                              int64_t *round_id);
/* org_id reports to parent_id (beside the administrative tree); adding a
 * link that exists changes nothing. */
tt_rc store_org_report_to_add(store *s, int64_t org_id, int64_t parent_id);
/* *yes = 1 when org_id, or a body above it, reports to upper_id or to a
 * body below upper_id. */
tt_rc store_org_reaches(store *s, int64_t upper_id, int64_t org_id, int *yes);
/* The bodies of kind (NULL: any) valid on day at that report to parent_id
 * or to a body below it, by name. */
tt_rc store_org_reporting(store *s, tt_arena *a, int64_t parent_id, const char *kind, const char *at,
                          st_org **out, size_t *n);
/* ---- full-text search (search.c) ---- */
struct search_query; /* text/search.h */

/* Writes again (or drops, when the thing is gone or has no text) the index
 * row of one thing: kind "document", "report", "activity", "task" or "org".
 * The store's own write paths call it in their transaction. */
tt_rc store_search_reindex(store *s, const char *kind, int64_t ref_id);
/* The rows of every task of a plan. */
tt_rc store_search_reindex_plan(store *s, int64_t plan_id);
/* Every row again (after a migration of the index, after a copy). */
tt_rc store_search_rebuild(store *s);
/* Drops the rows of a round's reports that are gone. */
tt_rc store_search_drop_gone_reports(store *s, int64_t round_id);

/* One row of the index as the store writes it (index_* in search.c build
 * them from their tables; the search benchmark loads its corpus with it). */
typedef struct {
	const char *kind;
	int64_t ref_id, parent_id, org_id, see_org_id, own_org_id;
	int year;
	const char *doc_kind, *title, *body, *url;
} st_search_row;
/* Writes r (in place of the row of the same kind and ref_id). */
tt_rc store_search_put(store *s, const st_search_row *r);

typedef struct {
	const struct search_query *q;
	const char *kind;     /* NULL = every kind */
	int year;             /* 0 = any */
	int64_t org_id;       /* 0 = any */
	const char *doc_kind; /* NULL = any */
	int unbounded;        /* the user reads everything */
	int64_t user_org_id;  /* the user's body */
	int owned_rounds;     /* reads every report of rounds its subtree owns */
	int limit, offset;
	int64_t cap;          /* 0 = ST_SEARCH_CAP */
} st_search_query;

/* Matches counted, and ranked, at most: a query matching more lists its
 * newest matches first, and its total stops at the cap. */
#define ST_SEARCH_CAP 10000
/* Matches ranked by relevance at most (or the cap, when lower): a query
 * matching more lists its newest matches first, still counted exactly up
 * to the cap. */
#define ST_SEARCH_RANK_CAP 1000

typedef struct {
	const char *kind, *title, *url, *body;
	int64_t ref_id, org_id;
	int year, exact; /* exact: holds the words typed with diacritics as typed */
	double score;
} st_search_hit;

/* How many readable matches share a kind, year, body and document kind
 * (filters of st_search_query not applied: facets and totals come from
 * these). */
typedef struct {
	const char *kind, *doc_kind;
	int year;
	int64_t org_id;
	int64_t n;
	int64_t oldest; /* the group's oldest row (search_doc.id) */
} st_search_group;

typedef struct {
	st_search_hit *hits; /* one page */
	size_t nhits;
	st_search_group *groups;
	size_t ngroups;
	int64_t total;     /* readable matches under the filters, at most the cap */
	int capped;        /* more than the cap matched: total is the cap */
} st_search_result;

/* One page of readable matches and the groups of the readable matches
 * (whatever the filters). Up to ST_SEARCH_RANK_CAP matches, the page is
 * best first (exact first, then rank); above, newest first (the latest
 * indexed). Up to the cap, the total is exact and the groups count every
 * match; above it (a query matching, say, most documents), nothing counts
 * every match: the total is the cap, the list ends there, and the groups
 * count the newest cap matches. */
tt_rc store_search(store *s, tt_arena *a, const st_search_query *q, st_search_result *out);

#endif
