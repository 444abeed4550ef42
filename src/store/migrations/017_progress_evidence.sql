-- What shows a task's progress: an activity of the register or an imported
-- document (either, both or none). Removing the activity or the document
-- leaves the progress without it.
ALTER TABLE plan_progress ADD COLUMN evidence_activity_id INTEGER REFERENCES activity(id) ON DELETE SET NULL;
ALTER TABLE plan_progress ADD COLUMN evidence_document_id INTEGER REFERENCES document(id) ON DELETE SET NULL;
