-- The search index, smaller (PostgreSQL 019). The tokenizer now indexes a
-- pair only when both syllables are common (text/search.c), so every index
-- is built again (store_migrate rebuilds after a migration named search*).
-- search_doc keeps its text compressed (body_z, zlib, body_len bytes
-- once inflated): it serves snippets and the old text an FTS5 'delete'
-- needs. Both FTS5 tables are contentless, kept by the store itself
-- (store/search.c), not by triggers. The body comes first: FTS5 spends two
-- bytes a term and row to mark any column but the first.
-- Derived data: `ttdn db copy` rebuilds it rather than copying it.
DROP TABLE search_fts;
DROP TABLE search_exact;
DROP TABLE search_doc;
CREATE TABLE search_doc (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,     -- document, report, activity, task, org
  ref_id      INTEGER NOT NULL,  -- the thing's id
  parent_id   INTEGER,           -- a report's round, a task's plan
  org_id      INTEGER,           -- the body it belongs to (facet, filter)
  see_org_id  INTEGER,           -- read by users at or above this body
  own_org_id  INTEGER,           -- read by this body's users as their own
  year        INTEGER,
  doc_kind    TEXT,
  title       TEXT NOT NULL,
  body_z      BLOB NOT NULL,     -- the text searched, zlib
  body_len    INTEGER NOT NULL,  -- its bytes once inflated
  url         TEXT NOT NULL,
  UNIQUE (kind, ref_id)
);
CREATE INDEX search_doc_org ON search_doc(org_id);
-- folded syllables, common pairs and symbols, with positions
CREATE VIRTUAL TABLE search_fts USING fts5(body, title, content='', tokenize='ttdn_vn main');
-- the words as written (diacritics kept), without positions nor lengths
-- (never ranked itself): only to rank exact spellings first
CREATE VIRTUAL TABLE search_exact USING fts5(body, title, content='', tokenize='ttdn_vn exact',
  detail=none, columnsize=0);
-- a rebuild or a large import writes segments of up to 16 MB at a time
INSERT INTO search_fts(search_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO search_exact(search_exact, rank) VALUES ('hashsize', 16777216);
