/* db_pg.c - the PostgreSQL engine, through libpq.
 *
 * Statements are prepared once per connection (PQprepare, named s1, s2, ...)
 * with the portable ?N placeholders rewritten to $N. Parameters go as text,
 * blobs as binary; results come back as text. Write transactions take one
 * transaction-scoped advisory lock, so writers are serialised exactly as on
 * SQLite (BEGIN IMMEDIATE): a read inside a write transaction sees the state
 * the write will change, on every server of a deployment. Read transactions
 * are REPEATABLE READ, READ ONLY: one snapshot per request. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "store/store_int.h"

#define PG_MAX_PARAMS 64
#define PG_WRITE_LOCK "7283110451" /* advisory lock key of the write lock */

typedef struct {
	db_stmt base;
	char name[16];
	int nparams;
	const char *vals[PG_MAX_PARAMS];
	char *owned[PG_MAX_PARAMS]; /* copies to free at reset */
	int lens[PG_MAX_PARAMS];
	int fmts[PG_MAX_PARAMS];
	PGresult *res;
	int row, nrows, executed;
	unsigned char **blobs; /* unescaped bytea values of the current row */
	int nblobs;
} pg_stmt;

static PGconn *conn_of(store *s)
{
	return s->conn;
}

/* Maps a failed result to a tt_rc and keeps the message for logs. */
static tt_rc pg_classify(store *s, const PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn_of(s));
	snprintf(s->err, sizeof s->err, "%s", msg && *msg ? msg : "PostgreSQL error");
	size_t n = strlen(s->err);
	while (n && s->err[n - 1] == '\n')
		s->err[--n] = '\0';
	tt_rc rc = TT_ERR_DB;
	if (state) {
		/* As on SQLite: only a unique violation means "exists already";
		 * check and foreign key are wrong values; not null is our bug. */
		if (!strcmp(state, "23505"))
			rc = TT_ERR_CONFLICT;
		else if (!strcmp(state, "23514") || !strcmp(state, "23503"))
			rc = TT_ERR_INVALID;
		else if (!strcmp(state, "53200"))
			rc = TT_ERR_NOMEM;
		else if (!strcmp(state, "54000"))
			rc = TT_ERR_TOO_LARGE;
		else if (!strcmp(state, "22021"))
			rc = TT_ERR_UTF8;
	}
	if (rc == TT_ERR_DB)
		log_error("store: %s", s->err);
	s->last_rc = rc;
	return rc;
}

static void notice_ignore(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static tt_rc pg_open(store *s, const char *location)
{
	PGconn *c = PQconnectdb(location);
	s->conn = c;
	if (!c)
		return TT_ERR_NOMEM;
	if (PQstatus(c) != CONNECTION_OK) {
		snprintf(s->err, sizeof s->err, "%s", PQerrorMessage(c));
		log_error("store: cannot connect to PostgreSQL: %s", s->err);
		return TT_ERR_DB;
	}
	if (PQsetClientEncoding(c, "UTF8") != 0) {
		snprintf(s->err, sizeof s->err, "client encoding UTF8 refused");
		return TT_ERR_DB;
	}
	/* Notices (e.g. "relation already exists, skipping") are not errors. */
	PQsetNoticeProcessor(c, notice_ignore, NULL);
	return s->eng->exec(s, "SET TIME ZONE 'UTC'; SET standard_conforming_strings = on");
}

static void pg_close(store *s)
{
	if (s->conn)
		PQfinish(s->conn);
	s->conn = NULL;
}

/* Rewrites ?N (and bare ?) to $N outside quotes and comments; returns the
 * highest parameter number in *np. The caller frees. */
static char *rewrite_placeholders(const char *sql, int *np)
{
	size_t n = strlen(sql);
	char *out = malloc(n * 2 + 1);
	size_t k = 0;
	int next = 1, max = 0;
	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char c = sql[i];
		if (c == '\'' || c == '"') {
			out[k++] = c;
			for (i++; i < n; i++) {
				out[k++] = sql[i];
				if (sql[i] == c)
					break;
			}
			continue;
		}
		if (c == '-' && sql[i + 1] == '-') {
			while (i < n && sql[i] != '\n')
				out[k++] = sql[i++];
			if (i < n)
				out[k++] = sql[i];
			continue;
		}
		if (c != '?') {
			out[k++] = c;
			continue;
		}
		int num = 0;
		size_t j = i + 1;
		while (j < n && sql[j] >= '0' && sql[j] <= '9' && num < 1000)
			num = num * 10 + (sql[j++] - '0');
		if (j == i + 1)
			num = next;
		next = num + 1;
		if (num > max)
			max = num;
		k += (size_t)snprintf(out + k, 8, "$%d", num);
		i = j - 1;
	}
	out[k] = '\0';
	*np = max;
	return out;
}

static db_stmt *pg_prepare(store *s, const char *sql)
{
	int np = 0;
	char *text = rewrite_placeholders(sql, &np);
	if (!text) {
		s->last_rc = TT_ERR_NOMEM;
		return NULL;
	}
	if (np > PG_MAX_PARAMS) {
		free(text);
		snprintf(s->err, sizeof s->err, "too many parameters (%d)", np);
		s->last_rc = TT_ERR_INVALID;
		return NULL;
	}
	pg_stmt *st = calloc(1, sizeof *st);
	if (!st) {
		free(text);
		s->last_rc = TT_ERR_NOMEM;
		return NULL;
	}
	st->base.s = s;
	st->nparams = np;
	snprintf(st->name, sizeof st->name, "s%u", ++s->next_name);
	PGresult *res = PQprepare(conn_of(s), st->name, text, 0, NULL);
	free(text);
	if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) {
		pg_classify(s, res);
		log_error("store: prepare failed: %s", s->err);
		PQclear(res);
		free(st);
		return NULL;
	}
	PQclear(res);
	return &st->base;
}

static void clear_row_blobs(pg_stmt *st)
{
	for (int i = 0; i < st->nblobs; i++)
		PQfreemem(st->blobs[i]);
	free(st->blobs);
	st->blobs = NULL;
	st->nblobs = 0;
}

static void pg_reset(db_stmt *b)
{
	pg_stmt *st = (pg_stmt *)b;
	clear_row_blobs(st);
	PQclear(st->res);
	st->res = NULL;
	st->executed = 0;
	st->row = st->nrows = 0;
	for (int i = 0; i < st->nparams; i++) {
		free(st->owned[i]);
		st->owned[i] = NULL;
		st->vals[i] = NULL;
		st->lens[i] = 0;
		st->fmts[i] = 0;
	}
}

static void pg_finalize(db_stmt *b)
{
	pg_stmt *st = (pg_stmt *)b;
	if (!st)
		return;
	pg_reset(b);
	store *s = b->s;
	if (s->conn && PQstatus(conn_of(s)) == CONNECTION_OK) {
		char sql[40];
		snprintf(sql, sizeof sql, "DEALLOCATE %s", st->name);
		PQclear(PQexec(conn_of(s), sql));
	}
	free(st);
}

static void set_owned(pg_stmt *st, int i, char *v, int len, int fmt)
{
	if (i < 1 || i > st->nparams) {
		free(v);
		return;
	}
	free(st->owned[i - 1]);
	st->owned[i - 1] = v;
	st->vals[i - 1] = v;
	st->lens[i - 1] = len;
	st->fmts[i - 1] = fmt;
}

static void pg_bind_text(db_stmt *b, int i, const char *v)
{
	set_owned((pg_stmt *)b, i, v ? strdup(v) : NULL, 0, 0);
}

static void pg_bind_int64(db_stmt *b, int i, int64_t v)
{
	char *t = malloc(24);
	if (t)
		snprintf(t, 24, "%lld", (long long)v);
	set_owned((pg_stmt *)b, i, t, 0, 0);
}

static void pg_bind_double(db_stmt *b, int i, double v)
{
	char *t = malloc(32);
	if (t)
		snprintf(t, 32, "%.17g", v);
	set_owned((pg_stmt *)b, i, t, 0, 0);
}

static void pg_bind_blob(db_stmt *b, int i, const void *p, size_t n)
{
	pg_stmt *st = (pg_stmt *)b;
	if (i < 1 || i > st->nparams)
		return;
	free(st->owned[i - 1]);
	st->owned[i - 1] = NULL;
	st->vals[i - 1] = p ? p : "";
	st->lens[i - 1] = (int)n;
	st->fmts[i - 1] = 1;
}

static void pg_bind_null(db_stmt *b, int i)
{
	set_owned((pg_stmt *)b, i, NULL, 0, 0);
}

static int pg_step(db_stmt *b)
{
	pg_stmt *st = (pg_stmt *)b;
	store *s = b->s;
	if (!st->executed) {
		st->res = PQexecPrepared(conn_of(s), st->name, st->nparams, st->vals, st->lens, st->fmts, 0);
		st->executed = 1;
		ExecStatusType es = st->res ? PQresultStatus(st->res) : PGRES_FATAL_ERROR;
		if (es != PGRES_TUPLES_OK && es != PGRES_COMMAND_OK) {
			pg_classify(s, st->res);
			return DB_ERROR;
		}
		st->nrows = PQntuples(st->res);
		st->row = -1;
		const char *ct = PQcmdTuples(st->res);
		s->changes = ct && *ct ? strtoll(ct, NULL, 10) : 0;
	}
	clear_row_blobs(st);
	if (st->row + 1 < st->nrows) {
		st->row++;
		return DB_ROW;
	}
	st->row = st->nrows;
	return DB_DONE;
}

static int in_row(pg_stmt *st, int i)
{
	return st->res && st->row >= 0 && st->row < st->nrows && i >= 0 && i < PQnfields(st->res);
}

static int pg_col_null(db_stmt *b, int i)
{
	pg_stmt *st = (pg_stmt *)b;
	return !in_row(st, i) || PQgetisnull(st->res, st->row, i);
}

static int64_t pg_col_int64(db_stmt *b, int i)
{
	pg_stmt *st = (pg_stmt *)b;
	if (pg_col_null(b, i))
		return 0;
	const char *v = PQgetvalue(st->res, st->row, i);
	if (v[0] == 't' && !v[1])
		return 1; /* boolean */
	if (v[0] == 'f' && !v[1])
		return 0;
	return strtoll(v, NULL, 10);
}

static double pg_col_double(db_stmt *b, int i)
{
	pg_stmt *st = (pg_stmt *)b;
	if (pg_col_null(b, i))
		return 0;
	return strtod(PQgetvalue(st->res, st->row, i), NULL);
}

static const char *pg_col_text(db_stmt *b, int i, size_t *len)
{
	pg_stmt *st = (pg_stmt *)b;
	if (pg_col_null(b, i))
		return NULL;
	if (len)
		*len = (size_t)PQgetlength(st->res, st->row, i);
	return PQgetvalue(st->res, st->row, i);
}

static const void *pg_col_blob(db_stmt *b, int i, size_t *len)
{
	pg_stmt *st = (pg_stmt *)b;
	*len = 0;
	if (pg_col_null(b, i))
		return NULL;
	size_t n = 0;
	unsigned char *v = PQunescapeBytea((const unsigned char *)PQgetvalue(st->res, st->row, i), &n);
	if (!v)
		return NULL;
	unsigned char **nb = realloc(st->blobs, (size_t)(st->nblobs + 1) * sizeof *nb);
	if (!nb) {
		PQfreemem(v);
		return NULL;
	}
	st->blobs = nb;
	st->blobs[st->nblobs++] = v;
	*len = n;
	return v;
}

static tt_rc pg_exec(store *s, const char *sql)
{
	PGresult *res = PQexec(conn_of(s), sql);
	ExecStatusType es = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	tt_rc rc = es == PGRES_COMMAND_OK || es == PGRES_TUPLES_OK ? TT_OK : pg_classify(s, res);
	PQclear(res);
	return rc;
}

/* A connection that broke (server restart, network) is reset once before
 * a transaction begins; its prepared statements are gone with it. */
static void pg_ensure_connected(store *s)
{
	if (PQstatus(conn_of(s)) == CONNECTION_OK)
		return;
	for (int i = 0; i < s->ncache; i++) {
		pg_stmt *st = (pg_stmt *)s->cache[i].st;
		pg_reset(&st->base);
		free(st);
	}
	s->ncache = 0;
	PQreset(conn_of(s));
}

static tt_rc pg_begin(store *s)
{
	pg_ensure_connected(s);
	return pg_exec(s, "BEGIN ISOLATION LEVEL READ COMMITTED; "
	                  "SELECT pg_advisory_xact_lock(" PG_WRITE_LOCK ")");
}

static tt_rc pg_commit(store *s)
{
	return pg_exec(s, "COMMIT");
}

static void pg_rollback(store *s)
{
	if (PQtransactionStatus(conn_of(s)) != PQTRANS_IDLE)
		PQclear(PQexec(conn_of(s), "ROLLBACK"));
}

static tt_rc pg_read_begin(store *s)
{
	pg_ensure_connected(s);
	return pg_exec(s, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
}

static void pg_read_end(store *s)
{
	PGTransactionStatusType ts = PQtransactionStatus(conn_of(s));
	if (ts == PQTRANS_IDLE)
		return;
	if (ts != PQTRANS_INTRANS || pg_exec(s, "COMMIT") != TT_OK)
		pg_rollback(s);
}

static tt_rc pg_version_get(store *s, int *version)
{
	tt_rc rc = pg_exec(s, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
	if (rc)
		return rc;
	PGresult *res = PQexec(conn_of(s), "SELECT coalesce(max(version), 0) FROM schema_version");
	if (!res || PQresultStatus(res) != PGRES_TUPLES_OK) {
		rc = pg_classify(s, res);
		PQclear(res);
		return rc;
	}
	*version = (int)strtol(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return TT_OK;
}

static tt_rc pg_version_set(store *s, int version)
{
	char sql[80];
	snprintf(sql, sizeof sql, "INSERT INTO schema_version(version) VALUES (%d)", version);
	return pg_exec(s, sql);
}

static tt_rc pg_identity_sync(store *s, const char *table)
{
	char sql[256];
	snprintf(sql, sizeof sql,
	         "SELECT setval(pg_get_serial_sequence('%s', 'id'), coalesce(max(id), 0) + 1, false) FROM %s",
	         table, table);
	return pg_exec(s, sql);
}

const db_engine db_pg_engine = {
    .name = "postgresql",
    .open = pg_open,
    .close = pg_close,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .reset = pg_reset,
    .bind_text = pg_bind_text,
    .bind_int64 = pg_bind_int64,
    .bind_double = pg_bind_double,
    .bind_blob = pg_bind_blob,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .col_null = pg_col_null,
    .col_int64 = pg_col_int64,
    .col_double = pg_col_double,
    .col_text = pg_col_text,
    .col_blob = pg_col_blob,
    .exec = pg_exec,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .read_begin = pg_read_begin,
    .read_end = pg_read_end,
    .version_get = pg_version_get,
    .version_set = pg_version_set,
    .identity_sync = pg_identity_sync,
    .migrations = store_pg_migrations,
};
