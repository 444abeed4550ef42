-- 013_activities.sql - the activity register: what each body did, recorded
-- once (type, dates, place, people, a link to a plan task), its countries
-- (ISO 3166-1 alpha-2), the numeric own fields indicators sum
-- (activity_number, so both engines aggregate them with plain SQL instead
-- of reading JSON), and its attachments as blobs. The own fields are kept
-- whole as JSON text in activity.fields, validated per type in C. A
-- deleted activity is gone; the audit trail keeps what it was.
CREATE TABLE activity (
  id            INTEGER PRIMARY KEY,
  org_id        INTEGER NOT NULL REFERENCES org(id),
  type          TEXT NOT NULL,
  title         TEXT NOT NULL,
  start_on      TEXT NOT NULL,
  end_on        TEXT,
  place         TEXT,
  description   TEXT,
  people        INTEGER,
  plan_task_id  INTEGER REFERENCES plan_task(id) ON DELETE SET NULL,
  in_plan       INTEGER NOT NULL DEFAULT 0,
  fields        TEXT NOT NULL DEFAULT '{}',
  recorded_by   INTEGER REFERENCES account(id),
  recorded_at   TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX activity_org_start ON activity(org_id, start_on);
CREATE INDEX activity_type_start ON activity(type, start_on);
CREATE INDEX activity_plan_task ON activity(plan_task_id);

CREATE TABLE activity_country (
  activity_id  INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  code         TEXT NOT NULL,
  PRIMARY KEY (activity_id, code)
);
CREATE INDEX activity_country_code ON activity_country(code, activity_id);

CREATE TABLE activity_number (
  activity_id  INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  key          TEXT NOT NULL,
  value        REAL NOT NULL,
  PRIMARY KEY (activity_id, key)
);
CREATE INDEX activity_number_key ON activity_number(key, activity_id);

CREATE TABLE activity_attachment (
  id            INTEGER PRIMARY KEY,
  activity_id   INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  blob_id       INTEGER NOT NULL REFERENCES blob(id),
  filename      TEXT NOT NULL,
  content_type  TEXT NOT NULL,
  size          INTEGER NOT NULL,
  added_by      INTEGER REFERENCES account(id),
  added_at      TEXT NOT NULL
);
CREATE INDEX activity_attachment_activity ON activity_attachment(activity_id, id);
CREATE INDEX activity_attachment_blob ON activity_attachment(blob_id);
