-- 002: imported administrative documents and their citations.

CREATE TABLE document (
  id           INTEGER PRIMARY KEY,
  sha256       TEXT NOT NULL UNIQUE,   -- of the original file: a re-import changes nothing
  filename     TEXT NOT NULL,
  format       TEXT NOT NULL,
  encoding     TEXT,
  kind         TEXT NOT NULL,
  symbol       TEXT,
  symbol_key   TEXT,                   -- folded symbol, for citation links
  number       INTEGER,
  issuer_code  TEXT,
  place        TEXT,
  date         TEXT,                   -- YYYY-MM-DD or NULL
  year         INTEGER,
  title        TEXT,
  text         TEXT NOT NULL,          -- NFC text as read
  parsed       TEXT NOT NULL,          -- the parser's JSON, with user corrections applied
  original     BLOB NOT NULL,
  size         INTEGER NOT NULL,
  imported_at  TEXT NOT NULL,
  imported_by  INTEGER REFERENCES user(id),
  corrected_at TEXT
);
CREATE INDEX document_symbol ON document(symbol_key);
CREATE INDEX document_kind_year ON document(kind, year);
CREATE INDEX document_issuer ON document(issuer_code);

CREATE TABLE document_citation (
  document_id  INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  pos          INTEGER NOT NULL,
  kind         TEXT,
  symbol       TEXT NOT NULL,
  symbol_key   TEXT NOT NULL,
  date         TEXT,
  text         TEXT,
  PRIMARY KEY (document_id, pos)
);
CREATE INDEX document_citation_key ON document_citation(symbol_key);
