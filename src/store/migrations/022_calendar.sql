-- The calendar feed: each user's secret feed address, kept only as the
-- SHA-256 of its token (hex); a new token replaces the old one.
CREATE TABLE calendar_token (
  user_id    INTEGER PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
