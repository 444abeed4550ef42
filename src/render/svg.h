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

#endif
