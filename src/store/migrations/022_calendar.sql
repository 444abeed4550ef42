-- The calendar feed: each user's secret feed address. The token is the
-- HMAC of the user and a random nonce under the database's calendar_key,
-- so the address can be shown again (GET /api/v1/me) while lookups go by
-- the SHA-256 of the token (hex); a new nonce replaces the old address.
CREATE TABLE calendar_token (
  user_id    INTEGER PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  nonce      TEXT NOT NULL,
  created_at TEXT NOT NULL
);
INSERT OR IGNORE INTO setting(key, value) VALUES ('calendar_key', lower(hex(randomblob(32))));
