/* round_life.c - a round after it is made: edits (title, due date, layout,
 * bodies), closing, reopening and deletion; approval of reports and its
 * taking back; each report's timeline; and the rates of a round as DHIS2
 * shows them. Every change is audited. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/cal.h"
#include "core/audit.h"
#include "core/mutate.h"
#include "core/perm.h"
#include "core/round_int.h"

const char *round_report_due(const st_round *round, const st_report *rep)
{
	/* A body's own date only ever extends: a later date for all wins. */
	return rep->due && strcmp(rep->due, round->due) > 0 ? rep->due : round->due;
}

const char *round_report_status(const st_report *rep)
{
	return rep->approved_at && !strcmp(rep->status, "submitted") ? "approved" : rep->status;
}

int round_open(const st_round *round)
{
	return round->closed_at == NULL;
}

tt_rc round_fail_closed(tt_ctx *ctx)
{
	return ctx_fail(ctx, TT_ERR_CONFLICT,
	                "Đợt báo cáo đã đóng nên không lưu hoặc gửi báo cáo được nữa. Hãy liên hệ đơn vị "
	                "điều phối nếu cần mở lại.");
}

tt_rc round_event(tt_ctx *ctx, int64_t report_id, const char *kind, const char *note)
{
	char day[CAL_DATE_LEN];
	cal_vn_date(ctx->now, day);
	return store_report_event_add(ctx->db, report_id, ctx->user ? ctx->user->id : 0, kind, day, note);
}

static const char *id_str(tt_ctx *ctx, int64_t id)
{
	return arena_printf(ctx->arena, "%lld", (long long)id);
}

/* A round the user runs (TT_ERR_NOT_FOUND when they may not see it,
 * TT_ERR_FORBIDDEN when they see but do not run it). */
static tt_rc load_managed(tt_ctx *ctx, int64_t id, st_round *r)
{
	int manage = 0;
	tt_rc rc = round_get(ctx, id, r, &manage);
	if (rc)
		return rc;
	if (!manage)
		return ctx_fail(ctx, TT_ERR_FORBIDDEN,
		                "Chỉ đơn vị điều phối mới được thay đổi đợt báo cáo này.");
	return TT_OK;
}

/* A due date from a user: a valid day, not before the period starts, and
 * not before today unless allowed. */
static tt_rc check_due(tt_ctx *ctx, const st_round *r, const char *due, int allow_past)
{
	if (!ctx_date_valid(due))
		return ctx_fail(ctx, TT_ERR_INVALID, "Hạn nộp phải là ngày hợp lệ dạng YYYY-MM-DD.");
	if (strcmp(due, r->period_start) < 0)
		return ctx_fail(ctx, TT_ERR_INVALID, "Hạn nộp không thể trước ngày bắt đầu kỳ báo cáo.");
	char today[CAL_DATE_LEN];
	cal_vn_date(ctx->now, today);
	if (!allow_past && strcmp(due, today) < 0)
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Hạn nộp %.2s/%.2s/%.4s đã qua (hôm nay là %.2s/%.2s/%.4s). "
		                "Vui lòng chọn hạn nộp từ hôm nay trở đi.",
		                due + 8, due + 5, due, today + 8, today + 5, today);
	return TT_OK;
}

/* The bodies of the round left out of the new list that were submitted
 * once, named in a 409; TT_OK when every one left out may go. */
static tt_rc check_removed(tt_ctx *ctx, const st_report *reps, size_t n, const int64_t *keep, size_t nkeep)
{
	tt_buf names;
	int bad = 0;
	buf_init(&names, 4000);
	for (size_t i = 0; i < n; i++) {
		int kept = 0;
		for (size_t j = 0; j < nkeep && !kept; j++)
			kept = keep[j] == reps[i].org_id;
		if (kept || !strcmp(reps[i].status, "draft"))
			continue;
		buf_printf(&names, "%s%s (%s)", bad ? ", " : "", reps[i].org_name, reps[i].org_code);
		bad++;
	}
	tt_rc rc = TT_OK;
	if (bad)
		rc =
		    ctx_fail(ctx, TT_ERR_CONFLICT,
		             "Không bỏ được đơn vị đã gửi báo cáo khỏi đợt: %s. Các đơn vị này vẫn được giữ; "
		             "chưa có thay đổi nào được lưu.",
		             names.data ? names.data : "");
	buf_free(&names);
	return rc;
}

tt_rc round_update(tt_ctx *ctx, int64_t id, const round_change *ch)
{
	st_round r;
	tt_rc rc = load_managed(ctx, id, &r);
	if (rc)
		return rc;
	const char *title = r.title, *due = r.due;
	if (ch->title) {
		if ((rc = round_clean_text(ctx, ch->title, 500, "Tiêu đề", &title)))
			return rc;
		if (ctx_blank(title))
			return ctx_fail(ctx, TT_ERR_INVALID, "Vui lòng nhập tiêu đề đợt báo cáo.");
	}
	if (ch->due && strcmp(ch->due, r.due) && (rc = check_due(ctx, &r, ch->due, ch->allow_past_due)))
		return rc;
	if (ch->due)
		due = ch->due;
	round_spec spec = {.period_start = r.period_start,
	                   .sections = ch->sections,
	                   .nsections = ch->nsections,
	                   .counts = ch->counts,
	                   .ncounts = ch->ncounts,
	                   .org_codes = ch->org_codes,
	                   .norgs = ch->norgs};
	st_section *sec = NULL;
	st_count *cnt = NULL;
	if (ch->layout) {
		if (ch->nsections + ch->ncounts == 0)
			return ctx_fail(
			    ctx, TT_ERR_INVALID,
			    "Đợt báo cáo cần ít nhất một mục nội dung hoặc một chỉ tiêu số liệu.");
		if (ch->nsections > ROUND_MAX_ITEMS || ch->ncounts > ROUND_MAX_ITEMS)
			return ctx_fail(ctx, TT_ERR_INVALID, "Tối đa %d mục và %d chỉ tiêu.", ROUND_MAX_ITEMS,
			                ROUND_MAX_ITEMS);
		sec = arena_alloc(ctx->arena, (ch->nsections + 1) * sizeof *sec);
		cnt = arena_alloc(ctx->arena, (ch->ncounts + 1) * sizeof *cnt);
		if (!sec || !cnt)
			return TT_ERR_NOMEM;
		if ((rc = round_check_layout(ctx, &spec, sec, cnt)))
			return rc;
	}
	if (ch->set_orgs && (ch->norgs == 0 || ch->norgs > ROUND_MAX_ORGS))
		return ctx_fail(ctx, TT_ERR_INVALID, "Vui lòng chọn từ 1 đến %d đơn vị được yêu cầu báo cáo.",
		                ROUND_MAX_ORGS);
	int64_t *orgs = arena_alloc(ctx->arena, (ch->norgs + 1) * sizeof *orgs);
	if (!orgs)
		return TT_ERR_NOMEM;
	json_t *before = json_pack("{s:s, s:s}", "title", r.title, "due", r.due);
	json_t *after = json_pack("{s:s, s:s}", "title", title, "due", due);
	if ((rc = core_begin(ctx))) {
		json_decref(before);
		json_decref(after);
		return rc;
	}
	if (!before || !after) {
		rc = TT_ERR_NOMEM;
		goto out;
	}
	int sent = 0;
	if (ch->layout) {
		/* Counted inside the transaction: a submit cannot slip in. */
		if ((rc = store_round_sent(ctx->db, id, &sent)))
			goto out;
		if (sent) {
			rc = ctx_fail(
			    ctx, TT_ERR_CONFLICT,
			    "Đã có %d đơn vị gửi báo cáo nên không sửa được các mục và chỉ tiêu của đợt "
			    "nữa; chỉ sửa được tiêu đề, hạn nộp và danh sách đơn vị.",
			    sent);
			goto out;
		}
		if ((rc = store_round_set_layout(ctx->db, id, sec, ch->nsections, cnt, ch->ncounts)))
			goto out;
		json_object_set_new(after, "sections", json_integer((json_int_t)ch->nsections));
		json_object_set_new(after, "counts", json_integer((json_int_t)ch->ncounts));
	}
	if (ch->set_orgs) {
		st_report *reps;
		size_t n;
		if ((rc = round_resolve_orgs(ctx, &spec, orgs)) ||
		    (rc = store_report_list(ctx->db, ctx->arena, id, &reps, &n)) ||
		    (rc = check_removed(ctx, reps, n, orgs, ch->norgs)))
			goto out;
		json_t *added = json_array(), *removed = json_array();
		json_object_set_new(after, "added", added);
		json_object_set_new(after, "removed", removed);
		for (size_t i = 0; i < n && !rc; i++) {
			int kept = 0;
			for (size_t j = 0; j < ch->norgs && !kept; j++)
				kept = orgs[j] == reps[i].org_id;
			if (kept)
				continue;
			rc = store_round_remove_org(ctx->db, id, reps[i].org_id);
			json_array_append_new(removed, json_string(reps[i].org_code));
		}
		for (size_t j = 0; j < ch->norgs && !rc; j++) {
			int had = 0;
			for (size_t i = 0; i < n && !had; i++)
				had = orgs[j] == reps[i].org_id;
			if (had)
				continue;
			rc = store_round_add_org(ctx->db, id, orgs[j]);
			json_array_append_new(added, json_string(ch->org_codes[j]));
		}
		if (rc == TT_ERR_CONFLICT) /* a submit got in between: never, the write lock is held */
			rc = ctx_fail(ctx, TT_ERR_CONFLICT, "Một đơn vị vừa gửi báo cáo; hãy tải lại trang.");
		if (rc)
			goto out;
	}
	if ((rc = store_round_update(ctx->db, id, title, due)))
		goto out;
	if (strcmp(due, r.due)) {
		char day[CAL_DATE_LEN];
		cal_vn_date(ctx->now, day);
		if ((rc = store_round_event_add(ctx->db, id, ctx->user->id, "extended", day, due)))
			goto out;
	}
	rc = audit_record(ctx, "round.update", "round", id_str(ctx, id), before, after);
out:
	rc = core_end(ctx, rc);
	json_decref(before);
	json_decref(after);
	return rc;
}

/* Closes (close = 1) or reopens a round the user runs. */
static tt_rc set_closed(tt_ctx *ctx, int64_t id, int close)
{
	st_round r;
	tt_rc rc = load_managed(ctx, id, &r);
	if (rc || (rc = core_begin(ctx)))
		return rc;
	rc = store_round_set_closed(ctx->db, id, close);
	if (rc == TT_ERR_CONFLICT)
		rc = ctx_fail(ctx, TT_ERR_CONFLICT, "%s",
		              close ? "Đợt báo cáo đã đóng rồi." : "Đợt báo cáo đang mở, không cần mở lại.");
	if (!rc) {
		json_t *b = json_pack("{s:b}", "closed", !close), *a = json_pack("{s:b}", "closed", close);
		rc = b && a ? audit_record(ctx, close ? "round.close" : "round.reopen", "round",
		                           id_str(ctx, id), b, a)
		            : TT_ERR_NOMEM;
		json_decref(b);
		json_decref(a);
	}
	return core_end(ctx, rc);
}

tt_rc round_close(tt_ctx *ctx, int64_t id)
{
	return set_closed(ctx, id, 1);
}

tt_rc round_reopen(tt_ctx *ctx, int64_t id)
{
	return set_closed(ctx, id, 0);
}

tt_rc round_delete(tt_ctx *ctx, int64_t id)
{
	st_round r;
	tt_rc rc = load_managed(ctx, id, &r);
	if (rc || (rc = core_begin(ctx)))
		return rc;
	int sent = 0;
	if (!(rc = store_round_sent(ctx->db, id, &sent)) && sent)
		rc = ctx_fail(
		    ctx, TT_ERR_CONFLICT,
		    "Đã có %d đơn vị gửi báo cáo nên không xóa được đợt báo cáo này; có thể đóng đợt "
		    "thay vì xóa.",
		    sent);
	if (!rc && (rc = store_round_delete(ctx->db, id)) == TT_ERR_CONFLICT)
		rc = ctx_fail(ctx, TT_ERR_CONFLICT, "Một đơn vị vừa gửi báo cáo nên không xóa được đợt này.");
	if (!rc) {
		json_t *b =
		    json_pack("{s:s, s:s, s:s, s:s, s:i}", "title", r.title, "period_start", r.period_start,
		              "period_end", r.period_end, "due", r.due, "orgs", r.expected);
		rc = b ? audit_record(ctx, "round.delete", "round", id_str(ctx, id), b, NULL) : TT_ERR_NOMEM;
		json_decref(b);
	}
	return core_end(ctx, rc);
}

tt_rc round_report_extend(tt_ctx *ctx, int64_t round_id, const char *org_code, const char *due)
{
	st_round r;
	st_report rep, now;
	int manage, own;
	tt_rc rc = round_load_report(ctx, round_id, org_code, &r, &rep, &manage, &own);
	if (rc)
		return rc;
	if (!manage)
		return ctx_fail(ctx, TT_ERR_FORBIDDEN, "Chỉ đơn vị điều phối mới được gia hạn nộp báo cáo.");
	if (!due)
		return ctx_fail(ctx, TT_ERR_INVALID, "Vui lòng nhập hạn nộp mới (\"due\", dạng YYYY-MM-DD).");
	if ((rc = check_due(ctx, &r, due, 0)))
		return rc;
	if (strcmp(due, r.due) < 0)
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Hạn gia hạn %.2s/%.2s/%.4s sớm hơn hạn chung của đợt (%.2s/%.2s/%.4s).",
		                due + 8, due + 5, due, r.due + 8, r.due + 5, r.due);
	if ((rc = round_begin_fresh(ctx, &rep, &now)))
		return rc;
	if (!strcmp(now.status, "submitted")) {
		rc = ctx_fail(ctx, TT_ERR_CONFLICT, "Đơn vị đã gửi báo cáo nên không cần gia hạn.");
		goto out;
	}
	json_t *b = json_pack("{s:s}", "due", round_report_due(&r, &now)),
	       *a = json_pack("{s:s}", "due", due);
	if (!b || !a)
		rc = TT_ERR_NOMEM;
	if (!rc)
		rc = store_report_set_due(ctx->db, now.id, due);
	if (!rc)
		rc = round_event(ctx, now.id, "extended", due);
	if (!rc)
		rc = audit_record(ctx, "report.extend", "report", round_report_entity(ctx, &now), b, a);
	json_decref(b);
	json_decref(a);
out:
	return core_end(ctx, rc);
}

static const char MSG_NOT_APPROVABLE[] =
    "Chỉ duyệt được báo cáo đã gửi và chưa duyệt; báo cáo này vừa được duyệt, trả lại hoặc chưa gửi. Hãy tải "
    "lại trang.";

tt_rc round_report_approve(tt_ctx *ctx, int64_t round_id, const char *org_code)
{
	st_round r;
	st_report rep, now;
	int manage, own;
	tt_rc rc = round_load_report(ctx, round_id, org_code, &r, &rep, &manage, &own);
	if (rc)
		return rc;
	if (!manage)
		return ctx_fail(ctx, TT_ERR_FORBIDDEN,
		                "Chỉ đơn vị điều phối đợt báo cáo mới được duyệt báo cáo.");
	if (strcmp(rep.status, "submitted") || rep.approved_at)
		return ctx_fail(ctx, TT_ERR_CONFLICT, "%s", MSG_NOT_APPROVABLE);
	if ((rc = round_begin_fresh(ctx, &rep, &now)))
		return rc;
	if (strcmp(now.status, "submitted") || now.approved_at) {
		rc = ctx_fail(ctx, TT_ERR_CONFLICT, "%s", MSG_NOT_APPROVABLE);
		goto out;
	}
	if ((rc = store_report_approve(ctx->db, now.id, 1, ctx->user->id)) == TT_ERR_CONFLICT)
		rc = ctx_fail(ctx, TT_ERR_CONFLICT, "%s", MSG_NOT_APPROVABLE);
	if (!rc)
		rc = round_event(ctx, now.id, "approved", NULL);
	if (!rc) {
		json_t *b = json_pack("{s:s}", "status", "submitted"),
		       *a = json_pack("{s:s}", "status", "approved");
		rc = b && a
		         ? audit_record(ctx, "report.approve", "report", round_report_entity(ctx, &now), b, a)
		         : TT_ERR_NOMEM;
		json_decref(b);
		json_decref(a);
	}
out:
	return core_end(ctx, rc);
}

tt_rc round_report_unapprove(tt_ctx *ctx, int64_t round_id, const char *org_code, const char *reason)
{
	st_round r;
	st_report rep, now;
	int manage, own;
	const char *why;
	tt_rc rc = round_load_report(ctx, round_id, org_code, &r, &rep, &manage, &own);
	if (rc || (rc = perm_check(ctx, PERM_UNAPPROVE_REPORT, 0)))
		return rc;
	if (!rep.approved_at)
		return ctx_fail(ctx, TT_ERR_CONFLICT, "Báo cáo chưa được duyệt nên không có gì để bỏ duyệt.");
	if ((rc = round_clean_text(ctx, reason, 5000, "Lý do", &why)))
		return rc == TT_ERR_INVALID && !reason
		           ? ctx_fail(ctx, TT_ERR_INVALID, "Vui lòng ghi rõ lý do bỏ duyệt.")
		           : rc;
	if (ctx_blank(why))
		return ctx_fail(ctx, TT_ERR_INVALID, "Vui lòng ghi rõ lý do bỏ duyệt.");
	if ((rc = round_begin_fresh(ctx, &rep, &now)))
		return rc;
	if ((rc = store_report_approve(ctx->db, now.id, 0, ctx->user->id)) == TT_ERR_CONFLICT)
		rc = ctx_fail(ctx, TT_ERR_CONFLICT,
		              "Báo cáo vừa được bỏ duyệt bởi người khác; hãy tải lại trang.");
	if (!rc)
		rc = round_event(ctx, now.id, "unapproved", why);
	if (!rc) {
		json_t *b = json_pack("{s:s}", "status", "approved"),
		       *a = json_pack("{s:s, s:s}", "status", "submitted", "reason", why);
		rc = b && a ? audit_record(ctx, "report.unapprove", "report", round_report_entity(ctx, &now),
		                           b, a)
		            : TT_ERR_NOMEM;
		json_decref(b);
		json_decref(a);
	}
	return core_end(ctx, rc);
}

void round_rates_add(round_rates_t *r, int state, int approved)
{
	r->expected++;
	if (state == 0 || state == 1)
		r->submitted++;
	if (state == 0)
		r->on_time++;
	if (approved)
		r->approved++;
}

void round_rates_finish(round_rates_t *r)
{
	r->rate = r->expected ? 100.0 * r->submitted / r->expected : 0;
	r->on_time_rate = r->expected ? 100.0 * r->on_time / r->expected : 0;
}

/* The reports of a round the user oversees, with "now". */
static tt_rc rates_reports(tt_ctx *ctx, int64_t round_id, st_round *r, st_report **reps, size_t *n,
                           char now[CAL_ISO_LEN])
{
	round_completeness c;
	/* completeness decides who may see the rates */
	tt_rc rc = round_completeness_get(ctx, round_id, &c);
	if (rc || (rc = store_round_get(ctx->db, ctx->arena, round_id, r)) ||
	    (rc = store_report_list(ctx->db, ctx->arena, round_id, reps, n)))
		return rc;
	cal_iso_utc(ctx->now, now);
	return TT_OK;
}

tt_rc round_rates(tt_ctx *ctx, int64_t round_id, round_rates_t *out)
{
	st_round r;
	st_report *reps;
	size_t n;
	char now[CAL_ISO_LEN];
	tt_rc rc = rates_reports(ctx, round_id, &r, &reps, &n, now);
	if (rc)
		return rc;
	round_rates_t t = {0};
	for (size_t i = 0; i < n; i++)
		round_rates_add(&t, round_report_state(round_report_due(&r, &reps[i]), &reps[i], now),
		                reps[i].approved_at != NULL);
	round_rates_finish(&t);
	*out = t;
	return TT_OK;
}

/* The rates of the rounds that org_id and the bodies under it run for the
 * round's period (other than the round itself): how a ministry's round
 * drills into each province's own round. Only totals come out, so no read
 * check is made on those rounds. */
static tt_rc subtree_rates(tt_ctx *ctx, const st_round *r, int64_t org_id, round_rates_row *row)
{
	st_round *owned;
	size_t n;
	char now[CAL_ISO_LEN];
	tt_rc rc = store_round_list_owned(ctx->db, ctx->arena, org_id, &owned, &n);
	if (rc)
		return rc;
	cal_iso_utc(ctx->now, now);
	for (size_t i = 0; i < n; i++) {
		if (owned[i].id == r->id || strcmp(owned[i].period_start, r->period_start) ||
		    strcmp(owned[i].period_end, r->period_end))
			continue;
		st_report *reps;
		size_t nr;
		if ((rc = store_report_list(ctx->db, ctx->arena, owned[i].id, &reps, &nr)))
			return rc;
		row->subtree_rounds++;
		for (size_t j = 0; j < nr; j++)
			round_rates_add(
			    &row->subtree,
			    round_report_state(round_report_due(&owned[i], &reps[j]), &reps[j], now),
			    reps[j].approved_at != NULL);
	}
	round_rates_finish(&row->subtree);
	return TT_OK;
}

tt_rc round_rates_by(tt_ctx *ctx, int64_t round_id, const char *by, round_rates_row **rows, size_t *nrows)
{
	int level = by && !strcmp(by, "level");
	if (!by || (!level && strcmp(by, "org")))
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Tham số \"by\" phải là org (theo đơn vị) hoặc level (theo cấp).");
	st_round r;
	st_report *reps;
	size_t n, k = 0;
	char now[CAL_ISO_LEN];
	tt_rc rc = rates_reports(ctx, round_id, &r, &reps, &n, now);
	if (rc)
		return rc;
	round_rates_row *out = arena_alloc(ctx->arena, (n + 1) * sizeof *out);
	if (!out)
		return TT_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		const char *key = level ? (reps[i].org_kind ? reps[i].org_kind : "other") : reps[i].org_code;
		size_t j;
		for (j = 0; level && j < k && strcmp(out[j].key, key); j++)
			;
		if (!level || j == k) {
			j = k++;
			memset(&out[j], 0, sizeof out[j]);
			out[j].key = key;
			out[j].name = level ? key : reps[i].org_name;
		}
		round_rates_add(&out[j].rates,
		                round_report_state(round_report_due(&r, &reps[i]), &reps[i], now),
		                reps[i].approved_at != NULL);
	}
	for (size_t j = 0; j < k; j++) {
		round_rates_finish(&out[j].rates);
		/* by body: row j is report j */
		if (!level && (rc = subtree_rates(ctx, &r, reps[j].org_id, &out[j])))
			return rc;
	}
	*rows = out;
	*nrows = k;
	return TT_OK;
}
