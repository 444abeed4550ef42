/* doc.c - the parsed-document model: allocation, vectors, and the JSON
 * rendering of the `ttdn parse --json` contract. */
#include "text/doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

doc *doc_new(void)
{
	doc *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	/* A parsed document is bounded by the input cap; the arena limit only
	 * stops a runaway. */
	arena_init(&d->arena, 512u << 20);
	d->number = -1;
	d->responds_to = -1;
	return d;
}

static void strs_free(doc_strs *s)
{
	free(s->v);
}

void doc_free(doc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->tasks.n; i++) {
		strs_free(&d->tasks.v[i].lead);
		strs_free(&d->tasks.v[i].coordinating);
	}
	free(d->citations.v);
	free(d->sections.v);
	free(d->tasks.v);
	free(d->rules.v);
	free(d->figures.v);
	strs_free(&d->authority);
	strs_free(&d->recipients);
	strs_free(&d->footnotes);
	arena_free(&d->arena);
	free(d);
}

const char *doc_strndup(doc *d, const char *s, size_t n)
{
	return arena_strndup(&d->arena, s, n);
}

void *doc_vec_push(void **v, size_t *n, size_t *cap, size_t elsize)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 8;
		void *p = realloc(*v, nc * elsize);
		if (!p)
			return NULL;
		*v = p;
		*cap = nc;
	}
	char *e = (char *)*v + *n * elsize;
	memset(e, 0, elsize);
	(*n)++;
	return e;
}

tt_rc doc_strs_add(doc *d, doc_strs *list, const char *s, size_t n)
{
	const char *c = doc_strndup(d, s, n);
	if (!c)
		return TT_ERR_NOMEM;
	const char **slot = DOC_PUSH(list);
	if (!slot)
		return TT_ERR_NOMEM;
	*slot = c;
	return TT_OK;
}

const char *doc_field_name(doc_field f)
{
	static const char *const names[DOC_F_COUNT] = {"kind", "symbol", "place", "date", "title"};
	return (unsigned)f < DOC_F_COUNT ? names[f] : "";
}

const char *doc_tf_kind_name(doc_tf_kind k)
{
	static const char *const names[] = {
	    [TF_UNKNOWN] = "unknown", [TF_CONTINUOUS] = "continuous",
	    [TF_DATE] = "date",       [TF_MONTH] = "month",
	    [TF_QUARTER] = "quarter", [TF_HALF] = "half",
	    [TF_WITHIN] = "within",   [TF_FROM] = "from",
	    [TF_BEFORE] = "before",   [TF_RANGE] = "range",
	};
	if ((unsigned)k > TF_RANGE)
		return "unknown";
	return names[k];
}

const char *doc_period_name(doc_period p)
{
	switch (p) {
	case RP_HALF: return "half-year";
	case RP_YEAR: return "year";
	case RP_QUARTER: return "quarter";
	case RP_MONTH: return "month";
	}
	return "year";
}

/* json_string() returns NULL on invalid UTF-8; the parser only produces
 * valid UTF-8, but a NULL here must still not crash the caller. */
static json_t *jstr(const char *s)
{
	if (!s)
		return json_null();
	json_t *j = json_string(s);
	return j ? j : json_null();
}

static json_t *jstrs(const doc_strs *s)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < s->n; i++)
		json_array_append_new(a, jstr(s->v[i]));
	return a;
}

static json_t *jdate(int y, int m, int d)
{
	char b[16];
	if (!y || !m || !d)
		return json_null();
	snprintf(b, sizeof b, "%04d-%02d-%02d", y, m, d);
	return json_string(b);
}

static json_t *jcitation(const doc_citation *c)
{
	return json_pack("{s:o, s:o, s:o, s:o}", "kind", jstr(c->kind), "symbol", jstr(c->symbol), "date",
	                 jstr(c->date), "text", jstr(c->text));
}

/* Children are found by scanning: documents have tens of sections, so the
 * quadratic walk costs nothing and keeps the model flat. */
static json_t *jsection(const doc *d, size_t i)
{
	const doc_section *s = &d->sections.v[i];
	json_t *kids = json_array();
	for (size_t k = i + 1; kids && k < d->sections.n; k++)
		if (d->sections.v[k].parent == (int)i)
			json_array_append_new(kids, jsection(d, k));
	return json_pack("{s:o, s:o, s:i, s:o}", "label", jstr(s->label), "heading", jstr(s->heading),
	                 "level", s->level, "children", kids ? kids : json_array());
}

static json_t *jtimeframe(const doc_task *t)
{
	if (!t->has_timeframe)
		return json_null();
	const doc_timeframe *f = &t->timeframe;
	return json_pack("{s:o, s:s, s:o, s:o}", "text", jstr(f->text), "kind", doc_tf_kind_name(f->kind),
	                 "start", f->start[0] ? json_string(f->start) : json_null(), "end",
	                 f->end[0] ? json_string(f->end) : json_null());
}

json_t *doc_to_json(const doc *d)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	json_object_set_new(o, "kind", jstr(d->kind ? d->kind : "other"));
	json_object_set_new(o, "symbol", jstr(d->symbol));
	json_object_set_new(o, "number", d->number >= 0 ? json_integer(d->number) : json_null());
	json_object_set_new(o, "issuer_code", jstr(d->issuer_code));
	json_object_set_new(o, "place", jstr(d->place));
	json_object_set_new(o, "date", jdate(d->year, d->month, d->day));
	json_object_set_new(o, "date_year", d->year ? json_integer(d->year) : json_null());
	json_object_set_new(o, "title", jstr(d->title ? d->title : ""));
	json_object_set_new(o, "responds_to",
	                    d->responds_to >= 0 ? jcitation(&d->citations.v[d->responds_to]) : json_null());

	json_t *a = json_array();
	for (size_t i = 0; i < d->citations.n; i++)
		json_array_append_new(a, jcitation(&d->citations.v[i]));
	json_object_set_new(o, "citations", a);

	a = json_array();
	for (size_t i = 0; i < d->sections.n; i++)
		if (d->sections.v[i].parent < 0)
			json_array_append_new(a, jsection(d, i));
	json_object_set_new(o, "sections", a);

	a = json_array();
	for (size_t i = 0; i < d->tasks.n; i++) {
		const doc_task *t = &d->tasks.v[i];
		json_array_append_new(a, json_pack("{s:o, s:o, s:o, s:o, s:o}", "label", jstr(t->label),
		                                   "content", jstr(t->content), "lead", jstrs(&t->lead),
		                                   "coordinating", jstrs(&t->coordinating), "timeframe",
		                                   jtimeframe(t)));
	}
	json_object_set_new(o, "tasks", a);

	a = json_array();
	for (size_t i = 0; i < d->rules.n; i++) {
		const doc_rule *r = &d->rules.v[i];
		char due[8];
		snprintf(due, sizeof due, "%02d-%02d", r->due_month, r->due_day);
		json_array_append_new(a, json_pack("{s:o, s:o, s:s, s:s}", "from", jstr(r->from), "to",
		                                   jstr(r->to), "period", doc_period_name(r->period), "due",
		                                   due));
	}
	json_object_set_new(o, "reporting_rules", a);

	json_object_set_new(
	    o, "signer",
	    json_pack("{s:o, s:o}", "name", jstr(d->signer_name), "authority", jstrs(&d->authority)));
	json_object_set_new(o, "recipients", jstrs(&d->recipients));
	json_object_set_new(o, "footnotes", jstrs(&d->footnotes));

	a = json_array();
	for (size_t i = 0; i < d->figures.n; i++) {
		const doc_figure *f = &d->figures.v[i];
		json_array_append_new(a, json_pack("{s:I, s:o, s:o}", "count", (json_int_t)f->count, "unit",
		                                   jstr(f->unit), "text", jstr(f->text)));
	}
	json_object_set_new(o, "figures", a);
	json_object_set_new(o, "source_encoding", jstr(d->encoding_note ? d->encoding_note : "utf-8"));
	return o;
}
