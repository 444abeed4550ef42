/* timeframe.c - task timeframes (see timeframe.h).
 *
 * Works on the search key of the value ("Quý III năm 2019" -> "quy iii nam
 * 2019"), so case, tone marks and NFC/NFD differences do not matter and the
 * grammar is plain ASCII. */
#include "text/timeframe.h"

#include <string.h>

#include "base/buf.h"
#include "text/date.h"
#include "text/scan.h"

typedef struct {
	int y, m, d;
	size_t at; /* offset in the key */
} kdate;

static int last_day(int y, int m)
{
	static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return md[(m - 1) % 12];
}

static int isdig(char c)
{
	return c >= '0' && c <= '9';
}

static int isalnum_k(char c)
{
	return isdig(c) || (c >= 'a' && c <= 'z');
}

/* Reads a number at k[*i] (max 4 digits), bounded by non-alphanumerics. */
static int knum(const char *k, size_t *i, int *ndig)
{
	size_t j = *i;
	int v = 0, d = 0;
	if (j > 0 && isalnum_k(k[j - 1]))
		return -1;
	while (isdig(k[j]) && d < 5) {
		v = v * 10 + (k[j] - '0');
		j++;
		d++;
	}
	if (!d || d > 4 || isalnum_k(k[j]))
		return -1;
	*i = j;
	*ndig = d;
	return v;
}

/* Dates in the key: "d/m/yyyy", "d/m", "d-m-yyyy", "ngay d thang m nam yyyy",
 * "ngay d thang m". */
static size_t find_dates(const char *k, int dy, kdate *out, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; k[i] && n < cap; i++) {
		if (!isdig(k[i]) || (i > 0 && isalnum_k(k[i - 1])))
			continue;
		size_t j = i;
		int nd, d = knum(k, &j, &nd), m = -1, y = 0;
		if (d < 0 || nd > 2)
			continue;
		if ((k[j] == '/' || k[j] == '-' || k[j] == '.') && isdig(k[j + 1])) {
			char sep = k[j];
			size_t t = j + 1;
			m = knum(k, &t, &nd);
			if (m < 0 || nd > 2)
				continue;
			j = t;
			if (k[j] == sep && isdig(k[j + 1])) {
				t = j + 1;
				int yy = knum(k, &t, &nd);
				if (yy > 0 && nd == 4) {
					y = yy;
					j = t;
				}
			}
			/* "6/2019" is a month, not the 6th of a month: m must be 1..12. */
		} else if (!strncmp(k + j, " thang ", 7) && isdig(k[j + 7])) {
			size_t t = j + 7;
			m = knum(k, &t, &nd);
			if (m < 0 || nd > 2)
				continue;
			j = t;
			if (!strncmp(k + j, " nam ", 5) && isdig(k[j + 5])) {
				t = j + 5;
				int yy = knum(k, &t, &nd);
				if (yy > 0 && nd == 4) {
					y = yy;
					j = t;
				}
			}
			/* Only after "ngay": "6 thang dau nam" is a half-year. */
			if (!(i >= 5 && !strncmp(k + i - 5, "ngay ", 5)))
				continue;
		} else {
			continue;
		}
		if (!y)
			y = dy;
		if (!date_valid(y ? y : 2000, m, d))
			continue;
		out[n].y = y;
		out[n].m = m;
		out[n].d = d;
		out[n].at = i;
		n++;
		i = j - 1;
	}
	return n;
}

/* The first 4-digit year in k at or after from, 0 if none. */
static int find_year(const char *k, size_t from, size_t *at)
{
	for (size_t i = from; k[i]; i++) {
		if (!isdig(k[i]) || (i > 0 && isalnum_k(k[i - 1])))
			continue;
		size_t j = i;
		int nd, v = knum(k, &j, &nd);
		if (nd == 4 && v >= 1900 && v <= 2199) {
			if (at)
				*at = i;
			return v;
		}
		while (isdig(k[i + 1]))
			i++;
	}
	return 0;
}

static void set(doc_timeframe *o, doc_tf_kind kind, int sy, int sm, int sd, int ey, int em, int ed)
{
	o->kind = kind;
	o->start[0] = o->end[0] = '\0';
	if (sy && sm && sd)
		date_iso(o->start, sy, sm, sd);
	if (ey && em && ed)
		date_iso(o->end, ey, em, ed);
}

static int roman_q(const char *p, size_t *len)
{
	static const struct {
		const char *s;
		int v;
	} r[] = {{"iv", 4}, {"iii", 3}, {"ii", 2}, {"i", 1}, {"4", 4}, {"3", 3}, {"2", 2}, {"1", 1}};
	for (size_t i = 0; i < sizeof r / sizeof r[0]; i++) {
		size_t l = strlen(r[i].s);
		if (!strncmp(p, r[i].s, l) && !isalnum_k(p[l])) {
			*len = l;
			return r[i].v;
		}
	}
	return 0;
}

/* Quarters: "quy ii/2019", "quy iii nam 2019", "quy i, ii nam 2019",
 * "quy ii va quy iii/2019". Returns 1 if found. */
static int quarters(const char *k, int dy, doc_timeframe *o)
{
	const char *p = k;
	int qmin = 0, qmax = 0;
	size_t after = 0;
	while ((p = strstr(p, "quy ")) != NULL) {
		if (p > k && isalnum_k(p[-1])) {
			p += 4;
			continue;
		}
		const char *q = p + 4;
		for (;;) {
			size_t l;
			int v = roman_q(q, &l);
			if (!v)
				break;
			if (!qmin || v < qmin)
				qmin = v;
			if (v > qmax)
				qmax = v;
			q += l;
			after = (size_t)(q - k);
			if (!strncmp(q, ", ", 2))
				q += 2;
			else if (*q == ',' || *q == '-')
				q += 1;
			else if (!strncmp(q, " va ", 4))
				q += 4;
			else if (!strncmp(q, " - ", 3))
				q += 3;
			else
				break;
			if (!strncmp(q, "quy ", 4))
				q += 4;
		}
		p += 4;
	}
	if (!qmin)
		return 0;
	int y = find_year(k, after, NULL);
	if (!y)
		y = dy;
	int sm = (qmin - 1) * 3 + 1, em = qmax * 3;
	set(o, TF_QUARTER, y, sm, 1, y, em, y ? last_day(y, em) : 0);
	return 1;
}

/* Months: "thang 6/2019", "thang 6 nam 2019", "tu thang 3 den thang 6/2019". */
static int months(const char *k, int dy, doc_timeframe *o)
{
	int ms[2] = {0, 0}, nm = 0;
	size_t last = 0;
	for (const char *p = strstr(k, "thang "); p && nm < 2; p = strstr(p + 1, "thang ")) {
		if (p > k && isalnum_k(p[-1]))
			continue;
		/* "6 thang" (a duration) is not a month name. */
		if (p >= k + 2 && p[-1] == ' ' && isdig(p[-2]))
			continue;
		size_t i = (size_t)(p - k) + 6, nd;
		int ndi, v = knum(k, &i, &ndi);
		nd = (size_t)ndi;
		if (v < 1 || v > 12 || nd > 2)
			continue;
		ms[nm++] = v;
		last = i;
	}
	if (!nm)
		return 0;
	int y = find_year(k, last, NULL);
	if (!y)
		y = find_year(k, 0, NULL);
	if (!y)
		y = dy;
	if (nm == 2)
		set(o, TF_RANGE, y, ms[0], 1, y, ms[1], y ? last_day(y, ms[1]) : 0);
	else
		set(o, TF_MONTH, y, ms[0], 1, y, ms[0], y ? last_day(y, ms[0]) : 0);
	return 1;
}

void tf_parse(const char *s, size_t n, int dy, doc_timeframe *o)
{
	tt_buf kb;
	buf_init(&kb, 1 << 16);
	const char *k = sc_key(s, n, &kb);
	kdate ds[4];
	size_t nd;
	set(o, TF_UNKNOWN, 0, 0, 0, 0, 0, 0);

	if (sc_key_has(k, "thuong xuyen") || sc_key_has(k, "hang nam") || sc_key_has(k, "hang quy") ||
	    sc_key_has(k, "hang thang") || sc_key_has(k, "lien tuc") || sc_key_has(k, "dinh ky")) {
		set(o, TF_CONTINUOUS, 0, 0, 0, 0, 0, 0);
		goto out;
	}
	nd = find_dates(k, dy, ds, 4);
	if (sc_key_has(k, "truoc") || sc_key_has(k, "cham nhat") || sc_key_has(k, "han chot")) {
		if (nd) {
			set(o, TF_BEFORE, 0, 0, 0, ds[0].y, ds[0].m, ds[0].d);
			goto out;
		}
		doc_timeframe m;
		if (months(k, dy, &m) && m.end[0]) {
			o->kind = TF_BEFORE;
			memcpy(o->end, m.end, sizeof o->end);
			goto out;
		}
	}
	if (nd >= 2) {
		set(o, TF_RANGE, ds[0].y, ds[0].m, ds[0].d, ds[1].y, ds[1].m, ds[1].d);
		goto out;
	}
	if (quarters(k, dy, o))
		goto out;
	if (sc_key_has(k, "6 thang") || sc_key_has(k, "sau thang") || sc_key_has(k, "06 thang")) {
		int y = find_year(k, 0, NULL);
		if (!y)
			y = dy;
		if (sc_key_has(k, "cuoi nam"))
			set(o, TF_HALF, y, 7, 1, y, 12, 31);
		else
			set(o, TF_HALF, y, 1, 1, y, 6, 30);
		goto out;
	}
	if (nd == 1) {
		set(o, TF_DATE, ds[0].y, ds[0].m, ds[0].d, ds[0].y, ds[0].m, ds[0].d);
		goto out;
	}
	if (months(k, dy, o))
		goto out;
	{
		size_t at = 0, at2 = 0;
		int y1 = find_year(k, 0, &at);
		int y2 = y1 ? find_year(k, at + 4, &at2) : 0;
		if (y1 && (sc_key_has(k, "tiep theo") || sc_key_has(k, "tro di") ||
		           sc_key_has(k, "cac nam sau") || (sc_key_has(k, "tu nam") && !y2))) {
			set(o, TF_FROM, y1, 1, 1, 0, 0, 0);
			goto out;
		}
		if (y1 && y2 && y2 > y1) {
			set(o, TF_RANGE, y1, 1, 1, y2, 12, 31);
			goto out;
		}
		if (y1 && (sc_key_has(k, "den nam") || sc_key_has(k, "den het nam"))) {
			set(o, TF_BEFORE, 0, 0, 0, y1, 12, 31);
			goto out;
		}
		if (y1) {
			set(o, TF_WITHIN, y1, 1, 1, y1, 12, 31);
			goto out;
		}
		if (dy && (sc_key_has(k, "trong nam") || !strcmp(k, "nam") || !strcmp(k, "ca nam"))) {
			set(o, TF_WITHIN, dy, 1, 1, dy, 12, 31);
			goto out;
		}
	}
out:
	buf_free(&kb);
}
