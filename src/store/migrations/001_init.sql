-- 001: registry of bodies, accounts, audit trail, reporting rounds.

CREATE TABLE org (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('ministry','province','commune','department','press','other','district')),
  parent_id   INTEGER REFERENCES org(id),
  valid_from  TEXT,            -- YYYY-MM-DD, NULL = since ever
  valid_to    TEXT,            -- YYYY-MM-DD inclusive, NULL = still valid
  search_key  TEXT NOT NULL    -- folded name and aliases, for diacritic-free lookup
);
CREATE INDEX org_parent ON org(parent_id);
CREATE INDEX org_kind ON org(kind);

CREATE TABLE org_alias (
  org_id  INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  alias   TEXT NOT NULL,
  PRIMARY KEY (org_id, alias)
);

-- A merger is several rows with one successor; a split one row per successor.
CREATE TABLE org_successor (
  pred_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  succ_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  PRIMARY KEY (pred_id, succ_id)
);
CREATE INDEX org_successor_succ ON org_successor(succ_id);

CREATE TABLE user (
  id          INTEGER PRIMARY KEY,
  login       TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL DEFAULT '',
  pwhash      TEXT NOT NULL,
  org_id      INTEGER NOT NULL REFERENCES org(id),
  role        TEXT NOT NULL CHECK (role IN ('admin','coordinator','reporter','viewer')),
  disabled    INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL
);

-- Sessions live in the database so app servers stay stateless. Only the
-- SHA-256 of the cookie token is stored.
CREATE TABLE session (
  token_hash  TEXT PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
  csrf        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL
);
CREATE INDEX session_user ON session(user_id);

CREATE TABLE login_attempt (
  login  TEXT NOT NULL,
  at     TEXT NOT NULL,
  ok     INTEGER NOT NULL
);
CREATE INDEX login_attempt_login ON login_attempt(login, at);

-- Append-only: the triggers refuse updates and deletes.
CREATE TABLE audit (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  user_id    INTEGER,
  login      TEXT,
  action     TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  TEXT,
  before     TEXT,
  after      TEXT
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

CREATE TABLE round (
  id            INTEGER PRIMARY KEY,
  title         TEXT NOT NULL,
  period_start  TEXT NOT NULL,
  period_end    TEXT NOT NULL,
  due           TEXT NOT NULL,
  owner_org_id  INTEGER NOT NULL REFERENCES org(id),
  created_by    INTEGER REFERENCES user(id),
  created_at    TEXT NOT NULL
);
CREATE INDEX round_owner ON round(owner_org_id);

CREATE TABLE round_section (
  round_id  INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE,
  pos       INTEGER NOT NULL,
  key       TEXT NOT NULL,
  heading   TEXT NOT NULL,
  PRIMARY KEY (round_id, key)
);

CREATE TABLE round_count (
  round_id  INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE,
  pos       INTEGER NOT NULL,
  key       TEXT NOT NULL,
  name      TEXT NOT NULL,
  unit      TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (round_id, key)
);

CREATE TABLE report (
  id              INTEGER PRIMARY KEY,
  round_id        INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE,
  org_id          INTEGER NOT NULL REFERENCES org(id),
  status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','returned')),
  submitted_at    TEXT,
  return_comment  TEXT,
  updated_at      TEXT,
  updated_by      INTEGER REFERENCES user(id),
  UNIQUE (round_id, org_id)
);
CREATE INDEX report_org ON report(org_id);

CREATE TABLE report_text (
  report_id    INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
  section_key  TEXT NOT NULL,
  text         TEXT NOT NULL,
  PRIMARY KEY (report_id, section_key)
);

CREATE TABLE report_value (
  report_id  INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
  count_key  TEXT NOT NULL,
  value      REAL NOT NULL CHECK (value >= 0),
  PRIMARY KEY (report_id, count_key)
);

CREATE TABLE setting (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
