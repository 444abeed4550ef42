/* test_form.c - the connection-free body parsers of the web layer: URL
 * decoding edge cases, urlencoded forms (UTF-8, NUL), and the multipart
 * part handler (pieces, caps, temporary files and their removal). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "web/form.h"

static char tmpdir[64];

static const char *decode(tt_arena *a, const char *s, size_t *len)
{
	const char *o = form_url_decode(a, s, strlen(s), len);
	assert_non_null(o);
	return o;
}

static void test_url_decode_edges(void **state)
{
	tt_arena a;
	size_t n;
	arena_init(&a, 0);
	assert_string_equal(decode(&a, "a+b%20c", &n), "a b c");
	assert_string_equal(decode(&a, "%C3%A0", &n), "\xc3\xa0");
	assert_string_equal(decode(&a, "%41", &n), "A");
	/* A '%' at the end, or not followed by two hex digits, stays as is. */
	assert_string_equal(decode(&a, "abc%", &n), "abc%");
	assert_int_equal(n, 4);
	assert_string_equal(decode(&a, "%4", &n), "%4");
	assert_string_equal(decode(&a, "x%4", &n), "x%4");
	assert_string_equal(decode(&a, "%zz%4g", &n), "%zz%4g");
	assert_string_equal(decode(&a, "%", &n), "%");
	assert_string_equal(decode(&a, "", &n), "");
	assert_int_equal(n, 0);
	/* An encoded NUL decodes to a NUL byte counted in the length. */
	const char *o = decode(&a, "ab%00cd", &n);
	assert_int_equal(n, 5);
	assert_int_equal(strlen(o), 2);
	arena_free(&a);
}

static void test_form_urlencoded(void **state)
{
	tt_arena a;
	http_kv *kv;
	size_t n;
	const char *why = NULL;
	arena_init(&a, 0);
	const char *body = "a=1&&b=%C3%A0+x&c&=v";
	assert_int_equal(form_parse_urlencoded(&a, body, strlen(body), &kv, &n, &why), TT_OK);
	assert_int_equal(n, 4);
	assert_string_equal(kv[0].key, "a");
	assert_string_equal(kv[1].value, "\xc3\xa0 x");
	assert_string_equal(kv[2].key, "c");
	assert_string_equal(kv[2].value, "");
	assert_string_equal(kv[3].key, "");
	const char *nul = "login=admin%00junk";
	assert_int_equal(form_parse_urlencoded(&a, nul, strlen(nul), &kv, &n, &why), TT_ERR_INVALID);
	assert_non_null(strstr(why, "NUL"));
	const char *nulkey = "lo%00gin=x";
	assert_int_equal(form_parse_urlencoded(&a, nulkey, strlen(nulkey), &kv, &n, &why), TT_ERR_INVALID);
	const char *bad = "a=%FF";
	assert_int_equal(form_parse_urlencoded(&a, bad, strlen(bad), &kv, &n, &why), TT_ERR_UTF8);
	assert_int_equal(form_parse_urlencoded(&a, NULL, 0, &kv, &n, &why), TT_OK);
	assert_int_equal(n, 0);
	arena_free(&a);
}

static form_limits limits(void)
{
	form_limits lim = {.max_text = 16,
	                   .max_fields = 3,
	                   .max_file = 10,
	                   .max_files = 2,
	                   .max_total = 1000,
	                   .tmpdir = tmpdir};
	return lim;
}

static size_t file_size(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	return (size_t)st.st_size;
}

static void test_parts_pieces_and_files(void **state)
{
	tt_arena a;
	form_parts p;
	form_limits lim = limits();
	http_kv *form;
	http_file *files;
	size_t nform, nfiles;
	arena_init(&a, 0);
	form_parts_init(&p, &a, &lim);
	/* A text field in pieces, an empty first piece included (libmicrohttpd
	 * announces a part before its bytes arrive). */
	assert_int_equal(form_parts_add(&p, "note", NULL, 0, "", 0), TT_OK);
	assert_int_equal(form_parts_add(&p, "note", NULL, 0, "xin ", 4), TT_OK);
	assert_int_equal(form_parts_add(&p, "note", NULL, 4, "ch\xc3", 3), TT_OK);
	assert_int_equal(form_parts_add(&p, "note", NULL, 7, "\xa0o", 2), TT_OK);
	/* Two files with the same name are two parts. */
	assert_int_equal(form_parts_add(&p, "file", "a.txt", 0, "0123456789ABC", 13), TT_OK);
	assert_int_equal(form_parts_add(&p, "file", "a.txt", 13, "DEF", 3), TT_OK);
	assert_int_equal(form_parts_add(&p, "file", "a.txt", 0, "xyz", 3), TT_OK);
	/* An empty file input (no name, no bytes) is left out. */
	assert_int_equal(form_parts_add(&p, "file", "", 0, NULL, 0), TT_ERR_TOO_LARGE);
	assert_non_null(strstr(p.why, "quá nhiều tệp"));
	form_parts_free(&p);

	form_parts_init(&p, &a, &lim);
	assert_int_equal(form_parts_add(&p, "note", NULL, 0, "xin ch\xc3\xa0o", 9), TT_OK);
	assert_int_equal(form_parts_add(&p, "file", "a.txt", 0, "0123456789ABC", 13), TT_OK);
	assert_int_equal(form_parts_add(&p, "file", "a.txt", 13, "DEF", 3), TT_OK);
	assert_int_equal(form_parts_add(&p, "file", "", 0, NULL, 0), TT_OK);
	assert_int_equal(form_parts_finish(&p, &form, &nform, &files, &nfiles), TT_OK);
	assert_int_equal(nform, 1);
	assert_string_equal(form[0].value, "xin ch\xc3\xa0o");
	assert_int_equal(nfiles, 1);
	assert_int_equal(files[0].size, 16);            /* counted */
	assert_int_equal(file_size(files[0].path), 10); /* kept up to the cap */
	const char *path = files[0].path;
	assert_non_null(strstr(path, "/ttdn-upload-"));
	form_parts_free(&p);
	assert_int_not_equal(access(path, F_OK), 0);
	form_parts_free(&p); /* twice is harmless */
	arena_free(&a);
}

static void test_parts_caps_and_checks(void **state)
{
	tt_arena a;
	form_parts p;
	form_limits lim = limits();
	http_kv *form;
	http_file *files;
	size_t nform, nfiles;
	arena_init(&a, 0);

	form_parts_init(&p, &a, &lim); /* a text field over its cap */
	assert_int_equal(form_parts_add(&p, "note", NULL, 0, "0123456789", 10), TT_OK);
	assert_int_equal(form_parts_add(&p, "note", NULL, 10, "0123456789", 10), TT_ERR_TOO_LARGE);
	assert_non_null(strstr(p.why, "KiB"));
	/* The error sticks. */
	assert_int_equal(form_parts_add(&p, "x", NULL, 0, "1", 1), TT_ERR_TOO_LARGE);
	form_parts_free(&p);

	form_parts_init(&p, &a, &lim); /* too many fields */
	for (int i = 0; i < 3; i++)
		assert_int_equal(form_parts_add(&p, i % 2 ? "a" : "b", NULL, 0, "1", 1), TT_OK);
	assert_int_equal(form_parts_add(&p, "c", NULL, 0, "1", 1), TT_ERR_TOO_LARGE);
	form_parts_free(&p);

	form_parts_init(&p, &a, &lim); /* a NUL byte in a text field */
	assert_int_equal(form_parts_add(&p, "note", NULL, 0, "a\0b", 3), TT_OK);
	assert_int_equal(form_parts_finish(&p, &form, &nform, &files, &nfiles), TT_ERR_INVALID);
	form_parts_free(&p);

	form_parts_init(&p, &a, &lim); /* a text field that is not UTF-8 */
	assert_int_equal(form_parts_add(&p, "note", NULL, 0, "a\xff", 2), TT_OK);
	assert_int_equal(form_parts_finish(&p, &form, &nform, &files, &nfiles), TT_ERR_UTF8);
	form_parts_free(&p);

	form_parts_init(&p, &a, &lim); /* a file name that is not UTF-8 */
	assert_int_equal(form_parts_add(&p, "file", "b\xe1\xba.txt", 0, "x", 1), TT_ERR_UTF8);
	assert_non_null(strstr(p.why, "Tên tệp"));
	form_parts_free(&p);

	form_parts_init(&p, &a, &lim); /* an offset that does not follow */
	assert_int_equal(form_parts_add(&p, "note", NULL, 0, "ab", 2), TT_OK);
	assert_int_equal(form_parts_add(&p, "note", NULL, 5, "cd", 2), TT_ERR_INVALID);
	form_parts_free(&p);

	lim.max_total = 20; /* all parts together over the cap */
	form_parts_init(&p, &a, &lim);
	assert_int_equal(form_parts_add(&p, "file", "a.txt", 0, "0123456789", 10), TT_OK);
	assert_int_equal(form_parts_add(&p, "file", "b.txt", 0, "0123456789", 10), TT_OK);
	assert_int_equal(form_parts_add(&p, "note", NULL, 0, "x", 1), TT_ERR_TOO_LARGE);
	form_parts_free(&p);
	arena_free(&a);
}

int main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/ttdn-test-form-XXXXXX");
	if (!mkdtemp(tmpdir))
		return 1;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_url_decode_edges),
	    cmocka_unit_test(test_form_urlencoded),
	    cmocka_unit_test(test_parts_pieces_and_files),
	    cmocka_unit_test(test_parts_caps_and_checks),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(tmpdir);
	return rc;
}
