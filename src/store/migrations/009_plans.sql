-- 009_plans.sql - the annual plan: groups (the plan's numbered sections)
-- holding tasks; the bodies each task names (lead or coordinating, one row
-- per matched body of a phrase, one row without a body for a phrase nobody
-- has matched yet); and the progress lead bodies report, kept as history
-- (the latest row of a task and body counts). Task ids are the tasks'
-- identity: labels repeat inside a document.
CREATE TABLE plan (
  id            INTEGER PRIMARY KEY,
  owner_org_id  INTEGER NOT NULL REFERENCES org(id),
  title         TEXT NOT NULL,
  period_start  TEXT NOT NULL,
  period_end    TEXT NOT NULL,
  document_id   INTEGER REFERENCES document(id),
  state         TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','active','closed')),
  created_by    INTEGER REFERENCES account(id),
  created_at    TEXT NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX plan_owner ON plan(owner_org_id);
CREATE INDEX plan_document ON plan(document_id);

CREATE TABLE plan_group (
  id        INTEGER PRIMARY KEY,
  plan_id   INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  pos       INTEGER NOT NULL,
  label     TEXT NOT NULL DEFAULT '',
  heading   TEXT NOT NULL DEFAULT '',
  UNIQUE (plan_id, pos)
);

CREATE TABLE plan_task (
  id               INTEGER PRIMARY KEY,
  plan_id          INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  group_id         INTEGER NOT NULL REFERENCES plan_group(id) ON DELETE CASCADE,
  pos              INTEGER NOT NULL,
  label            TEXT NOT NULL DEFAULT '',
  text             TEXT NOT NULL,
  tf_kind          TEXT NOT NULL DEFAULT 'unknown',
  tf_start         TEXT,
  tf_end           TEXT,
  tf_text          TEXT,
  expected_output  TEXT,
  notes            TEXT,
  version          INTEGER NOT NULL DEFAULT 1,
  UNIQUE (plan_id, pos)
);
CREATE INDEX plan_task_group ON plan_task(group_id);

CREATE TABLE plan_task_body (
  id       INTEGER PRIMARY KEY,
  task_id  INTEGER NOT NULL REFERENCES plan_task(id) ON DELETE CASCADE,
  role     TEXT NOT NULL CHECK (role IN ('lead','coord')),
  pos      INTEGER NOT NULL,
  text     TEXT NOT NULL,
  org_id   INTEGER REFERENCES org(id),
  grp      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX plan_task_body_task ON plan_task_body(task_id, role, pos);
CREATE INDEX plan_task_body_org ON plan_task_body(org_id);

CREATE TABLE plan_progress (
  id       INTEGER PRIMARY KEY,
  task_id  INTEGER NOT NULL REFERENCES plan_task(id) ON DELETE CASCADE,
  org_id   INTEGER NOT NULL REFERENCES org(id),
  state    TEXT NOT NULL CHECK (state IN ('not_started','in_progress','done')),
  done_on  TEXT,
  note     TEXT,
  at       TEXT NOT NULL,
  user_id  INTEGER REFERENCES account(id)
);
CREATE INDEX plan_progress_task ON plan_progress(task_id, org_id, id);
