-- Reminders by e-mail: a user's address, and which reminder went out for
-- which report (the unique key lets one `ttdn remind` of two racing claim it).
ALTER TABLE account ADD COLUMN email TEXT;
CREATE TABLE reminder_sent (
  report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
  kind      TEXT NOT NULL,
  sent_at   TEXT NOT NULL,
  PRIMARY KEY (report_id, kind)
);
