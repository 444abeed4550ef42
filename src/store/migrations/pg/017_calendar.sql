-- The calendar feed (SQLite 022): each user's secret feed address, kept
-- only as the SHA-256 of its token (hex).
-- The token is the HMAC of the user and a random nonce under the
-- database's calendar_key (see the SQLite migration).
CREATE TABLE calendar_token (
  user_id    BIGINT PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  nonce      TEXT NOT NULL,
  created_at TEXT NOT NULL
);
INSERT INTO setting(key, value)
  VALUES ('calendar_key', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))
  ON CONFLICT (key) DO NOTHING;
