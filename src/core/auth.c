/* auth.c - argon2id passwords (libsodium), database-stored sessions, CSRF
 * tokens and login throttling. Only SHA-256 hashes of session tokens are
 * stored, so a copy of the database does not hand out live sessions. */
#include "core/auth.h"
#include "core/mail.h"

#include <arpa/inet.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/cal.h"
#include "core/audit.h"
#include "core/mutate.h"
#include "core/perm.h"

tt_rc auth_init(void)
{
	return sodium_init() < 0 ? TT_ERR_NOMEM : TT_OK;
}

int auth_role_valid(const char *role)
{
	return perm_role(role) != ROLE_NONE;
}

void auth_generate_password(char *out, size_t len)
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	for (size_t i = 0; i < len; i++)
		out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	out[len] = '\0';
}

tt_rc auth_hash_password(const char *password, char *out, size_t outlen)
{
	if (outlen < crypto_pwhash_STRBYTES)
		return TT_ERR_INVALID;
	if (crypto_pwhash_str_alg(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                          crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return TT_ERR_NOMEM;
	return TT_OK;
}

static void random_hex(char out[AUTH_TOKEN_HEX + 1])
{
	unsigned char raw[AUTH_TOKEN_HEX / 2];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, AUTH_TOKEN_HEX + 1, raw, sizeof raw);
}

static void token_hash(const char *token, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, 65, h, sizeof h);
}

int auth_token_equal(const char *a, const char *b)
{
	size_t n = strlen(a);
	if (n == 0 || n != strlen(b))
		return 0;
	return sodium_memcmp(a, b, n) == 0;
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* The rule without a message, for login (a password that breaks it cannot
 * be anyone's). */
static int password_ok(const char *password)
{
	return password && strlen(password) <= AUTH_MAX_PASSWORD_BYTES &&
	       utf8_chars(password) >= AUTH_MIN_PASSWORD;
}

tt_rc auth_password_check(tt_ctx *ctx, const char *password)
{
	if (!password_ok(password))
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Mật khẩu phải có ít nhất %d ký tự và không dài quá %d byte.",
		                AUTH_MIN_PASSWORD, AUTH_MAX_PASSWORD_BYTES);
	return TT_OK;
}

tt_rc auth_email_check(tt_ctx *ctx, const char *email)
{
	if (!email || !*email || mail_address_valid(email))
		return TT_OK;
	return ctx_fail(ctx, TT_ERR_INVALID,
	                "Địa chỉ thư điện tử không hợp lệ (dạng ten@donvi.gov.vn, tối đa 254 ký tự).");
}

tt_rc auth_user_set_email(tt_ctx *ctx, const char *login, const char *email)
{
	st_user u;
	tt_rc rc;
	if (!perm_may(ctx, PERM_ADMIN_USERS, 0))
		return ctx_fail(ctx, TT_ERR_FORBIDDEN, "Chỉ quản trị hệ thống mới đổi được địa chỉ thư.");
	if ((rc = auth_email_check(ctx, email)))
		return rc;
	if ((rc = core_begin(ctx)))
		return rc;
	json_t *before = NULL, *after = NULL;
	if ((rc = store_user_by_login(ctx->db, ctx->arena, login ? login : "", &u)))
		goto out;
	if (!strcmp(u.email ? u.email : "", email ? email : ""))
		goto out; /* unchanged: nothing to record */
	char idbuf[24];
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)u.id);
	before = json_pack("{s:s?}", "email", u.email);
	after = json_pack("{s:s?}", "email", email && *email ? email : NULL);
	if (!(rc = store_user_set_email(ctx->db, u.id, email)))
		rc = audit_record(ctx, "user.email", "user", idbuf, before, after);
out:
	json_decref(before);
	json_decref(after);
	return core_end(ctx, rc);
}

tt_rc auth_user_add(tt_ctx *ctx, const char *login, const char *name, const char *password,
                    const char *org_code, const char *role, int64_t *id)
{
	return auth_user_add_email(ctx, login, name, password, org_code, role, NULL, id);
}

tt_rc auth_user_add_email(tt_ctx *ctx, const char *login, const char *name, const char *password,
                          const char *org_code, const char *role, const char *email, int64_t *id)
{
	tt_rc rc;
	st_org org;
	char hash[crypto_pwhash_STRBYTES];
	if ((rc = perm_check(ctx, PERM_ADMIN_USERS, 0)))
		return rc;
	if (!login || !*login || strlen(login) > 64 ||
	    strspn(login, "abcdefghijklmnopqrstuvwxyz0123456789._-@") != strlen(login))
		return ctx_fail(
		    ctx, TT_ERR_INVALID,
		    "Tên đăng nhập chỉ gồm chữ thường không dấu, số và . _ - @ (tối đa 64 ký tự).");
	if (!auth_role_valid(role))
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Vai trò phải là admin, coordinator, reporter hoặc viewer.");
	if ((rc = auth_password_check(ctx, password)) || (rc = auth_email_check(ctx, email)))
		return rc;
	/* The slow hash goes first, so the write lock is held only briefly. */
	if ((rc = auth_hash_password(password, hash, sizeof hash)))
		return rc;
	int64_t uid = 0;
	if ((rc = core_begin(ctx)))
		return rc;
	if ((rc = store_org_get(ctx->db, ctx->arena, org_code, &org))) {
		if (rc == TT_ERR_NOT_FOUND)
			rc = ctx_fail(ctx, TT_ERR_INVALID, "Không có đơn vị mã %s.", org_code);
		goto out;
	}
	st_user u = {
	    .login = login, .name = name ? name : "", .pwhash = hash, .role = role, .org_id = org.id,
	    .email = email && *email ? email : NULL};
	rc = store_user_add(ctx->db, &u, &uid);
	if (rc == TT_ERR_CONFLICT) {
		ctx_fail(ctx, rc, "Tên đăng nhập %s đã có người dùng.", login);
		goto out;
	}
	if (rc)
		goto out;
	json_t *after = json_pack("{s:s, s:s, s:s, s:s, s:s?}", "login", login, "name", u.name, "org", org_code,
	                          "role", role, "email", u.email);
	char idbuf[24];
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)uid);
	rc = after ? audit_record(ctx, "user.create", "user", idbuf, NULL, after) : TT_ERR_NOMEM;
	json_decref(after);
out:
	rc = core_end(ctx, rc);
	if (!rc && id)
		*id = uid;
	return rc;
}

void auth_address_key(const char *client_ip, char out[64])
{
	struct in6_addr a6;
	const char *ip = client_ip && *client_ip ? client_ip : "-";
	if (strchr(ip, ':') && inet_pton(AF_INET6, ip, &a6) == 1) {
		const unsigned char *b = a6.s6_addr;
		static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
		if (!memcmp(b, mapped, sizeof mapped))
			snprintf(out, 64, "%u.%u.%u.%u", b[12], b[13], b[14], b[15]);
		else
			snprintf(out, 64, "%x:%x:%x:%x::/64", b[0] << 8 | b[1], b[2] << 8 | b[3],
			         b[4] << 8 | b[5], b[6] << 8 | b[7]);
		return;
	}
	snprintf(out, 64, "%.63s", ip);
}

/* Counts recent failures and, unless the limits refuse the attempt,
 * records it as a failure before the password is checked, all in one write
 * transaction: parallel attempts see each other and cannot overrun the
 * limits. *attempt gets the recorded attempt's id (0 when throttled). */
static tt_rc login_reserve(tt_ctx *ctx, const char *key, const char *login, int *throttled, int64_t *attempt)
{
	char since[21], old[21];
	int pair = 0, total = 0;
	cal_iso_utc(ctx->now - AUTH_FAILURE_WINDOW_MIN * 60, since);
	cal_iso_utc(ctx->now - 24 * 3600, old);
	*throttled = 0;
	*attempt = 0;
	tt_rc rc = store_begin(ctx->db);
	if (rc)
		return rc;
	if ((rc = store_login_failures(ctx->db, key, login, since, &pair, &total)))
		goto out;
	*throttled = pair >= AUTH_MAX_FAILURES || total >= AUTH_MAX_ADDRESS_FAILURES;
	if (!*throttled && !(rc = store_login_attempt_prune(ctx->db, old)))
		rc = store_login_attempt_add(ctx->db, key, login, 0, attempt);
	if (!rc)
		rc = store_commit(ctx->db);
out:
	if (rc)
		store_rollback(ctx->db);
	return rc;
}

tt_rc auth_login(tt_ctx *ctx, const char *client_ip, const char *login, const char *password,
                 const char **token, const char **csrf, st_user *user)
{
	tt_rc rc;
	st_user u;
	char key[64];
	int throttled = 0;
	int64_t attempt = 0;
	if (!login || !password || !*login)
		return ctx_fail(ctx, TT_ERR_INVALID, "Vui lòng nhập tên đăng nhập và mật khẩu.");
	if (strlen(login) > 64)
		return ctx_fail(ctx, TT_ERR_UNAUTH, "Tên đăng nhập hoặc mật khẩu không đúng.");
	auth_address_key(client_ip, key);
	if ((rc = login_reserve(ctx, key, login, &throttled, &attempt)))
		return rc;
	rc = store_user_by_login(ctx->db, ctx->arena, login, &u);
	if (rc && rc != TT_ERR_NOT_FOUND)
		return rc;
	/* Exactly one argon2id computation on every path, so the time taken
	 * does not tell whether the login exists, is disabled or is locked. */
	int ok = 0;
	if (!rc && password_ok(password))
		ok = crypto_pwhash_str_verify(u.pwhash, password, strlen(password)) == 0 && !u.disabled;
	else {
		char dummy[crypto_pwhash_STRBYTES];
		const char *pw = password_ok(password) ? password : "";
		auth_hash_password(pw, dummy, sizeof dummy);
	}
	if (throttled)
		return ctx_fail(ctx, TT_ERR_THROTTLED,
		                "Đăng nhập sai quá nhiều lần từ địa chỉ này; vui lòng thử lại sau %d phút.",
		                AUTH_FAILURE_WINDOW_MIN);
	if (!ok)
		return ctx_fail(ctx, TT_ERR_UNAUTH, "Tên đăng nhập hoặc mật khẩu không đúng.");
	char tok[AUTH_TOKEN_HEX + 1], cs[AUTH_TOKEN_HEX + 1], th[65], exp[21];
	random_hex(tok);
	random_hex(cs);
	token_hash(tok, th);
	cal_iso_utc(ctx->now + AUTH_SESSION_HOURS * 3600, exp);
	if ((rc = store_begin(ctx->db)))
		return rc;
	if (!(rc = store_login_attempt_succeeded(ctx->db, attempt)) &&
	    !(rc = store_session_add(ctx->db, th, u.id, cs, exp)))
		rc = store_commit(ctx->db);
	if (rc) {
		store_rollback(ctx->db);
		return rc;
	}
	const char *t = arena_strdup(ctx->arena, tok), *c = arena_strdup(ctx->arena, cs);
	if (!t || !c)
		return TT_ERR_NOMEM;
	*token = t;
	*csrf = c;
	*user = u;
	return TT_OK;
}

/* HMAC-SHA256 of "cookie|expiry" with the database's pre-login key, hex. */
static tt_rc prelogin_mac(tt_ctx *ctx, const char *cookie, long long expiry, char out[65])
{
	const char *keyhex;
	unsigned char key[crypto_auth_hmacsha256_KEYBYTES], mac[crypto_auth_hmacsha256_BYTES];
	size_t keylen = 0;
	tt_rc rc = store_setting_get(ctx->db, ctx->arena, "prelogin_key", &keyhex);
	if (rc)
		return rc == TT_ERR_NOT_FOUND ? TT_ERR_DB : rc;
	if (sodium_hex2bin(key, sizeof key, keyhex, strlen(keyhex), NULL, &keylen, NULL) ||
	    keylen != sizeof key)
		return TT_ERR_DB;
	char msg[AUTH_TOKEN_HEX + 32];
	snprintf(msg, sizeof msg, "%s|%lld", cookie, expiry);
	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, strlen(msg), key);
	sodium_memzero(key, sizeof key);
	sodium_bin2hex(out, 65, mac, sizeof mac);
	return TT_OK;
}

static int is_hex_token(const char *s)
{
	return s && strlen(s) == AUTH_TOKEN_HEX && strspn(s, "0123456789abcdef") == AUTH_TOKEN_HEX;
}

tt_rc auth_prelogin_new(tt_ctx *ctx, const char **cookie, const char **field)
{
	char c[AUTH_TOKEN_HEX + 1], mac[65];
	long long expiry = (long long)ctx->now + AUTH_PRELOGIN_MINUTES * 60;
	random_hex(c);
	tt_rc rc = prelogin_mac(ctx, c, expiry, mac);
	if (rc)
		return rc;
	const char *cc = arena_strdup(ctx->arena, c);
	const char *f = arena_printf(ctx->arena, "%lld.%s", expiry, mac);
	if (!cc || !f)
		return TT_ERR_NOMEM;
	*cookie = cc;
	*field = f;
	return TT_OK;
}

tt_rc auth_prelogin_check(tt_ctx *ctx, const char *cookie, const char *field)
{
	char mac[65];
	const char *dot = field ? strchr(field, '.') : NULL;
	long long expiry = 0;
	if (is_hex_token(cookie) && dot && dot > field && dot - field <= 12 &&
	    (size_t)(dot - field) == strspn(field, "0123456789")) {
		expiry = strtoll(field, NULL, 10);
		tt_rc rc = prelogin_mac(ctx, cookie, expiry, mac);
		if (rc)
			return rc;
		if (expiry >= (long long)ctx->now && auth_token_equal(dot + 1, mac))
			return TT_OK;
	}
	return ctx_fail(ctx, TT_ERR_CSRF,
	                "Trang đăng nhập đã hết hạn hoặc không hợp lệ; vui lòng tải lại trang đăng nhập "
	                "rồi thử lại.");
}

tt_rc auth_session(tt_ctx *ctx, const char *token, st_user *user, const char **csrf)
{
	char th[65];
	if (!token || strlen(token) != AUTH_TOKEN_HEX)
		return TT_ERR_UNAUTH;
	token_hash(token, th);
	tt_rc rc = store_session_get(ctx->db, ctx->arena, th, user, csrf);
	return rc == TT_ERR_NOT_FOUND ? TT_ERR_UNAUTH : rc;
}

tt_rc auth_logout(tt_ctx *ctx, const char *token)
{
	char th[65];
	if (!token)
		return TT_OK;
	token_hash(token, th);
	return store_session_delete(ctx->db, th);
}

tt_rc auth_change_password(tt_ctx *ctx, const char *token, const char *old_pw, const char *new_pw)
{
	tt_rc rc;
	char hash[crypto_pwhash_STRBYTES], th[65];
	if (!ctx->user)
		return TT_ERR_UNAUTH;
	if (!old_pw || crypto_pwhash_str_verify(ctx->user->pwhash, old_pw, strlen(old_pw)) != 0)
		return ctx_fail(ctx, TT_ERR_INVALID, "Mật khẩu hiện tại không đúng.");
	if ((rc = auth_password_check(ctx, new_pw)))
		return rc;
	if ((rc = auth_hash_password(new_pw, hash, sizeof hash)))
		return rc;
	if ((rc = core_begin(ctx)))
		return rc;
	char idbuf[24];
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)ctx->user->id);
	if (token)
		token_hash(token, th);
	if (!(rc = store_user_set_password(ctx->db, ctx->user->id, hash)) &&
	    !(rc = store_session_delete_user(ctx->db, ctx->user->id, token ? th : NULL)))
		rc = audit_record(ctx, "user.password", "user", idbuf, NULL, NULL);
	return core_end(ctx, rc);
}

tt_rc auth_user_update(tt_ctx *ctx, const char *login, const char *role, int disabled)
{
	st_user u;
	tt_rc rc;
	if (!ctx->user || !perm_may(ctx, PERM_ADMIN_USERS, 0))
		return ctx_fail(ctx, TT_ERR_FORBIDDEN, "Chỉ quản trị hệ thống mới đổi được vai trò.");
	if (role && !auth_role_valid(role))
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Vai trò phải là admin, coordinator, reporter hoặc viewer.");
	if ((rc = core_begin(ctx)))
		return rc;
	json_t *before = NULL, *after = NULL;
	if ((rc = store_user_by_login(ctx->db, ctx->arena, login ? login : "", &u)))
		goto out;
	if (!role)
		role = u.role;
	if (disabled < 0)
		disabled = u.disabled;
	if (u.id == ctx->user->id && (perm_role(role) != ROLE_ADMIN || disabled)) {
		rc = ctx_fail(ctx, TT_ERR_CONFLICT,
		              "Không thể tự hạ quyền hoặc khóa tài khoản của chính mình.");
		goto out;
	}
	char idbuf[24];
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)u.id);
	before = json_pack("{s:s, s:b}", "role", u.role, "disabled", u.disabled);
	after = json_pack("{s:s, s:b}", "role", role, "disabled", disabled);
	if (!(rc = store_user_set_role(ctx->db, u.id, role, disabled)) &&
	    !(rc = disabled ? store_session_delete_user(ctx->db, u.id, NULL) : TT_OK))
		rc = audit_record(ctx, "user.update", "user", idbuf, before, after);
out:
	json_decref(before);
	json_decref(after);
	return core_end(ctx, rc);
}

tt_rc auth_reset_password(tt_ctx *ctx, const char *login, const char *password)
{
	st_user u;
	char hash[crypto_pwhash_STRBYTES];
	tt_rc rc;
	if (!perm_may(ctx, PERM_ADMIN_USERS, 0))
		return ctx_fail(ctx, TT_ERR_FORBIDDEN, "Chỉ quản trị hệ thống mới đặt lại được mật khẩu.");
	if ((rc = auth_password_check(ctx, password)))
		return rc;
	if ((rc = auth_hash_password(password, hash, sizeof hash)) || (rc = core_begin(ctx)))
		return rc;
	if ((rc = store_user_by_login(ctx->db, ctx->arena, login ? login : "", &u))) {
		if (rc == TT_ERR_NOT_FOUND)
			rc = ctx_fail(ctx, rc, "Không có tài khoản %s.", login ? login : "");
		return core_end(ctx, rc);
	}
	char idbuf[24];
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)u.id);
	if (!(rc = store_user_set_password(ctx->db, u.id, hash)) &&
	    !(rc = store_session_delete_user(ctx->db, u.id, NULL)))
		rc = audit_record(ctx, "user.password_reset", "user", idbuf, NULL, NULL);
	return core_end(ctx, rc);
}

tt_rc auth_admin_contacts(tt_ctx *ctx, int limit, st_user **out, size_t *n)
{
	return store_user_admins(ctx->db, ctx->arena, limit, out, n);
}

tt_rc auth_user_list(tt_ctx *ctx, st_user **out, size_t *n)
{
	tt_rc rc = perm_check(ctx, PERM_ADMIN_USERS, 0);
	return rc ? rc : store_user_list(ctx->db, ctx->arena, out, n);
}
