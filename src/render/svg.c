/* svg.c - stacked and plain bar charts as inline SVG. */
#include "render/svg.h"

#include "render/html.h"

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
