/* auth.h - passwords, sessions, login throttling and roles. */
#ifndef TT_AUTH_H
#define TT_AUTH_H

#include <stddef.h>

#include "core/ctx.h"

#define AUTH_TOKEN_HEX 64 /* length of session and CSRF tokens in hex */
#define AUTH_MIN_PASSWORD 10
#define AUTH_SESSION_HOURS 12
#define AUTH_MAX_FAILURES 5
#define AUTH_FAILURE_WINDOW_MIN 15

/* Call once at start-up (libsodium). */
tt_rc auth_init(void);

/* Returns 1 if role is one of admin, coordinator, reporter, viewer. */
int auth_role_valid(const char *role);

/* Fills out[len+1] with a random password of len characters from an
 * alphabet without look-alike characters. */
void auth_generate_password(char *out, size_t len);
/* argon2id hash of password into out (crypto_pwhash_STRBYTES). */
tt_rc auth_hash_password(const char *password, char *out, size_t outlen);

/* Creates a user (audited). The password must have at least
 * AUTH_MIN_PASSWORD characters. *id gets the new user's id (may be NULL). */
tt_rc auth_user_add(tt_ctx *ctx, const char *login, const char *name, const char *password,
                    const char *org_code, const char *role, int64_t *id);

/* Verifies credentials, throttling repeated failures, and opens a session.
 * On success *token (cookie value) and *csrf are arena strings and *user
 * the logged-in user. */
tt_rc auth_login(tt_ctx *ctx, const char *login, const char *password, const char **token, const char **csrf,
                 st_user *user);
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

#endif
