/* fuzz_multipart.c - libFuzzer target: the multipart part handler driven by
 * fuzzer-chosen sequences of (field, filename, offset, chunk), as
 * libmicrohttpd's post processor would call it, with small caps so that
 * every limit is reached. Checks: no crash or leak, the caps hold (text
 * fields, files kept on disk), accepted text is UTF-8 without NUL, and
 * every temporary file is gone after form_parts_free(). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text/vn.h"
#include "web/form.h"

static char dir[64];

static void remove_dir(void)
{
	rmdir(dir); /* empty when every temporary file was removed */
}

static const char *tmpdir(void)
{
	if (!dir[0]) {
		snprintf(dir, sizeof dir, "/tmp/ttdn-fuzz-multipart-XXXXXX");
		if (!mkdtemp(dir))
			abort();
		atexit(remove_dir);
	}
	return dir;
}

/* Takes n bytes from the input, or fewer at its end. */
static const uint8_t *take(const uint8_t **p, const uint8_t *end, size_t n, size_t *got)
{
	size_t left = (size_t)(end - *p);
	*got = n < left ? n : left;
	const uint8_t *r = *p;
	*p += *got;
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = {"file", "csrf", "note", "f\xc3\xa0", "f\xff"};
	static const char *const names[] = {"a.txt", "", "b\xe1\xba\xa1.docx", "bad\xe1\xba", "a.txt"};
	form_limits lim = {.max_text = 64,
	                   .max_fields = 4,
	                   .max_file = 100,
	                   .max_files = 4,
	                   .max_total = 4096,
	                   .tmpdir = tmpdir()};
	tt_arena a;
	form_parts p;
	arena_init(&a, 1 << 24);
	form_parts_init(&p, &a, &lim);
	const uint8_t *cur = data, *end = data + size;
	uint64_t part_off = 0;
	tt_rc rc = TT_OK;
	for (int steps = 0; cur + 2 <= end && steps < 64 && !rc; steps++) {
		uint8_t op = *cur++, len = *cur++;
		const char *key = keys[op % 5];
		const char *filename = (op >> 3) & 1 ? names[(op >> 4) % 5] : NULL;
		uint64_t off;
		switch (op >> 6) {
		case 0: off = 0; break; /* a new part */
		case 1:                 /* the next piece of this part */
		case 2: off = part_off; break;
		default: off = len; break; /* an inconsistent offset */
		}
		size_t got;
		const uint8_t *chunk = take(&cur, end, len, &got);
		rc = form_parts_add(&p, key, filename, off, (const char *)chunk, got);
		part_off = off + got;
		if (rc && !p.why && rc != TT_ERR_NOMEM)
			abort();
	}
	http_kv *form;
	http_file *files;
	size_t nform, nfiles;
	if (!rc && form_parts_finish(&p, &form, &nform, &files, &nfiles) == TT_OK) {
		if (nform > lim.max_fields || nfiles > lim.max_files)
			abort();
		for (size_t i = 0; i < nform; i++) {
			size_t n = strlen(form[i].value);
			if (n > lim.max_text || vn_utf8_validate(form[i].value, n, NULL))
				abort();
		}
		for (size_t i = 0; i < nfiles; i++) {
			struct stat st;
			if (stat(files[i].path, &st) || (st.st_mode & 0777) != 0600 ||
			    (size_t)st.st_size !=
			        (files[i].size < lim.max_file ? files[i].size : lim.max_file) ||
			    vn_utf8_validate(files[i].filename, strlen(files[i].filename), NULL))
				abort();
		}
	}
	/* Every temporary file must be gone once the parts are freed. */
	char *paths[8];
	size_t np = 0;
	for (size_t i = 0; i < p.nfiles && np < 8; i++)
		paths[np++] = (char *)p.files[i].path;
	form_parts_free(&p);
	for (size_t i = 0; i < np; i++)
		if (paths[i] && access(paths[i], F_OK) == 0)
			abort();
	arena_free(&a);
	return 0;
}
