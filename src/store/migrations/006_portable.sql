-- 006: one schema for both engines. The account table no longer uses a
-- name PostgreSQL reserves, and the keys that SQL used to compute through
-- callbacks into C are stored columns, filled by C when rows are written
-- (existing rows are filled right after this migration, see store.c).

ALTER TABLE user RENAME TO account;
ALTER TABLE org ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
ALTER TABLE document ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
CREATE INDEX org_sort ON org(sort_key);

-- Login attempts get an id of their own (PostgreSQL has no rowid).
CREATE TABLE login_attempt_new (
  id     INTEGER PRIMARY KEY,
  ip     TEXT NOT NULL DEFAULT '',
  login  TEXT NOT NULL,
  at     TEXT NOT NULL,
  ok     INTEGER NOT NULL
);
INSERT INTO login_attempt_new(id, ip, login, at, ok) SELECT rowid, ip, login, at, ok FROM login_attempt;
DROP TABLE login_attempt;
ALTER TABLE login_attempt_new RENAME TO login_attempt;
CREATE INDEX login_attempt_ip_login ON login_attempt(ip, login, at);
CREATE INDEX login_attempt_ip_at ON login_attempt(ip, at);
CREATE INDEX login_attempt_at ON login_attempt(at);
