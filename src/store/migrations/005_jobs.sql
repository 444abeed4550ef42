-- 005: the queue of document imports, run by worker processes. It lives in
-- the database so that several servers on one database share it. A job
-- holds its uploaded file until it ends; the result names the stored
-- document (its symbol and title are read from the document) or the error.

CREATE TABLE job (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL DEFAULT 'import' CHECK (kind IN ('import')),
  state        TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','running','done','failed')),
  user_id      INTEGER NOT NULL REFERENCES user(id),
  filename     TEXT NOT NULL,
  size         INTEGER NOT NULL,
  data         BLOB,                  -- the uploaded file; NULL once the job has ended
  progress     INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  attempts     INTEGER NOT NULL DEFAULT 0,
  outcome      TEXT CHECK (outcome IN ('imported','duplicate','failed')),
  document_id  INTEGER REFERENCES document(id),
  error_code   TEXT,
  message      TEXT,                  -- Vietnamese, for the uploader
  created_at   TEXT NOT NULL,
  started_at   TEXT,
  finished_at  TEXT,
  worker_pid   INTEGER,
  heartbeat_at TEXT
);
CREATE INDEX job_state ON job(state, id);
CREATE INDEX job_user_state ON job(user_id, state);
