-- 021_schedules.sql - reporting regimes: a body's schedule asks the same
-- bodies for the same sections and counts every period of the kinds it
-- names (kinds: comma-separated period kinds, "half_year,year"); `ttdn
-- tick` opens its rounds, and round_schedule links each round to the
-- schedule and period it was opened for (unique, so that two ticks never
-- open a period twice; the row stays when the round is deleted, so the
-- period is not opened again). up_due is the due day of the owner's own report to
-- the level above (D2), kept with the round. org_report_to is the
-- reporting hierarchy beside the administrative tree: a province reports to
-- the ministry's department without being inside it.
CREATE TABLE schedule (
  id            INTEGER PRIMARY KEY,
  owner_org_id  INTEGER NOT NULL REFERENCES org(id),
  title         TEXT NOT NULL,
  kinds         TEXT NOT NULL,
  due_days      INTEGER NOT NULL,
  up_due_days   INTEGER,
  active        INTEGER NOT NULL DEFAULT 1,
  starts_on     TEXT NOT NULL,
  created_by    INTEGER REFERENCES account(id),
  created_at    TEXT NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX schedule_owner ON schedule(owner_org_id);

CREATE TABLE schedule_section (
  schedule_id  INTEGER NOT NULL REFERENCES schedule(id) ON DELETE CASCADE,
  pos          INTEGER NOT NULL,
  key          TEXT NOT NULL,
  heading      TEXT NOT NULL,
  PRIMARY KEY (schedule_id, key)
);

CREATE TABLE schedule_count (
  schedule_id  INTEGER NOT NULL REFERENCES schedule(id) ON DELETE CASCADE,
  pos          INTEGER NOT NULL,
  key          TEXT NOT NULL,
  name         TEXT NOT NULL,
  unit         TEXT NOT NULL DEFAULT '',
  type         TEXT NOT NULL DEFAULT 'integer',
  indicator    TEXT,
  PRIMARY KEY (schedule_id, key)
);

CREATE TABLE schedule_org (
  schedule_id  INTEGER NOT NULL REFERENCES schedule(id) ON DELETE CASCADE,
  pos          INTEGER NOT NULL,
  org_id       INTEGER NOT NULL REFERENCES org(id),
  PRIMARY KEY (schedule_id, org_id)
);

CREATE TABLE round_schedule (
  round_id     INTEGER UNIQUE REFERENCES round(id) ON DELETE SET NULL,
  schedule_id  INTEGER REFERENCES schedule(id) ON DELETE SET NULL,
  period_key   TEXT NOT NULL,
  up_due       TEXT,
  UNIQUE (schedule_id, period_key)
);

CREATE TABLE org_report_to (
  org_id     INTEGER NOT NULL REFERENCES org(id),
  parent_id  INTEGER NOT NULL REFERENCES org(id),
  PRIMARY KEY (org_id, parent_id)
);
CREATE INDEX org_report_to_parent ON org_report_to(parent_id);
