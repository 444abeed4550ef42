/* calendar.c - the calendar feed's token and events (see calendar.h). */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/cal.h"
#include "core/audit.h"
#include "core/calendar.h"
#include "core/mutate.h"
#include "core/perm.h"
#include "core/plan.h"

/* The same default as the links in reminder mails (core/remind.c). */
#define CALENDAR_DEFAULT_BASE_URL "http://127.0.0.1:8080"
#define CALENDAR_SUMMARY_MAX 160 /* bytes of a task's text in a summary */

static void token_hash(const char *token, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, 65, h, sizeof h);
}

static int token_well_formed(const char *t)
{
	size_t n = 0;
	for (; t[n]; n++) {
		char c = t[n];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
		      c == '_'))
			return 0;
		if (n >= CALENDAR_TOKEN_LEN)
			return 0;
	}
	return n == CALENDAR_TOKEN_LEN;
}

/* The token of user_id's feed made from nonce: the HMAC-SHA256 of
 * "calendar|<user id>|<nonce>" under the database's calendar_key, in
 * URL-safe base64 without padding (CALENDAR_TOKEN_LEN characters). */
static tt_rc make_token(tt_ctx *ctx, int64_t user_id, const char *nonce, char token[CALENDAR_TOKEN_LEN + 1])
{
	const char *keyhex = NULL;
	unsigned char key[crypto_auth_hmacsha256_KEYBYTES], mac[crypto_auth_hmacsha256_BYTES];
	size_t keylen = 0;
	tt_rc rc = store_setting_get(ctx->db, ctx->arena, "calendar_key", &keyhex);
	if (rc)
		return rc == TT_ERR_NOT_FOUND ? TT_ERR_DB : rc;
	if (sodium_hex2bin(key, sizeof key, keyhex, strlen(keyhex), NULL, &keylen, NULL) || keylen != sizeof key)
		return TT_ERR_DB;
	char msg[96];
	int k = snprintf(msg, sizeof msg, "calendar|%lld|%s", (long long)user_id, nonce);
	if (k <= 0 || (size_t)k >= sizeof msg) {
		sodium_memzero(key, sizeof key);
		return TT_ERR_INVALID;
	}
	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, (size_t)k, key);
	sodium_memzero(key, sizeof key);
	sodium_bin2base64(token, CALENDAR_TOKEN_LEN + 1, mac, sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(mac, sizeof mac);
	return TT_OK;
}

/* The site's address without a trailing slash (arena). */
static const char *base_url(tt_ctx *ctx)
{
	const char *b = NULL;
	if (store_setting_get(ctx->db, ctx->arena, "base_url", &b) || !b || !*b)
		b = CALENDAR_DEFAULT_BASE_URL;
	size_t n = strlen(b);
	while (n && b[n - 1] == '/')
		n--;
	return arena_strndup(ctx->arena, b, n);
}

tt_rc calendar_created(tt_ctx *ctx, const char **created_at, const char **url)
{
	if (!ctx->user)
		return TT_ERR_UNAUTH;
	const char *c = NULL, *nonce = NULL;
	*created_at = *url = NULL;
	tt_rc rc = store_calendar_created(ctx->db, ctx->arena, ctx->user->id, &c, &nonce);
	if (rc == TT_ERR_NOT_FOUND)
		return TT_OK;
	if (rc)
		return rc;
	char token[CALENDAR_TOKEN_LEN + 1];
	if ((rc = make_token(ctx, ctx->user->id, nonce, token)))
		return rc;
	const char *u = arena_printf(ctx->arena, "%s/calendar/%s.ics", base_url(ctx), token);
	sodium_memzero(token, sizeof token);
	if (!u)
		return TT_ERR_NOMEM;
	*created_at = c;
	*url = u;
	return TT_OK;
}

tt_rc calendar_rotate(tt_ctx *ctx, const char **url)
{
	if (!ctx->user)
		return TT_ERR_UNAUTH;
	unsigned char raw[CALENDAR_NONCE_BYTES];
	char nonce[2 * CALENDAR_NONCE_BYTES + 1], token[CALENDAR_TOKEN_LEN + 1], th[65];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(nonce, sizeof nonce, raw, sizeof raw);
	tt_rc rc = make_token(ctx, ctx->user->id, nonce, token);
	if (rc)
		return rc;
	token_hash(token, th);
	char *u = arena_printf(ctx->arena, "%s/calendar/%s.ics", base_url(ctx), token);
	sodium_memzero(token, sizeof token);
	if (!u)
		return TT_ERR_NOMEM;
	if ((rc = core_begin(ctx)))
		return rc;
	char idbuf[24];
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)ctx->user->id);
	if (!(rc = store_calendar_set(ctx->db, ctx->user->id, th, nonce)))
		rc = audit_record(ctx, "calendar.rotate", "user", idbuf, NULL, NULL);
	if ((rc = core_end(ctx, rc)))
		return rc;
	*url = u;
	return TT_OK;
}

/* "2026-06-17" -> "17/06/2026". */
static const char *dmy(tt_ctx *ctx, const char *iso)
{
	if (!iso || !cal_date_valid(iso))
		return iso ? iso : "";
	return arena_printf(ctx->arena, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

/* s cut to at most max bytes at a character boundary, on one line, with
 * "…" when cut (arena). */
static const char *one_line(tt_ctx *ctx, const char *s, size_t max)
{
	size_t n = strlen(s);
	int cut = n > max;
	if (cut) {
		n = max;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	char *o = arena_alloc(ctx->arena, n + 4);
	if (!o)
		return NULL;
	for (size_t i = 0; i < n; i++)
		o[i] = s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : s[i];
	if (cut)
		memcpy(o + n, "\xE2\x80\xA6", 3), n += 3;
	o[n] = 0;
	return o;
}

/* Appends ev to the list (grown in the arena by doubling). */
static tt_rc push(tt_ctx *ctx, calendar_feed_t *f, size_t *cap, const calendar_event *ev)
{
	if (f->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		calendar_event *ne = arena_alloc(ctx->arena, nc * sizeof *ne);
		if (!ne)
			return TT_ERR_NOMEM;
		if (f->n)
			memcpy(ne, f->events, f->n * sizeof *ne);
		f->events = ne;
		*cap = nc;
	}
	if (!ev->uid || !ev->summary || !ev->description || !ev->url)
		return TT_ERR_NOMEM;
	f->events[f->n++] = *ev;
	return TT_OK;
}

/* The path segment of an org code (codes are letters, digits, '-', '_' and
 * '.'; anything else is escaped). */
static const char *url_part(tt_ctx *ctx, const char *s)
{
	tt_buf b;
	buf_init(&b, 1024);
	tt_rc rc = TT_OK;
	for (const unsigned char *p = (const unsigned char *)s; !rc && *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~", *p))
			rc = buf_addc(&b, (char)*p);
		else
			rc = buf_printf(&b, "%%%02X", *p);
	}
	const char *o = rc ? NULL : arena_strdup(ctx->arena, b.data ? b.data : "");
	buf_free(&b);
	return o;
}

static tt_rc add_reports(tt_ctx *ctx, const char *base, calendar_feed_t *f, size_t *cap)
{
	st_remind_report *reps = NULL;
	size_t n = 0;
	tt_rc rc = store_calendar_reports(ctx->db, ctx->arena, ctx->user->org_id, &reps, &n);
	for (size_t i = 0; !rc && i < n; i++) {
		const st_remind_report *p = &reps[i];
		const char *code = url_part(ctx, p->org_code);
		const char *url =
		    code ? arena_printf(ctx->arena, "%s/rounds/%lld/reports/%s", base, (long long)p->round_id, code)
		         : NULL;
		calendar_event ev = {
		    .uid = arena_printf(ctx->arena, "report-%lld@ttdn", (long long)p->report_id),
		    .date = p->due,
		    .summary = arena_printf(ctx->arena, "Hạn báo cáo: %s", one_line(ctx, p->title, 400)),
		    .description = url ? arena_printf(ctx->arena,
		                                      "Báo cáo của %s.\nKỳ báo cáo: từ ngày %s đến ngày %s.\n"
		                                      "Hạn nộp: %s.\nNhập và nộp báo cáo tại: %s",
		                                      p->org_name ? p->org_name : p->org_code,
		                                      dmy(ctx, p->period_start), dmy(ctx, p->period_end),
		                                      dmy(ctx, p->due), url)
		                       : NULL,
		    .url = url,
		};
		rc = push(ctx, f, cap, &ev);
	}
	return rc;
}

static tt_rc add_rounds(tt_ctx *ctx, const char *base, calendar_feed_t *f, size_t *cap)
{
	if (!perm_may(ctx, PERM_MANAGE_ROUND, ctx->user->org_id))
		return TT_OK;
	st_round *rs = NULL;
	size_t n = 0;
	tt_rc rc = store_round_list_owned(ctx->db, ctx->arena, ctx->user->org_id, &rs, &n);
	for (size_t i = 0; !rc && i < n; i++) {
		const st_round *x = &rs[i];
		if (x->owner_org_id != ctx->user->org_id || x->submitted >= x->expected)
			continue;
		const char *url = arena_printf(ctx->arena, "%s/rounds/%lld", base, (long long)x->id);
		calendar_event ev = {
		    .uid = arena_printf(ctx->arena, "round-%lld@ttdn", (long long)x->id),
		    .date = x->due,
		    .summary = arena_printf(ctx->arena, "Hạn nộp của đợt báo cáo: %s", one_line(ctx, x->title, 400)),
		    .description = url ? arena_printf(ctx->arena,
		                                      "Đợt báo cáo do %s tổ chức.\nKỳ báo cáo: từ ngày %s đến ngày "
		                                      "%s.\nĐã nộp: %d/%d đơn vị.\nTheo dõi tại: %s",
		                                      x->owner_name ? x->owner_name : x->owner_code,
		                                      dmy(ctx, x->period_start), dmy(ctx, x->period_end),
		                                      x->submitted, x->expected, url)
		                       : NULL,
		    .url = url,
		};
		rc = push(ctx, f, cap, &ev);
	}
	return rc;
}

static tt_rc add_tasks(tt_ctx *ctx, const char *base, calendar_feed_t *f, size_t *cap)
{
	char today[CAL_DATE_LEN], until[CAL_DATE_LEN];
	cal_vn_date(ctx->now, today);
	tt_rc rc = cal_add_days(today, CALENDAR_TASK_DAYS - 1, until);
	plan_org_task *list = NULL;
	size_t n = 0;
	if (rc || (rc = plan_tasks_of_org(ctx, ctx->user->org_id, today, &list, &n, NULL)))
		return rc;
	for (size_t i = 0; !rc && i < n; i++) {
		const st_plan *p = &list[i].view->plan;
		const plan_task_view *tv = list[i].task;
		const st_plan_task *t = &tv->task;
		if (!t->tf_end || !cal_date_valid(t->tf_end) || strcmp(t->tf_end, today) < 0 ||
		    strcmp(t->tf_end, until) > 0 || tv->status == PLAN_DONE_ON_TIME || tv->status == PLAN_DONE_LATE ||
		    tv->status == PLAN_CONTINUOUS)
			continue;
		const char *url = arena_printf(ctx->arena, "%s/plans/%lld#task-%lld", base, (long long)p->id,
		                               (long long)t->id);
		const char *label = t->label && *t->label ? t->label : "";
		calendar_event ev = {
		    .uid = arena_printf(ctx->arena, "task-%lld-%lld@ttdn", (long long)t->id,
		                        (long long)ctx->user->org_id),
		    .date = t->tf_end,
		    .summary = arena_printf(ctx->arena, "Hạn nhiệm vụ: %s%s%s", label, *label ? " " : "",
		                            one_line(ctx, t->text ? t->text : "", CALENDAR_SUMMARY_MAX)),
		    .description = url ? arena_printf(ctx->arena, "Kế hoạch: %s.\nNhiệm vụ: %s\nThời hạn: %s.\n"
		                                                  "Cập nhật tiến độ tại: %s",
		                                      one_line(ctx, p->title ? p->title : "", 400),
		                                      t->text ? t->text : "", dmy(ctx, t->tf_end), url)
		                       : NULL,
		    .url = url,
		};
		rc = push(ctx, f, cap, &ev);
	}
	return rc;
}

tt_rc calendar_feed(tt_ctx *ctx, const char *token, calendar_feed_t *out)
{
	char th[65];
	if (!token || !token_well_formed(token))
		return TT_ERR_NOT_FOUND;
	token_hash(token, th);
	int64_t uid = 0;
	const char *stored = NULL;
	tt_rc rc = store_calendar_owner(ctx->db, ctx->arena, th, &uid, &stored);
	if (rc)
		return rc;
	if (strlen(stored) != 64 || sodium_memcmp(stored, th, 64) != 0)
		return TT_ERR_NOT_FOUND;
	st_user *u = arena_alloc(ctx->arena, sizeof *u);
	if (!u)
		return TT_ERR_NOMEM;
	if ((rc = store_user_get(ctx->db, ctx->arena, uid, u)))
		return rc;
	if (u->disabled)
		return TT_ERR_NOT_FOUND;
	const st_user *was = ctx->user;
	ctx->user = u;
	calendar_feed_t f = {.name = arena_printf(ctx->arena, "Hạn nộp – %s", u->org_name ? u->org_name : u->org_code)};
	size_t cap = 0;
	const char *base = base_url(ctx);
	if (!f.name || !base)
		rc = TT_ERR_NOMEM;
	if (!rc)
		rc = add_reports(ctx, base, &f, &cap);
	if (!rc)
		rc = add_rounds(ctx, base, &f, &cap);
	if (!rc)
		rc = add_tasks(ctx, base, &f, &cap);
	ctx->user = was;
	if (!rc)
		*out = f;
	return rc;
}
