/* search_bench.c - the search benchmark: builds each kind of full-text
 * index over the corpus of bench/search_gen.c and measures, in the same
 * run, indexing throughput, index size against text size, and the p50 and
 * p95 of five classes of queries (a rare word, a common syllable, a phrase
 * of three syllables, a very common phrase, a document symbol), each the
 * top 20 by rank.
 *
 *   search_bench --corpus FILE --dir DIR [--n N] [--queries 50] [--seed S]
 *
 * The kinds are a table (index_kinds[] below): the first is the baseline,
 * and every other kind is printed with its ratios to it and the goals of
 * the issue. The baseline is stock FTS5 (unicode61 remove_diacritics 2,
 * contentless) over text with đ/Đ folded to d/D first, since unicode61
 * does not fold đ; the other kind is ttdn itself: its migrations, its
 * search_doc rows and store_search (see ttdn_open below). The index size
 * counted against the goal is the FTS5 tables' (dbstat); the whole file,
 * and ttdn's search_doc (which keeps the title and text the index points
 * at), are printed beside it. The queries are chosen from the corpus
 * itself: the first SAMPLE documents are folded (utf8proc: decomposed,
 * marks stripped, case folded, đ to d) and counted, so a "rare word" is one
 * found in 1-2 sampled documents and a "very common phrase" one of the
 * three-syllable phrases found in the most. Words and phrases are given to
 * a kind folded, as people type them without diacritics; symbols as
 * written ("215/KH-UBND"). Each index is a SQLite file in DIR, removed
 * after its figures are taken. */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

#include "store/store.h"
#include "store/store_int.h"
#include "text/search.h"

#define SAMPLE 5000   /* documents counted to choose the queries */
#define BATCH 10000   /* documents per write transaction */
#define TOP 20        /* results a query asks for */
#define MAXQ 200      /* queries per class at most */

enum { Q_RARE, Q_COMMON, Q_PHRASE, Q_COMMON_PHRASE, Q_SYMBOL, NCLASS };
static const char *const class_name[NCLASS] = {"rare word", "common syllable", "3-syllable phrase",
                                               "very common phrase", "symbol"};
static const char *const class_key[NCLASS] = {"rare", "common", "phrase3", "common_phrase", "symbol"};

static void die(const char *m, const char *detail)
{
	fprintf(stderr, "search_bench: %s%s%s\n", m, detail ? ": " : "", detail ? detail : "");
	exit(1);
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* ---- a growable byte buffer ---- */
typedef struct {
	char *p;
	size_t n, cap;
} buf;
static void b_need(buf *b, size_t extra)
{
	if (b->n + extra + 1 > b->cap) {
		b->cap = (b->n + extra + 1) * 2;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			die("out of memory", NULL);
	}
}
static void b_add(buf *b, const char *s, size_t n)
{
	b_need(b, n);
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = 0;
}

/* đ (C4 91) and Đ (C4 90) to d and D: what unicode61 does not fold. */
static void fold_dd(const char *s, size_t n, buf *out)
{
	out->n = 0;
	b_need(out, n);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if ((unsigned char)s[i] == 0xC4 && i + 1 < n &&
		    ((unsigned char)s[i + 1] == 0x91 || (unsigned char)s[i + 1] == 0x90)) {
			out->p[k++] = (unsigned char)s[i + 1] == 0x91 ? 'd' : 'D';
			i++;
		} else
			out->p[k++] = s[i];
	}
	out->n = k;
	out->p[k] = 0;
}

/* ================= index kinds ================= */
typedef struct index_kind {
	const char *name;
	/* Opens the kind's database at path; NULL: a bare SQLite file. */
	sqlite3 *(*open)(const char *path);
	/* Closes what open opened; NULL: sqlite3_close. */
	void (*close)(sqlite3 *db);
	/* Indexes one document as the kind does it; NULL: INSERT INTO idx
	 * (rowid, title, body). Returns SQLITE_OK. */
	int (*insert)(sqlite3 *db, long long id, const char *title, const char *text);
	/* Registers what the kind needs on a new connection (a tokenizer);
	 * NULL: nothing. Returns SQLITE_OK. */
	int (*setup)(sqlite3 *db);
	/* Creates the index: a table "idx" taking (rowid, title, body). */
	const char *create_sql;
	/* The text the index is given for one field. */
	void (*fold_doc)(const char *in, size_t n, buf *out);
	/* Runs query q of class cls (words and phrases folded, symbols as
	 * written): the top TOP by rank. *rows gets how many came back.
	 * Returns SQLITE_OK. */
	int (*query)(sqlite3 *db, int cls, const char *q, int *rows);
} index_kind;

/* ---- stock FTS5 ---- */
static sqlite3_stmt *stock_q;

static int stock_query(sqlite3 *db, int cls, const char *q, int *rows)
{
	buf f = {0}, m = {0};
	fold_dd(q, strlen(q), &f);
	/* one quoted string: a word is a one-token phrase, a phrase a phrase,
	 * and a symbol becomes the phrase of its parts (215 kh ubnd), which is
	 * what a stock tokenizer can do with it */
	b_add(&m, "\"", 1);
	for (size_t i = 0; i < f.n; i++)
		if (f.p[i] != '"')
			b_add(&m, f.p + i, 1);
	b_add(&m, "\"", 1);
	(void)cls;
	int rc = SQLITE_OK;
	if (!stock_q)
		rc = sqlite3_prepare_v2(db, "SELECT rowid FROM idx WHERE idx MATCH ?1 ORDER BY rank LIMIT 20", -1,
		                        &stock_q, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(stock_q, 1, m.p, (int)m.n, SQLITE_TRANSIENT);
		*rows = 0;
		while ((rc = sqlite3_step(stock_q)) == SQLITE_ROW)
			(*rows)++;
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
		sqlite3_reset(stock_q);
	}
	free(f.p);
	free(m.p);
	return rc;
}

static void stock_done(void)
{
	sqlite3_finalize(stock_q);
	stock_q = NULL;
}

/* ---- ttdn ---- */
/* ttdn's own database (every migration: search_doc, the FTS5 tables
 * search_fts and search_exact with the ttdn_vn tokenizer), filled as the
 * store fills it (store_search_put: a search_doc row per document), and
 * searched by store_search itself, as GET /api/v1/search does for a user
 * who reads everything: the same query translation, SQL, cap and order. */
static store *ttdn_store;

static sqlite3 *ttdn_open(const char *path)
{
	int applied = 0;
	if (store_open(path, &ttdn_store) || store_migrate(ttdn_store, &applied))
		die("cannot open the ttdn store", path);
	return ttdn_store->conn;
}

static void ttdn_close(sqlite3 *db)
{
	(void)db;
	store_close(ttdn_store);
	ttdn_store = NULL;
}

static void copy_text(const char *in, size_t n, buf *out)
{
	out->n = 0;
	b_add(out, in, n);
}

/* A document's row written by the store's own write path. */
static int ttdn_insert(sqlite3 *db, long long id, const char *title, const char *text)
{
	(void)db;
	char url[40];
	snprintf(url, sizeof url, "/documents/%lld", id);
	st_search_row r = {.kind = "document", .ref_id = id, .title = title, .body = text, .url = url};
	return store_search_put(ttdn_store, &r) ? SQLITE_ERROR : SQLITE_OK;
}

static int ttdn_query(sqlite3 *db, int cls, const char *q, int *rows)
{
	(void)db;
	tt_arena a;
	arena_init(&a, 0);
	search_query sq;
	st_search_result r;
	st_search_query stq = {.q = &sq, .unbounded = 1, .limit = TOP};
	/* phrases typed as people type them into ttdn: in double quotes */
	const char *typed = cls == Q_PHRASE || cls == Q_COMMON_PHRASE ? arena_printf(&a, "\"%s\"", q) : q;
	tt_rc rc = typed ? search_query_parse(&a, typed, &sq) : TT_ERR_NOMEM;
	if (!rc)
		rc = store_search(ttdn_store, &a, &stq, &r);
	*rows = rc ? 0 : (int)r.nhits;
	arena_free(&a);
	return rc ? SQLITE_ERROR : SQLITE_OK;
}

static const index_kind index_kinds[] = {
    /* the body first, as ttdn's: FTS5 marks any other column in every
     * position list */
    {"stock-fts5", NULL, NULL, NULL, NULL,
     "CREATE VIRTUAL TABLE idx USING fts5(body, title, content='', "
     "tokenize='unicode61 remove_diacritics 2')",
     fold_dd, stock_query},
    {"ttdn", ttdn_open, ttdn_close, ttdn_insert, NULL, NULL, copy_text, ttdn_query},
};
#define NKINDS (sizeof index_kinds / sizeof index_kinds[0])

/* ================= the corpus ================= */
typedef struct {
	long long id;
	const char *org, *symbol, *title;
	size_t ntitle;
	buf text; /* unescaped */
} doc;

/* Splits a line of search_gen's TSV; text's "\n" become line breaks. */
static int parse_line(char *line, size_t n, doc *d)
{
	char *f[6];
	size_t k = 0;
	f[k++] = line;
	for (size_t i = 0; i < n && k < 6; i++)
		if (line[i] == '\t') {
			line[i] = 0;
			f[k++] = line + i + 1;
		}
	if (k < 6)
		return 0;
	d->id = atoll(f[0]);
	d->org = f[2];
	d->symbol = f[3];
	d->title = f[4];
	d->ntitle = strlen(f[4]);
	const char *t = f[5];
	size_t tn = n - (size_t)(t - line);
	while (tn && (t[tn - 1] == '\n' || t[tn - 1] == '\r'))
		tn--;
	d->text.n = 0;
	b_need(&d->text, tn);
	size_t o = 0;
	for (size_t i = 0; i < tn; i++) {
		if (t[i] == '\\' && i + 1 < tn && t[i + 1] == 'n') {
			d->text.p[o++] = '\n';
			i++;
		} else
			d->text.p[o++] = t[i];
	}
	d->text.n = o;
	d->text.p[o] = 0;
	return 1;
}

/* ================= counting the sample ================= */
typedef struct {
	char *key;
	uint32_t df, last;
} cnt;
typedef struct {
	cnt *t;
	size_t cap, n;
} cmap;

static uint64_t hstr(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}
static void cmap_grow(cmap *m)
{
	size_t nc = m->cap ? m->cap * 2 : 1 << 16;
	cnt *nt = calloc(nc, sizeof *nt);
	if (!nt)
		die("out of memory", NULL);
	for (size_t i = 0; i < m->cap; i++)
		if (m->t[i].key) {
			size_t h = hstr(m->t[i].key, strlen(m->t[i].key)) & (nc - 1);
			while (nt[h].key)
				h = (h + 1) & (nc - 1);
			nt[h] = m->t[i];
		}
	free(m->t);
	m->t = nt;
	m->cap = nc;
}
/* Counts key once per document (doc numbers from 1). */
static void cmap_see(cmap *m, const char *k, size_t n, uint32_t docno)
{
	if ((m->n + 1) * 2 > m->cap)
		cmap_grow(m);
	size_t h = hstr(k, n) & (m->cap - 1);
	while (m->t[h].key) {
		if (!strncmp(m->t[h].key, k, n) && !m->t[h].key[n]) {
			if (m->t[h].last != docno) {
				m->t[h].df++;
				m->t[h].last = docno;
			}
			return;
		}
		h = (h + 1) & (m->cap - 1);
	}
	m->t[h].key = strndup(k, n);
	m->t[h].df = 1;
	m->t[h].last = docno;
	m->n++;
}

static cmap words, trigrams;
static char **symbols;
static size_t nsymbols;

/* Folds a document's text to lower-case ASCII letters and digits and
 * counts its words and three-word phrases. */
static void sample_doc(const doc *d, uint32_t docno, buf *tmp)
{
	fold_dd(d->text.p, d->text.n, tmp);
	utf8proc_uint8_t *f = NULL;
	utf8proc_ssize_t fn = utf8proc_map((const utf8proc_uint8_t *)tmp->p, (utf8proc_ssize_t)tmp->n, &f,
	                                   UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
	                                       UTF8PROC_CASEFOLD);
	if (fn < 0)
		return;
	const char *s = (const char *)f;
	const char *w[3] = {0};
	size_t wl[3] = {0}, nw = 0;
	for (utf8proc_ssize_t i = 0; i < fn;) {
		while (i < fn && !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9'))) {
			/* a sentence or line break ends a phrase */
			if (s[i] == '.' || s[i] == '\n' || s[i] == ',' || s[i] == ';' || s[i] == ':')
				nw = 0;
			i++;
		}
		utf8proc_ssize_t st = i;
		while (i < fn && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')))
			i++;
		if (i == st)
			break;
		cmap_see(&words, s + st, (size_t)(i - st), docno);
		w[0] = w[1];
		wl[0] = wl[1];
		w[1] = w[2];
		wl[1] = wl[2];
		w[2] = s + st;
		wl[2] = (size_t)(i - st);
		if (++nw >= 3) {
			/* the three words, separated by one space */
			char k[256];
			if (wl[0] + wl[1] + wl[2] + 3 < sizeof k) {
				size_t o = 0;
				for (int j = 0; j < 3; j++) {
					if (j)
						k[o++] = ' ';
					memcpy(k + o, w[j], wl[j]);
					o += wl[j];
				}
				cmap_see(&trigrams, k, o, docno);
			}
		}
	}
	free(f);
	if (docno % 7 == 0) {
		symbols = realloc(symbols, (nsymbols + 1) * sizeof *symbols);
		symbols[nsymbols++] = strdup(d->symbol);
	}
}

/* Only letters, at least min of them. */
static int letters(const char *k, size_t min)
{
	size_t n = 0;
	for (; k[n]; n++)
		if (k[n] < 'a' || k[n] > 'z')
			return 0;
	return n >= min;
}

/* ---- choosing the queries, deterministically ---- */
static uint64_t rng = 88172645463325252ull;
static uint32_t rnd_below(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return n ? (uint32_t)(rng % n) : 0;
}

static int by_df_desc(const void *a, const void *b)
{
	const cnt *x = *(const cnt *const *)a, *y = *(const cnt *const *)b;
	return x->df != y->df ? (x->df < y->df) - (x->df > y->df) : strcmp(x->key, y->key);
}

typedef struct {
	char *q[MAXQ];
	int n;
	uint32_t dfmin, dfmax; /* in the sample; 0 for symbols */
} qset;
static qset qs[NCLASS];

static cnt **sorted(cmap *m, size_t *n)
{
	cnt **a = malloc((m->n + 1) * sizeof *a);
	size_t k = 0;
	for (size_t i = 0; i < m->cap; i++)
		if (m->t[i].key)
			a[k++] = &m->t[i];
	qsort(a, k, sizeof *a, by_df_desc);
	*n = k;
	return a;
}

static void qadd(qset *s, const char *q, uint32_t df)
{
	if (s->n >= MAXQ)
		return;
	s->q[s->n++] = strdup(q);
	if (df && (!s->dfmin || df < s->dfmin))
		s->dfmin = df;
	if (df > s->dfmax)
		s->dfmax = df;
}

static void choose_queries(int nq, uint32_t sampled)
{
	size_t nwds, ntri;
	cnt **w = sorted(&words, &nwds), **t = sorted(&trigrams, &ntri);
	/* rare: alphabetic words in 1-2 sampled documents */
	cnt **rare = malloc((nwds + 1) * sizeof *rare);
	size_t nrare = 0;
	for (size_t i = 0; i < nwds; i++)
		if (w[i]->df <= 2 && letters(w[i]->key, 3))
			rare[nrare++] = w[i];
	for (int i = 0; i < nq && nrare; i++) {
		size_t j = rnd_below((uint32_t)nrare);
		qadd(&qs[Q_RARE], rare[j]->key, rare[j]->df);
		rare[j] = rare[--nrare];
	}
	/* common: among the 2*nq words in the most documents */
	for (size_t i = 0, seen = 0; i < nwds && qs[Q_COMMON].n < nq; i++)
		if (letters(w[i]->key, 2) && seen++ % 2 == 0)
			qadd(&qs[Q_COMMON], w[i]->key, w[i]->df);
	/* very common phrase: "thong tin doi ngoai", then the three-word
	 * phrases in the most documents */
	qadd(&qs[Q_COMMON_PHRASE], "thong tin doi ngoai", 0);
	for (size_t i = 0; i < ntri && qs[Q_COMMON_PHRASE].n < nq; i++)
		qadd(&qs[Q_COMMON_PHRASE], t[i]->key, t[i]->df);
	/* phrase of three syllables: ordinary ones, in 2 documents to 1% */
	uint32_t hi = sampled / 100 > 2 ? sampled / 100 : 2;
	cnt **mid = malloc((ntri + 1) * sizeof *mid);
	size_t nmid = 0;
	for (size_t i = 0; i < ntri; i++)
		if (t[i]->df >= 2 && t[i]->df <= hi)
			mid[nmid++] = t[i];
	for (int i = 0; i < nq && nmid; i++) {
		size_t j = rnd_below((uint32_t)nmid);
		qadd(&qs[Q_PHRASE], mid[j]->key, mid[j]->df);
		mid[j] = mid[--nmid];
	}
	for (int i = 0; i < nq && nsymbols; i++)
		qadd(&qs[Q_SYMBOL], symbols[rnd_below((uint32_t)nsymbols)], 0);
	free(rare);
	free(mid);
	free(w);
	free(t);
}

/* ================= running a kind ================= */
typedef struct {
	double docs_s, index_bytes, text_bytes;
	double fts_bytes, copy_bytes; /* dbstat: FTS5 tables; search_doc (a copy of the text) */
	long long docs;
	double p50[NCLASS], p95[NCLASS], rows[NCLASS];
} result;

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		die(sql, err);
}

/* TTDN_BENCH_SLOW=ms: queries slower than this are named on stderr. */
static double slow_ms;

static void run_kind(const index_kind *k, const char *corpus, const char *dir, long long limit, int sample,
                     result *r)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/index-%s.db", dir, k->name);
	unlink(path);
	sqlite3 *db;
	if (k->open)
		db = k->open(path);
	else if (sqlite3_open(path, &db) != SQLITE_OK)
		die("cannot open", path);
	exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; "
	         "PRAGMA temp_store=MEMORY");
	if (k->setup && k->setup(db) != SQLITE_OK)
		die("setup failed", k->name);
	if (k->create_sql)
		exec(db, k->create_sql);
	sqlite3_stmt *ins = NULL;
	if (!k->insert &&
	    sqlite3_prepare_v2(db, "INSERT INTO idx(rowid, title, body) VALUES (?1, ?2, ?3)", -1, &ins, NULL))
		die("prepare", sqlite3_errmsg(db));
	FILE *f = fopen(corpus, "rb");
	if (!f)
		die("cannot read", corpus);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	doc d = {0};
	buf ft = {0}, fb = {0}, tmp = {0};
	long long count = 0;
	double text = 0, t0 = now();
	exec(db, "BEGIN");
	while ((limit <= 0 || count < limit) && (n = getline(&line, &cap, f)) > 0) {
		if (!parse_line(line, (size_t)n, &d))
			continue;
		count++;
		if (sample && count <= SAMPLE)
			sample_doc(&d, (uint32_t)count, &tmp);
		text += (double)d.ntitle + (double)d.text.n;
		k->fold_doc(d.title, d.ntitle, &ft);
		k->fold_doc(d.text.p, d.text.n, &fb);
		if (k->insert) {
			if (k->insert(db, d.id, ft.p, fb.p) != SQLITE_OK)
				die("insert", sqlite3_errmsg(db));
		} else {
			sqlite3_bind_int64(ins, 1, d.id);
			sqlite3_bind_text(ins, 2, ft.p, (int)ft.n, SQLITE_STATIC);
			sqlite3_bind_text(ins, 3, fb.p, (int)fb.n, SQLITE_STATIC);
			if (sqlite3_step(ins) != SQLITE_DONE)
				die("insert", sqlite3_errmsg(db));
			sqlite3_reset(ins);
		}
		if (count % BATCH == 0) {
			exec(db, "COMMIT");
			exec(db, "BEGIN");
		}
	}
	exec(db, "COMMIT");
	double secs = now() - t0;
	sqlite3_finalize(ins);
	fclose(f);
	free(line);
	free(d.text.p);
	free(ft.p);
	free(fb.p);
	free(tmp.p);
	struct stat sb;
	r->docs = count;
	r->docs_s = secs > 0 ? count / secs : 0;
	r->text_bytes = text;
	r->index_bytes = stat(path, &sb) == 0 ? (double)sb.st_size : 0;
	/* what the file holds: the FTS5 tables (the index proper) and, for
	 * ttdn, search_doc, the rows the index points at (title, url and the
	 * text compressed, for snippets) */
	sqlite3_stmt *ds;
	if (sqlite3_prepare_v2(db, "SELECT name, sum(pgsize) FROM dbstat GROUP BY name", -1, &ds, NULL) ==
	    SQLITE_OK) {
		while (sqlite3_step(ds) == SQLITE_ROW) {
			const char *nm = (const char *)sqlite3_column_text(ds, 0);
			double sz = sqlite3_column_double(ds, 1);
			if (!strncmp(nm, "idx", 3) || !strncmp(nm, "search_fts", 10) || !strncmp(nm, "search_exact", 12))
				r->fts_bytes += sz;
			else if (!strncmp(nm, "search_doc", 10) || !strncmp(nm, "sqlite_autoindex_search_doc", 27))
				r->copy_bytes += sz;
		}
		sqlite3_finalize(ds);
	}
	if (sample)
		choose_queries(sample, count < SAMPLE ? (uint32_t)count : SAMPLE);

	for (int c = 0; c < NCLASS; c++) {
		double *ms = calloc((size_t)qs[c].n + 1, sizeof *ms);
		long long rows = 0;
		/* warm the cache with the first few, as a server would be */
		for (int i = 0; i < qs[c].n && i < 3; i++) {
			int got;
			k->query(db, c, qs[c].q[i], &got);
		}
		for (int i = 0; i < qs[c].n; i++) {
			int got = 0;
			double q0 = now();
			if (k->query(db, c, qs[c].q[i], &got) != SQLITE_OK)
				die("query", sqlite3_errmsg(db));
			ms[i] = (now() - q0) * 1000;
			rows += got;
			if (slow_ms > 0 && ms[i] >= slow_ms)
				fprintf(stderr, "search_bench: %s %s \"%s\" %.1f ms\n", k->name, class_key[c],
				        qs[c].q[i], ms[i]);
		}
		qsort(ms, (size_t)qs[c].n, sizeof *ms, cmp_double);
		r->p50[c] = qs[c].n ? ms[(qs[c].n - 1) / 2] : 0;
		r->p95[c] = qs[c].n ? ms[(int)((qs[c].n - 1) * 0.95 + 0.5)] : 0;
		r->rows[c] = qs[c].n ? (double)rows / qs[c].n : 0;
		free(ms);
	}
	if (k->query == stock_query)
		stock_done();
	if (k->close)
		k->close(db);
	else
		sqlite3_close(db);
	unlink(path);
}

int main(int argc, char **argv)
{
	const char *corpus = NULL, *dir = NULL;
	long long limit = 0;
	int nq = 50;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--corpus"))
			corpus = argv[i + 1];
		else if (!strcmp(argv[i], "--dir"))
			dir = argv[i + 1];
		else if (!strcmp(argv[i], "--n"))
			limit = atoll(argv[i + 1]);
		else if (!strcmp(argv[i], "--queries"))
			nq = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--seed"))
			rng = strtoull(argv[i + 1], NULL, 10) * 2654435761ull + 1;
		else
			die("unknown option", argv[i]);
	}
	const char *slow = getenv("TTDN_BENCH_SLOW");
	slow_ms = slow ? atof(slow) : 0;
	if (!corpus || !dir)
		die("usage: search_bench --corpus FILE --dir DIR [--n N] [--queries 50] [--seed S]", NULL);
	if (nq < 1 || nq > MAXQ)
		nq = 50;
	result res[NKINDS];
	memset(res, 0, sizeof res);
	for (size_t k = 0; k < NKINDS; k++)
		run_kind(&index_kinds[k], corpus, dir, limit, k == 0 ? nq : 0, &res[k]);

	const result *b = &res[0];
	printf("search.corpus    %lld docs, %.1f MB of text (%.0f bytes a document); queries: %d a class, "
	       "chosen from the first %d documents\n",
	       b->docs, b->text_bytes / 1e6, b->docs ? b->text_bytes / b->docs : 0, nq, SAMPLE);
	for (int c = 0; c < NCLASS; c++) {
		if (qs[c].dfmax)
			printf("search.queries   %-18s e.g. \"%s\" (in %u-%u of %d sampled documents)\n", class_name[c],
			       qs[c].n ? qs[c].q[0] : "", qs[c].dfmin, qs[c].dfmax, SAMPLE);
		else
			printf("search.queries   %-18s e.g. \"%s\"\n", class_name[c], qs[c].n ? qs[c].q[0] : "");
	}
	for (size_t k = 0; k < NKINDS; k++) {
		const result *r = &res[k];
		const char *kn = index_kinds[k].name;
		double t = r->text_bytes > 0 ? r->text_bytes : 1;
		printf("search.index     %-12s %8.0f docs/s   index (FTS5 tables) %.1f MB = %.2f of the text", kn,
		       r->docs_s, r->fts_bytes / 1e6, r->fts_bytes / t);
		if (k)
			printf("   ratio %.2f (docs/s), %.2f (size)   goals >= 2000 docs/s: %s, index <= text: %s",
			       r->docs_s / b->docs_s, b->fts_bytes > 0 ? r->fts_bytes / b->fts_bytes : 0,
			       r->docs_s >= 2000 ? "PASS" : "FAIL", r->fts_bytes <= r->text_bytes ? "PASS" : "FAIL");
		printf("\n");
		printf("search.file      %-12s whole file %.1f MB = %.2f of the text", kn, r->index_bytes / 1e6,
		       r->index_bytes / t);
		if (r->copy_bytes > 0)
			printf(", of which search_doc (the rows the index points at: title, compressed text, url) %.1f MB = "
			       "%.2f", r->copy_bytes / 1e6, r->copy_bytes / t);
		printf("\n");
		for (int c = 0; c < NCLASS; c++) {
			printf("search.%-13s %-12s p50 %8.2f ms   p95 %8.2f ms   (%.1f results a query)", class_key[c],
			       kn, r->p50[c], r->p95[c], r->rows[c]);
			if (k) {
				printf("   ratio p95 %.3f   goal p95 <= 50 ms: %s", r->p95[c] / b->p95[c],
				       r->p95[c] <= 50 ? "PASS" : "FAIL");
				if (c == Q_COMMON_PHRASE)
					printf(", >= 10x faster than %s: %s", index_kinds[0].name,
					       b->p95[c] >= 10 * r->p95[c] ? "PASS" : "FAIL");
			}
			printf("\n");
		}
	}
	return 0;
}
