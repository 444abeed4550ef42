/* test_auth.c - the password rule, login throttling per address and login,
 * address keys, and the login form's pre-session token, on a real SQLite
 * file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/org.h"
#include "testutil.h"

#define PW "mật khẩu đủ dài 123"

static int setup(void **state)
{
	test_db *t = test_db_new();
	st_org o = {.code = "P51", .name = "Tỉnh Quảng Ngãi", .kind = "province"};
	assert_int_equal(org_put(&t->ctx, &o, NULL, 0, NULL), TT_OK);
	assert_int_equal(auth_user_add(&t->ctx, "owner", NULL, PW, "P51", "viewer", NULL), TT_OK);
	assert_int_equal(auth_user_add(&t->ctx, "other", NULL, PW, "P51", "viewer", NULL), TT_OK);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	test_db_free(*state);
	return 0;
}

static tt_rc try_login(test_db *t, const char *ip, const char *login, const char *pw)
{
	const char *token, *csrf;
	st_user u;
	t->ctx.error_detail = NULL;
	return auth_login(&t->ctx, ip, login, pw, &token, &csrf, &u);
}

static void test_password_rule(void **state)
{
	test_db *t = *state;
	char pw[AUTH_MAX_PASSWORD_BYTES + 2];
	memset(pw, 'x', sizeof pw);
	pw[AUTH_MAX_PASSWORD_BYTES] = '\0';
	assert_int_equal(auth_password_check(&t->ctx, pw), TT_OK);
	assert_int_equal(auth_password_check(&t->ctx, "123456789"), TT_ERR_INVALID);
	assert_int_equal(auth_password_check(&t->ctx, "ầầầầầầầầầầ"), TT_OK); /* 10 characters */
	assert_int_equal(auth_password_check(&t->ctx, NULL), TT_ERR_INVALID);
	/* The same limit at creation, reset, change and login. */
	assert_int_equal(auth_user_add(&t->ctx, "maxlen", NULL, pw, "P51", "viewer", NULL), TT_OK);
	assert_int_equal(try_login(t, "10.0.0.9", "maxlen", pw), TT_OK);
	pw[AUTH_MAX_PASSWORD_BYTES] = 'x';
	pw[AUTH_MAX_PASSWORD_BYTES + 1] = '\0';
	assert_int_equal(auth_user_add(&t->ctx, "toolong", NULL, pw, "P51", "viewer", NULL), TT_ERR_INVALID);
	assert_non_null(strstr(t->ctx.error_detail, "1024"));
	assert_int_equal(auth_reset_password(&t->ctx, "owner", pw), TT_ERR_INVALID);
	st_user u;
	assert_int_equal(store_user_by_login(t->db, &t->arena, "owner", &u), TT_OK);
	t->ctx.user = &u;
	assert_int_equal(auth_change_password(&t->ctx, NULL, PW, pw), TT_ERR_INVALID);
	t->ctx.user = NULL;
	assert_int_equal(try_login(t, "10.0.0.9", "maxlen", pw), TT_ERR_UNAUTH);
}

static void test_throttle_per_address_and_login(void **state)
{
	test_db *t = *state;
	for (int i = 0; i < AUTH_MAX_FAILURES; i++)
		assert_int_equal(try_login(t, "10.0.0.1", "owner", "sai mật khẩu rồi"), TT_ERR_UNAUTH);
	/* The attacker's address is locked for this login, even with the right
	 * password... */
	assert_int_equal(try_login(t, "10.0.0.1", "owner", PW), TT_ERR_THROTTLED);
	assert_non_null(t->ctx.error_detail);
	/* ...but the owner elsewhere, and other logins from there, are not. */
	assert_int_equal(try_login(t, "10.0.0.2", "owner", PW), TT_OK);
	assert_int_equal(try_login(t, "10.0.0.1", "other", PW), TT_OK);
}

static void test_success_resets_pair(void **state)
{
	test_db *t = *state;
	for (int i = 0; i < AUTH_MAX_FAILURES - 1; i++)
		assert_int_equal(try_login(t, "10.0.0.3", "owner", "gõ nhầm mật khẩu"), TT_ERR_UNAUTH);
	assert_int_equal(try_login(t, "10.0.0.3", "owner", PW), TT_OK);
	for (int i = 0; i < AUTH_MAX_FAILURES - 1; i++)
		assert_int_equal(try_login(t, "10.0.0.3", "owner", "gõ nhầm mật khẩu"), TT_ERR_UNAUTH);
	assert_int_equal(try_login(t, "10.0.0.3", "owner", PW), TT_OK);
}

static void test_throttle_per_address(void **state)
{
	test_db *t = *state;
	char login[32];
	for (int i = 0; i < AUTH_MAX_ADDRESS_FAILURES; i++) {
		snprintf(login, sizeof login, "ghost%d", i);
		assert_int_equal(try_login(t, "10.0.0.4", login, "không có tài khoản"), TT_ERR_UNAUTH);
	}
	assert_int_equal(try_login(t, "10.0.0.4", "owner", PW), TT_ERR_THROTTLED);
	assert_int_equal(try_login(t, "10.0.0.5", "owner", PW), TT_OK);
	/* One IPv6 /64 is one address. */
	for (int i = 0; i < AUTH_MAX_FAILURES; i++) {
		snprintf(login, sizeof login, "2001:db8:1:2::%x", i + 1);
		assert_int_equal(try_login(t, login, "owner", "sai mật khẩu rồi"), TT_ERR_UNAUTH);
	}
	assert_int_equal(try_login(t, "2001:db8:1:2:ffff::1", "owner", PW), TT_ERR_THROTTLED);
	assert_int_equal(try_login(t, "2001:db8:1:3::1", "owner", PW), TT_OK);
}

static void test_address_key(void **state)
{
	char k[64];
	auth_address_key("192.0.2.7", k);
	assert_string_equal(k, "192.0.2.7");
	auth_address_key("2001:db8:a:b:1:2:3:4", k);
	assert_string_equal(k, "2001:db8:a:b::/64");
	auth_address_key("2001:DB8:A:B::9", k);
	assert_string_equal(k, "2001:db8:a:b::/64");
	auth_address_key("::ffff:192.0.2.7", k);
	assert_string_equal(k, "192.0.2.7");
	auth_address_key(NULL, k);
	assert_string_equal(k, "-");
	auth_address_key("", k);
	assert_string_equal(k, "-");
}

static void test_prelogin_token(void **state)
{
	test_db *t = *state;
	const char *cookie, *field, *cookie2, *field2;
	assert_int_equal(auth_prelogin_new(&t->ctx, &cookie, &field), TT_OK);
	assert_int_equal(auth_prelogin_new(&t->ctx, &cookie2, &field2), TT_OK);
	assert_int_equal(strlen(cookie), AUTH_TOKEN_HEX);
	assert_string_not_equal(cookie, cookie2);
	assert_int_equal(auth_prelogin_check(&t->ctx, cookie, field), TT_OK);
	assert_int_equal(auth_prelogin_check(&t->ctx, cookie2, field2), TT_OK);
	assert_int_equal(auth_prelogin_check(&t->ctx, cookie, field2), TT_ERR_CSRF);
	assert_int_equal(auth_prelogin_check(&t->ctx, NULL, field), TT_ERR_CSRF);
	assert_int_equal(auth_prelogin_check(&t->ctx, cookie, NULL), TT_ERR_CSRF);
	assert_int_equal(auth_prelogin_check(&t->ctx, cookie, cookie), TT_ERR_CSRF);
	assert_non_null(strstr(t->ctx.error_detail, "tải lại trang"));
	/* A later expiry with the same MAC is refused (the MAC covers it). */
	const char *dot = strchr(field, '.');
	assert_non_null(dot);
	const char *moved = arena_printf(&t->arena, "9%s", field);
	assert_int_equal(auth_prelogin_check(&t->ctx, cookie, moved), TT_ERR_CSRF);
	/* An expired token is refused even with a correct MAC: expiry 0. */
	const char *old = arena_printf(&t->arena, "0%s", dot);
	assert_int_equal(auth_prelogin_check(&t->ctx, cookie, old), TT_ERR_CSRF);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_password_rule, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_throttle_per_address_and_login, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_success_resets_pair, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_throttle_per_address, setup, teardown),
	    cmocka_unit_test(test_address_key),
	    cmocka_unit_test_setup_teardown(test_prelogin_token, setup, teardown),
	};
	return cmocka_run_group_tests_name("auth", tests, NULL, NULL);
}
