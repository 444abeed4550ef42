/* test_table.c - the spreadsheet reader: an .xlsx written here with
 * libzip (shared and inline strings, numbers, a date by a built-in and by a
 * custom format, a boolean, a gap in rows and columns), date serials, a CSV
 * with a byte order mark, semicolons and a quoted line break, and broken
 * files (truncated zip, a DTD, a missing sheet, an open quote) refused
 * with a Vietnamese reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <zip.h>

#include "text/table.h"

static char dir[64];

static int setup(void **state)
{
	snprintf(dir, sizeof dir, "/tmp/ttdn-table-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd);
}

typedef struct {
	const char *name, *text;
} part;

static const char *write_zip(const char *file, const part *p, size_t n)
{
	static char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	unlink(path);
	int err = 0;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	assert_non_null(z);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *s = zip_source_buffer(z, p[i].text, strlen(p[i].text), 0);
		assert_true(zip_file_add(z, p[i].name, s, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	return path;
}

static const char *write_file(const char *file, const char *text, size_t n)
{
	static char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, n, f), n);
	fclose(f);
	return path;
}

#define WB                                                                                               \
	"<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"        \
	"<sheet name=\"Đoàn\" sheetId=\"1\" r:id=\"rId7\"/></sheets></workbook>"
#define RELS                                                                                        \
	"<?xml version=\"1.0\"?><Relationships "                                                    \
	"xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId7\" " \
	"Type=\"worksheet\" Target=\"worksheets/data.xml\"/></Relationships>"
#define SST                                                                                          \
	"<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" \
	"<si><t>Tên hoạt động</t></si><si><r><t>Ngày </t></r><r><t>bắt đầu</t></r></si>"                 \
	"<si><t xml:space=\"preserve\"> Đón đoàn &amp; tiếp </t></si></sst>"
#define STYLES                                                                                      \
	"<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" \
	"<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy;@\"/></numFmts>"       \
	"<cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>"
#define SHEET                                                                                            \
	"<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" \
	"<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"         \
	"<c r=\"D1\" t=\"inlineStr\"><is><t>Số</t></is></c></row>"                                          \
	"<row r=\"4\"><c r=\"A4\" t=\"s\"><v>2</v></c><c r=\"B4\" s=\"1\"><v>45292</v></c>"                \
	"<c r=\"C4\" s=\"2\"><v>45366.5</v></c><c r=\"D4\"><v>12</v></c><c r=\"E4\"><v>1.5</v></c>"      \
	"<c r=\"F4\" t=\"b\"><v>1</v></c><c r=\"G4\" t=\"str\"><f>A1</f><v>x</v></c></row></sheetData></worksheet>"

static void test_xlsx(void **state)
{
	const part p[] = {{"xl/workbook.xml", WB},
	                  {"xl/_rels/workbook.xml.rels", RELS},
	                  {"xl/sharedStrings.xml", SST},
	                  {"xl/styles.xml", STYLES},
	                  {"xl/worksheets/data.xml", SHEET}};
	const char *path = write_zip("a.xlsx", p, 5);
	tt_table t;
	char msg[200];
	assert_int_equal(table_read(path, &t, msg, sizeof msg), TT_OK);
	assert_int_equal(t.nrows, 2);
	assert_int_equal(t.rows[0].line, 1);
	assert_int_equal(t.rows[0].ncells, 4);
	assert_string_equal(t.rows[0].cells[0], "Tên hoạt động");
	assert_string_equal(t.rows[0].cells[1], "Ngày bắt đầu");
	assert_string_equal(t.rows[0].cells[2], "");
	assert_string_equal(t.rows[0].cells[3], "Số");
	const table_row *r = &t.rows[1];
	assert_int_equal(r->line, 4);
	assert_string_equal(r->cells[0], " Đón đoàn & tiếp ");
	assert_string_equal(r->cells[1], "2024-01-01");
	assert_string_equal(r->cells[2], "2024-03-15");
	assert_string_equal(r->cells[3], "12");
	assert_string_equal(r->cells[4], "1,5");
	assert_string_equal(r->cells[5], "1");
	assert_string_equal(r->cells[6], "x");
	table_free(&t);
}

static void test_serial_dates(void **state)
{
	char d[11];
	assert_true(table_serial_date(1, d));
	assert_string_equal(d, "1900-01-01");
	assert_true(table_serial_date(61, d));
	assert_string_equal(d, "1900-03-01");
	assert_true(table_serial_date(45351, d));
	assert_string_equal(d, "2024-02-29");
	assert_false(table_serial_date(0, d));
	assert_false(table_serial_date(3e6, d));
}

static void test_broken_xlsx(void **state)
{
	const part p[] = {{"xl/workbook.xml", WB},
	                  {"xl/_rels/workbook.xml.rels", RELS},
	                  {"xl/worksheets/data.xml", SHEET}};
	const char *path = write_zip("b.xlsx", p, 3);
	FILE *f = fopen(path, "rb");
	char buf[8192];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	tt_table t;
	char msg[200];
	/* shared strings missing: the cells point nowhere */
	assert_int_equal(table_read(path, &t, msg, sizeof msg), TT_ERR_PARSE);
	assert_non_null(strstr(msg, "Excel"));
	table_free(&t);
	/* truncated */
	path = write_file("c.xlsx", buf, n / 2);
	assert_int_equal(table_read(path, &t, msg, sizeof msg), TT_ERR_PARSE);
	assert_non_null(strstr(msg, "Excel"));
	table_free(&t);
	/* no sheet */
	const part q[] = {{"xl/workbook.xml", WB}, {"xl/_rels/workbook.xml.rels", RELS}};
	assert_int_equal(table_read(write_zip("d.xlsx", q, 2), &t, msg, sizeof msg), TT_ERR_PARSE);
	assert_non_null(strstr(msg, "worksheets/data.xml"));
	table_free(&t);
	/* a DTD */
	const part d[] = {{"xl/workbook.xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><workbook/>"}};
	assert_int_equal(table_read(write_zip("e.xlsx", d, 1), &t, msg, sizeof msg), TT_ERR_PARSE);
	assert_non_null(strstr(msg, "DTD"));
	table_free(&t);
}

static void test_csv(void **state)
{
	const char text[] = "\xEF\xBB\xBFtitle;start_on;people\r\n\"Lớp \"\"A\"\";\nhai\";05/06/2024;30\r\n\r\nx;;\r\n";
	tt_table t;
	char msg[200];
	assert_int_equal(table_read(write_file("a.csv", text, sizeof text - 1), &t, msg, sizeof msg), TT_OK);
	assert_int_equal(t.nrows, 3);
	assert_string_equal(t.rows[0].cells[0], "title");
	assert_int_equal(t.rows[1].ncells, 3);
	assert_string_equal(t.rows[1].cells[0], "Lớp \"A\";\nhai");
	assert_string_equal(t.rows[1].cells[2], "30");
	assert_int_equal(t.rows[1].line, 2);
	assert_string_equal(t.rows[2].cells[0], "x");
	table_free(&t);
	const char bad[] = "a,b\r\n\"open,x\r\n";
	assert_int_equal(table_read(write_file("b.csv", bad, sizeof bad - 1), &t, msg, sizeof msg), TT_ERR_PARSE);
	assert_non_null(strstr(msg, "CSV"));
	table_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_xlsx),
	    cmocka_unit_test(test_serial_dates),
	    cmocka_unit_test(test_broken_xlsx),
	    cmocka_unit_test(test_csv),
	};
	return cmocka_run_group_tests_name("table", tests, setup, teardown);
}
