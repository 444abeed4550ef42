/* cmd_parse.c - `ttdn parse FILE [--json|--explain]`: read one
 * administrative document and print what the parser found, as the JSON
 * contract of shared/fixtures/README.md, as a short summary, or with the
 * rule and line behind each header field. `ttdn parse --score DIR
 * [--verbose]` measures the parser on a labelled corpus (text/score.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "text/parse.h"
#include "text/score.h"

static void print_summary(const doc *d)
{
	printf("kind:        %s\n", d->kind);
	printf("symbol:      %s\n", d->symbol ? d->symbol : "-");
	if (d->day)
		printf("date:        %04d-%02d-%02d%s%s\n", d->year, d->month, d->day, d->place ? "  " : "",
		       d->place ? d->place : "");
	else if (d->year)
		printf("year:        %d\n", d->year);
	printf("title:       %s\n", d->title ? d->title : "");
	if (d->responds_to >= 0)
		printf("responds to: %s\n", d->citations.v[d->responds_to].text);
	size_t top = 0;
	for (size_t i = 0; i < d->sections.n; i++)
		top += d->sections.v[i].parent < 0;
	printf("sections:    %zu (%zu top-level)\n", d->sections.n, top);
	printf("citations:   %zu\n", d->citations.n);
	printf("tasks:       %zu\n", d->tasks.n);
	printf("rules:       %zu\n", d->rules.n);
	printf("figures:     %zu\n", d->figures.n);
	printf("footnotes:   %zu\n", d->footnotes.n);
	printf("recipients:  %zu\n", d->recipients.n);
	printf("signer:      %s\n", d->signer_name ? d->signer_name : "-");
	if (d->encoding_note)
		printf("note:        converted from %s\n", d->encoding_note);
}

/* One header field with its origin. */
static void explain_line(const char *field, const char *value, const doc_origin *o)
{
	printf("%-12s %s\n", field, value ? value : "-");
	if (!value)
		return;
	if (o && o->rule && o->line)
		printf("%-12s   rule: %s; line %zu\n", "", o->rule, o->line);
	else if (o && o->rule)
		printf("%-12s   rule: %s\n", "", o->rule);
}

static void print_explain(const doc *d)
{
	char num[32], date[16];
	explain_line("kind", d->kind, &d->origin[DOC_F_KIND]);
	explain_line("symbol", d->symbol, &d->origin[DOC_F_SYMBOL]);
	snprintf(num, sizeof num, "%ld", d->number);
	explain_line("number", d->number >= 0 ? num : NULL, &d->origin[DOC_F_SYMBOL]);
	explain_line("issuer_code", d->issuer_code, &d->origin[DOC_F_SYMBOL]);
	explain_line("place", d->place, &d->origin[DOC_F_PLACE]);
	if (d->day)
		snprintf(date, sizeof date, "%04d-%02d-%02d", d->year, d->month, d->day);
	else if (d->year)
		snprintf(date, sizeof date, "year %d", d->year);
	explain_line("date", d->year ? date : NULL, &d->origin[DOC_F_DATE]);
	explain_line("title", d->title && *d->title ? d->title : NULL, &d->origin[DOC_F_TITLE]);
	if (!d->zone_line.body)
		printf("%-12s all header, no body", "zones");
	else if (d->zone_line.body > 1)
		printf("%-12s header to line %zu, body from line %zu", "zones", d->zone_line.body - 1,
		       d->zone_line.body);
	else
		printf("%-12s no header, body from line 1", "zones");
	if (d->zone_line.tail)
		printf(", recipients and signature from line %zu", d->zone_line.tail);
	if (d->zone_line.annex)
		printf(", an annexed plan's body from line %zu", d->zone_line.annex);
	printf("\n");
}

static void print_miss(void *ud, const char *name, const char *field, const char *expected, const char *got)
{
	(void)ud;
	printf("  %s: %s: labelled \"%s\", read \"%s\"\n", name, field, expected, got);
}

/* `ttdn parse --score DIR`: per-field precision and recall. */
static int score(const char *dir, int verbose)
{
	score_result r;
	tt_rc rc = score_corpus(dir, &r, verbose ? print_miss : NULL, NULL);
	if (rc) {
		fprintf(stderr, "ttdn parse --score: %s: %s\n", dir, tt_rc_name(rc));
		return 1;
	}
	printf("corpus %s: %zu documents\n", dir, r.docs);
	printf("%-12s %9s %7s %12s %9s\n", "field", "precision", "recall", "correct/read", "labelled");
	for (int f = 0; f < SC_NFIELDS; f++) {
		const score_count *c = &r.field[f];
		printf("%-12s %8.1f%% %6.1f%% %7zu/%-4zu %9zu\n", score_field_name(f),
		       100 * score_precision(c), 100 * score_recall(c), c->correct, c->extracted,
		       c->labelled);
	}
	if (r.plans_labelled)
		printf("plans whose tasks were read: %zu of %zu labelled\n", r.plans_read, r.plans_labelled);
	else
		printf("plans whose tasks were read: no plan in the corpus is labelled with its tasks\n");
	return 0;
}

int cmd_parse(int argc, char **argv)
{
	static const char *const takes[] = {"score", NULL};
	const char *dir = cli_opt(argc, argv, "score");
	if (dir)
		return score(dir, cli_flag(argc, argv, "verbose"));
	const char *path = cli_positional(argc, argv, 0, takes);
	if (!path) {
		fprintf(stderr, "usage: ttdn parse FILE [--json|--explain]\n"
		                "       ttdn parse --score DIR [--verbose]\n");
		return 2;
	}
	doc *d = NULL;
	parse_error err;
	memset(&err, 0, sizeof err);
	tt_rc rc = parse_file(path, &d, &err);
	if (rc) {
		fprintf(stderr, "ttdn parse: %s: %s%s%s\n", path, tt_rc_name(rc), err.message[0] ? ": " : "",
		        err.message);
		return 1;
	}
	int status = 0;
	if (cli_flag(argc, argv, "json")) {
		json_t *j = doc_to_json(d);
		char *s = j ? json_dumps(j, JSON_INDENT(1) | JSON_PRESERVE_ORDER) : NULL;
		if (s) {
			puts(s);
			free(s);
		} else {
			fprintf(stderr, "ttdn parse: out of memory\n");
			status = 1;
		}
		json_decref(j);
	} else if (cli_flag(argc, argv, "explain")) {
		print_explain(d);
	} else {
		print_summary(d);
	}
	doc_free(d);
	return status;
}
