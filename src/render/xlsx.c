/* xlsx.c - workbooks of tables through libxlsxwriter (see xlsx.h). */
#include "render/xlsx.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "base/cal.h"
#include "base/log.h"

#define XLSX_MAX_CHARS 32767 /* Excel's limit for one cell */
#define WIDTH_MIN 6.0
#define WIDTH_MAX 50.0
#define WIDTH_LONG 60.0
#define WIDTH_HEADER 24 /* header characters a column widens for; longer ones wrap */

enum {
	F_TITLE,
	F_SUB,
	F_HEAD,
	F_TEXT,
	F_LONG,
	F_NUMBER,
	F_DECIMAL,
	F_PERCENT,
	F_DATE,
	F_DATETIME,
	F_TOTAL,
	F_TOTAL_NUMBER,
	F_TOTAL_DECIMAL,
	F_LINE_LABEL,
	F_LINE_NUMBER,
	F_LINE_DECIMAL,
	F_LINE_PERCENT,
	F_COUNT
};

struct xlsx_book {
	char *path;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *f[F_COUNT];
	xlsx_col cols[XLSX_MAX_COLS];
	size_t ncols;
	double width[XLSX_MAX_COLS];
	int head;      /* the header row */
	int first_row; /* the first row of data (after the header) */
	int row, col;
	int failed;    /* a write failed: finish reports it */
	char *scratch; /* a cleaned copy of a text */
	size_t scratch_cap;
};

static lxw_format *fmt(lxw_workbook *wb, int bold, const char *num, int wrap)
{
	lxw_format *f = workbook_add_format(wb);
	if (!f)
		return NULL;
	if (bold)
		format_set_bold(f);
	if (num)
		format_set_num_format(f, num);
	if (wrap)
		format_set_text_wrap(f);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	return f;
}

tt_rc xlsx_open(const char *dir, xlsx_book **out)
{
	*out = NULL;
	if (!dir || !*dir)
		dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	xlsx_book *b = calloc(1, sizeof *b);
	if (!b)
		return TT_ERR_NOMEM;
	size_t n = strlen(dir) + 32;
	if (!(b->path = malloc(n))) {
		free(b);
		return TT_ERR_NOMEM;
	}
	snprintf(b->path, n, "%s/ttdn-xlsx-XXXXXX", dir);
	int fd = mkostemp(b->path, O_CLOEXEC);
	if (fd < 0) {
		log_error("xlsx: temporary file in %s: %m", dir);
		free(b->path);
		free(b);
		return TT_ERR_IO;
	}
	fchmod(fd, 0600);
	close(fd);
	lxw_workbook_options opt = {.tmpdir = (char *)dir};
	b->wb = workbook_new_opt(b->path, &opt);
	if (!b->wb) {
		xlsx_abort(b);
		return TT_ERR_NOMEM;
	}
	lxw_workbook *wb = b->wb;
	b->f[F_TITLE] = fmt(wb, 1, NULL, 0);
	b->f[F_SUB] = fmt(wb, 0, NULL, 0);
	b->f[F_HEAD] = fmt(wb, 1, NULL, 1);
	b->f[F_TEXT] = fmt(wb, 0, NULL, 0);
	b->f[F_LONG] = fmt(wb, 0, NULL, 1);
	b->f[F_NUMBER] = fmt(wb, 0, "#,##0", 0);
	b->f[F_DECIMAL] = fmt(wb, 0, "#,##0.0#", 0);
	b->f[F_PERCENT] = fmt(wb, 0, "0.0%", 0);
	b->f[F_DATE] = fmt(wb, 0, "dd/mm/yyyy", 0);
	b->f[F_DATETIME] = fmt(wb, 0, "dd/mm/yyyy hh:mm", 0);
	b->f[F_TOTAL] = fmt(wb, 1, NULL, 0);
	b->f[F_TOTAL_NUMBER] = fmt(wb, 1, "#,##0", 0);
	b->f[F_TOTAL_DECIMAL] = fmt(wb, 1, "#,##0.0#", 0);
	b->f[F_LINE_LABEL] = fmt(wb, 1, NULL, 0);
	b->f[F_LINE_NUMBER] = fmt(wb, 0, "#,##0", 0);
	b->f[F_LINE_DECIMAL] = fmt(wb, 0, "#,##0.0#", 0);
	b->f[F_LINE_PERCENT] = fmt(wb, 0, "0.0%", 0);
	for (int i = 0; i < F_COUNT; i++)
		if (!b->f[i]) {
			xlsx_abort(b);
			return TT_ERR_NOMEM;
		}
	for (int i = F_LINE_NUMBER; i <= F_LINE_PERCENT; i++)
		format_set_align(b->f[i], LXW_ALIGN_LEFT);
	format_set_font_size(b->f[F_TITLE], 14);
	format_set_italic(b->f[F_SUB]);
	format_set_bg_color(b->f[F_HEAD], 0xDDE6F2);
	format_set_border(b->f[F_HEAD], LXW_BORDER_THIN);
	format_set_align(b->f[F_HEAD], LXW_ALIGN_VERTICAL_CENTER);
	for (int i = F_TOTAL; i <= F_TOTAL_DECIMAL; i++)
		format_set_top(b->f[i], LXW_BORDER_THIN);
	*out = b;
	return TT_OK;
}

/* Characters (not bytes) of UTF-8 text, up to cap. */
static size_t chars(const char *s, size_t cap)
{
	size_t n = 0;
	for (; *s && n < cap; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static void widen(xlsx_book *b, double w)
{
	if (b->col < (int)b->ncols && w > b->width[b->col])
		b->width[b->col] = w;
}

/* Sets the widths of the current sheet's columns. */
static void set_widths(xlsx_book *b)
{
	size_t lines = 1;
	if (!b->ws)
		return;
	for (size_t c = 0; c < b->ncols; c++) {
		double w = b->width[c] + 2;
		if (w < WIDTH_MIN)
			w = WIDTH_MIN;
		if (w > WIDTH_MAX)
			w = WIDTH_MAX;
		if (b->cols[c].kind == XLSX_LONG)
			w = WIDTH_LONG;
		worksheet_set_column(b->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
		/* A header longer than its column wraps onto more lines. */
		size_t hc = chars(b->cols[c].header ? b->cols[c].header : "", 1000);
		size_t per = w > 3 ? (size_t)(w - 2) : 1;
		size_t n = (hc + per - 1) / per;
		if (n > lines)
			lines = n;
	}
	if (lines > 1)
		worksheet_set_row(b->ws, (lxw_row_t)b->head, 15.0 * (double)(lines > 5 ? 5 : lines), NULL);
}

static void check(xlsx_book *b, lxw_error e)
{
	if (e != LXW_NO_ERROR && !b->failed) {
		log_error("xlsx: row %d, column %d: %s", b->row, b->col, lxw_strerror(e));
		b->failed = 1;
	}
}

/* A copy of s without control characters (XML cannot hold them), at most
 * XLSX_MAX_CHARS characters; NULL when out of memory. */
static const char *clean(xlsx_book *b, const char *s)
{
	size_t len = strlen(s);
	if (len + 1 > b->scratch_cap) {
		char *p = realloc(b->scratch, len + 1);
		if (!p)
			return NULL;
		b->scratch = p;
		b->scratch_cap = len + 1;
	}
	size_t n = 0, cs = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c & 0xC0) != 0x80 && ++cs > XLSX_MAX_CHARS)
			break;
		b->scratch[n++] = c < 0x20 && c != '\n' && c != '\t' ? ' ' : (char)c;
	}
	b->scratch[n] = 0;
	return b->scratch;
}

static void put_text(xlsx_book *b, const char *s, lxw_format *f)
{
	const char *t = clean(b, s ? s : "");
	if (!t) {
		b->failed = 1;
		return;
	}
	if (*t)
		check(b, worksheet_write_string(b->ws, (lxw_row_t)b->row, (lxw_col_t)b->col, t, f));
	/* The widest line sets the width. */
	size_t w = 0;
	for (const char *p = t; *p;) {
		size_t line = strcspn(p, "\n");
		size_t k = 0;
		for (size_t i = 0; i < line; i++)
			k += ((unsigned char)p[i] & 0xC0) != 0x80;
		if (k > w)
			w = k;
		p += line;
		if (*p)
			p++;
	}
	widen(b, (double)w);
}

tt_rc xlsx_sheet(xlsx_book *b, const char *name, const char *title, const char *subtitle,
                 const xlsx_col *cols, size_t ncols, int freeze_cols)
{
	if (ncols == 0 || ncols > XLSX_MAX_COLS)
		return TT_ERR_INVALID;
	set_widths(b);
	b->ws = workbook_add_worksheet(b->wb, name);
	if (!b->ws)
		return TT_ERR_INVALID;
	memcpy(b->cols, cols, ncols * sizeof *cols);
	b->ncols = ncols;
	for (size_t c = 0; c < ncols; c++)
		b->width[c] = 0;
	b->row = 0;
	b->col = 0;
	put_text(b, title, b->f[F_TITLE]);
	b->width[0] = 0; /* the title runs over the columns beside it */
	worksheet_set_row(b->ws, 0, 20, NULL);
	b->row = 1;
	if (subtitle) {
		put_text(b, subtitle, b->f[F_SUB]);
		b->width[0] = 0;
		b->row = 2;
	}
	int head = b->head = b->row;
	for (size_t c = 0; c < ncols; c++) {
		b->col = (int)c;
		const char *h = cols[c].header ? cols[c].header : "";
		check(b, worksheet_write_string(b->ws, (lxw_row_t)head, (lxw_col_t)c, h, b->f[F_HEAD]));
		size_t w = chars(h, WIDTH_HEADER);
		widen(b, (double)w);
	}
	b->row = head + 1;
	b->col = 0;
	b->first_row = b->row;
	worksheet_freeze_panes(b->ws, (lxw_row_t)b->row, (lxw_col_t)freeze_cols);
	/* Printed: A4 landscape, as wide as the page, the header on every page. */
	worksheet_set_paper(b->ws, 9);
	worksheet_set_landscape(b->ws);
	worksheet_fit_to_pages(b->ws, 1, 0);
	worksheet_repeat_rows(b->ws, (lxw_row_t)head, (lxw_row_t)head);
	return b->failed ? TT_ERR_IO : TT_OK;
}

static lxw_format *col_format(xlsx_book *b)
{
	xlsx_kind k = b->col < (int)b->ncols ? b->cols[b->col].kind : XLSX_TEXT;
	switch (k) {
	case XLSX_LONG: return b->f[F_LONG];
	case XLSX_NUMBER: return b->f[F_NUMBER];
	case XLSX_DECIMAL: return b->f[F_DECIMAL];
	case XLSX_PERCENT: return b->f[F_PERCENT];
	case XLSX_DATE: return b->f[F_DATE];
	default: return b->f[F_TEXT];
	}
}

void xlsx_text(xlsx_book *b, const char *s)
{
	if (b->ws)
		put_text(b, s, col_format(b));
	b->col++;
}

/* Characters a number takes shown with thousands separators. */
static double number_width(double v)
{
	char tmp[64];
	int n = snprintf(tmp, sizeof tmp, "%.2f", v < 0 ? -v : v);
	int digits = n - 3;
	return digits + (digits - 1) / 3 + (v < 0) + 3;
}

void xlsx_number(xlsx_book *b, double v)
{
	if (b->ws) {
		lxw_format *f = col_format(b);
		if (f == b->f[F_TEXT] || f == b->f[F_LONG] || f == b->f[F_DATE])
			f = b->f[F_NUMBER];
		check(b, worksheet_write_number(b->ws, (lxw_row_t)b->row, (lxw_col_t)b->col, v, f));
		widen(b, number_width(v));
	}
	b->col++;
}

void xlsx_date(xlsx_book *b, const char *iso)
{
	struct tm tm;
	int has_time = 0;
	if (!iso || !*iso) {
		b->col++;
		return;
	}
	if (!b->ws || !cal_vn_tm(iso, &tm, &has_time)) {
		xlsx_text(b, iso);
		return;
	}
	lxw_datetime d = {.year = tm.tm_year + 1900,
	                  .month = tm.tm_mon + 1,
	                  .day = tm.tm_mday,
	                  .hour = has_time ? tm.tm_hour : 0,
	                  .min = has_time ? tm.tm_min : 0,
	                  .sec = 0};
	check(b, worksheet_write_datetime(b->ws, (lxw_row_t)b->row, (lxw_col_t)b->col, &d,
	                                  b->f[has_time ? F_DATETIME : F_DATE]));
	widen(b, has_time ? 16 : 10);
	b->col++;
}

void xlsx_blank(xlsx_book *b)
{
	b->col++;
}

void xlsx_row_end(xlsx_book *b)
{
	b->row++;
	b->col = 0;
}

int xlsx_row(const xlsx_book *b)
{
	return b->row;
}

void xlsx_total_row(xlsx_book *b, int label_col, const char *label, const double *values)
{
	if (!b->ws)
		return;
	if (b->col)
		xlsx_row_end(b);
	b->col = label_col;
	put_text(b, label, b->f[F_TOTAL]);
	for (size_t c = (size_t)label_col + 1; c < b->ncols; c++) {
		xlsx_kind k = b->cols[c].kind;
		b->col = (int)c;
		if (k != XLSX_NUMBER && k != XLSX_DECIMAL)
			continue;
		char formula[96], top[16], bottom[16];
		lxw_rowcol_to_cell(top, (lxw_row_t)b->first_row, (lxw_col_t)c);
		lxw_rowcol_to_cell(bottom, (lxw_row_t)(b->row - 1), (lxw_col_t)c);
		snprintf(formula, sizeof formula, "=SUM(%s:%s)", top, bottom);
		double v = values ? values[c] : 0;
		lxw_format *f = b->f[k == XLSX_DECIMAL ? F_TOTAL_DECIMAL : F_TOTAL_NUMBER];
		widen(b, number_width(v));
		if (b->row == b->first_row) {
			/* No rows: a SUM would refer to itself. */
			check(b, worksheet_write_number(b->ws, (lxw_row_t)b->row, (lxw_col_t)c, v, f));
			continue;
		}
		check(b, worksheet_write_formula_num(b->ws, (lxw_row_t)b->row, (lxw_col_t)c, formula, f, v));
	}
	xlsx_row_end(b);
}

void xlsx_line(xlsx_book *b, const char *label, xlsx_kind kind, double v)
{
	if (!b->ws)
		return;
	if (b->col)
		xlsx_row_end(b);
	const char *t = clean(b, label ? label : "");
	if (!t) {
		b->failed = 1;
		return;
	}
	/* The label spans the first two columns (no widening), the value
	 * follows, left aligned under the table's text. */
	lxw_row_t row = (lxw_row_t)b->row;
	int vc = b->ncols >= 3 ? 2 : 1;
	if (vc == 2)
		check(b, worksheet_merge_range(b->ws, row, 0, row, 1, t, b->f[F_LINE_LABEL]));
	else
		check(b, worksheet_write_string(b->ws, row, 0, t, b->f[F_LINE_LABEL]));
	lxw_format *f = b->f[kind == XLSX_PERCENT   ? F_LINE_PERCENT
	                     : kind == XLSX_DECIMAL ? F_LINE_DECIMAL
	                                            : F_LINE_NUMBER];
	check(b, worksheet_write_number(b->ws, row, (lxw_col_t)vc, v, f));
	xlsx_row_end(b);
}

tt_rc xlsx_finish(xlsx_book *b, int *fd, uint64_t *size)
{
	*fd = -1;
	*size = 0;
	set_widths(b);
	lxw_error e = workbook_close(b->wb);
	b->wb = NULL;
	if (e != LXW_NO_ERROR || b->failed) {
		if (e != LXW_NO_ERROR)
			log_error("xlsx: %s", lxw_strerror(e));
		xlsx_abort(b);
		return TT_ERR_IO;
	}
	int f = open(b->path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	unlink(b->path);
	if (f < 0 || fstat(f, &st) || st.st_size <= 0) {
		if (f >= 0)
			close(f);
		xlsx_abort(b);
		return TT_ERR_IO;
	}
	*fd = f;
	*size = (uint64_t)st.st_size;
	free(b->scratch);
	free(b->path);
	free(b);
	return TT_OK;
}

void xlsx_abort(xlsx_book *b)
{
	if (!b)
		return;
	if (b->wb) {
		/* Nothing to keep: close writes the file, which goes next. */
		workbook_close(b->wb);
	}
	unlink(b->path);
	free(b->scratch);
	free(b->path);
	free(b);
}
