-- The exact-spelling index merges its segments two at a time (FTS5
-- automerge 2, default 4): a search looks a ranked match up in it by rowid,
-- and each lookup visits every segment. It is small (no positions), so the
-- extra merging costs little. Only a setting: the index is not rebuilt.
INSERT INTO search_exact(search_exact, rank) VALUES ('automerge', 2);
