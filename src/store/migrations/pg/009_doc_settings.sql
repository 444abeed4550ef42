-- 009_doc_settings.sql - export settings of official documents remembered
-- per body. Same schema as SQLite's 014.
CREATE TABLE doc_settings (
  org_id        BIGINT PRIMARY KEY REFERENCES org(id),
  place         TEXT NOT NULL DEFAULT '',
  authority     TEXT NOT NULL DEFAULT '',
  signer_title  TEXT NOT NULL DEFAULT '',
  signer_name   TEXT NOT NULL DEFAULT '',
  recipients    TEXT NOT NULL DEFAULT '',
  updated_at    TEXT NOT NULL
);
