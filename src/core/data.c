/* data.c - the CSV tables of data/, embedded with .incbin like the
 * migrations, and read with libcsv. */
#include "core/data.h"

#include <csv.h>
#include <string.h>

#include "base/buf.h"
#include "text/vn.h"

#define DATA_TABLE(sym, file)                                                                                \
	__asm__(".section .rodata\n.global " #sym "\n.balign 16\n" #sym ":\n.incbin \"" file                 \
	        "\"\n.byte 0\n.previous\n");                                                                 \
	extern const char sym[];

DATA_TABLE(tt_data_departments, "data/departments.csv")
DATA_TABLE(tt_data_body_groups, "data/body_groups.csv")
DATA_TABLE(tt_data_body_words, "data/body_words.csv")
DATA_TABLE(tt_data_admin_aliases, "data/admin_aliases.csv")
DATA_TABLE(tt_data_admin_renames, "data/admin_renames.csv")
DATA_TABLE(tt_data_activity_types, "data/activity_types.csv")
DATA_TABLE(tt_data_activity_fields, "data/activity_fields.csv")
DATA_TABLE(tt_data_indicators, "data/indicators.csv")
DATA_TABLE(tt_data_country_names, "data/country_names.csv")
DATA_TABLE(tt_data_ministries, "data/ministries.csv")

static const struct {
	const char *name;
	const char *text;
} tables[] = {
    {"departments", tt_data_departments},
    {"body_groups", tt_data_body_groups},
    {"body_words", tt_data_body_words},
    {"admin_aliases", tt_data_admin_aliases},
    {"admin_renames", tt_data_admin_renames},
    {"activity_types", tt_data_activity_types},
    {"activity_fields", tt_data_activity_fields},
    {"indicators", tt_data_indicators},
    {"country_names", tt_data_country_names},
    {"ministries", tt_data_ministries},
};

enum { MAX_FIELDS = 16 };

typedef struct {
	tt_arena *a;
	char *field[MAX_FIELDS];
	int col;
	int header_seen;
	data_row *rows;
	size_t n, cap;
	tt_rc rc;
} table_state;

static void on_field(void *s, size_t len, void *data)
{
	table_state *ts = data;
	if (ts->rc)
		return;
	if (ts->col < MAX_FIELDS) {
		tt_buf nfc;
		buf_init(&nfc, 1 << 12);
		if (vn_nfc(s ? s : "", s ? len : 0, &nfc))
			ts->rc = TT_ERR_PARSE;
		else if (!(ts->field[ts->col] = arena_strdup(ts->a, nfc.data ? nfc.data : "")))
			ts->rc = TT_ERR_NOMEM;
		buf_free(&nfc);
	}
	ts->col++;
}

static void on_row(int c, void *data)
{
	table_state *ts = data;
	int nf = ts->col < MAX_FIELDS ? ts->col : MAX_FIELDS;
	ts->col = 0;
	if (ts->rc)
		return;
	if (!ts->header_seen) {
		ts->header_seen = 1;
		return;
	}
	if (ts->n == ts->cap) {
		size_t cap = ts->cap ? ts->cap * 2 : 64;
		data_row *r = arena_alloc(ts->a, cap * sizeof *r);
		if (!r) {
			ts->rc = TT_ERR_NOMEM;
			return;
		}
		if (ts->n)
			memcpy(r, ts->rows, ts->n * sizeof *r);
		ts->rows = r;
		ts->cap = cap;
	}
	char **f = arena_alloc(ts->a, (size_t)(nf ? nf : 1) * sizeof *f);
	if (!f) {
		ts->rc = TT_ERR_NOMEM;
		return;
	}
	memcpy(f, ts->field, (size_t)nf * sizeof *f);
	ts->rows[ts->n++] = (data_row){f, nf};
}

tt_rc data_table(tt_arena *a, const char *name, data_row **rows, size_t *n)
{
	const char *text = NULL;
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
		if (!strcmp(tables[i].name, name))
			text = tables[i].text;
	if (!text)
		return TT_ERR_NOT_FOUND;
	/* Comment lines go before libcsv sees the text. */
	tt_buf body;
	buf_init(&body, 1 << 20);
	tt_rc rc = TT_OK;
	for (const char *p = text; *p && !rc;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);
		if (*p != '#')
			rc = buf_add(&body, p, len);
		p += len;
	}
	struct csv_parser parser;
	table_state ts = {.a = a};
	if (!rc && csv_init(&parser, CSV_APPEND_NULL) != 0)
		rc = TT_ERR_NOMEM;
	if (!rc) {
		if (csv_parse(&parser, body.data ? body.data : "", body.len, on_field, on_row, &ts) !=
		    body.len)
			rc = TT_ERR_PARSE;
		else
			csv_fini(&parser, on_field, on_row, &ts);
		csv_free(&parser);
	}
	buf_free(&body);
	if (!rc)
		rc = ts.rc;
	if (!rc) {
		*rows = ts.rows;
		*n = ts.n;
	}
	return rc;
}

const char *data_field(const data_row *r, int i)
{
	return i < r->nf && r->f[i] ? r->f[i] : "";
}
