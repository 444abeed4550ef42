-- 010_count_indicator.sql - a round's count may name an indicator of the
-- activity register; the note of a reported number that differs from the
-- register's suggestion. Same schema as SQLite's 015.
ALTER TABLE round_count ADD COLUMN indicator TEXT;

CREATE TABLE report_note (
  report_id  BIGINT NOT NULL REFERENCES report(id) ON DELETE CASCADE,
  count_key  TEXT NOT NULL,
  note       TEXT NOT NULL,
  PRIMARY KEY (report_id, count_key)
);
