/* ooxml.h - the parts of an Office Open XML archive (.docx, .xlsx) read
 * defensively, for docx.c and table.c: neither the declared sizes nor the
 * compression ratio are trusted, reading stops at the caller's caps, and a
 * part holding a DTD (an entity attack: OOXML never declares one) is told
 * apart. The messages stay with the callers, in their own words. */
#ifndef TT_OOXML_H
#define TT_OOXML_H

#include <stddef.h>
#include <libxml/tree.h>
#include <zip.h>

#include "base/buf.h"
#include "base/err.h"

typedef struct {
	zip_t *za;
	size_t max_total; /* uncompressed bytes over every part read */
	size_t max_part;  /* uncompressed bytes of one part */
	size_t total;     /* read so far */
} ooxml_zip;

/* 1 when the archive declares more than max_total uncompressed bytes or
 * more than 10,000 entries: refused before anything is inflated. */
int ooxml_declares_too_much(zip_t *za, size_t max_total);
/* Appends part `name` to out. TT_ERR_NOT_FOUND when there is no such part,
 * TT_ERR_PARSE when it cannot be opened or inflated, TT_ERR_TOO_LARGE at a
 * cap, TT_ERR_NOMEM. */
tt_rc ooxml_read_part(ooxml_zip *z, const char *name, tt_buf *out);
/* 1 when the bytes declare a DTD or an entity. */
int ooxml_has_dtd(const tt_buf *b);
/* Parses a part read with ooxml_read_part: never expanding entities nor
 * loading anything (no NOENT, no DTDLOAD, no network); huge lifts
 * libxml2's limits on text nodes (the caps above still bound the part).
 * NULL when the bytes are not well-formed XML; the caller frees with
 * xmlFreeDoc. */
xmlDoc *ooxml_xml(const tt_buf *b, const char *name, int huge);

/* The element n when its local name is `local` (any namespace). */
int ooxml_is(const xmlNode *n, const char *local);
/* The first child element of n named `local`, NULL when none. */
const xmlNode *ooxml_child(const xmlNode *n, const char *local);
/* An attribute by local name (w:val and friends are namespaced in real
 * files); NULL when absent. Owned by the node. */
const char *ooxml_attr(const xmlNode *n, const char *local);

#endif
