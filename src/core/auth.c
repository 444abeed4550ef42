/* auth.c - argon2id passwords (libsodium), database-stored sessions, CSRF
 * tokens and login throttling. Only SHA-256 hashes of session tokens are
 * stored, so a copy of the database does not hand out live sessions. */
#include "core/auth.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

#include "core/audit.h"

tt_rc auth_init(void)
{
	return sodium_init() < 0 ? TT_ERR_NOMEM : TT_OK;
}

int auth_role_valid(const char *role)
{
	return role && (!strcmp(role, "admin") || !strcmp(role, "coordinator") || !strcmp(role, "reporter") ||
	                !strcmp(role, "viewer"));
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

tt_rc auth_user_add(tt_ctx *ctx, const char *login, const char *name, const char *password,
                    const char *org_code, const char *role, int64_t *id)
{
	tt_rc rc;
	st_org org;
	char hash[crypto_pwhash_STRBYTES];
	if (!login || !*login || strlen(login) > 64 ||
	    strspn(login, "abcdefghijklmnopqrstuvwxyz0123456789._-@") != strlen(login))
		return ctx_fail(
		    ctx, TT_ERR_INVALID,
		    "Tên đăng nhập chỉ gồm chữ thường không dấu, số và . _ - @ (tối đa 64 ký tự).");
	if (!auth_role_valid(role))
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Vai trò phải là admin, coordinator, reporter hoặc viewer.");
	if (!password || utf8_chars(password) < AUTH_MIN_PASSWORD)
		return ctx_fail(ctx, TT_ERR_INVALID, "Mật khẩu phải có ít nhất %d ký tự.", AUTH_MIN_PASSWORD);
	if ((rc = store_org_get(ctx->db, ctx->arena, org_code, &org)))
		return rc == TT_ERR_NOT_FOUND
		           ? ctx_fail(ctx, TT_ERR_INVALID, "Không có đơn vị mã %s.", org_code)
		           : rc;
	if ((rc = auth_hash_password(password, hash, sizeof hash)))
		return rc;
	st_user u = {
	    .login = login, .name = name ? name : "", .pwhash = hash, .role = role, .org_id = org.id};
	int64_t uid = 0;
	if ((rc = store_begin(ctx->db)))
		return rc;
	rc = store_user_add(ctx->db, &u, &uid);
	if (rc == TT_ERR_CONFLICT) {
		ctx_fail(ctx, rc, "Tên đăng nhập %s đã có người dùng.", login);
		goto out;
	}
	if (rc)
		goto out;
	json_t *after =
	    json_pack("{s:s, s:s, s:s, s:s}", "login", login, "name", u.name, "org", org_code, "role", role);
	char idbuf[24];
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)uid);
	rc = after ? audit_record(ctx, "user.create", "user", idbuf, NULL, after) : TT_ERR_NOMEM;
	json_decref(after);
	if (!rc)
		rc = store_commit(ctx->db);
out:
	if (rc)
		store_rollback(ctx->db);
	else if (id)
		*id = uid;
	return rc;
}

static void iso_utc(time_t t, char buf[21])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

tt_rc auth_login(tt_ctx *ctx, const char *login, const char *password, const char **token, const char **csrf,
                 st_user *user)
{
	tt_rc rc;
	st_user u;
	char since[21];
	int failures = 0;
	iso_utc(time(NULL) - AUTH_FAILURE_WINDOW_MIN * 60, since);
	if (!login || !password || !*login)
		return ctx_fail(ctx, TT_ERR_INVALID, "Vui lòng nhập tên đăng nhập và mật khẩu.");
	if (strlen(login) > 64 || strlen(password) > 1024)
		return ctx_fail(ctx, TT_ERR_UNAUTH, "Tên đăng nhập hoặc mật khẩu không đúng.");
	if ((rc = store_login_failures(ctx->db, login, since, &failures)))
		return rc;
	if (failures >= AUTH_MAX_FAILURES)
		return ctx_fail(ctx, TT_ERR_THROTTLED,
		                "Đã đăng nhập sai %d lần; vui lòng thử lại sau %d phút.", AUTH_MAX_FAILURES,
		                AUTH_FAILURE_WINDOW_MIN);
	rc = store_user_by_login(ctx->db, ctx->arena, login, &u);
	if (rc && rc != TT_ERR_NOT_FOUND)
		return rc;
	int ok = !rc && !u.disabled && crypto_pwhash_str_verify(u.pwhash, password, strlen(password)) == 0;
	if (rc == TT_ERR_NOT_FOUND) {
		/* Spend the same time as a real check so logins cannot be probed. */
		char dummy[crypto_pwhash_STRBYTES];
		auth_hash_password(password, dummy, sizeof dummy);
	}
	if ((rc = store_login_attempt_add(ctx->db, login, ok)))
		return rc;
	if (!ok)
		return ctx_fail(ctx, TT_ERR_UNAUTH, "Tên đăng nhập hoặc mật khẩu không đúng.");
	char tok[AUTH_TOKEN_HEX + 1], cs[AUTH_TOKEN_HEX + 1], th[65], exp[21];
	random_hex(tok);
	random_hex(cs);
	token_hash(tok, th);
	iso_utc(time(NULL) + AUTH_SESSION_HOURS * 3600, exp);
	if ((rc = store_session_add(ctx->db, th, u.id, cs, exp)))
		return rc;
	const char *t = arena_strdup(ctx->arena, tok), *c = arena_strdup(ctx->arena, cs);
	if (!t || !c)
		return TT_ERR_NOMEM;
	*token = t;
	*csrf = c;
	*user = u;
	return TT_OK;
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
	if (!new_pw || utf8_chars(new_pw) < AUTH_MIN_PASSWORD || strlen(new_pw) > 1024)
		return ctx_fail(ctx, TT_ERR_INVALID, "Mật khẩu mới phải có ít nhất %d ký tự.",
		                AUTH_MIN_PASSWORD);
	if ((rc = auth_hash_password(new_pw, hash, sizeof hash)))
		return rc;
	if ((rc = store_begin(ctx->db)))
		return rc;
	char idbuf[24];
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)ctx->user->id);
	if (token)
		token_hash(token, th);
	if (!(rc = store_user_set_password(ctx->db, ctx->user->id, hash)) &&
	    !(rc = store_session_delete_user(ctx->db, ctx->user->id, token ? th : NULL)) &&
	    !(rc = audit_record(ctx, "user.password", "user", idbuf, NULL, NULL)))
		rc = store_commit(ctx->db);
	if (rc)
		store_rollback(ctx->db);
	return rc;
}

tt_rc auth_user_update(tt_ctx *ctx, const char *login, const char *role, int disabled)
{
	st_user u;
	tt_rc rc;
	if (!ctx->user || strcmp(ctx->user->role, "admin"))
		return ctx_fail(ctx, TT_ERR_FORBIDDEN, "Chỉ quản trị hệ thống mới đổi được vai trò.");
	if ((rc = store_user_by_login(ctx->db, ctx->arena, login ? login : "", &u)))
		return rc;
	if (!role)
		role = u.role;
	if (disabled < 0)
		disabled = u.disabled;
	if (!auth_role_valid(role))
		return ctx_fail(ctx, TT_ERR_INVALID,
		                "Vai trò phải là admin, coordinator, reporter hoặc viewer.");
	if (u.id == ctx->user->id && (strcmp(role, "admin") || disabled))
		return ctx_fail(ctx, TT_ERR_CONFLICT,
		                "Không thể tự hạ quyền hoặc khóa tài khoản của chính mình.");
	if ((rc = store_begin(ctx->db)))
		return rc;
	char idbuf[24];
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)u.id);
	json_t *before = json_pack("{s:s, s:b}", "role", u.role, "disabled", u.disabled);
	json_t *after = json_pack("{s:s, s:b}", "role", role, "disabled", disabled);
	if (!(rc = store_user_set_role(ctx->db, u.id, role, disabled)) &&
	    !(rc = disabled ? store_session_delete_user(ctx->db, u.id, NULL) : TT_OK) &&
	    !(rc = audit_record(ctx, "user.update", "user", idbuf, before, after)))
		rc = store_commit(ctx->db);
	json_decref(before);
	json_decref(after);
	if (rc)
		store_rollback(ctx->db);
	return rc;
}

tt_rc auth_reset_password(tt_ctx *ctx, const char *login, const char *password)
{
	st_user u;
	char hash[crypto_pwhash_STRBYTES];
	tt_rc rc;
	if (ctx->user && strcmp(ctx->user->role, "admin"))
		return ctx_fail(ctx, TT_ERR_FORBIDDEN, "Chỉ quản trị hệ thống mới đặt lại được mật khẩu.");
	if (!password || utf8_chars(password) < AUTH_MIN_PASSWORD || strlen(password) > 1024)
		return ctx_fail(ctx, TT_ERR_INVALID, "Mật khẩu phải có ít nhất %d ký tự.", AUTH_MIN_PASSWORD);
	if ((rc = store_user_by_login(ctx->db, ctx->arena, login ? login : "", &u)))
		return rc == TT_ERR_NOT_FOUND
		           ? ctx_fail(ctx, rc, "Không có tài khoản %s.", login ? login : "")
		           : rc;
	if ((rc = auth_hash_password(password, hash, sizeof hash)) || (rc = store_begin(ctx->db)))
		return rc;
	char idbuf[24];
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)u.id);
	if (!(rc = store_user_set_password(ctx->db, u.id, hash)) &&
	    !(rc = store_session_delete_user(ctx->db, u.id, NULL)) &&
	    !(rc = audit_record(ctx, "user.password_reset", "user", idbuf, NULL, NULL)))
		rc = store_commit(ctx->db);
	if (rc)
		store_rollback(ctx->db);
	return rc;
}
