-- What shows a task's progress (SQLite 017): an activity of the register or
-- an imported document.
ALTER TABLE plan_progress
  ADD COLUMN evidence_activity_id BIGINT REFERENCES activity(id) ON DELETE SET NULL,
  ADD COLUMN evidence_document_id BIGINT REFERENCES document(id) ON DELETE SET NULL;
