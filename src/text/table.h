/* table.h - the rows of a spreadsheet: the first sheet of an .xlsx (read
 * with libzip and libxml2) or a CSV file (libcsv), as text cells.
 *
 * XLSX cells come out as the text a reader sees: shared and inline
 * strings as written, numbers in their shortest exact form with a decimal comma
 * and no grouping ("12", "1,5", as text/number.h reads them),
 * numbers in a date format as "YYYY-MM-DD", booleans as "1" or "0",
 * formulas as their cached value. Each row keeps the sheet's row number
 * (rows with no cell are skipped, so numbers may jump).
 *
 * CSV: UTF-8 with or without a byte order mark; the delimiter is ',' or
 * ';' (whichever the first line uses more); the row number is the record's
 * number, counting from 1.
 *
 * Hostile files are refused as docx.c does: the archive's total and
 * per-part sizes are capped (TABLE_MAX_UNZIPPED), parts holding a DTD are
 * rejected, and the network is never used. At most TABLE_MAX_ROWS rows and
 * TABLE_MAX_COLS columns. */
#ifndef TT_TABLE_H
#define TT_TABLE_H

#include <stddef.h>

#include "base/arena.h"
#include "base/err.h"

#define TABLE_MAX_UNZIPPED ((size_t)64 << 20)
#define TABLE_MAX_PART ((size_t)24 << 20) /* one part, parsed as a tree in memory */
#define TABLE_MAX_ROWS 100000
#define TABLE_MAX_COLS 200

typedef struct {
	long line;    /* row number in the sheet (1-based) */
	char **cells; /* ncells strings (never NULL; "" for an empty cell) */
	size_t ncells;
} table_row;

typedef struct {
	tt_arena arena; /* owns every row and cell */
	table_row *rows;
	size_t nrows, cap;
} tt_table;

/* Reads the first sheet of the .xlsx at path into t (table_free after,
 * also on failure). TT_ERR_PARSE for a file that is not an .xlsx or is
 * damaged, TT_ERR_TOO_LARGE for a zip bomb or too many rows, with a
 * Vietnamese reason in msg. */
tt_rc table_read_xlsx(const char *path, tt_table *t, char *msg, size_t msglen);
/* Reads the CSV file at path into t (table_free after). TT_ERR_PARSE for
 * a file that is not UTF-8 text or a broken quote, with a Vietnamese
 * reason in msg. */
tt_rc table_read_csv(const char *path, tt_table *t, char *msg, size_t msglen);
/* Either of the two, by the file's first bytes (a zip is an .xlsx). */
tt_rc table_read(const char *path, tt_table *t, char *msg, size_t msglen);
void table_free(tt_table *t);

/* "YYYY-MM-DD" of a spreadsheet date serial (days since 1899-12-30);
 * 0 when out of range (years 1900..9999). */
int table_serial_date(double serial, char out[11]);

#endif
