-- 004: login throttling by client address, and the key of the login form's
-- pre-session token. Independent of the import queue (005).

-- The address (or IPv6 /64 prefix) an attempt came from; '' for attempts
-- recorded before this migration.
ALTER TABLE login_attempt ADD COLUMN ip TEXT NOT NULL DEFAULT '';
DROP INDEX IF EXISTS login_attempt_login;
CREATE INDEX login_attempt_ip_login ON login_attempt(ip, login, at);
CREATE INDEX login_attempt_ip_at ON login_attempt(ip, at);
CREATE INDEX login_attempt_at ON login_attempt(at);

-- HMAC key binding the login form's token to its pre-session cookie.
INSERT OR IGNORE INTO setting(key, value) VALUES ('prelogin_key', lower(hex(randomblob(32))));
