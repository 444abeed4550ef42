-- 005: one schema for both engines. The account table no longer uses a
-- name PostgreSQL reserves, and the keys that SQL used to compute through
-- callbacks into C are stored columns, filled by C when rows are written
-- (existing rows are filled right after this migration, see store.c).

ALTER TABLE user RENAME TO account;
ALTER TABLE org ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
ALTER TABLE document ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
CREATE INDEX org_sort ON org(sort_key);
