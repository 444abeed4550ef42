/* docx.c - the text of .docx files (see docx.h). Owns the zip limits, the
 * walk over WordprocessingML, and list-number computation from
 * numbering.xml and styles.xml. */
#include "text/docx.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <utf8proc.h>
#include <zip.h>

#include "text/ooxml.h"

static void say(char *msg, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void say(char *msg, size_t cap, const char *fmt, ...)
{
	if (!msg || !cap)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, cap, fmt, ap);
	va_end(ap);
}

/* ---- zip --------------------------------------------------------------- */

typedef struct {
	ooxml_zip zip;
	char *msg;
	size_t msgcap;
} dz;

/* One part, within the caps (ooxml.c), with the reason in the message. */
static tt_rc read_part(dz *z, const char *name, tt_buf *out)
{
	tt_rc rc = ooxml_read_part(&z->zip, name, out);
	if (rc == TT_ERR_PARSE)
		say(z->msg, z->msgcap, "damaged .docx: %s cannot be read", name);
	else if (rc == TT_ERR_TOO_LARGE)
		say(z->msg, z->msgcap, "the .docx unpacks to more than %zu MiB (zip bomb?)",
		    DOCX_MAX_UNZIPPED >> 20);
	return rc;
}

static tt_rc parse_part(dz *z, const char *name, xmlDoc **out, int required, int *uses_styles)
{
	tt_buf b;
	buf_init(&b, 0);
	*out = NULL;
	tt_rc rc = read_part(z, name, &b);
	if (rc == TT_ERR_NOT_FOUND && !required) {
		buf_free(&b);
		return TT_OK;
	}
	if (rc == TT_ERR_NOT_FOUND) {
		say(z->msg, z->msgcap, "not a Word document: %s is missing", name);
		rc = TT_ERR_PARSE;
	}
	if (rc)
		goto out;
	if (ooxml_has_dtd(&b)) {
		say(z->msg, z->msgcap, "%s declares a DTD, which Word never writes; refused", name);
		rc = TT_ERR_PARSE;
		goto out;
	}
	if (uses_styles)
		*uses_styles = memmem(b.data, b.len, "pStyle", 6) != NULL;
	*out = ooxml_xml(&b, name, 0);
	if (!*out) {
		say(z->msg, z->msgcap, "damaged .docx: %s is not well-formed XML", name);
		rc = TT_ERR_PARSE;
	}
out:
	buf_free(&b);
	return rc;
}

/* ---- helpers ------------------------------------------------------------ */

static int attr_int(const xmlNode *n, const char *local, int dflt)
{
	const char *v = ooxml_attr(n, local);
	if (!v)
		return dflt;
	char *e;
	long x = strtol(v, &e, 10);
	if (e == v || x < -100000 || x > 100000)
		return dflt;
	return (int)x;
}

/* A toggle property (w:b, w:caps): present and not val="0"/"false". */
static int toggle(const xmlNode *rpr, const char *local)
{
	const xmlNode *p = ooxml_child(rpr, local);
	if (!p)
		return 0;
	const char *v = ooxml_attr(p, "val");
	return !v || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
}

static tt_rc put_cp(tt_buf *out, int32_t cp)
{
	utf8proc_uint8_t t[4];
	utf8proc_ssize_t k = utf8proc_encode_char(cp, t);
	return k > 0 ? buf_add(out, t, (size_t)k) : TT_OK;
}

static const int32_t superscripts[10] = {0x2070, 0x00B9, 0x00B2, 0x00B3, 0x2074,
                                         0x2075, 0x2076, 0x2077, 0x2078, 0x2079};

static tt_rc put_superscript_number(tt_buf *out, long v)
{
	char d[24];
	snprintf(d, sizeof d, "%ld", v < 0 ? 0 : v);
	tt_rc rc = TT_OK;
	for (const char *p = d; *p && !rc; p++)
		rc = put_cp(out, superscripts[*p - '0']);
	return rc;
}

/* ---- numbering ---------------------------------------------------------- */

#define MAX_LVL 9

typedef struct {
	int start;
	char fmt[24];
	char text[48];
} lvl_def;

typedef struct {
	int id;
	lvl_def lvl[MAX_LVL];
} abstract_def;

typedef struct {
	int id;
	int abstract;
	int start_override[MAX_LVL]; /* -1 when none */
	int counter[MAX_LVL];
	int started[MAX_LVL];
} num_def;

typedef struct {
	char id[64];
	int num_id, ilvl;
	char based_on[64];
} style_def;

typedef struct {
	abstract_def *abs;
	size_t nabs;
	num_def *nums;
	size_t nnums;
	style_def *styles;
	size_t nstyles;
} numbering;

static void numbering_free(numbering *nb)
{
	free(nb->abs);
	free(nb->nums);
	free(nb->styles);
}

static void copy_attr(char *dst, size_t cap, const char *v)
{
	snprintf(dst, cap, "%s", v ? v : "");
}

static tt_rc load_numbering(xmlDoc *x, numbering *nb)
{
	const xmlNode *root = xmlDocGetRootElement(x);
	size_t cap_a = 0, cap_n = 0;
	for (const xmlNode *c = root ? root->children : NULL; c; c = c->next) {
		if (ooxml_is(c, "abstractNum")) {
			if (nb->nabs == cap_a) {
				cap_a = cap_a ? cap_a * 2 : 8;
				void *p = realloc(nb->abs, cap_a * sizeof *nb->abs);
				if (!p)
					return TT_ERR_NOMEM;
				nb->abs = p;
			}
			abstract_def *a = &nb->abs[nb->nabs++];
			memset(a, 0, sizeof *a);
			a->id = attr_int(c, "abstractNumId", -1);
			for (int i = 0; i < MAX_LVL; i++) {
				a->lvl[i].start = 1;
				copy_attr(a->lvl[i].fmt, sizeof a->lvl[i].fmt, "decimal");
			}
			for (const xmlNode *l = c->children; l; l = l->next) {
				if (!ooxml_is(l, "lvl"))
					continue;
				int il = attr_int(l, "ilvl", -1);
				if (il < 0 || il >= MAX_LVL)
					continue;
				a->lvl[il].start = attr_int(ooxml_child(l, "start"), "val", 1);
				copy_attr(a->lvl[il].fmt, sizeof a->lvl[il].fmt,
				          ooxml_attr(ooxml_child(l, "numFmt"), "val"));
				copy_attr(a->lvl[il].text, sizeof a->lvl[il].text,
				          ooxml_attr(ooxml_child(l, "lvlText"), "val"));
			}
		} else if (ooxml_is(c, "num")) {
			if (nb->nnums == cap_n) {
				cap_n = cap_n ? cap_n * 2 : 8;
				void *p = realloc(nb->nums, cap_n * sizeof *nb->nums);
				if (!p)
					return TT_ERR_NOMEM;
				nb->nums = p;
			}
			num_def *n = &nb->nums[nb->nnums++];
			memset(n, 0, sizeof *n);
			n->id = attr_int(c, "numId", -1);
			n->abstract = attr_int(ooxml_child(c, "abstractNumId"), "val", -1);
			for (int i = 0; i < MAX_LVL; i++)
				n->start_override[i] = -1;
			for (const xmlNode *o = c->children; o; o = o->next) {
				if (!ooxml_is(o, "lvlOverride"))
					continue;
				int il = attr_int(o, "ilvl", -1);
				const xmlNode *so = ooxml_child(o, "startOverride");
				if (il >= 0 && il < MAX_LVL && so)
					n->start_override[il] = attr_int(so, "val", 1);
			}
		}
	}
	return TT_OK;
}

/* styles.xml is read with SAX callbacks, not as a tree: Word's file holds
 * hundreds of styles (python-docx's template 350 KB) and only the few with
 * list numbering or a base style matter. */
typedef struct {
	numbering *nb;
	size_t cap;
	int in_style, in_ppr, in_numpr;
	style_def cur;
	int has_num;
	tt_rc rc;
} style_sax;

static const char *sax_attr(int nattr, const xmlChar **attrs, const char *local)
{
	/* attrs: (localname, prefix, URI, value, end) per attribute. */
	for (int i = 0; i < nattr; i++) {
		const xmlChar **a = attrs + i * 5;
		if (!strcmp((const char *)a[0], local)) {
			static char v[64];
			size_t l = (size_t)(a[4] - a[3]);
			if (l >= sizeof v)
				l = sizeof v - 1;
			memcpy(v, a[3], l);
			v[l] = '\0';
			return v;
		}
	}
	return NULL;
}

static int sax_int(const char *v, int dflt)
{
	if (!v)
		return dflt;
	char *e;
	long x = strtol(v, &e, 10);
	return e == v || x < -100000 || x > 100000 ? dflt : (int)x;
}

static void style_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri, int nns,
                        const xmlChar **ns, int nattr, int ndef, const xmlChar **attrs)
{
	style_sax *st = ctx;
	const char *l = (const char *)local;
	if (!strcmp(l, "style")) {
		st->in_style = 1;
		st->has_num = 0;
		memset(&st->cur, 0, sizeof st->cur);
		st->cur.num_id = -1;
		copy_attr(st->cur.id, sizeof st->cur.id, sax_attr(nattr, attrs, "styleId"));
	} else if (st->in_style && !strcmp(l, "basedOn")) {
		copy_attr(st->cur.based_on, sizeof st->cur.based_on, sax_attr(nattr, attrs, "val"));
	} else if (st->in_style && !strcmp(l, "pPr")) {
		st->in_ppr = 1;
	} else if (st->in_ppr && !strcmp(l, "numPr")) {
		st->in_numpr = 1;
		st->has_num = 1;
	} else if (st->in_numpr && !strcmp(l, "numId")) {
		st->cur.num_id = sax_int(sax_attr(nattr, attrs, "val"), -1);
	} else if (st->in_numpr && !strcmp(l, "ilvl")) {
		st->cur.ilvl = sax_int(sax_attr(nattr, attrs, "val"), 0);
	}
}

static void style_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	style_sax *st = ctx;
	const char *l = (const char *)local;
	if (!strcmp(l, "numPr")) {
		st->in_numpr = 0;
	} else if (!strcmp(l, "pPr")) {
		st->in_ppr = 0;
	} else if (!strcmp(l, "style") && st->in_style) {
		st->in_style = 0;
		if ((!st->has_num && !st->cur.based_on[0]) || st->rc)
			return;
		numbering *nb = st->nb;
		if (nb->nstyles == st->cap) {
			size_t nc = st->cap ? st->cap * 2 : 16;
			void *p = realloc(nb->styles, nc * sizeof *nb->styles);
			if (!p) {
				st->rc = TT_ERR_NOMEM;
				return;
			}
			nb->styles = p;
			st->cap = nc;
		}
		nb->styles[nb->nstyles++] = st->cur;
	}
}

static tt_rc load_styles_sax(dz *z, numbering *nb)
{
	tt_buf b;
	buf_init(&b, 0);
	tt_rc rc = read_part(z, "word/styles.xml", &b);
	if (rc == TT_ERR_NOT_FOUND) {
		buf_free(&b);
		return TT_OK;
	}
	if (!rc && ooxml_has_dtd(&b)) {
		say(z->msg, z->msgcap, "word/styles.xml declares a DTD, which Word never writes; refused");
		rc = TT_ERR_PARSE;
	}
	if (!rc && b.len) {
		xmlSAXHandler h;
		memset(&h, 0, sizeof h);
		h.initialized = XML_SAX2_MAGIC;
		h.startElementNs = style_start;
		h.endElementNs = style_end;
		style_sax st;
		memset(&st, 0, sizeof st);
		st.nb = nb;
		/* A malformed styles.xml only loses list numbers from styles. */
		xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&h, &st, NULL, 0, "styles.xml");
		if (!ctxt) {
			rc = TT_ERR_NOMEM;
		} else {
			xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
			xmlParseChunk(ctxt, b.data, (int)b.len, 1);
			xmlFreeParserCtxt(ctxt);
			rc = st.rc;
		}
	}
	buf_free(&b);
	return rc;
}

static const style_def *find_style(const numbering *nb, const char *id)
{
	for (size_t i = 0; id && i < nb->nstyles; i++)
		if (!strcmp(nb->styles[i].id, id))
			return &nb->styles[i];
	return NULL;
}

static num_def *find_num(numbering *nb, int id)
{
	for (size_t i = 0; i < nb->nnums; i++)
		if (nb->nums[i].id == id)
			return &nb->nums[i];
	return NULL;
}

static const abstract_def *find_abstract(const numbering *nb, int id)
{
	for (size_t i = 0; i < nb->nabs; i++)
		if (nb->abs[i].id == id)
			return &nb->abs[i];
	return NULL;
}

static void roman(char *out, size_t cap, int v, int upper)
{
	static const struct {
		int v;
		const char *s;
	} r[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
	         {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
	size_t o = 0;
	out[0] = '\0';
	if (v <= 0 || v > 3999)
		return;
	for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
		while (v >= r[i].v && o + 3 < cap) {
			for (const char *p = r[i].s; *p; p++)
				out[o++] = upper ? (char)(*p - 'a' + 'A') : *p;
			v -= r[i].v;
		}
	out[o] = '\0';
}

static void format_counter(char *out, size_t cap, const char *fmt, int v)
{
	if (!strcmp(fmt, "upperRoman") || !strcmp(fmt, "lowerRoman")) {
		roman(out, cap, v, fmt[0] == 'u');
	} else if (!strcmp(fmt, "upperLetter") || !strcmp(fmt, "lowerLetter")) {
		/* a..z, then aa, bb, ... as Word does. */
		char base = fmt[0] == 'u' ? 'A' : 'a';
		int reps = v > 0 ? (v - 1) / 26 + 1 : 1, letter = v > 0 ? (v - 1) % 26 : 0;
		size_t o = 0;
		for (int i = 0; i < reps && o + 1 < cap && i < 8; i++)
			out[o++] = (char)(base + letter);
		out[o] = '\0';
	} else if (!strcmp(fmt, "decimalZero")) {
		snprintf(out, cap, "%02d", v);
	} else {
		snprintf(out, cap, "%d", v);
	}
}

/* Computes the list label of a paragraph and advances the counters.
 * Writes "" for no label, "-" for a bullet. */
static void list_label(numbering *nb, const xmlNode *ppr, char *out, size_t cap)
{
	out[0] = '\0';
	int num_id = -1, ilvl = 0;
	const xmlNode *numpr = ooxml_child(ppr, "numPr");
	if (numpr) {
		num_id = attr_int(ooxml_child(numpr, "numId"), "val", -1);
		ilvl = attr_int(ooxml_child(numpr, "ilvl"), "val", 0);
	}
	if (num_id < 0) {
		/* Numbering through the paragraph style ("List Number",
		 * "Heading 1" with outline numbering), following basedOn. */
		const char *sid = ooxml_attr(ooxml_child(ppr, "pStyle"), "val");
		for (int hops = 0; sid && hops < 10 && num_id < 0; hops++) {
			const style_def *s = find_style(nb, sid);
			if (!s)
				break;
			if (s->num_id >= 0) {
				num_id = s->num_id;
				if (!numpr || !ooxml_child(numpr, "ilvl"))
					ilvl = s->ilvl;
			}
			sid = s->based_on[0] ? s->based_on : NULL;
		}
	}
	if (num_id <= 0 || ilvl < 0 || ilvl >= MAX_LVL)
		return;
	num_def *n = find_num(nb, num_id);
	if (!n)
		return;
	const abstract_def *a = find_abstract(nb, n->abstract);
	if (!a)
		return;
	const lvl_def *L = &a->lvl[ilvl];
	if (!strcmp(L->fmt, "bullet")) {
		snprintf(out, cap, "-");
		return;
	}
	if (!strcmp(L->fmt, "none"))
		return;
	int start = n->start_override[ilvl] >= 0 ? n->start_override[ilvl] : L->start;
	if (!n->started[ilvl]) {
		n->counter[ilvl] = start;
		n->started[ilvl] = 1;
	} else {
		n->counter[ilvl]++;
	}
	for (int d = ilvl + 1; d < MAX_LVL; d++)
		n->started[d] = 0;
	/* Substitute %1..%9 in lvlText. */
	size_t o = 0;
	for (const char *p = L->text; *p && o + 1 < cap; p++) {
		if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
			int k = p[1] - '1';
			int v = n->started[k]
			            ? n->counter[k]
			            : (n->start_override[k] >= 0 ? n->start_override[k] : a->lvl[k].start);
			char num[32];
			format_counter(num, sizeof num, a->lvl[k].fmt, v);
			size_t l = strlen(num);
			if (o + l + 1 >= cap)
				break;
			memcpy(out + o, num, l);
			o += l;
			p++;
		} else {
			out[o++] = *p;
		}
	}
	out[o] = '\0';
}

/* ---- text walk ---------------------------------------------------------- */

typedef struct {
	tt_buf *out;
	numbering nb;
	int depth; /* nesting guard */
} walker;

static tt_rc put_text(tt_buf *out, const char *s, int caps, int super)
{
	tt_rc rc = TT_OK;
	size_t n = strlen(s);
	if (!caps && !super)
		return buf_add(out, s, n);
	for (size_t i = 0; i < n && !rc;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k =
		    utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0) {
			i++;
			continue;
		}
		i += (size_t)k;
		if (super && cp >= '0' && cp <= '9')
			cp = superscripts[cp - '0'];
		else if (caps)
			cp = utf8proc_toupper(cp);
		rc = put_cp(out, cp);
	}
	return rc;
}

static tt_rc walk_inline(walker *w, const xmlNode *n, int caps, int super)
{
	tt_rc rc = TT_OK;
	if (++w->depth > 64) {
		w->depth--;
		return TT_OK;
	}
	for (const xmlNode *c = n->children; c && !rc; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (ooxml_is(c, "r")) {
			const xmlNode *rpr = ooxml_child(c, "rPr");
			int rc_caps = caps || toggle(rpr, "caps");
			const char *va = ooxml_attr(ooxml_child(rpr, "vertAlign"), "val");
			int rc_super = super || (va && !strcmp(va, "superscript"));
			rc = walk_inline(w, c, rc_caps, rc_super);
		} else if (ooxml_is(c, "t")) {
			for (const xmlNode *t = c->children; t && !rc; t = t->next)
				if ((t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) &&
				    t->content)
					rc = put_text(w->out, (const char *)t->content, caps, super);
		} else if (ooxml_is(c, "tab")) {
			rc = buf_addc(w->out, '\t');
		} else if (ooxml_is(c, "br") || ooxml_is(c, "cr")) {
			rc = buf_addc(w->out, '\n');
		} else if (ooxml_is(c, "noBreakHyphen")) {
			rc = buf_addc(w->out, '-');
		} else if (ooxml_is(c, "softHyphen")) {
			/* Kept as U+00AD: in text typed in .VnTime it is the byte 0xAD,
			 * TCVN3's "ư"; the reader drops it again when the text is not
			 * legacy. */
			rc = buf_add(w->out, "\xC2\xAD", 2);
		} else if (ooxml_is(c, "footnoteReference") || ooxml_is(c, "endnoteReference")) {
			rc = put_superscript_number(w->out, attr_int(c, "id", 0));
		} else if (ooxml_is(c, "del") || ooxml_is(c, "delText") || ooxml_is(c, "instrText") ||
		           ooxml_is(c, "rPr") || ooxml_is(c, "pPr") || ooxml_is(c, "drawing") ||
		           ooxml_is(c, "pict") || ooxml_is(c, "object")) {
			continue;
		} else {
			/* hyperlink, smartTag, ins, sdt, fldSimple ...: their runs
			 * are text of the paragraph. */
			rc = walk_inline(w, c, caps, super);
		}
	}
	w->depth--;
	return rc;
}

static tt_rc walk_blocks(walker *w, const xmlNode *n);

static tt_rc walk_paragraph(walker *w, const xmlNode *p)
{
	const xmlNode *ppr = ooxml_child(p, "pPr");
	char label[128];
	list_label(&w->nb, ppr, label, sizeof label);
	tt_rc rc = TT_OK;
	if (label[0]) {
		rc = buf_adds(w->out, label);
		if (!rc)
			rc = buf_addc(w->out, ' ');
	}
	if (!rc)
		rc = walk_inline(w, p, 0, 0);
	if (!rc)
		rc = buf_addc(w->out, '\n');
	return rc;
}

static tt_rc walk_blocks(walker *w, const xmlNode *n)
{
	tt_rc rc = TT_OK;
	if (++w->depth > 64) {
		w->depth--;
		return TT_OK;
	}
	for (const xmlNode *c = n->children; c && !rc; c = c->next) {
		if (ooxml_is(c, "p")) {
			rc = walk_paragraph(w, c);
		} else if (ooxml_is(c, "tbl")) {
			/* Cells in reading order, each on its own lines: the two-column
			 * header and signature tables read like the printed page. */
			for (const xmlNode *tr = c->children; tr && !rc; tr = tr->next) {
				if (!ooxml_is(tr, "tr"))
					continue;
				for (const xmlNode *tc = tr->children; tc && !rc; tc = tc->next)
					if (ooxml_is(tc, "tc"))
						rc = walk_blocks(w, tc);
			}
			if (!rc)
				rc = buf_addc(w->out, '\n');
		} else if (ooxml_is(c, "sdt") || ooxml_is(c, "sdtContent") || ooxml_is(c, "customXml") ||
		           ooxml_is(c, "ins")) {
			rc = walk_blocks(w, c);
		}
	}
	w->depth--;
	return rc;
}

static tt_rc walk_footnotes(walker *w, xmlDoc *x)
{
	const xmlNode *root = xmlDocGetRootElement(x);
	tt_rc rc = TT_OK;
	for (const xmlNode *f = root ? root->children : NULL; f && !rc; f = f->next) {
		if (!ooxml_is(f, "footnote") && !ooxml_is(f, "endnote"))
			continue;
		const char *type = ooxml_attr(f, "type");
		if (type && strcmp(type, "normal"))
			continue; /* separators */
		int id = attr_int(f, "id", -1);
		if (id < 0)
			continue;
		rc = buf_addc(w->out, '\n');
		if (!rc)
			rc = put_superscript_number(w->out, id);
		if (!rc)
			rc = buf_addc(w->out, ' ');
		/* The footnote's own reference mark is dropped: it repeats the id. */
		size_t start = w->out->len;
		for (const xmlNode *p = f->children; p && !rc; p = p->next) {
			if (!ooxml_is(p, "p"))
				continue;
			rc = walk_inline(w, p, 0, 0);
			if (!rc)
				rc = buf_addc(w->out, ' ');
		}
		/* Footnote text is one logical line. */
		for (size_t i = start; i < w->out->len; i++)
			if (w->out->data[i] == '\n' || w->out->data[i] == '\t')
				w->out->data[i] = ' ';
		if (!rc)
			rc = buf_addc(w->out, '\n');
	}
	return rc;
}

tt_rc docx_read(const char *data, size_t n, tt_buf *out, char *msg, size_t msglen)
{
	dz z = {
	    .zip = {.max_total = DOCX_MAX_UNZIPPED, .max_part = DOCX_MAX_PART}, .msg = msg, .msgcap = msglen};
	walker w;
	memset(&w, 0, sizeof w);
	w.out = out;
	xmlDoc *doc = NULL, *num = NULL, *fn = NULL;
	tt_rc rc = TT_OK;
	zip_error_t zerr;
	zip_error_init(&zerr);
	if (msg && msglen)
		msg[0] = '\0';
	zip_source_t *src = zip_source_buffer_create(data, n, 0, &zerr);
	if (!src) {
		zip_error_fini(&zerr);
		return TT_ERR_NOMEM;
	}
	z.zip.za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (!z.zip.za) {
		zip_source_free(src);
		say(msg, msglen, "not a .docx or a damaged one: %s", zip_error_strerror(&zerr));
		zip_error_fini(&zerr);
		return TT_ERR_PARSE;
	}
	zip_error_fini(&zerr);
	/* Refuse early when the archive declares more than the cap. */
	if (ooxml_declares_too_much(z.zip.za, DOCX_MAX_UNZIPPED)) {
		say(msg, msglen, "the .docx unpacks to more than %zu MiB (zip bomb?)",
		    DOCX_MAX_UNZIPPED >> 20);
		rc = TT_ERR_TOO_LARGE;
		goto out;
	}
	int uses_styles = 0;
	if ((rc = parse_part(&z, "word/document.xml", &doc, 1, &uses_styles)) != TT_OK ||
	    (rc = parse_part(&z, "word/numbering.xml", &num, 0, NULL)) != TT_OK ||
	    (rc = parse_part(&z, "word/footnotes.xml", &fn, 0, NULL)) != TT_OK)
		goto out;
	if (num && (rc = load_numbering(num, &w.nb)) != TT_OK)
		goto out;
	/* Styles matter only for numbering through a paragraph style. */
	if (num && uses_styles && (rc = load_styles_sax(&z, &w.nb)) != TT_OK)
		goto out;
	const xmlNode *body = ooxml_child(xmlDocGetRootElement(doc), "body");
	if (!body) {
		say(msg, msglen, "not a Word document: word/document.xml has no body");
		rc = TT_ERR_PARSE;
		goto out;
	}
	rc = walk_blocks(&w, body);
	if (!rc && fn)
		rc = walk_footnotes(&w, fn);
	if (rc == TT_ERR_TOO_LARGE)
		say(msg, msglen, "the document's text is too large");
out:
	xmlFreeDoc(doc);
	xmlFreeDoc(num);
	xmlFreeDoc(fn);
	numbering_free(&w.nb);
	zip_discard(z.zip.za);
	return rc;
}
