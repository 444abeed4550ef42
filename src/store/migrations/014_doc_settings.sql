-- 014_doc_settings.sql - what a body enters before exporting an official
-- document (place, signer, recipients), remembered per body so the next
-- export starts from it. The number and date belong to one document and are
-- not kept.
CREATE TABLE doc_settings (
  org_id        INTEGER PRIMARY KEY REFERENCES org(id),
  place         TEXT NOT NULL DEFAULT '',
  authority     TEXT NOT NULL DEFAULT '',
  signer_title  TEXT NOT NULL DEFAULT '',
  signer_name   TEXT NOT NULL DEFAULT '',
  recipients    TEXT NOT NULL DEFAULT '',
  updated_at    TEXT NOT NULL
);
