-- 005_round_plan.sql - a round tied to a plan: each body's report form
-- lists the tasks that body leads in the plan, and the consolidated view
-- shows the plan's execution table. At most one plan per round.
-- Same schema as SQLite's 010.
CREATE TABLE round_plan (
  round_id  BIGINT PRIMARY KEY REFERENCES round(id) ON DELETE CASCADE,
  plan_id   BIGINT NOT NULL REFERENCES plan(id)
);
CREATE INDEX round_plan_plan ON round_plan(plan_id);
