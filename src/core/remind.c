/* remind.c - reminders by e-mail (see remind.h). */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "base/cal.h"
#include "base/log.h"
#include "core/audit.h"
#include "core/mail.h"
#include "core/mutate.h"
#include "core/perm.h"
#include "core/remind.h"
#include "core/round.h"

#define DEFAULT_BASE_URL "http://127.0.0.1:8080"

static int setting_known(const char *key)
{
	return key && (!strcmp(key, "smtp_url") || !strcmp(key, "smtp_from") || !strcmp(key, "base_url"));
}

static int base_url_valid(const char *v)
{
	if (strncmp(v, "http://", 7) && strncmp(v, "https://", 8))
		return 0;
	if (strlen(v) > 512)
		return 0;
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p <= ' ' || *p >= 127 || *p == '"' || *p == '<' || *p == '>')
			return 0;
	return 1;
}

tt_rc setting_get(tt_ctx *ctx, const char *key, const char **value)
{
	*value = NULL;
	if (!perm_is_system(ctx))
		return TT_ERR_FORBIDDEN;
	if (!setting_known(key))
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Khóa cài đặt phải là smtp_url, smtp_from hoặc base_url.");
	tt_rc rc = store_setting_get(ctx->db, ctx->arena, key, value);
	return rc == TT_ERR_NOT_FOUND ? TT_OK : rc;
}

tt_rc setting_set(tt_ctx *ctx, const char *key, const char *value)
{
	if (!perm_is_system(ctx))
		return TT_ERR_FORBIDDEN;
	if (!setting_known(key))
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Khóa cài đặt phải là smtp_url, smtp_from hoặc base_url.");
	if (!value)
		value = "";
	if (!strcmp(key, "smtp_url") && !mail_url_valid(value))
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "smtp_url phải có dạng smtp://máy:cổng hoặc smtps://máy:cổng.");
	if (!strcmp(key, "smtp_from") && !mail_address_valid(value))
		return ctx_fail(ctx, TT_ERR_INVALID, "smtp_from phải là một địa chỉ thư điện tử hợp lệ.");
	if (!strcmp(key, "base_url") && !base_url_valid(value))
		return ctx_fail(ctx, TT_ERR_INVALID, "base_url phải bắt đầu bằng http:// hoặc https://.");
	tt_rc rc = core_begin(ctx);
	if (rc)
		return rc;
	const char *before = NULL;
	tt_rc g = store_setting_get(ctx->db, ctx->arena, key, &before);
	if (g && g != TT_ERR_NOT_FOUND) {
		rc = g;
		goto out;
	}
	if ((rc = store_setting_set(ctx->db, key, value)))
		goto out;
	json_t *b = before ? json_pack("{s:s}", "value", before) : NULL;
	json_t *a = json_pack("{s:s}", "value", value);
	rc = a ? audit_record(ctx, "setting.set", "setting", key, b, a) : TT_ERR_NOMEM;
	json_decref(a);
	json_decref(b);
out:
	return core_end(ctx, rc);
}

/* One claimed reminder, to be mailed after the commit. */
typedef struct {
	const st_remind_report *r;
	const char *kind;
	const char **to;
	size_t nto;
} claim;

static const char *kind_for(const char *due, const char *today, const char *soon, const char *stale)
{
	if (strcmp(due, stale) < 0)
		return NULL; /* long past: not a reminder any more */
	if (strcmp(due, today) < 0)
		return "overdue";
	if (!strcmp(due, today))
		return "due";
	if (strcmp(due, soon) <= 0)
		return "before";
	return NULL;
}

/* "2026-06-17" -> "17/06/2026". */
static void dmy(const char *iso, char out[16])
{
	if (cal_date_valid(iso))
		snprintf(out, 16, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
	else
		snprintf(out, 16, "%.15s", iso);
}

static tt_rc add_url_part(tt_buf *b, const char *s)
{
	tt_rc rc = TT_OK;
	for (const unsigned char *p = (const unsigned char *)s; !rc && *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~", *p))
			rc = buf_addc(b, (char)*p);
		else
			rc = buf_printf(b, "%%%02X", *p);
	}
	return rc;
}

static tt_rc compose(const claim *c, const char *base_url, tt_buf *subject, tt_buf *body)
{
	const st_remind_report *r = c->r;
	char ps[16], pe[16], due[16];
	dmy(r->period_start, ps);
	dmy(r->period_end, pe);
	dmy(r->due, due);
	const char *lead = !strcmp(c->kind, "before")    ? "Sắp đến hạn nộp báo cáo"
	                   : !strcmp(c->kind, "due")     ? "Hôm nay là hạn nộp báo cáo"
	                   : !strcmp(c->kind, "overdue") ? "Đã quá hạn nộp báo cáo"
	                                                 : "Nhắc nộp báo cáo";
	tt_rc rc = buf_printf(subject, "%s: ", lead);
	/* The title is one line in the subject. */
	for (const char *p = r->title; !rc && *p; p++)
		rc = buf_addc(subject, *p == '\r' || *p == '\n' || *p == '\t' ? ' ' : *p);
	if (!rc)
		rc = buf_printf(
		    body,
		    "Kính gửi %s,\n\n%s của đơn vị.\n\nBáo cáo: %s\nKỳ báo cáo: từ ngày %s đến ngày %s\n"
		    "Hạn nộp: %s\n\nNhập và nộp báo cáo tại:\n",
		    r->org_name ? r->org_name : r->org_code, lead, r->title, ps, pe, due);
	size_t bl = strlen(base_url);
	while (bl && base_url[bl - 1] == '/')
		bl--;
	if (!rc)
		rc = buf_printf(body, "%.*s/rounds/%lld/reports/", (int)bl, base_url, (long long)r->round_id);
	if (!rc)
		rc = add_url_part(body, r->org_code);
	if (!rc)
		rc = buf_adds(body, "\n\nĐây là thư tự động của hệ thống ttdn; xin đừng trả lời thư này.\n");
	return rc;
}

tt_rc remind_run(tt_ctx *ctx, int64_t round_id, remind_result *res)
{
	memset(res, 0, sizeof *res);
	tt_rc rc;
	if (round_id > 0) {
		st_round round;
		int manage = 0;
		if ((rc = round_get(ctx, round_id, &round, &manage)))
			return rc;
		if ((rc = perm_check(ctx, PERM_MANAGE_ROUND, round.owner_org_id)))
			return rc;
	} else if (!perm_is_system(ctx))
		return TT_ERR_FORBIDDEN;
	const char *smtp_url = NULL, *from = NULL, *base_url = NULL;
	if ((rc = store_setting_get(ctx->db, ctx->arena, "smtp_url", &smtp_url)) && rc != TT_ERR_NOT_FOUND)
		return rc;
	if ((rc = store_setting_get(ctx->db, ctx->arena, "smtp_from", &from)) && rc != TT_ERR_NOT_FOUND)
		return rc;
	if ((rc = store_setting_get(ctx->db, ctx->arena, "base_url", &base_url)) && rc != TT_ERR_NOT_FOUND)
		return rc;
	if (!smtp_url || !*smtp_url || !from || !*from)
		return ctx_fail(
		    ctx, TT_ERR_CONFLICT,
		    "Chưa cấu hình máy chủ thư: đặt smtp_url và smtp_from bằng lệnh ttdn setting set.");
	if (!base_url || !*base_url)
		base_url = DEFAULT_BASE_URL;

	char today[CAL_DATE_LEN], soon[CAL_DATE_LEN], stale[CAL_DATE_LEN], sent_at[CAL_ISO_LEN], again[CAL_ISO_LEN];
	cal_vn_date(ctx->now, today);
	if ((rc = cal_add_days(today, REMIND_BEFORE_DAYS, soon)) ||
	    (rc = cal_add_days(today, -REMIND_OVERDUE_DAYS, stale)))
		return rc;
	cal_iso_utc(ctx->now, sent_at);
	cal_iso_utc(ctx->now - REMIND_MANUAL_AGAIN_SECONDS, again);

	st_remind_report *reps = NULL;
	size_t nrep = 0, nclaim = 0;
	claim *claims = NULL;
	if ((rc = core_begin(ctx)))
		return rc;
	if ((rc = store_remind_reports(ctx->db, ctx->arena, round_id, &reps, &nrep)))
		goto out;
	if (nrep && !(claims = arena_alloc(ctx->arena, nrep * sizeof *claims))) {
		rc = TT_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < nrep; i++) {
		const char *kind = round_id > 0 ? "manual" : kind_for(reps[i].due, today, soon, stale);
		if (!kind)
			continue;
		const char **to = NULL;
		size_t nto = 0;
		if ((rc = store_remind_emails(ctx->db, ctx->arena, reps[i].org_id, &to, &nto)))
			goto out;
		if (!nto)
			continue; /* nobody to tell yet: an address added later still gets it */
		int claimed = 0;
		if ((rc = store_remind_claim(ctx->db, reps[i].report_id, kind, sent_at,
		                             round_id > 0 ? again : NULL, &claimed)))
			goto out;
		if (claimed)
			claims[nclaim++] = (claim){&reps[i], kind, to, nto};
	}
	if (nclaim) {
		json_t *list = json_array();
		for (size_t i = 0; list && i < nclaim; i++)
			json_array_append_new(list, json_pack("{s:I, s:s, s:s}", "round",
			                                      (json_int_t)claims[i].r->round_id, "org",
			                                      claims[i].r->org_code, "kind", claims[i].kind));
		json_t *after = list ? json_pack("{s:o}", "reminders", list) : NULL;
		char idbuf[24];
		snprintf(idbuf, sizeof idbuf, "%lld", (long long)round_id);
		rc = after ? audit_record(ctx, "remind.send", "round", round_id > 0 ? idbuf : "all", NULL,
		                          after)
		           : TT_ERR_NOMEM;
		json_decref(after);
	}
out:
	if ((rc = core_end(ctx, rc)))
		return rc;
	res->reports = (int)nclaim;
	for (size_t i = 0; i < nclaim; i++) {
		tt_buf subject, body, msg;
		buf_init(&subject, 4096);
		buf_init(&body, 1 << 16);
		buf_init(&msg, 1 << 18);
		tt_rc mrc = compose(&claims[i], base_url, &subject, &body);
		for (size_t j = 0; j < claims[i].nto; j++) {
			char why[256] = "";
			buf_reset(&msg);
			tt_rc src =
			    mrc ? mrc
			        : mail_build(&msg, from, claims[i].to[j], subject.data, body.data, ctx->now);
			if (!src)
				src = mail_send(smtp_url, from, claims[i].to[j], &msg, why);
			if (src) {
				res->failed++;
				log_warn("remind: mail to %s for report %lld not sent: %s (%s)",
				         claims[i].to[j], (long long)claims[i].r->report_id, tt_rc_name(src),
				         why);
			} else
				res->mails++;
		}
		buf_free(&subject);
		buf_free(&body);
		buf_free(&msg);
	}
	return TT_OK;
}
