/* score.c - the parser measured on a labelled corpus (see score.h). */
#include "text/score.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/buf.h"
#include "text/parse.h"
#include "text/vn.h"

static const char *const field_names[SC_NFIELDS] = {"kind",  "symbol", "number", "issuer_code",
                                                    "place", "date",   "title"};

const char *score_field_name(int f)
{
	return f >= 0 && f < SC_NFIELDS ? field_names[f] : "";
}

double score_precision(const score_count *c)
{
	return c->extracted ? (double)c->correct / (double)c->extracted : 1.0;
}

double score_recall(const score_count *c)
{
	return c->labelled ? (double)c->correct / (double)c->labelled : 1.0;
}

/* Names compare after NFC, case folding and tone placement (vn_match_key);
 * a trailing full stop or semicolon is no part of them. */
static int same_name(const char *a, const char *b)
{
	tt_buf ka, kb;
	buf_init(&ka, 0);
	buf_init(&kb, 0);
	size_t la = strlen(a), lb = strlen(b);
	while (la && (a[la - 1] == '.' || a[la - 1] == ';'))
		la--;
	while (lb && (b[lb - 1] == '.' || b[lb - 1] == ';'))
		lb--;
	int eq = vn_match_key(a, la, &ka) == TT_OK && vn_match_key(b, lb, &kb) == TT_OK && ka.len == kb.len &&
	         (ka.len == 0 || !memcmp(ka.data, kb.data, ka.len));
	buf_free(&ka);
	buf_free(&kb);
	return eq;
}

/* What the parser read for field f, as text (NULL: nothing). */
static const char *got_text(const doc *d, int f, char *tmp, size_t cap)
{
	switch (f) {
	case SC_KIND: return d->kind;
	case SC_SYMBOL: return d->symbol;
	case SC_NUMBER:
		if (d->number < 0)
			return NULL;
		snprintf(tmp, cap, "%ld", d->number);
		return tmp;
	case SC_ISSUER: return d->issuer_code;
	case SC_PLACE: return d->place;
	case SC_DATE:
		if (!d->day)
			return NULL;
		snprintf(tmp, cap, "%04d-%02d-%02d", d->year, d->month, d->day);
		return tmp;
	case SC_TITLE: return d->title && *d->title ? d->title : NULL;
	default: return NULL;
	}
}

static void score_doc(const char *name, const doc *d, json_t *e, score_result *r, score_miss_fn miss,
                      void *ud)
{
	for (int f = 0; f < SC_NFIELDS; f++) {
		json_t *x = json_object_get(e, field_names[f]);
		if (!x)
			continue;
		char tmp[32], etmp[32];
		const char *got = got_text(d, f, tmp, sizeof tmp);
		const char *want = NULL;
		if (json_is_string(x))
			want = json_string_value(x);
		else if (json_is_integer(x)) {
			snprintf(etmp, sizeof etmp, "%lld", (long long)json_integer_value(x));
			want = etmp;
		}
		score_count *c = &r->field[f];
		c->labelled += want != NULL;
		c->extracted += got != NULL;
		int ok = want && got &&
		         (f == SC_PLACE || f == SC_TITLE ? same_name(want, got) : !strcmp(want, got));
		c->correct += ok;
		if (!ok && (want || got) && miss)
			miss(ud, name, field_names[f], want ? want : "null", got ? got : "null");
	}
	json_t *tmin = json_object_get(e, "tasks_min");
	if (json_is_integer(tmin)) {
		r->plans_labelled++;
		int read = d->tasks.n >= (size_t)json_integer_value(tmin);
		size_t i;
		json_t *lab;
		json_array_foreach(json_object_get(e, "task_labels_include"), i, lab)
		{
			int found = 0;
			for (size_t t = 0; t < d->tasks.n && !found; t++)
				found = d->tasks.v[t].label && json_is_string(lab) &&
				        !strcmp(d->tasks.v[t].label, json_string_value(lab));
			read = read && found;
		}
		r->plans_read += read;
		if (!read && miss) {
			char g[32];
			snprintf(g, sizeof g, "%zu tasks", d->tasks.n);
			miss(ud, name, "tasks", "tasks_min and task_labels_include", g);
		}
	}
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

tt_rc score_corpus(const char *dir, score_result *out, score_miss_fn miss, void *ud)
{
	memset(out, 0, sizeof *out);
	DIR *dh = opendir(dir);
	if (!dh)
		return TT_ERR_NOT_FOUND;
	char **names = NULL;
	size_t n = 0, cap = 0;
	tt_rc rc = TT_OK;
	static const char suffix[] = ".expected.json";
	for (struct dirent *e; (e = readdir(dh)) != NULL;) {
		size_t l = strlen(e->d_name);
		if (l <= sizeof suffix - 1 || strcmp(e->d_name + l - (sizeof suffix - 1), suffix))
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 64;
			char **nn = realloc(names, nc * sizeof *nn);
			if (!nn) {
				rc = TT_ERR_NOMEM;
				break;
			}
			names = nn;
			cap = nc;
		}
		names[n] = strndup(e->d_name, l - (sizeof suffix - 1));
		if (!names[n]) {
			rc = TT_ERR_NOMEM;
			break;
		}
		n++;
	}
	closedir(dh);
	if (n)
		qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n && !rc; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s%s", dir, names[i], suffix);
		json_error_t jerr;
		json_t *e = json_load_file(path, 0, &jerr);
		if (!json_is_object(e)) {
			json_decref(e);
			rc = TT_ERR_JSON;
			break;
		}
		snprintf(path, sizeof path, "%s/%s.txt", dir, names[i]);
		doc *d = NULL;
		parse_error perr;
		tt_rc prc = parse_file(path, &d, &perr);
		if (prc == TT_ERR_NOMEM) {
			rc = prc;
		} else if (prc) {
			/* Unreadable: every labelled field is missed. */
			doc *empty = doc_new();
			if (!empty)
				rc = TT_ERR_NOMEM;
			else {
				empty->kind = NULL;
				score_doc(names[i], empty, e, out, miss, ud);
				doc_free(empty);
				out->docs++;
			}
		} else {
			score_doc(names[i], d, e, out, miss, ud);
			out->docs++;
		}
		doc_free(d);
		json_decref(e);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}
