-- 010_round_plan.sql - a round tied to a plan: each body's report form
-- lists the tasks that body leads in the plan, and the consolidated view
-- shows the plan's execution table. At most one plan per round.
CREATE TABLE round_plan (
  round_id  INTEGER PRIMARY KEY REFERENCES round(id) ON DELETE CASCADE,
  plan_id   INTEGER NOT NULL REFERENCES plan(id)
);
CREATE INDEX round_plan_plan ON round_plan(plan_id);
