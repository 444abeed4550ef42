/* period.c - Decree 09/2019 reporting periods (period.h). */
#include "core/period.h"

#include <stdio.h>
#include <string.h>

static const char *const kind_names[] = {"month", "quarter", "half_year", "nine_months", "year"};

const char *period_kind_name(period_kind k)
{
	return (unsigned)k < sizeof kind_names / sizeof kind_names[0] ? kind_names[k] : "";
}

tt_rc period_kind_parse(const char *s, period_kind *out)
{
	for (size_t i = 0; s && i < sizeof kind_names / sizeof kind_names[0]; i++)
		if (!strcmp(s, kind_names[i])) {
			*out = (period_kind)i;
			return TT_OK;
		}
	return TT_ERR_INVALID;
}

/* The window from the 15th of the month before `from` (month 1 of year:
 * 15/12 of the year before) to the 14th of month `to`. */
static void window(period *p, int year, int from, int to)
{
	int sy = from == 1 ? year - 1 : year, sm = from == 1 ? 12 : from - 1;
	/* Years are within PERIOD_YEAR_MIN..MAX; the modulo only tells the
	 * compiler how wide the numbers can be. */
	snprintf(p->start, sizeof p->start, "%04u-%02u-15", (unsigned)sy % 10000u, (unsigned)sm % 100u);
	snprintf(p->end, sizeof p->end, "%04u-%02u-14", (unsigned)year % 10000u, (unsigned)to % 100u);
}

static void make(period *p, period_kind k, int year, int n)
{
	static const char *const roman[] = {"I", "II", "III", "IV"};
	memset(p, 0, sizeof *p);
	p->kind = k;
	switch (k) {
	case PERIOD_MONTH:
		snprintf(p->key, sizeof p->key, "%04d-M%02d", year, n);
		snprintf(p->label, sizeof p->label, "Tháng %d năm %d", n, year);
		window(p, year, n, n);
		break;
	case PERIOD_QUARTER:
		snprintf(p->key, sizeof p->key, "%04d-Q%d", year, n);
		snprintf(p->label, sizeof p->label, "Quý %s năm %d", roman[n - 1], year);
		window(p, year, 3 * n - 2, 3 * n);
		break;
	case PERIOD_HALF_YEAR:
		snprintf(p->key, sizeof p->key, "%04d-H%d", year, n);
		snprintf(p->label, sizeof p->label, "6 tháng %s năm %d", n == 1 ? "đầu" : "cuối", year);
		window(p, year, 6 * n - 5, 6 * n);
		break;
	case PERIOD_NINE_MONTHS:
		snprintf(p->key, sizeof p->key, "%04d-9M", year);
		snprintf(p->label, sizeof p->label, "9 tháng năm %d", year);
		window(p, year, 1, 9);
		break;
	case PERIOD_YEAR:
		snprintf(p->key, sizeof p->key, "%04d-Y", year);
		snprintf(p->label, sizeof p->label, "Năm %d", year);
		window(p, year, 1, 12);
		break;
	}
}

static int count_of(period_kind k)
{
	switch (k) {
	case PERIOD_MONTH: return 12;
	case PERIOD_QUARTER: return 4;
	case PERIOD_HALF_YEAR: return 2;
	case PERIOD_NINE_MONTHS:
	case PERIOD_YEAR: return 1;
	}
	return 0;
}

size_t period_list(period_kind k, int year, period out[PERIOD_MAX])
{
	if (year < PERIOD_YEAR_MIN || year > PERIOD_YEAR_MAX)
		return 0;
	int n = count_of(k);
	for (int i = 0; i < n; i++)
		make(&out[i], k, year, i + 1);
	return (size_t)n;
}

static int digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

tt_rc period_from_key(const char *key, period *out)
{
	if (!key || strlen(key) < 6 || !digits(key, 4) || key[4] != '-')
		return TT_ERR_INVALID;
	int year = (key[0] - '0') * 1000 + (key[1] - '0') * 100 + (key[2] - '0') * 10 + (key[3] - '0');
	if (year < PERIOD_YEAR_MIN || year > PERIOD_YEAR_MAX)
		return TT_ERR_INVALID;
	const char *s = key + 5;
	period_kind k;
	int n = 1;
	if (!strcmp(s, "Y"))
		k = PERIOD_YEAR;
	else if (!strcmp(s, "9M"))
		k = PERIOD_NINE_MONTHS;
	else if (s[0] == 'H' && (s[1] == '1' || s[1] == '2') && !s[2])
		k = PERIOD_HALF_YEAR, n = s[1] - '0';
	else if (s[0] == 'Q' && s[1] >= '1' && s[1] <= '4' && !s[2])
		k = PERIOD_QUARTER, n = s[1] - '0';
	else if (s[0] == 'M' && strlen(s) == 3 && digits(s + 1, 2)) {
		k = PERIOD_MONTH;
		n = (s[1] - '0') * 10 + (s[2] - '0');
		if (n < 1 || n > 12)
			return TT_ERR_INVALID;
	} else
		return TT_ERR_INVALID;
	make(out, k, year, n);
	return TT_OK;
}
