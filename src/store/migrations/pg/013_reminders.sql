-- Reminders by e-mail (SQLite 018): a user's address, and which reminder
-- went out for which report.
ALTER TABLE account ADD COLUMN email TEXT;
CREATE TABLE reminder_sent (
  report_id BIGINT NOT NULL REFERENCES report(id) ON DELETE CASCADE,
  kind      TEXT NOT NULL,
  sent_at   TEXT NOT NULL,
  PRIMARY KEY (report_id, kind)
);
