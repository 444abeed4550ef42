-- 015_count_indicator.sql - a round's count may name an indicator of the
-- activity register (data/indicators.csv): each report then shows the
-- value the register suggests for the body's subtree over the round's
-- period. A reported number that differs from the suggestion carries a
-- note, kept per report and count (report_note), and shown on the
-- consolidated view beside the difference.
ALTER TABLE round_count ADD COLUMN indicator TEXT;

CREATE TABLE report_note (
  report_id  INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
  count_key  TEXT NOT NULL,
  note       TEXT NOT NULL,
  PRIMARY KEY (report_id, count_key)
);
