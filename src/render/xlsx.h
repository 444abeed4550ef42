/* xlsx.h - Excel workbooks of tables, written by libxlsxwriter to a
 * temporary file.
 *
 * Every sheet has the same shape: a bold title row (what the table is: the
 * round or plan), a second row with the period and other facts, a header
 * row of Vietnamese column names (units in the names: "Số đoàn (đoàn)"),
 * frozen so it stays on screen, then the rows. Numbers are written as
 * numbers (shown "#,##0" in the reader's locale), days and timestamps as
 * dates (shown dd/mm/yyyy, timestamps in Vietnam time), text as text (never
 * read as a formula). Column widths follow the longest value.
 *
 * A list export is a few lines:
 *   xlsx_book *b;
 *   xlsx_col cols[] = {{"STT", XLSX_NUMBER}, {"Tên", XLSX_TEXT}};
 *   if (!(rc = xlsx_open(NULL, &b)) && !(rc = xlsx_sheet(b, "Danh sách", title, sub, cols, 2, 0)))
 *       for (...) { xlsx_number(b, i + 1); xlsx_text(b, name); xlsx_row_end(b); }
 *   then xlsx_finish(b, &fd, &size) (the file is then unlinked; read fd) or
 *   xlsx_abort(b).
 * Cells go left to right; xlsx_row_end moves to the next row. */
#ifndef TT_RENDER_XLSX_H
#define TT_RENDER_XLSX_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

#define XLSX_MAX_COLS 64

typedef enum {
	XLSX_TEXT = 0, /* left aligned */
	XLSX_LONG,     /* long text: wide column, wrapped */
	XLSX_NUMBER,   /* whole numbers, #,##0 */
	XLSX_DECIMAL,  /* #,##0.0# */
	XLSX_PERCENT,  /* 0.0% of a fraction (0.25 shows 25.0%) */
	XLSX_DATE,     /* dd/mm/yyyy (a timestamp: dd/mm/yyyy hh:mm) */
} xlsx_kind;

typedef struct {
	const char *header; /* Vietnamese name, with the unit in brackets */
	xlsx_kind kind;
} xlsx_col;

typedef struct xlsx_book xlsx_book;

/* A new workbook in a private temporary file (0600) under dir (NULL:
 * $TMPDIR, else /tmp). */
tt_rc xlsx_open(const char *dir, xlsx_book **out);
/* Starts a sheet (name at most 31 characters, none of []:*?/\): title row,
 * subtitle row (NULL: none), header row frozen together with the first
 * freeze_cols columns. */
tt_rc xlsx_sheet(xlsx_book *b, const char *name, const char *title, const char *subtitle,
                 const xlsx_col *cols, size_t ncols, int freeze_cols);
/* The next cell of the current row. A text has control characters
 * replaced and is cut at Excel's 32 767 characters. */
void xlsx_text(xlsx_book *b, const char *s);
void xlsx_number(xlsx_book *b, double v);
/* "YYYY-MM-DD" or a UTC timestamp (shown in Vietnam time); other text is
 * written as text, NULL or "" as an empty cell. */
void xlsx_date(xlsx_book *b, const char *iso);
void xlsx_blank(xlsx_book *b);
void xlsx_row_end(xlsx_book *b);
/* A bold total row: label in column label_col, then in every column from
 * label_col + 1 whose kind is a number a SUM formula over the sheet's rows
 * so far, stored with its value values[col] (values may be NULL: 0), so a
 * reader that does not calculate shows the same figure (a sheet without
 * rows gets the values alone). */
void xlsx_total_row(xlsx_book *b, int label_col, const char *label, const double *values);
/* A summary line under a table: a bold label over the first two columns
 * and a value of kind in the third (the second when there are two). */
void xlsx_line(xlsx_book *b, const char *label, xlsx_kind kind, double v);
/* The row index (from 0) the next cell goes to. */
int xlsx_row(const xlsx_book *b);
/* Writes the workbook and frees b. *fd gets the file, already unlinked
 * (the caller closes it), *size its length. */
tt_rc xlsx_finish(xlsx_book *b, int *fd, uint64_t *size);
/* Frees b and removes its file. */
void xlsx_abort(xlsx_book *b);

#endif
