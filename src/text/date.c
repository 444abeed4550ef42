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

/* Digits only, returns their count (or 0 when something else is there). */
static size_t all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n;
}

static int num_of(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

date_input date_read_input(const char *s, char iso[11])
{
	if (!s)
		return DATE_IN_EMPTY;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	if (!n)
		return DATE_IN_EMPTY;
	int y, m, d;
	if (all_digits(s, n)) {
		/* ddmmyyyy only: six digits lack the century, seven can be split
		 * two ways ("1122017": 1/12 or 11/2). */
		if (n == 6 || n == 7)
			return DATE_IN_AMBIGUOUS;
		if (n != 8)
			return DATE_IN_FORMAT;
		d = num_of(s, 2);
		m = num_of(s + 2, 2);
		y = num_of(s + 4, 4);
	} else if (n == 10 && s[4] == '-' && s[7] == '-' && all_digits(s, 4) && all_digits(s + 5, 2) &&
	           all_digits(s + 8, 2)) {
		y = num_of(s, 4);
		m = num_of(s + 5, 2);
		d = num_of(s + 8, 2);
	} else {
		/* d sep m sep yyyy with one separator */
		size_t i = 0, a = 0, b, c;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		a = i;
		if (a < 1 || a > 2 || i >= n || (s[i] != '/' && s[i] != '-' && s[i] != '.'))
			return DATE_IN_FORMAT;
		char sep = s[i++];
		b = i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i - b < 1 || i - b > 2 || i >= n || s[i] != sep)
			return DATE_IN_FORMAT;
		size_t mlen = i - b;
		c = ++i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i != n)
			return DATE_IN_FORMAT;
		if (n - c == 2)
			return DATE_IN_AMBIGUOUS; /* "15/12/17": which century */
		if (n - c != 4)
			return DATE_IN_FORMAT;
		d = num_of(s, a);
		m = num_of(s + b, mlen);
		y = num_of(s + c, 4);
	}
	if (!date_valid(y, m, d))
		return DATE_IN_INVALID;
	date_iso(iso, y, m, d);
	return DATE_IN_OK;
}

const char *date_input_why(date_input e)
{
	switch (e) {
	case DATE_IN_OK:
		return NULL;
	case DATE_IN_EMPTY:
		return "chưa nhập ngày; hãy gõ ngày/tháng/năm, ví dụ 15/12/2017.";
	case DATE_IN_AMBIGUOUS:
		return "cách viết này có thể hiểu thành nhiều ngày khác nhau; hãy gõ đủ ngày/tháng/năm "
		       "với năm bốn chữ số, ví dụ 15/12/2017 hoặc 15122017.";
	case DATE_IN_INVALID:
		return "không có ngày này trong lịch; hãy kiểm tra lại ngày và tháng (ví dụ 15/12/2017).";
	case DATE_IN_FORMAT:
	default:
		return "không đọc được ngày; hãy gõ ngày/tháng/năm, ví dụ 15/12/2017, 5/1/2018 hoặc 15122017.";
	}
}
