/* table.c - the first sheet of an .xlsx, or a CSV file, as rows of text
 * cells (see table.h). */
#include "text/table.h"

#include "base/buf.h"

#include <csv.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

void table_free(tt_table *t)
{
	arena_free(&t->arena);
	free(t->rows);
	memset(t, 0, sizeof *t);
}

static void table_init(tt_table *t)
{
	memset(t, 0, sizeof *t);
	arena_init(&t->arena, 0);
}

/* A new empty row with number line. */
static table_row *add_row(tt_table *t, long line)
{
	if (t->nrows >= TABLE_MAX_ROWS)
		return NULL;
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		table_row *r = realloc(t->rows, cap * sizeof *r);
		if (!r)
			return NULL;
		t->rows = r;
		t->cap = cap;
	}
	table_row *r = &t->rows[t->nrows++];
	memset(r, 0, sizeof *r);
	r->line = line;
	return r;
}

/* Sets cell col (0-based) of r, growing it with empty cells. */
static tt_rc set_cell(tt_table *t, table_row *r, size_t col, const char *s, size_t n)
{
	if (col >= TABLE_MAX_COLS)
		return TT_ERR_TOO_LARGE;
	if (col >= r->ncells) {
		char **c = arena_alloc(&t->arena, (col + 1) * sizeof *c);
		if (!c)
			return TT_ERR_NOMEM;
		for (size_t i = 0; i <= col; i++)
			c[i] = i < r->ncells ? r->cells[i] : (char *)"";
		r->cells = c;
		r->ncells = col + 1;
	}
	char *v = arena_strndup(&t->arena, s, n);
	if (!v)
		return TT_ERR_NOMEM;
	r->cells[col] = v;
	return TT_OK;
}

int table_serial_date(double serial, char out[11])
{
	if (!(serial >= 1 && serial < 2958466))
		return 0;
	/* Days from 1970-01-01, then the civil date (Howard Hinnant's days_from_civil inverse). */
	/* Serials before 61 count the 29 February 1900 that never was (as Lotus did). */
	long days = (long)floor(serial) + (serial < 61 ? 1 : 0);
	long z = days - 25569 + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	if (m <= 2)
		y++;
	if (y < 1900 || y > 9999)
		return 0;
	snprintf(out, 11, "%04d-%02u-%02u", (int)(y % 10000), (unsigned)(m % 13), (unsigned)(d % 32));
	return 1;
}

/* ---- xlsx -------------------------------------------------------------- */

typedef struct {
	ooxml_zip zip;
	char *msg;
	size_t msgcap;
} xz;

/* One part, within the caps (ooxml.c), with the reason in the message. */
static tt_rc read_part(xz *z, const char *name, tt_buf *out)
{
	tt_rc rc = ooxml_read_part(&z->zip, name, out);
	if (rc == TT_ERR_PARSE)
		say(z->msg, z->msgcap, "Tệp Excel bị hỏng: không đọc được phần %s.", name);
	else if (rc == TT_ERR_TOO_LARGE)
		say(z->msg, z->msgcap, "Tệp Excel giải nén ra quá %zu MiB; không nhận.",
		    TABLE_MAX_UNZIPPED >> 20);
	return rc;
}

static tt_rc parse_part(xz *z, const char *name, xmlDoc **out, int required)
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
		say(z->msg, z->msgcap, "Không phải tệp Excel (.xlsx): thiếu phần %s.", name);
		rc = TT_ERR_PARSE;
	}
	if (rc)
		goto out;
	if (ooxml_has_dtd(&b)) {
		say(z->msg, z->msgcap, "Tệp Excel có phần %s khai báo DTD; không nhận.", name);
		rc = TT_ERR_PARSE;
		goto out;
	}
	*out = ooxml_xml(&b, name, 1);
	if (!*out) {
		say(z->msg, z->msgcap, "Tệp Excel bị hỏng: phần %s không phải XML hợp lệ.", name);
		rc = TT_ERR_PARSE;
	}
out:
	buf_free(&b);
	return rc;
}

/* Appends the text of every <t> below n (a shared string or an inline string;
 * phonetic runs <rPh> are skipped). */
static tt_rc text_of(const xmlNode *n, tt_buf *out)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || ooxml_is(c, "rPh"))
			continue;
		if (ooxml_is(c, "t")) {
			xmlChar *s = xmlNodeGetContent(c);
			tt_rc rc = s ? buf_adds(out, (const char *)s) : TT_OK;
			xmlFree(s);
			if (rc)
				return rc;
		} else {
			tt_rc rc = text_of(c, out);
			if (rc)
				return rc;
		}
	}
	return TT_OK;
}

typedef struct {
	char **s;
	size_t n;
	int *date_style; /* per cellXfs index: 1 when a date format */
	size_t nstyles;
} xbook;

static int builtin_date_fmt(long id)
{
	return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) ||
	       (id >= 50 && id <= 58);
}

/* A custom number format shows a date when it has d, m or y outside quotes
 * and brackets (and is not only elapsed time). */
static int code_is_date(const char *code)
{
	int q = 0, br = 0, date = 0;
	for (const char *p = code; *p; p++) {
		if (*p == '"')
			q = !q;
		else if (q)
			continue;
		else if (*p == '\\' && p[1])
			p++;
		else if (*p == '[')
			br = 1;
		else if (*p == ']')
			br = 0;
		else if (!br && strchr("dDmMyY", *p))
			date = 1;
	}
	return date;
}

static tt_rc load_styles(xmlDoc *x, tt_table *t, xbook *b)
{
	const xmlNode *root = xmlDocGetRootElement(x);
	const xmlNode *fmts = ooxml_child(root, "numFmts"), *xfs = ooxml_child(root, "cellXfs");
	size_t n = 0;
	for (const xmlNode *c = xfs ? xfs->children : NULL; c; c = c->next)
		n += ooxml_is(c, "xf");
	if (!n)
		return TT_OK;
	b->date_style = arena_alloc(&t->arena, n * sizeof *b->date_style);
	if (!b->date_style)
		return TT_ERR_NOMEM;
	b->nstyles = n;
	size_t i = 0;
	for (const xmlNode *c = xfs->children; c; c = c->next) {
		if (!ooxml_is(c, "xf"))
			continue;
		const char *id = ooxml_attr(c, "numFmtId");
		long v = id ? strtol(id, NULL, 10) : 0;
		int date = builtin_date_fmt(v);
		for (const xmlNode *f = fmts ? fmts->children : NULL; f && !date; f = f->next) {
			const char *fid = ooxml_attr(f, "numFmtId"), *code = ooxml_attr(f, "formatCode");
			if (ooxml_is(f, "numFmt") && fid && code && strtol(fid, NULL, 10) == v)
				date = code_is_date(code);
		}
		b->date_style[i++] = date;
	}
	return TT_OK;
}

static tt_rc load_strings(xmlDoc *x, tt_table *t, xbook *b)
{
	const xmlNode *root = xmlDocGetRootElement(x);
	size_t n = 0;
	for (const xmlNode *c = root ? root->children : NULL; c; c = c->next)
		n += ooxml_is(c, "si");
	b->s = arena_alloc(&t->arena, (n + 1) * sizeof *b->s);
	if (!b->s)
		return TT_ERR_NOMEM;
	tt_buf s;
	buf_init(&s, 0);
	tt_rc rc = TT_OK;
	for (const xmlNode *c = root->children; c && !rc; c = c->next) {
		if (!ooxml_is(c, "si"))
			continue;
		s.len = 0;
		if (!(rc = text_of(c, &s)) &&
		    !(b->s[b->n] = arena_strndup(&t->arena, s.data ? s.data : "", s.len)))
			rc = TT_ERR_NOMEM;
		b->n++;
	}
	buf_free(&s);
	return rc;
}

/* The 0-based column of a cell reference "AB12"; -1 when none. */
static long ref_col(const char *ref)
{
	long c = 0;
	int any = 0;
	for (; ref && *ref >= 'A' && *ref <= 'Z'; ref++, any = 1) {
		c = c * 26 + (*ref - 'A' + 1);
		if (c > TABLE_MAX_COLS)
			return TABLE_MAX_COLS;
	}
	return any ? c - 1 : -1;
}

/* The shortest text of a number that reads back the same, with a decimal
 * comma and no grouping ("1500", "1,125"), so that it reads the Vietnamese
 * way (text/number.h) without ambiguity. */
static void number_text(double v, char out[40])
{
	if (fabs(v) < 1e15 && v == floor(v))
		snprintf(out, 40, "%.0f", v);
	else
		for (int p = 1; p <= 17; p++) {
			snprintf(out, 40, "%.*g", p, v);
			if (strtod(out, NULL) == v)
				break;
		}
	char *dot = strchr(out, '.');
	if (dot)
		*dot = ',';
}

static tt_rc read_cell(xz *z, tt_table *t, xbook *b, table_row *row, const xmlNode *c, size_t *next_col)
{
	const char *ty = ooxml_attr(c, "t"), *sty = ooxml_attr(c, "s");
	long col = ref_col(ooxml_attr(c, "r"));
	if (col < 0)
		col = (long)*next_col;
	*next_col = (size_t)col + 1;
	if (col >= TABLE_MAX_COLS) {
		say(z->msg, z->msgcap, "Bảng có quá %d cột; không nhận.", TABLE_MAX_COLS);
		return TT_ERR_TOO_LARGE;
	}
	tt_buf v;
	buf_init(&v, 0);
	tt_rc rc = TT_OK;
	const xmlNode *vn = ooxml_child(c, "v");
	xmlChar *raw = vn ? xmlNodeGetContent(vn) : NULL;
	const char *s = raw ? (const char *)raw : "";
	if (ty && !strcmp(ty, "inlineStr")) {
		const xmlNode *is_ = ooxml_child(c, "is");
		if (is_)
			rc = text_of(is_, &v);
	} else if (ty && !strcmp(ty, "s")) {
		char *end;
		long i = strtol(s, &end, 10);
		if (!*s || *end || i < 0 || (size_t)i >= b->n) {
			say(z->msg, z->msgcap, "Tệp Excel bị hỏng: ô %s trỏ tới chuỗi không có.",
			    ooxml_attr(c, "r") ? ooxml_attr(c, "r") : "?");
			rc = TT_ERR_PARSE;
		} else
			rc = buf_adds(&v, b->s[i]);
	} else if (ty && !strcmp(ty, "b")) {
		rc = buf_adds(&v, strcmp(s, "0") && *s ? "1" : "0");
	} else if (ty && (!strcmp(ty, "str") || !strcmp(ty, "e"))) {
		rc = buf_adds(&v, s);
	} else if (*s) { /* a number, perhaps a date */
		char *end;
		double d = strtod(s, &end);
		char txt[40];
		long si = sty ? strtol(sty, NULL, 10) : 0;
		if (*end || !isfinite(d))
			rc = buf_adds(&v, s);
		else if (si >= 0 && (size_t)si < b->nstyles && b->date_style[si] && table_serial_date(d, txt))
			rc = buf_adds(&v, txt);
		else {
			number_text(d, txt);
			rc = buf_adds(&v, txt);
		}
	}
	xmlFree(raw);
	if (!rc)
		rc = set_cell(t, row, (size_t)col, v.data ? v.data : "", v.len);
	buf_free(&v);
	return rc;
}

/* The path of the workbook's first sheet ("xl/worksheets/sheet1.xml"). */
static const char *first_sheet(xmlDoc *wb, xmlDoc *rels, char *out, size_t cap)
{
	const xmlNode *sheets = ooxml_child(xmlDocGetRootElement(wb), "sheets");
	const xmlNode *s = ooxml_child(sheets, "sheet");
	const char *rid = s ? ooxml_attr(s, "id") : NULL;
	for (const xmlNode *r = rels ? xmlDocGetRootElement(rels)->children : NULL; r && rid; r = r->next) {
		const char *id = ooxml_attr(r, "Id"), *target = ooxml_attr(r, "Target");
		if (ooxml_is(r, "Relationship") && id && target && !strcmp(id, rid)) {
			if (target[0] == '/')
				snprintf(out, cap, "%s", target + 1);
			else
				snprintf(out, cap, "xl/%s", target);
			return out;
		}
	}
	snprintf(out, cap, "xl/worksheets/sheet1.xml");
	return out;
}

tt_rc table_read_xlsx(const char *path, tt_table *t, char *msg, size_t msglen)
{
	table_init(t);
	if (msg && msglen)
		msg[0] = '\0';
	xz z = {.zip = {.max_total = TABLE_MAX_UNZIPPED, .max_part = TABLE_MAX_PART},
	        .msg = msg,
	        .msgcap = msglen};
	xbook b = {0};
	xmlDoc *wb = NULL, *rels = NULL, *ss = NULL, *st = NULL, *sh = NULL;
	tt_rc rc = TT_OK;
	int zerr = 0;
	z.zip.za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (!z.zip.za) {
		say(msg, msglen, "Không phải tệp Excel (.xlsx) hoặc tệp bị hỏng, không đọc được.");
		return TT_ERR_PARSE;
	}
	if (ooxml_declares_too_much(z.zip.za, TABLE_MAX_UNZIPPED)) {
		say(msg, msglen, "Tệp Excel giải nén ra quá %zu MiB; không nhận.", TABLE_MAX_UNZIPPED >> 20);
		rc = TT_ERR_TOO_LARGE;
		goto out;
	}
	char sheet[512];
	if ((rc = parse_part(&z, "xl/workbook.xml", &wb, 1)) ||
	    (rc = parse_part(&z, "xl/_rels/workbook.xml.rels", &rels, 0)) ||
	    (rc = parse_part(&z, "xl/sharedStrings.xml", &ss, 0)) ||
	    (rc = parse_part(&z, "xl/styles.xml", &st, 0)) ||
	    (rc = parse_part(&z, first_sheet(wb, rels, sheet, sizeof sheet), &sh, 1)))
		goto out;
	if ((ss && (rc = load_strings(ss, t, &b))) || (st && (rc = load_styles(st, t, &b))))
		goto out;
	const xmlNode *data = ooxml_child(xmlDocGetRootElement(sh), "sheetData");
	long line = 0;
	for (const xmlNode *r = data ? data->children : NULL; r && !rc; r = r->next) {
		if (!ooxml_is(r, "row"))
			continue;
		const char *rn = ooxml_attr(r, "r");
		long l = rn ? strtol(rn, NULL, 10) : line + 1;
		line = l > line ? l : line + 1;
		table_row *row = add_row(t, line);
		if (!row) {
			say(msg, msglen, "Bảng có quá %d dòng; không nhận.", TABLE_MAX_ROWS);
			rc = TT_ERR_TOO_LARGE;
			break;
		}
		size_t next = 0;
		for (const xmlNode *c = r->children; c && !rc; c = c->next)
			if (ooxml_is(c, "c"))
				rc = read_cell(&z, t, &b, row, c, &next);
	}
	if (rc == TT_ERR_NOMEM)
		say(msg, msglen, "Không đủ bộ nhớ để đọc tệp Excel.");
out:
	xmlFreeDoc(wb);
	xmlFreeDoc(rels);
	xmlFreeDoc(ss);
	xmlFreeDoc(st);
	xmlFreeDoc(sh);
	zip_discard(z.zip.za);
	return rc;
}

/* ---- csv --------------------------------------------------------------- */

typedef struct {
	tt_table *t;
	table_row *row;
	size_t col;
	long line;
	tt_rc rc;
} csv_state;

static void on_field(void *s, size_t n, void *p)
{
	csv_state *st = p;
	if (st->rc)
		return;
	if (!st->row && !(st->row = add_row(st->t, st->line + 1))) {
		st->rc = TT_ERR_TOO_LARGE;
		return;
	}
	st->rc = set_cell(st->t, st->row, st->col++, s ? s : "", s ? n : 0);
}

static void on_row(int c, void *p)
{
	csv_state *st = p;
	st->line++;
	st->row = NULL;
	st->col = 0;
}

tt_rc table_read_csv(const char *path, tt_table *t, char *msg, size_t msglen)
{
	table_init(t);
	if (msg && msglen)
		msg[0] = '\0';
	FILE *f = fopen(path, "rb");
	if (!f) {
		say(msg, msglen, "Không đọc được tệp CSV.");
		return TT_ERR_IO;
	}
	char head[4096];
	size_t hn = fread(head, 1, sizeof head, f);
	size_t skip = hn >= 3 && !memcmp(head, "\xEF\xBB\xBF", 3) ? 3 : 0;
	size_t commas = 0, semis = 0;
	for (size_t i = skip; i < hn && head[i] != '\n'; i++)
		commas += head[i] == ',', semis += head[i] == ';';
	struct csv_parser p;
	csv_state st = {.t = t};
	tt_rc rc = TT_OK;
	if (csv_init(&p, CSV_APPEND_NULL | CSV_STRICT_FINI) != 0) {
		fclose(f);
		return TT_ERR_NOMEM;
	}
	csv_set_delim(&p, semis > commas ? ';' : ',');
	size_t total = 0;
	char chunk[65536];
	size_t k = hn - skip;
	memmove(chunk, head + skip, k);
	for (;;) {
		if (k && csv_parse(&p, chunk, k, on_field, on_row, &st) != k) {
			say(msg, msglen, "Tệp CSV bị hỏng gần dòng %ld: %s.", st.line + 1,
			    "dấu ngoặc kép không khớp");
			rc = TT_ERR_PARSE;
			break;
		}
		if (st.rc)
			break;
		total += k;
		if (total > TABLE_MAX_UNZIPPED) {
			st.rc = TT_ERR_TOO_LARGE;
			break;
		}
		k = fread(chunk, 1, sizeof chunk, f);
		if (!k)
			break;
	}
	/* A quoted field still open at the end (libcsv's FIELD_BEGUN state). */
	if (!rc && !st.rc && ((p.quoted && p.pstate == 2) || csv_fini(&p, on_field, on_row, &st) != 0)) {
		say(msg, msglen, "Tệp CSV bị hỏng ở cuối tệp: dấu ngoặc kép không đóng.");
		rc = TT_ERR_PARSE;
	}
	csv_free(&p);
	fclose(f);
	if (!rc && st.rc) {
		rc = st.rc;
		if (rc == TT_ERR_TOO_LARGE)
			say(msg, msglen, "Tệp CSV quá lớn (tối đa %d dòng, %d cột, %zu MiB).", TABLE_MAX_ROWS,
			    TABLE_MAX_COLS, TABLE_MAX_UNZIPPED >> 20);
	}
	return rc;
}

tt_rc table_read(const char *path, tt_table *t, char *msg, size_t msglen)
{
	FILE *f = fopen(path, "rb");
	char magic[4] = {0};
	size_t n = f ? fread(magic, 1, 4, f) : 0;
	if (f)
		fclose(f);
	if (n == 4 && !memcmp(magic, "PK\x03\x04", 4))
		return table_read_xlsx(path, t, msg, msglen);
	if (n >= 2 && !memcmp(magic, "PK", 2)) {
		table_init(t);
		say(msg, msglen, "Không phải tệp Excel (.xlsx) hoặc tệp bị hỏng, không đọc được.");
		return TT_ERR_PARSE;
	}
	return table_read_csv(path, t, msg, msglen);
}
