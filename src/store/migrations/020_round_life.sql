-- 020_round_life.sql - the life of a round after it is made: a round can be
-- closed (no more saves or submits) and reopened; one body can get a later
-- due date of its own; a coordinator approves a submitted report, which
-- locks it (the status stays 'submitted', so approved reports count as
-- submitted everywhere); and each report keeps a timeline of what happened
-- to it, the reasons of returns and unapprovals included.
ALTER TABLE round ADD COLUMN closed_at TEXT;
ALTER TABLE report ADD COLUMN due TEXT;
ALTER TABLE report ADD COLUMN approved_at TEXT;
ALTER TABLE report ADD COLUMN approved_by INTEGER REFERENCES account(id);
CREATE TABLE report_event (
  id         INTEGER PRIMARY KEY,
  report_id  INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
  at         TEXT NOT NULL,
  day        TEXT NOT NULL,
  user_id    INTEGER REFERENCES account(id),
  kind       TEXT NOT NULL,
  note       TEXT,
  n          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX report_event_report ON report_event(report_id, id);
