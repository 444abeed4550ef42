/* official.c - the Decree 30 layout of ttdn's official documents: the
 * two-column header (issuing body | motto) as a borderless table with the
 * short rules, the type name and summary line, the body text justified with
 * a first-line indent, tables with borders, and the closing block of
 * recipients and signature. Sizes follow Decree 30/2020/NĐ-CP, appendix I. */
#include "render/official.h"

#include <string.h>
#include <strings.h>

#include "render/date.h"
#include "render/docx_write.h"
#include "text/number.h"

#define PT(x) ((x)*2) /* points to half-points */
#define LEFT_COL 3969 /* 7 cm: the issuing body */
#define INDENT DOCXW_CM(1.27)

static const docxw_font F13 = {.size = PT(13)};
static const docxw_font F13B = {.size = PT(13), .bold = 1};
static const docxw_font F12B = {.size = PT(12), .bold = 1};
static const docxw_font F14 = {.size = PT(14)};
static const docxw_font F14B = {.size = PT(14), .bold = 1};
static const docxw_font F14I = {.size = PT(14), .italic = 1};
static const docxw_font F12BI = {.size = PT(12), .bold = 1, .italic = 1};
static const docxw_font F11 = {.size = PT(11)};
static const docxw_font F13BT = {.size = PT(13), .bold = 1};

static const docxw_para CENTER = {.align = DOCXW_CENTER};

/* The place and date line: "Quảng Ngãi, ngày 05 tháng 02 năm 2027". */
static const char *place_date(tt_ctx *ctx, const docout_settings *s)
{
	tt_buf b;
	buf_init(&b, 256);
	buf_adds(&b, s->place);
	buf_adds(&b, ", ");
	date_vn_long(&b, s->date);
	const char *r = arena_strdup(ctx->arena, b.data ? b.data : "");
	buf_free(&b);
	return r;
}

/* "Số: 12/BC-SVHTTDL", or "Số:      /BC-UBND" for the clerk to fill. */
static const char *symbol_line(tt_ctx *ctx, const docout_settings *s, const char *type, const char *abbr)
{
	return arena_printf(ctx->arena, "Số: %s/%s-%s", *s->number ? s->number : "     ", type, abbr);
}

static void header(tt_ctx *ctx, docxw *d, const docout_issuer *iss, const docout_settings *s,
                   const char *type)
{
	int tw = docxw_text_width(0);
	int widths[2] = {LEFT_COL, tw - LEFT_COL};
	docxw_table_begin(d, widths, 2, 0);
	docxw_row_begin(d, 0);
	docxw_cell_begin(d, 0);
	if (iss->parent_line)
		docxw_p(d, &CENTER, &F13, iss->parent_line);
	docxw_p(d, &CENTER, &F13B, iss->issuer_line);
	docxw_rule(d, widths[0], 1134);
	docxw_p(d, &(docxw_para){.align = DOCXW_CENTER, .before = 60}, &F13,
	        symbol_line(ctx, s, type, iss->abbr));
	docxw_cell_end(d);
	docxw_cell_begin(d, 1);
	docxw_p(d, &CENTER, &F12B, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	docxw_p(d, &CENTER, &F13BT, "Độc lập - Tự do - Hạnh phúc");
	docxw_rule(d, widths[1], 3175);
	docxw_p(d, &(docxw_para){.align = DOCXW_CENTER, .before = 60}, &F14I, place_date(ctx, s));
	docxw_cell_end(d);
	docxw_row_end(d);
	docxw_table_end(d);
}

/* Type name, summary line (may hold "\n") and the rule under it. */
static void title(docxw *d, const char *type, const char *summary)
{
	docxw_p(d, &(docxw_para){.align = DOCXW_CENTER, .before = 360, .keep_next = 1}, &F14B, type);
	docxw_p(d, &(docxw_para){.align = DOCXW_CENTER, .keep_next = 1}, &F14B, summary);
	docxw_rule(d, docxw_text_width(0), 1701);
}

static const docxw_para BODY = {.align = DOCXW_JUSTIFY, .first_line = INDENT, .after = 120, .line = 276};

/* Body text: one justified paragraph per line of text. */
static void text(tt_ctx *ctx, docxw *d, const char *t)
{
	if (!t)
		return;
	for (const char *s = t; *s;) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		size_t k = n;
		while (k && (s[k - 1] == '\r' || s[k - 1] == ' '))
			k--;
		if (k)
			docxw_p(d, &BODY, &F14, arena_strndup(ctx->arena, s, k));
		if (!e)
			break;
		s = e + 1;
	}
}

static void heading(docxw *d, const char *t)
{
	docxw_p(
	    d,
	    &(docxw_para){
	        .align = DOCXW_JUSTIFY, .first_line = INDENT, .before = 120, .after = 120, .keep_next = 1},
	    &F14B, t);
}

static const char *roman(int i)
{
	static const char *const r[] = {"I",    "II",  "III",  "IV",    "V",   "VI",   "VII",
	                                "VIII", "IX",  "X",    "XI",    "XII", "XIII", "XIV",
	                                "XV",   "XVI", "XVII", "XVIII", "XIX", "XX"};
	return i >= 1 && i <= 20 ? r[i - 1] : "";
}

/* Recipients on the left, the signature on the right. */
static void closing(tt_ctx *ctx, docxw *d, const docout_settings *s)
{
	int tw = docxw_text_width(0);
	int widths[2] = {tw / 2 - 300, tw / 2 + 300};
	docxw_table_begin(d, widths, 2, 0);
	docxw_row_begin(d, 0);
	docxw_cell_begin(d, 0);
	docxw_p(d, &(docxw_para){.before = 240}, &F12BI, "Nơi nhận:");
	size_t nlines = 0, i = 0;
	for (const char *p = s->recipients; *p; p++)
		nlines += *p == '\n';
	nlines++;
	for (const char *p = s->recipients; *p; i++) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		while (n && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == ';' || p[n - 1] == '.'))
			n--;
		const char *l = p;
		while (n && (*l == '-' || *l == ' ')) {
			l++;
			n--;
		}
		if (n)
			docxw_p(d, NULL, &F11,
			        arena_printf(ctx->arena, "- %.*s%s", (int)n, l, i + 1 == nlines ? "." : ";"));
		if (!e)
			break;
		p = e + 1;
	}
	docxw_cell_end(d);
	docxw_cell_begin(d, 1);
	const docxw_para first = {.align = DOCXW_CENTER, .before = 240};
	int lines = 0;
	if (*s->authority) {
		docxw_p(d, &first, &F14B, docout_upper(ctx, s->authority));
		lines++;
	}
	if (*s->signer_title) {
		docxw_p(d, lines ? &CENTER : &first, &F14B, docout_upper(ctx, s->signer_title));
		lines++;
	}
	if (!lines)
		docxw_p(d, &first, &F14B, "");
	for (int k = 0; k < 4; k++)
		docxw_p(d, &CENTER, &F14, "");
	docxw_p(d, &CENTER, &F14B, *s->signer_name ? s->signer_name : "");
	docxw_cell_end(d);
	docxw_row_end(d);
	docxw_table_end(d);
}

static const char *number_text(tt_ctx *ctx, double v)
{
	tt_buf b;
	buf_init(&b, 64);
	const char *r = vn_number_format(&b, v) ? "" : arena_strdup(ctx->arena, b.data ? b.data : "");
	buf_free(&b);
	return r;
}

static void cell(docxw *d, size_t col, int align, const docxw_font *f, const char *t)
{
	docxw_cell_begin(d, col);
	docxw_p(d, &(docxw_para){.align = align, .before = 40, .after = 40}, f, t);
	docxw_cell_end(d);
}

static const docxw_font T13 = {.size = PT(13)};
static const docxw_font T13B = {.size = PT(13), .bold = 1};

static const char *text_of(const round_report_view *v, const char *key)
{
	for (size_t i = 0; i < v->ntexts; i++)
		if (!strcmp(v->texts[i].key, key))
			return v->texts[i].text;
	return NULL;
}

static int value_of(const round_report_view *v, const char *key, double *out)
{
	for (size_t i = 0; i < v->nvalues; i++)
		if (!strcmp(v->values[i].key, key)) {
			*out = v->values[i].value;
			return 1;
		}
	return 0;
}

static const char *short_date(tt_ctx *ctx, const char *iso)
{
	tt_buf b;
	buf_init(&b, 64);
	date_vn_short(&b, iso);
	const char *r = arena_strdup(ctx->arena, b.data ? b.data : "");
	buf_free(&b);
	return r;
}

/* The summary line under the type name does not repeat it: a round
 * titled "Báo cáo công tác ..." gives "Công tác ...", a plan titled "Kế
 * hoạch hoạt động ..." gives "Hoạt động ...". */
static const char *summary_of(tt_ctx *ctx, const char *title, const char *type)
{
	size_t n = strlen(type);
	if (strncasecmp(title, type, n) && strncmp(title, docout_upper(ctx, type), n))
		return title;
	const char *rest = title + n;
	if (*rest != ' ' || !rest[1])
		return title;
	rest++;
	/* Only an ASCII first letter is raised here; others stay as written. */
	if (rest[0] >= 'a' && rest[0] <= 'z')
		return arena_printf(ctx->arena, "%c%s", rest[0] - 'a' + 'A', rest + 1);
	return rest;
}

/* "Báo cáo công tác ..." -> "báo cáo công tác ..." inside a sentence. */
static const char *lower_first(tt_ctx *ctx, const char *s)
{
	if (s[0] >= 'A' && s[0] <= 'Z' && s[1] && !(s[1] >= 'A' && s[1] <= 'Z'))
		return arena_printf(ctx->arena, "%c%s", s[0] - 'A' + 'a', s + 1);
	if (!strncmp(s, "Báo cáo", strlen("Báo cáo")))
		return arena_printf(ctx->arena, "b%s", s + 1);
	return s;
}

/* "BÁO CÁO" and its summary line: the round's title and period. */
static void report_title(tt_ctx *ctx, docxw *d, const st_round *r)
{
	title(d, "BÁO CÁO",
	      arena_printf(ctx->arena, "%s\n(từ ngày %s đến ngày %s)", summary_of(ctx, r->title, "Báo cáo"),
	                   short_date(ctx, r->period_start), short_date(ctx, r->period_end)));
}

tt_rc official_report_docx(tt_ctx *ctx, const docout_report *dr, tt_buf *out)
{
	const round_report_view *v = &dr->view;
	docxw *d;
	tt_rc rc = docxw_new(&d);
	if (rc)
		return rc;
	header(ctx, d, &dr->issuer, &dr->set, "BC");
	report_title(ctx, d, &v->round);
	docxw_p(d, &(docxw_para){.align = DOCXW_CENTER, .before = 120, .after = 240}, &F14,
	        arena_printf(ctx->arena, "Kính gửi: %s.", dr->owner));
	text(ctx, d,
	     arena_printf(ctx->arena, "Thực hiện yêu cầu của %s về việc %s, %s báo cáo như sau:", dr->owner,
	                  lower_first(ctx, v->round.title), dr->issuer.name));
	int sec = 0;
	for (size_t i = 0; i < v->nsections; i++) {
		heading(d, arena_printf(ctx->arena, "%s. %s", roman(++sec),
		                        docout_upper(ctx, v->sections[i].heading)));
		const char *t = text_of(v, v->sections[i].key);
		if (t && *t)
			text(ctx, d, t);
		else
			text(ctx, d, "Không có nội dung báo cáo.");
	}
	if (v->ncounts) {
		heading(d, arena_printf(ctx->arena, "%s. SỐ LIỆU", roman(++sec)));
		int tw = docxw_text_width(0);
		int widths[4] = {DOCXW_CM(1.4), 0, DOCXW_CM(2.8), DOCXW_CM(3.2)};
		widths[1] = tw - widths[0] - widths[2] - widths[3];
		docxw_table_begin(d, widths, 4, 1);
		docxw_row_begin(d, 1);
		cell(d, 0, DOCXW_CENTER, &T13B, "STT");
		cell(d, 1, DOCXW_CENTER, &T13B, "Nội dung");
		cell(d, 2, DOCXW_CENTER, &T13B, "Đơn vị tính");
		cell(d, 3, DOCXW_CENTER, &T13B, "Số lượng");
		docxw_row_end(d);
		for (size_t k = 0; k < v->ncounts; k++) {
			double x;
			docxw_row_begin(d, 0);
			cell(d, 0, DOCXW_CENTER, &T13, arena_printf(ctx->arena, "%zu", k + 1));
			cell(d, 1, DOCXW_LEFT, &T13, v->counts[k].name);
			cell(d, 2, DOCXW_CENTER, &T13, v->counts[k].unit ? v->counts[k].unit : "");
			cell(d, 3, DOCXW_RIGHT, &T13,
			     value_of(v, v->counts[k].key, &x) ? number_text(ctx, x) : "");
			docxw_row_end(d);
		}
		docxw_table_end(d);
	}
	docxw_p(d, &(docxw_para){.align = DOCXW_JUSTIFY, .first_line = INDENT, .before = 240, .after = 120},
	        &F14, arena_printf(ctx->arena, "Trên đây là báo cáo của %s./.", dr->issuer.name));
	closing(ctx, d, &dr->set);
	rc = docxw_finish(d, 0, out);
	docxw_free(d);
	return rc;
}

/* "Thường xuyên", "Quý II/2027", or the timeframe as written. */
static const char *timeframe(tt_ctx *ctx, const st_plan_task *t)
{
	if (t->tf_text && *t->tf_text)
		return t->tf_text;
	if (t->tf_kind && !strcmp(t->tf_kind, "continuous"))
		return "Thường xuyên";
	if (t->tf_start && t->tf_end)
		return arena_printf(ctx->arena, "%s - %s", short_date(ctx, t->tf_start),
		                    short_date(ctx, t->tf_end));
	if (t->tf_end)
		return arena_printf(ctx->arena, "Trước %s", short_date(ctx, t->tf_end));
	return "";
}

static const char *phrases(tt_ctx *ctx, const plan_phrase *p, size_t n)
{
	tt_buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_adds(&b, "; ");
		buf_adds(&b, p[i].text ? p[i].text : "");
	}
	const char *r = arena_strdup(ctx->arena, b.data ? b.data : "");
	buf_free(&b);
	return r;
}

tt_rc official_plan_docx(tt_ctx *ctx, const docout_plan *dp, tt_buf *out)
{
	const plan_view *v = &dp->plan;
	docxw *d;
	tt_rc rc = docxw_new(&d);
	if (rc)
		return rc;
	header(ctx, d, &dp->issuer, &dp->set, "KH");
	const char *summary = summary_of(ctx, v->plan.title, "Kế hoạch");
	title(d, "KẾ HOẠCH", summary);
	docxw_p(d, &CENTER, &F14, "");
	for (size_t i = 0; i < dp->nbasis; i++) {
		const char *l = dp->basis[i];
		size_t n = strlen(l);
		while (n && (l[n - 1] == ';' || l[n - 1] == '.' || l[n - 1] == ',' || l[n - 1] == ' '))
			n--;
		docxw_p(
		    d, &(docxw_para){.align = DOCXW_JUSTIFY, .first_line = INDENT, .after = 120, .line = 276},
		    &F14I, arena_printf(ctx->arena, "%.*s%s", (int)n, l, i + 1 == dp->nbasis ? "." : ";"));
	}
	if (dp->nbasis)
		text(ctx, d,
		     arena_printf(ctx->arena, "%s ban hành Kế hoạch %s như sau:", dp->issuer.name,
		                  lower_first(ctx, summary)));
	heading(d, "I. NHIỆM VỤ CỤ THỂ");
	int tw = docxw_text_width(0);
	int widths[5] = {DOCXW_CM(1.4), 0, DOCXW_CM(3.2), DOCXW_CM(3.2), DOCXW_CM(2.6)};
	widths[1] = tw - widths[0] - widths[2] - widths[3] - widths[4];
	docxw_table_begin(d, widths, 5, 1);
	docxw_row_begin(d, 1);
	cell(d, 0, DOCXW_CENTER, &T13B, "STT");
	cell(d, 1, DOCXW_CENTER, &T13B, "Nội dung");
	cell(d, 2, DOCXW_CENTER, &T13B, "Cơ quan chủ trì");
	cell(d, 3, DOCXW_CENTER, &T13B, "Cơ quan phối hợp");
	cell(d, 4, DOCXW_CENTER, &T13B, "Thời gian thực hiện");
	docxw_row_end(d);
	int64_t group = -1;
	size_t no = 0;
	for (size_t i = 0; i < v->ntasks; i++) {
		const plan_task_view *t = &v->tasks[i];
		if (t->group && t->group->id != group) {
			group = t->group->id;
			docxw_row_begin(d, 0);
			const char *g = *t->group->label ? arena_printf(ctx->arena, "%s. %s", t->group->label,
			                                                t->group->heading)
			                                 : t->group->heading;
			cell(d, 0, DOCXW_CENTER, &T13B, *t->group->label ? t->group->label : "");
			cell(d, 1, DOCXW_LEFT, &T13B, *t->group->label ? t->group->heading : g);
			cell(d, 2, DOCXW_LEFT, &T13, "");
			cell(d, 3, DOCXW_LEFT, &T13, "");
			cell(d, 4, DOCXW_LEFT, &T13, "");
			docxw_row_end(d);
		}
		docxw_row_begin(d, 0);
		cell(d, 0, DOCXW_CENTER, &T13, arena_printf(ctx->arena, "%zu", ++no));
		cell(d, 1, DOCXW_JUSTIFY, &T13, t->task.text);
		cell(d, 2, DOCXW_LEFT, &T13, phrases(ctx, t->leads, t->nleads));
		cell(d, 3, DOCXW_LEFT, &T13, phrases(ctx, t->coords, t->ncoords));
		cell(d, 4, DOCXW_CENTER, &T13, timeframe(ctx, &t->task));
		docxw_row_end(d);
	}
	docxw_table_end(d);
	heading(d, "II. TỔ CHỨC THỰC HIỆN");
	text(ctx, d,
	     "Các cơ quan, đơn vị được giao chủ trì nhiệm vụ chủ động triển khai, báo cáo kết quả thực hiện "
	     "theo quy định./.");
	closing(ctx, d, &dp->set);
	rc = docxw_finish(d, 0, out);
	docxw_free(d);
	return rc;
}

/* The activities as a table as wide as tw: STT, Ngày, Loại hoạt động,
 * Nội dung, Đơn vị, Quốc gia/đối tác, Số người, with the totals. */
static void activity_table(tt_ctx *ctx, docxw *d, const docout_activities *a, int tw)
{
	int widths[7] = {DOCXW_CM(1.2), DOCXW_CM(3.0), DOCXW_CM(3.6), 0,
	                 DOCXW_CM(4.2), DOCXW_CM(3.2), DOCXW_CM(2.0)};
	widths[3] = tw - widths[0] - widths[1] - widths[2] - widths[4] - widths[5] - widths[6];
	docxw_table_begin(d, widths, 7, 1);
	docxw_row_begin(d, 1);
	static const char *const heads[] = {
	    "STT", "Ngày", "Loại hoạt động", "Nội dung", "Đơn vị", "Quốc gia/đối tác", "Số người"};
	for (size_t k = 0; k < 7; k++)
		cell(d, k, DOCXW_CENTER, &T13B, heads[k]);
	docxw_row_end(d);
	long long people = 0;
	for (size_t i = 0; i < a->nrows; i++) {
		const docout_activity *x = &a->rows[i];
		docxw_row_begin(d, 0);
		cell(d, 0, DOCXW_CENTER, &T13, arena_printf(ctx->arena, "%zu", i + 1));
		cell(d, 1, DOCXW_CENTER, &T13, x->date);
		cell(d, 2, DOCXW_LEFT, &T13, x->type);
		cell(d, 3, DOCXW_LEFT, &T13, x->title ? x->title : "");
		cell(d, 4, DOCXW_LEFT, &T13, x->org ? x->org : "");
		cell(d, 5, DOCXW_LEFT, &T13, x->countries);
		cell(d, 6, DOCXW_RIGHT, &T13, x->people >= 0 ? number_text(ctx, (double)x->people) : "");
		if (x->people > 0)
			people += x->people;
		docxw_row_end(d);
	}
	docxw_row_begin(d, 0);
	cell(d, 0, DOCXW_CENTER, &T13B, "");
	cell(d, 1, DOCXW_CENTER, &T13B, "TỔNG CỘNG");
	cell(d, 2, DOCXW_LEFT, &T13B, "");
	cell(d, 3, DOCXW_LEFT, &T13B, arena_printf(ctx->arena, "%zu hoạt động", a->nrows));
	cell(d, 4, DOCXW_LEFT, &T13B, "");
	cell(d, 5, DOCXW_LEFT, &T13B, "");
	cell(d, 6, DOCXW_RIGHT, &T13B, number_text(ctx, (double)people));
	docxw_row_end(d);
	docxw_table_end(d);
	if (a->truncated)
		docxw_p(
		    d, &(docxw_para){.before = 120}, &F14I,
		    arena_printf(ctx->arena, "(Chỉ liệt kê %d hoạt động đầu tiên.)", DOCOUT_MAX_ACTIVITIES));
}

/* "(từ ngày 15/12/2025 đến ngày 14/06/2026)", or the open ends said so. */
static const char *period_line(tt_ctx *ctx, const char *from, const char *to)
{
	if (from && to)
		return arena_printf(ctx->arena, "(từ ngày %s đến ngày %s)", short_date(ctx, from),
		                    short_date(ctx, to));
	if (from)
		return arena_printf(ctx->arena, "(từ ngày %s)", short_date(ctx, from));
	if (to)
		return arena_printf(ctx->arena, "(đến ngày %s)", short_date(ctx, to));
	return "(toàn bộ thời gian)";
}

tt_rc official_activities_docx(tt_ctx *ctx, const docout_activities *a, tt_buf *out)
{
	docxw *d;
	tt_rc rc = docxw_new(&d);
	if (rc)
		return rc;
	/* One landscape section: the header, the appendix title, the table. */
	header(ctx, d, &a->issuer, &a->set, "PL");
	docxw_p(d, &(docxw_para){.align = DOCXW_CENTER, .before = 360, .keep_next = 1}, &F14B, "PHỤ LỤC");
	docxw_p(d, &(docxw_para){.align = DOCXW_CENTER, .keep_next = 1}, &F14B,
	        "Danh sách hoạt động thông tin đối ngoại");
	docxw_p(d, &(docxw_para){.align = DOCXW_CENTER, .after = 240}, &F14I,
	        period_line(ctx, a->from, a->to));
	text(ctx, d,
	     arena_printf(ctx->arena,
	                  "%s tổng hợp %zu hoạt động thông tin đối ngoại ghi trong sổ hoạt động như sau:",
	                  a->issuer.name, a->nrows));
	activity_table(ctx, d, a, docxw_text_width(1));
	/* A paragraph between the two tables, or Word and LibreOffice join
	 * them into one. */
	docxw_p(d, NULL, &F14, "");
	closing(ctx, d, &a->set);
	rc = docxw_finish(d, 1, out);
	docxw_free(d);
	return rc;
}

tt_rc official_consolidated_docx(tt_ctx *ctx, const docout_consolidated *dc, tt_buf *out)
{
	const round_consolidated *c = &dc->cons;
	docxw *d;
	tt_rc rc = docxw_new(&d);
	if (rc)
		return rc;
	header(ctx, d, &dc->issuer, &dc->set, "BC");
	report_title(ctx, d, &c->round);
	docxw_p(d, &CENTER, &F14, "");
	text(ctx, d,
	     arena_printf(ctx->arena,
	                  "Tổng hợp báo cáo của %d/%d cơ quan, đơn vị đã gửi, %s báo cáo như sau:",
	                  c->submitted, c->expected, dc->issuer.name));
	int sec = 0;
	for (size_t i = 0; i < c->nsections; i++) {
		heading(d, arena_printf(ctx->arena, "%s. %s", roman(++sec),
		                        docout_upper(ctx, c->sections[i].heading)));
		if (dc->saved && dc->saved[i]) {
			/* The narrative the coordinator wrote in place of the
			 * bodies' texts. */
			text(ctx, d, dc->saved[i]);
			continue;
		}
		int any = 0;
		for (size_t k = 0; k < c->ntexts; k++) {
			const st_merged_text *t = &c->texts[k];
			if (strcmp(t->section_key, c->sections[i].key) || !t->text || !*t->text)
				continue;
			any = 1;
			docxw_p(
			    d,
			    &(docxw_para){
			        .align = DOCXW_JUSTIFY, .first_line = INDENT, .after = 120, .keep_next = 1},
			    &F14I, arena_printf(ctx->arena, "%s:", t->org_name));
			text(ctx, d, t->text);
		}
		if (!any)
			text(ctx, d, "Không có nội dung báo cáo.");
	}
	if (c->ncounts) {
		heading(d, arena_printf(ctx->arena, "%s. SỐ LIỆU TỔNG HỢP", roman(++sec)));
		int tw = docxw_text_width(0);
		int widths[4] = {DOCXW_CM(1.4), 0, DOCXW_CM(2.8), DOCXW_CM(3.2)};
		widths[1] = tw - widths[0] - widths[2] - widths[3];
		docxw_table_begin(d, widths, 4, 1);
		docxw_row_begin(d, 1);
		cell(d, 0, DOCXW_CENTER, &T13B, "STT");
		cell(d, 1, DOCXW_CENTER, &T13B, "Nội dung");
		cell(d, 2, DOCXW_CENTER, &T13B, "Đơn vị tính");
		cell(d, 3, DOCXW_CENTER, &T13B, "Tổng số");
		docxw_row_end(d);
		for (size_t k = 0; k < c->ncounts && k < c->nsums; k++) {
			docxw_row_begin(d, 0);
			cell(d, 0, DOCXW_CENTER, &T13, arena_printf(ctx->arena, "%zu", k + 1));
			cell(d, 1, DOCXW_LEFT, &T13, c->counts[k].name);
			cell(d, 2, DOCXW_CENTER, &T13, c->counts[k].unit ? c->counts[k].unit : "");
			cell(d, 3, DOCXW_RIGHT, &T13, number_text(ctx, c->sums[k].value));
			docxw_row_end(d);
		}
		docxw_table_end(d);
		docxw_p(
		    d,
		    &(docxw_para){.align = DOCXW_JUSTIFY, .first_line = INDENT, .before = 120, .after = 120},
		    &F14, "Số liệu của từng cơ quan, đơn vị tại Phụ lục kèm theo.");
	}
	docxw_p(d, &(docxw_para){.align = DOCXW_JUSTIFY, .first_line = INDENT, .before = 240, .after = 120},
	        &F14, arena_printf(ctx->arena, "Trên đây là báo cáo của %s./.", dc->issuer.name));
	closing(ctx, d, &dc->set);
	int landscape = 0;
	if (c->ncounts) {
		/* The appendix: a body per row, a count per column; landscape when
		 * the counts make it wide. */
		landscape = c->ncounts > 3;
		docxw_section_break(d, 0);
		int tw = docxw_text_width(landscape);
		docxw_p(d, &CENTER, &F14B, dc->activities ? "Phụ lục 1" : "Phụ lục");
		docxw_p(d, &CENTER, &F14B, "SỐ LIỆU CỦA CÁC CƠ QUAN, ĐƠN VỊ");
		docxw_p(d, &(docxw_para){.align = DOCXW_CENTER, .after = 120}, &F14I,
		        arena_printf(ctx->arena, "(Kèm theo Báo cáo của %s)", dc->issuer.name));
		size_t ncol = c->ncounts + 2;
		if (ncol > 32)
			ncol = 32;
		int widths[32];
		widths[0] = DOCXW_CM(1.2);
		int each = (tw - widths[0] - tw * 3 / 10) / (int)(ncol - 2);
		widths[1] = tw - widths[0] - each * (int)(ncol - 2);
		for (size_t k = 2; k < ncol; k++)
			widths[k] = each;
		docxw_table_begin(d, widths, ncol, 1);
		docxw_row_begin(d, 1);
		cell(d, 0, DOCXW_CENTER, &T13B, "STT");
		cell(d, 1, DOCXW_CENTER, &T13B, "Cơ quan, đơn vị");
		for (size_t k = 0; k + 2 < ncol; k++)
			cell(d, k + 2, DOCXW_CENTER, &T13B,
			     c->counts[k].unit && *c->counts[k].unit
			         ? arena_printf(ctx->arena, "%s (%s)", c->counts[k].name, c->counts[k].unit)
			         : c->counts[k].name);
		docxw_row_end(d);
		for (size_t i = 0; i < c->nrows; i++) {
			docxw_row_begin(d, 0);
			cell(d, 0, DOCXW_CENTER, &T13, arena_printf(ctx->arena, "%zu", i + 1));
			cell(d, 1, DOCXW_LEFT, &T13, c->rows[i].org_name);
			for (size_t k = 0; k + 2 < ncol; k++)
				cell(d, k + 2, DOCXW_RIGHT, &T13,
				     c->rows[i].has[k] ? number_text(ctx, c->rows[i].values[k]) : "");
			docxw_row_end(d);
		}
		docxw_row_begin(d, 0);
		cell(d, 0, DOCXW_CENTER, &T13B, "");
		cell(d, 1, DOCXW_CENTER, &T13B, "TỔNG CỘNG");
		for (size_t k = 0; k + 2 < ncol && k < c->nsums; k++)
			cell(d, k + 2, DOCXW_RIGHT, &T13B, number_text(ctx, c->sums[k].value));
		docxw_row_end(d);
		docxw_table_end(d);
	}
	if (dc->activities) {
		/* The register's activities: always landscape. */
		docxw_section_break(d, landscape);
		landscape = 1;
		docxw_p(d, &CENTER, &F14B, c->ncounts ? "Phụ lục 2" : "Phụ lục");
		docxw_p(d, &CENTER, &F14B, "DANH SÁCH HOẠT ĐỘNG THÔNG TIN ĐỐI NGOẠI");
		docxw_p(d, &CENTER, &F14I, period_line(ctx, dc->activities->from, dc->activities->to));
		docxw_p(d, &(docxw_para){.align = DOCXW_CENTER, .after = 120}, &F14I,
		        arena_printf(ctx->arena, "(Kèm theo Báo cáo của %s)", dc->issuer.name));
		activity_table(ctx, d, dc->activities, docxw_text_width(1));
	}
	rc = docxw_finish(d, landscape, out);
	docxw_free(d);
	return rc;
}
