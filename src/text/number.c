/* number.c - reading and writing numbers the Vietnamese way (see number.h).
 * The reader is strict on purpose: a figure that could mean two things is
 * refused rather than guessed, since a report's counts are summed upward. */
#include "text/number.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Length of a blank at s (ASCII space or tab, U+00A0, U+2009, U+202F), or 0. */
static size_t blank_len(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] == ' ' || u[0] == '\t')
		return 1;
	if (u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x89 || u[2] == 0xAF))
		return 3;
	return 0;
}

int vn_number_blank(const char *s)
{
	size_t n;
	if (!s)
		return 1;
	while ((n = blank_len(s)))
		s += n;
	return *s == '\0';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

tt_rc vn_number_parse(const char *s, int integer_only, double *out, const char **why)
{
	char digits[VN_NUMBER_MAX_DIGITS + 3]; /* ASCII "1234.5" for strtod */
	size_t nd = 0, ndigits = 0, n;
	char sep = 0;  /* the group separator in use: '.' or ' ' */
	int group = 0; /* digits in the current group */
	int groups = 0;
	if (!s)
		s = "";
	while ((n = blank_len(s)))
		s += n;
	if (!*s) {
		*why = "Chưa nhập số.";
		return TT_ERR_INVALID;
	}
	if (*s == '-' || *s == '+') {
		*why = "Số không được có dấu âm hay dương.";
		return TT_ERR_INVALID;
	}
	if (!is_digit(*s)) {
		*why = "Chỉ được nhập chữ số, ví dụ 1.200 hoặc 350,5.";
		return TT_ERR_INVALID;
	}
	/* Integer part: digits, optionally grouped by threes. */
	for (;;) {
		if (is_digit(*s)) {
			if (ndigits == VN_NUMBER_MAX_DIGITS) {
				*why = "Số quá lớn.";
				return TT_ERR_INVALID;
			}
			digits[nd++] = *s;
			ndigits++;
			group++;
			s++;
			continue;
		}
		char here = *s == '.' ? '.' : blank_len(s) ? ' ' : 0;
		if (!here)
			break;
		size_t step = here == '.' ? 1 : blank_len(s);
		/* A blank that ends the number is trailing space, not a group. */
		if (here == ' ') {
			const char *t = s;
			while ((n = blank_len(t)))
				t += n;
			if (!*t)
				break;
		}
		const char *g = s + step;
		int three = is_digit(g[0]) && is_digit(g[1]) && is_digit(g[2]) && !is_digit(g[3]);
		if (!three || (sep && sep != here) || (groups == 0 && group > 3) ||
		    (groups > 0 && group != 3) || digits[0] == '0') {
			*why = here == '.' ? "Dấu chấm chỉ dùng để tách hàng nghìn (1.200); phần thập "
			                     "phân viết sau dấu phẩy, ví dụ 1,5."
			                   : "Số viết không đúng; ví dụ đúng: 1 200 hoặc 1.200.";
			return TT_ERR_INVALID;
		}
		sep = here;
		groups++;
		group = 0;
		s = g;
	}
	/* Decimal part after a comma. */
	if (*s == ',') {
		s++;
		if (!is_digit(*s)) {
			*why = "Sau dấu phẩy phải có chữ số, ví dụ 350,5.";
			return TT_ERR_INVALID;
		}
		int nonzero = 0;
		digits[nd++] = '.';
		while (is_digit(*s)) {
			if (ndigits == VN_NUMBER_MAX_DIGITS) {
				*why = "Số có quá nhiều chữ số.";
				return TT_ERR_INVALID;
			}
			nonzero |= *s != '0';
			digits[nd++] = *s++;
			ndigits++;
		}
		if (integer_only && nonzero) {
			*why = "Chỉ tiêu này đếm người, đoàn, cuộc…: phải là số nguyên.";
			return TT_ERR_INVALID;
		}
	}
	while ((n = blank_len(s)))
		s += n;
	if (*s) {
		*why = *s == '.' || *s == ',' ? "Số viết không đúng; ví dụ đúng: 1.200 hoặc 350,5."
		                              : "Chỉ được nhập chữ số, ví dụ 1.200 hoặc 350,5.";
		return TT_ERR_INVALID;
	}
	digits[nd] = '\0';
	*out = strtod(digits, NULL);
	return TT_OK;
}

tt_rc vn_number_format(tt_buf *b, double v)
{
	char raw[64];
	if (!isfinite(v))
		return buf_adds(b, "–");
	snprintf(raw, sizeof raw, "%.4f", fabs(v));
	char *dot = strchr(raw, '.');
	size_t nint = dot ? (size_t)(dot - raw) : strlen(raw);
	size_t nfrac = dot ? strlen(dot + 1) : 0;
	while (nfrac && dot[nfrac] == '0')
		nfrac--;
	tt_rc rc = TT_OK;
	if (v < 0 && (nint > 1 || raw[0] != '0' || nfrac))
		rc = buf_addc(b, '-');
	for (size_t i = 0; !rc && i < nint; i++) {
		rc = buf_addc(b, raw[i]);
		if (!rc && i + 1 < nint && (nint - i - 1) % 3 == 0)
			rc = buf_addc(b, '.');
	}
	if (!rc && nfrac) {
		rc = buf_addc(b, ',');
		if (!rc)
			rc = buf_add(b, dot + 1, nfrac);
	}
	return rc;
}
