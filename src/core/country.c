/* country.c - the ISO 3166-1 table of country.h. The Vietnamese names are
 * read straight from the compiled catalogue (.mo) rather than through
 * dgettext(): that would need the vi locale installed and the process
 * switched to it, and the server runs in the C locale. */
#include "core/country.h"

#include <jansson.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "core/data.h"
#include "text/vn.h"

#define JSON_PATH "/usr/share/iso-codes/json/iso_3166-1.json"
#define MO_PATH "/usr/share/locale/vi/LC_MESSAGES/iso_3166-1.mo"

static country *table;
static size_t ntable;
static tt_rc load_rc = TT_ERR_IO;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* The whole of a small file, NUL-terminated (malloc); NULL when unreadable. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *p = NULL;
	long n = -1;
	if (!fseek(f, 0, SEEK_END) && (n = ftell(f)) >= 0 && n < (64L << 20) && !fseek(f, 0, SEEK_SET) &&
	    (p = malloc((size_t)n + 1)) && fread(p, 1, (size_t)n, f) == (size_t)n) {
		p[n] = 0;
		*len = (size_t)n;
	} else {
		free(p);
		p = NULL;
	}
	fclose(f);
	return p;
}

typedef struct {
	const unsigned char *p;
	size_t len;
	int swap;
} mo_file;

static uint32_t mo_u32(const mo_file *m, size_t off)
{
	if (off + 4 > m->len)
		return 0;
	const unsigned char *b = m->p + off;
	return m->swap ? (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3]
	               : (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 | (uint32_t)b[1] << 8 | b[0];
}

/* String i of the table at off; NULL when out of bounds. */
static const char *mo_str(const mo_file *m, uint32_t table_off, uint32_t i, uint32_t *slen)
{
	uint32_t len = mo_u32(m, (size_t)table_off + (size_t)i * 8);
	uint32_t at = mo_u32(m, (size_t)table_off + (size_t)i * 8 + 4);
	if ((size_t)at + len >= m->len)
		return NULL;
	*slen = len;
	return (const char *)m->p + at;
}

/* The translation of msgid in the catalogue, NULL when none. */
static const char *mo_lookup(const mo_file *m, const char *msgid, uint32_t *tlen)
{
	if (!m->p || m->len < 28)
		return NULL;
	uint32_t n = mo_u32(m, 8), orig = mo_u32(m, 12), trans = mo_u32(m, 16);
	size_t idlen = strlen(msgid);
	for (uint32_t i = 0; i < n; i++) {
		uint32_t len;
		const char *s = mo_str(m, orig, i, &len);
		if (s && len == idlen && !memcmp(s, msgid, len)) {
			const char *t = mo_str(m, trans, i, tlen);
			return t && *tlen ? t : NULL;
		}
	}
	return NULL;
}

static char *nfc_copy(const char *s, size_t n)
{
	tt_buf b;
	buf_init(&b, 4096);
	char *out = NULL;
	if (!vn_nfc(s, n, &b))
		out = strndup(b.data ? b.data : "", b.len);
	buf_free(&b);
	return out;
}

static char *key_of(const char *s)
{
	tt_buf b;
	buf_init(&b, 4096);
	char *out = NULL;
	if (!vn_search_key(s, strlen(s), &b))
		out = strndup(b.data ? b.data : "", b.len);
	buf_free(&b);
	return out;
}

static int by_name(const void *a, const void *b)
{
	const country *x = a, *y = b;
	return vn_collate(x->name, strlen(x->name), y->name, strlen(y->name));
}

static void load(void)
{
	const char *jp = getenv("TTDN_ISO_CODES_JSON"), *mp = getenv("TTDN_ISO_CODES_MO");
	size_t jlen = 0, mlen = 0;
	char *js = slurp(jp && *jp ? jp : JSON_PATH, &jlen);
	char *mo = slurp(mp && *mp ? mp : MO_PATH, &mlen);
	mo_file m = {(const unsigned char *)mo, mo ? mlen : 0, 0};
	if (mo && mlen >= 4) {
		uint32_t magic = mo_u32(&m, 0);
		if (magic != 0x950412deu) {
			m.swap = 1;
			if (mo_u32(&m, 0) != 0x950412deu)
				m.p = NULL;
		}
	}
	json_t *root = js ? json_loadb(js, jlen, 0, NULL) : NULL;
	json_t *list = json_object_get(root, "3166-1");
	size_t n = json_array_size(list);
	country *t = n ? calloc(n, sizeof *t) : NULL;
	size_t k = 0;
	for (size_t i = 0; t && i < n; i++) {
		json_t *e = json_array_get(list, i);
		const char *code = json_string_value(json_object_get(e, "alpha_2"));
		const char *name = json_string_value(json_object_get(e, "name"));
		if (!code || strlen(code) != 2 || !name)
			continue;
		uint32_t tlen = 0;
		const char *vi = mo_lookup(&m, name, &tlen);
		country *c = &t[k];
		memcpy(c->code, code, 3);
		c->name_en = strdup(name);
		c->name = vi ? nfc_copy(vi, tlen) : nfc_copy(name, strlen(name));
		c->key = c->name ? key_of(c->name) : NULL;
		if (c->name_en && c->name && c->key)
			k++;
	}
	/* The names official documents use, where the catalogue's differ. */
	tt_arena a;
	arena_init(&a, 1 << 20);
	data_row *rows = NULL;
	size_t nrows = 0;
	if (k && data_table(&a, "country_names", &rows, &nrows) == TT_OK) {
		for (size_t i = 0; i < nrows; i++) {
			const char *code = data_field(&rows[i], 0), *name = data_field(&rows[i], 1);
			for (size_t j = 0; j < k && *name; j++) {
				country *c = &t[j];
				if (strcmp(c->code, code) || !strcmp(c->name, name))
					continue;
				char *nn = strdup(name), *nk = key_of(name);
				if (!nn || !nk) {
					free(nn);
					free(nk);
					break;
				}
				c->key_alt = c->key;
				free((char *)c->name);
				c->name = nn;
				c->key = nk;
				break;
			}
		}
	}
	arena_free(&a);
	if (k) {
		qsort(t, k, sizeof *t, by_name);
		table = t;
		ntable = k;
		load_rc = TT_OK;
	} else
		free(t);
	json_decref(root);
	free(js);
	free(mo);
}

tt_rc country_load(void)
{
	pthread_once(&once, load);
	return load_rc;
}

const country *country_all(size_t *n)
{
	country_load();
	*n = ntable;
	return table;
}

const country *country_get(const char *code)
{
	country_load();
	if (!code || strlen(code) != 2)
		return NULL;
	char up[3] = {(char)(code[0] & ~0x20), (char)(code[1] & ~0x20), 0};
	for (size_t i = 0; i < ntable; i++)
		if (!memcmp(table[i].code, up, 3))
			return &table[i];
	return NULL;
}

const country *country_find(const char *text)
{
	const country *c = country_get(text);
	if (c || !text)
		return c;
	char *key = key_of(text);
	for (size_t i = 0; key && i < ntable && !c; i++)
		if (!strcmp(table[i].key, key) || (table[i].key_alt && !strcmp(table[i].key_alt, key)))
			c = &table[i];
	if (!c && key) {
		for (size_t i = 0; i < ntable && !c; i++) {
			char *k2 = key_of(table[i].name_en);
			if (k2 && !strcmp(k2, key))
				c = &table[i];
			free(k2);
		}
	}
	free(key);
	return c;
}
