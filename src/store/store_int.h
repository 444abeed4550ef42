/* store_int.h - the engine seam inside src/store/.
 *
 * The typed functions of store.h are written once, in the entity files
 * (org.c, user.c, round.c, document.c, ...), in portable SQL with ?N
 * placeholders. They reach the database only through the calls below, which
 * dispatch through one table of operations per engine: db_sqlite.c for the
 * embedded SQLite file and db_pg.c for PostgreSQL through libpq. Nothing
 * outside src/store/ includes this header.
 *
 * Rules for portable SQL, so both engines give the same answers:
 * - no engine callbacks (collations, functions): sort and search keys are
 *   computed in C and stored as columns;
 * - new ids come back with RETURNING, never from a last-insert-id call;
 * - ON CONFLICT ... DO NOTHING / DO UPDATE, never INSERT OR IGNORE/REPLACE;
 * - a parameter whose type the SQL does not fix (e.g. only in "?1 IS NULL")
 *   is written CAST(?1 AS TEXT) or CAST(?1 AS BIGINT);
 * - LIKE patterns are built by store_like_pattern() and used with
 *   ESCAPE '\', so user text never acts as a wildcard;
 * - each engine has its own numbered migrations for the same schema. */
#ifndef TT_STORE_INT_H
#define TT_STORE_INT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/arena.h"
#include "base/buf.h"
#include "store/store.h"

#define STORE_CACHE 128

/* What db_step() returns: a row, the end, or an engine error. */
enum { DB_ERROR = 1, DB_ROW = 100, DB_DONE = 101 };

/* A prepared statement. Engines embed this as the first member of their
 * own statement type. */
typedef struct db_stmt {
	store *s;
} db_stmt;

typedef struct {
	int version;
	const char *name;
	const char *sql;
} store_migration;

typedef struct db_engine {
	const char *name; /* "sqlite" or "postgresql" */
	/* Connects s->conn for location; on failure s->err says why. */
	tt_rc (*open)(store *s, const char *location);
	void (*close)(store *s);
	/* NULL with s->err and s->last_rc set when the SQL is wrong. */
	db_stmt *(*prepare)(store *s, const char *sql);
	void (*finalize)(db_stmt *st);
	/* Makes st ready to bind and run again; drops its current result. */
	void (*reset)(db_stmt *st);
	/* Binding copies text; a blob must stay valid until the next step. */
	void (*bind_text)(db_stmt *st, int i, const char *v);
	void (*bind_int64)(db_stmt *st, int i, int64_t v);
	void (*bind_double)(db_stmt *st, int i, double v);
	void (*bind_blob)(db_stmt *st, int i, const void *p, size_t n);
	void (*bind_null)(db_stmt *st, int i);
	/* DB_ROW, DB_DONE, or DB_ERROR with s->last_rc and s->err set. After
	 * DB_DONE of a change, s->changes holds the rows it touched. */
	int (*step)(db_stmt *st);
	int (*col_null)(db_stmt *st, int i);
	int64_t (*col_int64)(db_stmt *st, int i);
	double (*col_double)(db_stmt *st, int i);
	/* Valid until the statement is reset; NULL for SQL NULL. */
	const char *(*col_text)(db_stmt *st, int i, size_t *len);
	const void *(*col_blob)(db_stmt *st, int i, size_t *len);
	/* Runs a script of several statements (migrations, pragmas). */
	tt_rc (*exec)(store *s, const char *sql);
	/* Write transaction: writers are serialised, on both engines, so a
	 * read inside it sees what the write will change. */
	tt_rc (*begin)(store *s);
	tt_rc (*commit)(store *s);
	void (*rollback)(store *s);
	/* Read transaction: one consistent snapshot for a whole request. */
	tt_rc (*read_begin)(store *s);
	void (*read_end)(store *s);
	tt_rc (*version_get)(store *s, int *version);
	tt_rc (*version_set)(store *s, int version);
	/* After rows with explicit ids were copied in: make new ids follow
	 * them (PostgreSQL identity columns); NULL when the engine needs
	 * nothing. */
	tt_rc (*identity_sync)(store *s, const char *table);
	const store_migration *(*migrations)(size_t *n);
} db_engine;

struct store {
	const db_engine *eng;
	void *conn; /* sqlite3 * or PGconn * */
	struct {
		const char *sql; /* identity of a static SQL string */
		db_stmt *st;
	} cache[STORE_CACHE];
	int ncache;
	int64_t changes;    /* rows touched by the last change */
	tt_rc last_rc;      /* classification of the last engine error */
	unsigned next_name; /* PostgreSQL: prepared statement names */
	time_t now;         /* the caller's time (store_set_now); 0: clock_now() */
	char err[256];
};

/* The time the store stamps rows with, as "YYYY-MM-DDTHH:MM:SSZ". */
void store_now(store *s, char buf[21]);
/* The same as a time_t. */
time_t store_time(store *s);

extern const db_engine db_sqlite_engine;
extern const db_engine db_pg_engine;
const store_migration *store_sqlite_migrations(size_t *n);
const store_migration *store_pg_migrations(size_t *n);

/* Returns a ready statement for sql (a string literal: its address is the
 * cache key), or NULL with s->err set. */
db_stmt *store_prep(store *s, const char *sql);
/* Resets a statement after use so its locks and result are released. */
void store_done(db_stmt *st);
/* The tt_rc of the last engine error, after db_step gave DB_ERROR. */
tt_rc store_fail(store *s, int step_result);
tt_rc store_exec(store *s, const char *sql);

static inline int db_step(db_stmt *st)
{
	return st->s->eng->step(st);
}
static inline void db_bind_int64(db_stmt *st, int i, int64_t v)
{
	st->s->eng->bind_int64(st, i, v);
}
static inline void db_bind_double(db_stmt *st, int i, double v)
{
	st->s->eng->bind_double(st, i, v);
}
static inline void db_bind_blob(db_stmt *st, int i, const void *p, size_t n)
{
	st->s->eng->bind_blob(st, i, p, n);
}
static inline void db_bind_null(db_stmt *st, int i)
{
	st->s->eng->bind_null(st, i);
}
static inline int db_col_null(db_stmt *st, int i)
{
	return st->s->eng->col_null(st, i);
}
static inline int64_t db_col_int64(db_stmt *st, int i)
{
	return st->s->eng->col_int64(st, i);
}
static inline int db_col_int(db_stmt *st, int i)
{
	return (int)st->s->eng->col_int64(st, i);
}
static inline double db_col_double(db_stmt *st, int i)
{
	return st->s->eng->col_double(st, i);
}
static inline const void *db_col_blob(db_stmt *st, int i, size_t *len)
{
	return st->s->eng->col_blob(st, i, len);
}
/* Rows touched by the last change on s. */
static inline int64_t store_changes(store *s)
{
	return s->changes;
}

/* Binds text, or NULL when v is NULL. */
void store_bind_text(db_stmt *st, int i, const char *v);
/* A column's text copied into the arena; NULL for SQL NULL. */
const char *store_col_text(tt_arena *a, db_stmt *st, int i);

/* Reads one row into elem (an element of elem_size bytes). */
typedef tt_rc (*store_row_fn)(tt_arena *a, db_stmt *st, void *elem);
/* Steps st to the end, collecting rows into an arena array; resets st. */
tt_rc store_collect(store *s, tt_arena *a, db_stmt *st, size_t elem_size, store_row_fn fn, void **out,
                    size_t *n);
/* Steps st once expecting one row (TT_ERR_NOT_FOUND if none); resets st. */
tt_rc store_collect_one(store *s, tt_arena *a, db_stmt *st, size_t elem_size, store_row_fn fn, void *out);
/* Steps a statement that returns no rows; resets st. */
tt_rc store_step_done(store *s, db_stmt *st);
/* Steps a query of one row of two integers into *a and *b;
 * TT_ERR_NOT_FOUND when there is no row. Resets st. */
tt_rc store_step_pair64(store *s, db_stmt *st, int64_t *a, int64_t *b);
/* The same for two counts (a query that always has its row). */
tt_rc store_step_pair(store *s, db_stmt *st, int *a, int *b);
/* Steps a query of one optional integer into *v (0 when there is no row).
 * Resets st. */
tt_rc store_step_int64(store *s, db_stmt *st, int64_t *v);
/* Steps an INSERT ... RETURNING id; *id gets the new id. Resets st. */
tt_rc store_step_id(store *s, db_stmt *st, int64_t *id);

/* Moves originals still held in document.original, and files of waiting
 * jobs in job.data, into blobs (after the blobs migration, inside its
 * transaction). */
tt_rc store_blob_backfill_documents(store *s);

/* "%" + text with %, _ and \ escaped + "%", for LIKE ... ESCAPE '\'. */
tt_rc store_like_pattern(tt_buf *out, const char *text);

/* The layout of a round or of a schedule: its sections and counts in their
 * order, in round_section/round_count or schedule_section/schedule_count. */
typedef enum { STORE_LAYOUT_ROUND, STORE_LAYOUT_SCHEDULE } store_layout_of;
/* Writes the sections and counts of round or schedule id, after clearing
 * the old ones when replace. */
tt_rc store_layout_put(store *s, store_layout_of of, int64_t id, int replace, const st_section *sec,
                       size_t nsec, const st_count *cnt, size_t ncnt);
/* Reads them back in their order. */
tt_rc store_layout_sections(store *s, tt_arena *a, store_layout_of of, int64_t id, st_section **out,
                            size_t *n);
tt_rc store_layout_counts(store *s, tt_arena *a, store_layout_of of, int64_t id, st_count **out, size_t *n);

/* The columns of a body with its parent (o the body, p the parent), read
 * by store_org_row. */
#define STORE_ORG_COLS "o.id, o.code, o.name, o.kind, o.parent_id, p.code, p.name, o.valid_from, o.valid_to "
tt_rc store_org_row(tt_arena *a, db_stmt *st, void *elem);
/* Reads a report not yet submitted: report id, round id, body id, code,
 * name, round title, period start and end, due. */
tt_rc store_remind_row(tt_arena *a, db_stmt *st, void *elem);

#endif
