/* test_docx.c - the .docx reader: list numbers computed from numbering.xml
 * and from paragraph styles, footnotes, tables; a .docx made by python-docx
 * from a seed parses to the same key fields as the seed's .txt; and hostile
 * files (truncated zip, zip bomb, billion laughs, missing parts) give a
 * clean error. Files are written to a private temporary directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "seeds.h"
#include <zip.h>

#include "text/docx.h"
#include "text/parse.h"

static char tmpdir[64];

static int setup(void **state)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/ttdn-docx-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static const char *const W = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

static const char content_types[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
                                    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                                    "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";

/* Writes a zip at path from (name, content) pairs; NULL name ends. */
static void write_zip(const char *path, const char *const *parts)
{
	int err;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	assert_non_null(za);
	for (size_t i = 0; parts[i]; i += 2) {
		zip_source_t *s = zip_source_buffer(za, parts[i + 1], strlen(parts[i + 1]), 0);
		assert_non_null(s);
		assert_true(zip_file_add(za, parts[i], s, ZIP_FL_OVERWRITE) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
}

static char *read_all(const char *path, size_t *n)
{
	tt_buf b;
	buf_init(&b, 0);
	assert_int_equal(buf_read_file(&b, path), TT_OK);
	return buf_detach(&b, n);
}

static tt_rc docx_text(const char *path, tt_buf *out, char *msg, size_t cap)
{
	size_t n;
	char *data = read_all(path, &n);
	tt_rc rc = docx_read(data, n, out, msg, cap);
	free(data);
	return rc;
}

static char *sprintf_alloc(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tt_buf b;
	buf_init(&b, 0);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_detach(&b, NULL);
}

static void numbered_p(tt_buf *b, int ilvl, const char *text)
{
	buf_printf(b,
	           "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"%d\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
	           "<w:r><w:t>%s</w:t></w:r></w:p>",
	           ilvl, text);
}

/* A hand-made document: a header table, Decree-30 style numbering (I., 1.,
 * 1.1., a)), a footnote, caps styling. */
static void test_numbering_footnotes_table(void **state)
{
	tt_buf b;
	buf_init(&b, 0);
	buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document %s><w:body>", W);
	buf_adds(&b,
	         "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>UBND TỈNH KON TUM</w:t></w:r></w:p>"
	         "<w:p><w:r><w:t>Số: 12/KH-UBND</w:t></w:r></w:p></w:tc>"
	         "<w:tc><w:p><w:r><w:t>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r></w:p>"
	         "<w:p><w:r><w:t>Kon Tum, ngày 05 tháng 01 năm 2019</w:t></w:r></w:p></w:tc></w:tr></w:tbl>");
	buf_adds(&b, "<w:p><w:r><w:rPr><w:caps/></w:rPr><w:t>kế hoạch</w:t></w:r></w:p>"
	             "<w:p><w:r><w:t>Tuyên truyền năm 2019</w:t></w:r></w:p><w:p/>");
	buf_adds(&b, "<w:p><w:r><w:t>Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015</w:t></w:r>"
	             "<w:r><w:footnoteReference w:id=\"1\"/></w:r><w:r><w:t>;</w:t></w:r></w:p>");
	numbered_p(&b, 0, "MỤC ĐÍCH");
	numbered_p(&b, 0, "NỘI DUNG");
	numbered_p(&b, 1, "Tuyên truyền");
	numbered_p(&b, 2, "Trên báo chí");
	numbered_p(&b, 3, "Báo in");
	numbered_p(&b, 3, "Báo điện tử");
	numbered_p(&b, 2, "Trực quan");
	numbered_p(&b, 1, "Tập huấn");
	numbered_p(&b, 0, "KINH PHÍ");
	numbered_p(&b, 1, "Nguồn ngân sách");
	buf_adds(&b, "</w:body></w:document>");
	char *numbering = sprintf_alloc(
	    "<?xml version=\"1.0\"?><w:numbering %s><w:abstractNum w:abstractNumId=\"7\">"
	    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"upperRoman\"/><w:lvlText "
	    "w:val=\"%%1.\"/></w:lvl>"
	    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText "
	    "w:val=\"%%2.\"/></w:lvl>"
	    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText "
	    "w:val=\"%%2.%%3.\"/></w:lvl>"
	    "<w:lvl w:ilvl=\"3\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText "
	    "w:val=\"%%4)\"/></w:lvl>"
	    "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"7\"/></w:num></w:numbering>",
	    W);
	char *footnotes = sprintf_alloc(
	    "<?xml version=\"1.0\"?><w:footnotes %s><w:footnote w:type=\"separator\" "
	    "w:id=\"-1\"><w:p/></w:footnote>"
	    "<w:footnote w:id=\"1\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t> Sửa đổi bởi Nghị định số "
	    "96/2023/NĐ-CP.</w:t></w:r></w:p></w:footnote></w:footnotes>",
	    W);
	char path[128];
	snprintf(path, sizeof path, "%s/made.docx", tmpdir);
	const char *parts[] = {"[Content_Types].xml",
	                       content_types,
	                       "word/document.xml",
	                       b.data,
	                       "word/numbering.xml",
	                       numbering,
	                       "word/footnotes.xml",
	                       footnotes,
	                       NULL};
	write_zip(path, parts);

	tt_buf text;
	buf_init(&text, 0);
	char msg[256];
	assert_int_equal(docx_text(path, &text, msg, sizeof msg), TT_OK);
	/* Labels computed as Word draws them. */
	assert_non_null(strstr(text.data, "\nI. MỤC ĐÍCH\n"));
	assert_non_null(strstr(
	    text.data, "\nII. NỘI DUNG\n1. Tuyên truyền\n1.1. Trên báo chí\na) Báo in\nb) Báo điện tử\n"
	               "1.2. Trực quan\n2. Tập huấn\nIII. KINH PHÍ\n1. Nguồn ngân sách\n"));
	assert_non_null(strstr(text.data, "KẾ HOẠCH")); /* caps */
	assert_non_null(strstr(text.data, "07/9/2015\xC2\xB9;"));
	assert_non_null(strstr(text.data, "\n\xC2\xB9  Sửa đổi"));
	buf_free(&text);

	doc *d = NULL;
	parse_error err;
	assert_int_equal(parse_file(path, &d, &err), TT_OK);
	assert_string_equal(d->kind, "KH");
	assert_string_equal(d->symbol, "12/KH-UBND");
	assert_string_equal(d->place, "Kon Tum");
	assert_int_equal(d->day, 5);
	assert_string_equal(d->title, "Tuyên truyền năm 2019");
	assert_int_equal(d->footnotes.n, 1);
	assert_int_equal(d->citations.n, 2);
	assert_string_equal(d->citations.v[1].symbol, "96/2023/NĐ-CP");
	size_t top = 0;
	for (size_t i = 0; i < d->sections.n; i++)
		top += d->sections.v[i].parent < 0;
	assert_int_equal(top, 3);
	assert_string_equal(d->sections.v[1].label, "II");
	assert_string_equal(d->sections.v[3].label, "1.1");
	assert_int_equal(d->sections.v[3].level, 3);
	doc_free(d);
	buf_free(&b);
	free(numbering);
	free(footnotes);
}

static int run_python(const char *script, const char *arg1, const char *arg2)
{
	pid_t pid = fork();
	if (pid == 0) {
		execl("/usr/bin/python3", "python3", "-c", script, arg1, arg2, (char *)NULL);
		_exit(127);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* python-docx: the seed's lines as paragraphs, its header as a two-column
 * table, and numbered paragraphs in the "List Number" style. */
static const char *const seed_to_docx =
    "import sys, docx\n"
    "lines = open(sys.argv[1], encoding='utf-8').read().split('\\n')\n"
    "d = docx.Document()\n"
    "t = d.add_table(rows=1, cols=2)\n"
    "hdr = [l for l in lines[:8] if l.strip()]\n"
    "t.cell(0,0).text = 'ỦY BAN NHÂN DÂN\\nTỈNH KON TUM\\n' + hdr[0]\n"
    "t.cell(0,1).text = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\nĐộc lập - Tự do - Hạnh phúc\\n' + hdr[1]\n"
    "start = lines.index(hdr[1]) + 1\n"
    "for l in lines[start:]:\n"
    "    d.add_paragraph(l)\n"
    "for w in ['Một', 'Hai', 'Ba']:\n"
    "    d.add_paragraph('Mục ' + w, style='List Number')\n"
    "d.save(sys.argv[2])\n";

static void test_seed_docx_matches_txt(void **state)
{
	char *txt = test_seed_path("002"), out[128];
	snprintf(out, sizeof out, "%s/seed002.docx", tmpdir);
	assert_int_equal(run_python(seed_to_docx, txt, out), 0);

	doc *a = NULL, *b = NULL;
	parse_error err;
	assert_int_equal(parse_file(txt, &a, &err), TT_OK);
	assert_int_equal(parse_file(out, &b, &err), TT_OK);
	assert_string_equal(b->kind, a->kind);
	assert_string_equal(b->symbol, a->symbol);
	assert_int_equal(b->year * 10000 + b->month * 100 + b->day,
	                 a->year * 10000 + a->month * 100 + a->day);
	assert_string_equal(b->place, a->place);
	assert_string_equal(b->title, a->title);
	/* The same top sections; the three closing paragraphs in Word's List
	 * Number style are numbered 1..3 by the reader. */
	size_t ta = 0, tb = 0;
	for (size_t i = 0; i < a->sections.n; i++)
		ta += a->sections.v[i].parent < 0;
	for (size_t i = 0; i < b->sections.n; i++)
		tb += b->sections.v[i].parent < 0;
	assert_int_equal(ta, 4);
	assert_int_equal(tb, ta);
	assert_int_equal(b->tasks.n, a->tasks.n);
	assert_int_equal(b->citations.n, a->citations.n);
	assert_string_equal(b->signer_name, a->signer_name);
	tt_buf text;
	buf_init(&text, 0);
	char msg[256];
	assert_int_equal(docx_text(out, &text, msg, sizeof msg), TT_OK);
	assert_non_null(strstr(text.data, "\n1. Mục Một\n2. Mục Hai\n3. Mục Ba\n"));
	buf_free(&text);
	doc_free(a);
	doc_free(b);
	free(txt);
}

static void test_truncated_zip(void **state)
{
	char path[128];
	snprintf(path, sizeof path, "%s/small.docx", tmpdir);
	char *body = sprintf_alloc(
	    "<w:document %s><w:body><w:p><w:r><w:t>Xin chào</w:t></w:r></w:p></w:body></w:document>", W);
	const char *parts[] = {"[Content_Types].xml", content_types, "word/document.xml", body, NULL};
	write_zip(path, parts);
	size_t n;
	char *data = read_all(path, &n);
	tt_buf out;
	buf_init(&out, 0);
	char msg[256];
	assert_int_equal(docx_read(data, n, &out, msg, sizeof msg), TT_OK);
	assert_non_null(strstr(out.data, "Xin chào"));
	for (size_t cut = n / 4; cut < n - 8; cut += n / 4) {
		buf_reset(&out);
		msg[0] = '\0';
		assert_int_equal(docx_read(data, cut, &out, msg, sizeof msg), TT_ERR_PARSE);
		assert_true(strlen(msg) > 0);
	}
	/* Not a zip at all. */
	assert_int_equal(docx_read("PK\x03\x04garbage", 11, &out, msg, sizeof msg), TT_ERR_PARSE);
	assert_int_equal(docx_read("", 0, &out, msg, sizeof msg), TT_ERR_PARSE);
	buf_free(&out);
	free(data);
	free(body);
}

static void test_zip_bomb(void **state)
{
	/* 80 MiB of spaces inside document.xml compresses to ~80 KiB. */
	size_t big = (size_t)80 << 20;
	char *xml = malloc(big + 256);
	assert_non_null(xml);
	int h = snprintf(xml, 256, "<w:document %s><w:body><w:p><w:r><w:t>", W);
	memset(xml + h, ' ', big);
	strcpy(xml + h + big, "</w:t></w:r></w:p></w:body></w:document>");
	char path[128];
	snprintf(path, sizeof path, "%s/bomb.docx", tmpdir);
	const char *parts[] = {"word/document.xml", xml, NULL};
	write_zip(path, parts);
	free(xml);
	size_t n;
	char *data = read_all(path, &n);
	assert_true(n < ((size_t)2 << 20));
	tt_buf out;
	buf_init(&out, 0);
	char msg[256];
	assert_int_equal(docx_read(data, n, &out, msg, sizeof msg), TT_ERR_TOO_LARGE);
	assert_non_null(strstr(msg, "zip bomb"));
	assert_int_equal(out.len, 0);
	buf_free(&out);
	free(data);
	doc *d = NULL;
	parse_error err;
	assert_int_equal(parse_file(path, &d, &err), TT_ERR_TOO_LARGE);
	assert_null(d);
}

static void test_entity_expansion(void **state)
{
	const char *laughs =
	    "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY a \"ha\">"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
	    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
	    "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
	    "<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
	    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
	    "<w:body><w:p><w:r><w:t>&g;&x;</w:t></w:r></w:p></w:body></w:document>";
	char path[128];
	snprintf(path, sizeof path, "%s/laughs.docx", tmpdir);
	const char *parts[] = {"word/document.xml", laughs, NULL};
	write_zip(path, parts);
	tt_buf out;
	buf_init(&out, 0);
	char msg[256];
	assert_int_equal(docx_text(path, &out, msg, sizeof msg), TT_ERR_PARSE);
	assert_non_null(strstr(msg, "DTD"));
	assert_null(out.data ? strstr(out.data, "root:") : NULL);
	buf_free(&out);
}

static void test_missing_and_broken_parts(void **state)
{
	char path[128];
	snprintf(path, sizeof path, "%s/nodoc.docx", tmpdir);
	const char *parts[] = {"[Content_Types].xml", content_types, NULL};
	write_zip(path, parts);
	tt_buf out;
	buf_init(&out, 0);
	char msg[256];
	assert_int_equal(docx_text(path, &out, msg, sizeof msg), TT_ERR_PARSE);
	assert_non_null(strstr(msg, "word/document.xml"));
	const char *bad[] = {"word/document.xml", "<w:document><w:body><w:p>", NULL};
	write_zip(path, bad);
	assert_int_equal(docx_text(path, &out, msg, sizeof msg), TT_ERR_PARSE);
	/* A renamed text file. */
	snprintf(path, sizeof path, "%s/fake.docx", tmpdir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("BÁO CÁO\nkhông phải docx\n", f);
	fclose(f);
	doc *d = NULL;
	parse_error err;
	assert_int_equal(parse_file(path, &d, &err), TT_ERR_PARSE);
	assert_non_null(strstr(err.message, "zip"));
	buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_numbering_footnotes_table),
	    cmocka_unit_test(test_seed_docx_matches_txt),
	    cmocka_unit_test(test_truncated_zip),
	    cmocka_unit_test(test_zip_bomb),
	    cmocka_unit_test(test_entity_expansion),
	    cmocka_unit_test(test_missing_and_broken_parts),
	};
	return cmocka_run_group_tests_name("docx", tests, setup, teardown);
}
