/* docx_write.c - the .docx writer (see docx_write.h). Owns the document
 * body's XML writer while the caller adds content, then writes the other
 * parts and zips them in memory. */
#include "render/docx_write.h"

#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define FONT "Times New Roman"

/* A4 and the Decree 30 margins: top/bottom 20 mm, left 30 mm, right 15 mm. */
#define PAGE_W 11906
#define PAGE_H 16838
#define M_TOP 1134
#define M_BOTTOM 1134
#define M_LEFT 1701
#define M_RIGHT 851
#define M_HEADER 567

#define MAX_COLS 32

struct docxw {
	xmlBufferPtr body;
	xmlTextWriterPtr w;
	tt_rc rc;
	int widths[MAX_COLS];
	size_t ncols;
	int borders;
	int in_p;
	int sections; /* sections ended so far */
};

#define OK(d) ((d)->rc == TT_OK)
#define CHK(d, call)                                                                                         \
	do {                                                                                                 \
		if (OK(d) && (call) < 0)                                                                     \
			(d)->rc = TT_ERR_NOMEM;                                                              \
	} while (0)

static void el(docxw *d, const char *name)
{
	CHK(d, xmlTextWriterStartElement(d->w, BAD_CAST name));
}
static void end(docxw *d)
{
	CHK(d, xmlTextWriterEndElement(d->w));
}
static void attr(docxw *d, const char *name, const char *v)
{
	CHK(d, xmlTextWriterWriteAttribute(d->w, BAD_CAST name, BAD_CAST v));
}
static void attri(docxw *d, const char *name, int v)
{
	CHK(d, xmlTextWriterWriteFormatAttribute(d->w, BAD_CAST name, "%d", v));
}
/* <name w:val="v"/> */
static void val(docxw *d, const char *name, const char *v)
{
	el(d, name);
	attr(d, "w:val", v);
	end(d);
}
static void vali(docxw *d, const char *name, int v)
{
	el(d, name);
	attri(d, "w:val", v);
	end(d);
}

static void fonts(docxw *d)
{
	el(d, "w:rFonts");
	attr(d, "w:ascii", FONT);
	attr(d, "w:hAnsi", FONT);
	attr(d, "w:cs", FONT);
	attr(d, "w:eastAsia", FONT);
	end(d);
}

static xmlTextWriterPtr open_writer(xmlBufferPtr *buf)
{
	*buf = xmlBufferCreate();
	if (!*buf)
		return NULL;
	xmlTextWriterPtr w = xmlNewTextWriterMemory(*buf, 0);
	if (!w) {
		xmlBufferFree(*buf);
		*buf = NULL;
		return NULL;
	}
	if (xmlTextWriterStartDocument(w, "1.0", "UTF-8", "yes") < 0) {
		xmlFreeTextWriter(w);
		xmlBufferFree(*buf);
		*buf = NULL;
		return NULL;
	}
	return w;
}

tt_rc docxw_new(docxw **out)
{
	docxw *d = calloc(1, sizeof *d);
	if (!d)
		return TT_ERR_NOMEM;
	d->w = open_writer(&d->body);
	if (!d->w) {
		free(d);
		return TT_ERR_NOMEM;
	}
	el(d, "w:document");
	attr(d, "xmlns:w", W_NS);
	attr(d, "xmlns:r", R_NS);
	el(d, "w:body");
	if (d->rc) {
		docxw_free(d);
		return TT_ERR_NOMEM;
	}
	*out = d;
	return TT_OK;
}

void docxw_free(docxw *d)
{
	if (!d)
		return;
	if (d->w)
		xmlFreeTextWriter(d->w);
	if (d->body)
		xmlBufferFree(d->body);
	free(d);
}

void docxw_p_begin(docxw *d, const docxw_para *pf)
{
	static const docxw_para none;
	static const char *const jc[] = {"left", "center", "right", "both"};
	if (!pf)
		pf = &none;
	el(d, "w:p");
	el(d, "w:pPr");
	if (pf->keep_next) {
		el(d, "w:keepNext");
		end(d);
	}
	if (pf->rule_top) {
		el(d, "w:pBdr");
		el(d, "w:top");
		attr(d, "w:val", "single");
		attri(d, "w:sz", 6);
		attri(d, "w:space", 1);
		attr(d, "w:color", "000000");
		end(d);
		end(d);
	}
	el(d, "w:spacing");
	attri(d, "w:before", pf->before);
	attri(d, "w:after", pf->after);
	attri(d, "w:line", pf->line > 0 ? pf->line : 240);
	attr(d, "w:lineRule", "auto");
	end(d);
	el(d, "w:ind");
	attri(d, "w:left", pf->indent_left);
	attri(d, "w:right", pf->indent_right);
	attri(d, "w:firstLine", pf->first_line);
	end(d);
	val(d, "w:jc", jc[pf->align >= 0 && pf->align <= 3 ? pf->align : 0]);
	end(d); /* pPr */
	d->in_p = 1;
}

static void run_props(docxw *d, const docxw_font *f)
{
	el(d, "w:rPr");
	fonts(d);
	if (f && f->bold) {
		el(d, "w:b");
		end(d);
		el(d, "w:bCs");
		end(d);
	}
	if (f && f->italic) {
		el(d, "w:i");
		end(d);
		el(d, "w:iCs");
		end(d);
	}
	if (f && f->underline)
		val(d, "w:u", "single");
	int sz = f && f->size > 0 ? f->size : 28;
	vali(d, "w:sz", sz);
	vali(d, "w:szCs", sz);
	end(d);
}

static void text_el(docxw *d, const char *s, size_t n)
{
	if (!n)
		return;
	char *t = strndup(s, n);
	if (!t) {
		d->rc = TT_ERR_NOMEM;
		return;
	}
	el(d, "w:t");
	attr(d, "xml:space", "preserve");
	CHK(d, xmlTextWriterWriteString(d->w, BAD_CAST t));
	end(d);
	free(t);
}

void docxw_run(docxw *d, const docxw_font *f, const char *text)
{
	if (!text)
		text = "";
	el(d, "w:r");
	run_props(d, f);
	const char *s = text;
	for (const char *p = text;; p++) {
		if (*p == '\n' || *p == '\t' || *p == '\r' || !*p) {
			text_el(d, s, (size_t)(p - s));
			if (!*p)
				break;
			if (*p == '\n') {
				el(d, "w:br");
				end(d);
			} else if (*p == '\t') {
				el(d, "w:tab");
				end(d);
			}
			s = p + 1;
		}
	}
	end(d);
}

void docxw_p_end(docxw *d)
{
	end(d);
	d->in_p = 0;
}

void docxw_p(docxw *d, const docxw_para *pf, const docxw_font *f, const char *text)
{
	docxw_p_begin(d, pf);
	if (text && *text)
		docxw_run(d, f, text);
	else {
		/* An empty paragraph still takes the run's size for its height. */
		el(d, "w:r");
		run_props(d, f);
		end(d);
	}
	docxw_p_end(d);
}

void docxw_rule(docxw *d, int col_width, int width)
{
	int side = col_width > width ? (col_width - width) / 2 : 0;
	/* The space before keeps the rule off the letters above it. */
	docxw_para pf = {
	    .align = DOCXW_CENTER, .indent_left = side, .indent_right = side, .rule_top = 1, .before = 60};
	docxw_font f = {.size = 4};
	docxw_p(d, &pf, &f, "");
}

static void borders_el(docxw *d, const char *name, int on)
{
	static const char *const sides[] = {"w:top",   "w:left",    "w:bottom",
	                                    "w:right", "w:insideH", "w:insideV"};
	el(d, name);
	for (size_t i = 0; i < 6; i++) {
		el(d, sides[i]);
		attr(d, "w:val", on ? "single" : "nil");
		if (on) {
			attri(d, "w:sz", 4);
			attri(d, "w:space", 0);
			attr(d, "w:color", "000000");
		}
		end(d);
	}
	end(d);
}

void docxw_table_begin(docxw *d, const int *widths, size_t ncols, int borders)
{
	if (ncols > MAX_COLS || !ncols) {
		if (OK(d))
			d->rc = TT_ERR_INVALID;
		return;
	}
	memcpy(d->widths, widths, ncols * sizeof *widths);
	d->ncols = ncols;
	d->borders = borders;
	int total = 0;
	for (size_t i = 0; i < ncols; i++)
		total += widths[i];
	el(d, "w:tbl");
	el(d, "w:tblPr");
	el(d, "w:tblW");
	attri(d, "w:w", total);
	attr(d, "w:type", "dxa");
	end(d);
	val(d, "w:jc", "center");
	borders_el(d, "w:tblBorders", borders);
	el(d, "w:tblLayout");
	attr(d, "w:type", "fixed");
	end(d);
	el(d, "w:tblCellMar");
	el(d, "w:left");
	attri(d, "w:w", borders ? 85 : 0);
	attr(d, "w:type", "dxa");
	end(d);
	el(d, "w:right");
	attri(d, "w:w", borders ? 85 : 0);
	attr(d, "w:type", "dxa");
	end(d);
	end(d);
	end(d); /* tblPr */
	el(d, "w:tblGrid");
	for (size_t i = 0; i < ncols; i++) {
		el(d, "w:gridCol");
		attri(d, "w:w", widths[i]);
		end(d);
	}
	end(d);
}

void docxw_row_begin(docxw *d, int header)
{
	el(d, "w:tr");
	el(d, "w:trPr");
	el(d, "w:cantSplit");
	end(d);
	if (header) {
		el(d, "w:tblHeader");
		end(d);
	}
	end(d);
}

void docxw_cell_begin(docxw *d, size_t col)
{
	el(d, "w:tc");
	el(d, "w:tcPr");
	el(d, "w:tcW");
	attri(d, "w:w", col < d->ncols ? d->widths[col] : 0);
	attr(d, "w:type", "dxa");
	end(d);
	val(d, "w:vAlign", d->borders ? "center" : "top");
	end(d);
}

void docxw_cell_end(docxw *d)
{
	end(d);
}
void docxw_row_end(docxw *d)
{
	end(d);
}
void docxw_table_end(docxw *d)
{
	end(d);
}

int docxw_text_width(int landscape)
{
	return (landscape ? PAGE_H : PAGE_W) - M_LEFT - M_RIGHT;
}

static void sect_pr(docxw *d, int landscape)
{
	el(d, "w:sectPr");
	el(d, "w:headerReference");
	attr(d, "w:type", "default");
	attr(d, "r:id", "rIdHeader1");
	end(d);
	el(d, "w:headerReference");
	attr(d, "w:type", "first");
	attr(d, "r:id", "rIdHeader2");
	end(d);
	val(d, "w:type", "nextPage");
	el(d, "w:pgSz");
	attri(d, "w:w", landscape ? PAGE_H : PAGE_W);
	attri(d, "w:h", landscape ? PAGE_W : PAGE_H);
	if (landscape)
		attr(d, "w:orient", "landscape");
	end(d);
	el(d, "w:pgMar");
	/* Landscape turns the page, not the binding edge: the wide margin stays
	 * on the side that is bound (the top of the turned page). */
	attri(d, "w:top", landscape ? M_LEFT : M_TOP);
	attri(d, "w:right", landscape ? M_BOTTOM : M_RIGHT);
	attri(d, "w:bottom", landscape ? M_RIGHT : M_BOTTOM);
	attri(d, "w:left", landscape ? M_TOP : M_LEFT);
	attri(d, "w:header", M_HEADER);
	attri(d, "w:footer", M_HEADER);
	attri(d, "w:gutter", 0);
	end(d);
	/* Only the document's first page goes without a number. */
	if (!d->sections++) {
		el(d, "w:titlePg");
		end(d);
	}
	end(d);
}

void docxw_section_break(docxw *d, int landscape)
{
	el(d, "w:p");
	el(d, "w:pPr");
	sect_pr(d, landscape);
	end(d);
	end(d);
}

/* ---- the other parts ---- */

typedef struct {
	xmlBufferPtr buf;
	const char *name;
} part;

static const char CONTENT_TYPES[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
    "<Override PartName=\"/word/header1.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
    "<Override PartName=\"/word/header2.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
    "</Types>";

static const char PKG_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/></Relationships>";

static const char DOC_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rIdStyles\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/>"
    "<Relationship Id=\"rIdSettings\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" "
    "Target=\"settings.xml\"/>"
    "<Relationship Id=\"rIdHeader1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" "
    "Target=\"header1.xml\"/>"
    "<Relationship Id=\"rIdHeader2\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" "
    "Target=\"header2.xml\"/></Relationships>";

/* Writes a whole part with the writer of a temporary docxw. */
typedef void (*part_fn)(docxw *d);

static void styles_part(docxw *d)
{
	el(d, "w:styles");
	attr(d, "xmlns:w", W_NS);
	el(d, "w:docDefaults");
	el(d, "w:rPrDefault");
	el(d, "w:rPr");
	fonts(d);
	vali(d, "w:sz", 28);
	vali(d, "w:szCs", 28);
	el(d, "w:lang");
	attr(d, "w:val", "vi-VN");
	attr(d, "w:eastAsia", "vi-VN");
	attr(d, "w:bidi", "ar-SA");
	end(d);
	end(d);
	end(d);
	el(d, "w:pPrDefault");
	el(d, "w:pPr");
	el(d, "w:spacing");
	attri(d, "w:after", 0);
	attri(d, "w:line", 240);
	attr(d, "w:lineRule", "auto");
	end(d);
	end(d);
	end(d);
	end(d); /* docDefaults */
	el(d, "w:style");
	attr(d, "w:type", "paragraph");
	attr(d, "w:default", "1");
	attr(d, "w:styleId", "Normal");
	val(d, "w:name", "Normal");
	el(d, "w:rPr");
	fonts(d);
	end(d);
	end(d);
	el(d, "w:style");
	attr(d, "w:type", "table");
	attr(d, "w:default", "1");
	attr(d, "w:styleId", "TableNormal");
	val(d, "w:name", "Normal Table");
	end(d);
	end(d);
}

static void settings_part(docxw *d)
{
	el(d, "w:settings");
	attr(d, "xmlns:w", W_NS);
	vali(d, "w:defaultTabStop", 720);
	val(d, "w:characterSpacingControl", "doNotCompress");
	el(d, "w:themeFontLang");
	attr(d, "w:val", "vi-VN");
	end(d);
	end(d);
}

static void header_part(docxw *d, int with_number)
{
	el(d, "w:hdr");
	attr(d, "xmlns:w", W_NS);
	attr(d, "xmlns:r", R_NS);
	docxw_para pf = {.align = DOCXW_CENTER};
	docxw_font f = {.size = 26};
	docxw_p_begin(d, &pf);
	if (with_number) {
		el(d, "w:r");
		run_props(d, &f);
		el(d, "w:fldChar");
		attr(d, "w:fldCharType", "begin");
		end(d);
		end(d);
		el(d, "w:r");
		run_props(d, &f);
		el(d, "w:instrText");
		attr(d, "xml:space", "preserve");
		CHK(d, xmlTextWriterWriteString(d->w, BAD_CAST " PAGE "));
		end(d);
		end(d);
		el(d, "w:r");
		run_props(d, &f);
		el(d, "w:fldChar");
		attr(d, "w:fldCharType", "separate");
		end(d);
		end(d);
		docxw_run(d, &f, "2");
		el(d, "w:r");
		run_props(d, &f);
		el(d, "w:fldChar");
		attr(d, "w:fldCharType", "end");
		end(d);
		end(d);
	} else {
		el(d, "w:r");
		run_props(d, &f);
		end(d);
	}
	docxw_p_end(d);
	end(d);
}

static void header1(docxw *d)
{
	header_part(d, 1);
}
static void header2(docxw *d)
{
	header_part(d, 0);
}

static tt_rc write_part(part_fn fn, xmlBufferPtr *out)
{
	docxw t = {0};
	t.w = open_writer(&t.body);
	if (!t.w)
		return TT_ERR_NOMEM;
	fn(&t);
	CHK(&t, xmlTextWriterEndDocument(t.w));
	xmlFreeTextWriter(t.w);
	if (t.rc) {
		xmlBufferFree(t.body);
		return t.rc;
	}
	*out = t.body;
	return TT_OK;
}

static int add_mem(zip_t *z, const char *name, const void *p, size_t n)
{
	zip_source_t *s = zip_source_buffer(z, p, n, 0);
	if (!s)
		return -1;
	if (zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(s);
		return -1;
	}
	return 0;
}

tt_rc docxw_finish(docxw *d, int landscape, tt_buf *out)
{
	xmlBufferPtr bufs[4] = {0};
	static const part_fn fns[4] = {styles_part, settings_part, header1, header2};
	static const char *const names[4] = {"word/styles.xml", "word/settings.xml", "word/header1.xml",
	                                     "word/header2.xml"};
	zip_source_t *src = NULL;
	zip_t *z = NULL;
	tt_rc rc;
	sect_pr(d, landscape);
	end(d); /* body */
	end(d); /* document */
	CHK(d, xmlTextWriterEndDocument(d->w));
	CHK(d, xmlTextWriterFlush(d->w));
	if ((rc = d->rc))
		return rc;
	for (size_t i = 0; i < 4; i++)
		if ((rc = write_part(fns[i], &bufs[i])))
			goto out;
	zip_error_t ze;
	zip_error_init(&ze);
	rc = TT_ERR_NOMEM;
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!src)
		goto out;
	z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!z)
		goto out;
	zip_source_keep(src);
	if (add_mem(z, "[Content_Types].xml", CONTENT_TYPES, sizeof CONTENT_TYPES - 1) ||
	    add_mem(z, "_rels/.rels", PKG_RELS, sizeof PKG_RELS - 1) ||
	    add_mem(z, "word/_rels/document.xml.rels", DOC_RELS, sizeof DOC_RELS - 1) ||
	    add_mem(z, "word/document.xml", xmlBufferContent(d->body), (size_t)xmlBufferLength(d->body)))
		goto out;
	for (size_t i = 0; i < 4; i++)
		if (add_mem(z, names[i], xmlBufferContent(bufs[i]), (size_t)xmlBufferLength(bufs[i])))
			goto out;
	if (zip_close(z) < 0)
		goto out;
	z = NULL;
	zip_stat_t st;
	if (zip_source_open(src) < 0)
		goto out;
	if (zip_source_stat(src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)) {
		zip_source_close(src);
		goto out;
	}
	buf_reset(out);
	char chunk[16384];
	zip_int64_t n;
	rc = TT_OK;
	while ((n = zip_source_read(src, chunk, sizeof chunk)) > 0)
		if ((rc = buf_add(out, chunk, (size_t)n)))
			break;
	if (!rc && n < 0)
		rc = TT_ERR_IO;
	zip_source_close(src);
out:
	if (z)
		zip_discard(z);
	if (src)
		zip_source_free(src);
	for (size_t i = 0; i < 4; i++)
		if (bufs[i])
			xmlBufferFree(bufs[i]);
	return rc;
}
