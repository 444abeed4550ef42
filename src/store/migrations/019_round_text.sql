-- 019_round_text.sql - the consolidated text of a round, section by
-- section, as its coordinator rewrote it from the bodies' texts into one
-- narrative. What consolidated.docx prints; an empty text means "use the
-- draft made of the bodies' texts". version counts saves (optimistic
-- check: a save names the version it read).
CREATE TABLE round_text (
  round_id    INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE,
  section_key TEXT NOT NULL,
  text        TEXT NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1,
  updated_at  TEXT NOT NULL,
  updated_by  INTEGER REFERENCES account(id),
  PRIMARY KEY (round_id, section_key)
);
