/* test_reader.c - reading files through the external converters for real.
 * A .docx made by python-docx from seed 002 (and a .txt) is turned by
 * LibreOffice into .odt, .doc and .pdf; the reader gets the seed's lines
 * back from each and the parser the same kind, symbol and date. A Word file
 * set in .VnTime/VNI-Times comes back as Unicode with the encoding named.
 * Damaged and misnamed files give a clean error; a converter that hangs is
 * killed, with what it started, when its time is up; soffice always runs
 * with its own temporary profile. LibreOffice is a declared dependency
 * (deps/apt.txt): if soffice is missing the tests fail, they do not skip. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "seeds.h"

#include "text/parse.h"
#include "text/reader.h"

static char tmpdir[64];
static char *saved_path;

static int setup(void **state)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/ttdn-reader-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	const char *p = getenv("PATH");
	saved_path = strdup(p ? p : "/usr/bin:/bin");
	return saved_path ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	free(saved_path);
	return system(cmd) == 0 ? 0 : -1;
}

/* Puts PATH and the time limit back after a test that faked a converter,
 * whether it passed or not. */
static int restore_env(void **state)
{
	setenv("PATH", saved_path, 1);
	unsetenv("TTDN_CONVERT_TIMEOUT");
	unsetenv("TTDN_NO_SANDBOX");
	return 0;
}

static char *path_in(const char *name)
{
	tt_buf b;
	buf_init(&b, 0);
	buf_printf(&b, "%s/%s", tmpdir, name);
	return buf_detach(&b, NULL);
}

static void write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

static int on_path(const char *prog)
{
	tt_buf b;
	buf_init(&b, 0);
	const char *p = getenv("PATH");
	int found = 0;
	while (p && *p && !found) {
		const char *e = strchr(p, ':');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		buf_reset(&b);
		buf_printf(&b, "%.*s/%s", (int)l, p, prog);
		found = access(b.data, X_OK) == 0;
		p = e ? e + 1 : NULL;
	}
	buf_free(&b);
	return found;
}

static void require_soffice(void)
{
	if (!on_path("soffice"))
		fail_msg("soffice is not installed; LibreOffice is a dependency: "
		         "apt-get install libreoffice-writer-nogui (deps/apt.txt)");
}

/* Runs argv and returns its exit status (-1 if it did not exit). */
static int run(char *const argv[])
{
	pid_t pid = fork();
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Converts src to the given format into tmpdir with LibreOffice, using a
 * profile inside tmpdir; `timeout` keeps a stuck conversion from hanging
 * the test. */
static void soffice_convert(const char *fmt, const char *const *src)
{
	require_soffice();
	char profile[128];
	snprintf(profile, sizeof profile, "-env:UserInstallation=file://%s/lo-profile", tmpdir);
	char *argv[16];
	size_t k = 0;
	argv[k++] = "timeout";
	argv[k++] = "180";
	argv[k++] = "soffice";
	argv[k++] = profile;
	argv[k++] = "--headless";
	argv[k++] = "--convert-to";
	argv[k++] = (char *)fmt;
	argv[k++] = "--outdir";
	argv[k++] = tmpdir;
	for (size_t i = 0; src[i] && k < 15; i++)
		argv[k++] = (char *)src[i];
	argv[k] = NULL;
	assert_int_equal(run(argv), 0);
}

static int run_python(const char *script, const char *arg1, const char *arg2)
{
	char *argv[] = {"/usr/bin/python3", "-c", (char *)script, (char *)arg1, (char *)arg2, NULL};
	return run(argv);
}

/* Reads path through the reader; asserts success and the format. */
static char *read_ok(const char *path, const char *format, reader_info *info)
{
	tt_buf out;
	buf_init(&out, 0);
	tt_rc rc = reader_read_file(path, &out, info);
	if (rc != TT_OK)
		fail_msg("%s: %s (%s)", path, tt_rc_name(rc), info->message);
	assert_string_equal(info->format, format);
	assert_non_null(out.data);
	return buf_detach(&out, NULL);
}

/* The seed's header and title lines, then the parse of the whole text. */
static void assert_seed002(const char *text)
{
	static const char *const lines[] = {
	    "Số: 215/KH-UBND",
	    "Kon Tum, ngày 28 tháng 01 năm 2019",
	    "KẾ HOẠCH",
	    "Hoạt động thông tin đối ngoại tỉnh Kon Tum năm 2019",
	    "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/09/2015",
	};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
		if (!strstr(text, lines[i]))
			fail_msg("missing line \"%s\" in:\n%.600s", lines[i], text);
	doc *d = NULL;
	parse_error err;
	assert_int_equal(parse_text(text, strlen(text), &d, &err), TT_OK);
	assert_string_equal(d->kind, "KH");
	assert_non_null(d->symbol);
	assert_string_equal(d->symbol, "215/KH-UBND");
	assert_int_equal(d->year * 10000 + d->month * 100 + d->day, 20190128);
	assert_non_null(d->title);
	assert_string_equal(d->title, "Hoạt động thông tin đối ngoại tỉnh Kon Tum năm 2019");
	doc_free(d);
}

static void test_soffice_installed(void **state)
{
	require_soffice();
	assert_true(on_path("pdftotext"));
}

static const char *const lines_to_docx = "import sys, docx\n"
                                         "lines = open(sys.argv[1], encoding='utf-8').read().split('\\n')\n"
                                         "d = docx.Document()\n"
                                         "for l in lines:\n"
                                         "    d.add_paragraph(l)\n"
                                         "d.save(sys.argv[2])\n";

/* seed 002 as .docx -> LibreOffice -> .odt, .doc, .pdf, and as .txt ->
 * .odt; the reader reads each. */
static void test_converted_formats(void **state)
{
	char *seed = test_seed_path("002");
	char *docx = path_in("plan.docx"), *txt = path_in("note.txt");
	assert_int_equal(run_python(lines_to_docx, seed, docx), 0);
	tt_buf src;
	buf_init(&src, 0);
	assert_int_equal(buf_read_file(&src, seed), TT_OK);
	write_file(txt, src.data, src.len);
	buf_free(&src);

	/* The .txt goes to .odt only: LibreOffice sets plain text in a
	 * monospaced font, and the one installed (DejaVu Sans Mono) lacks the
	 * stacked Vietnamese letters, so its PDF draws "ố" from parts that
	 * pdftotext reads as separate words. */
	const char *const docx_only[] = {docx, NULL};
	const char *const both[] = {docx, txt, NULL};
	soffice_convert("odt", both);
	soffice_convert("doc", docx_only);
	soffice_convert("pdf", docx_only);

	/* The reader's own soffice runs must not touch $HOME: they use a
	 * private profile, and a private home for LibreOffice's caches. */
	char *home = path_in("home");
	assert_int_equal(mkdir(home, 0700), 0);
	char *old_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	setenv("HOME", home, 1);

	static const struct {
		const char *file, *format;
	} cases[] = {{"plan.docx", "docx"},
	             {"plan.odt", "odt"},
	             {"plan.doc", "doc"},
	             {"plan.pdf", "pdf"},
	             {"note.odt", "odt"}};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *p = path_in(cases[i].file);
		reader_info info;
		char *text = read_ok(p, cases[i].format, &info);
		assert_string_equal(info.encoding, "utf-8");
		assert_seed002(text);
		/* parse_file takes the same route (once through LibreOffice:
		 * each run costs seconds). */
		if (strcmp(cases[i].file, "plan.odt") && strcmp(cases[i].file, "note.odt")) {
			doc *d = NULL;
			parse_error err;
			assert_int_equal(parse_file(p, &d, &err), TT_OK);
			assert_string_equal(d->symbol, "215/KH-UBND");
			assert_null(d->encoding_note);
			doc_free(d);
		}
		free(text);
		free(p);
	}
	char *cfg = path_in("home/.config"), *cache = path_in("home/.cache");
	struct stat st;
	assert_int_not_equal(stat(cfg, &st), 0);
	assert_int_not_equal(stat(cache, &st), 0);
	free(cache);
	if (old_home)
		setenv("HOME", old_home, 1);
	else
		unsetenv("HOME");
	free(old_home);
	free(cfg);
	free(home);
	free(docx);
	free(txt);
	free(seed);
}

/* A Word file typed in the legacy fonts: its text is the Windows-1252
 * look-alikes of the legacy bytes. Through .docx directly, and through
 * LibreOffice as .doc and .pdf, it comes back as Unicode. TCVN3 writes
 * "ư" as 0xAD, a soft hyphen to Word: it survives .docx and .doc, while
 * LibreOffice's PDF export drops it. */
static const char *const legacy_docx = "import sys, docx\n"
                                       "tcvn = bytes.fromhex(sys.argv[1]).decode('cp1252')\n"
                                       "d = docx.Document()\n"
                                       "for l in tcvn.split('\\n'):\n"
                                       "    r = d.add_paragraph().add_run(l)\n"
                                       "    r.font.name = '.VnTime'\n"
                                       "d.save(sys.argv[2])\n";

static void hex_of(const char *s, tt_buf *out)
{
	for (size_t i = 0; s[i]; i++)
		buf_printf(out, "%02x", (unsigned char)s[i]);
}

static void test_legacy_font_documents(void **state)
{
	/* Số: 215/KH-UBND / Kon Tum, ngày 28 tháng 01 năm 2019 / KẾ HOẠCH /
	 * Hoạt động thông tin đối ngoại tỉnh Kon Tum năm 2019, in TCVN3. */
	const char tcvn3[] =
	    "S\xE8: 215/KH-UBND\nKon Tum, ng\xB5y 28 th\xB8ng 01 n\xA8m 2019\nK\xD5 HO\xB9"
	    "CH\n"
	    "Ho\xB9t \xAE\xE9ng th\xABng tin \xAE\xE8i ngo\xB9i t\xD8nh Kon Tum n\xA8m 2019\n"
	    "C\xA8n c\xF8 Ngh\xDE \xAE\xDEnh s\xE8 72/2015/N\xA7-CP ng\xB5y 07/09/2015 c\xF1"
	    "a "
	    "Ch\xDDnh ph\xF1 v\xD2 qu\xB6n l\xFD ho\xB9t \xAE\xE9ng th\xABng tin \xAE\xE8i ngo\xB9i;\n"
	    "Ng\xAD\xEAi d\xA9n tham gia\n";
	const char *vni =
	    "So\xE1: 215/KH-UBND\nKon Tum, nga\xF8y 28 tha\xF9ng 01 na\xEAm 2019\nKE\xC1 HOA\xCF"
	    "CH\n"
	    "Hoa\xEFt \xF1o\xE4ng tho\xE2ng tin \xF1o\xE1i ngoa\xEFi t\xE6nh Kon Tum na\xEAm 2019\n";
	tt_buf hex;
	buf_init(&hex, 0);
	hex_of(tcvn3, &hex);
	char *docx = path_in("vntime.docx");
	assert_int_equal(run_python(legacy_docx, hex.data, docx), 0);
	buf_reset(&hex);
	hex_of(vni, &hex);
	char *vdocx = path_in("vnitimes.docx");
	assert_int_equal(run_python(legacy_docx, hex.data, vdocx), 0);
	buf_free(&hex);
	const char *const src[] = {docx, NULL};
	soffice_convert("doc", src);
	soffice_convert("pdf", src);

	static const char *const files[] = {"vntime.docx", "vntime.doc", "vntime.pdf"};
	static const char *const formats[] = {"docx", "doc", "pdf"};
	for (size_t i = 0; i < 3; i++) {
		char *p = path_in(files[i]);
		reader_info info;
		char *text = read_ok(p, formats[i], &info);
		assert_string_equal(info.encoding, "TCVN3");
		assert_non_null(strstr(text, "Số: 215/KH-UBND"));
		assert_non_null(strstr(text, "Kon Tum, ngày 28 tháng 01 năm 2019"));
		assert_non_null(strstr(text, "KẾ HOẠCH"));
		assert_non_null(strstr(text, "Hoạt động thông tin đối ngoại tỉnh Kon Tum năm 2019"));
		assert_non_null(strstr(text, "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/09/2015"));
		assert_non_null(strstr(text, "quản lý hoạt động thông tin đối ngoại;"));
		if (i != 2) /* "ư" as a soft hyphen survives Word formats */
			assert_non_null(strstr(text, "gười dân tham gia"));
		doc *d = NULL;
		parse_error err;
		assert_int_equal(parse_text(text, strlen(text), &d, &err), TT_OK);
		assert_string_equal(d->kind, "KH");
		assert_string_equal(d->symbol, "215/KH-UBND");
		doc_free(d);
		if (i != 1) { /* parse_file notes the conversion */
			assert_int_equal(parse_file(p, &d, &err), TT_OK);
			assert_string_equal(d->encoding_note, "TCVN3");
			doc_free(d);
		}
		free(text);
		free(p);
	}
	reader_info info;
	char *text = read_ok(vdocx, "docx", &info);
	assert_string_equal(info.encoding, "VNI");
	assert_non_null(strstr(text, "Số: 215/KH-UBND\nKon Tum, ngày 28 tháng 01 năm 2019\nKẾ HOẠCH\n"
	                             "Hoạt động thông tin đối ngoại tỉnh Kon Tum năm 2019"));
	free(text);
	free(vdocx);
	free(docx);
}

static tt_rc read_fail(const char *name, const void *data, size_t n, reader_info *info)
{
	char *p = path_in(name);
	write_file(p, data, n);
	tt_buf out;
	buf_init(&out, 0);
	tt_rc rc = reader_read_file(p, &out, info);
	buf_free(&out);
	free(p);
	return rc;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Damaged and misnamed files: a clean error with a message, never a crash
 * and never garbage text. */
static void test_bad_files(void **state)
{
	require_soffice();
	reader_info info;
	const char pdf[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage\n%%EOF\n";
	assert_int_equal(read_fail("bad.pdf", pdf, sizeof pdf - 1, &info), TT_ERR_PARSE);
	assert_string_equal(info.format, "pdf");
	assert_true(info.message[0] != '\0');

	/* A real PDF cut short: pdftotext reads what it can or fails; either
	 * way the result is clean. */
	char *seed = test_seed_path("002");
	char *docx = path_in("cut.docx");
	assert_int_equal(run_python(lines_to_docx, seed, docx), 0);
	const char *const src[] = {docx, NULL};
	soffice_convert("pdf", src);
	char *full = path_in("cut.pdf");
	tt_buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_read_file(&b, full), TT_OK);
	tt_rc rc = read_fail("half.pdf", b.data, b.len / 2, &info);
	assert_true(rc == TT_OK || rc == TT_ERR_PARSE);
	buf_free(&b);
	free(full);
	free(docx);
	free(seed);

	/* Garbage under Word's name is refused before LibreOffice runs (which
	 * would import it as text), so quickly. */
	char rnd[20000];
	srand(7);
	for (size_t i = 0; i < sizeof rnd; i++)
		rnd[i] = (char)(rand() & 0xFF);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(read_fail("garbage.doc", rnd, sizeof rnd, &info), TT_ERR_PARSE);
	assert_string_equal(info.format, "doc");
	assert_non_null(strstr(info.message, ".doc"));
	memcpy(rnd, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
	assert_int_equal(read_fail("ole.doc", rnd, sizeof rnd, &info), TT_ERR_PARSE);
	assert_non_null(strstr(info.message, "not a Word document"));
	assert_int_equal(read_fail("garbage.rtf", rnd + 8, 1000, &info), TT_ERR_PARSE);
	assert_int_equal(read_fail("garbage.odt", rnd + 8, 1000, &info), TT_ERR_PARSE);
	assert_true(seconds_since(&t0) < 5);
	/* A zip that says it is an .odt but is damaged: LibreOffice is told
	 * the format, so it fails instead of importing bytes as text. */
	memcpy(rnd, "PK\x03\x04", 4);
	assert_int_equal(read_fail("broken.odt", rnd, sizeof rnd, &info), TT_ERR_PARSE);
	assert_string_equal(info.format, "odt");
	assert_int_equal(read_fail("broken.docx", rnd, sizeof rnd, &info), TT_ERR_PARSE);

	/* Plain text saved as .doc is read as text. */
	const char txt[] = "Số: 12/KH-UBND\nKẾ HOẠCH\n";
	tt_buf out;
	buf_init(&out, 0);
	char *p = path_in("text.doc");
	write_file(p, txt, sizeof txt - 1);
	assert_int_equal(reader_read_file(p, &out, &info), TT_OK);
	assert_string_equal(info.format, "txt");
	assert_string_equal(out.data, txt);
	buf_free(&out);
	free(p);

	/* No file, a directory, an empty "PDF". */
	buf_init(&out, 0);
	p = path_in("missing.pdf");
	assert_int_equal(reader_read_file(p, &out, &info), TT_ERR_NOT_FOUND);
	free(p);
	assert_int_equal(reader_read_file(tmpdir, &out, &info), TT_ERR_INVALID);
	buf_free(&out);
	assert_int_equal(read_fail("empty.pdf", "%PDF-", 5, &info), TT_ERR_PARSE);
}

/* Writes an executable script named prog into tmpdir/bin and puts that
 * directory first on PATH. */
static void fake_converter(const char *prog, const char *body)
{
	char *bin = path_in("bin");
	mkdir(bin, 0700);
	char *p = path_in("bin/");
	tt_buf b;
	buf_init(&b, 0);
	buf_printf(&b, "%s%s", p, prog);
	write_file(b.data, body, strlen(body));
	assert_int_equal(chmod(b.data, 0700), 0);
	buf_reset(&b);
	buf_printf(&b, "%s:%s", bin, saved_path);
	setenv("PATH", b.data, 1);
	buf_free(&b);
	free(p);
	free(bin);
}

static long read_pid(const char *name)
{
	char *p = path_in(name);
	FILE *f = fopen(p, "r");
	free(p);
	if (!f)
		return -1;
	long pid = -1;
	if (fscanf(f, "%ld", &pid) != 1)
		pid = -1;
	fclose(f);
	return pid;
}

/* Gone, or a zombie waiting for init: either way no longer running. */
static int process_gone(long pid)
{
	char path[64], state = 0;
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	for (int i = 0; i < 100; i++) {
		FILE *f = fopen(path, "r");
		if (!f)
			return 1;
		int ok = fscanf(f, "%*d (%*[^)]) %c", &state) == 1;
		fclose(f);
		if (ok && (state == 'Z' || state == 'X'))
			return 1;
		struct timespec nap = {0, 20 * 1000000};
		nanosleep(&nap, NULL);
	}
	return 0;
}

/* A converter that hangs is killed when its time is up, and so is the
 * program it started (as soffice starts soffice.bin). */
static void test_converter_timeout(void **state)
{
	tt_buf body;
	buf_init(&body, 0);
	buf_printf(&body, "#!/bin/sh\nsleep 300 &\necho $! > %s/child.pid\nwait\n", tmpdir);
	fake_converter("pdftotext", body.data);
	fake_converter("soffice", body.data);
	buf_free(&body);
	setenv("TTDN_CONVERT_TIMEOUT", "2", 1);
	/* The stand-ins report to files outside any sandbox. */
	setenv("TTDN_NO_SANDBOX", "1", 1);

	static const char *const files[] = {"slow.pdf", "slow.odt"};
	static const char *const heads[] = {"%PDF-1.4\n", "PK\x03\x04"};
	for (int i = 0; i < 2; i++) {
		char *p = path_in(files[i]);
		write_file(p, heads[i], strlen(heads[i]));
		struct timespec t0;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		tt_buf out;
		buf_init(&out, 0);
		reader_info info;
		assert_int_equal(reader_read_file(p, &out, &info), TT_ERR_PARSE);
		double took = seconds_since(&t0);
		assert_true(took >= 1.5 && took < 15);
		assert_non_null(strstr(info.message, "did not finish within 2 seconds"));
		long child = read_pid("child.pid");
		assert_true(child > 0);
		assert_true(process_gone(child));
		buf_free(&out);
		free(p);
		char *pidfile = path_in("child.pid");
		unlink(pidfile);
		free(pidfile);
	}
}

/* soffice gets a profile of its own under a fresh temporary directory,
 * the file by absolute path, the import filter for the format, and the
 * directory is gone afterwards. */
static void test_soffice_private_profile(void **state)
{
	char *log = path_in("soffice.log");
	tt_buf body;
	buf_init(&body, 0);
	buf_printf(&body,
	           "#!/bin/sh\nfor a in \"$@\" \"HOME=$HOME\"; do printf '%%s\\n' \"$a\"; done >> %s\n"
	           "echo --- >> %s\n",
	           log, log);
	fake_converter("soffice", body.data);
	buf_free(&body);
	setenv("TTDN_NO_SANDBOX", "1", 1);

	char *cwd = getcwd(NULL, 0);
	assert_non_null(cwd);
	assert_int_equal(chdir(tmpdir), 0);
	for (int i = 0; i < 2; i++) {
		tt_buf out;
		buf_init(&out, 0);
		reader_info info;
		/* A relative name that looks like an option reaches soffice as
		 * an absolute path. */
		write_file("-x.odt", "PK\x03\x04", 4);
		assert_int_equal(reader_read_file("-x.odt", &out, &info), TT_ERR_PARSE);
		assert_non_null(strstr(info.message, "LibreOffice could not read"));
		buf_free(&out);
	}
	assert_int_equal(chdir(cwd), 0);
	free(cwd);
	restore_env(NULL);

	tt_buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_read_file(&b, log), TT_OK);
	char profiles[2][256];
	char *run = b.data;
	for (int i = 0; i < 2; i++) {
		char *end = strstr(run, "---\n");
		assert_non_null(end);
		*end = '\0';
		assert_non_null(strstr(run, "--headless\n"));
		assert_non_null(strstr(run, "--infilter=writer8\n"));
		assert_non_null(strstr(run, "\n--convert-to\ndocx\n"));
		char want[256];
		snprintf(want, sizeof want, "\n%s/-x.odt\n", tmpdir);
		assert_non_null(strstr(run, want));
		char *pr = strstr(run, "-env:UserInstallation=file:///tmp/ttdn-conv-");
		assert_non_null(pr);
		pr += strlen("-env:UserInstallation=file://");
		size_t l = strcspn(pr, "\n");
		assert_true(l < sizeof profiles[i]);
		memcpy(profiles[i], pr, l);
		profiles[i][l] = '\0';
		/* The profile and the output directory are the same private
		 * directory, and it is gone. */
		char *slash = strrchr(profiles[i], '/');
		assert_non_null(slash);
		assert_string_equal(slash, "/profile");
		*slash = '\0';
		char outdir[300];
		snprintf(outdir, sizeof outdir, "\n--outdir\n%s\n", profiles[i]);
		assert_non_null(strstr(run, outdir));
		/* LibreOffice's home is that directory too, not the user's. */
		snprintf(outdir, sizeof outdir, "\nHOME=%s\n", profiles[i]);
		assert_non_null(strstr(run, outdir));
		struct stat st;
		assert_int_not_equal(stat(profiles[i], &st), 0);
		run = end + 4;
	}
	assert_string_not_equal(profiles[0], profiles[1]);
	buf_free(&b);
	free(log);
}

/* Without bubblewrap no converter runs: the file fails with a message
 * that says what to install, and the converter was never started. */
static void test_sandbox_required(void **state)
{
	char *mark = path_in("ran");
	tt_buf body;
	buf_init(&body, 0);
	buf_printf(&body, "#!/bin/sh\ntouch %s\n", mark);
	fake_converter("soffice", body.data);
	buf_free(&body);
	char *bin = path_in("bin");
	setenv("PATH", bin, 1); /* the stand-in, and no bwrap */
	char *p = path_in("x.odt");
	write_file(p, "PK\x03\x04", 4);
	tt_buf out;
	buf_init(&out, 0);
	reader_info info;
	assert_int_equal(reader_read_file(p, &out, &info), TT_ERR_UNSUPPORTED);
	assert_non_null(strstr(info.message, "bubblewrap"));
	struct stat st;
	assert_int_not_equal(stat(mark, &st), 0);
	buf_free(&out);
	free(p);
	free(bin);
	free(mark);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_soffice_installed),
	    cmocka_unit_test(test_converted_formats),
	    cmocka_unit_test(test_legacy_font_documents),
	    cmocka_unit_test(test_bad_files),
	    cmocka_unit_test_teardown(test_converter_timeout, restore_env),
	    cmocka_unit_test_teardown(test_soffice_private_profile, restore_env),
	    cmocka_unit_test_teardown(test_sandbox_required, restore_env),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
