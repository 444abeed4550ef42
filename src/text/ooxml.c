/* ooxml.c - reading the parts of an .docx or .xlsx within caps (ooxml.h). */
#include "text/ooxml.h"

#include <string.h>

#include <libxml/parser.h>

int ooxml_declares_too_much(zip_t *za, size_t max_total)
{
	zip_int64_t entries = zip_get_num_entries(za, 0);
	zip_uint64_t declared = 0;
	for (zip_int64_t i = 0; i < entries; i++) {
		zip_stat_t st;
		if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE))
			declared += st.size;
	}
	return entries > 10000 || declared > max_total;
}

tt_rc ooxml_read_part(ooxml_zip *z, const char *name, tt_buf *out)
{
	zip_int64_t idx = zip_name_locate(z->za, name, 0);
	if (idx < 0)
		return TT_ERR_NOT_FOUND;
	zip_file_t *f = zip_fopen_index(z->za, (zip_uint64_t)idx, 0);
	if (!f)
		return TT_ERR_PARSE;
	tt_rc rc = TT_OK;
	char chunk[65536];
	for (;;) {
		zip_int64_t k = zip_fread(f, chunk, sizeof chunk);
		if (k < 0) {
			rc = TT_ERR_PARSE;
			break;
		}
		if (k == 0)
			break;
		z->total += (size_t)k;
		if (z->total > z->max_total || out->len + (size_t)k > z->max_part) {
			rc = TT_ERR_TOO_LARGE;
			break;
		}
		if ((rc = buf_add(out, chunk, (size_t)k)))
			break;
	}
	zip_fclose(f);
	return rc;
}

int ooxml_has_dtd(const tt_buf *b)
{
	return b->len && (memmem(b->data, b->len, "<!DOCTYPE", 9) || memmem(b->data, b->len, "<!ENTITY", 8));
}

xmlDoc *ooxml_xml(const tt_buf *b, const char *name, int huge)
{
	return xmlReadMemory(b->data ? b->data : "", (int)b->len, name, NULL,
	                     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	                         (huge ? XML_PARSE_HUGE : 0));
}

int ooxml_is(const xmlNode *n, const char *local)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, local);
}

const xmlNode *ooxml_child(const xmlNode *n, const char *local)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (ooxml_is(c, local))
			return c;
	return NULL;
}

const char *ooxml_attr(const xmlNode *n, const char *local)
{
	for (const xmlAttr *a = n ? n->properties : NULL; a; a = a->next)
		if (!strcmp((const char *)a->name, local) && a->children && a->children->content)
			return (const char *)a->children->content;
	return NULL;
}
