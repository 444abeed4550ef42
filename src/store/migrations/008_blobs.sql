-- 008: large byte strings (document originals now, media later) are kept
-- as blobs of numbered chunks, so they are written and read a chunk at a
-- time and never held whole in memory. A chunk holds STORE_BLOB_CHUNK bytes
-- (1 MiB), the last one the rest. Existing originals move into blobs right
-- after this migration (see store.c); document.original then holds '',
-- and waiting jobs' files leave job.data for blobs the same way.

CREATE TABLE blob (
  id         INTEGER PRIMARY KEY,
  size       INTEGER NOT NULL,
  sha256     TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE blob_chunk (
  blob_id INTEGER NOT NULL REFERENCES blob(id) ON DELETE CASCADE,
  seq     INTEGER NOT NULL,
  data    BLOB NOT NULL,
  PRIMARY KEY (blob_id, seq)
);

ALTER TABLE document ADD COLUMN original_blob_id INTEGER REFERENCES blob(id);

-- The file of a queued import goes into a blob too (job.data stays NULL);
-- the blob is deleted when the job ends.
ALTER TABLE job ADD COLUMN data_blob_id INTEGER REFERENCES blob(id) ON DELETE SET NULL;

-- Deleting a job's blob looks for the rows that refer to it.
CREATE INDEX document_original_blob ON document(original_blob_id);
CREATE INDEX job_data_blob ON job(data_blob_id);
