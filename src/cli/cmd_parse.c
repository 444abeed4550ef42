/* cmd_parse.c - `ttdn parse FILE [--json]`: read one administrative document
 * and print what the parser found, as the JSON contract of
 * shared/fixtures/README.md or as a short summary. `ttdn import` waits for
 * the storage layer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "text/parse.h"

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

int cmd_parse(int argc, char **argv)
{
	const char *path = cli_positional(argc, argv, 0, NULL);
	if (!path) {
		fprintf(stderr, "usage: ttdn parse FILE [--json]\n");
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
	} else {
		print_summary(d);
	}
	doc_free(d);
	return status;
}
