/* facts.c - facts stated in body sentences: counts ("7 đoàn phóng viên nước
 * ngoài") and reporting rules ("định kỳ 6 tháng (trước 15/6), năm (trước
 * 05/12) báo cáo kết quả về UBND tỉnh"). Owns the word lists that bound a
 * count's unit and the period words of reporting rules. */
#include <string.h>

#include "base/buf.h"
#include "text/bodies.h"
#include "text/date.h"
#include "text/parse_int.h"
#include "text/scan.h"

/* ---- figures ----------------------------------------------------------- */

/* Words that end a unit: prepositions, conjunctions, verbs of the clause.
 * Compared with their tone marks: "bằng" (by) ends a unit, "băng rôn"
 * (banner) is one. */
static const char *const unit_stops[] = {
    "với",  "của",  "và",   "tham", "đến",  "từ", "trong", "tại",   "do",    "làm", "gồm",  "để",
    "cho",  "về",   "theo", "được", "đã",   "là", "có",    "thuộc", "trên",  "ở",   "khi",  "như",
    "nhằm", "bằng", "sang", "qua",  "vào",  "ra", "đi",    "lên",   "xuống", "mỗi", "hoặc", "hay",
    "thì",  "mà",   "nên",  "này",  "đang", "sẽ", "từng",  "các",   "những", "một", "trở",
};

/* Verbs and phrases that start the clause after a count: "04 hội nghị giới
 * thiệu tiềm năng", "5 lớp tập huấn nhằm ...". Matched as whole phrases. */
static const char *const unit_stop_phrases[] = {
    "giới thiệu", "quảng bá",   "tuyên truyền", "phục vụ",   "nhân dịp",  "tìm hiểu", "tổ chức",
    "thực hiện",  "triển khai", "diễn ra",      "liên quan", "so với",    "tăng",     "giảm",
    "đạt",        "chiếm",      "kết hợp",      "hướng tới", "hướng đến", "góp phần", "thu hút",
};

/* Words before a number that make it no count: dates, ordinals, references. */
static const char *const count_blockers[] = {
    "ngày",  "tháng",  "năm",   "quý",   "số",  "khóa", "khoá", "thứ",  "đoạn", "điều",
    "khoản", "mục",    "phần",  "điểm",  "lần", "giờ",  "phút", "tuần", "từ",   "đến",
    "kỳ",    "chương", "trang", "phòng", "lớp", "tầng", "bước", "khu",  "tổ",   "quyết",
};

/* Units that are spans of time, not counts of things. */
static const char *const time_units[] = {"tháng", "năm", "ngày", "giờ", "phút", "tuần", "quý", "tuổi"};

static int in_list(const char *w, size_t wl, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (sc_prefix(w, wl, list[i]) == wl)
			return 1;
	return 0;
}

/* The word (letters only) at s[i]; returns its length, 0 if none. */
static size_t word_at(const char *s, size_t n, size_t i)
{
	size_t j = i;
	while (j < n) {
		int32_t cp;
		size_t k = sc_next(s, n, j, &cp);
		if (!sc_is_letter(cp))
			break;
		j += k;
	}
	return j - i;
}

static size_t prev_word(const char *s, size_t i, size_t *len)
{
	size_t e = i;
	while (e > 0 && s[e - 1] == ' ')
		e--;
	size_t b = e;
	while (b > 0) {
		size_t p = sc_prev(s, b);
		int32_t cp;
		sc_next(s, e, p, &cp);
		if (!sc_is_letter(cp))
			break;
		b = p;
	}
	*len = e - b;
	return b;
}

static int phrase_stop(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof unit_stop_phrases / sizeof unit_stop_phrases[0]; i++)
		if (sc_word(s, n, unit_stop_phrases[i]))
			return 1;
	return 0;
}

tt_rc facts_figures(doc *d, const pline *l)
{
	const char *s = l->s;
	size_t n = l->n;
	tt_buf kb;
	buf_init(&kb, 4096);
	tt_rc rc = TT_OK;
	for (size_t i = 0; i < n && !rc; i++) {
		if (s[i] < '0' || s[i] > '9')
			continue;
		if (i > 0) {
			int32_t pc;
			sc_next(s, n, sc_prev(s, i), &pc);
			if (sc_is_letter(pc) || sc_is_digit(pc) || strchr("/.,-:()", (int)pc)) {
				while (i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')
					i++;
				continue;
			}
		}
		size_t j = i;
		long v = sc_digits(s, n, &j, 7);
		/* "1.245 tin": a dot before exactly three digits groups thousands
		 * (Vietnamese writes 1,2 for a decimal). */
		while (v >= 0 && j - i <= 3 && j + 3 < n && s[j] == '.' && s[j + 1] >= '0' &&
		       s[j + 1] <= '9') {
			size_t q = j + 1;
			long g = sc_digits(s, n, &q, 3);
			if (g < 0 || q - j != 4 || (q < n && s[q] >= '0' && s[q] <= '9') || v > 999999)
				break;
			v = v * 1000 + g;
			j = q;
		}
		if (v < 0 || j >= n || s[j] != ' ' || (v >= 1900 && v <= 2100 && j - i == 4)) {
			i = j;
			continue;
		}
		size_t pl, pb = prev_word(s, i, &pl);
		if (pl &&
		    in_list(s + pb, pl, count_blockers, sizeof count_blockers / sizeof count_blockers[0])) {
			i = j;
			continue;
		}
		/* The unit: up to five lower-case words before a stop word. */
		size_t u = j + 1, ue = u;
		int words = 0;
		while (u < n && words < 5) {
			size_t wl = word_at(s, n, u);
			if (!wl)
				break;
			int32_t cp;
			sc_next(s, n, u, &cp);
			if (!sc_is_lower(cp))
				break;
			/* "đoàn ra", "đoàn vào" (outgoing, incoming delegations) are
			 * units of their own, though "ra" and "vào" end other units. */
			int delegation =
			    words == 1 && sc_prefix(s + j + 1, ue - j - 1, "đoàn") == ue - j - 1 &&
			    (sc_prefix(s + u, wl, "ra") == wl || sc_prefix(s + u, wl, "vào") == wl);
			if (!delegation &&
			    in_list(s + u, wl, unit_stops, sizeof unit_stops / sizeof unit_stops[0]))
				break;
			if (words && phrase_stop(s + u, n - u))
				break;
			/* A bold span that closed before this word ended the unit. */
			int closed = 0;
			for (unsigned q = 0; q < l->nemph && words; q++)
				closed |= l->emph[q] > j && l->emph[q] <= u;
			if (closed)
				break;
			if (!words &&
			    in_list(s + u, wl, time_units, sizeof time_units / sizeof time_units[0]))
				break;
			words++;
			ue = u + wl;
			if (ue < n && s[ue] == ' ')
				u = ue + 1;
			else
				break;
		}
		if (words) {
			doc_figure *f = DOC_PUSH(&d->figures);
			if (!f) {
				rc = TT_ERR_NOMEM;
				break;
			}
			f->count = v;
			f->unit = doc_strndup(d, s + j + 1, ue - j - 1);
			f->text = doc_strndup(d, s + i, ue - i);
			if (!f->unit || !f->text)
				rc = TT_ERR_NOMEM;
		}
		i = j;
	}
	buf_free(&kb);
	return rc;
}

/* ---- reporting rules ---------------------------------------------------- */

/* The last period word in s[a..b): 6 tháng -> half-year, quý -> quarter,
 * (hằng) tháng -> month, năm -> year. Returns 1 and sets *p if found. */
static int period_in(const char *s, size_t a, size_t b, doc_period *p, size_t *pos)
{
	size_t best = (size_t)-1;
	int found = 0;
	static const struct {
		const char *w;
		doc_period p;
	} words[] = {
	    {"6 tháng", RP_HALF}, {"06 tháng", RP_HALF}, {"sáu tháng", RP_HALF},
	    {"quý", RP_QUARTER},  {"tháng", RP_MONTH},   {"năm", RP_YEAR},
	};
	for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
		for (size_t at = a; (at = sc_find(s, b, at, words[w].w)) != (size_t)-1; at++) {
			size_t k = sc_word(s + at, b - at, words[w].w);
			if (!k)
				continue;
			/* "9 tháng" is no period of the contract; "6 tháng" is found by
			 * its own entry and must not be read as a month. */
			if (words[w].p == RP_MONTH && at >= 2 && s[at - 1] == ' ' && s[at - 2] >= '0' &&
			    s[at - 2] <= '9')
				continue;
			/* "6 tháng đầu năm": the year word belongs to the half-year. */
			if (words[w].p == RP_YEAR && at >= 4 &&
			    sc_find(s, at, at > 20 ? at - 20 : a, "tháng đầu") != (size_t)-1)
				continue;
			if (!found || at > best || (at == best && words[w].p == RP_HALF)) {
				if (found && words[w].p == RP_MONTH && *p == RP_HALF && at <= best + 8)
					continue;
				best = at;
				*p = words[w].p;
				found = 1;
			}
		}
	}
	if (found && pos)
		*pos = best;
	return found;
}

/* Skips a heading label ("1.", "IV.", "2.1.") at the start of a line. */
static size_t skip_label(const char *s, size_t n)
{
	size_t i = sc_word(s, n, "điều");
	if (i)
		i = sc_skip_space(s, n, i);
	while (i < n && (strchr("0123456789.IVX)", s[i]) != NULL))
		i++;
	if (i && i < n && s[i] == ' ' && (s[i - 1] == '.' || s[i - 1] == ')'))
		return i + 1;
	return 0;
}

static const char *subject_of(doc *d, const char *s, size_t n, size_t upto, size_t *len)
{
	size_t a = skip_label(s, n);
	while (a < upto) {
		size_t e = a;
		while (e < upto && s[e] != ';')
			e++;
		const char *c = s + a;
		size_t cn = e - a;
		bodies_strip_lead(&c, &cn);
		if (cn && bodies_is_head(c, cn)) {
			size_t k = bodies_cut(c, cn);
			if (k) {
				*len = k;
				return c;
			}
		}
		/* "..., Sở TT&TT đề nghị các cơ quan, đơn vị báo cáo ...": the
		 * bodies asked are the ones that report. */
		static const char *const asks[] = {"đề nghị", "yêu cầu", "giao"};
		for (size_t w = 0; w < sizeof asks / sizeof asks[0]; w++) {
			size_t p = sc_find(s, e, a, asks[w]);
			if (p == (size_t)-1)
				continue;
			const char *q = s + p + sc_prefix(s + p, e - p, asks[w]);
			size_t qn = (size_t)(s + e - q);
			sc_trim(&q, &qn, NULL);
			if (qn && bodies_is_head(q, qn)) {
				size_t k = bodies_cut(q, qn);
				if (k) {
					*len = k;
					return q;
				}
			}
		}
		a = e + 1;
	}
	return NULL;
}

static const char *addressee_of(const char *s, size_t n, size_t from, size_t due, size_t *len)
{
	size_t cs = due;
	while (cs > 0 && s[cs - 1] != ';')
		cs--;
	size_t at = (size_t)-1;
	for (size_t p = cs; (p = sc_find(s, due, p, "báo cáo")) != (size_t)-1; p++)
		at = p;
	if (at == (size_t)-1)
		at = sc_find(s, n, from, "báo cáo");
	if (at == (size_t)-1)
		return NULL;
	size_t j = at + sc_prefix(s + at, n - at, "báo cáo");
	/* The clause ends at ';' or '.' ending a sentence. */
	size_t end = j;
	while (end < n && s[end] != ';' && !(s[end] == '.' && (end + 1 == n || s[end + 1] == ' ')))
		end++;
	static const char *const to_words[] = {"về", "gửi", "lên", "cho"};
	size_t best = (size_t)-1, bl = 0;
	for (size_t w = 0; w < sizeof to_words / sizeof to_words[0]; w++) {
		size_t p = sc_find(s, end, j, to_words[w]);
		if (p != (size_t)-1 && p < best && sc_word(s + p, end - p, to_words[w])) {
			best = p;
			bl = sc_word(s + p, end - p, to_words[w]);
		}
	}
	if (best != (size_t)-1)
		j = best + bl;
	/* "gửi về Sở": both words lead in. */
	for (size_t w = 0; w < sizeof to_words / sizeof to_words[0]; w++) {
		size_t q = sc_skip_space(s, end, j);
		size_t k = sc_word(s + q, end - q, to_words[w]);
		if (k)
			j = q + k;
	}
	/* "(trước 15/6)" after the addressee ends it as well. */
	size_t tr = sc_find(s, end, j, "trước");
	if (tr != (size_t)-1)
		end = tr;
	const char *c = s + j;
	size_t cn = end - j;
	sc_trim(&c, &cn, "(,;:.");
	for (size_t w = 0; w < 2; w++) {
		static const char *const lead[] = {"kết quả", "tình hình"};
		size_t k = sc_word(c, cn, lead[w]);
		if (k) {
			c += k;
			cn -= k;
			sc_trim(&c, &cn, ",");
		}
	}
	cn = bodies_cut(c, cn);
	if (!cn)
		return NULL;
	*len = cn;
	return c;
}

tt_rc facts_rules(doc *d, const char *s, size_t n)
{
	if (sc_find(s, n, 0, "báo cáo") == (size_t)-1 || sc_find(s, n, 0, "trước") == (size_t)-1)
		return TT_OK;
	size_t window = 0, first_period = (size_t)-1, first_due = (size_t)-1;
	size_t start_rules = d->rules.n;
	for (size_t at = 0; (at = sc_find(s, n, at, "trước")) != (size_t)-1;) {
		size_t j = sc_skip_space(s, n, at + sc_prefix(s + at, n - at, "trước"));
		int y, m, dd;
		size_t dl = date_parse(s + j, n - j, DATE_YEAR_OPTIONAL, &y, &m, &dd);
		if (!dl || !m || !dd) {
			at = j;
			continue;
		}
		/* "trước ngày 15/6 và 05/12": one deadline per period named before
		 * it ("định kỳ 6 tháng, năm báo cáo ..."), paired in order. */
		int dm[4] = {m}, ddd[4] = {dd}, ndates = 1;
		size_t e = j + dl;
		while (ndates < 4) {
			size_t q = sc_skip_space(s, n, e), k;
			if (q < n && s[q] == ',')
				q = sc_skip_space(s, n, q + 1);
			else if ((k = sc_word(s + q, n - q, "và")) != 0)
				q = sc_skip_space(s, n, q + k);
			else
				break;
			int y2, m2, d2;
			size_t l2 = date_parse(s + q, n - q, DATE_YEAR_OPTIONAL, &y2, &m2, &d2);
			if (!l2 || !m2 || !d2)
				break;
			dm[ndates] = m2;
			ddd[ndates] = d2;
			ndates++;
			e = q + l2;
		}
		doc_period p, ps[4];
		/* The period words sit in the same clause, which may be long when the
		 * addressee comes first: look back to the clause's start. */
		size_t a = at > 160 && at - 160 > window ? at - 160 : window;
		for (size_t q = at; q > a; q--)
			if (s[q - 1] == ';' || (s[q - 1] == ' ' && q >= 2 && s[q - 2] == '.')) {
				a = q;
				break;
			}
		while (a > window && ((unsigned char)s[a] & 0xC0) == 0x80)
			a--;
		int np = 0;
		if (ndates > 1) {
			size_t b = at, pos;
			while (np < ndates && period_in(s, a, b, &ps[ndates - 1 - np], &pos)) {
				np++;
				b = pos;
			}
		}
		int ok = period_in(s, a, at, &p, NULL);
		if (!ok) {
			/* "... trước ngày 15/6 (báo cáo 6 tháng)" */
			size_t e2 = e + 40 < n ? e + 40 : n;
			ok = period_in(s, e, e2, &p, NULL);
		}
		/* An official letter asking for a report states the period in its
		 * summary line ("V/v báo cáo ... 6 tháng đầu năm 2025"). */
		if (!ok && d->kind && !strcmp(d->kind, "CV") && d->title)
			ok = period_in(d->title, 0, strlen(d->title), &p, NULL);
		window = np == ndates && ndates > 1 ? e : j + dl;
		at = window;
		if (!ok)
			continue;
		if (first_period == (size_t)-1) {
			first_period = a;
			first_due = at;
		}
		int nr = np == ndates && ndates > 1 ? ndates : 1;
		for (int r_i = 0; r_i < nr; r_i++) {
			doc_rule *r = DOC_PUSH(&d->rules);
			if (!r)
				return TT_ERR_NOMEM;
			r->period = nr > 1 ? ps[r_i] : p;
			r->due_month = dm[r_i];
			r->due_day = ddd[r_i];
		}
	}
	if (d->rules.n == start_rules)
		return TT_OK;
	size_t fl = 0, tl = 0;
	const char *from = subject_of(d, s, n, first_due, &fl);
	const char *to = addressee_of(s, n, first_period, first_due, &tl);
	const char *fs = from ? doc_strndup(d, from, fl) : NULL;
	const char *ts = to ? doc_strndup(d, to, tl) : NULL;
	for (size_t i = start_rules; i < d->rules.n; i++) {
		d->rules.v[i].from = fs;
		d->rules.v[i].to = ts;
	}
	return TT_OK;
}
