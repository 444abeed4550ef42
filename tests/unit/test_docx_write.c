/* test_docx_write.c - the .docx writer: a document of paragraphs (line
 * breaks, tabs, XML-special and Vietnamese text), a table and a landscape
 * section is a zip with every part, and ttdn's own reader gets the text
 * back in order; a table of too many columns fails the whole file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include <cmocka.h>

#include "render/docx_write.h"
#include "text/docx.h"

static const docxw_font F = {.size = 28};

static void write_sample(tt_buf *out)
{
	docxw *d;
	assert_int_equal(docxw_new(&d), TT_OK);
	docxw_p(d, &(docxw_para){.align = DOCXW_CENTER}, &(docxw_font){.size = 26, .bold = 1},
	        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	docxw_rule(d, 5000, 2000);
	docxw_p(d, &(docxw_para){.align = DOCXW_JUSTIFY, .first_line = DOCXW_CM(1.27)}, &F,
	        "Dòng một <b> & \"trích\"\nDòng hai");
	int w[2] = {2000, 3000};
	docxw_table_begin(d, w, 2, 1);
	docxw_row_begin(d, 1);
	for (size_t c = 0; c < 2; c++) {
		docxw_cell_begin(d, c);
		docxw_p(d, NULL, &F, c ? "Nội dung" : "STT");
		docxw_cell_end(d);
	}
	docxw_row_end(d);
	docxw_table_end(d);
	docxw_section_break(d, 0);
	docxw_p(d, NULL, &F, "Phụ lục\tngang");
	assert_int_equal(docxw_finish(d, 1, out), TT_OK);
	docxw_free(d);
}

static void test_parts_and_text(void **state)
{
	(void)state;
	tt_buf b, text;
	buf_init(&b, 0);
	buf_init(&text, 0);
	write_sample(&b);
	assert_true(b.len > 1000);
	assert_memory_equal(b.data, "PK", 2);

	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(b.data, b.len, 0, &ze);
	zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
	assert_non_null(z);
	const char *parts[] = {"[Content_Types].xml", "_rels/.rels",     "word/_rels/document.xml.rels",
	                       "word/document.xml",   "word/styles.xml", "word/settings.xml",
	                       "word/header1.xml",    "word/header2.xml"};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		assert_true(zip_name_locate(z, parts[i], 0) >= 0);
	zip_close(z);

	char msg[200] = "";
	assert_int_equal(docx_read(b.data, b.len, &text, msg, sizeof msg), TT_OK);
	const char *t = text.data;
	const char *a = strstr(t, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	const char *l1 = strstr(t, "Dòng một <b> & \"trích\"");
	const char *l2 = strstr(t, "Dòng hai");
	const char *cell = strstr(t, "Nội dung");
	const char *app = strstr(t, "Phụ lục");
	assert_non_null(a);
	assert_non_null(l1);
	assert_non_null(l2);
	assert_non_null(cell);
	assert_non_null(app);
	assert_true(a < l1 && l1 < l2 && l2 < cell && cell < app);
	buf_free(&b);
	buf_free(&text);
}

static void test_document_xml_layout(void **state)
{
	(void)state;
	tt_buf b;
	buf_init(&b, 0);
	write_sample(&b);
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(b.data, b.len, 0, &ze);
	zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
	assert_non_null(z);
	zip_file_t *f = zip_fopen(z, "word/document.xml", 0);
	assert_non_null(f);
	static char xml[1 << 16];
	zip_int64_t n = zip_fread(f, xml, sizeof xml - 1);
	assert_true(n > 0);
	xml[n] = '\0';
	zip_fclose(f);
	zip_close(z);
	/* A4 portrait then landscape, the Decree 30 margins, no number on page 1. */
	assert_non_null(strstr(xml, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
	assert_non_null(strstr(xml, "<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"));
	assert_non_null(strstr(xml, "w:top=\"1134\" w:right=\"851\" w:bottom=\"1134\" w:left=\"1701\""));
	assert_non_null(strstr(xml, "<w:titlePg/>"));
	assert_non_null(strstr(xml,
	                       "w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New "
	                       "Roman\" w:eastAsia=\"Times New Roman\""));
	assert_non_null(strstr(xml, "w:firstLine=\"720\""));
	assert_non_null(strstr(xml, "<w:tblHeader/>"));
	assert_non_null(strstr(xml, "<w:br/>"));
	assert_non_null(strstr(xml, "<w:tab/>"));
	buf_free(&b);
}

static void test_too_many_columns(void **state)
{
	(void)state;
	docxw *d;
	int w[40];
	for (int i = 0; i < 40; i++)
		w[i] = 200;
	assert_int_equal(docxw_new(&d), TT_OK);
	docxw_table_begin(d, w, 40, 1);
	tt_buf b;
	buf_init(&b, 0);
	assert_int_equal(docxw_finish(d, 0, &b), TT_ERR_INVALID);
	assert_int_equal(b.len, 0);
	docxw_free(d);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parts_and_text),
	    cmocka_unit_test(test_document_xml_layout),
	    cmocka_unit_test(test_too_many_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
