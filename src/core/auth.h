/* auth.h - passwords, sessions, login throttling and roles. */
#ifndef TT_AUTH_H
#define TT_AUTH_H

#include <stddef.h>

#include "core/ctx.h"

#define AUTH_TOKEN_HEX 64            /* length of session and CSRF tokens in hex */
#define AUTH_MIN_PASSWORD 10         /* characters */
#define AUTH_MAX_PASSWORD_BYTES 1024 /* bytes of UTF-8 */
#define AUTH_SESSION_HOURS 12

/* Login throttling. Failures are counted per client address (the socket's
 * peer address; an IPv6 address counts by its /64 prefix), never per login
 * alone, so nobody can lock another person out from elsewhere:
 *  - AUTH_MAX_FAILURES failures for one login from one address since that
 *    login last succeeded from there, within AUTH_FAILURE_WINDOW_MIN;
 *  - AUTH_MAX_ADDRESS_FAILURES failures from one address, any login,
 *    within AUTH_FAILURE_WINDOW_MIN.
 * Refused attempts are not counted, so a lock ends at the latest
 * AUTH_FAILURE_WINDOW_MIN minutes after the failures that caused it. */
#define AUTH_MAX_FAILURES 5
#define AUTH_MAX_ADDRESS_FAILURES 30
#define AUTH_FAILURE_WINDOW_MIN 15

/* The login form's pre-session token: GET /login sets a random cookie
 * AUTH_PRELOGIN_COOKIE and puts a token bound to it (HMAC with a key kept
 * in the database) in the form; POST /login needs both. */
#define AUTH_PRELOGIN_COOKIE "ttdn_pre"
#define AUTH_PRELOGIN_MINUTES 60

/* Call once at start-up (libsodium). */
tt_rc auth_init(void);

/* Returns 1 if role is one of admin, coordinator, reporter, viewer. */
int auth_role_valid(const char *role);

/* Fills out[len+1] with a random password of len characters from an
 * alphabet without look-alike characters. */
void auth_generate_password(char *out, size_t len);
/* argon2id hash of password into out (crypto_pwhash_STRBYTES). */
tt_rc auth_hash_password(const char *password, char *out, size_t outlen);

/* The one password rule, used by creation, change, reset and login: at
 * least AUTH_MIN_PASSWORD characters and at most AUTH_MAX_PASSWORD_BYTES
 * bytes. Returns TT_ERR_INVALID with a Vietnamese detail otherwise. */
tt_rc auth_password_check(tt_ctx *ctx, const char *password);

/* Creates a user (audited). The password must pass auth_password_check.
 * *id gets the new user's id (may be NULL). */
tt_rc auth_user_add(tt_ctx *ctx, const char *login, const char *name, const char *password,
                    const char *org_code, const char *role, int64_t *id);
/* The same with an e-mail address (NULL or "": none), checked by
 * auth_email_check. */
tt_rc auth_user_add_email(tt_ctx *ctx, const char *login, const char *name, const char *password,
                          const char *org_code, const char *role, const char *email, int64_t *id);
/* TT_OK when email is NULL, "" or a plausible address (see mail.h: at most
 * 254 bytes, no spaces, CR or LF); else TT_ERR_INVALID with a detail. */
tt_rc auth_email_check(tt_ctx *ctx, const char *email);
/* Sets or (NULL, "") clears a user's e-mail address (admin, audited). */
tt_rc auth_user_set_email(tt_ctx *ctx, const char *login, const char *email);

/* Verifies credentials, throttling repeated failures per client address
 * (see AUTH_MAX_FAILURES), and opens a session. client_ip is the peer
 * address of the connection (NULL or "" counts as one unknown address).
 * Every answer, throttled or not, takes one argon2id computation, so its
 * timing tells neither whether the login exists nor whether it is locked.
 * On success *token (cookie value) and *csrf are arena strings and *user
 * the logged-in user. TT_ERR_THROTTLED when refused by the limits. */
tt_rc auth_login(tt_ctx *ctx, const char *client_ip, const char *login, const char *password,
                 const char **token, const char **csrf, st_user *user);
/* The key login failures are counted under for an address: IPv4 as is,
 * IPv6 by its /64 prefix ("2001:db8:1:2::/64"), IPv4-mapped IPv6 as IPv4.
 * Writes at most 64 bytes to out. */
void auth_address_key(const char *client_ip, char out[64]);

/* A new pre-session pair for the login form: *cookie (random, 64 hex) and
 * *field (the form token bound to it, valid AUTH_PRELOGIN_MINUTES). Arena
 * strings. */
tt_rc auth_prelogin_new(tt_ctx *ctx, const char **cookie, const char **field);
/* TT_OK when field was made by auth_prelogin_new for cookie and has not
 * expired; TT_ERR_CSRF (with a Vietnamese detail) otherwise. */
tt_rc auth_prelogin_check(tt_ctx *ctx, const char *cookie, const char *field);
/* Resolves a cookie token into a user and the session's CSRF token. */
tt_rc auth_session(tt_ctx *ctx, const char *token, st_user *user, const char **csrf);
tt_rc auth_logout(tt_ctx *ctx, const char *token);
/* Changes ctx->user's password after checking the old one; ends the user's
 * other sessions. */
tt_rc auth_change_password(tt_ctx *ctx, const char *token, const char *old_pw, const char *new_pw);
/* Changes a user's role or disables the account (admin only; audited).
 * Disabling ends the user's sessions. An admin cannot demote or disable
 * their own account, so the system never loses its last admin that way. */
tt_rc auth_user_update(tt_ctx *ctx, const char *login, const char *role, int disabled);
/* disabled: 1 lock, 0 unlock, -1 keep; role NULL keeps the role. */
/* Sets a new password for login (admin, or the CLI as system) and ends all
 * of that user's sessions. Audited. */
tt_rc auth_reset_password(tt_ctx *ctx, const char *login, const char *password);
/* Constant-time comparison of two NUL-terminated tokens. */
int auth_token_equal(const char *a, const char *b);

/* Whom to ask for a new password, for anyone (the login page): the active
 * admins with their names and bodies, at most limit (arena). Only names
 * and bodies of admins are given, never a login, and nothing depends on
 * what a visitor typed, so the answer tells nothing about which logins
 * exist. The caller shows name and org_name only. */
tt_rc auth_admin_contacts(tt_ctx *ctx, int limit, st_user **out, size_t *n);

/* Every account, for those who may administer users (arena). */
tt_rc auth_user_list(tt_ctx *ctx, st_user **out, size_t *n);

#endif
