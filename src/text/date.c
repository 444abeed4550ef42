/* date.c - dates as written in administrative text (see date.h). */
#include "text/date.h"

#include <stdio.h>
#include <string.h>

#include "text/scan.h"

int date_valid(int y, int m, int d)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1)
		return 0;
	if (d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29)
		return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return 1;
}

/* A day or month number with at most 2 digits. A third digit means this is
 * not a day/month ("2017"). */
static long small_num(const char *s, size_t n, size_t *i)
{
	size_t j = *i;
	long v = sc_digits(s, n, &j, 2);
	if (v < 0 || (j < n && s[j] >= '0' && s[j] <= '9'))
		return -1;
	*i = j;
	return v;
}

static long year_num(const char *s, size_t n, size_t *i)
{
	size_t j = *i;
	long v = sc_digits(s, n, &j, 4);
	if (v < 1900 || v > 2199 || j - *i != 4 || (j < n && s[j] >= '0' && s[j] <= '9'))
		return -1;
	*i = j;
	return v;
}

/* Blanks in drafts: spaces, dots, underscores, ellipses. */
static size_t skip_blank(const char *s, size_t n, size_t i)
{
	for (;;) {
		size_t j = sc_skip_space(s, n, i);
		if (j < n && (s[j] == '.' || s[j] == '_' || s[j] == ','))
			j++;
		else if (j + 2 < n && (unsigned char)s[j] == 0xE2 && (unsigned char)s[j + 1] == 0x80 &&
		         (unsigned char)s[j + 2] == 0xA6) /* … */
			j += 3;
		if (j == i)
			return i;
		i = j;
	}
}

/* "D sep M [sep YYYY]" with one separator kind. */
static size_t numeric_date(const char *s, size_t n, int flags, int *y, int *m, int *d)
{
	size_t i = 0;
	long dd = small_num(s, n, &i);
	if (dd < 0 || i >= n)
		return 0;
	char sep = s[i];
	if (sep != '/' && sep != '-' && sep != '.')
		return 0;
	i++;
	long mm = small_num(s, n, &i);
	if (mm < 1 || mm > 12 || dd < 1 || dd > 31)
		return 0;
	long yy = 0;
	if (i + 1 < n && s[i] == sep) {
		size_t j = i + 1;
		yy = year_num(s, n, &j);
		if (yy > 0)
			i = j;
		else
			yy = 0;
	}
	if (!yy && !(flags & DATE_YEAR_OPTIONAL))
		return 0;
	/* "1.2" inside "1.2.3" or a decimal is not a date without a year. */
	if (!yy && sep == '.')
		return 0;
	if (yy && !date_valid((int)yy, (int)mm, (int)dd))
		return 0;
	if (!yy && !date_valid(2000, (int)mm, (int)dd))
		return 0;
	*y = (int)yy;
	*m = (int)mm;
	*d = (int)dd;
	return i;
}

/* "D tháng M [năm YYYY]" after "ngày", or blanks for D and M. */
static size_t worded_date(const char *s, size_t n, int flags, int *y, int *m, int *d)
{
	size_t i = skip_blank(s, n, 0);
	long dd = small_num(s, n, &i);
	i = skip_blank(s, n, i);
	size_t k = sc_word(s + i, n - i, "tháng");
	if (!k)
		return 0;
	i = skip_blank(s, n, i + k);
	long mm = small_num(s, n, &i);
	size_t before_year = i;
	i = skip_blank(s, n, i);
	long yy = 0;
	k = sc_word(s + i, n - i, "năm");
	if (k) {
		size_t j = sc_skip_space(s, n, i + k);
		yy = year_num(s, n, &j);
		if (yy > 0)
			i = j;
		else
			yy = 0;
	}
	if (!yy)
		i = before_year;
	if (dd < 0 && mm < 0) {
		if (!yy)
			return 0;
		*y = (int)yy;
		*m = *d = 0;
		return i;
	}
	if (dd < 1 || mm < 1 || mm > 12)
		return 0;
	if (!yy && !(flags & DATE_YEAR_OPTIONAL))
		return 0;
	if (!date_valid(yy ? (int)yy : 2000, (int)mm, (int)dd))
		return 0;
	*y = (int)yy;
	*m = (int)mm;
	*d = (int)dd;
	return i;
}

size_t date_parse(const char *s, size_t n, int flags, int *y, int *m, int *d)
{
	size_t i = 0, k = sc_word(s, n, "ngày");
	if (k) {
		i = sc_skip_space(s, n, k);
		size_t r = worded_date(s + k, n - k, flags, y, m, d);
		if (r)
			return k + r;
	}
	size_t r = numeric_date(s + i, n - i, flags, y, m, d);
	return r ? i + r : 0;
}

size_t date_find(const char *s, size_t n, int flags, size_t *len, int *y, int *m, int *d)
{
	for (size_t i = 0; i < n;) {
		int32_t cp;
		size_t k = sc_next(s, n, i, &cp);
		int start_ok = 1;
		if (i > 0) {
			int32_t pc;
			sc_next(s, n, sc_prev(s, i), &pc);
			start_ok =
			    !sc_is_letter(pc) && !sc_is_digit(pc) && pc != '/' && pc != '.' && pc != '-';
		}
		if (start_ok && (sc_is_digit(cp) || cp == 'n' || cp == 'N')) {
			size_t r = date_parse(s + i, n - i, flags, y, m, d);
			if (r) {
				*len = r;
				return i;
			}
		}
		i += k;
	}
	return (size_t)-1;
}

void date_iso(char out[11], int y, int m, int d)
{
	char b[32];
	snprintf(b, sizeof b, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	memcpy(out, b, 10);
	out[10] = '\0';
}
