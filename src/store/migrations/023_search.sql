-- Full-text search (PostgreSQL 018): one row per searchable thing, kept by
-- the store in the same transaction as the thing itself, and two FTS5
-- indexes with ttdn's own tokenizer (ttdn_vn, registered on every
-- connection): search_fts of folded syllables, syllable pairs and symbols,
-- with positions for phrases; search_exact of the words as written (with
-- their diacritics), without positions nor lengths (columnsize=0: never
-- ranked itself), only to rank exact spellings first.
-- Derived data: `ttdn db copy` rebuilds it rather than copying it.
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
  body        TEXT NOT NULL,
  url         TEXT NOT NULL,
  UNIQUE (kind, ref_id)
);
CREATE INDEX search_doc_org ON search_doc(org_id);
CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_doc', content_rowid='id',
  tokenize='ttdn_vn main');
CREATE VIRTUAL TABLE search_exact USING fts5(title, body, content='search_doc', content_rowid='id',
  tokenize='ttdn_vn exact', detail=none, columnsize=0);
CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN
  INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
  INSERT INTO search_exact(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN
  INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
  INSERT INTO search_exact(search_exact, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER search_doc_au AFTER UPDATE ON search_doc BEGIN
  INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
  INSERT INTO search_exact(search_exact, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
  INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
  INSERT INTO search_exact(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
