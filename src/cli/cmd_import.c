/* cmd_import.c - `ttdn import FILE|DIR...`: store documents, with a
 * progress bar on a terminal, going on past bad files, and a summary. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "cli/cli.h"
#include "core/auth.h"
#include "core/document.h"

typedef struct {
	char **v;
	size_t n, cap;
} path_list;

static int path_add(path_list *l, const char *p)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		char **v = realloc(l->v, cap * sizeof *v);
		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	if (!(l->v[l->n] = strdup(p)))
		return -1;
	l->n++;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collects regular files under path (recursively for folders), sorted. */
static int collect(path_list *l, const char *path, int depth)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return path_add(l, path); /* reported as a failure later */
	if (!S_ISDIR(st.st_mode))
		return path_add(l, path);
	if (depth > 16)
		return 0;
	DIR *d = opendir(path);
	if (!d)
		return path_add(l, path);
	size_t first = l->n;
	struct dirent *e;
	int rc = 0;
	while (!rc && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		size_t n = strlen(path) + strlen(e->d_name) + 2;
		char *child = malloc(n);
		if (!child) {
			rc = -1;
			break;
		}
		snprintf(child, n, "%s/%s", path, e->d_name);
		rc = collect(l, child, depth + 1);
		free(child);
	}
	closedir(d);
	qsort(l->v + first, l->n - first, sizeof *l->v, cmp_str);
	return rc;
}

static void progress(size_t done, size_t total, const char *name)
{
	enum { WIDTH = 30 };
	size_t fill = total ? done * WIDTH / total : WIDTH;
	char bar[WIDTH + 1];
	for (size_t i = 0; i < WIDTH; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[WIDTH] = '\0';
	const char *base = strrchr(name, '/');
	fprintf(stderr, "\r[%s] %zu/%zu %-40.40s", bar, done, total, base ? base + 1 : name);
	fflush(stderr);
}

int cmd_import(int argc, char **argv)
{
	static const char *const takes_value[] = {"db", NULL};
	path_list files = {0};
	for (int i = 0;; i++) {
		const char *p = cli_positional(argc, argv, i, takes_value);
		if (!p)
			break;
		if (collect(&files, p, 0)) {
			fprintf(stderr, "ttdn import: out of memory\n");
			return 1;
		}
	}
	if (!files.n) {
		fprintf(stderr,
		        "usage: ttdn import FILE|DIR... [--db PATH]\n"
		        "       reads .docx .doc .odt .rtf .pdf .txt and stores each document once\n");
		free(files.v);
		return 2;
	}
	if (auth_init())
		return 1;
	store *s = cli_open(argc, argv);
	if (!s)
		return 1;
	int tty = isatty(STDERR_FILENO);
	size_t imported = 0, duplicate = 0, failed = 0, converted = 0;
	tt_buf failures, notes;
	buf_init(&failures, 0);
	buf_init(&notes, 0);
	for (size_t i = 0; i < files.n; i++) {
		tt_arena a;
		arena_init(&a, 0);
		tt_ctx ctx;
		ctx_start_system(&ctx, s, &a);
		const char *path = files.v[i];
		const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
		int64_t id = 0;
		document_outcome outcome = DOC_IMPORTED;
		if (tty)
			progress(i, files.n, path);
		/* Read from disk in pieces: the file is never whole in memory
		 * apart from what the reader parses. */
		tt_rc rc = document_import_file(&ctx, base, path, NULL, &id, &outcome);
		if (rc) {
			failed++;
			buf_printf(&failures, "  %s: %s (%s)\n", path,
			           ctx.error_detail ? ctx.error_detail : tt_rc_message(rc), tt_rc_name(rc));
		} else if (outcome == DOC_DUPLICATE)
			duplicate++;
		else
			imported++;
		const char *legacy =
		    !rc && outcome == DOC_IMPORTED ? document_legacy_encoding(&ctx, id) : NULL;
		if (legacy) {
			converted++;
			buf_printf(&notes, "  %s: converted from %s to Unicode\n", path, legacy);
		}
		if (!tty)
			printf("%s\t%s\t%lld%s%s\n",
			       rc                         ? "failed"
			       : outcome == DOC_DUPLICATE ? "duplicate"
			                                  : "imported",
			       path, (long long)id, legacy ? "\tconverted from " : "", legacy ? legacy : "");
		arena_free(&a);
	}
	if (tty) {
		progress(files.n, files.n, "");
		fputc('\n', stderr);
	}
	printf("%zu imported, %zu duplicate, %zu failed\n", imported, duplicate, failed);
	if (converted)
		printf("%zu converted from a legacy encoding (TCVN3/VNI):\n%s", converted, notes.data);
	if (failures.len)
		printf("failed:\n%s", failures.data);
	buf_free(&failures);
	buf_free(&notes);
	for (size_t i = 0; i < files.n; i++)
		free(files.v[i]);
	free(files.v);
	store_close(s);
	return failed ? 1 : 0;
}
