-- 014_round_text.sql - the consolidated text of a round, section by
-- section, as its coordinator rewrote it. Same schema as SQLite's 019.
CREATE TABLE round_text (
  round_id    BIGINT NOT NULL REFERENCES round(id) ON DELETE CASCADE,
  section_key TEXT NOT NULL,
  text        TEXT NOT NULL,
  version     BIGINT NOT NULL DEFAULT 1,
  updated_at  TEXT NOT NULL,
  updated_by  BIGINT REFERENCES account(id),
  PRIMARY KEY (round_id, section_key)
);
