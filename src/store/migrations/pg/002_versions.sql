-- 002_versions.sql - a version on every report, so a save made from an old
-- copy is refused instead of silently replacing newer work; and a type on
-- every count (integer or decimal). Same schema as SQLite's 007.
ALTER TABLE report ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE round_count ADD COLUMN type TEXT NOT NULL DEFAULT 'integer'
  CHECK (type IN ('integer', 'decimal'));
UPDATE round_count SET type = 'decimal' WHERE EXISTS (
  SELECT 1 FROM report_value v JOIN report p ON p.id = v.report_id
  WHERE p.round_id = round_count.round_id AND v.count_key = round_count.key
    AND v.value <> trunc(v.value));
