/* docx_write.h - writes Word (.docx) files: paragraphs of runs, tables and
 * sections, in Times New Roman on A4 with the Decree 30 margins and the page
 * number at the top centre from page 2. The parts (content types,
 * relationships, document, styles, settings, headers) are written here with
 * libxml2's xmlTextWriter and zipped with libzip; nothing is copied from a
 * template.
 *
 * Usage: docxw_new, then paragraphs and tables in reading order, then
 * docxw_finish, then docxw_free. Calls after a failure do nothing;
 * docxw_finish reports the first failure. */
#ifndef TT_DOCX_WRITE_H
#define TT_DOCX_WRITE_H

#include <stddef.h>

#include "base/buf.h"

typedef struct docxw docxw;

/* Sizes are in half-points (26 = 13 pt); lengths in twips (567 = 1 cm). */
#define DOCXW_CM(x) ((int)((x)*567.0 + 0.5))
#define DOCXW_MM(x) ((int)((x)*56.7 + 0.5))

enum { DOCXW_LEFT, DOCXW_CENTER, DOCXW_RIGHT, DOCXW_JUSTIFY };

typedef struct {
	int size; /* half-points; 0 = 28 (14 pt) */
	int bold, italic, underline;
} docxw_font;

typedef struct {
	int align;         /* DOCXW_LEFT (0) ... */
	int first_line;    /* first-line indent, twips */
	int indent_left;   /* twips */
	int indent_right;  /* twips */
	int before, after; /* spacing, twips (120 = 6 pt) */
	int line;          /* line spacing in 240ths (240 single, 360 = 1.5); 0 = single */
	int keep_next;     /* keep with the next paragraph */
	int rule_top;      /* a thin rule above the paragraph (short rules of the header) */
} docxw_para;

tt_rc docxw_new(docxw **out);
void docxw_free(docxw *d);

/* A paragraph: begin, any number of runs, end. Run text may hold "\n"
 * (a line break inside the paragraph) and "\t". */
void docxw_p_begin(docxw *d, const docxw_para *pf);
void docxw_run(docxw *d, const docxw_font *f, const char *text);
void docxw_p_end(docxw *d);
/* One paragraph of one run. */
void docxw_p(docxw *d, const docxw_para *pf, const docxw_font *f, const char *text);
/* A short centred rule of width twips (under the issuing body and the
 * motto): an empty paragraph with a top border, indented on both sides
 * within a column of col_width twips. */
void docxw_rule(docxw *d, int col_width, int width);

/* Tables. widths[] gives each column's width in twips (copied). borders:
 * single lines around and between every cell, else none. */
void docxw_table_begin(docxw *d, const int *widths, size_t ncols, int borders);
/* header: the row repeats at the top of each page. */
void docxw_row_begin(docxw *d, int header);
/* Cell col of the row; the caller writes at least one paragraph in it. */
void docxw_cell_begin(docxw *d, size_t col);
void docxw_cell_end(docxw *d);
void docxw_row_end(docxw *d);
void docxw_table_end(docxw *d);

/* Ends the current section (portrait unless landscape) and starts a new
 * one on a new page. */
void docxw_section_break(docxw *d, int landscape);
/* Width of the text area of a page, twips. */
int docxw_text_width(int landscape);

/* Writes the .docx into out (the last section portrait unless landscape).
 * Returns the first failure of any call. */
tt_rc docxw_finish(docxw *d, int landscape, tt_buf *out);

#endif
