/* body.c - the body of an administrative document: its heading tree
 * (sections) and the plan's tasks, written as field blocks ("Cơ quan chủ
 * trì: ..."), as tables (tabbed, cell by cell, or flattened by portals) or
 * as sentences ("Giao Sở ... chủ trì, phối hợp với ..."). A stage of the
 * parser; see parse.c. */
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "text/bodies.h"
#include "text/parse_int.h"
#include "text/scan.h"
#include "text/timeframe.h"

/* ---- headings --------------------------------------------------------- */

enum { RANK_PART = 0, RANK_ROMAN = 1, RANK_NUM = 2, RANK_LETTER = 6 };

typedef struct {
	int rank;
	const char *label;
	size_t label_n;
	const char *text;
	size_t text_n;
	char buf[32]; /* label when it is rebuilt */
} heading;

static size_t roman_at(const char *s, size_t n, int *value)
{
	static const char *const r[] = {"XX", "XIX", "XVIII", "XVII", "XVI", "XV", "XIV", "XIII", "XII", "XI",
	                                "X",  "IX",  "VIII",  "VII",  "VI",  "V",  "IV",  "III",  "II",  "I"};
	for (size_t i = 0; i < sizeof r / sizeof r[0]; i++) {
		size_t l = strlen(r[i]);
		if (l <= n && !memcmp(s, r[i], l) &&
		    (l == n || !((s[l] >= 'A' && s[l] <= 'Z') || (s[l] >= 'a' && s[l] <= 'z')))) {
			*value = 20 - (int)i;
			return l;
		}
	}
	return 0;
}

/* After a label: ". ", ") ", " - ", ": " or ".  " then text. Returns the
 * offset of the text or 0. */
static size_t after_label(const char *s, size_t n, size_t i, int need_punct)
{
	size_t j = i;
	if (j < n && (s[j] == '.' || s[j] == ')' || s[j] == ':'))
		j++;
	else if (j + 2 < n && s[j] == ' ' && (s[j + 1] == '-' || s[j + 1] == ':') && s[j + 2] == ' ')
		j += 2;
	else if (j + 4 < n && s[j] == ' ' && !memcmp(s + j + 1, "–", 3))
		j += 4;
	else if (need_punct)
		return 0;
	size_t t = sc_skip_space(s, n, j);
	if (t == j && j < n && need_punct)
		return 0; /* "1.Text" is fine only with the dot; "1.5" is not a label */
	if (t >= n)
		return 0;
	return t;
}

static int heading_of(const char *s, size_t n, heading *h)
{
	memset(h, 0, sizeof *h);
	size_t k, t;
	int v;
	if ((k = sc_word(s, n, "phần")) || (k = sc_word(s, n, "chương"))) {
		size_t j = sc_skip_space(s, n, k);
		size_t rl = roman_at(s + j, n - j, &v);
		if (!rl) {
			size_t q = j;
			if (sc_digits(s, n, &q, 2) > 0)
				rl = q - j;
		}
		if (rl && (t = after_label(s, n, j + rl, 0)) != 0) {
			h->rank = RANK_PART;
			h->label = s;
			h->label_n = j + rl;
			h->text = s + t;
			h->text_n = n - t;
			return 1;
		}
		return 0;
	}
	if ((k = sc_word(s, n, "điều"))) {
		size_t j = sc_skip_space(s, n, k), q = j;
		if (sc_digits(s, n, &q, 3) > 0 && (t = after_label(s, n, q, 1)) != 0) {
			h->rank = RANK_NUM;
			h->label = s;
			h->label_n = q;
			h->text = s + t;
			h->text_n = n - t;
			return 1;
		}
		return 0;
	}
	size_t rl = roman_at(s, n, &v);
	if (rl && (t = after_label(s, n, rl, 1)) != 0) {
		h->rank = RANK_ROMAN;
		h->label = s;
		h->label_n = rl;
		h->text = s + t;
		h->text_n = n - t;
		return 1;
	}
	if (s[0] >= '0' && s[0] <= '9') {
		size_t j = 0;
		int depth = 0;
		for (;;) {
			size_t q = j;
			long num = sc_digits(s, n, &q, 2);
			if (num < 0 || (q < n && s[q] >= '0' && s[q] <= '9'))
				return 0;
			j = q;
			if (j + 1 < n && s[j] == '.' && s[j + 1] >= '0' && s[j + 1] <= '9' && depth < 3) {
				j++;
				depth++;
				continue;
			}
			break;
		}
		t = after_label(s, n, j, depth == 0);
		if (!t)
			return 0;
		/* "1." followed by a lower-case word is a sentence fragment, and
		 * "2017." ended above; headings start with a capital or a quote. */
		int32_t cp;
		sc_next(s, n, t, &cp);
		if (sc_is_lower(cp))
			return 0;
		if (j < n && s[j] == ')' && depth)
			return 0;
		h->rank = RANK_NUM + depth;
		h->label = s;
		h->label_n = j;
		h->text = s + t;
		h->text_n = n - t;
		return 1;
	}
	{
		int32_t cp;
		size_t l = sc_next(s, n, 0, &cp);
		if ((cp >= 'a' && cp <= 'z') || cp == 0x0111) {
			if (l < n && s[l] == ')' && (t = after_label(s, n, l, 1)) != 0) {
				h->rank = RANK_LETTER;
				h->label = s;
				h->label_n = l;
				h->text = s + t;
				h->text_n = n - t;
				return 1;
			}
		}
	}
	return 0;
}

static int is_heading_start(const pline *l)
{
	heading h;
	return !l->bullet && !l->footnote && heading_of(l->s, l->n, &h);
}

int body_heading_start(const pline *l)
{
	return is_heading_start(l);
}

/* ---- body: headings and tasks ----------------------------------------- */

enum { F_NONE, F_LEAD, F_COORD, F_TIME };

/* "Cơ quan chủ trì (theo chức năng ...): Sở ..." -> F_LEAD, value offset. */
static int field_of(pctx *c, const pline *l, size_t *val)
{
	size_t colon = NONE;
	int depth = 0;
	for (size_t i = 0; i < l->n && i < 240; i++) {
		if (l->s[i] == '(')
			depth++;
		else if (l->s[i] == ')' && depth)
			depth--;
		else if (l->s[i] == ':' && !depth) {
			colon = i;
			break;
		}
	}
	if (colon == NONE)
		return F_NONE;
	const char *key = sc_key(l->s, colon, &c->kb);
	static const char *const openers[] = {"co quan",  "don vi",  "chu tri", "phoi hop",  "thoi gian",
	                                      "thoi han", "tien do", "bo phan", "dia phuong"};
	int ok = 0;
	for (size_t i = 0; i < sizeof openers / sizeof openers[0] && !ok; i++)
		ok = sc_key_starts(key, openers[i]);
	/* "Thời gian chốt số liệu" is a reporting window, not a task's time. */
	if (!ok || strlen(key) > 120 || sc_key_has(key, "chot so lieu"))
		return F_NONE;
	*val = colon + 1;
	if (sc_key_starts(key, "thoi gian") || sc_key_starts(key, "thoi han") ||
	    sc_key_starts(key, "tien do"))
		return F_TIME;
	if (sc_key_has(key, "phoi hop"))
		return F_COORD;
	if (sc_key_has(key, "chu tri") || sc_key_has(key, "thuc hien"))
		return F_LEAD;
	return F_NONE;
}

/* The open headings, innermost last, with their ranks. */
typedef struct sect_stack_s {
	int idx[8];
	int rank[8];
	int depth;
} sect_stack;

static tt_rc push_section(pctx *c, sect_stack *ss, const heading *h)
{
	doc *d = c->d;
	while (ss->depth > 0 && ss->rank[ss->depth - 1] >= h->rank)
		ss->depth--;
	if (ss->depth == 8)
		ss->depth = 7;
	const char *text = h->text;
	size_t tn = h->text_n;
	/* "1. Ưu điểm: BQLKKT tỉnh đã ..." -> heading "Ưu điểm". */
	for (size_t i = 0; i < tn && i < 160; i++)
		if (text[i] == ':' && i + 1 < tn) {
			tn = i;
			break;
		}
	sc_trim(&text, &tn, ":;.,/");
	doc_section *s = DOC_PUSH(&d->sections);
	if (!s)
		return TT_ERR_NOMEM;
	const char *lab = h->label;
	size_t ln = h->label_n;
	s->label = doc_strndup(d, lab, ln);
	s->heading = doc_strndup(d, text, tn);
	s->level = ss->depth + 1;
	s->parent = ss->depth ? ss->idx[ss->depth - 1] : -1;
	if (!s->label || !s->heading)
		return TT_ERR_NOMEM;
	ss->idx[ss->depth] = (int)(d->sections.n - 1);
	ss->rank[ss->depth] = h->rank;
	ss->depth++;
	return TT_OK;
}

/* The label a task takes: the deepest numbered (not lettered) heading. */
static const char *task_label(pctx *c, const sect_stack *ss)
{
	for (int i = ss->depth - 1; i >= 0; i--)
		if (ss->rank[i] < RANK_LETTER)
			return c->d->sections.v[ss->idx[i]].label;
	return NULL;
}

/* ---- tables of tasks ----------------------------------------------------- */

/* Plans often give their tasks as a table: "TT | Nội dung | Cơ quan chủ trì |
 * Cơ quan phối hợp | Thời gian". Converted text keeps a row on one line with
 * tabs between cells, or puts each cell on its own line (Word tables read
 * cell by cell). */
enum { TC_OTHER, TC_LABEL, TC_CONTENT, TC_LEAD, TC_COORD, TC_TIME };
#define TC_MAX 12

typedef struct tcols_s {
	int kind[TC_MAX];
	int ncol;
	int tabbed;
} tcols;

static int column_kind(pctx *c, const pline *l)
{
	if (l->n > 80)
		return -1;
	const char *k = sc_key(l->s, l->n, &c->kb);
	if (!strcmp(k, "tt") || !strcmp(k, "stt") || sc_key_starts(k, "so tt") ||
	    sc_key_starts(k, "so thu tu"))
		return TC_LABEL;
	if (sc_key_starts(k, "thoi gian") || sc_key_starts(k, "thoi han") || sc_key_starts(k, "tien do") ||
	    sc_key_starts(k, "thoi diem"))
		return TC_TIME;
	if (sc_key_has(k, "phoi hop"))
		return TC_COORD;
	if (sc_key_has(k, "chu tri") || sc_key_has(k, "thuc hien") || sc_key_starts(k, "co quan") ||
	    sc_key_starts(k, "don vi"))
		return TC_LEAD;
	if (sc_key_starts(k, "noi dung") || sc_key_starts(k, "nhiem vu") || sc_key_starts(k, "ten ") ||
	    sc_key_starts(k, "hoat dong") || sc_key_starts(k, "cong viec") ||
	    sc_key_starts(k, "chuong trinh"))
		return TC_CONTENT;
	return TC_OTHER;
}

/* "1", "2.", "1.2", "IV": the row number cell of a task table. */
static int bare_label(const pline *l)
{
	if (l->n > 8 || l->bullet || l->footnote)
		return 0;
	size_t i = 0;
	int v;
	if (l->s[0] >= '0' && l->s[0] <= '9') {
		while (i < l->n && ((l->s[i] >= '0' && l->s[i] <= '9') || l->s[i] == '.'))
			i++;
	} else {
		i = roman_at(l->s, l->n, &v);
		if (i && i < l->n && l->s[i] == '.')
			i++;
	}
	return i && i == l->n;
}

/* If a task table's header row starts at line i, fills *tc (when not NULL)
 * and returns the number of lines it takes; 0 otherwise. */
static size_t table_header_at(pctx *c, size_t i, size_t to, tcols *tc)
{
	tcols t;
	memset(&t, 0, sizeof t);
	if (i >= to)
		return 0;
	const pline *l = &c->L[i];
	if (l->footnote || l->bullet)
		return 0;
	size_t j = i;
	if (l->col == 0 && l->cells >= 3) {
		t.tabbed = 1;
		t.ncol = l->cells < TC_MAX ? l->cells : TC_MAX;
		for (; j < to && c->L[j].row == l->row; j++) {
			int k = column_kind(c, &c->L[j]);
			if (k < 0)
				return 0;
			if (c->L[j].col < TC_MAX)
				t.kind[c->L[j].col] = k;
		}
	} else if (l->cells == 1 && l->n <= 12 && column_kind(c, l) == TC_LABEL) {
		/* (Short first: this runs on every body line.) */
		/* One cell per line: the header is the run of short column names
		 * after "TT", up to the first row number. */
		t.kind[t.ncol++] = TC_LABEL;
		for (j = i + 1; j < to && t.ncol < TC_MAX; j++) {
			const pline *x = &c->L[j];
			if (x->cells != 1 || x->bullet || x->footnote || bare_label(x) || x->n > 60)
				break;
			int k = column_kind(c, x);
			if (k < 0)
				break;
			t.kind[t.ncol++] = k;
		}
	} else {
		return 0;
	}
	int content = 0, lead = 0, time = 0;
	for (int k = 0; k < t.ncol; k++) {
		content += t.kind[k] == TC_CONTENT;
		lead += t.kind[k] == TC_LEAD;
		time += t.kind[k] == TC_TIME;
	}
	if (t.ncol < 3 || !content || !(lead || time))
		return 0;
	if (tc)
		*tc = t;
	return j - i;
}

/* The text of lines [a, b) joined with spaces, in the doc arena. */
static const char *join_lines(pctx *c, size_t a, size_t b, size_t *len)
{
	size_t n = 0;
	for (size_t k = a; k < b; k++)
		n += c->L[k].n + 1;
	char *s = arena_alloc(&c->d->arena, n + 1);
	if (!s)
		return NULL;
	size_t o = 0;
	for (size_t k = a; k < b; k++) {
		if (o)
			s[o++] = ' ';
		memcpy(s + o, c->L[k].s, c->L[k].n);
		o += c->L[k].n;
	}
	s[o] = '\0';
	*len = o;
	return s;
}

typedef struct {
	size_t a, b; /* lines of one cell; a == b when empty */
} tcell;

static tt_rc table_task(pctx *c, const sect_stack *ss, const tcols *tc, const tcell *cell)
{
	doc *d = c->d;
	const char *txt[TC_MAX];
	size_t len[TC_MAX];
	int has_body = 0;
	for (int k = 0; k < tc->ncol; k++) {
		txt[k] = NULL;
		len[k] = 0;
		if (cell[k].a < cell[k].b) {
			txt[k] = join_lines(c, cell[k].a, cell[k].b, &len[k]);
			if (!txt[k])
				return TT_ERR_NOMEM;
			has_body |= tc->kind[k] == TC_CONTENT || tc->kind[k] == TC_LEAD;
		}
	}
	if (!has_body)
		return TT_OK;
	doc_task *t = DOC_PUSH(&d->tasks);
	if (!t)
		return TT_ERR_NOMEM;
	t->label = task_label(c, ss);
	t->content = "";
	tt_rc rc = TT_OK;
	for (int k = 0; k < tc->ncol && !rc; k++) {
		const char *v = txt[k];
		size_t vn = len[k];
		if (!v)
			continue;
		switch (tc->kind[k]) {
		case TC_LABEL:
			/* The row number is the task's own number in the plan. */
			sc_trim(&v, &vn, ".");
			if (vn && (t->label = doc_strndup(d, v, vn)) == NULL)
				rc = TT_ERR_NOMEM;
			break;
		case TC_CONTENT:
			if (!*t->content)
				t->content = v;
			break;
		case TC_LEAD: rc = bodies_split(d, v, vn, &t->lead); break;
		case TC_COORD: rc = bodies_split(d, v, vn, &t->coordinating); break;
		case TC_TIME:
			sc_trim(&v, &vn, ".;");
			if (!t->has_timeframe && vn) {
				t->has_timeframe = 1;
				t->timeframe.text = doc_strndup(d, v, vn);
				if (!t->timeframe.text)
					rc = TT_ERR_NOMEM;
				tf_parse(v, vn, d->year, &t->timeframe);
			}
			break;
		default: break;
		}
	}
	return rc;
}

/* Reads the rows after a header of hl lines at *pi; leaves *pi on the last
 * line it consumed. */
static tt_rc parse_table(pctx *c, size_t *pi, size_t to, const sect_stack *ss, const tcols *tc, size_t hl)
{
	size_t i = *pi + hl;
	tt_rc rc = TT_OK;
	while (i < to && !rc) {
		const pline *l = &c->L[i];
		tcell cell[TC_MAX];
		memset(cell, 0, sizeof cell);
		size_t j = i;
		if (tc->tabbed) {
			if (l->col != 0 || l->cells < 2 || l->footnote)
				break;
			for (; j < to && c->L[j].row == l->row; j++)
				if (c->L[j].col < tc->ncol) {
					cell[c->L[j].col].a = j;
					cell[c->L[j].col].b = j + 1;
				}
		} else {
			if (!bare_label(l) || tc->kind[0] != TC_LABEL)
				break;
			cell[0].a = i;
			cell[0].b = i + 1;
			for (j = i + 1; j < to && j - i < 64; j++) {
				const pline *x = &c->L[j];
				if (x->footnote || x->cells != 1 || bare_label(x) || is_heading_start(x))
					break;
			}
			/* One line per cell, read from the end, so a content cell of
			 * several paragraphs takes the lines left over. */
			size_t nlines = j - (i + 1);
			int k = tc->ncol - 1;
			size_t e = j;
			while (k > 0 && e > i + 1) {
				int content = tc->kind[k] == TC_CONTENT;
				size_t extra =
				    nlines > (size_t)(tc->ncol - 1) ? nlines - (size_t)(tc->ncol - 1) : 0;
				size_t take = content ? 1 + extra : 1;
				if (take > e - (i + 1))
					take = e - (i + 1);
				cell[k].a = e - take;
				cell[k].b = e;
				e -= take;
				k--;
			}
		}
		if (j == i)
			break;
		rc = table_task(c, ss, tc, cell);
		i = j;
	}
	*pi = i - 1;
	return rc;
}

int body_table_starts(pctx *c, size_t i, size_t to)
{
	return table_header_at(c, i, to, NULL) != 0;
}

/* ---- tasks written as sentences ---------------------------------------- */

/* Decisions, announcements and plans also assign work in running text:
 * "Giao Sở A chủ trì, phối hợp với Sở B, Công an tỉnh tổ chức ...; thời gian
 * hoàn thành trước ngày 30/6/2024." Only the assignment shapes count, a
 * body opening the sentence (after "Giao", "Đề nghị", "Yêu cầu") followed by
 * "chủ trì" or "phối hợp với", or "Giao X ..." with an explicit completion
 * time; reports and news narrate ("BQLKKT tỉnh đã phối hợp với ...") and
 * give none. */
static int sentence_tasks_allowed(const doc *d)
{
	static const char *const narrative[] = {"BC", "other", "TTr", "BB"};
	for (size_t i = 0; i < sizeof narrative / sizeof narrative[0]; i++)
		if (!strcmp(d->kind, narrative[i]))
			return 0;
	return 1;
}

/* True if the word-bounded lit occurs in s[0..n) outside parentheses. */
static size_t word_in(const char *s, size_t n, const char *lit)
{
	for (size_t at = 0; (at = sc_find(s, n, at, lit)) != NONE; at++)
		if (sc_word(s + at, n - at, lit))
			return at;
	return NONE;
}

/* The actor phrase of a sentence: bodies_cut, and also before the verbs
 * "tổ chức", "quản lý" ("Công an tỉnh tổ chức ...", "Công an tỉnh quản lý
 * ..."), which in a list of names are nouns: capitalised, or after "các",
 * "và", "cơ quan", "ban" or a comma ("các cơ quan, tổ chức liên quan",
 * "Ban Quản lý Khu kinh tế"). */
static size_t sentence_cut(const char *s, size_t n)
{
	static const char *const verbs[] = {"tổ chức", "quản lý"};
	static const char *const nounish[] = {"các", "những", "và", "hoặc", "quan", "ban", "nhà", "cấp"};
	size_t k = bodies_cut(s, n), best = k;
	for (size_t v = 0; v < sizeof verbs / sizeof verbs[0]; v++) {
		size_t vl = strlen(verbs[v]);
		for (size_t at = 0; (at = sc_find(s, best, at, verbs[v])) != NONE; at++) {
			if (!at || at + vl > best || memcmp(s + at, verbs[v], vl) ||
			    !sc_word(s + at, best - at, verbs[v]))
				continue;
			size_t pb = at;
			while (pb > 0 && s[pb - 1] == ' ')
				pb--;
			if (pb > 0 && s[pb - 1] == ',')
				continue;
			size_t e = pb;
			while (pb > 0 && s[pb - 1] != ' ')
				pb--;
			int noun = 0;
			for (size_t q = 0; q < sizeof nounish / sizeof nounish[0] && !noun; q++)
				noun = sc_prefix(s + pb, e - pb, nounish[q]) == e - pb;
			if (noun)
				continue;
			best = at;
			break;
		}
	}
	return best < k ? bodies_cut(s, best) : k;
}

/* The completion time a clause states: "thời gian hoàn thành: ...",
 * "thời hạn ...", "hoàn thành trước ngày ...". Returns the value's offset
 * in the clause or NONE. */
static size_t explicit_time(const char *s, size_t n)
{
	static const char *const marks[] = {
	    "thời gian hoàn thành", "thời gian thực hiện", "thời hạn hoàn thành", "thời hạn",
	    "hoàn thành trước",     "hoàn thành trong",    "hoàn thành xong",     "hoàn thành"};
	for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++) {
		size_t at = word_in(s, n, marks[m]);
		if (at == NONE)
			continue;
		size_t v = at + sc_word(s + at, n - at, marks[m]);
		/* Keep "trước"/"trong" in the value: they set its kind. */
		if (!strcmp(marks[m], "hoàn thành trước") || !strcmp(marks[m], "hoàn thành trong"))
			v -= strlen(marks[m]) - strlen("hoàn thành");
		v = sc_skip_space(s, n, v);
		if (v < n && s[v] == ':')
			v = sc_skip_space(s, n, v + 1);
		/* "hoàn thành" with no time after it ("hoàn thành nhiệm vụ"). */
		if (!strcmp(marks[m], "hoàn thành")) {
			if (!sc_word(s + v, n - v, "trước") && !sc_word(s + v, n - v, "trong") &&
			    !sc_word(s + v, n - v, "năm") && !sc_word(s + v, n - v, "quý") &&
			    !sc_word(s + v, n - v, "tháng") && !sc_word(s + v, n - v, "ngày"))
				continue;
		}
		if (v < n)
			return v;
	}
	return NONE;
}

/* A time stated plainly in the assignment itself: "... trong năm 2024",
 * "... trước ngày 15/6", "... trong quý III/2024". Not in parentheses,
 * which hold reporting dates ("định kỳ 6 tháng (trước ngày 10/6)"). */
static size_t implicit_time(const char *s, size_t n)
{
	static const char *const marks[] = {"trong năm",  "trong quý",     "trong tháng",
	                                    "trước ngày", "trong 6 tháng", "trong sáu tháng"};
	if (word_in(s, n, "định kỳ") != NONE || word_in(s, n, "báo cáo") != NONE)
		return NONE;
	size_t best = NONE;
	for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++) {
		size_t at = word_in(s, n, marks[m]);
		if (at == NONE || at >= best)
			continue;
		int depth = 0;
		for (size_t q = 0; q < at; q++)
			depth += s[q] == '(' ? 1 : s[q] == ')' && depth ? -1 : 0;
		if (!depth)
			best = at;
	}
	return best;
}

/* Length of the clause at s: up to a top-level ';' or a sentence end. */
static size_t clause_len(const char *s, size_t n)
{
	int depth = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && depth)
			depth--;
		else if (!depth && (s[i] == ';' || (s[i] == '.' && (i + 1 == n || s[i + 1] == ' ') &&
		                                    !(i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9'))))
			return i;
	}
	return n;
}

/* If s[0..n) assigns a task, appends it (label from ss) and sets *made. */
static tt_rc sentence_task(pctx *c, const sect_stack *ss, const char *s, size_t n, int *made)
{
	doc *d = c->d;
	*made = 0;
	if (n < 20 || n > 4000 || !sentence_tasks_allowed(d))
		return TT_OK;
	const char *p = s;
	size_t pn = n;
	sc_trim(&p, &pn, NULL);
	int assigned = sc_word(p, pn, "giao") || sc_word(p, pn, "đề nghị") || sc_word(p, pn, "yêu cầu");
	/* Most lines assign nothing: a byte search rules them out cheaply. */
	if (!assigned && !memmem(p, pn, "hủ trì", strlen("hủ trì")) &&
	    !memmem(p, pn, "hối hợp", strlen("hối hợp")))
		return TT_OK;
	bodies_strip_lead(&p, &pn);
	/* "2. Sở Ngoại vụ" / "- Chủ trì, phối hợp với ...": the heading above
	 * names the actor when it is a body's name and nothing more. */
	const char *hs = NULL;
	size_t hn = 0;
	if (pn && sc_word(p, pn, "chủ trì") && ss->depth > 0) {
		const char *h = d->sections.v[ss->idx[ss->depth - 1]].heading;
		size_t n0 = strlen(h);
		if (n0 && n0 < 200 && bodies_is_head(h, n0) && bodies_cut(h, n0) == n0) {
			hs = h;
			hn = n0;
		}
	}
	if (!pn || (!hs && !bodies_is_head(p, pn)))
		return TT_OK;
	size_t first = clause_len(p, pn);
	size_t al = hs ? 0 : sentence_cut(p, first);
	if (hs) {
		/* The lead list comes from the heading; the sentence starts at
		 * its verb. */
	} else if (!al || al > 300)
		return TT_OK;
	/* Narrative: "BQLKKT tỉnh đã phối hợp với ...". */
	static const char *const past[] = {"đã",  "đang", "vừa", "được", "cũng",
	                                   "đều", "sẽ",   "là",  "thì",  "cùng"};
	for (size_t i = 0; i < sizeof past / sizeof past[0]; i++)
		if (word_in(p, al, past[i]) != NONE)
			return TT_OK;
	size_t v = al;
	while (v < first && (p[v] == ' ' || p[v] == ','))
		v++;
	const char *coord = NULL;
	size_t cn = 0;
	int lead_verb = 0;
	size_t k;
	if ((k = sc_word(p + v, first - v, "chủ trì")) != 0) {
		lead_verb = 1;
		v += k;
		/* "chủ trì cuộc họp": who chaired a meeting, no task. */
		size_t w = sc_skip_space(p, first, v);
		static const char *const meeting[] = {"cuộc", "buổi", "phiên", "họp"};
		for (size_t i = 0; i < sizeof meeting / sizeof meeting[0]; i++)
			if (sc_word(p + w, first - w, meeting[i]))
				return TT_OK;
		while (v < first && (p[v] == ' ' || p[v] == ','))
			v++;
	}
	if ((k = sc_word(p + v, first - v, "phối hợp với")) != 0 ||
	    (k = sc_word(p + v, first - v, "phối hợp cùng")) != 0) {
		lead_verb = 1;
		coord = p + v + k;
		cn = first - v - k;
		sc_trim(&coord, &cn, NULL);
		if (cn && bodies_is_head(coord, cn))
			cn = sentence_cut(coord, cn);
		else
			cn = 0;
	}
	/* The time: a later clause or the assignment itself. */
	const char *tv = NULL;
	size_t tn = 0;
	int explicit = 0;
	for (size_t at = 0; at < pn && !tv;) {
		size_t cl = clause_len(p + at, pn - at);
		size_t q = explicit_time(p + at, cl);
		if (q != NONE) {
			tv = p + at + q;
			tn = cl - q;
			explicit = 1;
		} else if (at == 0 && (q = implicit_time(p, cl)) != NONE) {
			tv = p + q;
			tn = cl - q;
		}
		at += cl + 1;
	}
	if (!lead_verb && !(assigned && explicit))
		return TT_OK;
	doc_task *t = DOC_PUSH(&d->tasks);
	if (!t)
		return TT_ERR_NOMEM;
	t->label = task_label(c, ss);
	const char *ct = s;
	size_t ctn = (size_t)(p - s) + first;
	sc_trim(&ct, &ctn, ".;,");
	t->content = doc_strndup(d, ct, ctn);
	if (!t->content)
		return TT_ERR_NOMEM;
	tt_rc rc = hs ? bodies_split(d, hs, hn, &t->lead) : bodies_split(d, p, al, &t->lead);
	if (!rc && cn)
		rc = bodies_split(d, coord, cn, &t->coordinating);
	if (!rc && tv) {
		sc_trim(&tv, &tn, ".;,");
		if (tn) {
			t->has_timeframe = 1;
			t->timeframe.text = doc_strndup(d, tv, tn);
			if (!t->timeframe.text)
				return TT_ERR_NOMEM;
			tf_parse(tv, tn, d->year, &t->timeframe);
		}
	}
	*made = 1;
	return rc;
}

tt_rc body_read(pctx *c, size_t from, size_t to)
{
	doc *d = c->d;
	tt_rc rc = TT_OK;
	sect_stack ss;
	memset(&ss, 0, sizeof ss);
	doc_task *cur = NULL; /* index-stable only until the next push */
	size_t cur_i = NONE;
	tt_buf content;
	buf_init(&content, 1 << 20);
	int after_fields = 0;
	int from_heading = 0; /* content holds only a heading's text */

	for (size_t i = from; i < to && !rc; i++) {
		const pline *l = &c->L[i];
		if (l->footnote) {
			rc = doc_strs_add(d, &d->footnotes, l->s, l->n);
			continue;
		}
		tcols tc;
		size_t hl = table_header_at(c, i, to, &tc);
		if (hl) {
			rc = parse_table(c, &i, to, &ss, &tc, hl);
			cur = NULL;
			buf_reset(&content);
			after_fields = 0;
			from_heading = 0;
			continue;
		}
		heading h;
		if (!l->bullet && heading_of(l->s, l->n, &h)) {
			/* A heading split over two lines: "I. MỤC ĐÍCH," / "YÊU CẦU". */
			if (h.rank == RANK_ROMAN && l->upper && i + 1 < to) {
				const pline *nx = &c->L[i + 1];
				if (nx->upper && !nx->bullet && !nx->footnote && nx->blank_before <= 1 &&
				    nx->n < 100 && nx->cells <= 1 && !table_header_at(c, i + 1, to, NULL) &&
				    !is_heading_start(nx) && tail_authority_line(nx) != 2) {
					size_t tn = (size_t)(l->s + l->n - h.text);
					char *j = arena_alloc(&d->arena, tn + 1 + nx->n + 1);
					if (!j) {
						rc = TT_ERR_NOMEM;
						break;
					}
					memcpy(j, h.text, tn);
					j[tn] = ' ';
					memcpy(j + tn + 1, nx->s, nx->n);
					j[tn + 1 + nx->n] = '\0';
					h.text = j;
					h.text_n = tn + 1 + nx->n;
					i++;
				}
			}
			if (c->first_heading == c->tail_start && i < c->tail_start)
				c->first_heading = i;
			rc = push_section(c, &ss, &h);
			cur = NULL;
			buf_reset(&content);
			int made = 0;
			/* "2. Giao Sở ... chủ trì ...": a numbered item that is itself
			 * an assignment. */
			if (!rc && !l->upper && h.rank >= RANK_NUM)
				rc = sentence_task(c, &ss, h.text, h.text_n, &made);
			if (made) {
				cur_i = d->tasks.n - 1;
				cur = &d->tasks.v[cur_i];
				after_fields = 1;
				from_heading = 0;
				continue;
			}
			if (!rc)
				rc = buf_add(&content, h.text, h.text_n);
			after_fields = 0;
			from_heading = 1;
			continue;
		}
		size_t val = 0;
		int f = field_of(c, l, &val);
		if (f == F_NONE) {
			int made = 0;
			rc = sentence_task(c, &ss, l->s, l->n, &made);
			if (made) {
				cur_i = d->tasks.n - 1;
				cur = &d->tasks.v[cur_i];
				buf_reset(&content);
				after_fields = 1;
				from_heading = 0;
				continue;
			}
			/* A bullet under a heading is the task itself; the heading
			 * names the group and survives as the task's label. */
			if (after_fields || !content.len || (l->bullet && from_heading))
				buf_reset(&content);
			else if (!rc)
				rc = buf_addc(&content, ' ');
			if (!rc && content.len < (1u << 19))
				rc = buf_add(&content, l->s, l->n);
			if (rc == TT_ERR_TOO_LARGE)
				rc = TT_OK;
			cur = NULL;
			after_fields = 0;
			from_heading = 0;
			continue;
		}
		if (cur_i != NONE)
			cur = cur ? &d->tasks.v[cur_i] : NULL;
		int has = 0;
		if (cur)
			has = (f == F_LEAD && cur->lead.n) || (f == F_COORD && cur->coordinating.n) ||
			      (f == F_TIME && cur->has_timeframe);
		if (!cur || has) {
			doc_task *t = DOC_PUSH(&d->tasks);
			if (!t) {
				rc = TT_ERR_NOMEM;
				break;
			}
			cur_i = d->tasks.n - 1;
			cur = t;
			cur->label = task_label(c, &ss);
			cur->content = doc_strndup(d, content.data ? content.data : "", content.len);
			if (!cur->content) {
				rc = TT_ERR_NOMEM;
				break;
			}
		}
		const char *v = l->s + val;
		size_t vn = l->n - val;
		sc_trim(&v, &vn, NULL);
		if (f == F_LEAD)
			rc = bodies_split(d, v, vn, &cur->lead);
		else if (f == F_COORD)
			rc = bodies_split(d, v, vn, &cur->coordinating);
		else {
			sc_trim(&v, &vn, ".;");
			cur->has_timeframe = 1;
			cur->timeframe.text = doc_strndup(d, v, vn);
			tf_parse(v, vn, d->year, &cur->timeframe);
		}
		after_fields = 1;
	}
	buf_free(&content);
	return rc;
}
