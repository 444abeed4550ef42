/* ui_xlsx.c - Excel exports: a round's consolidated table and its
 * completeness, a plan's tasks with their status. Each is a workbook
 * written by render/xlsx.c to a temporary file, streamed back from the
 * (already unlinked) file. The same handlers answer the pages' URLs and
 * the API's; the permissions are those of the page the export comes from. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/cal.h"
#include "core/plan.h"
#include "core/round.h"
#include "render/date.h"
#include "render/xlsx.h"
#include "web/page.h"
#include "web/routes.h"
#include "web/web_int.h"

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

typedef struct {
	int fd;
} file_stream;

static ssize_t file_stream_read(void *arg, uint64_t pos, char *buf, size_t max)
{
	file_stream *f = arg;
	ssize_t n = pread(f->fd, buf, max, (off_t)pos);
	return n > 0 ? n : HTTP_STREAM_ERROR;
}

static void file_stream_free(void *arg)
{
	file_stream *f = arg;
	close(f->fd);
	free(f);
}

tt_rc web_send_xlsx(http_req *r, xlsx_book *b, const char *filename)
{
	int fd;
	uint64_t size;
	file_stream *f = calloc(1, sizeof *f);
	if (!f) {
		xlsx_abort(b);
		return TT_ERR_NOMEM;
	}
	tt_rc rc = xlsx_finish(b, &fd, &size);
	if (rc) {
		free(f);
		return ctx_fail(&r->ctx, rc, "Không tạo được tệp Excel; vui lòng thử lại.");
	}
	f->fd = fd;
	http_set_header(r, "Content-Disposition",
	                arena_printf(&r->arena, "attachment; filename=\"%s\"", filename));
	http_set_header(r, "Cache-Control", "no-store");
	return http_send_stream(r, 200, XLSX_TYPE, size, file_stream_read, file_stream_free, f);
}

/* A day or timestamp as dd/mm/yyyy (arena), "" for none. */
static const char *day(http_req *r, const char *iso)
{
	if (!iso || !*iso)
		return "";
	tt_buf b;
	buf_init(&b, 64);
	date_vn_short(&b, iso);
	const char *s = arena_strdup(&r->arena, b.data ? b.data : iso);
	buf_free(&b);
	return s ? s : "";
}

/* "Số đoàn (đoàn)": a count's name with its unit. */
static const char *with_unit(http_req *r, const char *name, const char *unit)
{
	return unit && *unit ? arena_printf(&r->arena, "%s (%s)", name, unit) : name;
}

static tt_rc start(http_req *r, xlsx_book **b, const char *sheet, const char *title, const char *sub,
                   const xlsx_col *cols, size_t n, int freeze)
{
	tt_rc rc = xlsx_open(NULL, b);
	if (rc)
		return ctx_fail(&r->ctx, rc, "Không tạo được tệp Excel; vui lòng thử lại.");
	if (!title || !cols || (rc = xlsx_sheet(*b, sheet, title, sub, cols, n, freeze))) {
		xlsx_abort(*b);
		*b = NULL;
		return ctx_fail(&r->ctx, rc ? rc : TT_ERR_NOMEM,
		                "Không tạo được tệp Excel; vui lòng thử lại.");
	}
	return TT_OK;
}

/* GET /rounds/{id}/consolidated.xlsx: a row per submitted report with the
 * round's counts, and a total row (SUM formulas holding the consolidated
 * sums). */
tt_rc ui_round_consolidated_xlsx(http_req *r)
{
	int64_t id;
	round_consolidated c;
	tt_rc rc = web_round_id(r, &id);
	if (rc || (rc = round_consolidate(&r->ctx, id, NULL, &c)))
		return rc;
	size_t ncols = 3 + c.ncounts;
	if (ncols > XLSX_MAX_COLS)
		return ctx_fail(&r->ctx, TT_ERR_UNSUPPORTED,
		                "Đợt báo cáo có quá nhiều chỉ tiêu để xuất Excel.");
	xlsx_col *cols = arena_alloc(&r->arena, ncols * sizeof *cols);
	double *tot = arena_alloc(&r->arena, ncols * sizeof *tot);
	if (!cols || !tot)
		return TT_ERR_NOMEM;
	cols[0] = (xlsx_col){_("Mã đơn vị"), XLSX_TEXT};
	cols[1] = (xlsx_col){_("Đơn vị"), XLSX_TEXT};
	cols[2] = (xlsx_col){_("Đơn vị cấp trên"), XLSX_TEXT};
	for (size_t k = 0; k < c.ncounts; k++) {
		cols[3 + k] = (xlsx_col){with_unit(r, c.counts[k].name, c.counts[k].unit),
		                         round_count_integer(&c.counts[k]) ? XLSX_NUMBER : XLSX_DECIMAL};
		tot[3 + k] = 0;
		for (size_t s = 0; s < c.nsums; s++)
			if (!strcmp(c.sums[s].key, c.counts[k].key))
				tot[3 + k] = c.sums[s].value;
	}
	const char *title = arena_printf(&r->arena, "%s: %s", _("Báo cáo tổng hợp"), c.round.title);
	const char *sub = arena_printf(&r->arena, "%s: %s – %s. %s: %s. %s: %d/%d.", _("Kỳ báo cáo"),
	                               day(r, c.round.period_start), day(r, c.round.period_end),
	                               _("Đơn vị điều phối"), c.round.owner_name ? c.round.owner_name : "",
	                               _("Số báo cáo đã gửi"), c.submitted, c.expected);
	xlsx_book *b;
	if ((rc = start(r, &b, "Tổng hợp", title, sub, cols, ncols, 2)))
		return rc;
	for (size_t i = 0; i < c.nrows; i++) {
		const st_pivot_row *row = &c.rows[i];
		xlsx_text(b, row->org_code);
		xlsx_text(b, row->org_name);
		xlsx_text(b, row->parent_name ? row->parent_name : "");
		for (size_t k = 0; k < c.ncounts; k++) {
			if (row->has[k])
				xlsx_number(b, row->values[k]);
			else
				xlsx_blank(b);
		}
		xlsx_row_end(b);
	}
	xlsx_total_row(b, 1, _("TỔNG CỘNG"), tot);
	return web_send_xlsx(r, b, arena_printf(&r->arena, "tong-hop-dot-%lld.xlsx", (long long)id));
}

/* GET /rounds/{id}/completeness.xlsx: each body's report, its state, when
 * it was sent and whether late, then the counts and rates. */
tt_rc ui_round_completeness_xlsx(http_req *r)
{
	int64_t id;
	round_completeness cm;
	st_round x;
	st_report *rep;
	size_t n;
	int manage;
	char now[CAL_ISO_LEN];
	tt_rc rc = web_round_id(r, &id);
	/* Completeness is for those who oversee the round (the page's rule). */
	if (rc || (rc = round_completeness_get(&r->ctx, id, &cm)) ||
	    (rc = round_get(&r->ctx, id, &x, &manage)) || (rc = round_reports(&r->ctx, id, &rep, &n)))
		return rc;
	cal_iso_utc(r->ctx.now, now);
	/* The words of the round page: the report's state, then the deadline's. */
	const char *state_label[] = {_("Nộp đúng hạn"), _("Nộp muộn"), _("Chưa gửi, còn hạn"),
	                             _("Quá hạn chưa nộp")};
	const char *due_label[] = {_("Đúng hạn"), _("Muộn"), _("Còn hạn"), _("Quá hạn")};
	const xlsx_col cols[] = {
	    {_("STT"), XLSX_NUMBER},      {_("Mã đơn vị"), XLSX_TEXT}, {_("Đơn vị"), XLSX_TEXT},
	    {_("Trạng thái"), XLSX_TEXT}, {_("Hạn nộp"), XLSX_TEXT},   {_("Thời điểm gửi"), XLSX_DATE},
	};
	const char *title = arena_printf(&r->arena, "%s: %s", _("Tình hình nộp báo cáo"), x.title);
	const char *sub =
	    arena_printf(&r->arena, "%s: %s – %s. %s: %s. %s: %s.", _("Kỳ báo cáo"), day(r, x.period_start),
	                 day(r, x.period_end), _("Hạn nộp"), day(r, x.due), _("Số liệu đến"), day(r, now));
	xlsx_book *b;
	if ((rc = start(r, &b, "Tình hình nộp", title, sub, cols, sizeof cols / sizeof cols[0], 3)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		int s = round_report_state(round_report_due(&x, &rep[i]), &rep[i], now);
		xlsx_number(b, (double)(i + 1));
		xlsx_text(b, rep[i].org_code);
		xlsx_text(b, rep[i].org_name);
		xlsx_text(b, page_report_label(round_report_status(&rep[i]), rep[i].updated_at, NULL));
		xlsx_text(b, due_label[s]);
		xlsx_date(b, rep[i].submitted_at);
		xlsx_row_end(b);
	}
	xlsx_row_end(b);
	double expected = cm.expected > 0 ? cm.expected : 1;
	int submitted = cm.submitted_on_time + cm.submitted_late;
	xlsx_line(b, _("Số đơn vị phải nộp"), XLSX_NUMBER, cm.expected);
	xlsx_line(b, _("Số báo cáo đã gửi"), XLSX_NUMBER, submitted);
	xlsx_line(b, state_label[0], XLSX_NUMBER, cm.submitted_on_time);
	xlsx_line(b, state_label[1], XLSX_NUMBER, cm.submitted_late);
	xlsx_line(b, state_label[2], XLSX_NUMBER, cm.not_due);
	xlsx_line(b, state_label[3], XLSX_NUMBER, cm.overdue);
	xlsx_line(b, _("Tỉ lệ đã gửi"), XLSX_PERCENT, submitted / expected);
	xlsx_line(b, _("Tỉ lệ nộp đúng hạn"), XLSX_PERCENT, cm.submitted_on_time / expected);
	return web_send_xlsx(r, b, arena_printf(&r->arena, "tinh-hinh-nop-dot-%lld.xlsx", (long long)id));
}

/* The phrases of a task's role joined by "; ". */
static const char *phrases(http_req *r, const plan_phrase *p, size_t n)
{
	tt_buf b;
	buf_init(&b, PLAN_MAX_TEXT * 4);
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_adds(&b, "; ");
		buf_adds(&b, p[i].text ? p[i].text : "");
	}
	const char *s = arena_strdup(&r->arena, b.data ? b.data : "");
	buf_free(&b);
	return s ? s : "";
}

/* GET /plans/{id}.xlsx?at=dd/mm/yyyy: the plan's tasks with their status
 * at that day (default today) and their latest progress. */
tt_rc ui_plan_xlsx(http_req *r)
{
	int64_t id;
	const char *at = NULL;
	plan_view v;
	tt_rc rc = web_plan_id(r, 0, &id);
	if (rc || (rc = http_check_query(r)) ||
	    (rc = web_form_date(r, "at", "Ngày xem tình trạng", 0, 1, &at)) ||
	    (rc = plan_get(&r->ctx, id, at, &v)))
		return rc;
	const xlsx_col cols[] = {
	    {_("STT"), XLSX_NUMBER},
	    {_("Nhóm nhiệm vụ"), XLSX_TEXT},
	    {_("Số hiệu"), XLSX_TEXT},
	    {_("Nội dung"), XLSX_LONG},
	    {_("Cơ quan chủ trì"), XLSX_TEXT},
	    {_("Cơ quan phối hợp"), XLSX_TEXT},
	    {_("Thời gian thực hiện"), XLSX_TEXT},
	    {_("Tình trạng"), XLSX_TEXT},
	    {_("Ngày báo cáo tiến độ gần nhất"), XLSX_DATE},
	    {_("Ghi chú tiến độ"), XLSX_LONG},
	};
	const char *title = arena_printf(&r->arena, "%s: %s", _("Kế hoạch"), v.plan.title);
	const char *sub = arena_printf(&r->arena, "%s: %s. %s: %s – %s. %s %s.", _("Đơn vị ban hành"),
	                               v.plan.owner_name ? v.plan.owner_name : "", _("Thời gian"),
	                               day(r, v.plan.period_start), day(r, v.plan.period_end),
	                               _("Tình trạng tại ngày"), day(r, v.at));
	xlsx_book *b;
	if ((rc = start(r, &b, "Nhiệm vụ", title, sub, cols, sizeof cols / sizeof cols[0], 0)))
		return rc;
	for (size_t i = 0; i < v.ntasks; i++) {
		const plan_task_view *t = &v.tasks[i];
		const st_plan_group *g = t->group;
		xlsx_number(b, (double)(i + 1));
		xlsx_text(b, g ? (g->label && *g->label ? arena_printf(&r->arena, "%s. %s", g->label,
		                                                       g->heading ? g->heading : "")
		                                        : g->heading)
		               : "");
		xlsx_text(b, t->task.label);
		xlsx_text(b, t->task.text);
		xlsx_text(b, phrases(r, t->leads, t->nleads));
		xlsx_text(b, phrases(r, t->coords, t->ncoords));
		xlsx_text(b, t->task.tf_text);
		xlsx_text(b, plan_status_label(t->status));
		xlsx_date(b, t->last_progress);
		/* The note of the latest progress. */
		const st_plan_progress *last = NULL;
		for (size_t k = 0; k < t->nprogress; k++)
			if (!last ||
			    (t->progress[k].at && last->at && strcmp(t->progress[k].at, last->at) > 0))
				last = &t->progress[k];
		xlsx_text(b, last && last->note ? last->note : "");
		xlsx_row_end(b);
	}
	xlsx_row_end(b);
	xlsx_line(b, _("Tổng số nhiệm vụ"), XLSX_NUMBER, (double)v.ntasks);
	for (int s = 0; s < PLAN_STATUS_COUNT; s++)
		xlsx_line(b, plan_status_label((plan_status)s), XLSX_NUMBER, v.counts[s]);
	return web_send_xlsx(r, b, arena_printf(&r->arena, "ke-hoach-%lld.xlsx", (long long)id));
}
