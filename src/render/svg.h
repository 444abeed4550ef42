/* svg.h - small inline SVG charts for pages (no script, CSP-safe). */
#ifndef TT_SVG_H
#define TT_SVG_H

#include "base/buf.h"

typedef struct {
	const char *label; /* escaped by the renderer */
	double value;
	const char *color; /* a constant like "#2e7d32" */
	const char *shown; /* the value as the page writes it ("350,5"); NULL: a whole number */
} svg_segment;

/* A horizontal 100% stacked bar with an accessible title. */
tt_rc svg_stacked_bar(tt_buf *b, const char *title, const svg_segment *seg, size_t n);
/* Horizontal bars, one per item, scaled to the largest value. */
tt_rc svg_bars(tt_buf *b, const char *title, const svg_segment *seg, size_t n);

/* Horizontal bars, one per item, each with its label, its value and its
 * share of the total ("3 (15%)", Vietnamese decimal comma), scaled to the
 * total (seg.shown, when set, in place of the value); row i is a link to href[i] when href and href[i] are not NULL.
 * title is the accessible name and the <title> of the chart. */
tt_rc svg_share_bars(tt_buf *b, const char *title, const svg_segment *seg, const char *const *href,
                     size_t n);

/* Vertical columns, one per item, scaled to the largest value, each with
 * its value above (seg.shown when set) and its label below; for series
 * over time such as months. title is the accessible name. */
tt_rc svg_columns(tt_buf *b, const char *title, const svg_segment *seg, size_t n);

/* One line of a line chart: its name (legend), a constant colour, and one
 * value per point (NAN: no value there, the line skips it). */
typedef struct {
	const char *name;
	const char *color;
	const double *values;
	const char *dash; /* NULL: solid; a stroke-dasharray like "6 4" */
} svg_line;

/* A line chart of percentages (0-100) over n points labelled label[i]
 * (periods, oldest first), with a legend, each point's value as a title
 * ("68,5%", Vietnamese decimal comma) and a marker so a single point
 * shows. title is the accessible name. */
tt_rc svg_percent_lines(tt_buf *b, const char *title, const char *const *label, size_t n,
                        const svg_line *line, size_t nlines);

#endif
