/* svg.c - stacked and plain bar charts as inline SVG. */
#include "render/svg.h"

#include <math.h>

#include "render/html.h"

/* Closes an <svg aria-label="…" opened by the caller with title, and
 * gives the chart the same <title>. */
static tt_rc put_title(tt_buf *b, const char *title)
{
	tt_rc rc = html_attr(b, title);
	if (!rc)
		rc = buf_adds(b, "\"><title>");
	if (!rc)
		rc = html_text(b, title);
	return rc ? rc : buf_adds(b, "</title>");
}

tt_rc svg_stacked_bar(tt_buf *b, const char *title, const svg_segment *seg, size_t n)
{
	double total = 0;
	for (size_t i = 0; i < n; i++)
		total += seg[i].value > 0 ? seg[i].value : 0;
	tt_rc rc = buf_adds(b, "<svg class=\"chart\" viewBox=\"0 0 600 40\" role=\"img\" aria-label=\"");
	if (!rc)
		rc = html_attr(b, title);
	if (!rc)
		rc = buf_adds(
		    b, "\"><rect x=\"0\" y=\"0\" width=\"600\" height=\"40\" rx=\"6\" fill=\"#e3e7ee\"/>");
	double x = 0;
	for (size_t i = 0; i < n && !rc && total > 0; i++) {
		if (seg[i].value <= 0)
			continue;
		double w = 600.0 * seg[i].value / total;
		rc =
		    buf_printf(b, "<rect x=\"%.2f\" y=\"0\" width=\"%.2f\" height=\"40\" fill=\"%s\"><title>",
		               x, w, seg[i].color);
		if (!rc)
			rc = html_text(b, seg[i].label);
		if (!rc)
			rc = buf_printf(b, ": %.0f</title></rect>", seg[i].value);
		if (!rc && w > 28)
			rc = buf_printf(b,
			                "<text x=\"%.2f\" y=\"26\" fill=\"#fff\" font-size=\"16\" "
			                "text-anchor=\"middle\">%.0f</text>",
			                x + w / 2, seg[i].value);
		x += w;
	}
	return rc ? rc : buf_adds(b, "</svg>");
}

tt_rc svg_bars(tt_buf *b, const char *title, const svg_segment *seg, size_t n)
{
	double max = 0;
	for (size_t i = 0; i < n; i++)
		if (seg[i].value > max)
			max = seg[i].value;
	int h = (int)n * 30 + 10;
	tt_rc rc =
	    buf_printf(b, "<svg class=\"chart bars\" viewBox=\"0 0 800 %d\" role=\"img\" aria-label=\"", h);
	if (!rc)
		rc = html_attr(b, title);
	if (!rc)
		rc = buf_adds(b, "\">");
	for (size_t i = 0; i < n && !rc; i++) {
		double w = max > 0 ? 400.0 * seg[i].value / max : 0;
		int y = 5 + (int)i * 30;
		rc = buf_printf(b, "<text x=\"0\" y=\"%d\" font-size=\"13\" fill=\"#1d2430\">", y + 17);
		if (!rc)
			rc = html_text(b, seg[i].label);
		if (!rc)
			rc = buf_printf(b,
			                "</text><rect x=\"330\" y=\"%d\" width=\"%.2f\" height=\"22\" rx=\"3\" "
			                "fill=\"%s\"/>"
			                "<text x=\"%.2f\" y=\"%d\" font-size=\"13\" fill=\"#1d2430\">",
			                y, w, seg[i].color, 336 + w, y + 16);
		if (!rc)
			rc = seg[i].shown ? html_text(b, seg[i].shown) : buf_printf(b, "%.0f", seg[i].value);
		if (!rc)
			rc = buf_adds(b, "</text>");
	}
	return rc ? rc : buf_adds(b, "</svg>");
}

/* "15", "12,5": a share in percent with at most one decimal. */
static tt_rc share_text(tt_buf *b, double part, double total)
{
	double pct = total > 0 ? 100.0 * part / total : 0;
	long tenths = (long)(pct * 10 + 0.5);
	if (tenths % 10 == 0)
		return buf_printf(b, "%ld%%", tenths / 10);
	return buf_printf(b, "%ld,%ld%%", tenths / 10, tenths % 10);
}

tt_rc svg_share_bars(tt_buf *b, const char *title, const svg_segment *seg, const char *const *href,
                     size_t n)
{
	double total = 0;
	for (size_t i = 0; i < n; i++)
		total += seg[i].value > 0 ? seg[i].value : 0;
	int h = (int)n * 34 + 6;
	tt_rc rc = buf_printf(
	    b, "<svg class=\"chart share\" viewBox=\"0 0 420 %d\" role=\"img\" aria-label=\"", h);
	if (!rc)
		rc = put_title(b, title);
	for (size_t i = 0; i < n && !rc; i++) {
		double v = seg[i].value > 0 ? seg[i].value : 0;
		double w = total > 0 ? 150.0 * v / total : 0;
		int y = 4 + (int)i * 34;
		const char *link = href ? href[i] : NULL;
		if (link) {
			rc = buf_adds(b, "<a href=\"");
			if (!rc)
				rc = html_attr(b, link);
			if (!rc)
				rc = buf_adds(b, "\">");
		}
		if (!rc)
			rc = buf_printf(b, "<text x=\"0\" y=\"%d\" font-size=\"15\" fill=\"#1d2430\">", y + 19);
		if (!rc)
			rc = html_text(b, seg[i].label);
		if (!rc)
			rc = buf_printf(b,
			                "</text><rect x=\"180\" y=\"%d\" width=\"150\" height=\"26\" rx=\"4\" "
			                "fill=\"#eef1f5\"/><rect x=\"180\" y=\"%d\" width=\"%.2f\" height=\"26\" "
			                "rx=\"4\" fill=\"%s\"/><text x=\"337\" y=\"%d\" font-size=\"15\" "
			                "fill=\"#1d2430\">",
			                y, y, w, seg[i].color, y + 19);
		if (!rc)
			rc = seg[i].shown ? html_text(b, seg[i].shown) : buf_printf(b, "%.0f", v);
		if (!rc)
			rc = buf_adds(b, " (");
		if (!rc)
			rc = share_text(b, v, total);
		if (!rc)
			rc = buf_adds(b, ")</text>");
		if (!rc && link)
			rc = buf_adds(b, "</a>");
	}
	return rc ? rc : buf_adds(b, "</svg>");
}

tt_rc svg_columns(tt_buf *b, const char *title, const svg_segment *seg, size_t n)
{
	double max = 0;
	for (size_t i = 0; i < n; i++)
		if (seg[i].value > max)
			max = seg[i].value;
	const int cw = 48, top = 24, ch = 160, bottom = 40;
	int w = (int)n * cw + 8;
	if (w < 320)
		w = 320;
	tt_rc rc = buf_printf(b,
	                      "<svg class=\"chart columns\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	                      "role=\"img\" aria-label=\"",
	                      w, top + ch + bottom, w, top + ch + bottom);
	if (!rc)
		rc = put_title(b, title);
	if (!rc)
		rc = buf_printf(b, "<line x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#9aa4b2\"/>",
		                top + ch, w, top + ch);
	for (size_t i = 0; i < n && !rc; i++) {
		double v = seg[i].value > 0 ? seg[i].value : 0;
		double h = max > 0 ? ch * v / max : 0;
		int x = 4 + (int)i * cw;
		rc = buf_printf(b,
		                "<g><rect x=\"%d\" y=\"%.2f\" width=\"%d\" height=\"%.2f\" "
		                "rx=\"3\" fill=\"%s\"/><text x=\"%d\" y=\"%.2f\" font-size=\"13\" "
		                "text-anchor=\"middle\" fill=\"#1d2430\">",
		                x + 6, top + ch - h, cw - 12, h, seg[i].color, x + cw / 2, top + ch - h - 6);
		if (!rc)
			rc = seg[i].shown ? html_text(b, seg[i].shown) : buf_printf(b, "%.0f", v);
		if (!rc)
			rc = buf_printf(b,
			                "</text><text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" "
			                "fill=\"#1d2430\">",
			                x + cw / 2, top + ch + 18);
		if (!rc)
			rc = html_text(b, seg[i].label);
		if (!rc)
			rc = buf_adds(b, "</text></g>");
	}
	return rc ? rc : buf_adds(b, "</svg>");
}

tt_rc svg_percent_lines(tt_buf *b, const char *title, const char *const *label, size_t n,
                        const svg_line *line, size_t nlines)
{
	/* pad: room for half a label at each end */
	const int left = 44, right = 16, top = 16, ch = 200, bottom = 56, step = 150, pad = 70;
	int w = left + right + (n > 1 ? (int)(n - 1) * step : 0) + 2 * pad;
	if (w < 560)
		w = 560;
	int h = top + ch + bottom + (int)nlines * 20;
	double span = n > 1 ? (double)(w - left - right - 2 * pad) / (double)(n - 1) : 0;
#define PX(i) (left + pad + (n > 1 ? span * (double)(i) : (double)(w - left - right - 2 * pad) / 2))
#define PY(v) (top + ch - ch * ((v) < 0 ? 0 : (v) > 100 ? 100 : (v)) / 100.0)
	tt_rc rc = buf_printf(b,
	                      "<svg class=\"chart lines\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	                      "role=\"img\" aria-label=\"",
	                      w, h, w, h);
	if (!rc)
		rc = put_title(b, title);
	/* the grid: 0, 25, 50, 75, 100% */
	for (int g = 0; g <= 100 && !rc; g += 25)
		rc = buf_printf(b,
		                "<line x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\" stroke=\"%s\"/>"
		                "<text x=\"%d\" y=\"%.2f\" font-size=\"11\" text-anchor=\"end\" "
		                "fill=\"#5b6472\">%d%%</text>",
		                left, PY(g), w - right, PY(g), g ? "#e3e7ee" : "#9aa4b2", left - 6, PY(g) + 4, g);
	for (size_t i = 0; i < n && !rc; i++) {
		rc = buf_printf(b, "<text x=\"%.2f\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1d2430\">",
		                PX(i), top + ch + 18);
		if (!rc)
			rc = html_text(b, label[i]);
		if (!rc)
			rc = buf_adds(b, "</text>");
	}
	for (size_t l = 0; l < nlines && !rc; l++) {
		/* the line through the points that have a value */
		rc = buf_printf(b, "<g class=\"series\"><polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\"",
		                line[l].color);
		if (!rc && line[l].dash)
			rc = buf_printf(b, " stroke-dasharray=\"%s\"", line[l].dash);
		if (!rc)
			rc = buf_adds(b, " points=\"");
		for (size_t i = 0; i < n && !rc; i++)
			if (!isnan(line[l].values[i]))
				rc = buf_printf(b, "%.2f,%.2f ", PX(i), PY(line[l].values[i]));
		if (!rc)
			rc = buf_adds(b, "\"/>");
		for (size_t i = 0; i < n && !rc; i++) {
			if (isnan(line[l].values[i]))
				continue;
			rc = buf_printf(b, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"4\" fill=\"%s\"><title>", PX(i),
			                PY(line[l].values[i]), line[l].color);
			if (!rc)
				rc = html_text(b, line[l].name);
			if (!rc)
				rc = buf_adds(b, ", ");
			if (!rc)
				rc = html_text(b, label[i]);
			if (!rc)
				rc = buf_adds(b, ": ");
			if (!rc)
				rc = share_text(b, line[l].values[i], 100);
			if (!rc)
				rc = buf_adds(b, "</title></circle>");
		}
		/* the legend */
		int ly = top + ch + 40 + (int)l * 20;
		if (!rc)
			rc = buf_printf(b,
			                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2.5\"%s%s%s/>"
			                "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#1d2430\">",
			                left, ly - 4, left + 28, ly - 4, line[l].color, line[l].dash ? " stroke-dasharray=\"" : "",
			                line[l].dash ? line[l].dash : "", line[l].dash ? "\"" : "", left + 36, ly);
		if (!rc)
			rc = html_text(b, line[l].name);
		if (!rc)
			rc = buf_adds(b, "</text></g>");
	}
#undef PX
#undef PY
	return rc ? rc : buf_adds(b, "</svg>");
}
