-- The calendar feed (SQLite 022): each user's secret feed address, kept
-- only as the SHA-256 of its token (hex).
CREATE TABLE calendar_token (
  user_id    BIGINT PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
